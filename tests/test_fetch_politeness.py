"""Politeness beyond the rate limit: Crawl-delay, redirects re-checked, robots.txt cached per run
and across runs. Over httpx.MockTransport; the limiter's clock and sleep are fakes, so spacing
is checked without measuring time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
from test_fetch import FAST, FakeWeb, html, rss, source

from wirewatch.errors import FetchError
from wirewatch.fetch import Fetcher, HostLimiter, StoredRobots, build_client, fetch_sources
from wirewatch.fetch.robots import RobotsCache, robots_cache_for
from wirewatch.fetch.rules import CRAWL_DELAY_CAP_SECONDS
from wirewatch.models import FetchRecord

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
WIRE = "https://wire.example"
MIRROR = "https://mirror.example"


class Clock:
    def __init__(self) -> None:
        self.t = 100.0
        self.sleeps: list[tuple[float, float]] = []  # (when, how long)

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append((round(self.t, 6), round(seconds, 6)))
        self.t += seconds


def _get_all(web: FakeWeb, urls: list[str], clock: Clock) -> list[FetchRecord]:
    records: list[FetchRecord] = []

    async def go() -> None:
        async with build_client(FAST, web.transport()) as client:
            limiter = HostLimiter(1, clock=clock.now, sleep=clock.sleep)
            fetcher = Fetcher(client, FAST, limiter=limiter, cache=RobotsCache())
            for url in urls:
                try:
                    await fetcher.get(url, source="wire", kind="article", records=records, rate=10_000)
                except FetchError:
                    continue  # recorded; the test looks at the records

    asyncio.run(go())
    return records


def test_crawl_delay_spaces_requests_when_it_is_longer_than_the_configured_delay() -> None:
    web = FakeWeb()
    web.add(f"{WIRE}/robots.txt", b"User-agent: *\nCrawl-delay: 3\nAllow: /\n")
    urls = [f"{WIRE}/2026/12/01/story-{i}.html" for i in range(3)]
    for url in urls:
        web.add(url, html("x"))
    clock = Clock()
    _get_all(web, urls, clock)
    assert [s for _, s in clock.sleeps if s >= 1] == [3.0, 3.0]


def test_a_huge_crawl_delay_is_capped() -> None:
    web = FakeWeb()
    web.add(f"{WIRE}/robots.txt", b"User-agent: *\nCrawl-delay: 86400\n")
    urls = [f"{WIRE}/2026/12/01/story-{i}.html" for i in range(2)]
    for url in urls:
        web.add(url, html("x"))
    clock = Clock()
    _get_all(web, urls, clock)
    assert [s for _, s in clock.sleeps if s >= 1] == [CRAWL_DELAY_CAP_SECONDS]


def test_a_redirect_to_a_path_the_target_host_disallows_is_not_followed() -> None:
    web = FakeWeb()
    web.add(f"{WIRE}/robots.txt", b"User-agent: *\nAllow: /\n")
    web.add(f"{MIRROR}/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    moved = f"{WIRE}/2026/12/01/moved-story.html"
    web.add(moved, lambda r: httpx.Response(301, headers={"Location": f"{MIRROR}/private/story"}))
    web.add(f"{MIRROR}/private/story", html("secret"))
    records = _get_all(web, [moved], Clock())
    assert web.hits(f"{MIRROR}/private/story") == 0
    assert web.hits(f"{MIRROR}/robots.txt") == 1
    (article,) = [r for r in records if r.kind == "article"]
    assert article.outcome == "robots_disallowed" and MIRROR in (article.error or "")


def test_a_redirect_to_another_host_waits_for_that_host_s_turn() -> None:
    web = FakeWeb()
    web.add(f"{WIRE}/robots.txt", b"User-agent: *\nAllow: /\n")
    web.add(f"{MIRROR}/robots.txt", b"User-agent: *\nCrawl-delay: 5\n")
    urls = [f"{WIRE}/2026/12/01/moved-{i}.html" for i in range(2)]
    for i, url in enumerate(urls):
        target = f"{MIRROR}/2026/12/01/story-{i}.html"
        web.add(url, lambda r, target=target: httpx.Response(302, headers={"Location": target}))
        web.add(target, html(f"story {i}"))
    clock = Clock()
    records = _get_all(web, urls, clock)
    assert [r.outcome for r in records if r.kind == "article"] == ["ok", "ok"]
    # The second hop to the mirror waits out the mirror's Crawl-delay after the first.
    assert 5.0 in [s for _, s in clock.sleeps]


def test_robots_txt_is_fetched_once_per_host_for_the_whole_run() -> None:
    web = FakeWeb()
    web.add(f"{WIRE}/robots.txt", b"User-agent: *\nAllow: /\n")
    feeds = [f"{WIRE}/feeds/{n}.rss" for n in ("a", "b")]
    for n, feed in enumerate(feeds):
        url = f"{WIRE}/2026/12/01/story-{n}.html"
        web.add(feed, rss((url, f"Story {n}", None, None)))
        web.add(url, html(f"Story {n}"))
    cache = robots_cache_for("run-1", ())

    async def two_tasks() -> None:
        # Two fetch tasks of one run, each with its own client and limiter, share the cache.
        for n, feed in enumerate(feeds):
            await fetch_sources(
                [source(f"s{n}", feeds=(feed,))],
                defaults=FAST,
                known={},
                run_id="run-1",
                transport=web.transport(),
                robots=cache,
            )

    asyncio.run(two_tasks())
    assert web.hits(f"{WIRE}/robots.txt") == 1
    assert robots_cache_for("run-1", ()) is cache  # the same run in this process: one cache
    assert robots_cache_for("run-2", ()) is not cache


def test_a_stored_answer_within_its_ttl_saves_the_request_and_new_answers_come_back_to_store() -> None:
    web = FakeWeb()
    web.add(f"{MIRROR}/robots.txt", b"User-agent: *\nAllow: /\n")
    feed_a, feed_b = f"{WIRE}/feeds/a.rss", f"{MIRROR}/feeds/b.rss"
    web.add(feed_a, rss((f"{WIRE}/2026/12/01/story-a.html", "A", None, None)))
    web.add(feed_b, rss((f"{MIRROR}/2026/12/01/story-b.html", "B", None, None)))
    stored = StoredRobots(f"{WIRE}/robots.txt", 200, "User-agent: *\nDisallow: /2026/\n", NOW)
    (a, b) = asyncio.run(
        fetch_sources(
            [source("a", feeds=(feed_a,)), source("b", feeds=(feed_b,))],
            defaults=FAST,
            known={},
            run_id="run-3",
            transport=web.transport(),
            robots=RobotsCache([stored]),
        )
    )
    assert web.hits(f"{WIRE}/robots.txt") == 0  # the stored answer decided
    assert [r.outcome for r in a.records if r.kind == "article"] == ["robots_disallowed"]
    assert a.robots == []
    (fresh,) = b.robots
    assert (fresh.robots_url, fresh.status_code) == (f"{MIRROR}/robots.txt", 200)
    assert "Allow" in (fresh.body or "")
