"""Against a real HTTP server on 127.0.0.1: per-host concurrency never exceeds the limit."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wirewatch.config import Defaults, SourceConfig
from wirewatch.fetch import fetch_sources

ARTICLES = 8
HOLD_SECONDS = 0.15  # each article answer is held open so requests overlap if allowed to


class Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.article_hits = 0


class Handler(BaseHTTPRequestHandler):
    counter: Counter  # set on the per-test subclass

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        host = self.headers["Host"]
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/feed.xml":
            items = "".join(
                f"<item><title>Story {i}</title><link>http://{host}/2026/11/27/story-{i}.html</link></item>"
                for i in range(ARTICLES)
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title>{items}</channel></rss>'
            self._send(200, body.encode(), "application/rss+xml")
        elif self.path.startswith("/2026/11/27/story-"):
            with self.counter.lock:
                self.counter.in_flight += 1
                self.counter.article_hits += 1
                self.counter.peak = max(self.counter.peak, self.counter.in_flight)
            try:
                time.sleep(HOLD_SECONDS)
                self._send(
                    200,
                    f"<html><body><p>{self.path}</p></body></html>".encode("gbk"),
                    "text/html; charset=GBK",
                )
            finally:
                with self.counter.lock:
                    self.counter.in_flight -= 1
        else:
            self._send(404, b"missing", "text/plain")


@pytest.fixture
def server(no_proxy: None) -> Iterator[tuple[str, Counter]]:
    counter = Counter()
    handler = type("BoundHandler", (Handler,), {"counter": counter})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", counter
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("limit", [1, 2])
def test_per_host_concurrency_never_exceeds_the_limit(
    server: tuple[str, Counter], limit: int
) -> None:
    base, counter = server
    defaults = Defaults(per_host_concurrency=limit, rate_limit=1000, retries=0, timeout_seconds=10)
    source = SourceConfig(name="loop", publisher="Loop", language="en", feeds=(f"{base}/feed.xml",))
    (result,) = asyncio.run(fetch_sources([source], defaults=defaults, known={}, run_id="r"))
    assert counter.article_hits == ARTICLES
    assert len(result.pages) == ARTICLES
    assert all(p.charset == "gbk" for p in result.pages)
    # Never above the limit, and (requests held open long enough) the limit is actually reached.
    assert counter.peak == limit
