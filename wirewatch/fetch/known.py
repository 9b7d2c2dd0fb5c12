"""What the warehouse remembers about a URL, and what that means for fetching it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from wirewatch.models import Candidate, FetchOutcome

__all__ = ["FINAL_OUTCOMES", "KnownUrl", "changed_since", "is_final"]

# Fetch outcomes after which a URL is done with until its source says it changed.
FINAL_OUTCOMES: Final = frozenset(
    {
        FetchOutcome.OK,
        FetchOutcome.NOT_MODIFIED,
        FetchOutcome.ROBOTS_DISALLOWED,
        FetchOutcome.TOO_LARGE,
        FetchOutcome.DECODE_ERROR,
        FetchOutcome.EXTRACT_EMPTY,
        # Asking again each run would only repeat the refusal (and its error line).
        FetchOutcome.BLOCKED_ADDRESS,
    }
)


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

    A client error (4xx) is final too: asking again gets the same answer. A
    server error, a timeout or a refused connection is worth another try.
    """
    return outcome in FINAL_OUTCOMES or (
        outcome == FetchOutcome.HTTP_ERROR and status_code is not None and status_code < 500
    )
