"""Child processes that live and die with the process that started them.

A run starts a Prefect server and extraction workers (about 220 MB and 250 MB
each). When the run is killed outright (kill -9, the out-of-memory killer) no
code of it runs any more, so its children must find out by themselves, and
whatever still slips through is stopped by the next run:

- **Parent-death signal** (Linux): a child asks the kernel to send it SIGKILL
  when its parent dies, ``prctl(PR_SET_PDEATHSIG)``. :func:`parent_death_signal`
  gives the ``preexec_fn`` for ``subprocess.Popen``. The kernel counts the
  *thread* that forked as the parent, so fork from a thread that lives as long
  as the child should (the main thread).
- **Watchdog**: an extraction worker's parent is the multiprocessing
  forkserver, not the run, and the forkserver lives as long as any worker
  does. :func:`start_pool_worker`, the pool's initializer, therefore also
  watches the run itself (a pidfd, or polling where there is none) and exits
  when it is gone; the forkserver then exits on its own.
- **Registry**: each child is recorded, with its start time, in a file beside
  the run lock (:func:`registry_beside`). :func:`stop_leftovers`, called when
  a run takes the lock, stops the recorded processes whose owner has died,
  and never a process that merely reuses a recorded PID.

Process identity needs ``/proc`` (Linux). Elsewhere nothing is killed on the
strength of a PID alone: the watchdog still works, the signal and the
registry's stopping do not.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import logging
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

__all__ = [
    "Proc",
    "forget",
    "parent_death_signal",
    "record",
    "registry_beside",
    "start_pool_worker",
    "stop_leftovers",
]

log = logging.getLogger(__name__)

# Where a pidfd cannot be had, the watchdog looks this often: an orphan lingers at most this long.
POLL_SECONDS = 1.0
# How long stop_leftovers waits for killed processes to be gone (SIGKILL cannot be refused).
STOP_WAIT_SECONDS = 10.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass(frozen=True)
class Proc:
    """One process: its PID and, where ``/proc`` tells it, its start time (clock ticks since boot).

    The start time tells a process from a later one that reuses its PID.
    """

    pid: int
    started: int | None

    @classmethod
    def of(cls, pid: int) -> Proc:
        """The process that has ``pid`` now."""
        stat = _stat(pid)
        return cls(pid, stat[1] if stat else None)

    @classmethod
    def current(cls) -> Proc:
        """This process."""
        return cls.of(os.getpid())

    def running(self) -> bool:
        """True while this very process exists and is not a zombie."""
        stat = _stat(self.pid)
        if stat is not None:
            state, started = stat
            return state not in ("Z", "X") and (self.started is None or started == self.started)
        if self.started is not None or sys.platform.startswith("linux"):
            return False
        try:  # no /proc: the PID alone
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, start time) from /proc/PID/stat, or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[19])  # fields 3 and 22 of proc(5)


# -- dying with the parent ----------------------------------------------------------


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return prctl  # type: ignore[no-any-return]


def parent_death_signal(sig: int = signal.SIGKILL) -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the child receive ``sig`` when this process dies; None off Linux.

    Call it in the thread that starts the child, and keep that thread alive as
    long as the child should live (the kernel counts the forking thread).
    """
    prctl = _prctl()  # looked up before fork: the child only calls it
    if prctl is None:
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os.kill(os.getpid(), sig)

    return arm


def _die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have this process receive ``sig`` when the thread that forked it ends (Linux)."""
    parent = os.getppid()
    prctl = _prctl()
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), sig)


def _wait_gone(proc: Proc) -> None:
    """Block until ``proc`` has exited."""
    fd = None
    with contextlib.suppress(AttributeError, OSError):  # no pidfd (old kernel, not Linux): poll
        fd = os.pidfd_open(proc.pid)
    try:
        if fd is not None and proc.running():  # opened on the very process, not a PID reuse
            poller = select.poll()
            poller.register(fd, select.POLLIN)  # readable once the process has exited
            while not poller.poll():
                pass
            return
    finally:
        if fd is not None:
            os.close(fd)
    while proc.running():
        time.sleep(POLL_SECONDS)


def _exit_when_gone(owner: Proc) -> None:
    _wait_gone(owner)
    os._exit(1)  # nothing to finish: the run that wanted this work is gone


def start_pool_worker(owner: Proc, registry: Path | None = None) -> None:
    """Initializer of an extraction worker: live no longer than ``owner``, the run.

    The worker ignores Ctrl-C (the run handles it and shuts the pool down),
    dies with its parent the forkserver, exits when the run is gone, and is
    recorded, with the forkserver, in ``registry``.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    threading.Thread(target=_exit_when_gone, args=(owner,), name="run-watch", daemon=True).start()
    if registry is not None:
        record(registry, Proc.current(), owner, "extraction worker")
        parent = os.getppid()
        if parent != owner.pid:
            record(registry, Proc.of(parent), owner, "extraction forkserver")


# -- the registry of children ----------------------------------------------------------


def registry_beside(lock: Path) -> Path:
    """The registry file of the runs that take ``lock``: ``w.duckdb.run.lock`` -> ``w.duckdb.run.pids``."""
    return lock.with_name(lock.name.removesuffix(".lock") + ".pids")


@dataclass(frozen=True)
class _Entry:
    pid: int
    started: int | None
    owner: int
    owner_started: int | None
    what: str

    @property
    def child(self) -> Proc:
        return Proc(self.pid, self.started)

    @property
    def parent(self) -> Proc:
        return Proc(self.owner, self.owner_started)


@contextlib.contextmanager
def _locked(registry: Path) -> Iterator[tuple[list[_Entry], IO[str]]]:
    registry.parent.mkdir(parents=True, exist_ok=True)
    with open(registry, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # held for a few reads of /proc at most
        try:
            handle.seek(0)
            entries = []
            for line in handle:
                with contextlib.suppress(ValueError, TypeError, KeyError):
                    entries.append(_Entry(**json.loads(line)))
            yield entries, handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _rewrite(handle: IO[str], entries: list[_Entry]) -> None:
    handle.seek(0)
    handle.truncate()
    handle.writelines(json.dumps(asdict(e)) + "\n" for e in entries)
    handle.flush()


def record(registry: Path, child: Proc, owner: Proc, what: str) -> None:
    """Note that ``owner`` started ``child``; entries of processes that are gone are dropped."""
    entry = _Entry(child.pid, child.started, owner.pid, owner.started, what)
    with _locked(registry) as (entries, handle):
        kept = [e for e in entries if e.pid != child.pid and e.child.running()]
        _rewrite(handle, [*kept, entry])


def forget(registry: Path, pid: int) -> None:
    """Drop ``pid`` from the registry (its owner stopped it)."""
    with _locked(registry) as (entries, handle):
        _rewrite(handle, [e for e in entries if e.pid != pid and e.child.running()])


def stop_leftovers(registry: Path) -> list[str]:
    """Kill the recorded processes whose owner has died; returns what was stopped.

    A process is killed only if it is still the recorded one (same start
    time), so a PID reused since is left alone.
    """
    if not registry.exists():
        return []
    with _locked(registry) as (entries, handle):
        kept, doomed = [], []
        for e in entries:
            if not e.child.running():
                continue
            if e.started is None or e.parent.running():
                kept.append(e)
            else:
                doomed.append(e)
        for e in doomed:
            _kill(e.child)
        deadline = time.monotonic() + STOP_WAIT_SECONDS
        while any(e.child.running() for e in doomed) and time.monotonic() < deadline:
            time.sleep(0.05)
        _rewrite(handle, kept + [e for e in doomed if e.child.running()])
    stopped = [f"{e.what} {e.pid}" for e in doomed]
    if stopped:
        log.warning("stopped what a killed run left running: %s", ", ".join(stopped))
    return stopped


def _kill(proc: Proc) -> None:
    """SIGKILL ``proc`` if it is still that process; through a pidfd where there is one (no race)."""
    try:
        fd = os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        fd = None
    try:
        if not proc.running():
            return
        if fd is not None:
            signal.pidfd_send_signal(fd, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    finally:
        if fd is not None:
            os.close(fd)
