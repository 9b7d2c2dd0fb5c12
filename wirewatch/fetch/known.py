"""What the warehouse remembers about a URL, and what that means for fetching it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wirewatch.models import Candidate, FetchOutcome

__all__ = ["KnownUrl", "changed_since", "is_final"]

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


def is_final(outcome: str, status_code: int | None) -> bool:
    """True when a URL is done with after this outcome, until its source says it changed.

    The outcome's own class (:attr:`FetchOutcome.is_final`), and a client error
    (4xx) too: asking again gets the same answer. A server error, a timeout or a
    refused connection is worth another try.
    """
    return FetchOutcome(outcome).is_final or (
        outcome == FetchOutcome.HTTP_ERROR and status_code is not None and status_code < 500
    )
