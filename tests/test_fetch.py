"""Polite fetching over httpx.MockTransport: conditional GET, skip-known, robots, retries, caps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from wirewatch.config import Defaults, SourceConfig
from wirewatch.errors import FetchError, PermanentFetchError, TransientFetchError
from wirewatch.fetch import HostLimiter, KnownUrl, SourceFetch, fetch_sources, translate_httpx_error
from wirewatch.fetch.client import HTTPX_ERRORS
from wirewatch.fetch.headers import charset_of, retry_after_seconds
from wirewatch.models import FetchOutcome

FAST = Defaults(
    rate_limit=10_000,
    per_host_concurrency=4,
    retries=2,
    backoff_seconds=0.001,
    max_retry_after_seconds=0.005,
    timeout_seconds=5,
    max_bytes=50_000,
)

Handler = Callable[[httpx.Request], httpx.Response]


def html(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><p>{title} was reported today.</p></body></html>".encode()


def rss(*items: tuple[str, str, str | None, str | None]) -> bytes:
    """An RSS 2.0 feed of (link, title, pubDate, atom:updated)."""
    parts = []
    for link, title, pub, upd in items:
        extra = f"<pubDate>{pub}</pubDate>" if pub else ""
        extra += f"<atom:updated>{upd}</atom:updated>" if upd else ""
        parts.append(f"<item><title>{title}</title><link>{link}</link>{extra}</item>")
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        "<title>Test wire</title>" + "".join(parts) + "</channel></rss>"
    ).encode()


@dataclass
class FakeWeb:
    """A tiny web: URL -> handler; every request is kept for assertions."""

    routes: dict[str, Handler | bytes] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def add(self, url: str, route: Handler | bytes) -> None:
        self.routes[url] = route

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        route = self.routes.get(str(request.url))
        if route is None:
            return httpx.Response(404, text="not here")
        if isinstance(route, bytes):
            return httpx.Response(
                200, content=route, headers={"Content-Type": "text/html; charset=utf-8"}
            )
        return route(request)

    def hits(self, url: str) -> int:
        return sum(1 for r in self.requests if str(r.url) == url)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def run(
    web: FakeWeb,
    *sources: SourceConfig,
    defaults: Defaults = FAST,
    known: dict[str, KnownUrl] | None = None,
    **kwargs: Any,
) -> list[SourceFetch]:
    return asyncio.run(
        fetch_sources(
            list(sources),
            defaults=defaults,
            known=known or {},
            run_id="r1",
            transport=web.transport(),
            **kwargs,
        )
    )


def source(name: str = "wire", **fields: Any) -> SourceConfig:
    return SourceConfig(name=name, publisher="Test Publisher", language="en", **fields)


def outcomes(result: SourceFetch, kind: str | None = None) -> list[tuple[str, str]]:
    return [(r.url, r.outcome) for r in result.records if kind is None or r.kind == kind]


FEED = "https://wire.example/feeds/top.rss"
A1 = "https://wire.example/2026/11/27/first-story.html"
A2 = "https://wire.example/2026/11/26/second-story.html"
A3 = "https://wire.example/2026/11/25/third-story.html"


def standard_web() -> FakeWeb:
    web = FakeWeb()
    web.add(
        FEED,
        rss(
            (A1, "First story", "Fri, 27 Nov 2026 10:00:00 GMT", None),
            (A2, "Second story", "Thu, 26 Nov 2026 10:00:00 GMT", "2026-11-27T08:00:00Z"),
            (A3, "Third story", "Wed, 25 Nov 2026 10:00:00 GMT", None),
        ),
    )
    for url, title in ((A1, "First"), (A2, "Second"), (A3, "Third")):
        web.add(url, html(title))
    return web


# --- the happy path ------------------------------------------------------------


def test_feed_discovery_fetches_every_article_with_records_and_hints() -> None:
    web = standard_web()
    (result,) = run(web, source(feeds=(FEED,)))
    assert [c.url for c in result.candidates] == [A1, A2, A3]
    assert {p.url for p in result.pages} == {A1, A2, A3}
    page = next(p for p in result.pages if p.url == A1)
    assert page.body == html("First")
    assert page.charset == "utf-8" and page.content_type == "text/html; charset=utf-8"
    assert page.hint_title == "First story"
    assert page.hint_published == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert page.fetched_at.tzinfo is not None and page.source == "wire"
    kinds = [r.kind for r in result.records]
    assert kinds.count("robots") == 1 and kinds.count("feed") == 1 and kinds.count("article") == 3
    ok = next(r for r in result.records if r.url == A1)
    assert ok.outcome == "ok" and ok.status_code == 200 and ok.bytes == len(page.body)
    assert ok.content_sha256 is not None and ok.fetch_id == page.fetch_id
    assert web.requests[0].headers["User-Agent"] == FAST.user_agent
    assert result.skipped_known == 0 and result.deferred == 0


def test_redirect_is_followed_and_final_url_kept() -> None:
    web = standard_web()
    web.add(A1, lambda r: httpx.Response(301, headers={"Location": "https://wire.example/a/first"}))
    web.add("https://wire.example/a/first", html("Moved"))
    (result,) = run(web, source(feeds=(FEED,)))
    page = next(p for p in result.pages if p.url == A1)
    assert page.final_url == "https://wire.example/a/first" and page.body == html("Moved")
    assert (
        next(r for r in result.records if r.url == A1).final_url == "https://wire.example/a/first"
    )


def test_charset_comes_from_the_content_type_header_and_bytes_pass_untouched() -> None:
    body = "<html><body><p>Новости дня</p></body></html>".encode("windows-1251")
    web = FakeWeb()
    web.add(FEED, rss((A1, "x", None, None)))
    web.add(
        A1,
        lambda r: httpx.Response(
            200, content=body, headers={"Content-Type": "text/html; charset=Windows-1251"}
        ),
    )
    (result,) = run(web, source(feeds=(FEED,)))
    (page,) = result.pages
    assert page.charset == "windows-1251" and page.body == body


def test_progress_is_reported_per_article() -> None:
    seen: list[tuple[str, int]] = []
    run(
        standard_web(), source(feeds=(FEED,)), progress=lambda name, done: seen.append((name, done))
    )
    assert seen == [("wire", 1), ("wire", 2), ("wire", 3)]


# --- sitemaps and sections over HTTP ---------------------------------------------


def test_sitemap_index_children_and_section_links_are_followed() -> None:
    web = FakeWeb()
    web.add(
        "https://wire.example/sitemap-index.xml",
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://wire.example/sm/news-1.xml</loc><lastmod>2026-11-27</lastmod></sitemap>"
        b"<sitemap><loc>https://wire.example/sm/news-2.xml</loc><lastmod>2026-11-20</lastmod></sitemap>"
        b"</sitemapindex>",
    )
    web.add(
        "https://wire.example/sm/news-1.xml",
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
        + A1.encode()
        + b"</loc>"
        b"<lastmod>2026-11-27T10:00:00Z</lastmod></url></urlset>",
    )
    web.add("https://wire.example/sm/news-2.xml", lambda r: httpx.Response(500))
    web.add(
        "https://wire.example/world/",
        b'<html><body><nav><a href="/world/">World</a></nav><div class="list">'
        b'<a href="/2026/11/26/second-story.html">Second story on the section page</a>'
        b'<a href="/tag/ports/">Ports</a></div></body></html>',
    )
    web.add(A1, html("First"))
    web.add(A2, html("Second"))
    src = source(
        sitemaps=("https://wire.example/sitemap-index.xml",),
        sections=("https://wire.example/world/",),
    )
    (result,) = run(web, src)
    assert [c.url for c in result.candidates] == [A1, A2]  # dated first, then section order
    assert [c.via for c in result.candidates] == ["sitemap", "section"]
    assert {p.url for p in result.pages} == {A1, A2}
    sitemap_outcomes = dict(outcomes(result, "sitemap"))
    assert sitemap_outcomes["https://wire.example/sitemap-index.xml"] == "ok"
    assert (
        sitemap_outcomes["https://wire.example/sm/news-2.xml"] == "http_error"
    )  # dead child, rest goes on
    assert dict(outcomes(result, "section")) == {"https://wire.example/world/": "ok"}


def test_unparseable_listing_is_a_discovery_error_record() -> None:
    web = standard_web()
    web.add(
        "https://wire.example/feeds/broken.rss", b"<html><body>We moved our feeds.</body></html>"
    )
    (result,) = run(web, source(feeds=("https://wire.example/feeds/broken.rss", FEED)))
    assert (
        dict(outcomes(result, "feed"))["https://wire.example/feeds/broken.rss"] == "discovery_error"
    )
    assert len(result.pages) == 3


# --- conditional GET and skip-known -------------------------------------------------


def test_conditional_get_on_feed_sends_validators_and_304_yields_nothing() -> None:
    web = standard_web()

    def feed(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v7"':
            return httpx.Response(304, headers={"ETag": '"v7"'})
        return httpx.Response(200, content=b"")

    web.add(FEED, feed)
    known = {FEED: KnownUrl(FEED, etag='"v7"', last_modified="Fri, 27 Nov 2026 09:00:00 GMT")}
    (result,) = run(web, source(feeds=(FEED,)), known=known)
    feed_request = next(r for r in web.requests if str(r.url) == FEED)
    assert feed_request.headers["If-None-Match"] == '"v7"'
    assert feed_request.headers["If-Modified-Since"] == "Fri, 27 Nov 2026 09:00:00 GMT"
    assert result.candidates == [] and result.pages == []
    assert outcomes(result, "feed") == [(FEED, "not_modified")]
    assert web.hits(A1) == 0


def test_loaded_urls_are_skipped_unless_the_feed_says_they_changed() -> None:
    web = standard_web()
    stored = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    known = {
        A1: KnownUrl(A1, loaded=True, source_updated=stored),  # no <updated>: skipped
        A2: KnownUrl(
            A2, etag='"a2"', loaded=True, source_updated=stored
        ),  # updated 27th > 26th: refetched
        A3: KnownUrl(
            A3, etag='"a3"', loaded=False
        ),  # known but not loaded: fetched without validators
    }
    (result,) = run(web, source(feeds=(FEED,)), known=known)
    assert result.skipped_known == 1
    assert web.hits(A1) == 0
    assert {p.url for p in result.pages} == {A2, A3}
    a2 = next(r for r in web.requests if str(r.url) == A2)
    a3 = next(r for r in web.requests if str(r.url) == A3)
    assert a2.headers["If-None-Match"] == '"a2"'
    assert "If-None-Match" not in a3.headers


def test_changed_article_answering_304_is_not_modified_and_gives_no_page() -> None:
    web = standard_web()
    web.add(
        A2,
        lambda r: (
            httpx.Response(304)
            if r.headers.get("If-None-Match") == '"a2"'
            else httpx.Response(200, content=html("B"))
        ),
    )
    known = {
        A1: KnownUrl(A1, loaded=True),
        A2: KnownUrl(
            A2, etag='"a2"', loaded=True, source_updated=datetime(2026, 11, 1, tzinfo=UTC)
        ),
        A3: KnownUrl(A3, loaded=True),
    }
    (result,) = run(web, source(feeds=(FEED,)), known=known)
    assert result.pages == []
    assert outcomes(result, "article") == [(A2, "not_modified")]
    assert result.skipped_known == 2


def test_unchanged_updated_time_is_skipped() -> None:
    web = standard_web()
    same = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    known = {url: KnownUrl(url, loaded=True, source_updated=same) for url in (A1, A2, A3)}
    (result,) = run(web, source(feeds=(FEED,)), known=known)
    assert result.skipped_known == 3 and result.pages == [] and outcomes(result, "article") == []


# --- max_pages -------------------------------------------------------------------------


def test_max_pages_fetches_the_newest_first_and_counts_the_rest() -> None:
    web = standard_web()
    # A3 is newest by its date even though the feed lists it last.
    web.add(
        FEED,
        rss(
            (A1, "First", "Mon, 23 Nov 2026 10:00:00 GMT", None),
            (A2, "Second", "Tue, 24 Nov 2026 10:00:00 GMT", None),
            (A3, "Third", "Wed, 25 Nov 2026 10:00:00 GMT", None),
        ),
    )
    (result,) = run(web, source(feeds=(FEED,), max_pages=2))
    assert [c.url for c in result.candidates] == [A3, A2, A1]
    assert {p.url for p in result.pages} == {A3, A2}
    assert web.hits(A1) == 0 and result.deferred == 1

    (result,) = run(
        standard_web(),
        source(feeds=(FEED,)),
        defaults=FAST.model_copy(update={"max_pages_per_source": 1}),
    )
    assert [p.url for p in result.pages] == [A1] and result.deferred == 2


# --- robots.txt ---------------------------------------------------------------------------


def test_robots_disallow_is_recorded_and_nothing_is_requested() -> None:
    web = standard_web()
    web.add(
        "https://wire.example/robots.txt",
        lambda r: httpx.Response(200, text="User-agent: *\nDisallow: /2026/11/26/\n"),
    )
    (result,) = run(web, source(feeds=(FEED,)))
    assert web.hits(A2) == 0
    assert (A2, "robots_disallowed") in outcomes(result, "article")
    assert {p.url for p in result.pages} == {A1, A3}
    assert web.hits("https://wire.example/robots.txt") == 1


def test_robots_is_fetched_once_per_host_across_sources() -> None:
    web = standard_web()
    web.add("https://wire.example/feeds/other.rss", rss((A1, "First", None, None)))
    results = run(
        web,
        source("one", feeds=(FEED,)),
        source("two", feeds=("https://wire.example/feeds/other.rss",)),
    )
    assert web.hits("https://wire.example/robots.txt") == 1
    robots_records = [r for res in results for r in res.records if r.kind == "robots"]
    assert len(robots_records) == 1 and robots_records[0].outcome == "http_error"  # 404: allow all
    assert len(results[0].pages) == 3 and len(results[1].pages) == 1


def test_robots_server_error_closes_the_host_for_the_run() -> None:
    web = standard_web()
    web.add("https://wire.example/robots.txt", lambda r: httpx.Response(503))
    (result,) = run(web, source(feeds=(FEED,)))
    assert web.hits(FEED) == 0
    assert outcomes(result) == [
        ("https://wire.example/robots.txt", "http_error"),
        (FEED, "http_error"),  # not fetched, and recorded as the host's failure, not a disallow
    ]
    feed_record = next(r for r in result.records if r.url == FEED)
    assert "robots.txt failed" in (feed_record.error or "")
    assert web.hits("https://wire.example/robots.txt") == 1  # robots.txt itself is not retried


# --- failures are recorded, the rest goes on ---------------------------------------------


def test_dead_feed_is_recorded_and_the_source_and_other_sources_go_on() -> None:
    web = standard_web()
    dead = "https://wire.example/feeds/gone.rss"
    other_feed = "https://other.example/rss"
    web.add(
        other_feed, rss(("https://other.example/2026/11/27/other-story.html", "Other", None, None))
    )
    web.add("https://other.example/2026/11/27/other-story.html", html("Other"))
    first, second = run(
        web, source("wire", feeds=(dead, FEED)), source("other", feeds=(other_feed,))
    )
    dead_record = next(r for r in first.records if r.url == dead)
    assert (
        dead_record.outcome == "http_error"
        and dead_record.status_code == 404
        and dead_record.kind == "feed"
    )
    assert web.hits(dead) == 1  # a 404 is permanent: not retried
    assert len(first.pages) == 3 and len(second.pages) == 1


def test_bad_article_is_recorded_and_the_others_are_fetched() -> None:
    web = standard_web()
    web.add(A2, lambda r: httpx.Response(410))
    (result,) = run(web, source(feeds=(FEED,)))
    assert (A2, "http_error") in outcomes(result, "article")
    assert {p.url for p in result.pages} == {A1, A3}


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured_then_the_page_arrives(status: int) -> None:
    web = standard_web()
    calls = {"n": 0}

    def busy(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(status, headers={"Retry-After": "120"})
        return httpx.Response(200, content=html("Finally"))

    web.add(A1, busy)
    (result,) = run(web, source(feeds=(FEED,)))
    assert web.hits(A1) == 2
    assert [o for u, o in outcomes(result, "article") if u == A1] == ["http_error", "ok"]
    first_try = next(r for r in result.records if r.url == A1)
    assert first_try.status_code == status and "retry 1 of 2" in (first_try.error or "")
    assert next(p for p in result.pages if p.url == A1).body == html("Finally")


def test_retries_run_out_on_a_persistent_server_error() -> None:
    web = standard_web()
    web.add(A1, lambda r: httpx.Response(502))
    (result,) = run(web, source(feeds=(FEED,)))
    assert web.hits(A1) == FAST.retries + 1
    assert [o for u, o in outcomes(result, "article") if u == A1] == ["http_error"] * 3
    assert A1 not in {p.url for p in result.pages}


def test_timeout_and_connection_errors_get_their_outcomes() -> None:
    web = standard_web()

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    web.add(A1, slow)
    web.add(A2, refused)
    (result,) = run(web, source(feeds=(FEED,)), defaults=FAST.model_copy(update={"retries": 1}))
    assert [o for u, o in outcomes(result, "article") if u == A1] == ["timeout", "timeout"]
    assert [o for u, o in outcomes(result, "article") if u == A2] == [
        "connect_error",
        "connect_error",
    ]
    assert {p.url for p in result.pages} == {A3}


def test_a_slow_drip_hits_the_total_timeout() -> None:
    web = standard_web()

    async def drip() -> AsyncIterator[bytes]:
        for _ in range(100):
            await asyncio.sleep(0.05)
            yield b"."

    web.add(A1, lambda r: httpx.Response(200, content=drip()))
    defaults = FAST.model_copy(update={"timeout_seconds": 0.05, "retries": 0})
    (result,) = run(web, source(feeds=(FEED,)), defaults=defaults)
    assert outcomes(result, "article").count((A1, "timeout")) == 1


def test_size_cap_declared_and_streamed() -> None:
    web = standard_web()
    big = b"x" * (FAST.max_bytes + 1)

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(1000):
            yield b"y" * 4096

    web.add(A1, lambda r: httpx.Response(200, content=big))  # Content-Length says too much
    web.add(A2, lambda r: httpx.Response(200, content=endless()))  # chunked: we stop reading
    (result,) = run(web, source(feeds=(FEED,)))
    too_large = {r.url: r for r in result.records if r.outcome == "too_large"}
    assert set(too_large) == {A1, A2}
    assert too_large[A1].bytes == 0
    assert FAST.max_bytes < too_large[A2].bytes <= FAST.max_bytes + 4096
    assert {p.url for p in result.pages} == {A3}


# --- the pieces ------------------------------------------------------------------------------


def test_every_httpx_exception_is_mapped() -> None:
    exported = [
        obj
        for name in httpx.__all__
        if isinstance(obj := getattr(httpx, name), type) and issubclass(obj, Exception)
    ]
    assert exported, "httpx exports no exceptions?"
    unmapped = [cls.__name__ for cls in exported if cls not in HTTPX_ERRORS]
    assert unmapped == []
    for cls in exported:
        error = translate_httpx_error(cls.__new__(cls), "https://a.example/")
        assert isinstance(error, FetchError)
        assert error.outcome in {
            FetchOutcome.TIMEOUT,
            FetchOutcome.CONNECT_ERROR,
            FetchOutcome.HTTP_ERROR,
        }
    assert isinstance(translate_httpx_error(httpx.ConnectTimeout("x"), "u"), TransientFetchError)
    assert translate_httpx_error(httpx.ConnectTimeout("x"), "u").outcome == "timeout"
    assert isinstance(translate_httpx_error(httpx.TooManyRedirects("x"), "u"), PermanentFetchError)


def test_host_limiter_spaces_request_starts_and_honours_defer() -> None:
    now = {"t": 100.0}
    sleeps: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 6))
        now["t"] += seconds

    async def go() -> None:
        limiter = HostLimiter(2, clock=lambda: now["t"], sleep=fake_sleep)
        for _ in range(3):
            async with limiter.slot("a.example", rate=4):
                pass
        async with limiter.slot("b.example", rate=4):  # other hosts are independent
            pass
        limiter.defer("a.example", 10)
        async with limiter.slot("a.example", rate=4):
            pass
        async with limiter.slot("a.example", rate=1):  # the slower rate of two sources wins
            pass
        async with limiter.slot("a.example", rate=4):
            pass

    asyncio.run(go())
    # 3 starts at 0, .25, .5; b none; defer: 10 s from .5; then .25 more (rate 4); then the
    # slower rate of 1 spaces the next start a whole second.
    assert sleeps == [0.25, 0.25, 10.0, 0.25, 1.0]


def test_header_helpers() -> None:
    assert charset_of('text/html; charset="GBK"') == "gbk"
    assert charset_of("text/html") is None and charset_of(None) is None
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("-3") == 0.0
    when = datetime(2026, 11, 27, 12, 0, 30, tzinfo=UTC)
    assert retry_after_seconds("Fri, 27 Nov 2026 12:01:00 GMT", now=when) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_an_unexpected_failure_in_one_source_is_recorded_and_others_finish() -> None:
    web = standard_web()
    bad_feed = "https://bad.example/rss"
    web.add(bad_feed, rss(("https://bad.example/2026/11/27/story-one.html", "One", None, None)))

    def explode(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("handler bug")

    web.add("https://bad.example/2026/11/27/story-one.html", explode)
    bad, good = run(web, source("bad", feeds=(bad_feed,)), source("good", feeds=(FEED,)))
    assert bad.errors == ["RuntimeError: handler bug"]
    assert bad.records[-1].outcome == "discovery_error" and bad.records[-1].url == bad_feed
    assert bad.pages == []
    assert len(good.pages) == 3 and good.errors == []


def test_host_limiter_spaces_actual_starts_when_the_loop_wakes_late() -> None:
    """A busy process wakes sleepers late; requests must still start an interval apart as they
    happen, not as they were scheduled (several late sleepers would go out together)."""
    now = {"t": 0.0}
    starts: list[float] = []

    async def virtual_sleep(seconds: float) -> None:
        target = now["t"] + seconds
        while now["t"] < target:
            await asyncio.sleep(0)

    async def request(limiter: HostLimiter) -> None:
        async with limiter.slot("a.example", rate=10):
            starts.append(now["t"])

    async def go() -> None:
        limiter = HostLimiter(20, clock=lambda: now["t"], sleep=virtual_sleep)
        requests = asyncio.gather(*(request(limiter) for _ in range(12)))
        ticks = 0
        while not requests.done():
            await asyncio.sleep(0)
            ticks += 1
            # Time passes in small steps, except once: the loop is stalled for half a second.
            now["t"] += 0.5 if ticks == 40 else 0.01
        await requests

    asyncio.run(go())
    gaps = [round(b - a, 6) for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 12 and min(gaps) >= 0.1, gaps
