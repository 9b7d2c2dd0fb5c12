"""Fetching a batch of sources: discover, skip what is known, fetch the newest pages.

One :class:`httpx.AsyncClient`, one per-host limiter and one robots.txt cache
serve the whole batch; sources run concurrently and independently, so one
failing source never stops another.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from wirewatch.config import Defaults, SourceConfig
from wirewatch.errors import FetchError
from wirewatch.fetch.archive import WarcArchive
from wirewatch.fetch.client import Fetcher, build_client
from wirewatch.fetch.concurrency import run_all
from wirewatch.fetch.discover import discover
from wirewatch.fetch.guard import AddressGuard, mask_credentials
from wirewatch.fetch.headers import charset_of
from wirewatch.fetch.known import KnownUrl, changed_since
from wirewatch.fetch.robots import RobotsCache, StoredRobots
from wirewatch.models import Candidate, FetchOutcome, FetchRecord, Page

__all__ = ["SourceFetch", "fetch_source", "fetch_sources"]

log = logging.getLogger(__name__)

Progress = Callable[[str, int], None]
PageHook = Callable[
    [Page], None
]  # called with each page as it arrives (e.g. to start extracting it)


@dataclass
class SourceFetch:
    """What fetching one source produced."""

    source: str
    candidates: list[Candidate]  # every discovered article URL, deduplicated, newest first
    pages: list[Page]  # successfully fetched article bodies, in order of arrival
    records: list[FetchRecord]  # every attempt, listings and robots.txt included
    skipped_known: int  # candidates not fetched because already loaded and unchanged
    # Candidates left for a later run by max_pages. While this is non-zero the
    # listings' validators should not be stored, or a 304 would hide them.
    deferred: int = 0
    errors: list[str] = field(default_factory=list)  # unexpected failures of this source
    # Listing URLs (masked) not fetched this run: backing off after failing run after run.
    backing_off: list[str] = field(default_factory=list)
    # robots.txt answers fetched for this source, to keep for later runs (robots_ttl_seconds).
    robots: list[StoredRobots] = field(default_factory=list)


async def _fetch_article(
    cand: Candidate,
    *,
    fetcher: Fetcher,
    state: KnownUrl | None,
    records: list[FetchRecord],
    rate: float,
) -> Page | None:
    """The fetched page; None when unchanged (304) or failed (the attempt is recorded)."""
    # Validators only for pages we hold: otherwise a 304 would leave us with nothing.
    validators = state is not None and state.loaded
    try:
        exchange = await fetcher.get(
            cand.url,
            source=cand.source,
            kind="article",
            records=records,
            rate=rate,
            etag=state.etag if validators and state else None,
            last_modified=state.last_modified if validators and state else None,
            hint_title=cand.title,
            hint_published=cand.published,
        )
    except FetchError as exc:
        log.info("%s: %s", cand.source, exc)
        return None
    if exchange.status_code == 304:
        return None
    content_type = exchange.header("Content-Type")
    return Page(
        url=cand.url,
        final_url=exchange.final_url,
        source=cand.source,
        body=exchange.body,
        fetched_at=exchange.fetched_at,
        fetch_id=exchange.fetch_id,
        content_type=content_type,
        charset=charset_of(content_type),
        etag=exchange.header("ETag"),
        last_modified=exchange.header("Last-Modified"),
        hint_title=cand.title,
        hint_published=cand.published,
    )


async def fetch_source(
    source: SourceConfig,
    fetcher: Fetcher,
    *,
    defaults: Defaults,
    known: Mapping[str, KnownUrl],
    progress: Progress | None = None,
    on_page: PageHook | None = None,
    skip: frozenset[str] = frozenset(),
) -> SourceFetch:
    """Discover one source's candidates and fetch the newest unknown or changed ones.

    Listings whose masked URL is in ``skip`` are not fetched (they are backing off).
    """
    result = SourceFetch(source.name, [], [], [], 0)
    listings = [mask_credentials(u) for u in (*source.feeds, *source.sitemaps, *source.sections)]
    result.backing_off = [u for u in listings if u in skip]
    rate = source.rate_limit or defaults.rate_limit
    try:
        await fetcher.admit(source)
        result.candidates = await discover(
            source,
            fetcher,
            known=known,
            records=result.records,
            rate=rate,
            max_bytes=defaults.max_bytes,
            skip=skip,
        )
        todo = []
        for cand in result.candidates:
            state = known.get(cand.url)
            if state is not None and state.loaded and not changed_since(cand, state):
                result.skipped_known += 1
            else:
                todo.append(cand)
        limit = source.max_pages or defaults.max_pages_per_source
        result.deferred = max(0, len(todo) - limit)
        todo = todo[:limit]

        done = 0

        async def one(cand: Candidate) -> None:
            nonlocal done
            page = await _fetch_article(
                cand, fetcher=fetcher, state=known.get(cand.url), records=result.records, rate=rate
            )
            # Kept as soon as it arrives, so every ok record has its page even
            # if a later failure cancels the rest of the source.
            if page is not None:
                result.pages.append(page)
                if on_page is not None:
                    on_page(page)
            done += 1
            if progress is not None:
                progress(source.name, done)

        await run_all(one(cand) for cand in todo)
    except Exception as exc:  # a bug met by one source must not stop the batch
        log.exception("source %s failed", source.name)
        cause: BaseException = exc
        while isinstance(cause, BaseExceptionGroup) and cause.exceptions:
            cause = cause.exceptions[0]  # the task group's first failure says what went wrong
        message = mask_credentials(f"{type(cause).__name__}: {cause}")
        result.errors.append(message)
        first_url = next(iter((*source.feeds, *source.sitemaps, *source.sections)), source.name)
        result.records.append(
            FetchRecord(
                fetch_id=uuid.uuid4().hex,
                source=source.name,
                url=mask_credentials(first_url),
                requested_at=datetime.now(UTC),
                outcome=FetchOutcome.DISCOVERY_ERROR,
                error=f"source failed: {message}",
                kind="feed" if source.feeds else "sitemap" if source.sitemaps else "section",
            )
        )
    result.robots = fetcher.take_robots(source.name)
    return result


async def fetch_sources(
    sources: Sequence[SourceConfig],
    *,
    defaults: Defaults,
    known: Mapping[str, KnownUrl],
    run_id: str,
    archive: WarcArchive | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    guard: AddressGuard | None = None,
    progress: Progress | None = None,
    on_page: PageHook | None = None,
    skip: Mapping[str, frozenset[str]] | None = None,
    robots: RobotsCache | None = None,
) -> list[SourceFetch]:
    """Fetch a batch of sources concurrently; one result per source, in the given order.

    Every request passes ``guard`` (by default one that asks the system
    resolver) and goes out through its transport. A caller's ``transport``
    replaces the network (tests use httpx.MockTransport): then, unless a guard
    is given too, names are not looked up before fetching. ``skip`` names, per
    source, the listing URLs that are backing off (see ``wirewatch.health``);
    ``robots`` is the run's robots.txt cache (by default one for this batch alone).
    """
    log.info("run %s: fetching %d sources", run_id, len(sources))
    if guard is None:
        guard = AddressGuard() if transport is None else AddressGuard(resolver=None)
    async with build_client(defaults, transport or guard.transport()) as client:
        fetcher = Fetcher(client, defaults, archive=archive, guard=guard, cache=robots)
        return list(
            await asyncio.gather(
                *(
                    fetch_source(
                        source,
                        fetcher,
                        defaults=defaults,
                        known=known,
                        progress=progress,
                        on_page=on_page,
                        skip=(skip or {}).get(source.name, frozenset()),
                    )
                    for source in sources
                )
            )
        )
