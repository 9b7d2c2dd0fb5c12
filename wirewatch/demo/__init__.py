"""The bundled demo newswire: agency-styled sites served on loopback for ``wirewatch demo``.

    with DemoNewswire() as wire:
        wire.sources       # SourcesConfig pointing at the running sites
        wire.set_edition(2)

Content (sites, articles, templates, expected results) lives in ``config/demo``.
"""

from wirewatch.demo.content import DemoArticle, DemoContent, DemoSite, article_path, load_content
from wirewatch.demo.expected import Expected, ExpectedMeeting, load_expected
from wirewatch.demo.server import DemoNewswire, default_root

__all__ = [
    "DemoArticle",
    "DemoContent",
    "DemoNewswire",
    "DemoSite",
    "Expected",
    "ExpectedMeeting",
    "article_path",
    "default_root",
    "load_content",
    "load_expected",
]
