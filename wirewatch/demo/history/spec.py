"""The archive's files (``calendar.yaml`` and the templates), validated."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wirewatch.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rhythm(_Strict):
    """Mean articles a site files on a weekday and on a weekend day."""

    weekday: float = Field(ge=0)
    weekend: float = Field(ge=0)


class SiteClock(_Strict):
    """A site's local time zone."""

    utc_offset: str = Field(pattern=r"^[+-]\d\d:\d\d$")

    @property
    def tz(self) -> timezone:
        """The offset as a timezone."""
        sign = -1 if self.utc_offset.startswith("-") else 1
        hours, minutes = self.utc_offset[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


class HouseStyle(_Strict):
    """How one agency files: site, credit, dateline, home city."""

    site: str
    agency: str | None = None
    language: str = "en"
    dateline: str | None = None  # str.format: {city} {date}
    date: Literal["ap", "long", "day_first", "ru"] = "ap"
    home: str
    state: str | None = None
    politics: str  # section of political news
    credit: str
    people: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()


class CopyStyle(_Strict):
    """How a site republishes another agency's wire story."""

    section: str
    credit: str  # str.format: {agency}
    dateline: bool
    tail: tuple[str, ...] = ()


class StateInfo(_Strict):
    """A state of the cast."""

    country: str
    adj: str
    capital: str
    short_country: str | None = None
    ru: dict[str, str] = {}


class Official(_Strict):
    """A fictional official; ``title`` replaces the office in "<adj> <Office> <name>"."""

    name: str
    short: str
    title: str | None = None
    ru: tuple[str, str] | None = None  # nominative with title, instrumental with title


class CopySpec(_Strict):
    """A site republishing one of a meeting's reports (by house style)."""

    site: str
    of: str


class PlannedMeeting(_Strict):
    """A bilateral meeting of the archive and who reports it."""

    date: date
    pair: tuple[str, str]
    roles: tuple[str, str]
    kind: Literal["in_person", "call"]
    city: str | None = None
    host: str | None = None  # the host state when the city is not a capital
    visit: str = "an official visit"
    sidelines: bool = False
    reports: tuple[str, ...] = Field(min_length=1)
    copies: tuple[str | CopySpec, ...] = ()
    ru: bool = False
    after: bool = False  # reported the next morning
    event: str | None = None


class Announcement(_Strict):
    """A visit announced ahead: ``pair`` is (guest, host)."""

    published: date
    style: str
    pair: tuple[str, str]
    roles: tuple[str, str]
    date: date
    days: int = Field(ge=1, le=7)
    city: str
    visit: str = "an official visit"


class Summit(_Strict):
    """The summit whose days bring a burst of news."""

    name: str
    short: str
    city: str
    first_day: date
    last_day: date
    members: tuple[str, ...]


class Calendar(_Strict):
    """``calendar.yaml``."""

    seed: int
    first_day: date
    last_day: date
    rhythm: dict[str, Rhythm]
    negatives_per_week: int = Field(ge=0)
    sites: dict[str, SiteClock]
    styles: dict[str, HouseStyle]
    copies: dict[str, CopyStyle]
    filler_styles: dict[str, dict[str, float]]
    states: dict[str, StateInfo]
    officials: dict[str, dict[str, Official]]
    ru_cities: dict[str, tuple[str, str]] = {}
    topics: dict[str, tuple[str, ...]]
    meetings: tuple[PlannedMeeting, ...]
    announcements: tuple[Announcement, ...] = ()
    summit: Summit | None = None


class StyleTemplates(_Strict):
    """One house style's meeting headlines, leads and captions, by case."""

    headline: dict[str, tuple[str, ...]]
    lead: dict[str, tuple[str, ...]]
    caption: tuple[str, ...]
    call_caption: tuple[str, ...]
    credit: tuple[str, ...]


class MeetingBody(_Strict):
    """Body paragraphs shared by every house style."""

    topics: dict[str, tuple[str, ...]]
    numbers: tuple[str, ...]
    quote: tuple[str, ...]
    closing: dict[str, tuple[str, ...]]
    background: tuple[str, ...]
    announced: tuple[str, ...]


class CopyTemplates(_Strict):
    """What a republishing site adds: headline, intro, caption."""

    headline: dict[str, tuple[str, ...]]
    intro: dict[str, dict[str, tuple[str, ...]]]
    caption: tuple[str, ...]


class RussianTemplates(_Strict):
    """Russian-language meeting reports."""

    headline: dict[str, tuple[str, ...]]
    lead: dict[str, tuple[str, ...]]
    body: tuple[str, ...]


class MeetingTemplates(_Strict):
    """``meetings.yaml``."""

    styles: dict[str, StyleTemplates]
    body: MeetingBody
    copy_: CopyTemplates = Field(alias="copy")
    russian: RussianTemplates


class ArticleTemplate(_Strict):
    """A negative or filler story with slots."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    style: str
    section: str
    why: str | None = None  # negatives: why it is no bilateral meeting
    slots: dict[str, tuple[str, ...]] = {}
    pick_together: tuple[str, ...] = ()
    numbers: dict[str, tuple[int, int]] = {}
    headline: tuple[str, ...] = Field(min_length=1)
    paragraphs: tuple[str | tuple[str, ...], ...] = Field(min_length=1)
    caption: tuple[str, ...] = ()
    byline: str | None = None
    summit: bool = False
    summit_day: int = Field(default=1, ge=0)
    every: int = Field(default=0, ge=0)  # days between two uses at least (monthly statistics)


class ArticleTemplates(_Strict):
    """``negatives.yaml`` or ``filler.yaml``."""

    templates: tuple[ArticleTemplate, ...]


# libyaml parses the templates 30 times faster than the pure-Python loader.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(model: type[_Strict], path: Path) -> Any:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})".replace("\n", " ")) from exc
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"]) or "(top level)"
        raise ConfigError(f"{path}: field '{where}': {err['msg']}") from exc
