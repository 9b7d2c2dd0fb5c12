"""The run lock: two runs never write to one warehouse at once."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wirewatch import lifetime
from wirewatch.errors import RunLocked

__all__ = ["run_lock"]


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
