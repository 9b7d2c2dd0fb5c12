"""Turn a meeting, or a new story matching a saved query, into the message a watch officer reads."""

from __future__ import annotations

from typing import Any

from wirewatch.alert.countries import country_name
from wirewatch.alert.records import AlertMessage, MeetingView, StoryView

__all__ = ["render"]

KIND_LABELS: dict[str, str] = {
    "in_person": "in-person meeting",
    "call": "phone or video call",
    "announced": "announced meeting",
}
PAIR_SEPARATOR = " \u2013 "  # en dash: "Belarus – Russia"
UNKNOWN = "not reported"


def _pair(meeting: MeetingView) -> str:
    names = sorted((country_name(meeting.country_a), country_name(meeting.country_b)))
    return PAIR_SEPARATOR.join(names)


def render(subject: MeetingView | StoryView) -> AlertMessage:
    """Build the alert for one meeting or one new story matching a saved query."""
    if isinstance(subject, StoryView):
        return render_story(subject)
    return render_meeting(subject)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def render_story(story: StoryView) -> AlertMessage:
    """A new story: the saved query it matched, its best copy, agency, date and spread."""
    published = story.published_at.isoformat() if story.published_at else None
    title = f"@{story.query}: {story.title or '(untitled)'}"
    lines = [
        f"Saved query: @{story.query}",
        f"Best copy: {story.title or '(untitled)'}",
        f"Agency: {story.agency or UNKNOWN}",
        f"Published: {published or UNKNOWN}",
        f"Link: {story.url or UNKNOWN}",
        f"Reported by {_count(story.source_count, 'source')} ({_count(story.article_count, 'article')})",
    ]
    data: dict[str, Any] = {
        "story_id": story.story_id,
        "query": story.query,
        "title": story.title,
        "url": story.url,
        "agency": story.agency,
        "published": published,
        "first_seen": story.first_seen_at.isoformat(),
        "source_count": story.source_count,
        "article_count": story.article_count,
    }
    return AlertMessage(title=title, body="\n".join(lines), data=data, kind="story")


def render_meeting(meeting: MeetingView) -> AlertMessage:
    """Build the alert for one meeting: pair, kind, date, place, participants, best copy, sources."""
    pair = _pair(meeting)
    kind = KIND_LABELS.get(meeting.kind, meeting.kind.replace("_", " "))
    day = meeting.event_date.isoformat() if meeting.event_date else None
    title = f"{pair}: {kind}" + (f" on {day}" if day else "")
    sources = f"{meeting.source_count} source{'s' if meeting.source_count != 1 else ''}"
    articles = f"{meeting.article_count} article{'s' if meeting.article_count != 1 else ''}"
    # The title is not repeated here: Apprise prepends it for services
    # without a title field (SMS and the like), and the other channels show it.
    lines = [
        f"Countries: {pair}",
        f"Kind: {kind}",
        f"Date: {day or UNKNOWN}",
        f"Place: {meeting.location or UNKNOWN}",
        f"Participants: {', '.join(meeting.participants) if meeting.participants else UNKNOWN}",
        f"Best copy: {meeting.title or '(untitled)'}",
        f"Link: {meeting.url or UNKNOWN}",
        f"Reported by {sources} ({articles})",
    ]
    data: dict[str, Any] = {
        "meeting_id": meeting.meeting_id,
        "countries": [meeting.country_a, meeting.country_b],
        "country_names": [country_name(meeting.country_a), country_name(meeting.country_b)],
        "pair": pair,
        "kind": meeting.kind,
        "event_date": day,
        "location": meeting.location,
        "participants": list(meeting.participants),
        "confidence": round(meeting.confidence, 3),
        "title": meeting.title,
        "url": meeting.url,
        "source_count": meeting.source_count,
        "article_count": meeting.article_count,
    }
    return AlertMessage(title=title, body="\n".join(lines), data=data)
