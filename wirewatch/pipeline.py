"""The ingest run as plain Python steps.

Each public function here is one step of the Prefect flow in ``flows/ingest.py``
(a ``@task`` in ``tasks/`` wraps each one) and can be called without Prefect.
Steps that write open the warehouse for one batch, write in one transaction
and close it again, so a run killed at any point loses at most the batch in
flight and a rerun converges on the same warehouse.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import copy
import fcntl
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from rich.console import Console

from wirewatch import lifetime, progress, store
from wirewatch.alert import Delivery, build_channels, deliver_pending
from wirewatch.config import SourceConfig
from wirewatch.detect import detect_meetings, mentioned_countries
from wirewatch.errors import ExtractError, RunLocked
from wirewatch.extract import BoilerplateModel, extract_document
from wirewatch.fetch import KnownUrl, SourceFetch, WarcArchive, fetch_sources, read_archive
from wirewatch.models import FetchOutcome, Page, PageResult, RunSummary
from wirewatch.settings import Settings
from wirewatch.store import checkpoint, connect, open_warehouse, transaction

__all__ = [
    "NO_ROBOTS",
    "AlertOutcome",
    "DetectOutcome",
    "RunStart",
    "begin_run",
    "chunked",
    "deliver_alerts",
    "detect_pending",
    "end_run",
    "extract_pages",
    "fetch_batch",
    "load_results",
    "page_batches",
    "reprocess",
    "run_lock",
    "run_plain",
    "stopped_status",
    "summarize",
    "summary_line",
]


_T = TypeVar("_T")

# How the run summary counts a robots.txt that is simply not there (4xx): not an error.
NO_ROBOTS = "no_robots_txt"


def chunked(items: Sequence[_T], size: int) -> list[list[_T]]:
    """Split ``items`` into lists of at most ``size``."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the run lock: two runs never write at once; a second one fails at once.

    Whatever a killed run left running (its Prefect server, extraction workers)
    is stopped on taking the lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RunLocked(f"another wirewatch run holds {path}; wait for it to finish") from exc
        try:
            lifetime.stop_leftovers(lifetime.registry_beside(path))
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class RunStart:
    """What a run knows when it starts."""

    run_id: str
    started_at: datetime
    known: dict[str, KnownUrl]
    boilerplate: BoilerplateModel


def begin_run(settings: Settings, *, run_id: str | None = None) -> RunStart:
    """Migrate the warehouse, register sources, record the run and read what is known."""
    started = datetime.now(UTC)
    run_id = run_id or f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    summary = RunSummary(run_id=run_id, started_at=started, sources=len(settings.sources.sources))
    with open_warehouse(settings.db) as con, transaction(con):
        store.register_sources(con, settings.sources.sources)
        store.start_run(con, summary)
        known = store.read_known_urls(con, [s.name for s in settings.sources.sources])
        boilerplate = store.load_boilerplate(con)
    progress.start("sources", len(settings.sources.sources))
    progress.start("pages", 0)
    if (
        len(settings.sources.sources) * settings.defaults.max_pages_per_source
        >= settings.defaults.process_pool_min_pages
    ):
        pool = warm_extraction_pool(settings)
        if pool is not None:
            _EARLY[run_id] = _EarlyExtraction(pool, settings, _templates(boilerplate))
    return RunStart(run_id=run_id, started_at=started, known=known, boilerplate=boilerplate)


def fetch_batch(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    known: dict[str, KnownUrl],
    run_id: str,
    batch_no: int = 0,
) -> list[SourceFetch]:
    """Discover and fetch one batch of sources over async HTTP, archiving raw responses."""

    def page_done(source: str, done: int) -> None:
        progress.advance("pages")

    with ExitStack() as stack:
        archive = None
        if settings.defaults.archive:
            settings.archive_dir.mkdir(parents=True, exist_ok=True)
            path = settings.archive_dir / f"{run_id}-{batch_no:03d}.warc.gz"
            archive = stack.enter_context(WarcArchive(path))
        fetched = asyncio.run(
            fetch_sources(
                sources,
                defaults=settings.defaults,
                known=known,
                run_id=run_id,
                archive=archive,
                progress=page_done,
                on_page=early.submit if (early := _EARLY.get(run_id)) else None,
            )
        )
    progress.advance("sources", len(sources))
    return fetched


def _extract_one(
    page: Page, source: SourceConfig | None, boilerplate: BoilerplateModel
) -> PageResult:
    result = PageResult(
        fetch_id=page.fetch_id,
        source=page.source,
        url=page.url,
        final_url=page.final_url,
        fetched_at=page.fetched_at,
    )
    try:
        extracted = extract_document(
            page.body, page.final_url, charset=page.charset, source=source, boilerplate=boilerplate
        )
    except ExtractError as exc:
        return replace(result, error_outcome=exc.outcome, error=str(exc))
    if extracted.published is None and page.hint_published is not None:
        extracted = replace(extracted, published=page.hint_published)
    if not extracted.title and page.hint_title:
        extracted = replace(extracted, title=page.hint_title)
    return replace(result, extracted=extracted)


def _extract_chunk(
    pages: Sequence[Page], sources: dict[str, SourceConfig], boilerplate: BoilerplateModel
) -> list[PageResult]:
    return [_extract_one(p, sources.get(p.source), boilerplate) for p in pages]


_POOL: tuple[int, ProcessPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()


def _warm_worker() -> None:
    # Importing trafilatura and lxml costs about a second per process: pay it while fetching.
    import wirewatch.extract  # noqa: F401


def _start_worker(owner: lifetime.Proc, registry: Path | None) -> None:
    lifetime.start_pool_worker(owner, registry)  # a worker never outlives the run
    _warm_worker()


def extraction_pool(workers: int, registry: Path | None = None) -> ProcessPoolExecutor:
    """The process pool for extraction, started once per process and kept warm.

    forkserver, not fork: the flow runs threads, and forking a threaded process
    can deadlock. Workers are recorded in ``registry`` (see ``wirewatch.lifetime``).
    """
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != workers:
            context = multiprocessing.get_context("forkserver")
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(lifetime.Proc.current(), registry),
            )
            _POOL = (workers, pool)
            atexit.register(pool.shutdown, wait=False, cancel_futures=True)
        return _POOL[1]


def _reset_pool() -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL[1].shutdown(wait=False, cancel_futures=True)
        _POOL = None


def warm_extraction_pool(settings: Settings) -> ProcessPoolExecutor | None:
    """Start the extraction workers in the background, so they are ready when pages arrive."""
    workers = min(settings.defaults.extract_workers, os.cpu_count() or 1)
    if workers <= 1:
        return None
    pool = extraction_pool(workers, lifetime.registry_beside(settings.run_lock))
    for _ in range(workers):
        pool.submit(_warm_worker)
    return pool


def _templates(model: BoilerplateModel, hosts: Iterable[str] | None = None) -> BoilerplateModel:
    """Only the learned templates (what workers need), not every line counted so far."""
    part = model if hosts is None else model.subset(hosts)
    return BoilerplateModel.from_rows(
        r for r in part.to_rows() if r["is_template"] or not r["line_hash"]
    )


class _EarlyExtraction:
    """Pages handed to the extraction pool as they arrive, while others are still fetched.

    Extraction then overlaps the network wait instead of following it.
    ``extract_pages`` takes these results by fetch id and extracts whatever
    is missing itself (e.g. when tasks run in another process), so the
    outcome is the same either way: the learned templates are applied to
    every page afterwards.
    """

    def __init__(
        self, pool: ProcessPoolExecutor, settings: Settings, templates: BoilerplateModel
    ) -> None:
        self.pool = pool
        self.sources = {s.name: s for s in settings.sources.sources}
        self.templates = templates
        self.futures: dict[str, Future[list[PageResult]]] = {}
        # Fetch threads submit while a stopped run cancels: neither may see the other half done.
        self.lock = threading.Lock()
        self.cancelled = False

    def submit(self, page: Page) -> None:
        # A broken or shut-down pool: extract_pages extracts the page itself.
        with self.lock, contextlib.suppress(BrokenProcessPool, RuntimeError):
            if not self.cancelled:
                self.futures[page.fetch_id] = self.pool.submit(
                    _extract_chunk, [page], self.sources, self.templates
                )

    def take(self, fetch_id: str) -> PageResult | None:
        with self.lock:
            future = self.futures.pop(fetch_id, None)
        if future is None:
            return None
        try:
            return future.result()[0]
        except BrokenProcessPool:
            return None  # extracted again by extract_pages

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            for future in self.futures.values():
                future.cancel()
            self.futures.clear()


_EARLY: dict[str, _EarlyExtraction] = {}  # by run id, for the runs of this process


def extract_pages(
    settings: Settings,
    pages: Sequence[Page],
    *,
    boilerplate: BoilerplateModel,
    run_id: str | None = None,
) -> tuple[list[PageResult], BoilerplateModel]:
    """Extract and clean a batch of pages; CPU work goes to a process pool for big batches.

    Boilerplate is learned per host from this batch together with what earlier
    runs learned, and the learned template is applied to every page of the
    batch, so the first run on a new site is cleaned as well as later ones.
    Pages already extracted while the run was fetching (``run_id``) are taken
    from there.
    """
    sources = {s.name: s for s in settings.sources.sources}
    ordered = sorted(pages, key=lambda p: (p.source, p.url))
    progress.start("extract", len(ordered))
    early = _EARLY.get(run_id) if run_id else None
    done: dict[str, PageResult] = {}
    if early is not None:
        for page in ordered:
            result = early.take(page.fetch_id)
            if result is not None:
                done[page.fetch_id] = result
        progress.advance("extract", len(done))
    todo = [p for p in ordered if p.fetch_id not in done]
    templates = _templates(boilerplate, {_host(p.final_url) for p in todo})
    workers = min(settings.defaults.extract_workers, os.cpu_count() or 1)
    chunks = chunked(todo, max(8, len(todo) // (workers * 4)))
    parts: Iterable[list[PageResult]] = []
    if len(todo) >= settings.defaults.process_pool_min_pages and workers > 1:
        try:
            pool = extraction_pool(workers, lifetime.registry_beside(settings.run_lock))
            parts = list(
                pool.map(_extract_chunk, chunks, [sources] * len(chunks), [templates] * len(chunks))
            )
        except BrokenProcessPool:
            # A worker died (out of memory, a crash in a C library): start a new pool next
            # time, and extract this batch here.
            _reset_pool()
            parts = []
    if not parts:
        parts = (_extract_chunk(chunk, sources, templates) for chunk in chunks)
    for part in parts:
        done.update((r.fetch_id, r) for r in part)
        progress.advance("extract", len(part))
    results = [done[p.fetch_id] for p in ordered]
    model = _learn_boilerplate(boilerplate, results)
    return [_apply_boilerplate(r, model) for r in results], model


def forget_early(run_id: str) -> None:
    """Drop what the run handed to the pool early and never collected."""
    early = _EARLY.pop(run_id, None)
    if early is not None:
        early.cancel()


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _learn_boilerplate(
    model: BoilerplateModel, results: Sequence[PageResult]
) -> BoilerplateModel:
    learned = copy.deepcopy(model)
    for r in results:
        if r.extracted is not None:
            learned.observe(_host(r.final_url), r.extracted.paragraphs, page=r.final_url)
    return learned


def _apply_boilerplate(result: PageResult, model: BoilerplateModel) -> PageResult:
    ex = result.extracted
    if ex is None:
        return result
    host = _host(result.final_url)
    kept = tuple(p for p in ex.paragraphs if not model.is_boilerplate(host, p))
    if len(kept) == len(ex.paragraphs):
        return result
    if not kept:
        return replace(
            result,
            extracted=None,
            error_outcome=FetchOutcome.EXTRACT_EMPTY,
            error="every paragraph is site template",
        )
    return replace(result, extracted=replace(ex, paragraphs=kept, text="\n\n".join(kept)))


def load_results(
    settings: Settings,
    *,
    run_id: str,
    fetches: Sequence[SourceFetch],
    results: Sequence[PageResult],
    boilerplate: BoilerplateModel,
) -> store.ArticleLoad:
    """Dedupe and load extracted pages and every fetch attempt, one transaction per batch."""
    now = datetime.now(UTC)
    order = {s.name: i for i, s in enumerate(settings.sources.sources)}
    ordered = sorted(results, key=lambda r: (order.get(r.source, len(order)), r.url))
    overrides = {
        r.fetch_id: (r.error_outcome, r.error) for r in ordered if r.error_outcome is not None
    }
    updated_hint = {c.url: c.updated or c.published for f in fetches for c in f.candidates}
    by_fetch = {r.fetch_id: r for r in ordered}
    records = [rec for f in fetches for rec in f.records]
    total = store.ArticleLoad()
    with connect(settings.db) as con:
        index = store.load_story_index(con, window_days=settings.defaults.story_window_days, now=now)
    batches = chunked(ordered, settings.defaults.extract_batch_size) or [[]]
    progress.start("load", len(batches))
    for i, batch in enumerate(batches):
        ids = {r.fetch_id for r in batch}
        # Fetch rows go with the pages they produced; the rest go with the last batch.
        batch_records = [
            rec
            for rec in records
            if rec.fetch_id in ids or (i == len(batches) - 1 and rec.fetch_id not in by_fetch)
        ]
        with connect(settings.db) as con, transaction(con):
            part = store.load_page_results(con, batch, index=index, now=now)
            store.record_fetches(
                con,
                run_id,
                batch_records,
                overrides=overrides,
                source_updated=updated_hint,
                deferred_sources=[f.source for f in fetches if f.deferred],
            )
            if i == 0:  # final already (extraction is done), and safe from a crash in later batches
                store.save_boilerplate(con, boilerplate)
        total.add(part)
        progress.advance("load")
    return total


@dataclass(frozen=True)
class DetectOutcome:
    """What meeting detection did in one run."""

    articles: int
    meetings_touched: int
    meetings_new: int
    alerts_created: int


def detect_pending(settings: Settings) -> DetectOutcome:
    """Detect meetings in every article version not yet scanned; queue their alerts."""
    with connect(settings.db) as con:
        pending = store.pending_detection(con)
    if not pending:
        return DetectOutcome(0, 0, 0, 0)
    progress.start("detect", len(pending))
    detections = [
        store.Detection(
            article_id=a.article_id,
            version=a.version,
            story_id=a.story_id,
            published_at=a.published_at,
            meetings=tuple(detect_meetings(a.title, a.text, a.published_at, dateline=a.dateline)),
            countries=tuple(mentioned_countries(a.title, a.text)),
        )
        for a in pending
    ]
    progress.advance("detect", len(pending))
    now = datetime.now(UTC)
    with connect(settings.db) as con, transaction(con):
        before = store.count_meetings(con)
        touched = store.store_detections(con, detections, now=now)
        new = store.count_meetings(con) - before
        created = store.plan_meeting_alerts(con, touched, settings.alerts, now=now)
    return DetectOutcome(len(pending), len(touched), int(new), created)


@dataclass(frozen=True)
class AlertOutcome:
    """What alert delivery did in one run."""

    attempted: int
    sent: int
    failed: int


def deliver_alerts(settings: Settings, *, console: Console | None = None) -> AlertOutcome:
    """Send every due alert in the outbox and record each outcome."""
    now = datetime.now(UTC)
    with connect(settings.db) as con:
        pending = store.pending_alerts(con, now=now)
    if not pending:
        return AlertOutcome(0, 0, 0)
    progress.start("alerts", len(pending))
    channels = build_channels(settings.alerts, base_dir=settings.data_dir, console=console)

    def record(delivery: Delivery) -> None:
        # Each outcome is written as soon as it is known, in its own short transaction: a
        # crash, or a lock we cannot get, stops the sending instead of sending everything again.
        with connect(settings.db) as con, transaction(con):
            store.record_deliveries(con, [delivery])

    deliveries = deliver_pending(pending, channels, now=now, on_delivery=record)
    sent = sum(1 for d in deliveries if d.ok)
    return AlertOutcome(len(pending), sent, len(deliveries) - sent)


def stopped_status(exc: BaseException) -> str:
    """The status of a run that ``exc`` stopped: Ctrl-C interrupts it, anything else fails it."""
    return "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"


def end_run(settings: Settings, summary: RunSummary) -> None:
    """Record the run's final counts."""
    forget_early(summary.run_id)
    summary.finished_at = datetime.now(UTC)
    with connect(settings.db) as con, transaction(con):
        store.finish_run(con, summary)


def page_batches(settings: Settings, fetches: Sequence[SourceFetch]) -> list[list[Page]]:
    """The run's pages in a deterministic order (config order, then URL), in extract batches."""
    order = {s.name: i for i, s in enumerate(settings.sources.sources)}
    pages = sorted(
        (p for f in fetches for p in f.pages),
        key=lambda p: (order.get(p.source, len(order)), p.url),
    )
    return chunked(pages, settings.defaults.extract_batch_size)


def summarize(
    summary: RunSummary,
    *,
    fetches: Sequence[SourceFetch],
    results: Sequence[PageResult],
    loaded: store.ArticleLoad,
    detected: DetectOutcome,
    delivered: AlertOutcome,
) -> RunSummary:
    """Fill the run summary with the counts of every stage."""
    overrides = {r.fetch_id: r.error_outcome for r in results if r.error_outcome}
    for f in fetches:
        for rec in f.records:
            if (
                rec.kind == "robots"
                and rec.status_code is not None
                and 400 <= rec.status_code < 500
            ):
                overrides[rec.fetch_id] = NO_ROBOTS  # a missing robots.txt allows everything
    outcomes: dict[str, int] = {}
    for f in fetches:
        for rec in f.records:
            outcome = overrides.get(rec.fetch_id, rec.outcome)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    summary.fetch_outcomes = dict(sorted(outcomes.items()))
    summary.discovered = sum(len(f.candidates) for f in fetches)
    summary.skipped_known = sum(f.skipped_known for f in fetches)
    summary.fetched = sum(len(f.records) for f in fetches)
    # Pages that fetched fine but held no article are extract errors, not fetch errors.
    fine = (
        FetchOutcome.OK,
        FetchOutcome.NOT_MODIFIED,
        NO_ROBOTS,
        FetchOutcome.EXTRACT_EMPTY,
        FetchOutcome.DECODE_ERROR,
    )
    summary.fetch_errors = sum(n for k, n in outcomes.items() if k not in fine)
    summary.extracted = sum(1 for r in results if r.extracted is not None)
    summary.extract_errors = sum(1 for r in results if r.extracted is None)
    summary.articles_new = loaded.new
    summary.articles_updated = loaded.updated
    summary.articles_unchanged = loaded.unchanged
    summary.url_variants = loaded.url_variants
    summary.stories_new = loaded.stories_new
    summary.meetings_new = detected.meetings_new
    summary.alerts_created = detected.alerts_created
    summary.alerts_sent = delivered.sent
    summary.alerts_failed = delivered.failed
    details = {r.fetch_id: r.error for r in results if r.error_outcome}
    summary.errors = [
        f"{rec.source}: {rec.url}: {outcome}: {details.get(rec.fetch_id) or rec.error or rec.status_code}"
        for f in fetches
        for rec in f.records
        if (outcome := overrides.get(rec.fetch_id, rec.outcome))
        not in (FetchOutcome.OK, FetchOutcome.NOT_MODIFIED, NO_ROBOTS)
    ] + [f"{f.source}: {e}" for f in fetches for e in f.errors]
    return summary


def summary_line(summary: RunSummary) -> str:
    """The run summary in one line, for logs."""
    return (
        f"run {summary.run_id} {summary.status}: {summary.fetched} requests "
        f"({summary.fetch_errors} errors), {summary.articles_new} new and "
        f"{summary.articles_updated} updated articles, {summary.stories_new} new stories, "
        f"{summary.meetings_new} new meetings, {summary.alerts_sent} alerts sent, "
        f"{summary.alerts_failed} failed"
    )


def compact(settings: Settings) -> int:
    """Drop near-duplicate index entries older than twice the story window; checkpoint."""
    cutoff = datetime.now(UTC) - timedelta(days=2 * settings.defaults.story_window_days)
    with connect(settings.db) as con:
        with transaction(con):
            pruned = store.prune_story_index(con, before=cutoff)
        checkpoint(con)
    return pruned


def run_plain(settings: Settings, *, timings: dict[str, float] | None = None) -> RunSummary:
    """One ingest run without Prefect: the flow's steps in order, in this process.

    For benchmarks, tests and embedding; ``timings``, if given, receives the
    wall time of each step.
    """
    with run_lock(settings.run_lock):
        clock = _StepClock(timings)
        start = begin_run(settings)
        clock.lap("begin")
        summary = RunSummary(
            run_id=start.run_id, started_at=start.started_at, sources=len(settings.sources.sources)
        )
        try:
            fetches = fetch_batch(
                settings, settings.sources.sources, known=start.known, run_id=start.run_id
            )
            clock.lap("fetch")
            results, model = _extract_batches(
                settings, page_batches(settings, fetches), start.boilerplate, run_id=start.run_id
            )
            clock.lap("extract")
            _complete(settings, start, summary, fetches, results, model, clock)
        except BaseException as exc:
            summary.status = stopped_status(exc)
            summary.errors.append(f"{type(exc).__name__}: {exc}")
            end_run(settings, summary)
            raise
    return summary


def reprocess(settings: Settings, archives: Sequence[Path]) -> RunSummary:
    """Re-extract archived responses without refetching, and load what changed.

    The newest archived copy of each URL wins. Articles whose cleaned text is
    unchanged stay as they are; changed ones get a new version and go through
    detection again. Recorded as a run like any other.
    """
    with run_lock(settings.run_lock):
        start = begin_run(settings)
        summary = RunSummary(
            run_id=start.run_id, started_at=start.started_at, sources=len(settings.sources.sources)
        )
        newest: dict[str, Page] = {}
        for path in sorted(archives):
            for page in read_archive(path):
                newest[page.url] = page
        ordered = sorted(newest.values(), key=lambda p: (p.source, p.url))
        results, model = _extract_batches(
            settings, chunked(ordered, settings.defaults.extract_batch_size), start.boilerplate
        )
        _complete(settings, start, summary, [], results, model, _StepClock(None))
    return summary


class _StepClock:
    """Records the wall time between laps into a dict, if one is given."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[step] = now - self.last
        self.last = now


def _extract_batches(
    settings: Settings,
    batches: Sequence[Sequence[Page]],
    boilerplate: BoilerplateModel,
    *,
    run_id: str | None = None,
) -> tuple[list[PageResult], BoilerplateModel]:
    results: list[PageResult] = []
    for batch in batches:
        part, boilerplate = extract_pages(settings, batch, boilerplate=boilerplate, run_id=run_id)
        results.extend(part)
    return results, boilerplate


def _complete(
    settings: Settings,
    start: RunStart,
    summary: RunSummary,
    fetches: Sequence[SourceFetch],
    results: Sequence[PageResult],
    boilerplate: BoilerplateModel,
    clock: _StepClock,
) -> None:
    loaded = load_results(
        settings, run_id=start.run_id, fetches=fetches, results=results, boilerplate=boilerplate
    )
    clock.lap("dedupe+load")
    detected = detect_pending(settings)
    clock.lap("detect")
    delivered = deliver_alerts(settings)
    summarize(
        summary,
        fetches=fetches,
        results=results,
        loaded=loaded,
        detected=detected,
        delivered=delivered,
    )
    summary.status = "completed"
    end_run(settings, summary)
    clock.lap("alert+end")
