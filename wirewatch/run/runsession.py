"""The run session: the run lock, the ``runs`` row, the extraction pool and the summary of one run.

::

    with session(settings) as run:
        fetched = run.record(fetch_sources(settings, sources, start=run.start, pool=run.pool))
        ...
    print(run.summary)

Entering records the run as ``running``; leaving records it ``completed``,
``failed`` (an error) or ``interrupted`` (Ctrl-C, SIGTERM, a cancelled flow),
with the summary built from the step infos recorded so far, and stops the
extraction pool. A run killed outright stays ``running`` until the next run
marks it ``interrupted``.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import TypeVar

from wirewatch import lifetime, progress, store
from wirewatch.extract import templates_of
from wirewatch.health import Backoff, backing_off
from wirewatch.indexing import IndexSync
from wirewatch.models import RunSummary
from wirewatch.run.infos import (
    AlertInfo,
    DetectInfo,
    ExtractInfo,
    FetchInfo,
    LoadInfo,
    RunStart,
    StoryAlertInfo,
    summarize,
)
from wirewatch.run.lock import run_lock
from wirewatch.run.pool import ExtractionPool
from wirewatch.settings import Settings
from wirewatch.store import connect, open_warehouse, transaction

__all__ = ["RunSession", "extraction_pool", "session"]

log = logging.getLogger(__name__)

_I = TypeVar(
    "_I", FetchInfo, ExtractInfo, LoadInfo, DetectInfo, IndexSync, StoryAlertInfo, AlertInfo
)


class RunSession:
    """One run under way: what it started from, its extraction pool, and its step infos."""

    def __init__(self, settings: Settings, start: RunStart, pool: ExtractionPool | None) -> None:
        self.settings = settings
        self.start = start
        self.pool = pool
        self._fetch: FetchInfo | None = None
        self._extract: ExtractInfo | None = None
        self._load: LoadInfo | None = None
        self._detect: DetectInfo | None = None
        self._alert: AlertInfo | None = None
        self._story: StoryAlertInfo | None = None
        self._index: IndexSync | None = None
        self.summary = self.summarize("running")

    @property
    def run_id(self) -> str:
        """The run's id (also in the ``runs`` row and the archive's file names)."""
        return self.start.run_id

    def record(self, info: _I) -> _I:
        """Keep a step's info for the run summary (one per kind of step); returns it."""
        if isinstance(info, FetchInfo):
            self._fetch = info
        elif isinstance(info, ExtractInfo):
            self._extract = info
        elif isinstance(info, LoadInfo):
            self._load = info
        elif isinstance(info, DetectInfo):
            self._detect = info
        elif isinstance(info, StoryAlertInfo):
            self._story = info
        elif isinstance(info, IndexSync):
            self._index = info
        else:
            self._alert = info
        return info

    def summarize(
        self, status: str, *, finished_at: datetime | None = None, failure: str | None = None
    ) -> RunSummary:
        """The run summary from the infos recorded so far."""
        return summarize(
            self.start,
            sources=len(self.settings.sources.sources),
            status=status,
            fetch=self._fetch,
            extract=self._extract,
            load=self._load,
            detect=self._detect,
            alert=self._alert,
            story=self._story,
            index=self._index,
            finished_at=finished_at,
            failure=failure,
        )

    def _end(self, status: str, *, failure: str | None = None) -> None:
        self.summary = self.summarize(status, finished_at=datetime.now(UTC), failure=failure)
        with connect(self.settings.db) as con, transaction(con):
            store.finish_run(con, self.summary)


def _begin(settings: Settings, run_id: str | None) -> RunSession:
    """Migrate the warehouse, register sources, record the run as running, read what is known."""
    started = datetime.now(UTC)
    run_id = run_id or f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    with open_warehouse(settings.db) as con, transaction(con):
        store.register_sources(con, settings.sources.sources)
        known = store.read_known_urls(con, [s.name for s in settings.sources.sources])
        fresh_since = started - timedelta(seconds=settings.defaults.robots_ttl_seconds)
        start = RunStart(
            run_id=run_id,
            started_at=started,
            known=known,
            boilerplate=store.load_boilerplate(con),
            backing_off=backing_off(
                store.read_health(con), started, Backoff.of(settings.defaults)
            ),
            robots=tuple(store.fresh_robots(con, fresh_since)),
        )
        run = RunSession(settings, start, None)
        store.start_run(con, run.summary)
    return run


def extraction_pool(settings: Settings, start: RunStart) -> ExtractionPool | None:
    """The run's extraction pool, or None when there is no second core to use."""
    workers = min(settings.defaults.extract_workers, os.cpu_count() or 1)
    if workers <= 1:
        return None
    return ExtractionPool(
        workers=workers,
        sources=settings.sources.sources,
        templates=templates_of(start.boilerplate),
        min_pages=settings.defaults.process_pool_min_pages,
        registry=lifetime.registry_beside(settings.run_lock),
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C (recorded ``interrupted``), unless someone else handles it."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def session(
    settings: Settings, *, run_id: str | None = None, pool: bool = True
) -> Iterator[RunSession]:
    """Hold the run lock and record one run from start to end (see the module docstring).

    ``pool=False`` runs every step in this process.
    """
    with run_lock(settings.run_lock), _sigterm_interrupts():
        run = _begin(settings, run_id)
        run.pool = extraction_pool(settings, run.start) if pool else None
        progress.start("sources", len(settings.sources.sources))
        progress.start("pages", 0)
        try:
            yield run
        except BaseException as exc:
            # An Exception is a failure; anything else (KeyboardInterrupt, SystemExit,
            # a cancelled flow's signal) stopped the run from outside.
            status = "failed" if isinstance(exc, Exception) else "interrupted"
            if run.pool is not None:
                run.pool.close(cancel=True)
            try:
                run._end(status, failure=f"{type(exc).__name__}: {exc}")
            except Exception as end_exc:  # keep the run's own error; the next run marks it interrupted
                log.warning("could not record run %s as %s: %s", run.run_id, status, end_exc)
            raise
        if run.pool is not None:
            run.pool.close()
        run._end("completed")
