"""One ingest run: a session that owns it, plain steps with typed infos, an extraction pool.

The flow in ``flows/ingest.py`` writes the order of the steps; everything else
lives here, free of Prefect::

    with session(settings) as run:
        fetched = run.record(
            FetchInfo.combine(
                fetch_sources(settings, group, start=run.start, batch_no=i, pool=run.pool)
                for i, group in enumerate(chunked(settings.sources.sources, 25))
            )
        )
        extracted = ExtractInfo((), run.start.boilerplate)
        for batch in page_batches(settings, fetched):
            extracted = extracted.then(
                extract_pages(settings, batch, boilerplate=extracted.boilerplate, pool=run.pool)
            )
        run.record(extracted)
        run.record(load_pages(settings, run_id=run.run_id, fetched=fetched, extracted=extracted))
        run.record(detect_pending(settings, pool=run.pool))
        run.record(index_articles(settings, run_id=run.run_id))
        run.record(deliver_alerts(settings))
    summary = run.summary   # RunSummary, also stored in the runs table

The session holds the run lock, records the run in ``runs`` (``running``, then
``completed``, ``failed`` or ``interrupted``), makes the :class:`ExtractionPool`
and closes it, and builds the :class:`~wirewatch.models.RunSummary` from the step
infos. Steps take the pool as an argument; without one they do the same work
in-process, so a step also runs where the pool is not (another process or machine).

The names below load their module on first use: a worker process, which only
needs ``wirewatch.run.worker``, does not import the warehouse and alert code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirewatch.run.infos import (
        AlertInfo,
        DetectInfo,
        ExtractInfo,
        FetchInfo,
        LoadInfo,
        RunStart,
        StoryAlertInfo,
        summarize,
        summary_line,
    )
    from wirewatch.run.lock import run_lock
    from wirewatch.run.params import RunParams
    from wirewatch.run.pool import ExtractionPool
    from wirewatch.run.runsession import RunSession, extraction_pool, session
    from wirewatch.run.steps import (
        archived_batches,
        archives_of,
        chunked,
        compact,
        deliver_alerts,
        detect_pending,
        extract_pages,
        fetch_sources,
        index_articles,
        load_pages,
        page_batches,
        queue_story_alerts,
        read_archives,
    )

_MODULES = {
    "infos": (
        "AlertInfo",
        "DetectInfo",
        "ExtractInfo",
        "FetchInfo",
        "LoadInfo",
        "RunStart",
        "StoryAlertInfo",
        "summarize",
        "summary_line",
    ),
    "lock": ("run_lock",),
    "params": ("RunParams",),
    "pool": ("ExtractionPool",),
    "runsession": ("RunSession", "extraction_pool", "session"),
    "steps": (
        "archived_batches",
        "archives_of",
        "chunked",
        "compact",
        "deliver_alerts",
        "detect_pending",
        "extract_pages",
        "fetch_sources",
        "index_articles",
        "load_pages",
        "page_batches",
        "queue_story_alerts",
        "read_archives",
    ),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AlertInfo",
    "DetectInfo",
    "ExtractInfo",
    "ExtractionPool",
    "FetchInfo",
    "LoadInfo",
    "RunParams",
    "RunSession",
    "RunStart",
    "archived_batches",
    "StoryAlertInfo",
    "archives_of",
    "chunked",
    "compact",
    "deliver_alerts",
    "detect_pending",
    "extract_pages",
    "extraction_pool",
    "fetch_sources",
    "index_articles",
    "load_pages",
    "page_batches",
    "queue_story_alerts",
    "read_archives",
    "run_lock",
    "session",
    "summarize",
    "summary_line",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
