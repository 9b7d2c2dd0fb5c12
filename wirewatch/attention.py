"""Attention over time: how many stories matched each query, period by period.

::

    result = attention_series(db, ["Lukashenko", '"state visit"'], by="week", share=True)
    result.periods                      # (date, ...) first day of each period, no gaps
    result.series[0].stories            # matching stories per period, aligned with periods
    result.series[0].shares             # ... as a share of all stories in the period (share=True)
    result.labels()                     # "2026-W47" style labels that match ``by``
    columns, rows = result.table()      # long form: period, query, stories[, share]

A story counts once in each period in which it has a matching copy, dated by
its publication time (its first sighting when it has none), in UTC; the share's
denominator counts stories the same way, from the warehouse. Weeks start on
Monday (ISO weeks). The index answers the matching (``SearchIndex.story_dates``:
every matching article's story and date as numpy arrays, not ranked); the warehouse only the
totals. Used by ``wirewatch attention``, the HTML report and the local web UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from wirewatch import store
from wirewatch.errors import UsageError
from wirewatch.search import Filters, SearchIndex, check_query, index_dir_for

if TYPE_CHECKING:
    from wirewatch.queries import QueriesConfig

__all__ = ["PERIODS", "Attention", "AttentionSeries", "attention_series", "period_label"]

PERIODS = ("day", "week", "month")
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class AttentionSeries:
    """One query's counts, aligned with ``Attention.periods``."""

    query: str
    stories: tuple[int, ...]
    shares: tuple[float | None, ...] | None = None  # None unless share was asked for


@dataclass(frozen=True)
class Attention:
    """Matching stories per period for several queries side by side."""

    by: str
    periods: tuple[date, ...]
    series: tuple[AttentionSeries, ...]
    totals: tuple[int, ...] | None = None  # all stories per period (share=True)

    def labels(self) -> list[str]:
        """Each period written the way ``by`` reads: 2026-11-17, 2026-W47, 2026-11."""
        return [period_label(p, self.by) for p in self.periods]

    def table(self) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows in long form: period, query, stories (and share, total)."""
        columns = ["period", "query", "stories"]
        if self.totals is not None:
            columns += ["share", "all_stories"]
        rows: list[tuple[Any, ...]] = []
        for i, label in enumerate(self.labels()):
            for s in self.series:
                row: tuple[Any, ...] = (label, s.query, s.stories[i])
                if self.totals is not None and s.shares is not None:
                    share = s.shares[i]
                    row += (None if share is None else round(share, 6), self.totals[i])
                rows.append(row)
        return columns, rows


def period_label(start: date, by: str) -> str:
    """The label of the period starting on ``start``."""
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start:%Y-%m}"
    return start.isoformat()


def _period_days(days: np.ndarray, by: str) -> np.ndarray:
    """Days since 1970-01-01 of the start of each day's period."""
    if by == "day":
        return days
    if by == "week":
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday: Monday is (days + 3) % 7 == 0
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64)


def _period_start(moment: datetime, by: str) -> date:
    day = (moment.astimezone(UTC).date() - _EPOCH).days
    start = int(_period_days(np.array([day], dtype=np.int64), by)[0])
    return _EPOCH + timedelta(days=start)


def _next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def _counts(published: np.ndarray, stories: np.ndarray, by: str) -> dict[date, int]:
    """Distinct stories per period from matching articles' epoch seconds and story codes."""
    if len(published) == 0:
        return {}
    starts = _period_days(published // 86_400, by)
    order = np.lexsort((stories, starts))  # by period, then story: repeats sit side by side
    starts, stories = starts[order], stories[order]
    first = np.ones(len(starts), dtype=bool)
    first[1:] = (starts[1:] != starts[:-1]) | (stories[1:] != stories[:-1])
    periods, counts = np.unique(starts[first], return_counts=True)
    return {
        _EPOCH + timedelta(days=int(start)): int(n)
        for start, n in zip(periods.tolist(), counts.tolist(), strict=True)
    }


def attention_series(
    db: Path,
    queries: Sequence[str],
    *,
    by: str = "week",
    since: datetime | None = None,
    until: datetime | None = None,
    share: bool = False,
    filters: Filters | None = None,
    saved: QueriesConfig | None = None,
) -> Attention:
    """Matching stories per ``by`` period (day, week or month) for each query.

    ``since`` is inclusive and ``until`` exclusive (UTC when naive); without them
    the periods run from the first to the last match of any query. ``filters``
    narrows every query further (its own since/until are replaced by these).
    ``share`` adds each count as a share of all stories in the period. With
    ``saved`` (``wirewatch.settings.load_saved_queries()``), a query ``@name`` is
    that saved query with its own filters (``since``/``until`` given here win);
    its series is labelled ``@name``.
    Raises ``UsageError`` for an unknown ``by`` or no query, ``QueryError`` for a
    malformed query, ``SearchIndexMissing`` when the index needs ``wirewatch reindex``.
    """
    if by not in PERIODS:
        raise UsageError(f"--by expects one of {', '.join(PERIODS)}, got {by!r}")
    if not queries:
        raise UsageError("attention needs at least one query")
    since, until = (None if t is None else _utc(t) for t in (since, until))
    resolved = [_resolve(q, saved, filters or Filters(), since, until) for q in queries]
    for _, text, _ in resolved:
        check_query(text)
    index = SearchIndex.open(index_dir_for(db))
    per_query = []
    for _, text, scoped in resolved:
        found = index.story_dates(text, scoped)
        per_query.append(_counts(found.published, found.stories, by))
    seen = [d for counts in per_query for d in counts]
    first = _period_start(since, by) if since else min(seen, default=None)
    last = _period_start(until - timedelta(microseconds=1), by) if until else max(seen, default=None)
    periods: list[date] = []
    if first is not None and last is not None:
        day = first
        while day <= last:
            periods.append(day)
            day = _next_period(day, by)
    totals = None
    if share:
        per_period = _totals(db, by, since, until)
        totals = tuple(per_period.get(p, 0) for p in periods)
    series = []
    for (query, _, _), counts in zip(resolved, per_query, strict=True):
        stories = tuple(counts.get(p, 0) for p in periods)
        shares = None
        if totals is not None:
            shares = tuple(n / t if t else None for n, t in zip(stories, totals, strict=True))
        series.append(AttentionSeries(query, stories, shares))
    return Attention(by, tuple(periods), tuple(series), totals)


def _totals(db: Path, by: str, since: datetime | None, until: datetime | None) -> dict[date, int]:
    """Distinct stories per period in [since, until): whole periods from the summary table,
    a period that ``since`` or ``until`` cuts from the articles of its part."""
    first = before = None
    edges: list[tuple[datetime, datetime]] = []
    if since is not None:
        first = _period_start(since, by)
        if since != _midnight(first):
            first = _next_period(first, by)
            edges.append((since, min(_midnight(first), until) if until else _midnight(first)))
    if until is not None:
        before = _period_start(until, by)
        start = _midnight(before) if since is None else max(_midnight(before), since)
        if until != _midnight(before) and (not edges or start >= edges[0][1]):
            edges.append((start, until))
    counts = store.summarized_stories_per_period(db, by, first, before)
    for lo, hi in edges:
        counts.update(store.stories_per_period(db, by, lo, hi))
    return counts


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _resolve(
    query: str,
    saved: QueriesConfig | None,
    filters: Filters,
    since: datetime | None,
    until: datetime | None,
) -> tuple[str, str, Filters]:
    """(label, query text, filters) of one query; ``@name`` only when ``saved`` is given."""
    if saved is None:
        return query, query, replace(filters, since=since, until=until)
    from wirewatch.queries import resolve_query

    found = resolve_query(query, saved)
    own = found.filters.to_search() if found.name else filters
    return (
        found.label,
        found.query,
        replace(own, since=since or own.since, until=until or own.until),
    )


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
