"""Dedupe: canonical URLs, content hashes and story clustering."""

from wirewatch.dedupe.events import EventIndex, event_ids, story_terms
from wirewatch.dedupe.index import DedupeDecision, DedupeItem, StoryIndex, dedupe_items
from wirewatch.dedupe.text import content_sha256
from wirewatch.dedupe.tuning import MAX_EVENT_GAP
from wirewatch.dedupe.urls import canonical_url

__all__ = [
    "DedupeDecision",
    "DedupeItem",
    "EventIndex",
    "MAX_EVENT_GAP",
    "StoryIndex",
    "canonical_url",
    "content_sha256",
    "dedupe_items",
    "event_ids",
    "story_terms",
]
