"""Attention for the desk: queries (literal or ``@saved``) to matching stories per period.

Each query is counted on its own with its saved filters
(``wirewatch.attention.attention_series``), so a saved query's sources or
countries hold for it alone; the charts align the periods.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from wirewatch.attention import attention_series
from wirewatch.queries import QueriesConfig, resolve_query

__all__ = ["attention_by_label", "saved_attention"]

Series = dict[str, dict[str, float]]


def attention_by_label(
    db: Path, texts: Sequence[str], saved: QueriesConfig, *, by: str, since: date | None = None
) -> Series:
    """``{label: {period label: stories}}`` for each query (``@name`` or literal), in order.

    Raises ``UsageError`` for an unknown ``@name``, ``QueryError`` for a malformed
    query, ``SearchIndexUnavailable`` when there is no usable index.
    """
    series: Series = {}
    for text in texts:
        resolved = resolve_query(text, saved)
        filters = resolved.filters.to_search()
        start = filters.since
        if since is not None:
            floor = datetime(since.year, since.month, since.day, tzinfo=UTC)
            start = floor if start is None else max(start, floor)
        found = attention_series(
            db, [resolved.query], by=by, since=start, until=filters.until, filters=filters
        )
        series[resolved.label] = dict(zip(found.labels(), found.series[0].stories, strict=True))
    return series


def saved_attention(db: Path, saved: QueriesConfig, *, since: date | None, most: int) -> Series:
    """Weekly attention for the first ``most`` saved queries (the report's section)."""
    names = [f"@{name}" for name in saved.names[:most]]
    return attention_by_label(db, names, saved, by="week", since=since) if names else {}
