"""The desk's reads: what the report and the local web page show, over one read-only connection.

Every function takes an open connection (``wirewatch.warehouse.connect(db,
read_only=True)``), runs named statements from ``warehouse/queries/report/``
and returns plain rows as dicts; ``wirewatch.desk`` turns them into pages.
``since`` (a day or None) keeps what happened on or after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from wirewatch.store.connection import Connection, select_rows

__all__ = [
    "MeetingFilter",
    "agency_share",
    "country_mentions",
    "first_report_lags",
    "latest_alerts",
    "meeting_matrix",
    "meeting_reports",
    "meeting_timeline",
    "meetings",
    "story",
    "story_copies",
    "story_texts",
    "story_versions",
    "top_stories",
]

Row = dict[str, Any]


@dataclass(frozen=True)
class MeetingFilter:
    """Which meetings to list: any field left None does not filter."""

    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO alpha-2, either side of the pair
    pair: tuple[str, str] | None = None  # two ISO alpha-2 codes, any order
    kind: str | None = None  # in_person, call or announced


def latest_alerts(
    con: Connection, *, since: date | None, status: str | None = None, limit: int
) -> list[Row]:
    """The latest alerted meetings, newest first, each with ``deliveries`` (one per channel)."""
    return select_rows(con, "report/alerts_latest", [since, status, limit])


def meetings(con: Connection, where: MeetingFilter, *, limit: int) -> list[Row]:
    """Meetings matching ``where``, newest first, with their best copy and report count."""
    a, b = sorted(where.pair) if where.pair else (None, None)
    params = [where.since, where.until, where.country, a, b, where.kind, limit]
    return select_rows(con, "report/meetings", params)


def meeting_reports(con: Connection, meeting_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Every copy that reported each meeting, by meeting id."""
    found: dict[str, list[Row]] = {}
    if meeting_ids:
        for row in select_rows(con, "report/meeting_reports", [list(meeting_ids)]):
            found.setdefault(row["meeting_id"], []).append(row)
    return found


def meeting_timeline(con: Connection, *, since: date | None, pairs: int) -> list[Row]:
    """Meetings per day, pair and kind, for the ``pairs`` pairs that met most."""
    return select_rows(con, "report/meeting_timeline", [since, pairs])


def meeting_matrix(con: Connection, *, since: date | None) -> list[Row]:
    """Held meetings (in person or by call) per country pair."""
    return select_rows(con, "report/meeting_matrix", [since])


def country_mentions(con: Connection, *, since: date | None, countries: int) -> list[Row]:
    """Articles per week mentioning each of the ``countries`` most mentioned countries."""
    return select_rows(con, "report/country_mentions", [since, countries])


def agency_share(con: Connection, *, since: date | None) -> list[Row]:
    """Articles per week and originating agency."""
    return select_rows(con, "report/agency_share", [since])


def top_stories(con: Connection, *, since: date | None, limit: int) -> list[Row]:
    """The stories carried by the most sources (with a copy published since ``since``)."""
    if since is None:  # two statements: the filter's scan of every copy is paid only when asked
        return select_rows(con, "report/top_stories", [limit])
    return select_rows(con, "report/top_stories_since", [since, limit])


def story(con: Connection, story_id: str) -> Row | None:
    """One story's row and its best copy, or None when there is no such story."""
    rows = select_rows(con, "report/story", [story_id])
    return rows[0] if rows else None


def story_copies(con: Connection, story_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Every copy of each story, earliest first (``origin``: the agency's own copy)."""
    found: dict[str, list[Row]] = {}
    if story_ids:
        for row in select_rows(con, "report/story_copies", [list(story_ids)]):
            found.setdefault(row["story_id"], []).append(row)
    return found


def story_texts(con: Connection, story_id: str) -> dict[str, Row]:
    """The current title and text of every copy of one story, by article id."""
    return {row["article_id"]: row for row in select_rows(con, "report/story_texts", [story_id])}


def story_versions(con: Connection, article_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Every stored version (with text) of the given copies, by article id, oldest first."""
    found: dict[str, list[Row]] = {}
    if article_ids:
        for row in select_rows(con, "report/story_versions", [list(article_ids)]):
            found.setdefault(row["article_id"], []).append(row)
    return found


def first_report_lags(con: Connection, *, since: date | None) -> list[Row]:
    """Each republisher's lag in minutes behind the originating agency's copy, per site and agency.

    Rows: ``site, agency, copies, median, q1, q3, low, high, earlier`` (how
    many copies came out before the agency's own).
    """
    return select_rows(con, "report/first_lags", [since])
