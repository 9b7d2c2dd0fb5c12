"""The run lock: two runs never write to one warehouse at once."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wirewatch import lifetime
from wirewatch.errors import RunLocked

__all__ = ["run_lock", "run_lock_held"]


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the run lock: two runs never write at once; a second one fails at once.

    Whatever a killed run left running (its Prefect server, extraction workers)
    is stopped on taking the lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RunLocked(f"another wirewatch run holds {path}; wait for it to finish") from exc
        lifetime.stop_leftovers(lifetime.registry_beside(path))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_lock_held(path: Path) -> bool:
    """True while a run holds the lock at ``path``; the lock itself is never taken.

    Taking it to test it, even for a moment, could make a run starting at that
    moment fail with RunLocked; so Linux's /proc/locks is read instead. Where
    there is none, a shared lock is tried and given back at once.
    """
    try:
        st = os.stat(path)
    except OSError:
        return False  # no run ever took it
    wanted = (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    try:
        with open("/proc/locks", encoding="ascii") as locks:
            lines = locks.read().splitlines()
    except OSError:
        return _probe(path)
    for line in lines:
        fields = line.split()
        if "FLOCK" not in fields or "->" in fields:
            continue  # another kind of lock, or a waiter's line
        try:
            major, minor, inode = fields[fields.index("FLOCK") + 4].split(":")
            if (int(major, 16), int(minor, 16), int(inode)) == wanted:
                return True
        except (IndexError, ValueError):
            continue
    return False


def _probe(path: Path) -> bool:
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
