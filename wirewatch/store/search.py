"""What the search index reads from the warehouse: documents, versions, hit details, totals.

The writers' side (documents, versions, changed articles) takes an open
connection, as the other areas do; the readers' side (hit details, copies,
stories per period) opens a short-lived sealed read-only connection per call,
so an analyst's search never holds the warehouse while a run wants to write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wirewatch.store.connection import Connection, read_only_rows, select_rows, stream_rows

__all__ = [
    "all_index_documents",
    "changed_articles",
    "hit_details",
    "index_documents",
    "index_versions",
    "stories_per_period",
    "story_copies",
    "summarized_stories_per_period",
    "warehouse_versions",
]


def index_documents(con: Connection, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The current version of these articles as the index holds them (missing ids are skipped)."""
    if not article_ids:
        return []
    return select_rows(con, "search/documents", [list(article_ids)])


def all_index_documents(con: Connection, batch: int) -> Iterator[list[dict[str, Any]]]:
    """Every article's document, ``batch`` at a time, streamed (keep ``con`` open meanwhile)."""
    return stream_rows(con, "search/all_documents", batch=batch)


def changed_articles(con: Connection, since: datetime) -> list[str]:
    """Ids of articles with a version loaded at or after ``since``."""
    return [r["article_id"] for r in select_rows(con, "search/changed_since", [since])]


def index_versions(con: Connection) -> dict[str, int]:
    """``{article_id: version}`` of every article in the warehouse."""
    return {r["article_id"]: int(r["version"]) for r in select_rows(con, "search/versions")}


def warehouse_versions(db: Path) -> dict[str, int]:
    """``index_versions`` on a short-lived read-only connection (the drift check)."""
    _, rows = read_only_rows(db, "search/versions")
    return {article_id: int(version) for article_id, version in rows}


def hit_details(db: Path, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``{article_id: {url, copies, sources}}`` for matching copies (read-only)."""
    if not article_ids:
        return {}
    columns, rows = read_only_rows(db, "search/hit_details", [list(article_ids)])
    return {row[0]: dict(zip(columns[1:], row[1:], strict=True)) for row in rows}


def story_copies(db: Path, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every copy of these stories, earliest first within a story (read-only)."""
    if not story_ids:
        return []
    columns, rows = read_only_rows(db, "search/story_copies", [list(story_ids)])
    return [dict(zip(columns, row, strict=True)) for row in rows]


def stories_per_period(
    db: Path, by: str, since: datetime | None, until: datetime | None
) -> dict[date, int]:
    """Distinct stories with a copy dated in each ``by`` period (day, week, month; read-only)."""
    _, rows = read_only_rows(db, "search/stories_per_period", [by, since, until])
    return {period: int(count) for period, count in rows}


def summarized_stories_per_period(
    db: Path, by: str, first: date | None, before: date | None
) -> dict[date, int]:
    """``stories_per_period`` of whole periods starting in [first, before), from the summary
    table (read-only; None: open)."""
    _, rows = read_only_rows(db, "search/summary_stories", [by, first, before])
    return {period: int(count) for period, count in rows}
