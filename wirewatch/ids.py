"""Row ids that are hashes of what they identify.

Loading the same input twice then writes the same rows, and a rerun after a
crash converges on the warehouse an uninterrupted run would have left.
"""

from __future__ import annotations

import hashlib
from datetime import date

__all__ = ["alert_id_for", "article_id_for", "event_id_for", "meeting_id_for", "story_alert_id_for"]


def _hash_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id_for(canonical: str) -> str:
    """The article id: a hash of its canonical URL."""
    return _hash_id("article", canonical)


def event_id_for(story_id: str) -> str:
    """The event id: a hash of the id of the event's first story (ids never change once given)."""
    return _hash_id("event", story_id)


def meeting_id_for(country_a: str, country_b: str, event_date: date) -> str:
    """The meeting id: one meeting per country pair per day."""
    return _hash_id("meeting", country_a, country_b, event_date.isoformat())


def alert_id_for(meeting_id: str, channel: str) -> str:
    """The alert id: one alert per meeting per channel."""
    return _hash_id("alert", meeting_id, channel)


def story_alert_id_for(story_id: str, channel: str) -> str:
    """The id of a story alert: one alert per new story per channel, whatever query matched."""
    return _hash_id("story-alert", story_id, channel)


def staged_batch_id_for(run_id: str, batch_no: int) -> str:
    """A staged batch: the same run and batch number is the same batch, however often staged."""
    return _hash_id("staged-batch", run_id, str(batch_no))
