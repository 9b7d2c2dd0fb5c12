"""What the extraction pool's worker processes run: picklable top-level functions.

A worker is started with the run's sources and the templates known when the run
began (:func:`start_worker`), so that a page sent to it carries only itself.
The same functions run in-process when a step has no pool.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from wirewatch import lifetime
from wirewatch.config import SourceConfig
from wirewatch.detect import detect_meetings, mentioned_countries
from wirewatch.errors import WirewatchError
from wirewatch.extract import BoilerplateModel, extract_document, extract_pages, load_tables
from wirewatch.models import Meeting, Page, PageResult

__all__ = [
    "DetectRequest",
    "DetectResult",
    "detect_articles",
    "extract_chunk",
    "ready",
    "start_worker",
    "warm",
]

# (title, text, published_at, dateline) of one article version
DetectRequest = tuple[str | None, str, datetime | None, str | None]
# (meetings, mentioned countries) found in it
DetectResult = tuple[tuple[Meeting, ...], tuple[str, ...]]

# Set once per worker process by the pool's initializer (never in the parent process).
_SOURCES: dict[str, SourceConfig] = {}
_TEMPLATES: list[BoilerplateModel] = []


def start_worker(
    sources: Mapping[str, SourceConfig],
    templates: BoilerplateModel,
    owner: lifetime.Proc | None = None,
    registry: Path | None = None,
) -> None:
    """Pool initializer: live no longer than the run; remember its sources and starting templates."""
    if owner is not None:
        lifetime.start_pool_worker(owner, registry)  # a worker never outlives the run
    _SOURCES.clear()
    _SOURCES.update(sources)
    _TEMPLATES[:] = [templates]


def ready() -> int:
    """Nothing: submitted once per worker to start it; returns its process id."""
    return os.getpid()


def extract_chunk(pages: Sequence[Page], templates: BoilerplateModel | None) -> list[PageResult]:
    """Extract pages in a worker; ``templates`` None means the run's starting templates."""
    if templates is None:
        templates = _TEMPLATES[0] if _TEMPLATES else None
    return extract_pages(pages, _SOURCES, templates)


def detect_articles(requests: Sequence[DetectRequest]) -> list[DetectResult]:
    """Meetings and country mentions of each article (in a worker or in-process)."""
    return [
        (
            tuple(detect_meetings(title, text, published_at, dateline=dateline)),
            tuple(mentioned_countries(title, text)),
        )
        for title, text, published_at, dateline in requests
    ]


_SAMPLE_PAGE = b"""<html lang="en"><head><title>Ministers meet</title></head><body><article>
<h1>Foreign ministers of China and Russia hold talks in Beijing</h1>
<p>BEIJING, Dec. 2 (Xinhua) -- Chinese Foreign Minister Wang Yi held talks with Russian
Foreign Minister Sergei Lavrov in Beijing on Monday, the two sides said in a statement.</p>
<p>The two ministers discussed bilateral relations and regional issues of common concern,
and agreed to keep in close contact, according to the statement issued after the talks.</p>
</article></body></html>"""


def warm() -> None:
    """Load extraction's lazy tables and run extraction and detection once on a tiny page.

    Done once in the pool's forkserver, so every worker forked from it starts warm.
    """
    load_tables()
    try:
        article = extract_document(_SAMPLE_PAGE, "http://warm.invalid/a.html")
    except WirewatchError:
        return
    detect_articles([(article.title, article.text, datetime.now(UTC), article.dateline)])
