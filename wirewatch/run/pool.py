"""The extraction pool: worker processes that extract pages and detect meetings for one run.

The run session makes one (:class:`ExtractionPool`) and closes it when the run
ends; steps receive it as an argument, and a step given none does the same work
in its own process. Pages are handed to the pool as they arrive
(:meth:`ExtractionPool.extract_early`), so extraction overlaps the network wait
instead of following it; the extract step then collects those results and
extracts whatever is missing itself, so the outcome is the same either way.

Workers start from a forkserver that has imported and warmed the extraction and
detection code once (:mod:`wirewatch.run.preload`): forkserver, not fork, because
the flow runs threads, and forking a threaded process can deadlock.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import Final, TypeVar

from wirewatch import lifetime
from wirewatch.config import SourceConfig
from wirewatch.extract import BoilerplateModel
from wirewatch.models import Page, PageResult
from wirewatch.run.spawning import worker_context
from wirewatch.run.worker import (
    DetectRequest,
    DetectResult,
    detect_articles,
    extract_chunk,
    ready,
    start_worker,
)

__all__ = ["ExtractionPool"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_R = TypeVar("_R")

PRELOAD: Final = ["wirewatch.run.preload"]
# Pages held back before the forkserver (the slow part of starting workers: an
# interpreter importing and warming the extraction code, about a second) starts
# in the background: a run that fetched this many new pages usually fetches
# more, and the workers can then start within the fetch. Runs with fewer pay nothing.
WARM_AFTER_PAGES: Final = 8
# Pages sent to a worker at once while fetching. The hand-over runs on threads of
# the fetching process, which holds the GIL most of the time: one page at a time
# left the workers idle, waiting for work, for most of the fetch.
EARLY_CHUNK: Final = 8
# Chunks per worker for a batch: enough to even out slow pages, few enough that
# scheduling and pickling stay small next to the extraction itself.
CHUNKS_PER_WORKER: Final = 4
MIN_CHUNK: Final = 8


def _chunks(items: Sequence[_T], workers: int) -> list[list[_T]]:
    size = max(MIN_CHUNK, len(items) // (workers * CHUNKS_PER_WORKER))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class ExtractionPool:
    """Worker processes for one run's CPU work; started on demand, closed by the run session.

    Pages handed over early are held back until ``min_pages`` have arrived, so a
    small run never pays for starting workers; then the workers start in the
    background (the fetch goes on meanwhile) and take everything held back.
    """

    def __init__(
        self,
        *,
        workers: int,
        sources: Sequence[SourceConfig],
        templates: BoilerplateModel,
        min_pages: int,
        registry: Path | None = None,
    ) -> None:
        self.workers = workers
        self.min_pages = min_pages
        self._registry = registry  # where workers are recorded (wirewatch.lifetime)
        self._sources = {s.name: s for s in sources}
        self._templates = templates
        self._lock = threading.Lock()
        self._starter: threading.Thread | None = None
        self._warmer: threading.Thread | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
        self._closed = False
        self._held: list[Page] = []  # before the workers start
        self._chunk: list[Page] = []  # after: filling the next chunk
        self._early: dict[str, tuple[Future[list[PageResult]], int]] = {}

    # -- life cycle ------------------------------------------------------------

    @property
    def started(self) -> bool:
        """True while worker processes are up and usable."""
        return self._executor is not None and not self._broken

    def start(self, *, wait: bool = True) -> bool:
        """Start the workers (in the background unless ``wait``); False when the pool is unusable."""
        with self._lock:
            if self._closed or self._broken:
                return False
            if self._starter is None:
                self._starter = threading.Thread(
                    target=self._launch, name="extraction-pool-start", daemon=True
                )
                self._starter.start()
            starter = self._starter
        if wait:
            starter.join()
        return self.started

    @staticmethod
    def _context() -> multiprocessing.context.ForkServerContext:
        context = worker_context()
        context.set_forkserver_preload(PRELOAD)
        return context

    def _warm(self) -> None:
        from multiprocessing import forkserver

        self._context()
        with contextlib.suppress(OSError):  # the pool's own start reports a failure
            forkserver.ensure_running()

    def _launch(self) -> None:
        # Outside the lock: the first start of the forkserver takes about a second.
        context = self._context()
        executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=start_worker,
            initargs=(self._sources, self._templates, lifetime.Proc.current(), self._registry),
        )
        try:
            for _ in range(self.workers):  # forkserver workers start on demand: start them all now
                executor.submit(ready)
        except (OSError, RuntimeError, BrokenProcessPool) as exc:
            log.warning("extraction pool did not start (%s); extracting in-process", exc)
            executor.shutdown(wait=False, cancel_futures=True)
            with self._lock:
                self._broken = True
            return
        with self._lock:
            if self._closed:
                executor.shutdown(wait=False, cancel_futures=True)
                return
            self._executor = executor
            held, self._held = self._held, []
            self._submit_early(executor, held, flush=True)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers; ``cancel`` drops queued work and kills busy workers at once."""
        with self._lock:
            self._closed = True
            starter = self._starter
        if starter is not None:
            starter.join()
        with self._lock:
            executor, self._executor = self._executor, None
            self._held.clear()
            self._chunk.clear()
            if not cancel:
                # Not on the way to killing the workers: on Python 3.11 a dying worker makes the
                # pool's manager thread set an error on a cancelled future (InvalidStateError).
                for future, _ in self._early.values():
                    future.cancel()
            self._early.clear()
        if executor is None:
            return
        if cancel:
            # shutdown() would wait for the pages in progress; an interrupted run should not.
            processes = list((getattr(executor, "_processes", None) or {}).values())
            executor.shutdown(wait=False, cancel_futures=False)  # nothing cancelled: see above
            for process in processes:
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    process.terminate()
        else:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc_type is not None)

    def pids(self) -> list[int]:
        """Process ids of the running workers (for supervision and measurement)."""
        with self._lock:
            executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return [p.pid for p in processes.values() if p.pid is not None]

    def _broke(self, exc: BaseException) -> None:
        # A worker died (out of memory, a crash in a C library): the rest of the run
        # works in-process, where the same page fails as a counted outcome.
        log.warning("extraction pool broke (%s); continuing in-process", exc)
        with self._lock:
            self._broken = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    # -- early extraction ------------------------------------------------------

    def extract_early(self, page: Page) -> None:
        """Hand over a page as it arrives (called from fetch threads; never blocks for long)."""
        with self._lock:
            if self._closed or self._broken:
                return
            if self._executor is not None:
                self._submit_early(self._executor, [page])
                return
            self._held.append(page)
            start = len(self._held) >= self.min_pages and self._starter is None
            if len(self._held) >= WARM_AFTER_PAGES and self._warmer is None and not start:
                self._warmer = threading.Thread(
                    target=self._warm, name="extraction-pool-warm", daemon=True
                )
                self._warmer.start()
        if start:
            self.start(wait=False)

    def _submit_early(
        self, executor: ProcessPoolExecutor, pages: Sequence[Page], *, flush: bool = False
    ) -> None:
        """Submit pages in chunks of ``EARLY_CHUNK`` (all of them if ``flush``). Caller holds the lock."""
        self._chunk.extend(pages)
        try:
            while len(self._chunk) >= EARLY_CHUNK or (flush and self._chunk):
                chunk, self._chunk = self._chunk[:EARLY_CHUNK], self._chunk[EARLY_CHUNK:]
                future = executor.submit(extract_chunk, chunk, None)
                for index, page in enumerate(chunk):
                    self._early[page.fetch_id] = (future, index)
        except (BrokenProcessPool, RuntimeError):
            self._broken = True

    def collect_early(self, pages: Iterable[Page]) -> dict[str, PageResult]:
        """The results of those ``pages`` extracted early, by fetch id; waits for them.

        Pages still held back, or lost to a broken pool, are not in the answer:
        the caller extracts them.
        """
        wanted = {p.fetch_id for p in pages}
        with self._lock:
            futures = {i: f for i in wanted if (f := self._early.pop(i, None)) is not None}
            self._held = [p for p in self._held if p.fetch_id not in wanted]
            self._chunk = [p for p in self._chunk if p.fetch_id not in wanted]
        done: dict[str, PageResult] = {}
        for fetch_id, (future, index) in futures.items():
            try:
                done[fetch_id] = future.result()[index]
            except BrokenProcessPool as exc:
                self._broke(exc)
        return done

    # -- batches ---------------------------------------------------------------

    def _map(
        self, function: Callable[[list[_T]], list[_R]], items: Sequence[_T]
    ) -> list[_R] | None:
        if not self.start(wait=True):
            return None
        with self._lock:
            executor = self._executor
        if executor is None:
            return None
        try:
            parts = list(executor.map(function, _chunks(items, self.workers)))
        except (BrokenProcessPool, RuntimeError) as exc:
            self._broke(exc)
            return None
        return [item for part in parts for item in part]

    def extract(
        self, pages: Sequence[Page], templates: BoilerplateModel
    ) -> list[PageResult] | None:
        """Extract ``pages`` (in order) with ``templates``; None when the pool cannot (extract in-process)."""
        return self._map(_Extract(templates), pages)

    def detect(self, requests: Sequence[DetectRequest]) -> list[DetectResult] | None:
        """Detect meetings in each article (in order); None when the pool cannot (detect in-process)."""
        return self._map(detect_articles, requests)


class _Extract:
    """``extract_chunk`` with fixed templates, picklable for ``executor.map``."""

    def __init__(self, templates: BoilerplateModel) -> None:
        self.templates = templates

    def __call__(self, pages: list[Page]) -> list[PageResult]:
        return extract_chunk(pages, self.templates)
