"""The steps of a run as plain functions: typed inputs in, a frozen step info out.

``flows/ingest.py`` calls them, through thin tasks, in the one order a run
has: fetch (a group of sources per call) -> extract (a batch of pages per call)
-> dedupe/load -> detect -> story alerts -> alert. Steps that write open the warehouse for one
batch, write in one transaction and close it again, so a run killed at any
point loses at most the batch in flight and a rerun converges on the same
warehouse. A step given an :class:`~wirewatch.run.pool.ExtractionPool` sends its
CPU work there; given none, it does the same work in its own process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, TypeVar

from rich.console import Console

from wirewatch import progress, store
from wirewatch.alert import Delivery, build_channels, deliver_pending
from wirewatch.config import SourceConfig
from wirewatch.errors import ConfigError, UsageError
from wirewatch.extract import (
    BoilerplateModel,
    apply_boilerplate,
    learn_boilerplate,
    page_hosts,
    templates_of,
)
from wirewatch.extract import extract_pages as extract_in_process
from wirewatch.fetch import WarcArchive, mask_credentials, read_archive, robots_cache_for
from wirewatch.fetch import fetch_sources as fetch_all
from wirewatch.health import Backoff, Observation, observe
from wirewatch.indexing import IndexSync, sync_index
from wirewatch.models import Page, PageResult
from wirewatch.run.infos import (
    AlertInfo,
    DetectInfo,
    ExtractInfo,
    FetchInfo,
    LoadInfo,
    RunStart,
    StoryAlertInfo,
)
from wirewatch.run.loading import LoadHints, load_batch, ordered_results
from wirewatch.run.pool import ExtractionPool
from wirewatch.run.worker import detect_articles
from wirewatch.settings import Settings
from wirewatch.store import connect, transaction

__all__ = [
    "archives_of",
    "chunked",
    "compact",
    "deliver_alerts",
    "detect_pending",
    "extract_pages",
    "fetch_sources",
    "index_articles",
    "listing_observations",
    "load_pages",
    "page_batches",
    "queue_story_alerts",
    "read_archives",
]

_T = TypeVar("_T")

# Detection takes a few milliseconds an article: below this many, sending the
# texts to the workers costs more than the second core saves.
DETECT_IN_POOL_MIN: Final = 32


def chunked(items: Sequence[_T], size: int) -> list[list[_T]]:
    """Split ``items`` into lists of at most ``size``."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def fetch_sources(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    start: RunStart,
    batch_no: int = 0,
    pool: ExtractionPool | None = None,
) -> FetchInfo:
    """Discover and fetch a group of sources over async HTTP, archiving raw responses.

    With a ``pool``, each page goes to it for extraction as soon as it arrives.
    """

    def page_done(source: str, done: int) -> None:
        progress.advance("pages")

    with ExitStack() as stack:
        archive = None
        if settings.defaults.archive:
            settings.archive_dir.mkdir(parents=True, exist_ok=True)
            path = settings.archive_dir / f"{start.run_id}-{batch_no:03d}.warc.gz"
            archive = stack.enter_context(WarcArchive(path))
        fetched = asyncio.run(
            fetch_all(
                sources,
                defaults=settings.defaults,
                known=start.known,
                run_id=start.run_id,
                archive=archive,
                progress=page_done,
                on_page=pool.extract_early if pool is not None else None,
                skip=start.backing_off,
                robots=robots_cache_for(start.run_id, start.robots),
            )
        )
    progress.advance("sources", len(sources))
    return FetchInfo(tuple(fetched))


def page_batches(settings: Settings, fetched: FetchInfo) -> list[list[Page]]:
    """The run's pages in a deterministic order (config order, then URL), in extract batches."""
    order = {s.name: i for i, s in enumerate(settings.sources.sources)}
    pages = sorted(fetched.pages, key=lambda p: (order.get(p.source, len(order)), p.url))
    return chunked(pages, settings.defaults.extract_batch_size)


def archives_of(settings: Settings, run_id: str | None = None) -> list[Path]:
    """The WARC files of one run (by run id or its prefix), or of every run."""
    return sorted(settings.archive_dir.glob(f"{run_id or ''}*.warc.gz"))


def read_archives(settings: Settings, archives: Sequence[Path]) -> list[list[Page]]:
    """The newest archived copy of each URL (by source, then URL), in extract batches."""
    newest: dict[str, Page] = {}
    for path in sorted(archives):
        for page in read_archive(path):
            newest[page.url] = page
    ordered = sorted(newest.values(), key=lambda p: (p.source, p.url))
    return chunked(ordered, settings.defaults.extract_batch_size)


def require_archives(settings: Settings, run_id: str | None = None) -> list[Path]:
    """``archives_of``, refusing (as bad usage) when there is nothing to reprocess."""
    archives = archives_of(settings, run_id)
    if not archives:
        raise UsageError(
            f"no archives in {settings.archive_dir}" + (f" for run {run_id}" if run_id else "")
        )
    return archives


def archived_batches(settings: Settings, run_id: str | None = None) -> list[list[Page]]:
    """The archived pages to extract again (of one run, or of all), in extract batches."""
    return read_archives(settings, require_archives(settings, run_id))


def extract_pages(
    settings: Settings,
    pages: Sequence[Page],
    *,
    boilerplate: BoilerplateModel,
    pool: ExtractionPool | None = None,
) -> ExtractInfo:
    """Extract and clean a batch of pages; the info carries the templates learned so far.

    Boilerplate is learned per host from this batch together with what earlier
    batches and runs learned (``boilerplate``), and the learned template is
    applied to every page of the batch. Pages the ``pool`` extracted while the
    run was fetching are taken from it; a big remainder goes to the pool too.
    """
    ordered = sorted(pages, key=lambda p: (p.source, p.url))
    progress.start("extract", len(ordered))
    done = pool.collect_early(ordered) if pool is not None else {}
    progress.advance("extract", len(done))
    todo = [p for p in ordered if p.fetch_id not in done]
    if todo:
        templates = templates_of(boilerplate, page_hosts(todo))
        found: list[PageResult] | None = None
        if pool is not None and (pool.started or len(todo) >= pool.min_pages):
            found = pool.extract(todo, templates)
        if found is None:
            sources = {s.name: s for s in settings.sources.sources}
            found = extract_in_process(todo, sources, templates)
        done.update((r.fetch_id, r) for r in found)
        progress.advance("extract", len(found))
    results = [done[p.fetch_id] for p in ordered]
    model = learn_boilerplate(boilerplate, results)
    return ExtractInfo(tuple(apply_boilerplate(results, model)), model)


def load_pages(
    settings: Settings, *, run_id: str, fetched: FetchInfo, extracted: ExtractInfo
) -> LoadInfo:
    """Dedupe and load extracted pages and every fetch attempt, one transaction per batch."""
    now = datetime.now(UTC)
    ordered = ordered_results(settings, extracted.results)
    hints = LoadHints.of(fetched, extracted)
    by_fetch = {r.fetch_id: r for r in ordered}
    records = fetched.records
    observations = listing_observations(settings, fetched)
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
            part = load_batch(con, run_id, batch, batch_records, hints=hints, index=index, now=now)
            if i == 0:  # final already (extraction is done), and safe from a crash in later batches
                store.save_boilerplate(con, extracted.boilerplate)
            if i == len(batches) - 1:  # with the listing fetches it is computed from
                store.record_health(
                    con, run_id, observations, backoff=Backoff.of(settings.defaults)
                )
                store.save_robots(con, [r for f in fetched.sources for r in f.robots])
        total.add(part)
        progress.advance("load")
    return LoadInfo(
        new=total.new,
        updated=total.updated,
        unchanged=total.unchanged,
        url_variants=total.url_variants,
        stories_new=total.stories_new,
    )


def listing_observations(settings: Settings, fetched: FetchInfo) -> list[Observation]:
    """What this run saw of each source's listings (those it did not leave alone)."""
    config = {s.name: s for s in settings.sources.sources}
    seen: list[Observation] = []
    for f in fetched.sources:
        source = config.get(f.source)
        if source is None:
            continue
        kinds = (("feed", source.feeds), ("sitemap", source.sitemaps), ("section", source.sections))
        skipped = set(f.backing_off)
        listings = [
            (masked, kind)
            for kind, urls in kinds
            for masked in map(mask_credentials, urls)
            if masked not in skipped
        ]
        seen.extend(observe(f.source, listings, f.records))
    return seen


def detect_pending(settings: Settings, *, pool: ExtractionPool | None = None) -> DetectInfo:
    """Detect meetings in every article version not yet scanned; queue their alerts.

    A running ``pool`` shares the work when there is enough of it.
    """
    with connect(settings.db) as con:
        pending = store.pending_detection(con)
    if not pending:
        return DetectInfo()
    progress.start("detect", len(pending))
    requests = [(a.title, a.text, a.published_at, a.dateline) for a in pending]
    found = None
    if pool is not None and pool.started and len(requests) >= DETECT_IN_POOL_MIN:
        found = pool.detect(requests)
    if found is None:
        found = detect_articles(requests)
    detections = [
        store.Detection(
            article_id=a.article_id,
            version=a.version,
            story_id=a.story_id,
            published_at=a.published_at,
            meetings=meetings,
            countries=countries,
        )
        for a, (meetings, countries) in zip(pending, found, strict=True)
    ]
    progress.advance("detect", len(pending))
    now = datetime.now(UTC)
    with connect(settings.db) as con, transaction(con):
        before = store.count_meetings(con)
        touched = store.store_detections(con, detections, now=now)
        new = store.count_meetings(con) - before
        created, skipped = store.plan_meeting_alerts(
            con, touched, settings.alerts, now=now, as_of=settings.alerts_as_of
        )
    return DetectInfo(len(pending), len(touched), int(new), created, skipped)


def index_articles(settings: Settings, *, run_id: str) -> IndexSync:
    """Bring the search index up to the warehouse: the versions loaded and detected since its
    last commit (this run's, and a killed run's), with their countries; commit labelled ``run_id``.

    After detection, so country filters find this run's articles; before alerts, so the
    index answers for every story that may alert.
    """
    return sync_index(settings.db, run_id=run_id)


def queue_story_alerts(settings: Settings, *, run_id: str) -> StoryAlertInfo:
    """Match the stories new in this run against the saved queries of story rules; queue alerts.

    Matching uses the search index the load step kept in step with the
    warehouse; a story alerts once per channel, whichever queries and copies
    match it, in this run or any later one.
    """
    from wirewatch.alert import story_queries
    from wirewatch.search import SearchIndex, index_dir_for

    names = story_queries(settings.alerts)
    if not names:
        return StoryAlertInfo()
    with connect(settings.db) as con:
        new = store.new_story_articles(con, run_id)
    if not new:
        return StoryAlertInfo()
    story_of = {article: story for story, articles in new.items() for article in articles}
    index = SearchIndex.open(index_dir_for(settings.db))
    hits: dict[str, set[str]] = {}
    for name in names:
        saved = settings.queries.get(name)
        if saved is None:  # Settings.load refuses this; a hand-made Settings may not
            raise ConfigError(f"alerts.yaml names saved query {name!r}, which is not in queries.yaml")
        for article_id in index.matching_ids(saved.query, saved.filters.to_search()):
            if article_id in story_of:
                hits.setdefault(story_of[article_id], set()).add(name)
    matched = {story: [n for n in names if n in hits[story]] for story in new if story in hits}
    now = datetime.now(UTC)
    with connect(settings.db) as con, transaction(con):
        created, skipped = store.queue_story_alerts(
            con, matched, settings.alerts, now=now, as_of=settings.alerts_as_of
        )
    return StoryAlertInfo(len(new), len(matched), created, skipped)


def deliver_alerts(settings: Settings, *, console: Console | None = None) -> AlertInfo:
    """Send every due alert in the outbox and record each outcome."""
    now = datetime.now(UTC)
    with connect(settings.db) as con:
        pending = store.pending_alerts(con, now=now)
    if not pending:
        return AlertInfo()
    progress.start("alerts", len(pending))
    channels = build_channels(settings.alerts, base_dir=settings.data_dir, console=console)

    def record(delivery: Delivery) -> None:
        # Each outcome is written as soon as it is known, in its own short transaction: a
        # crash, or a lock we cannot get, stops the sending instead of sending everything again.
        with connect(settings.db) as con, transaction(con):
            store.record_deliveries(con, [delivery])

    deliveries = deliver_pending(pending, channels, now=now, on_delivery=record)
    sent = sum(1 for d in deliveries if d.ok)
    return AlertInfo(len(pending), sent, len(deliveries) - sent)


def compact(settings: Settings) -> int:
    """Drop near-duplicate index entries older than twice the story window; checkpoint."""
    cutoff = datetime.now(UTC) - timedelta(days=2 * settings.defaults.story_window_days)
    with connect(settings.db) as con:
        with transaction(con):
            pruned = store.prune_story_index(con, before=cutoff)
        store.checkpoint(con)
    return pruned
