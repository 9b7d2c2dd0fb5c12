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

The names below load their module on first use (:mod:`wirewatch.lazy`: the typed
imports are the one list of them): a worker process, which only needs
``wirewatch.run.worker``, does not import the warehouse and alert code.
"""

# ruff: noqa: F401  (the TYPE_CHECKING imports are the facade's list of names: wirewatch/lazy.py)
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wirewatch.lazy import lazy_names, load_lazily

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
        summary_markdown,
    )
    from wirewatch.run.lock import run_lock, run_lock_held
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

_WHERE = lazy_names(__name__, __file__)  # the imports above, the one list of names
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    return load_lazily(name, _WHERE, globals(), facade=__name__)
