"""Which of the articles reporting a meeting tells it best.

Several articles report one meeting (one pair of countries on one day); the
meeting row takes its kind, date, participants and best copy from one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

__all__ = ["KIND_PRIORITY", "MeetingReport", "best_location", "best_report"]

# Happened beats announced: a held meeting or call is what a desk reports.
KIND_PRIORITY: Final = {"in_person": 0, "call": 1, "announced": 2}
_UNKNOWN_KIND = 9  # an unknown kind ranks after every known one


@dataclass(frozen=True)
class MeetingReport:
    """One article's report of a meeting, as far as choosing the best one needs."""

    article_id: str
    kind: str
    confidence: float
    own_copy: bool  # the article is its originating agency's own copy
    seen: datetime  # when it was published, else first seen
    location: str | None = None


def best_report(reports: Sequence[MeetingReport]) -> MeetingReport:
    """Happened beats announced; then the surest report; then the agency's own copy; then the earliest."""
    return min(
        reports,
        key=lambda r: (
            KIND_PRIORITY.get(r.kind, _UNKNOWN_KIND),
            -r.confidence,
            not r.own_copy,
            r.seen,
            r.article_id,
        ),
    )


def best_location(reports: Sequence[MeetingReport]) -> str | None:
    """The place named by the surest report that names one (own copy, then earliest, on ties)."""
    located = [r for r in reports if r.location]
    if not located:
        return None
    return min(located, key=lambda r: (-r.confidence, not r.own_copy, r.seen)).location
