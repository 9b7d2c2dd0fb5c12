"""Where fetching may go: blocked address classes, DNS rebinding, redirects, credentials in URLs.

Every server here listens on 127.0.0.0/8. Addresses outside it (169.254.169.254,
10.0.0.1, a "public" 93.184.215.14) exist only in a simulated network: a
resolver that answers from a table and a network backend that maps the public
address onto a loopback server and refuses everything else, so no test can
reach the internet or the local network even if the guard fails.
"""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from wirewatch.config import Defaults, SourceConfig
from wirewatch.fetch import SourceFetch, fetch_sources

DEFAULTS = Defaults(rate_limit=1000, retries=0, timeout_seconds=5, per_host_concurrency=4)
PUBLIC = "93.184.215.14"  # stands for the source's own web server "out there"
ELSEWHERE = "93.184.215.15"  # a public address no test server stands behind
SECRETS = ("s3cret", "t0ken")

Route = Callable[["Site", BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


def page(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><p>{title}.</p></body></html>".encode()


def rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{link.replace('&', '&amp;')}</link></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    ).encode()


@dataclass
class Hit:
    path: str
    host: str
    authorization: str | None


@dataclass
class Site:
    """One loopback web server: path -> (status, headers, body); every request is kept."""

    ip: str
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://{self.ip}:{self.port}"

    def add(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        content_type = "application/rss+xml" if body.startswith(b"<?xml") else "text/html"
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body)

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]


class Sites:
    """Starts loopback sites and stops them all at the end of a test."""

    def __init__(self) -> None:
        self._servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(self, ip: str) -> Site:
        site = Site(ip)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits.append(
                    Hit(self.path, self.headers.get("Host", ""), self.headers.get("Authorization"))
                )
                status, headers, body = site.routes.get(
                    self.path, (404, {"Content-Type": "text/plain"}, b"not here")
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = ThreadingHTTPServer((ip, 0), Handler)
        site.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self._servers.append((server, thread))
        return site

    def stop(self) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


@pytest.fixture
def sites(no_proxy: None) -> Iterator[Sites]:
    started = Sites()
    try:
        yield started
    finally:
        started.stop()


def source(*feeds: str, **fields: Any) -> SourceConfig:
    return SourceConfig(name="wire", publisher="Wire", language="en", feeds=feeds, **fields)


def fetch(src: SourceConfig, **kwargs: Any) -> SourceFetch:
    (result,) = asyncio.run(fetch_sources([src], defaults=DEFAULTS, known={}, run_id="r", **kwargs))
    return result


def outcome_of(result: SourceFetch, url: str) -> str:
    (record,) = [r for r in result.records if r.url == url and r.kind == "article"]
    return record.outcome


# --- address classes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("127.0.0.3", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6 is judged as its IPv4 address
        ("169.254.169.254", "link-local"),
        ("::ffff:169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("fd12:3456::1", "private"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("::ffff:0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::127.0.0.1", "reserved"),
        ("100.64.0.1", "not-global"),
    ],
)
def test_address_classes(address: str, expected: str | None) -> None:
    from wirewatch.fetch import address_class

    assert address_class(ipaddress.ip_address(address)) == expected


def test_every_blocked_class_has_a_reason() -> None:
    from wirewatch.fetch.rules import BLOCKED_ADDRESS_CLASSES

    names = [name for name, _, _ in BLOCKED_ADDRESS_CLASSES]
    assert len(names) == len(set(names)) >= 6
    assert all(reason.strip() for _, _, reason in BLOCKED_ADDRESS_CLASSES)


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f.1/", "http://[::ffff:7f00:1]/"])
def test_other_spellings_of_loopback_are_judged_by_their_address(url: str) -> None:
    """Names are checked by what they resolve to (here numerically, no DNS), not by how they look."""
    from wirewatch.fetch import AddressGuard

    refusal = asyncio.run(AddressGuard().refusal(url, source="never-admitted"))
    assert refusal is not None and "loopback (" in refusal


# --- real loopback sockets, through the default client ---------------------------


def test_link_to_an_address_of_another_class_is_refused_recorded_and_never_requested(
    sites: Sites,
) -> None:
    """A feed on 127.0.0.2 may reach loopback hosts, not 0.0.0.0 (which lands on 127.0.0.1)."""
    admin = sites.start("127.0.0.1")
    wire = sites.start("127.0.0.2")
    partner = sites.start("127.0.0.3")
    secret_path = "/internal-admin/2026/11/27/payroll-export.html"
    admin.add(secret_path, page("Payroll export"))
    hidden = f"http://0.0.0.0:{admin.port}{secret_path}"
    story = f"{wire.base}/2026/11/27/harbour-cranes-arrive.html"
    shared = f"{partner.base}/2026/11/27/ferry-strike-ends.html"
    wire.add("/feed.xml", rss(story, hidden, shared))
    wire.add("/2026/11/27/harbour-cranes-arrive.html", page("Harbour cranes arrive"))
    partner.add("/2026/11/27/ferry-strike-ends.html", page("Ferry strike ends"))

    result = fetch(source(f"{wire.base}/feed.xml"))

    assert admin.hits == []  # not the page, not even its robots.txt
    assert outcome_of(result, hidden) == "blocked_address"
    blocked = next(r for r in result.records if r.url == hidden)
    assert "0.0.0.0" in (blocked.error or "") and "unspecified" in (blocked.error or "")
    # The run goes on, and loopback links of a loopback source still work.
    assert outcome_of(result, story) == "ok" and outcome_of(result, shared) == "ok"
    assert sorted(p.url for p in result.pages) == sorted([story, shared])
    assert result.errors == []


def test_redirect_to_a_blocked_address_is_refused(sites: Sites) -> None:
    admin = sites.start("127.0.0.1")
    wire = sites.start("127.0.0.2")
    secret_path = "/internal-admin/2026/11/27/payroll-export.html"
    admin.add(secret_path, page("Payroll export"))
    moved = f"{wire.base}/2026/11/27/moved-story-somewhere.html"
    wire.add("/feed.xml", rss(moved))
    wire.add(
        "/2026/11/27/moved-story-somewhere.html",
        b"",
        status=302,
        Location=f"http://0.0.0.0:{admin.port}{secret_path}",
    )

    result = fetch(source(f"{wire.base}/feed.xml"))

    assert admin.hits == []
    assert outcome_of(result, moved) == "blocked_address"
    assert result.pages == []


def test_credentials_in_urls_are_masked_and_only_configured_ones_are_used(
    sites: Sites, caplog: pytest.LogCaptureFixture
) -> None:
    """A configured feed may carry a login; a discovered link with one is refused; neither shows."""
    caplog.set_level(logging.DEBUG)
    wire = sites.start("127.0.0.2")
    story = f"{wire.base}/2026/11/27/harbour-cranes-arrive.html"
    borrowed = f"http://intruder:t0ken@127.0.0.2:{wire.port}/2026/11/27/borrowed-login-story.html"
    wire.add("/feed.xml", rss(story, borrowed))
    wire.add("/2026/11/27/harbour-cranes-arrive.html", page("Harbour cranes arrive"))
    wire.add("/2026/11/27/borrowed-login-story.html", page("Borrowed login"))
    feed = f"http://reader:s3cret@127.0.0.2:{wire.port}/feed.xml"

    result = fetch(source(feed))

    expected_login = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    assert [h.authorization for h in wire.hits if h.path == "/feed.xml"] == [expected_login]
    assert "/2026/11/27/borrowed-login-story.html" not in wire.paths()
    assert [p.url for p in result.pages] == [story]
    masked = f"http://***@127.0.0.2:{wire.port}/2026/11/27/borrowed-login-story.html"
    assert outcome_of(result, masked) == "blocked_address"
    assert f"http://***@127.0.0.2:{wire.port}/feed.xml" in [r.url for r in result.records]
    shown = repr(result.records) + repr(result.candidates) + repr(result.pages) + caplog.text
    for secret in SECRETS:
        assert secret not in shown


# --- a simulated network: names, public addresses, rebinding ---------------------


@dataclass
class Network:
    """Resolver and network backend of a make-believe internet in front of loopback sites."""

    names: dict[str, list[list[str]]]  # name -> successive answers (the last one repeats)
    nat: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)
    connects: list[tuple[str, int]] = field(default_factory=list)

    async def resolve(self, host: str) -> Sequence[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        self.lookups.append(host)
        answers = self.names.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} is not in the test network")
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return [ipaddress.ip_address(a) for a in answer]

    def backend(self) -> Any:
        import httpcore

        network = self
        inner = httpcore.AnyIOBackend()

        class Backend(httpcore.AsyncNetworkBackend):
            async def connect_tcp(
                self,
                host: str,
                port: int,
                timeout: float | None = None,
                local_address: str | None = None,
                socket_options: Any = None,
            ) -> httpcore.AsyncNetworkStream:
                network.connects.append((host, port))
                target = network.nat.get((host, port))
                if target is None:
                    # Only loopback is really reachable; a name here means nobody checked it.
                    if not ipaddress.ip_address(host).is_loopback:
                        raise httpcore.ConnectError(f"{host} is outside the test network")
                    target = (host, port)
                return await inner.connect_tcp(
                    target[0], target[1], timeout=timeout, socket_options=socket_options
                )

            async def sleep(self, seconds: float) -> None:
                await inner.sleep(seconds)

        return Backend()

    def guard(self) -> Any:
        from wirewatch.fetch import AddressGuard

        return AddressGuard(self.resolve, backend=self.backend())


def test_public_source_cannot_reach_private_loopback_or_link_local_addresses(
    sites: Sites,
) -> None:
    wire = sites.start("127.0.0.2")
    admin = sites.start("127.0.0.3")
    local = sites.start("127.0.0.1")
    net = Network(
        names={"wire.test": [[PUBLIC]], "metadata.test": [["169.254.169.254"]]},
        nat={(PUBLIC, 80): ("127.0.0.2", wire.port)},
    )
    admin.add("/internal-admin/", page("Router admin"))
    local.add("/internal-admin/", page("Local admin"))
    story = "http://wire.test/2026/11/27/harbour-cranes-arrive.html"
    hostile = [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://metadata.test/latest/meta-data/",
        "http://10.0.0.1/cgi-bin/reboot",
        f"http://127.0.0.1:{local.port}/internal-admin/",
        f"http://127.0.0.3:{admin.port}/internal-admin/",
        f"http://[::ffff:127.0.0.3]:{admin.port}/internal-admin/",
        f"http://[::1]:{local.port}/internal-admin/",
    ]
    wire.add("/feed.xml", rss(story, *hostile))
    wire.add("/2026/11/27/harbour-cranes-arrive.html", page("Harbour cranes arrive"))

    result = fetch(source("http://wire.test/feed.xml"), guard=net.guard())

    assert {url: outcome_of(result, url) for url in hostile} == dict.fromkeys(
        hostile, "blocked_address"
    )
    assert set(net.connects) == {(PUBLIC, 80)}  # only ever the source itself
    assert admin.hits == [] and local.hits == []
    assert [p.url for p in result.pages] == [story]
    assert {h.host for h in wire.hits} == {"wire.test"}  # Host header kept on the pinned address
    errors = {r.url: r.error or "" for r in result.records}
    assert "link-local" in errors["http://metadata.test/latest/meta-data/"]
    assert "private" in errors["http://10.0.0.1/cgi-bin/reboot"]


def test_name_that_rebinds_to_a_blocked_address_at_connect_time_is_refused(sites: Sites) -> None:
    """The name is public when first checked and loopback when connecting: the connection is refused."""
    wire = sites.start("127.0.0.2")
    inside = sites.start("127.0.0.3")
    inside.add("/2026/11/27/rebound-story-inside.html", page("Inside"))
    net = Network(
        names={
            "wire.test": [[PUBLIC]],
            "news.test": [[ELSEWHERE], ["127.0.0.3"]],  # first answer public, then loopback
        },
        nat={(PUBLIC, 80): ("127.0.0.2", wire.port)},
    )
    rebound = f"http://news.test:{inside.port}/2026/11/27/rebound-story-inside.html"
    wire.add("/feed.xml", rss(rebound))

    result = fetch(source("http://wire.test/feed.xml"), guard=net.guard())

    assert net.lookups.count("news.test") >= 2  # checked before fetching and again when connecting
    assert inside.hits == []
    assert ("127.0.0.3", inside.port) not in net.connects
    news = [r for r in result.records if r.url.startswith("http://news.test")]
    assert news and {r.outcome for r in news} == {"blocked_address"}
    assert any("127.0.0.3" in (r.error or "") for r in news)


def test_allow_networks_lets_a_source_reach_the_ranges_it_lists(sites: Sites) -> None:
    wire = sites.start("127.0.0.2")
    intranet = sites.start("127.0.0.3")
    other = sites.start("127.0.0.4")
    net = Network(names={"wire.test": [[PUBLIC]]}, nat={(PUBLIC, 80): ("127.0.0.2", wire.port)})
    allowed = f"{intranet.base}/2026/11/27/desk-memo-on-ferries.html"
    refused = f"{other.base}/2026/11/27/desk-memo-on-cranes.html"
    intranet.add("/2026/11/27/desk-memo-on-ferries.html", page("Desk memo on ferries"))
    other.add("/2026/11/27/desk-memo-on-cranes.html", page("Desk memo on cranes"))
    wire.add("/feed.xml", rss(allowed, refused))

    src = source("http://wire.test/feed.xml", allow_networks=["127.0.0.3/32"])
    result = fetch(src, guard=net.guard())

    assert outcome_of(result, allowed) == "ok"
    assert outcome_of(result, refused) == "blocked_address"
    assert "/2026/11/27/desk-memo-on-ferries.html" in intranet.paths() and other.hits == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (["10.20.0.0/16"], True),
        (["10.0.0.1", "fd00::/8"], True),
        (["10.20.1.5/16"], False),  # host bits set: probably not what was meant
        (["intranet"], False),
    ],
)
def test_allow_networks_is_validated(value: list[str], ok: bool, tmp_path: Path) -> None:
    from wirewatch.config import load_sources
    from wirewatch.errors import ConfigError

    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n  - name: wire\n    publisher: Wire\n    language: en\n"
        f"    feeds: ['http://wire.test/feed.xml']\n    allow_networks: {value!r}\n",
        encoding="utf-8",
    )
    if ok:
        (loaded,) = load_sources(path).sources
        assert [str(n) for n in loaded.allow_networks] == [
            str(ipaddress.ip_network(v)) for v in value
        ]
    else:
        with pytest.raises(ConfigError, match=r"allow_networks.*expected an IP network"):
            load_sources(path)


# --- a whole run ------------------------------------------------------------------


def test_run_records_blocked_links_and_masks_credentials(sites: Sites, tmp_path: Path) -> None:
    admin = sites.start("127.0.0.1")
    wire = sites.start("127.0.0.2")
    secret_path = "/internal-admin/2026/11/27/payroll-export.html"
    admin.add(secret_path, page("Payroll export"))
    hidden = f"http://0.0.0.0:{admin.port}{secret_path}"
    borrowed = f"http://intruder:t0ken@127.0.0.2:{wire.port}/2026/11/27/borrowed-login-story.html"
    story = f"{wire.base}/2026/11/27/harbour-cranes-arrive.html"
    wire.add("/feed.xml", rss(story, hidden, borrowed))
    wire.add("/2026/11/27/harbour-cranes-arrive.html", page("Harbour cranes arrive"))
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(
        "sources:\n  - name: wire\n    publisher: Wire\n    language: en\n"
        f"    feeds: ['http://reader:s3cret@127.0.0.2:{wire.port}/feed.xml']\n",
        encoding="utf-8",
    )
    (cfg / "alerts.yaml").write_text("rules: []\nchannels: []\n", encoding="utf-8")
    (cfg / "defaults.yaml").write_text("retries: 0\nrate_limit: 50\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wirewatch",
            "run",
            "--config",
            str(cfg),
            "--db",
            str(db),
            "--data",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert admin.hits == []
    assert "blocked_address" in result.stdout
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        fetches = con.execute("SELECT url, outcome, error, final_url FROM fetches").fetchall()
        run = con.execute("SELECT status, fetch_errors, summary FROM runs").fetchall()
    finally:
        con.close()
    outcomes = {url: outcome for url, outcome, _, _ in fetches}
    assert outcomes[hidden] == "blocked_address"
    assert outcomes[borrowed.replace("intruder:t0ken", "***")] == "blocked_address"
    assert outcomes[story] in ("ok", "extract_empty")  # fetched; too short to be an article
    assert run[0][0] == "completed" and run[0][1] >= 2
    stored = repr(fetches) + repr(run) + result.stdout + result.stderr
    for secret in SECRETS:
        assert secret not in stored
