"""Progress reporting from pipeline steps to whoever is watching (the CLI's rich bars).

Pipeline steps call :func:`advance`; nothing is shown unless a front end has
installed a reporter with :func:`use`. Kept free of rich so that scheduled runs
pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

__all__ = ["Reporter", "advance", "start", "use"]


class Reporter(Protocol):
    """Receives progress from pipeline steps."""

    def start(self, stage: str, total: int) -> None:
        """A stage begins with ``total`` units of work."""

    def advance(self, stage: str, units: int = 1) -> None:
        """``units`` more units of ``stage`` are done."""


_current: Reporter | None = None


@contextmanager
def use(reporter: Reporter) -> Iterator[Reporter]:
    """Install ``reporter`` for the duration of the block."""
    global _current
    previous, _current = _current, reporter
    try:
        yield reporter
    finally:
        _current = previous


def start(stage: str, total: int) -> None:
    """Announce a stage and its size to the current reporter, if any."""
    if _current is not None:
        _current.start(stage, total)


def advance(stage: str, units: int = 1) -> None:
    """Report progress on a stage to the current reporter, if any."""
    if _current is not None:
        _current.advance(stage, units)
