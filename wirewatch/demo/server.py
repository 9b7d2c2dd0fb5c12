"""The demo newswire server: one loopback HTTP server per demo site, in daemon threads.

Standard library only (``http.server.ThreadingHTTPServer``), so ``wirewatch demo``
and the end-to-end test need nothing but the process itself. Each site binds
port 0 on its host and is reached as ``http://HOST:PORT``; pages, feeds and
sitemaps carry those absolute URLs, so rendering happens after binding.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from wirewatch.config import SourcesConfig
from wirewatch.demo.content import DemoContent, Resource, load_content
from wirewatch.demo.render import render_site
from wirewatch.errors import ConfigError, UsageError

__all__ = ["DemoNewswire", "default_root", "history_default"]

ENV_DEMO_DIR = "WIREWATCH_DEMO_DIR"
ENV_DEMO_HISTORY = "WIREWATCH_DEMO_HISTORY"
_ON = {"1", "on", "yes", "true"}
_OFF = {"0", "off", "no", "false"}


def history_default(default: bool = False) -> bool:
    """Whether the generated archive is served when the caller does not say.

    ``$WIREWATCH_DEMO_HISTORY`` on (1, yes, true) or off (0, no, false) decides;
    anything else leaves ``default``. ``wirewatch demo`` defaults to on (the
    backfill is the demo); the library and tests default to the week alone.
    """
    value = os.environ.get(ENV_DEMO_HISTORY, "").strip().lower()
    return True if value in _ON else False if value in _OFF else default


def default_root() -> Path:
    """``$WIREWATCH_DEMO_DIR`` or the checkout's ``config/demo`` (the package is installed editable)."""
    env = os.environ.get(ENV_DEMO_DIR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "config" / "demo"


class _SiteState:
    """The resources one site serves now; swapped whole on an edition change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.resources: dict[str, Resource] = {}


def _not_modified(headers: Any, resource: Resource) -> bool:
    # RFC 9110: If-None-Match wins over If-Modified-Since when both are sent.
    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = {tag.strip().removeprefix("W/") for tag in inm.split(",")}
        return "*" in tags or resource.etag in tags
    ims = headers.get("If-Modified-Since")
    if ims is not None:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return resource.last_modified.replace(microsecond=0) <= since
    return False


def _handler(
    state: _SiteState, counter: Counter[str], counter_lock: threading.Lock, key: str
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "DemoNewswire/1.0"
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without TCP_NODELAY each
        # keep-alive response waits ~40 ms for a delayed ACK.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Quiet: the demo must not write request logs over the run summary."""

        def _answer(self, with_body: bool) -> None:
            path = urlsplit(self.path).path
            with counter_lock:
                counter[key] += 1
            with state.lock:
                resource = state.resources.get(path)
            if resource is None:
                body = b"Not found\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
                return
            validators = {
                "ETag": resource.etag,
                "Last-Modified": format_datetime(resource.last_modified, usegmt=True),
            }
            if _not_modified(self.headers, resource):
                self.send_response(304)
                for name, value in validators.items():
                    self.send_header(name, value)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            if with_body:
                self.wfile.write(resource.body)

        def do_GET(self) -> None:  # noqa: N802
            """Serve a document, a 304 or a 404."""
            self._answer(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            """Headers only."""
            self._answer(with_body=False)

    return Handler


class DemoNewswire:
    """The bundled demo sites on loopback; use as a context manager.

    ``hosts=None`` puts every site on 127.0.0.1; otherwise site *i* listens on
    ``hosts[i]`` (any address in 127.0.0.0/8 reaches this machine).
    ``history=True`` adds the generated archive before the hand-written week
    (44 articles); ``None`` (the default) asks :func:`history_default`, which says no.
    """

    def __init__(
        self,
        root: Path | None = None,
        hosts: Sequence[str] | None = None,
        *,
        history: bool | None = None,
    ) -> None:
        self.root = root if root is not None else default_root()
        self.history = history_default() if history is None else history
        self.content: DemoContent = load_content(self.root, history=self.history)
        keys = [site.key for site in self.content.sites]
        if hosts is not None and len(hosts) < len(keys):
            raise UsageError(
                f"the demo has {len(keys)} sites but only {len(hosts)} hosts were given"
            )
        self._hosts = {
            key: (hosts[i] if hosts is not None else "127.0.0.1") for i, key in enumerate(keys)
        }
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._states = {key: _SiteState() for key in keys}
        self._counter: Counter[str] = Counter()
        self._counter_lock = threading.Lock()
        self._edition = 1
        self._sources: SourcesConfig | None = None

    @property
    def clock(self) -> datetime:
        """The newswire's now: its newest story's publication or update, in either edition.

        The demo's runs measure alert ages from it (``Settings.alerts_as_of``), so
        the fixed demo week is the recent week whatever day the demo runs.
        """
        return max(
            moment
            for a in self.content.articles
            for moment in (a.published, a.updated, a.edition2.updated if a.edition2 else None)
            if moment is not None
        )

    # -- lifecycle -------------------------------------------------------
    def start(self) -> DemoNewswire:
        """Bind every site on a free port and start serving (edition 1)."""
        if self._servers:
            return self
        try:
            for key, host in self._hosts.items():
                handler = _handler(self._states[key], self._counter, self._counter_lock, key)
                server = ThreadingHTTPServer((host, 0), handler)
                server.daemon_threads = True
                self._servers[key] = server
        except OSError as exc:
            self.stop()
            raise UsageError(f"cannot start the demo newswire: {exc}") from exc
        self._render()
        for key, server in self._servers.items():
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.1},
                name=f"demo-{key}",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Stop every server and close its socket."""
        started = bool(self._threads)
        for server in self._servers.values():
            if started:  # shutdown() waits for serve_forever and would hang otherwise
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()
        self._sources = None  # a restart binds new ports

    def __enter__(self) -> DemoNewswire:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- content ---------------------------------------------------------
    def _render(self) -> None:
        for key in self._servers:
            resources = render_site(self.content, key, self.base_urls[key], self._edition)
            state = self._states[key]
            with state.lock:
                state.resources = resources

    def set_edition(self, edition: int) -> None:
        """Switch every site to ``edition`` (1 or 2); the change is atomic per site."""
        if edition not in (1, 2):
            raise UsageError(f"the demo has editions 1 and 2, not {edition}")
        self._edition = edition
        if self._servers:
            self._render()

    @property
    def edition(self) -> int:
        """The edition being served."""
        return self._edition

    @property
    def base_urls(self) -> dict[str, str]:
        """Site key -> ``http://HOST:PORT`` (requires a started newswire)."""
        if not self._servers:
            raise UsageError("the demo newswire is not running")
        out = {}
        for key, server in self._servers.items():
            host, port = server.server_address[:2]
            out[key] = f"http://{host!s}:{port}"
        return out

    @property
    def sources(self) -> SourcesConfig:
        """``config/demo/sources.yaml`` with ``{site}`` placeholders filled in, validated."""
        if self._sources is None:
            path = self.root / "sources.yaml"
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read ({exc})") from exc
            for key, url in self.base_urls.items():
                text = text.replace("{" + key + "}", url)
            try:
                self._sources = SourcesConfig.model_validate(yaml.safe_load(text) or {})
            except (yaml.YAMLError, ValidationError) as exc:
                raise ConfigError(
                    f"{path}: invalid demo sources ({exc})".replace("\n", " ")
                ) from exc
        return self._sources

    @property
    def requests(self) -> int:
        """How many requests the sites have answered so far (all sites)."""
        with self._counter_lock:
            return sum(self._counter.values())

    @property
    def requests_by_site(self) -> dict[str, int]:
        """Requests answered so far, per site key."""
        with self._counter_lock:
            return dict(self._counter)

    def resource_paths(self, key: str) -> list[str]:
        """Every path site ``key`` serves in the current edition (for tests and tooling)."""
        state = self._states[key]
        with state.lock:
            return sorted(state.resources)
