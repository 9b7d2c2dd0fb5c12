"""What the generator hands back (:class:`History` and its parts) and its drafts."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from wirewatch.demo.content import DemoArticle
from wirewatch.demo.expected import ExpectedMeeting, ExpectedNegative


@dataclass(frozen=True)
class MeetingReport:
    """A meeting one article reports, with the kind that article gives it."""

    countries: tuple[str, str]  # sorted
    event_date: date
    kind: str  # in_person, call or announced


@dataclass(frozen=True)
class HistoryStory:
    """A wire story and its republished copies on other sites (one story after dedupe)."""

    original: str
    copies: tuple[str, ...]


@dataclass(frozen=True)
class History:
    """The generated archive and its ground truth."""

    first_day: date
    last_day: date
    articles: tuple[DemoArticle, ...]
    meetings: tuple[ExpectedMeeting, ...]  # kind: the stored kind (happened beats announced)
    reports: Mapping[str, tuple[MeetingReport, ...]]  # article id -> meetings it reports
    syndicated: tuple[HistoryStory, ...]
    negatives: tuple[ExpectedNegative, ...]

    def summary(self) -> dict[str, Any]:
        """The counts ``expected.yaml`` pins under ``history``."""
        per_pair: dict[str, Counter[str]] = defaultdict(Counter)
        for meeting in self.meetings:
            per_pair["-".join(meeting.countries)][meeting.kind] += 1
        return {
            "articles": len(self.articles),
            "per_site": dict(sorted(Counter(a.site for a in self.articles).items())),
            "russian": sum(1 for a in self.articles if a.language == "ru"),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "meetings": {
                pair: dict(sorted(kinds.items())) for pair, kinds in sorted(per_pair.items())
            },
            "syndicated": len(self.syndicated),
            "copies": sum(len(s.copies) for s in self.syndicated),
            "negatives": len(self.negatives),
        }


@dataclass
class _Draft:
    """An article before it has a slug and a number."""

    site: str
    section: str
    headline: str
    published: datetime
    paragraphs: list[str]
    language: str | None = None
    agency: str | None = None
    byline: str | None = None
    dateline: str | None = None
    caption: str | None = None
    credit: str | None = None
    tail: tuple[str, ...] | None = None
    slug_hint: str | None = None
    reports: list[MeetingReport] = field(default_factory=list)
    why: str | None = None  # a hard negative
    copy_of: _Draft | None = None
    id: str = ""
