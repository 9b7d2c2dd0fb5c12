"""Source health across runs: per source and per listing (feed, sitemap, section).

Each run observes every listing it fetched: it answered (``ok`` or
``not_modified``) or it failed (the last attempt's outcome and error). A
source answered when any of its listings did. :func:`advance` turns the last
known health and one observation into the next::

    failures in a row    n = 0 after an answer, n + 1 after a failure
    next attempt         last attempt + delay(n)
    delay(n)             0 while n <= free_failures, else
                         min(cap, base * factor ** (n - free_failures - 1))

A listing whose next attempt lies after a run's start is not fetched by that
run (it is *backing off*); it is never dropped: the cap keeps it tried at
least that often, and ``wirewatch status`` and the run summary name it. The
tunables are ``health_*`` in ``config/defaults.yaml``; a test sets them small.

:func:`state_of` sorts a health row into the states ``wirewatch status``
shows: ``failing``, ``backing_off``, ``quiet``, ``never_answered`` or ``ok``.
A row whose last attempt failed is ``failing`` or ``backing_off`` (its
``answered_ever`` says whether it ever answered); ``never_answered`` is a
source with no attempt on record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

from wirewatch.config import Defaults
from wirewatch.models import FetchOutcome, FetchRecord

__all__ = [
    "LISTING_KINDS",
    "QUIET_FACTOR",
    "QUIET_MIN_ARTICLES",
    "QUIET_MIN_HOURS",
    "SOURCE_ROW",
    "STATES",
    "Backoff",
    "Health",
    "Observation",
    "advance",
    "backing_off",
    "observe",
    "state_of",
]

# The kinds of fetch that list a source's articles: their answers are the source's health.
LISTING_KINDS: Final = frozenset({"feed", "sitemap", "section"})
STATES: Final = ("ok", "failing", "backing_off", "quiet", "never_answered")
# The key of a source's own row (its listings have their URL there).
SOURCE_ROW: Final = ""

# "Quiet for longer than usual": no new article for QUIET_FACTOR times the source's
# usual gap between new articles, and at least QUIET_MIN_HOURS (a wire that files
# every ten minutes is not quiet after forty), judged only with QUIET_MIN_ARTICLES
# articles on record (fewer give no usual gap worth the name).
QUIET_FACTOR: Final = 4.0
QUIET_MIN_HOURS: Final = 6.0
QUIET_MIN_ARTICLES: Final = 5

_ANSWERS: Final = frozenset({FetchOutcome.OK, FetchOutcome.NOT_MODIFIED})


@dataclass(frozen=True)
class Backoff:
    """The tunables of :func:`advance` (``health_*`` in ``config/defaults.yaml``)."""

    free_failures: int = 3
    base_seconds: float = 900.0
    factor: float = 2.0
    cap_seconds: float = 86_400.0

    @classmethod
    def of(cls, defaults: Defaults) -> Backoff:
        """The backoff a run's defaults configure."""
        return cls(
            free_failures=defaults.health_free_failures,
            base_seconds=defaults.health_backoff_base_seconds,
            factor=defaults.health_backoff_factor,
            cap_seconds=defaults.health_backoff_cap_seconds,
        )

    def delay(self, failures: int) -> timedelta:
        """How long to wait after the ``failures``-th failure in a row before trying again."""
        if failures <= self.free_failures:
            return timedelta(0)
        exponent = failures - self.free_failures - 1
        # min() first on the exponent: factor ** 10_000 would overflow a float.
        seconds = self.cap_seconds
        if exponent < 64:
            seconds = min(self.cap_seconds, self.base_seconds * self.factor**exponent)
        return timedelta(seconds=seconds)


@dataclass(frozen=True)
class Observation:
    """What one run saw of one listing (``feed`` its URL) or one source (``feed == ""``)."""

    source: str
    feed: str
    kind: str  # "source", "feed", "sitemap" or "section"
    at: datetime
    ok: bool
    outcome: str
    error: str | None = None


@dataclass(frozen=True)
class Health:
    """One row of ``source_health``."""

    source: str
    feed: str
    kind: str
    consecutive_failures: int = 0
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_outcome: str | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    next_attempt_at: datetime | None = None
    last_run_id: str | None = None


def observe(
    source: str, listings: Sequence[tuple[str, str]], records: Iterable[FetchRecord]
) -> list[Observation]:
    """The observations of one source's run: one per listing fetched, then the source's own.

    ``listings`` are the configured (masked URL, kind) pairs the run tried;
    a listing with no attempt on record (its source stopped first) is not observed.
    """
    attempts: dict[str, list[FetchRecord]] = {}
    for rec in records:
        if rec.kind in LISTING_KINDS:
            attempts.setdefault(rec.url, []).append(rec)
    found: list[Observation] = []
    for url, kind in listings:
        tries = attempts.get(url)
        if not tries:
            continue
        answer = next((r for r in tries if r.outcome in _ANSWERS), None)
        last = max(tries, key=lambda r: r.requested_at)
        if answer is not None:
            found.append(Observation(source, url, kind, last.requested_at, True, answer.outcome))
        else:
            error = last.error or (f"HTTP {last.status_code}" if last.status_code else last.outcome)
            found.append(
                Observation(source, url, kind, last.requested_at, False, last.outcome, error)
            )
    if found:
        at = max(o.at for o in found)
        answered = next((o for o in found if o.ok), None)
        if answered is not None:
            found.append(Observation(source, SOURCE_ROW, "source", at, True, answered.outcome))
        else:
            first = found[0]
            error = f"{first.feed}: {first.error}" if len(found) == 1 else (
                f"none of {len(found)} listings answered; {first.feed}: {first.error}"
            )
            found.append(Observation(source, SOURCE_ROW, "source", at, False, first.outcome, error))
    return found


def advance(previous: Health | None, seen: Observation, *, run_id: str, backoff: Backoff) -> Health:
    """The health after ``seen``; applying one run's observation twice changes nothing."""
    before = previous or Health(seen.source, seen.feed, seen.kind)
    if before.last_run_id == run_id:
        return before  # this run's observation is already in (a batch written again)
    if seen.ok:
        return replace(
            before,
            kind=seen.kind,
            consecutive_failures=0,
            last_attempt_at=seen.at,
            last_success_at=seen.at,
            last_outcome=seen.outcome,
            next_attempt_at=None,
            last_run_id=run_id,
        )
    failures = before.consecutive_failures + 1
    return replace(
        before,
        kind=seen.kind,
        consecutive_failures=failures,
        last_attempt_at=seen.at,
        last_outcome=seen.outcome,
        last_error=seen.error,
        last_error_at=seen.at,
        next_attempt_at=seen.at + backoff.delay(failures),
        last_run_id=run_id,
    )


def state_of(
    health: Health | None,
    *,
    now: datetime,
    last_new_article: datetime | None = None,
    usual_gap: timedelta | None = None,
) -> str:
    """The state ``wirewatch status`` shows for one source or listing (one of :data:`STATES`)."""
    if health is None or health.last_attempt_at is None:
        return "never_answered"
    if health.consecutive_failures > 0:
        due = health.next_attempt_at
        return "backing_off" if due is not None and due > now else "failing"
    if last_new_article is not None and usual_gap is not None:
        quiet_after = max(usual_gap * QUIET_FACTOR, timedelta(hours=QUIET_MIN_HOURS))
        if now - last_new_article > quiet_after:
            return "quiet"
    return "ok"


def backing_off(
    rows: Iterable[Health], at: datetime, backoff: Backoff
) -> Mapping[str, frozenset[str]]:
    """Source -> the listing URLs a run starting ``at`` leaves alone (their next try is later).

    The next try is worked out again with ``backoff`` (the run's tunables), not read
    from the row: a desk that shortens the backoff sees it apply on the next run.
    """
    skip: dict[str, set[str]] = {}
    for row in rows:
        if row.feed == SOURCE_ROW or row.last_attempt_at is None or not row.consecutive_failures:
            continue
        if row.last_attempt_at + backoff.delay(row.consecutive_failures) > at:
            skip.setdefault(row.source, set()).add(row.feed)
    return {source: frozenset(feeds) for source, feeds in skip.items()}
