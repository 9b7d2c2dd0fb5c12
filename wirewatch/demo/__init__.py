"""The bundled demo newswire: agency-styled sites served on loopback for ``wirewatch demo``.

    with DemoNewswire() as wire:
        wire.sources       # SourcesConfig pointing at the running sites
        wire.set_edition(2)

Content (sites, articles, templates, expected results) lives in ``config/demo``:
a hand-written week (2026-11-16..22) and, with ``history=True``, fourteen
weeks of generated archive before it (:mod:`wirewatch.demo.history`).
"""

from wirewatch.demo.content import DemoArticle, DemoContent, DemoSite, article_path, load_content
from wirewatch.demo.expected import Expected, ExpectedMeeting, load_expected
from wirewatch.demo.history import History, HistoryStory, MeetingReport, generate_history
from wirewatch.demo.server import DemoNewswire, default_root, history_default

__all__ = [
    "DemoArticle",
    "DemoContent",
    "DemoNewswire",
    "DemoSite",
    "Expected",
    "ExpectedMeeting",
    "History",
    "HistoryStory",
    "MeetingReport",
    "article_path",
    "default_root",
    "generate_history",
    "history_default",
    "load_content",
    "load_expected",
]
