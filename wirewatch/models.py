"""Plain records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses; none of them knows
about Prefect or DuckDB.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

__all__ = [
    "Candidate",
    "Extracted",
    "FetchOutcome",
    "FetchRecord",
    "Meeting",
    "Page",
    "PageResult",
    "RunSummary",
]


class FetchOutcome(enum.StrEnum):
    """Values of ``fetches.outcome``, and the classes a run sorts them into.

    Each member is a plain string (``"ok"``), so it is stored and compared as one.
    """

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    CONNECT_ERROR = "connect_error"
    ROBOTS_DISALLOWED = "robots_disallowed"
    TOO_LARGE = "too_large"
    DECODE_ERROR = "decode_error"
    EXTRACT_EMPTY = "extract_empty"
    DISCOVERY_ERROR = "discovery_error"
    BLOCKED_ADDRESS = "blocked_address"  # refused before connecting: see wirewatch.fetch.guard
    # Shown in run summaries, never stored in ``fetches``: a robots.txt answered
    # with a 4xx (its row says http_error) is simply not there and allows everything.
    NO_ROBOTS = "no_robots_txt"

    @property
    def is_final(self) -> bool:
        """The URL is done with after this outcome, until its source says it changed.

        An ``http_error`` is final or not by its status: see ``wirewatch.fetch.is_final``.
        """
        return _OUTCOME_CLASSES[self][0]

    @property
    def is_error(self) -> bool:
        """Counted as a fetch error in the run summary (extract errors are counted apart)."""
        return _OUTCOME_CLASSES[self][1]

    @property
    def answered(self) -> bool:
        """The source answered: a run with none of these reached none of its sources."""
        return _OUTCOME_CLASSES[self][2]

    @property
    def is_clean(self) -> bool:
        """Nothing to report: answered and no error (no line in the run's error list)."""
        return self.answered and not self.is_error


_O = FetchOutcome
# outcome: (is_final, is_error, answered), every member once (tests check it).
_OUTCOME_CLASSES: dict[FetchOutcome, tuple[bool, bool, bool]] = {
    _O.OK: (True, False, True),
    _O.NOT_MODIFIED: (True, False, True),
    # A client error (4xx) is final, a server error (5xx) is not: decided with the status.
    _O.HTTP_ERROR: (False, True, True),
    _O.TIMEOUT: (False, True, False),
    _O.CONNECT_ERROR: (False, True, False),
    # A robots_disallowed listing alone proves nothing about the source being up.
    _O.ROBOTS_DISALLOWED: (True, True, False),
    _O.TOO_LARGE: (True, True, True),
    # Fetched fine but held no article: extract errors, not fetch errors; the listing
    # that led to the page is what shows the source answered.
    _O.DECODE_ERROR: (True, False, False),
    _O.EXTRACT_EMPTY: (True, False, False),
    _O.DISCOVERY_ERROR: (False, True, False),
    # Asking again each run would only repeat the refusal (and its error line).
    _O.BLOCKED_ADDRESS: (True, True, False),
    # Not a URL's outcome (robots.txt is asked each run), so never final.
    _O.NO_ROBOTS: (False, False, True),
}


@dataclass(frozen=True)
class Candidate:
    """An article URL found by discovery (feed item, sitemap entry or section link)."""

    url: str
    source: str
    via: str  # "feed", "sitemap" or "section"
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = (
        None  # feed <updated> / sitemap <lastmod>: "the source says it changed"
    )


@dataclass(frozen=True)
class FetchRecord:
    """One fetch attempt; becomes one row of ``fetches``."""

    fetch_id: str
    source: str
    url: str
    requested_at: datetime
    outcome: str
    status_code: int | None = None
    error: str | None = None
    bytes: int = 0
    content_sha256: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    kind: str = "article"  # "article", "feed", "sitemap", "section", "robots"


@dataclass(frozen=True)
class Page:
    """A successfully fetched article response, ready for extraction."""

    url: str
    final_url: str
    source: str
    # Not in repr: asyncio and loggers repr results, and a body is up to 10 MB.
    body: bytes = field(repr=False)
    fetched_at: datetime
    fetch_id: str
    content_type: str | None = None
    charset: str | None = None  # from the Content-Type header, if any
    etag: str | None = None
    last_modified: str | None = None
    hint_title: str | None = None
    hint_published: datetime | None = None


@dataclass(frozen=True)
class Extracted:
    """A cleaned article: what ``wirewatch extract`` prints, plus a few internals."""

    url: str | None
    site: str | None
    title: str | None
    text: str
    paragraphs: tuple[str, ...]
    caption: str | None = None
    agency: str | None = None
    dateline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None  # the page's own rel=canonical / og:url, if any

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``wirewatch extract`` writes for one page."""
        return {
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "caption": self.caption,
            "agency": self.agency,
            "dateline": self.dateline,
            "published": self.published.isoformat() if self.published else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "language": self.language,
        }


@dataclass(frozen=True)
class PageResult:
    """One fetched article page after extraction: an article, or the reason there is none."""

    fetch_id: str
    source: str
    url: str
    final_url: str
    fetched_at: datetime
    extracted: Extracted | None = None
    error_outcome: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Meeting:
    """A bilateral meeting found in one article."""

    countries: tuple[str, str]  # ISO 3166-1 alpha-2, sorted
    kind: str  # "in_person", "call" or "announced"
    participants: tuple[str, ...] = ()
    location: str | None = None
    event_date: date | None = None
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The meeting object ``wirewatch detect`` writes."""
        return {
            "countries": list(self.countries),
            "kind": self.kind,
            "participants": list(self.participants),
            "location": self.location,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class RunSummary:
    """Counts per stage and outcome for one ingest run; stored in ``runs``.

    ``status`` is ``running`` while the run is under way, then ``completed``,
    ``failed`` or ``interrupted`` (Ctrl-C, SIGTERM, or a killed run found by the next one).
    """

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    sources: int = 0
    discovered: int = 0
    skipped_known: int = 0
    fetched: int = 0
    fetch_errors: int = 0
    fetch_outcomes: dict[str, int] = field(default_factory=dict)
    extracted: int = 0
    extract_errors: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    url_variants: int = 0  # pages that were another URL of an article already loaded
    stories_new: int = 0
    meetings_new: int = 0
    articles_indexed: int = 0  # article versions the index step (re)indexed
    index_removed: int = 0  # articles the index step removed (gone from the warehouse)
    stories_new_to_alerts: int = 0  # stories matched against the story rules' saved queries
    stories_matched: int = 0  # of them, those matching at least one watched query
    alerts_created: int = 0
    story_alerts_created: int = 0  # of alerts_created, those for stories
    alerts_sent: int = 0
    alerts_failed: int = 0
    alerts_skipped: int = 0  # older than their rule's max_age_days: recorded, never sent
    errors: list[str] = field(default_factory=list)
    # "source: listing URL" for each listing not fetched: backing off after failing run after run.
    backing_off: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON-able data (times as ISO strings): what the flow returns."""
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}
