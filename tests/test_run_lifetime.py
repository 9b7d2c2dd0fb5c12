"""A real ``wirewatch run``, killed: nothing of it outlives it, and Ctrl-C is recorded as such.

One scenario, run once for the module (each run pays Prefect's server start):
run 1 is killed with SIGKILL while its extraction pool is up and pages are in
flight (the only signal the OOM killer sends); run 2 starts on the same
warehouse and is stopped with Ctrl-C (SIGINT to its process group, as a
terminal sends it) at the same point. A loopback site that holds article
requests after the first few is the hook: the run is then mid-fetch with its
workers extracting the pages already fetched.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from wirewatch import warehouse

ARTICLES = 80  # in the site's feed: more than one extraction batch would need
FREE_ANSWERS = 12  # article requests answered at once; later ones wait for the gate
STARTUP_DEADLINE_SECONDS = 300.0  # Prefect's server start on a busy two-core machine
AFTER_NEXT_START_SECONDS = 10.0  # the bar: nothing of the killed run 10 s after the next run starts

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


class StallingSite:
    """A loopback news site whose article pages stall after ``FREE_ANSWERS`` answers until opened."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answered = 0
        self.held = 0
        self.gate = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Quiet."""

            def do_GET(self) -> None:  # noqa: N802
                """The feed, an article page (perhaps after the gate opens) or a 404."""
                if self.path == "/rss.xml":
                    self._send(site.feed(), "application/rss+xml; charset=utf-8")
                elif self.path.startswith("/news/") and self.path.endswith(".html"):
                    with site.lock:
                        hold = site.answered >= FREE_ANSWERS
                        site.answered += 1
                        site.held += hold
                    if hold:
                        site.gate.wait(STARTUP_DEADLINE_SECONDS)
                    self._send(site.page(self.path), "text/html; charset=utf-8")
                else:
                    self._send("not found\n", "text/plain", status=404)

            def _send(self, body: str, content_type: str, status: int = 200) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):  # a killed run hangs up
                    self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def feed(self) -> str:
        items = "".join(
            f"<item><title>Ferry report {n}</title><link>{self.base}/news/{n}.html</link>"
            f"<pubDate>Mon, 16 Nov 2026 {n // 60:02d}:{n % 60:02d}:00 GMT</pubDate></item>"
            for n in range(ARTICLES)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Stalling Wire</title><link>{self.base}/</link>{items}</channel></rss>"
        )

    def page(self, path: str) -> str:
        n = path.rsplit("/", 1)[1].removesuffix(".html")
        paragraphs = "".join(
            f"<p>The harbour board of port {n} said on Monday that ferry line {i} will add "
            f"{i + 3} crossings a week this winter, carrying freight and passengers to the "
            f"islands of district {n} while the old pier is rebuilt.</p>"
            for i in range(4)
        )
        return (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Ferry report {n}"
            f"</title></head><body><article><h1>Ferry report {n}</h1>{paragraphs}</article>"
            "</body></html>"
        )

    def close_gate(self) -> None:
        with self.lock:
            self.answered = 0
            self.held = 0
        self.gate.clear()

    def stop(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, from /proc; None if there is none."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0], fields[19]


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _tree(root: int) -> dict[int, tuple[int, str, str]]:
    """Every descendant of ``root``: pid -> (parent pid, start time, command line)."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (stat := _stat(int(name))) is not None:
            table[int(name)] = stat
    found: dict[int, tuple[int, str, str]] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, _, started) in table.items():
            if ppid == parent and pid not in found:
                found[pid] = (ppid, started, _cmdline(pid))
                frontier.append(pid)
    return found


def _running(pid: int, started: str) -> bool:
    """The same process (same start time) still exists and is not a zombie."""
    stat = _stat(pid)
    return stat is not None and stat[2] == started and stat[1] not in ("Z", "X")


def _pool_workers(tree: dict[int, tuple[int, str, str]]) -> list[int]:
    forkservers = {pid for pid, (_, _, cmd) in tree.items() if "multiprocessing.forkserver" in cmd}
    return [pid for pid, (ppid, _, _) in tree.items() if ppid in forkservers]


@dataclass
class Scenario:
    killed_tree: dict[int, tuple[int, str, str]]
    left_after_next_run: list[str]
    interrupted_status: int
    interrupted_stderr: str
    runs: list[tuple[str, bool]]  # (status, finished_at is set), oldest first


def _start_run(tmp: Path, out_name: str) -> subprocess.Popen[bytes]:
    with open(tmp / f"{out_name}.out", "wb") as out, open(tmp / f"{out_name}.err", "wb") as err:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wirewatch",
                "run",
                "--config",
                str(tmp / "config"),
                "--db",
                str(tmp / "w.duckdb"),
                "--data",
                str(tmp / "data"),
            ],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, as a shell job has
        )


def _wait_for_extraction(
    run: subprocess.Popen[bytes], site: StallingSite, tmp: Path, name: str
) -> dict[int, tuple[int, str, str]]:
    """Wait until the run holds stalled requests and its two pool workers are up; its tree then."""
    deadline = time.monotonic() + STARTUP_DEADLINE_SECONDS
    while True:
        status = run.poll()
        assert status is None, (
            f"{name} ended ({status}) before extraction: "
            + (tmp / f"{name}.err").read_text(errors="replace")[-2000:]
        )
        tree = _tree(run.pid)
        if site.held and len(_pool_workers(tree)) >= 2:
            return tree
        assert time.monotonic() < deadline, f"{name} never reached extraction"
        time.sleep(0.1)


def _kill_leftovers(*trees: dict[int, tuple[int, str, str]]) -> None:
    for tree in trees:
        for pid, (_, started, _) in tree.items():
            if _running(pid, started):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    tmp = tmp_path_factory.mktemp("lifetime")
    site = StallingSite()
    config = tmp / "config"
    config.mkdir()
    (config / "sources.yaml").write_text(
        "sources:\n  - name: stalling\n    publisher: Stalling Wire\n    language: en\n"
        f"    feeds: ['{site.base}/rss.xml']\n",
        encoding="utf-8",
    )
    (config / "alerts.yaml").write_text("rules: []\nchannels: []\n", encoding="utf-8")
    (config / "defaults.yaml").write_text(
        "timeout_seconds: 20\nretries: 1\nbackoff_seconds: 0.05\nrate_limit: 50\n"
        "per_host_concurrency: 4\n"
        # Below FREE_ANSWERS: the pool starts on the pages that arrive before the gate holds.
        "process_pool_min_pages: 8\n",
        encoding="utf-8",
    )
    killed: dict[int, tuple[int, str, str]] = {}
    interrupted: dict[int, tuple[int, str, str]] = {}
    first = second = None
    try:
        first = _start_run(tmp, "first")
        killed = _wait_for_extraction(first, site, tmp, "first")
        os.kill(first.pid, signal.SIGKILL)  # the run alone, as the OOM killer does
        first.wait(timeout=30)

        site.close_gate()
        second = _start_run(tmp, "second")
        second_started = time.monotonic()
        interrupted = _wait_for_extraction(second, site, tmp, "second")
        os.killpg(second.pid, signal.SIGINT)  # Ctrl-C in a terminal
        site.gate.set()
        second.wait(timeout=STARTUP_DEADLINE_SECONDS)
        time.sleep(max(0.0, AFTER_NEXT_START_SECONDS - (time.monotonic() - second_started)))
        left = [
            f"{pid} {cmd[:120]}"
            for pid, (_, started, cmd) in killed.items()
            if _running(pid, started)
        ]
        with warehouse.connect(tmp / "w.duckdb", read_only=True) as con:
            runs = [
                (status, finished is not None)
                for status, finished in con.execute(
                    "SELECT status, finished_at FROM runs ORDER BY started_at"
                ).fetchall()
            ]
        yield Scenario(
            killed_tree=killed,
            left_after_next_run=left,
            interrupted_status=second.returncode,
            interrupted_stderr=(tmp / "second.err").read_text(errors="replace"),
            runs=runs,
        )
    finally:
        site.stop()
        for run in (first, second):
            if run is not None and run.poll() is None:
                run.kill()
                run.wait(timeout=30)
        _kill_leftovers(killed, interrupted)


def test_no_process_of_a_killed_run_outlives_the_next_run(scenario: Scenario) -> None:
    commands = [cmd for _, _, cmd in scenario.killed_tree.values()]
    assert any("uvicorn" in cmd or "prefect" in cmd for cmd in commands), commands  # its server
    assert len(_pool_workers(scenario.killed_tree)) >= 2, commands  # and its extraction pool
    assert scenario.left_after_next_run == []


def test_ctrl_c_records_the_run_interrupted_and_exits_130(scenario: Scenario) -> None:
    assert scenario.interrupted_status == 130, scenario.interrupted_stderr[-3000:]
    assert "Traceback" not in scenario.interrupted_stderr, scenario.interrupted_stderr[-3000:]
    assert scenario.interrupted_stderr.strip().splitlines()[-1] == "wirewatch: interrupted"
    # The killed run was marked by the next run's start; the interrupted one recorded itself.
    assert scenario.runs == [("interrupted", False), ("interrupted", True)]
