"""Alerts: the outbox rows, and the meetings and new stories as the alert stage sees them.

The alert stage decides what to send and what a delivery means
(``wirewatch.alert``); this module reads its inputs and records its decisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wirewatch.alert import (
    AlertStatus,
    Delivery,
    MeetingView,
    PendingAlert,
    StoryView,
    plan_alerts,
    plan_story_alerts,
)
from wirewatch.config import AlertsConfig
from wirewatch.ids import alert_id_for, story_alert_id_for
from wirewatch.store.connection import (
    Connection,
    execute_query,
    load_rows,
    read_only_rows,
    select_rows,
)

__all__ = [
    "drop_unsent_alerts",
    "list_alerts",
    "list_alerted_meetings",
    "meeting_views",
    "new_story_articles",
    "pending_alerts",
    "plan_meeting_alerts",
    "queue_story_alerts",
    "record_deliveries",
    "story_views",
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
        published_at=row["published_at"],
    )


def meeting_views(con: Connection, meeting_ids: Sequence[str]) -> list[MeetingView]:
    """The meetings as the alert stage sees them (best copy, source counts)."""
    if not meeting_ids:
        return []
    return [
        _meeting_view(r)
        for r in select_rows(con, "alerts/meeting_views", [list(meeting_ids)])
    ]


def _outbox_row(
    alert_id: str, channel: str, rule: str, skip_reason: str | None, now: datetime
) -> dict[str, Any]:
    """The outbox columns every alert has: to send now, or recorded as skipped with its reason."""
    skipped = skip_reason is not None
    return {
        "alert_id": alert_id,
        "channel": channel,
        "rule": rule,
        "status": AlertStatus.SKIPPED if skipped else AlertStatus.PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": None if skipped else now,
        "skip_reason": skip_reason,
    }


def _insert_alerts(con: Connection, rows: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    """Insert the rows not queued yet; returns how many new ones are queued and skipped."""
    if not rows:
        return 0, 0
    before = select_rows(con, "alerts/count")[0]
    load_rows(con, "alerts/insert", rows, key=["alert_id"])
    after = select_rows(con, "alerts/count")[0]
    return int(after["queued"] - before["queued"]), int(after["skipped"] - before["skipped"])


def plan_meeting_alerts(
    con: Connection,
    meeting_ids: Sequence[str],
    config: AlertsConfig,
    *,
    now: datetime,
    as_of: datetime | None = None,
) -> tuple[int, int]:
    """Queue one alert per (meeting, channel) the rules ask for; returns how many are new,
    queued and skipped (older than a rule's ``max_age_days`` on ``as_of``, default ``now``)."""
    planned = plan_alerts(meeting_views(con, meeting_ids), config, now=as_of or now)
    rows = [
        {"meeting_id": meeting_id, **_outbox_row(alert_id_for(meeting_id, channel), channel, rule, reason, now)}
        for meeting_id, channel, rule, reason in planned
    ]
    return _insert_alerts(con, rows)


def drop_unsent_alerts(con: Connection, meeting_ids: Sequence[str]) -> None:
    """Delete the alerts of these meetings not sent yet; sent ones stay on record."""
    execute_query(con, "alerts/delete_unsent", [list(meeting_ids)])


def pending_alerts(con: Connection, *, now: datetime) -> list[PendingAlert]:
    """Alerts waiting to be sent whose next attempt is due, each with its meeting or story."""
    rows = select_rows(con, "alerts/due", [now])
    meetings = {
        v.meeting_id: v
        for v in meeting_views(
            con, sorted({r["meeting_id"] for r in rows if r["kind"] != "story"})
        )
    }
    stories = {
        (v.story_id, v.query): v
        for v in story_views(
            con, sorted({(r["story_id"], r["query"]) for r in rows if r["kind"] == "story"})
        )
    }
    pending: list[PendingAlert] = []
    for r in rows:
        subject: MeetingView | StoryView | None
        if r["kind"] == "story":
            subject = stories.get((r["story_id"], r["query"]))
        else:
            subject = meetings.get(r["meeting_id"])
        if subject is not None:
            pending.append(PendingAlert(r["alert_id"], r["channel"], int(r["attempts"]), subject))
    return pending


def new_story_articles(con: Connection, run_id: str) -> dict[str, list[str]]:
    """``{story_id: [article_id, ...]}`` of the stories new to story alerts in run ``run_id``.

    New: first seen since the start of the oldest run after the last completed
    one, so the stories of a run killed before its alert step are matched by
    the next run (queueing is idempotent: one alert per story and channel).
    """
    found: dict[str, list[str]] = {}
    for r in select_rows(con, "alerts/new_story_articles", [run_id]):
        found.setdefault(r["story_id"], []).append(r["article_id"])
    return found


def story_views(con: Connection, stories: Sequence[tuple[str, str]]) -> list[StoryView]:
    """``(story_id, query_name)`` pairs as the alert stage sees them (best copy, spread)."""
    if not stories:
        return []
    rows = {
        r["story_id"]: r
        for r in select_rows(con, "alerts/story_views", [sorted({s for s, _ in stories})])
    }
    return [
        StoryView(
            story_id=story_id,
            query=query,
            title=row["title"],
            url=row["url"],
            agency=row["agency"],
            published_at=row["published_at"],
            first_seen_at=row["first_seen_at"],
            source_count=int(row["source_count"]),
            article_count=int(row["article_count"]),
        )
        for story_id, query in stories
        if (row := rows.get(story_id)) is not None
    ]


def queue_story_alerts(
    con: Connection,
    matched: Mapping[str, Sequence[str]],
    config: AlertsConfig,
    *,
    now: datetime,
    as_of: datetime | None = None,
) -> tuple[int, int]:
    """Queue one alert per (new story, channel) the story rules ask for; returns how many are
    new, queued and skipped (older than a rule's ``max_age_days`` on ``as_of``, default ``now``).

    ``matched`` maps each new story to the saved queries it matched. A story
    already alerted on a channel (an earlier run, another copy) is left as it is.
    """
    if not matched:
        return 0, 0
    published = {
        r["story_id"]: r["published_at"]
        for r in select_rows(con, "alerts/story_published", [sorted(matched)])
    }
    planned = plan_story_alerts(matched, config, now=as_of or now, published=published)
    rows = [
        {
            "kind": "story",
            "story_id": story_id,
            "query": query,
            **_outbox_row(story_alert_id_for(story_id, channel), channel, rule, reason, now),
        }
        for story_id, channel, rule, query, reason in planned
    ]
    return _insert_alerts(con, rows)


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
    """One row per alerted meeting or story with its channels' sent, failed and pending counts.

    Read-only. A story alert's ``pair`` is its saved query (``@name``).

    ``status`` keeps the meetings with at least one channel in that state; the
    counts are always over every channel alerted since ``since``.
    """
    return read_only_rows(db, "alerts/by_meeting", [since, status])

