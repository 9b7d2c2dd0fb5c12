"""Alerts: the outbox rows, and the meetings as the alert stage sees them.

The alert stage decides what to send and what a delivery means
(``wirewatch.alert``); this module reads its inputs and records its decisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wirewatch.alert import Delivery, MeetingView, PendingAlert, plan_alerts
from wirewatch.config import AlertsConfig
from wirewatch.ids import alert_id_for
from wirewatch.store.connection import (
    Connection,
    execute_query,
    load_rows,
    read_only_rows,
    select_rows,
    select_value,
)

__all__ = [
    "drop_unsent_alerts",
    "list_alerts",
    "list_alerted_meetings",
    "meeting_views",
    "pending_alerts",
    "plan_meeting_alerts",
    "record_deliveries",
]


def _meeting_view(row: Mapping[str, Any]) -> MeetingView:
    return MeetingView(
        meeting_id=row["meeting_id"],
        country_a=row["country_a"],
        country_b=row["country_b"],
        kind=row["kind"],
        event_date=row["event_date"],
        location=row["location"],
        participants=tuple(row["participants"] or ()),
        confidence=float(row["confidence"]),
        title=row["title"],
        url=row["url"],
        source_count=int(row["source_count"]),
        article_count=int(row["article_count"]),
    )


def meeting_views(con: Connection, meeting_ids: Sequence[str]) -> list[MeetingView]:
    """The meetings as the alert stage sees them (best copy, source counts)."""
    if not meeting_ids:
        return []
    return [
        _meeting_view(r)
        for r in select_rows(con, "alerts/meeting_views", [list(meeting_ids)])
    ]


def plan_meeting_alerts(
    con: Connection, meeting_ids: Sequence[str], config: AlertsConfig, *, now: datetime
) -> int:
    """Queue one alert per (meeting, channel) the rules ask for; returns how many are new."""
    planned = plan_alerts(meeting_views(con, meeting_ids), config)
    if not planned:
        return 0
    rows = [
        {
            "alert_id": alert_id_for(meeting_id, channel),
            "meeting_id": meeting_id,
            "channel": channel,
            "rule": rule,
            "status": "pending",
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
        for meeting_id, channel, rule in planned
    ]
    before = int(select_value(con, "alerts/count"))
    load_rows(con, "alerts/insert", rows, key=["alert_id"])
    return int(select_value(con, "alerts/count")) - before


def drop_unsent_alerts(con: Connection, meeting_ids: Sequence[str]) -> None:
    """Delete the alerts of these meetings not sent yet; sent ones stay on record."""
    execute_query(con, "alerts/delete_unsent", [list(meeting_ids)])


def pending_alerts(con: Connection, *, now: datetime) -> list[PendingAlert]:
    """Alerts waiting to be sent whose next attempt is due."""
    rows = select_rows(con, "alerts/due", [now])
    views = {v.meeting_id: v for v in meeting_views(con, sorted({r["meeting_id"] for r in rows}))}
    return [
        PendingAlert(
            alert_id=r["alert_id"],
            channel=r["channel"],
            attempts=int(r["attempts"]),
            meeting=views[r["meeting_id"]],
        )
        for r in rows
        if r["meeting_id"] in views
    ]


def record_deliveries(con: Connection, deliveries: Sequence[Delivery]) -> tuple[int, int]:
    """Write delivery outcomes back to the outbox; returns (sent, failed) counts.

    A failed send stays ``pending`` with its error and a later ``next_attempt_at``;
    after the channel's ``max_attempts`` it becomes ``failed`` (still listed by
    ``wirewatch alerts``, never deleted). The alert stage decides; this records.
    """
    rows = [
        {
            "alert_id": d.alert_id,
            "status": d.status,
            "attempts": d.attempts,
            "sent_at": d.attempted_at if d.ok else None,
            "last_error": d.error,
            "next_attempt_at": d.next_attempt_at,
        }
        for d in deliveries
    ]
    load_rows(con, "alerts/record_deliveries", rows)
    sent = sum(1 for d in deliveries if d.ok)
    return sent, len(deliveries) - sent


def list_alerts(
    db: Path, *, since: date, status: str | None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Alerts created on or after ``since`` (of one status, if given), read-only; column names and rows."""
    return read_only_rows(db, "alerts/listing", [since, status])


def list_alerted_meetings(
    db: Path, *, since: date, status: str | None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One row per alerted meeting with its channels' sent, failed and pending counts, read-only.

    ``status`` keeps the meetings with at least one channel in that state; the
    counts are always over every channel alerted since ``since``.
    """
    return read_only_rows(db, "alerts/by_meeting", [since, status])

