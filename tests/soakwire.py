"""A loopback newswire that changes between runs, and what the warehouse should hold after it.

The whole month is one script, written as data and pure functions of the run
number (1 to ``RUNS``): which items each site publishes, lists, revises and
drops, when ``charlie`` is down and when ``delta``'s feed answers HTML. The
server (:class:`SoakWire`) serves the script's state for the run it is told
(``set_run``); the oracle (:func:`expected`) reads the same script and says
which articles, versions and stories a correct pipeline ends with. It never
looks at the pipeline, so the soak compares two independent accounts.

The sites, all on 127.0.0.1 (told apart by port):

- ``alpha`` (Atom, every ``<entry>`` with ``<updated>``): two items a run,
  listed for ``ALPHA_LISTED`` runs, then dropped from the feed. Every fourth
  run the first item of two runs ago gets a new paragraph (a new version);
  every seventh run the second item of the run before has its ``<updated>``
  bumped with the page unchanged (no new version).
- ``bravo`` (RSS 2.0, no update dates): one item of its own a run, plus
  republished copies of ``alpha`` items (own headline, a local intro, alpha's
  body as it stood then): one run later on odd runs, the same run on every sixth.
  A copy and its original are one story.
- ``charlie`` (Atom): one item a run; every connection is reset in
  ``CHARLIE_DOWN`` (ten runs). One item is revised while it is down (seen as
  version 2 after it is back), one is published and dropped while it is down
  (never seen: not expected).
- ``delta`` (RSS 2.0): one item a run; in ``DELTA_HTML`` its feed URL answers
  the site's HTML home page (200, text/html, links to the articles), then the
  feed is back and lists what was published meanwhile.

Why the oracle can ignore retry backoff: every item a healthy site lists stays
listed, unrevised, for at least ``BACKOFF_TOLERANCE`` runs after an outage ends
(:func:`expected` with ``skip_after_outage`` checks this), so a pipeline that
waits a few runs before trying a recovered source again ends the same.
"""

from __future__ import annotations

import hashlib
import html
import random
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

RUNS = 30
SITES = ("alpha", "bravo", "charlie", "delta")
CHARLIE_DOWN = range(8, 18)  # runs 8..17: ten runs, back in run 18
DELTA_HTML = range(12, 20)  # runs 12..19 the feed URL answers HTML; the feed is back in run 20
ALPHA_LISTED = 6  # runs an alpha item stays in the feed (so items leave it from run 7 on)
BRAVO_LISTED = 8
CHARLIE_LISTED = 20  # long enough to list, after the outage, all it published during it
DELTA_LISTED = 14
CHARLIE_REVISED_WHILE_DOWN = (5, 12)  # item charlie-5 revised in run 12
CHARLIE_FLASH = (10, 12)  # an extra item listed in runs 10..12 only: never seen
BACKOFF_TOLERANCE = 5  # runs a pipeline may wait before retrying a recovered source
CLOCK_START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)  # the script's own clock, not the wall's
RUN_INTERVAL = timedelta(minutes=15)

HTML_TYPE = "text/html; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
RSS_TYPE = "application/rss+xml; charset=utf-8"

# Plain words with no country, leader or meeting in them: the detector finds nothing,
# and texts drawn from them at random share no run of words (no false near-duplicates).
_WORD_TEXT = """
harbour river bridge tunnel ferry railway station depot warehouse granary orchard vineyard
meadow valley ridge plateau glacier delta marsh estuary lagoon reef quarry mine forge mill
bakery market bazaar arcade library museum theatre gallery stadium arena school college
clinic hospital pharmacy laboratory observatory lighthouse pier dock crane barge tugboat
freighter tanker lorry tractor harvester plough seed barley wheat maize rice millet rye oat
potato cabbage onion garlic pepper tomato cucumber melon apple pear plum cherry apricot peach
olive walnut chestnut almond honey cheese butter yoghurt bread flour sugar salt vinegar
timber plank beam brick tile slate granite marble cement steel copper zinc nickel tin silver
cotton wool linen silk leather paper ink glass pottery porcelain basket rope sail net anchor
engine turbine pump valve boiler furnace kiln oven press loom lathe drill saw hammer chisel
ladder scaffold crane roof chimney gutter window shutter balcony courtyard garden fountain
statue monument archive ledger census survey map compass chart gauge meter scale clock
morning evening season winter spring summer autumn frost rain drizzle fog breeze storm
thunder snowfall thaw flood drought harvest sowing pruning grazing shearing milking brewing
baking weaving dyeing printing binding carving painting tuning repairing loading unloading
shipping sorting counting weighing measuring paving draining dredging surveying mapping
apprentice mason carpenter blacksmith miller baker brewer weaver dyer potter glazier cooper
fisherman shepherd beekeeper gardener forester ranger pilot conductor porter clerk curator
librarian teacher nurse surgeon chemist engineer architect surveyor cartographer inspector
volunteer committee council cooperative guild union association foundation trust society
schedule timetable tariff budget ledger invoice receipt permit licence contract tender grant
subsidy levy toll fare rent wage pension loan deposit dividend auction lottery festival
parade concert exhibition fair tournament regatta marathon rally workshop seminar lecture
"""
WORDS = tuple(_WORD_TEXT.split())
_LOCAL_TEXT = "local readers district county borough parish township village suburb"
LOCAL_WORDS = tuple(_LOCAL_TEXT.split())


# -- the script ------------------------------------------------------------------------------


def clock(run: int) -> datetime:
    """The script's time of run ``run`` (fifteen minutes apart, as a desk schedules them)."""
    return CLOCK_START + (run - 1) * RUN_INTERVAL


def _sentences(seed: str, count: int, length: int) -> tuple[str, ...]:
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    out = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(length)]
        out.append(" ".join(words).capitalize() + ".")
    return tuple(out)


@dataclass(frozen=True)
class Item:
    """One article of one site: when it appears, how long it is listed, how it changes."""

    site: str
    key: str  # unique on its site; the page path is /news/<key>.html
    run: int  # the run it is published in
    listed: range  # the runs its site's feed lists it in
    headline: str
    paragraphs: tuple[str, ...]
    revisions: tuple[int, ...] = ()  # runs in which a paragraph is added (a new version)
    touches: tuple[int, ...] = ()  # runs in which only the listing's <updated> moves
    copy_of: str | None = None  # "site/key" of the item this republishes (the same story)

    @property
    def path(self) -> str:
        return f"/news/{self.key}.html"

    @property
    def ident(self) -> str:
        return f"{self.site}/{self.key}"

    @property
    def published(self) -> datetime:
        return clock(self.run) + timedelta(minutes=1)

    def body(self, run: int) -> tuple[str, ...]:
        """The paragraphs its page shows in run ``run``: one more per revision so far."""
        extra = tuple(
            _sentences(f"{self.ident} revision {r}", 1, 28)[0] for r in self.revisions if r <= run
        )
        return self.paragraphs + extra

    def updated(self, run: int) -> datetime:
        """The ``<updated>`` time its listing carries in run ``run``."""
        changes = [r for r in (*self.revisions, *self.touches) if r <= run and r > self.run]
        return clock(max(changes)) + timedelta(minutes=2) if changes else self.published


def _own(site: str, n: int, run: int, listed_for: int, **extra: Any) -> Item:
    key = f"{site}-{n}"
    words = _sentences(f"{key} headline", 1, 6)[0].rstrip(".")
    return Item(
        site=site,
        key=key,
        run=run,
        listed=range(run, run + listed_for),
        headline=f"{site.capitalize()} {n}: {words}",
        paragraphs=_sentences(f"{key} body", 4, 40),
        **extra,
    )


def _copy(original: Item, run: int) -> Item:
    key = f"bravo-copy-{original.key}"
    intro = _sentences(f"{key} intro", 1, 12)[0].rstrip(".")
    local = " ".join(random.Random(key).sample(LOCAL_WORDS, 3))
    return Item(
        site="bravo",
        key=key,
        run=run,
        listed=range(run, run + BRAVO_LISTED),
        headline=f"Republished: {original.headline.split(': ', 1)[1]} ({local})",
        paragraphs=(f"{intro.capitalize()} for {local}.", *original.body(run)),
        copy_of=original.ident,
    )


def build_items() -> list[Item]:
    """Every item the newswire ever publishes, in publication order."""
    items: list[Item] = []
    alpha: dict[str, Item] = {}
    for run in range(1, RUNS + 1):
        for i in (0, 1):
            n = 2 * run + i - 2
            revisions = tuple(r for r in range(run + 1, RUNS + 1) if r % 4 == 0 and r - 2 == run)
            touches = tuple(r for r in range(run + 1, RUNS + 1) if r % 7 == 0 and r - 1 == run)
            item = _own(
                "alpha", n, run, ALPHA_LISTED,
                revisions=revisions if i == 0 else (),
                touches=touches if i == 1 else (),
            )  # fmt: skip
            alpha[item.key] = item
            items.append(item)
        items.append(_own("bravo", run, run, BRAVO_LISTED))
        if run % 2 == 1 and run > 1:
            items.append(_copy(alpha[f"alpha-{2 * (run - 1) - 2}"], run))
        if run % 6 == 0:
            items.append(_copy(alpha[f"alpha-{2 * run - 1}"], run))
        revised = (CHARLIE_REVISED_WHILE_DOWN[1],) if run == CHARLIE_REVISED_WHILE_DOWN[0] else ()
        items.append(_own("charlie", run, run, CHARLIE_LISTED, revisions=revised))
        if run == CHARLIE_FLASH[0]:
            flash = _own("charlie", 1000 + run, run, CHARLIE_FLASH[1] - run + 1)
            items.append(flash)
        items.append(_own("delta", run, run, DELTA_LISTED))
    return items


ITEMS = build_items()


def down(site: str, run: int) -> bool:
    """The site resets every connection in run ``run``."""
    return site == "charlie" and run in CHARLIE_DOWN


def feed_is_html(site: str, run: int) -> bool:
    """The site's feed URL answers its HTML home page in run ``run``."""
    return site == "delta" and run in DELTA_HTML


def healthy(site: str, run: int) -> bool:
    """The site answers a readable feed in run ``run``."""
    return not down(site, run) and not feed_is_html(site, run)


FEED_PATHS = {"alpha": "/feeds/latest.atom", "bravo": "/rss.xml", "charlie": "/atom.xml", "delta": "/news.rss"}
STEADY_SITES = frozenset(s for s in SITES if all(healthy(s, r) for r in range(1, RUNS + 1)))
ATOM_SITES = frozenset({"alpha", "charlie"})  # their entries carry <updated>; RSS items never claim a change


def listed(site: str, run: int) -> list[Item]:
    """What ``site``'s feed lists in run ``run``, newest first."""
    return sorted(
        (item for item in ITEMS if item.site == site and run in item.listed),
        key=lambda item: (item.run, item.key),
        reverse=True,
    )


# -- the oracle ------------------------------------------------------------------------------


@dataclass
class ExpectedArticle:
    item: Item
    versions: list[tuple[str, ...]] = field(default_factory=list)  # the bodies loaded, in order
    acted_on: datetime | None = None  # the newest listing <updated> the pipeline fetched for


@dataclass(frozen=True)
class Expected:
    articles: dict[str, ExpectedArticle]  # ident -> article
    stories: frozenset[frozenset[str]]  # each story as the idents of its articles
    never_seen: frozenset[str]  # published and dropped without a healthy listing
    article_requests: Counter[str]  # ident -> article page requests, on sites never down


def expected(skip_after_outage: int = 0) -> Expected:
    """What a correct pipeline holds after the ``RUNS`` runs, read from the script alone.

    A site is read in every run in which it is healthy, except the first
    ``skip_after_outage`` runs after an outage (a pipeline backing off). A listed
    item is fetched when it is new or its ``<updated>`` moved past the one last
    acted on; a fetch whose page differs from the last version adds a version.
    Atom listings carry ``<updated>``; RSS ones (bravo, delta) never claim a change.
    """
    articles: dict[str, ExpectedArticle] = {}
    requests: Counter[str] = Counter()
    for site in SITES:
        since_outage = skip_after_outage + 1
        for run in range(1, RUNS + 1):
            if not healthy(site, run):
                since_outage = 0
                continue
            since_outage += 1
            if since_outage <= skip_after_outage:
                continue
            for item in listed(site, run):
                known = articles.get(item.ident)
                stamp = item.updated(run) if site in ATOM_SITES else None
                if known is None:
                    known = articles[item.ident] = ExpectedArticle(item, [item.body(run)], stamp)
                    requests[item.ident] += 1
                elif stamp is not None and known.acted_on is not None and stamp > known.acted_on:
                    known.acted_on = stamp
                    requests[item.ident] += 1
                    if item.body(run) != known.versions[-1]:
                        known.versions.append(item.body(run))
    by_story: dict[str, set[str]] = {}
    for ident, article in articles.items():
        root = article.item.copy_of if article.item.copy_of in articles else ident
        by_story.setdefault(root or ident, set()).add(ident)
    never = frozenset(item.ident for item in ITEMS if item.ident not in articles)
    return Expected(
        articles=articles,
        stories=frozenset(frozenset(group) for group in by_story.values()),
        never_seen=never,
        article_requests=Counter(
            {k: v for k, v in requests.items() if articles[k].item.site in STEADY_SITES}
        ),
    )


# -- rendering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime


def _resource(text: str, content_type: str, when: datetime) -> Resource:
    body = text.encode("utf-8")
    return Resource(body, content_type, '"' + hashlib.sha256(body).hexdigest()[:20] + '"', when)


def _page(item: Item, run: int, base: str) -> Resource:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in item.body(run))
    name = item.site.capitalize()
    text = (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(item.headline)}</title>"
        f'<link rel="canonical" href="{base}{item.path}">'
        f'<meta name="publishdate" content="{item.published.isoformat()}"></head>\n<body>'
        f'<div class="nav"><a href="/">{name} News</a> | <a href="/about/">About us</a></div>\n'
        f"<article><h1>{html.escape(item.headline)}</h1>\n{paragraphs}</article>\n"
        f'<div class="foot">Copyright {name} News Agency. All rights reserved.</div>'
        "</body></html>\n"
    )
    return _resource(text, HTML_TYPE, clock(max([item.run, *(r for r in item.revisions if r <= run)])))


def _atom(site: str, run: int, base: str) -> Resource:
    entries = "".join(
        f"<entry><title>{xml_escape(item.headline)}</title>"
        f'<link href="{base}{item.path}"/><id>{base}{item.path}</id>'
        f"<published>{item.published.isoformat()}</published>"
        f"<updated>{item.updated(run).isoformat()}</updated></entry>"
        for item in listed(site, run)
    )
    text = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{site.capitalize()} News</title><id>{base}/</id>"
        f"<updated>{clock(run).isoformat()}</updated>{entries}</feed>"
    )
    return _resource(text, ATOM_TYPE, clock(run))


def _rss(site: str, run: int, base: str) -> Resource:
    items = "".join(
        f"<item><title>{xml_escape(item.headline)}</title><link>{base}{item.path}</link>"
        f"<guid>{base}{item.path}</guid>"
        f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate></item>"
        for item in listed(site, run)
    )
    text = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{site.capitalize()} News</title><link>{base}/</link>{items}</channel></rss>"
    )
    return _resource(text, RSS_TYPE, clock(run))


def _home(site: str, run: int, base: str) -> Resource:
    links = "".join(
        f'<li><a href="{base}{item.path}">{html.escape(item.headline)}</a></li>'
        for item in listed(site, run)
    )
    text = (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{site.capitalize()} '
        f"News: home</title></head><body><h1>Welcome to our new website</h1><ul>{links}</ul>"
        "</body></html>\n"
    )
    return _resource(text, HTML_TYPE, clock(run))


def render(site: str, run: int, base: str) -> dict[str, Resource]:
    """Path -> resource for ``site`` in run ``run``: robots.txt, its feed, every page published so far."""
    out = {"/robots.txt": _resource("User-agent: *\nAllow: /\n", "text/plain", CLOCK_START)}
    feed = FEED_PATHS[site]
    if feed_is_html(site, run):
        out[feed] = out["/"] = _home(site, run, base)
    else:
        out[feed] = (_atom if site in ATOM_SITES else _rss)(site, run, base)
    for item in ITEMS:
        if item.site == site and item.run <= run:
            out[item.path] = _page(item, run, base)
    return out


# -- the server ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    is_down: Callable[[], bool] = staticmethod(lambda: False)  # type: ignore[assignment]

    def process_request(self, request: Any, client_address: Any) -> None:
        if self.is_down():
            # A reset on every connection, as from a host whose service is gone; the
            # port stays ours, so the site comes back on the same URL.
            request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            request.close()
            return
        super().process_request(request, client_address)


class SoakWire:
    """The four sites on 127.0.0.1, serving the script's state for one run at a time."""

    def __init__(self) -> None:
        self.run = 0
        self.lock = threading.Lock()
        self.resources: dict[str, dict[str, Resource]] = {site: {} for site in SITES}
        self.requests: Counter[tuple[str, str]] = Counter()  # (site, path) -> GETs answered
        self.servers: dict[str, _Server] = {}
        self.threads: list[threading.Thread] = []

    def _handler(self, site: str) -> type[BaseHTTPRequestHandler]:
        wire = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                """The resource, a 304 when the validator matches, or a 404."""
                path = urlsplit(self.path).path
                with wire.lock:
                    resource = wire.resources[site].get(path)
                    wire.requests[(site, path)] += 1
                if resource is None:
                    self._send(404, b"not found\n", "text/plain", {})
                    return
                validators = {
                    "ETag": resource.etag,
                    "Last-Modified": format_datetime(resource.last_modified, usegmt=True),
                }
                if self.headers.get("If-None-Match") == resource.etag:
                    self._send(304, b"", None, validators)
                else:
                    self._send(200, resource.body, resource.content_type, validators)

            def _send(
                self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
            ) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def __enter__(self) -> SoakWire:
        for site in SITES:
            server = _Server(("127.0.0.1", 0), self._handler(site))
            server.is_down = lambda site=site: down(site, self.run)  # type: ignore[misc]
            self.servers[site] = server
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
            thread.daemon = True
            thread.start()
            self.threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def base(self, site: str) -> str:
        host, port = self.servers[site].server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, item: Item) -> str:
        return self.base(item.site) + item.path

    def set_run(self, run: int) -> None:
        """Serve the script's state of run ``run`` on every site (each swapped whole)."""
        rendered = {site: render(site, run, self.base(site)) for site in SITES}
        with self.lock:
            self.run = run
            self.resources = rendered

    def sources_yaml(self) -> str:
        """``sources.yaml`` for the four sites (one feed each; loopback is their own host)."""
        lines = ["sources:"]
        for site in SITES:
            lines += [
                f"  - name: {site}",
                f"    publisher: {site.capitalize()} News Agency",
                "    language: en",
                f"    feeds: ['{self.base(site)}{FEED_PATHS[site]}']",
                "    rate_limit: 200",
            ]
        return "\n".join(lines) + "\n"

    def article_requests(self) -> Iterator[tuple[str, int]]:
        """(site/key, GETs) for every article page requested so far."""
        by_path = {(item.site, item.path): item.ident for item in ITEMS}
        with self.lock:
            counts = dict(self.requests)
        for key, count in counts.items():
            if key in by_path:
                yield by_path[key], count
