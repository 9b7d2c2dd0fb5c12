"""Meetings: the detection queue, meeting reports, country mentions and the meetings they make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from wirewatch.detect import MeetingReport, best_location, best_report
from wirewatch.ids import meeting_id_for
from wirewatch.models import Meeting
from wirewatch.store.alerts import drop_unsent_alerts
from wirewatch.store.connection import (
    Connection,
    execute_query,
    load_rows,
    read_only_rows,
    select_rows,
    select_value,
)
from wirewatch.store.summary import refresh_summaries, summary_days

__all__ = [
    "Detection",
    "DetectionInput",
    "count_meetings",
    "meeting_coverage",
    "pending_detection",
    "store_detections",
]


@dataclass(frozen=True)
class DetectionInput:
    """An article whose current version has not been through meeting detection."""

    article_id: str
    story_id: str
    version: int
    title: str | None
    text: str
    published_at: datetime | None
    dateline: str | None


@dataclass(frozen=True)
class Detection:
    """What detection found in one article."""

    article_id: str
    version: int
    story_id: str
    published_at: datetime | None
    meetings: tuple[Meeting, ...]
    countries: tuple[str, ...]


def pending_detection(con: Connection) -> list[DetectionInput]:
    """Articles whose current version still needs meeting detection (a work queue)."""
    return [DetectionInput(**r) for r in select_rows(con, "meetings/pending_detection")]


def count_meetings(con: Connection) -> int:
    """How many meetings the warehouse holds."""
    return int(select_value(con, "meetings/count"))


def store_detections(
    con: Connection, detections: Sequence[Detection], *, now: datetime
) -> list[str]:
    """Store meeting reports and country mentions; returns the ids of meetings touched."""
    if not detections:
        return []
    ids = [d.article_id for d in detections]
    previous = {r["meeting_id"] for r in select_rows(con, "meetings/reported_by", [ids])}
    execute_query(con, "meetings/delete_reports", [ids])
    execute_query(con, "meetings/delete_countries", [ids])
    reports: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    for d in detections:
        countries.extend({"article_id": d.article_id, "country": c} for c in d.countries)
        for m in d.meetings:
            event_day = m.event_date or (d.published_at.date() if d.published_at else now.date())
            reports.append(
                {
                    "meeting_id": meeting_id_for(m.countries[0], m.countries[1], event_day),
                    "article_id": d.article_id,
                    "story_id": d.story_id,
                    "country_a": m.countries[0],
                    "country_b": m.countries[1],
                    "kind": m.kind,
                    "event_date": event_day,
                    "location": m.location,
                    "participants": list(m.participants),
                    "confidence": float(m.confidence),
                }
            )
    load_rows(con, "meetings/upsert_reports", reports, key=["meeting_id", "article_id"])
    load_rows(con, "meetings/upsert_countries", countries, key=["article_id", "country"])
    refresh_summaries(con, summary_days(con, ids))  # country mentions per day
    load_rows(
        con,
        "meetings/mark_detected",
        [{"article_id": d.article_id, "version": d.version} for d in detections],
    )
    touched = sorted(previous | {r["meeting_id"] for r in reports})
    _refresh_meetings(con, touched)
    return touched


def _refresh_meetings(con: Connection, meeting_ids: Sequence[str]) -> None:
    if not meeting_ids:
        return
    reports = select_rows(con, "meetings/reports_of", [list(meeting_ids)])
    first_seen = {
        r["meeting_id"]: r["first_seen_at"]
        for r in select_rows(con, "meetings/first_seen", [list(meeting_ids)])
    }
    by_meeting: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_meeting.setdefault(r["meeting_id"], []).append(r)
    # A meeting no article reports any more (a corrected date, a retracted false
    # positive) goes, with its unsent alerts; one already alerted stays on record.
    orphans = [m for m in meeting_ids if m not in by_meeting]
    if orphans:
        drop_unsent_alerts(con, orphans)
        execute_query(con, "meetings/delete_unalerted", [orphans])
    rows = []
    for mid, group in by_meeting.items():
        by_article = {r["article_id"]: r for r in group}
        ranked = [
            MeetingReport(
                article_id=r["article_id"],
                kind=r["kind"],
                confidence=r["confidence"],
                own_copy=r["own"] == 0,
                seen=r["t"],
                location=r["location"],
            )
            for r in group
        ]
        best = by_article[best_report(ranked).article_id]
        rows.append(
            {
                "meeting_id": mid,
                "story_id": best["story_id"],
                "country_a": best["country_a"],
                "country_b": best["country_b"],
                "kind": best["kind"],
                "event_date": best["event_date"],
                "location": best_location(ranked),
                "participants": list(best["participants"] or []),
                "confidence": max(r["confidence"] for r in group),
                "first_seen_at": first_seen[mid]
                if mid in first_seen
                else min(r["first_seen_at"] for r in group),
                "best_article_id": best["article_id"],
            }
        )
    load_rows(con, "meetings/upsert", rows, key=["meeting_id"])


def meeting_coverage(db: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every meeting with its coverage (read-only); column names and rows."""
    return read_only_rows(db, "meetings/coverage")
