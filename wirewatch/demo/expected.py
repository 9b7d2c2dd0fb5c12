"""The demo's ground truth, ``config/demo/expected.yaml``, validated.

The end-to-end test and ``make demo`` compare a run's warehouse with this file:
which meetings must be alerted, which articles are copies of one wire story,
which article is updated between the two editions, and how many articles
each edition holds. Its ``history`` block pins the counts of the generated
archive (:mod:`wirewatch.demo.history`), whose own ground truth comes from the
generator; a template change that moves them shows up as a diff here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wirewatch.errors import ConfigError

__all__ = ["Expected", "ExpectedHistory", "ExpectedMeeting", "ExpectedNegative", "load_expected"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExpectedMeeting(_Strict):
    """A meeting the pipeline must find (once, however many articles report it)."""

    countries: tuple[str, str]
    kind: Literal["in_person", "call", "announced"]
    event_date: date | None = None
    location: str | None = None
    articles: tuple[str, ...] = Field(min_length=1)  # site/slug ids that report it

    @field_validator("countries")
    @classmethod
    def _sorted_codes(cls, pair: tuple[str, str]) -> tuple[str, str]:
        if list(pair) != sorted(pair) or pair[0] == pair[1]:
            raise ValueError(f"expected two different ISO codes in sorted order, got {pair}")
        return pair


class ExpectedNegative(_Strict):
    """An article that mentions a meeting that is NOT a bilateral one (a hard negative)."""

    article: str
    why: str


class Syndication(_Strict):
    """One wire story and its republished copies (one story after dedupe)."""

    original: str
    copies: tuple[str, ...] = Field(min_length=3)


class Updated(_Strict):
    """The article updated in place between edition 1 and 2."""

    article: str
    paragraphs_edition1: int
    paragraphs_edition2: int


class ArticleCounts(_Strict):
    """How many article pages each edition serves (robots-disallowed pages excluded)."""

    edition1: int
    edition2: int
    per_site: dict[str, int]  # edition 1


class FetchExpectations(_Strict):
    """Fetch outcomes a demo run must record."""

    dead_feeds: tuple[str, ...]  # URLs with {site} placeholders; 404 -> http_error
    robots_disallowed: tuple[str, ...]  # URLs with {site} placeholders


class ExpectedHistory(_Strict):
    """Counts of the generated archive (``History.summary()`` must equal them)."""

    articles: int
    per_site: dict[str, int]
    russian: int
    first_day: date
    last_day: date
    meetings: dict[str, dict[str, int]]  # "BY-CN" -> {"in_person": 3, ...} (stored kinds)
    syndicated: int  # wire stories republished on other sites
    copies: int
    negatives: int


class Expected(_Strict):
    """The whole ``expected.yaml``."""

    sites: int
    articles: ArticleCounts
    meetings: tuple[ExpectedMeeting, ...]  # alerted: kinds in_person and call
    announced: tuple[ExpectedMeeting, ...] = ()
    syndicated: Syndication
    updated: Updated
    new_in_edition2: tuple[str, ...] = ()
    negatives: tuple[ExpectedNegative, ...] = ()
    fetch: FetchExpectations
    history: ExpectedHistory | None = None


def load_expected(path: Path) -> Expected:
    """Read and validate ``expected.yaml``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})".replace("\n", " ")) from exc
    try:
        return Expected.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"]) or "(top level)"
        raise ConfigError(f"{path}: field '{where}': {err['msg']}") from exc
