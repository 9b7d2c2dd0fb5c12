"""The soak's changing newswire and its oracle, checked on their own (fast: no pipeline)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import soakwire
from soakwire import RUNS, SoakWire


def _get(url: str, **headers: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), b""


def test_the_script_has_every_change_the_soak_promises() -> None:
    by_site = {site: [i for i in soakwire.ITEMS if i.site == site] for site in soakwire.SITES}
    for run in range(2, RUNS + 1):  # new items on every site in every run
        assert all(any(i.run == run for i in items) for items in by_site.values()), run
    assert any(i.revisions for i in by_site["alpha"]) and any(i.touches for i in by_site["alpha"])
    assert any(i.copy_of for i in by_site["bravo"])
    dropped = [i for i in soakwire.ITEMS if i.listed.stop <= RUNS]
    assert {i.site for i in dropped} == set(soakwire.SITES)  # items leave every feed
    down = [r for r in range(1, RUNS + 1) if soakwire.down("charlie", r)]
    assert down == list(range(down[0], down[0] + 10)) and down[-1] < RUNS  # ten runs, then back
    html = [r for r in range(1, RUNS + 1) if soakwire.feed_is_html("delta", r)]
    assert html and html[-1] < RUNS


def test_the_oracle_does_not_depend_on_how_soon_a_recovered_source_is_retried() -> None:
    prompt = soakwire.expected()
    late = soakwire.expected(skip_after_outage=soakwire.BACKOFF_TOLERANCE)
    assert {k: a.versions for k, a in late.articles.items()} == {
        k: a.versions for k, a in prompt.articles.items()
    }
    assert late.stories == prompt.stories
    # Waiting longer than the tolerance would lose items: the bound is real.
    later = soakwire.expected(skip_after_outage=soakwire.BACKOFF_TOLERANCE + 10)
    assert set(later.articles) < set(prompt.articles)


def test_the_oracle_counts_what_the_script_says() -> None:
    want = soakwire.expected()
    assert want.never_seen == {"charlie/charlie-1010"}  # published and dropped while down
    revised = {k for k, a in want.articles.items() if len(a.versions) > 1}
    assert "charlie/charlie-5" in revised  # revised while down, seen after
    assert all(len(a.versions) == 1 for a in want.articles.values() if a.item.touches)
    copies = [g for g in want.stories if len(g) > 1]
    assert copies and all(len(g) == 2 for g in copies)
    assert len(want.articles) == len(soakwire.ITEMS) - 1


@pytest.fixture
def wire() -> Iterator[SoakWire]:
    with SoakWire() as running:
        yield running


def test_the_wire_serves_each_run_and_answers_304_for_an_unchanged_page(wire: SoakWire) -> None:
    wire.set_run(3)
    status, kind, feed = _get(wire.base("alpha") + soakwire.FEED_PATHS["alpha"])
    assert status == 200 and "atom" in kind
    first = next(i for i in soakwire.ITEMS if i.site == "alpha")
    assert wire.url(first).encode() in feed
    status, _, page = _get(wire.url(first))
    assert status == 200 and first.headline.encode() in page
    etag = next(r.etag for p, r in wire.resources["alpha"].items() if p == first.path)
    assert _get(wire.url(first), **{"If-None-Match": etag})[0] == 304
    unpublished = next(i for i in soakwire.ITEMS if i.run == 4)
    assert _get(wire.url(unpublished))[0] == 404


def test_the_dead_source_resets_every_connection_and_the_html_feed_is_html(wire: SoakWire) -> None:
    run = soakwire.CHARLIE_DOWN.start
    wire.set_run(run)
    with pytest.raises((ConnectionError, urllib.error.URLError)):
        _get(wire.base("charlie") + "/robots.txt")
    wire.set_run(soakwire.CHARLIE_DOWN.stop)
    assert _get(wire.base("charlie") + "/robots.txt")[0] == 200  # back on the same address
    wire.set_run(soakwire.DELTA_HTML.start)
    status, kind, body = _get(wire.base("delta") + soakwire.FEED_PATHS["delta"])
    assert status == 200 and kind.startswith("text/html") and b"<rss" not in body
    wire.set_run(soakwire.DELTA_HTML.stop)
    assert b"<rss" in _get(wire.base("delta") + soakwire.FEED_PATHS["delta"])[2]
