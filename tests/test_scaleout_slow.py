"""Scale-out on a real Prefect work pool (`make test-slow`): a server, a process pool, workers.

A loopback newswire of 20 hosts and 2,000 article pages (100 a host, each host
one source with its own rate limit) is ingested by ``ingest_scaleout`` twice,
into fresh warehouses: first with one worker on the pool, then with two. Each
run must load every page exactly once (one fetch per article URL at the server,
one article per URL in the warehouse), and no host may be asked more often than
its rate limit: in any one second of the fetchers' own start times (``fetches.requested_at``,
every worker's) and, allowing for the scheduling delay of a busy machine (``SERVER_JITTER``),
of the arrival times at the server. The wall times of both runs are printed, not asserted:
the house has no timed asserts.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import httpx
import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOSTS = [f"127.0.0.{n}" for n in range(21, 41)]  # 20 hosts
PAGES_PER_HOST = 100  # 2,000 pages
RATE = 10.0  # requests per second per host: each source's rate_limit
SOURCES_PER_BATCH = 5  # four staged batches, so two workers have work to share
# A request waits for the CPU between the fetcher's start and the server's clock: with two
# cores shared by many processes that is up to a few hundred milliseconds, so the server's
# window is one second less this. The fetchers' own start times get only CLIENT_JITTER (the
# gap between the limiter's clock and the record's timestamp).
SERVER_JITTER = 0.25
CLIENT_JITTER = 0.01
WORDS = ["minister", "talks", "trade", "visit", "delegation", "agreement", "summit", "border", "energy", "grain", "port", "bank", "railway", "treaty", "council", "envoy", "harvest", "festival", "market", "budget", "school", "hospital", "bridge", "river", "coast", "mountain", "city", "province", "factory", "export", "import", "tariff", "weather", "storm"]


@dataclass
class Site:
    """One host's requests, as the server saw them."""

    host: str
    port: int = 0
    arrivals: list[float] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def _article(host: str, n: int) -> str:
    rng = random.Random(f"{host}/{n}")
    title = f"{host} report {n}: " + " ".join(rng.choice(WORDS) for _ in range(6))
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(6)
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>Published 2026-11-{1 + n % 28:02d}</p>{body}</article></body></html>"
    )


def _feed(site: Site) -> str:
    base = f"http://{site.host}:{site.port}"
    items = "".join(
        f"<item><title>report {n}</title><link>{base}/a/{n}.html</link>"
        f"<pubDate>Mon, {1 + n % 28:02d} Nov 2026 10:00:00 GMT</pubDate></item>"
        for n in range(PAGES_PER_HOST)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{site.host}</title>{items}</channel></rss>'


class _Handler(BaseHTTPRequestHandler):
    site: Site
    lock: threading.Lock

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        with self.lock:
            self.site.arrivals.append(time.monotonic())
            self.site.paths.append(self.path)
        if self.path == "/feed.xml":
            self._send(200, _feed(self.site), "application/rss+xml")
        elif self.path.startswith("/a/"):
            self._send(200, _article(self.site.host, int(self.path[3:].split(".")[0])), "text/html")
        else:
            self._send(404, "not here", "text/plain")

    def _send(self, status: int, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def newswire() -> Iterator[list[Site]]:
    sites = [Site(host) for host in HOSTS]
    servers = []
    lock = threading.Lock()
    for site in sites:
        handler = type("Handler", (_Handler,), {"site": site, "lock": lock})
        server = ThreadingHTTPServer((site.host, 0), handler)
        site.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield sites
    for server in servers:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def prefect_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A `prefect server start` on loopback with its own PREFECT_HOME, and the process pool."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_UI_ENABLED": "false",
        "WIREWATCH_HOME": str(REPO),
    }
    env.pop("PREFECT_PROFILES_PATH", None)
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180  # a cold start here takes 20 s or more
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, (home / "server.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "the Prefect server did not start"
            time.sleep(1)
        prefect = [str(BIN / "prefect"), "--no-prompt"]
        subprocess.run([*prefect, "work-pool", "create", "wirewatch", "--type", "process"],
                       env=env, check=True, capture_output=True, cwd=REPO)
        # The worker side of prefect.yaml as shipped: the stage-batch deployment on the pool.
        subprocess.run([*prefect, "deploy", "--name", "stage-batch"],
                       env=env, check=True, capture_output=True, cwd=REPO)
        yield env
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _write_config(root: Path, sites: list[Site]) -> tuple[Path, Path]:
    config = root / "config"
    config.mkdir(parents=True)
    (config / "alerts.yaml").write_text(
        "rules: []\nchannels:\n  - name: file\n    type: jsonl\n    path: alerts.jsonl\n",
        encoding="utf-8",
    )
    (config / "defaults.yaml").write_text(
        "timeout_seconds: 10\nretries: 1\nbackoff_seconds: 0.05\nper_host_concurrency: 2\n"
        "max_pages_per_source: 500\narchive: false\n",
        encoding="utf-8",
    )
    sources = root / "sources.yaml"
    sources.write_text(
        "sources:\n"
        + "".join(
            f"  - name: wire-{i:02d}\n    publisher: Wire {i}\n    language: en\n"
            f"    feeds: [\"http://{s.host}:{s.port}/feed.xml\"]\n    rate_limit: {RATE}\n"
            f"    allow_networks: [\"127.0.0.0/8\"]\n"
            for i, s in enumerate(sites)
        ),
        encoding="utf-8",
    )
    return config, sources


_COORDINATOR = """
import json, sys
from pathlib import Path
from flows.scaleout import ingest_scaleout
from wirewatch.run import RunParams
params = RunParams(db=Path(sys.argv[1]), config_dir=Path(sys.argv[2]), data_dir=Path(sys.argv[3]),
                   sources_file=Path(sys.argv[4]))
summary = ingest_scaleout(params, sources_per_batch=int(sys.argv[5]))
print(json.dumps({"status": summary.status, "fetched": summary.fetched, "new": summary.articles_new}))
"""


def _start_worker(env: dict[str, str], name: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "prefect"), "worker", "start", "--pool", "wirewatch", "--limit", "1",
         "--name", name, "--type", "process"],
        env=env, cwd=REPO, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )


def _stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()


def _ingest(env: dict[str, str], root: Path, sites: list[Site]) -> float:
    """One scale-out ingest into a fresh warehouse under ``root``; its wall time in seconds."""
    for site in sites:
        site.arrivals.clear()
        site.paths.clear()
    config, sources = _write_config(root, sites)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _COORDINATOR, str(root / "w.duckdb"), str(config),
         str(root / "data"), str(sources), str(SOURCES_PER_BATCH)],
        env=env, cwd=REPO, capture_output=True, timeout=1800,
    )
    wall = time.monotonic() - started
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    assert '"status": "completed"' in done.stdout.decode(), done.stdout.decode()[-2000:]
    return wall


def _max_in_window(arrivals: list[float], width: float) -> int:
    times = sorted(arrivals)
    best, first = 0, 0
    for last, t in enumerate(times):
        while t - times[first] >= width:
            first += 1
        best = max(best, last - first + 1)
    return best


def _check_run(root: Path, sites: list[Site]) -> tuple[int, int, int]:
    """Every page fetched once and loaded once, each host within its rate; returns the most
    requests to one host in a second: started, arrived (less jitter), and per calendar second."""
    for site in sites:
        articles = [p for p in site.paths if p.startswith("/a/")]
        assert len(articles) == PAGES_PER_HOST and len(set(articles)) == PAGES_PER_HOST, site.host
    con = duckdb.connect(str(root / "w.duckdb"), read_only=True)
    try:
        articles, urls = con.execute(
            "SELECT count(*), count(DISTINCT url) FROM articles"
        ).fetchone() or (0, 0)
        batches = con.execute("SELECT count(*) FROM staged_batches").fetchone()
        started = con.execute(
            "SELECT source_id, epoch(requested_at) FROM fetches ORDER BY 2"
        ).fetchall()
    finally:
        con.close()
    assert (articles, urls) == (len(HOSTS) * PAGES_PER_HOST,) * 2
    assert batches == (len(HOSTS) // SOURCES_PER_BATCH,)
    by_source: dict[str, list[float]] = defaultdict(list)
    for source, at in started:
        by_source[source].append(float(at))
    assert len(by_source) == len(HOSTS)  # one source a host
    client = max(_max_in_window(times, 1.0 - CLIENT_JITTER) for times in by_source.values())
    server = max(_max_in_window(s.arrivals, 1.0 - SERVER_JITTER) for s in sites)
    per_second: dict[tuple[str, int], int] = defaultdict(int)
    for site in sites:
        for t in site.arrivals:
            per_second[(site.host, int(t))] += 1
    (root / "arrivals.json").write_text(
        json.dumps({s.host: list(zip(s.arrivals, s.paths, strict=True)) for s in sites}),
        encoding="utf-8",
    )
    assert client <= RATE, f"{client} requests started within a second (limit {RATE:g})"
    assert server <= RATE, f"{server} requests arrived within {1 - SERVER_JITTER:g} s"
    return client, server, max(per_second.values())


def test_two_workers_load_every_page_once_within_each_host_rate(
    newswire: list[Site], prefect_env: dict[str, str], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    first = _start_worker(prefect_env, "worker-1", logs / "worker-1.log")
    second = None
    try:
        one = _ingest(prefect_env, tmp_path / "one", newswire)
        one_rate = _check_run(tmp_path / "one", newswire)
        second = _start_worker(prefect_env, "worker-2", logs / "worker-2.log")
        two = _ingest(prefect_env, tmp_path / "two", newswire)
        two_rate = _check_run(tmp_path / "two", newswire)
    finally:
        _stop(first)
        if second is not None:
            _stop(second)
    print(
        f"\nscale-out over {len(HOSTS)} hosts, {len(HOSTS) * PAGES_PER_HOST} pages, "
        f"{len(HOSTS) // SOURCES_PER_BATCH} staged batches: wall {one:.1f} s with one worker, "
        f"{two:.1f} s with two; most requests to one host (limit {RATE:g}/s), one worker then "
        f"two: started in a second {one_rate[0]}, {two_rate[0]}; arrived in "
        f"{1 - SERVER_JITTER:g} s {one_rate[1]}, {two_rate[1]}; arrived in one calendar "
        f"second {one_rate[2]}, {two_rate[2]}"
    )
