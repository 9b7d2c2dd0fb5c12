"""Records the alert stage exchanges with the warehouse.

The warehouse hands in :class:`MeetingView`, :class:`StoryView` and :class:`PendingAlert`; the
alert stage hands back plans, :class:`AlertMessage` and :class:`Delivery`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["AlertMessage", "AlertStatus", "Delivery", "MeetingView", "PendingAlert", "StoryView"]


class AlertStatus:
    """Values of ``alerts.status``.

    ``pending`` alerts are (re)tried once ``next_attempt_at`` has passed;
    ``failed`` means the channel's ``max_attempts`` ran out: the alert stays in
    the table with its last error for a person to look at, it is never deleted.
    ``skipped`` alerts matched a rule but were older than its ``max_age_days``
    when planned: recorded with the reason, never sent, never planned again.
    """

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class MeetingView:
    """One row of ``meetings`` joined with the best copy of its story."""

    meeting_id: str
    country_a: str
    country_b: str
    kind: str
    event_date: date | None
    location: str | None
    participants: tuple[str, ...]
    confidence: float
    title: str | None  # the best copy of the story
    url: str | None
    source_count: int
    article_count: int
    published_at: datetime | None = None  # its first report's publication (rules' max_age_days)


@dataclass(frozen=True)
class StoryView:
    """A new story that matched a saved query, with its best copy (a ``kind: story`` alert)."""

    story_id: str
    query: str  # the saved query's name (the first matching one in rule order)
    title: str | None  # the best copy of the story
    url: str | None
    agency: str | None
    published_at: datetime | None
    first_seen_at: datetime
    source_count: int
    article_count: int


@dataclass(frozen=True)
class AlertMessage:
    """What a channel sends: a one-line title, a plain-text body and the same facts as data."""

    title: str
    body: str
    data: dict[str, Any]  # JSON-able
    kind: str = "meeting"  # what the alert is about: meeting or story


@dataclass(frozen=True)
class PendingAlert:
    """An alert row still to deliver, with its meeting or its story."""

    alert_id: str
    channel: str
    attempts: int  # attempts made before this one
    subject: MeetingView | StoryView


@dataclass(frozen=True)
class Delivery:
    """The outcome of one delivery attempt; the warehouse writes it back to ``alerts``.

    ``attempts``, ``status`` and ``next_attempt_at`` are the new column values,
    so the write-back is a plain update.
    """

    alert_id: str
    ok: bool
    error: str | None
    attempted_at: datetime
    attempts: int = 1
    status: str = AlertStatus.SENT
    next_attempt_at: datetime | None = None  # None when sent or given up
