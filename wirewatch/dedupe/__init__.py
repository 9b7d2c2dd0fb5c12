"""Dedupe: canonical URLs, content hashes and story clustering."""

from wirewatch.dedupe.events import event_ids
from wirewatch.dedupe.index import DedupeDecision, DedupeItem, StoryIndex, dedupe_items
from wirewatch.dedupe.text import content_sha256
from wirewatch.dedupe.urls import canonical_url

__all__ = [
    "DedupeDecision",
    "DedupeItem",
    "StoryIndex",
    "canonical_url",
    "content_sha256",
    "dedupe_items",
    "event_ids",
]
