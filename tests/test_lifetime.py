"""Child processes die with their parent, and the next run stops what a killed one left."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch import lifetime
from wirewatch.lifetime import Proc

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")

GONE_DEADLINE_SECONDS = 30.0  # generous: the machine may be busy; a process that stays fails


def _wait_gone(*procs: Proc) -> list[Proc]:
    """Wait until every process is gone (or the deadline passes); those still running."""
    deadline = time.monotonic() + GONE_DEADLINE_SECONDS
    while any(p.running() for p in procs) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in procs if p.running()]


@pytest.fixture
def sleepers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        proc.kill()
        proc.wait()


def _sleeper(started: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(["sleep", "300"])
    started.append(proc)
    return proc


def _parent(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)


def test_a_child_started_with_the_parent_death_signal_dies_with_its_parent() -> None:
    parent = _parent(
        "import subprocess, time\n"
        "from wirewatch import lifetime\n"
        "child = subprocess.Popen(['sleep', '300'], preexec_fn=lifetime.parent_death_signal())\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(300)\n"
    )
    assert parent.stdout is not None
    child = Proc.of(int(parent.stdout.readline()))
    assert child.running()
    parent.kill()
    parent.wait()
    assert _wait_gone(child) == []


def test_pool_workers_and_their_forkserver_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    registry = tmp_path / "w.duckdb.run.pids"
    run = _parent(
        "import multiprocessing, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from pathlib import Path\n"
        "from wirewatch import lifetime\n"
        "pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context('forkserver'),\n"
        "    initializer=lifetime.start_pool_worker,\n"
        "    initargs=(lifetime.Proc.current(), Path(sys.argv[1])))\n"
        "list(pool.map(time.sleep, [0.2, 0.2]))\n"
        "print('ready', flush=True)\n"
        "time.sleep(300)\n",
        str(registry),
    )
    assert run.stdout is not None
    assert run.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + GONE_DEADLINE_SECONDS
    while time.monotonic() < deadline:
        entries = [json.loads(line) for line in registry.read_text().splitlines()]
        if len(entries) == 3:  # two workers and the forkserver
            break
        time.sleep(0.05)
    whats = sorted(e["what"] for e in entries)
    assert whats == ["extraction forkserver", "extraction worker", "extraction worker"]
    assert {e["owner"] for e in entries} == {run.pid}
    children = [Proc(e["pid"], e["started"]) for e in entries]
    assert all(p.running() for p in children)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert _wait_gone(*children) == []


def test_stop_leftovers_stops_only_live_children_of_dead_owners(
    tmp_path: Path, sleepers: list[subprocess.Popen[bytes]]
) -> None:
    registry = tmp_path / "w.duckdb.run.pids"
    owner_proc = _sleeper(sleepers)
    dead_owner = Proc.of(owner_proc.pid)
    owner_proc.kill()
    owner_proc.wait()
    assert not dead_owner.running()

    orphan = Proc.of(_sleeper(sleepers).pid)
    kept = Proc.of(_sleeper(sleepers).pid)
    reused = Proc.of(_sleeper(sleepers).pid)
    assert orphan.started is not None and reused.started is not None
    lifetime.record(registry, orphan, dead_owner, "extraction worker")
    lifetime.record(registry, kept, Proc.current(), "prefect server")  # its owner lives
    # A recorded process that is gone, its PID now someone else's: never killed.
    lifetime.record(registry, Proc(reused.pid, reused.started - 1), dead_owner, "old worker")

    assert lifetime.stop_leftovers(registry) == [f"extraction worker {orphan.pid}"]
    assert not orphan.running()
    assert kept.running() and reused.running()
    assert [json.loads(line)["pid"] for line in registry.read_text().splitlines()] == [kept.pid]
    assert lifetime.stop_leftovers(registry) == []
    lifetime.forget(registry, kept.pid)
    assert registry.read_text() == ""


def test_registry_sits_beside_the_run_lock(tmp_path: Path) -> None:
    lock = tmp_path / "w.duckdb.run.lock"
    assert lifetime.registry_beside(lock) == tmp_path / "w.duckdb.run.pids"
    assert lifetime.stop_leftovers(lifetime.registry_beside(lock)) == []
