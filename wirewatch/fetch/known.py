"""What the warehouse remembers about a URL, and what that means for fetching it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wirewatch.models import Candidate

__all__ = ["KnownUrl", "changed_since"]


@dataclass(frozen=True)
class KnownUrl:
    """The stored state of one URL (article, feed, sitemap or section)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    source_updated: datetime | None = None  # the newest feed/sitemap updated time we acted on
    loaded: bool = False  # an article from this URL is in the warehouse


def changed_since(candidate: Candidate, known: KnownUrl) -> bool:
    """True when the listing says the article changed after what we stored.

    Only a real ``<updated>``/``<lastmod>`` counts: a listing with no such date
    makes no claim, so a loaded URL stays skipped.
    """
    if candidate.updated is None:
        return False
    if known.source_updated is None:
        return True
    return candidate.updated > known.source_updated
