"""The demo newswire's archive: fourteen weeks of generated news before the demo week.

``config/demo/history/`` holds a calendar (cast, rhythm, planned meetings, the
summit, announced visits, house styles) and templates of our own writing
(``meetings.yaml``, ``negatives.yaml``, ``filler.yaml``). :func:`generate_history`
turns them into :class:`~wirewatch.demo.content.DemoArticle` objects on the five
demo sites, together with the ground truth they carry: the meetings each article
reports, the wire stories republished as copies on other sites, the hard
negatives. Generation is a pure function of those files: one
``random.Random(seed)`` makes every choice in a fixed order, so the same files
always give the same articles, byte for byte.

    history = generate_history(Path("config/demo/history"))
    history.articles        # DemoArticle objects, any site
    history.meetings        # ExpectedMeeting: pair, stored kind, day, place, reports
    history.summary()       # counts that expected.yaml pins
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from string import Template
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wirewatch.demo.content import DemoArticle
from wirewatch.demo.expected import ExpectedMeeting, ExpectedNegative
from wirewatch.errors import ConfigError

__all__ = ["History", "HistoryStory", "MeetingReport", "generate_history"]

# Two reports made from one template are kept further apart than a republished
# copy can be (wirewatch.dedupe.tuning.MAX_COPY_GAP, 7 days): look-alikes stay
# separate stories because they are not copies, not because of luck.
REUSE_GAP_DAYS = 8
# Draws of a template's slots to find a headline its site has not used (the same
# headline twice would be the same story twice, which dedupe rightly joins).
FRESH_DRAWS = 20
# Share of articles whose page says they were updated after publication.
UPDATED_SHARE = 0.1
# How long after the wire story a republished copy appears (minutes).
COPY_DELAY_MINUTES = (90, 360)
# First article number of each site's archive (URLs of some sites carry it);
# below the hand-written week's numbers (180000-199999), so they never meet.
FIRST_NUMBER = 150_000
# Local hours at which each kind of article is filed.
FILING_HOURS = {"weekday": (8, 21), "weekend": (9, 19), "report": (13, 22), "morning": (7, 10)}

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_RU_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_RU_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
_COUNT_WORDS = (
    "", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
)  # fmt: skip
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True))
_OFFICE_ABBREVIATIONS = {
    "president": "president",
    "prime minister": "pm",
    "premier": "premier",
    "foreign minister": "fm",
    "secretary of state": "sos",
}
_HEADS_OF_GOVERNMENT = {"premier", "prime minister"}


# --- the files, validated ----------------------------------------------------------


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


# --- what the generator hands back ---------------------------------------------------


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


# --- generation ----------------------------------------------------------------------


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


def _sub(text: str, values: Mapping[str, str], where: str) -> str:
    """The template filled in; a slot value opening a sentence gets its capital letter."""
    try:
        filled = Template(text).substitute(values)
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"{where}: template {text!r} needs {exc}") from exc
    return filled[:1].upper() + filled[1:]


def _date_in(style: str, day: date) -> str:
    if style == "ap":
        return f"{_AP_MONTHS[day.month - 1]} {day.day}"
    if style == "long":
        return f"{_MONTHS[day.month - 1]} {day.day}"
    if style == "day_first":
        return f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{day.day} {_RU_MONTHS_GENITIVE[day.month - 1]}"


def _span(style: str, first: date, last: date) -> str:
    """The days of a visit: "Sept. 16 to 17", "September 16-17", "16-17 September"."""
    if first.month != last.month:
        if style == "ap":
            return f"{_date_in('ap', first)} to {_date_in('ap', last)}"
        return f"{_date_in(style, first)} - {_date_in(style, last)}"
    if style == "ap":
        return f"{_date_in('ap', first)} to {last.day}"
    if style == "long":
        return f"{_MONTHS[first.month - 1]} {first.day}-{last.day}"
    return f"{first.day}-{last.day} {_MONTHS[first.month - 1]}"


def _day_values(day: date) -> dict[str, str]:
    prev = (day.replace(day=1) - timedelta(days=1)).month
    return {
        "weekday": _WEEKDAYS[day.weekday()],
        "d_ap": _date_in("ap", day),
        "d_tass": _date_in("long", day),
        "d_belta": _date_in("day_first", day),
        "d_ru": _date_in("ru", day),
        "month": _MONTHS[day.month - 1],
        "month_prev": _MONTHS[prev - 1],
        "month_prev_ru": _RU_MONTHS[prev - 1],
        "month_prev_count": _COUNT_WORDS[prev] if prev < day.month else "twelve",
    }


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with ``mean`` (Knuth's method: fine for small means)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _pair_key(pair: tuple[str, str]) -> tuple[str, str]:
    return (pair[0], pair[1]) if pair[0] < pair[1] else (pair[1], pair[0])


def _slugify(text: str) -> str:
    folded = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.replace("-", " ").replace("'", ""))
    return "-".join(words[:9])


class _Generator:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cal: Calendar = _load(Calendar, folder / "calendar.yaml")
        self.tpl: MeetingTemplates = _load(MeetingTemplates, folder / "meetings.yaml")
        self.negatives: ArticleTemplates = _load(ArticleTemplates, folder / "negatives.yaml")
        self.filler: ArticleTemplates = _load(ArticleTemplates, folder / "filler.yaml")
        self.rng = random.Random(self.cal.seed)
        self.drafts: list[_Draft] = []
        self.stories: list[tuple[_Draft, list[_Draft]]] = []
        self.reused: list[tuple[str, date]] = []  # templates reused within REUSE_GAP_DAYS
        self.headlines: dict[str, set[str]] = defaultdict(set)  # per site, of negatives and filler
        self.used: dict[Hashable, set[str]] = defaultdict(
            set
        )  # sentences per agency-day, per meeting
        self._check()

    # -- consistency of the files ------------------------------------------------------
    def _check(self) -> None:
        cal = self.cal
        where = self.folder / "calendar.yaml"
        if cal.first_day > cal.last_day:
            raise ConfigError(f"{where}: first_day is after last_day")
        for name, style in cal.styles.items():
            if style.site not in cal.sites:
                raise ConfigError(f"{where}: style {name!r} files on unknown site {style.site!r}")
        for m in cal.meetings:
            if not cal.first_day <= m.date <= cal.last_day:
                raise ConfigError(f"{where}: meeting on {m.date} is outside the archive")
            for code, role in zip(m.pair, m.roles, strict=True):
                self._official(code, role)
            for report_style in m.reports:
                if report_style not in self.tpl.styles:
                    raise ConfigError(f"{where}: no meeting templates for style {report_style!r}")
            if m.kind == "in_person" and not m.city:
                raise ConfigError(f"{where}: in-person meeting on {m.date} needs a city")
        for t in (*self.negatives.templates, *self.filler.templates):
            if t.style not in cal.styles:
                raise ConfigError(f"{self.folder}: template {t.id!r}: unknown style {t.style!r}")

    def _official(self, code: str, role: str) -> Official:
        try:
            return self.cal.officials[code][role]
        except KeyError:
            raise ConfigError(
                f"{self.folder / 'calendar.yaml'}: no {role} of {code} in officials"
            ) from None

    # -- helpers ---------------------------------------------------------------------
    def _when(self, site: str, day: date, hours: tuple[int, int]) -> datetime:
        hour = self.rng.randint(hours[0], hours[1])
        return datetime.combine(
            day, time(hour, self.rng.randrange(60)), tzinfo=self.cal.sites[site].tz
        )

    def _person(self, style: HouseStyle) -> str:
        return self.rng.choice(style.people) if style.people else ""

    def _dateline(self, style: HouseStyle, city: str, day: date) -> str | None:
        if style.dateline is None:
            return None
        return style.dateline.format(city=city.upper(), date=_date_in(style.date, day))

    def _cast_values(self) -> dict[str, str]:
        values = {}
        for code, offices in self.cal.officials.items():
            for role, official in offices.items():
                values[f"{code.lower()}_{_OFFICE_ABBREVIATIONS.get(role, role)}"] = official.name
        return values

    def _actor(self, prefix: str, code: str, role: str) -> dict[str, str]:
        state = self.cal.states[code]
        official = self._official(code, role)
        office = official.title or role.title()
        return {
            prefix: f"{state.adj} {office} {official.name}",
            f"{prefix}_name": official.name,
            f"{prefix}_short": official.short,
            f"{prefix}_adj": state.adj,
            f"{prefix}_country": state.country[0].upper() + state.country[1:],
            f"{prefix}_role": office.lower() if official.title else role,
            f"{prefix}_capital": state.capital,
        }

    def _home_first(
        self, style: str, pair: tuple[str, str], roles: tuple[str, str]
    ) -> tuple[tuple[str, str], tuple[str, str]]:
        home = self.cal.styles[style].state
        if home is not None and pair[1] == home and pair[0] != home:
            return (pair[1], pair[0]), (roles[1], roles[0])
        return pair, roles

    def _facts(self) -> dict[str, str]:
        """Numbers of one meeting (trade, documents signed ...): every report of it gives the same."""
        trade = self.rng.randint(2, 40)
        return {
            "trade": f"{trade}.{self.rng.randint(1, 9)}",
            "trade2": str(trade * 2 + self.rng.randint(5, 20)),
            "growth": str(self.rng.randint(4, 38)),
            "docs": str(self.rng.randint(4, 18)),
            "minutes": str(self.rng.randint(30, 80)),
            "years": self.rng.choice(["25th", "30th", "35th"]),
            "nth": self.rng.choice(["second", "third", "fourth"]),
        }

    def _pair_values(
        self,
        pair: tuple[str, str],
        roles: tuple[str, str],
        day: date,
        facts: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        values = {**self._actor("a", pair[0], roles[0]), **self._actor("b", pair[1], roles[1])}
        same = roles[0] == roles[1] or set(roles) <= _HEADS_OF_GOVERNMENT
        if roles[0] == roles[1]:
            values["roles"] = values["a_role"] + "s"
        elif set(roles) <= _HEADS_OF_GOVERNMENT:
            values["roles"] = "prime ministers"
        else:
            values["roles"] = "leaders"
        values["counterpart"] = (
            f"{values['b_adj']} counterpart" if same else f"{values['b_adj']} {values['b_role']}"
        )
        key = "-".join(sorted(pair))
        topics = self.cal.topics.get(key) or self.cal.topics["default"]
        t1, t2, t3 = self.rng.sample(list(topics), 3)  # each agency has its own emphasis
        values.update(
            t1=t1,
            t2=t2,
            t3=t3,
            next_weekday=_WEEKDAYS[(day.weekday() + 1) % 7],
            **(facts or self._facts()),
            **_day_values(day),
        )
        return values

    def _host(self, meeting: PlannedMeeting | Announcement, pair: tuple[str, str]) -> str | None:
        host = getattr(meeting, "host", None)
        if host:
            return str(host)
        for code in pair:
            if self.cal.states[code].capital == meeting.city:
                return code
        return None

    def _unused(self, options: Sequence[str], keys: Sequence[Hashable], k: int) -> list[str]:
        """``k`` of ``options``, preferring ones not yet used under any of ``keys``.

        An agency that files several meeting reports on one day (a summit) does
        not write them from the same sentences, nor do two agencies reporting
        one meeting in their own words.
        """
        used = set().union(*(self.used[key] for key in keys))
        fresh = [o for o in options if o not in used]
        chosen = self.rng.sample(fresh, k) if len(fresh) >= k else self.rng.sample(list(options), k)
        for key in keys:
            self.used[key].update(chosen)
        return chosen

    # -- meetings ----------------------------------------------------------------------
    def _meeting_report(
        self, meeting: PlannedMeeting, style_name: str, facts: Mapping[str, str], *, long: bool
    ) -> tuple[_Draft, dict[str, str], str]:
        rng, cal = self.rng, self.cal
        style = cal.styles[style_name]
        texts = self.tpl.styles[style_name]
        pair, roles = self._home_first(style_name, meeting.pair, meeting.roles)
        values = self._pair_values(pair, roles, meeting.date, facts)
        values["city"] = meeting.city or ""
        values["visit"] = meeting.visit
        values["summit"] = cal.summit.name if cal.summit else "summit"
        if meeting.kind == "call":
            case, body_kind = "call", "call"
        elif meeting.sidelines:
            case, body_kind = "sidelines", "talks"
        else:
            host = self._host(meeting, pair)
            case, body_kind = ("host" if host == pair[0] else "guest"), "talks"
        # Who visits whom (on sidelines and calls nobody does; the background says nothing then).
        guest, host = ("b", "a") if case == "host" else ("a", "b")
        values.update(
            {
                "guest_short": values[f"{guest}_short"],
                "guest_country": values[f"{guest}_country"],
                "host_adj": values[f"{host}_adj"],
            }
        )
        where = f"{self.folder / 'meetings.yaml'} ({style_name}, {case})"
        body = self.tpl.body

        def pick(name: str, options: Sequence[str], k: int = 1) -> list[str]:
            keys: list[Hashable] = [(style_name, meeting.date, name)]
            if name != "headline" and name != "lead":  # those are per house style anyway
                keys.append((meeting.pair, meeting.date, name))
            return self._unused(options, keys, k)

        paragraphs = [*pick("lead", texts.lead[case]), *pick("topics", body.topics[body_kind])]
        if long or rng.random() < (0.7 if body_kind == "talks" else 0.4):
            paragraphs += pick("numbers", body.numbers)
        paragraphs += pick("quote", body.quote, 2 if long else 1)
        paragraphs += pick("closing", body.closing[body_kind])
        if body_kind == "talks" and case != "sidelines" and (long or rng.random() < 0.4):
            paragraphs += pick("background", body.background)
        day = meeting.date + timedelta(days=1) if meeting.after else meeting.date
        hours = FILING_HOURS["morning" if meeting.after else "report"]
        person = self._person(style)
        dateline_city = meeting.city if body_kind == "talks" and meeting.city else style.home
        caption = rng.choice(texts.call_caption if body_kind == "call" else texts.caption)
        draft = _Draft(
            site=style.site,
            section=style.politics,
            headline=_sub(pick("headline", texts.headline[case])[0], values, where),
            published=self._when(style.site, day, hours),
            paragraphs=[_sub(p, values, where) for p in paragraphs],
            language=None if style.language == "en" else style.language,
            agency=style.agency,
            byline=style.agency,
            dateline=self._dateline(style, dateline_city, day),
            caption=_sub(caption, values, where),
            credit=style.credit.format(person=person),
            tail=style.tail or None,
        )
        return draft, values, body_kind

    def _copy(
        self, original: _Draft, site: str, of_style: str, values: Mapping[str, str], kind: str
    ) -> _Draft:
        rng, cal = self.rng, self.cal
        spec = cal.copies[site]
        agency = cal.styles[of_style].agency or ""
        home = cal.styles[of_style].state
        values = {
            **values,
            "agency": agency,
            "agency_adj": cal.states[home].adj if home else "state",
        }
        where = f"{self.folder / 'meetings.yaml'} (copy on {site})"
        copy_tpl = self.tpl.copy_
        kept = list(original.paragraphs[:-1])  # the wire story, trimmed at the end
        if len(kept) >= 5 and rng.random() < 0.5:
            del kept[3]  # and a quote cut from the middle
        paragraphs = [_sub(rng.choice(copy_tpl.intro[site][kind]), values, where), *kept]
        delay = timedelta(minutes=rng.randint(*COPY_DELAY_MINUTES))
        return _Draft(
            site=site,
            section=spec.section,
            headline=_sub(rng.choice(copy_tpl.headline[kind]), values, where),
            published=(original.published + delay).astimezone(cal.sites[site].tz),
            paragraphs=paragraphs,
            agency=agency,
            byline=agency,
            dateline=original.dateline if spec.dateline else None,
            caption=_sub(rng.choice(copy_tpl.caption), values, where),
            credit=spec.credit.format(agency=agency),
            tail=tuple(t.format(agency=agency) for t in spec.tail) or None,
            reports=list(original.reports),
            copy_of=original,
        )

    def _russian(self, meeting: PlannedMeeting) -> _Draft:
        rng, cal = self.rng, self.cal
        style = cal.styles["belta_ru"]
        pair, roles = self._home_first("belta_ru", meeting.pair, meeting.roles)
        a, b = self._official(pair[0], roles[0]), self._official(pair[1], roles[1])
        if a.ru is None or b.ru is None or "of" not in cal.states[pair[1]].ru:
            raise ConfigError(
                f"{self.folder / 'calendar.yaml'}: the Russian report of the meeting on "
                f"{meeting.date} needs ru names for {pair[0]} {roles[0]} and {pair[1]} {roles[1]}"
            )
        kind = "call" if meeting.kind == "call" else "talks"
        city = meeting.city if kind == "talks" and meeting.city else "Minsk"
        if city not in cal.ru_cities:
            raise ConfigError(f"{self.folder / 'calendar.yaml'}: no ru_cities entry for {city}")
        nominative, locative = cal.ru_cities[city]
        values = {
            "a_ru_nom": a.ru[0],
            "b_ru_ins": b.ru[1],
            "b_ru_of": cal.states[pair[1]].ru["of"],
            "city_ru_loc": locative,
            "d_ru": _date_in("ru", meeting.date),
        }
        texts = self.tpl.russian
        where = f"{self.folder / 'meetings.yaml'} (russian)"
        body = [p for p in texts.body if rng.random() < 0.8] or [texts.body[0]]
        return _Draft(
            site=style.site,
            section=style.politics,
            headline=_sub(rng.choice(texts.headline[kind]), values, where),
            published=self._when(style.site, meeting.date, FILING_HOURS["report"]),
            paragraphs=[_sub(rng.choice(texts.lead[kind]), values, where), *body],
            language="ru",
            agency=style.agency,
            byline=style.agency,
            dateline=style.dateline.format(city=nominative.upper(), date=values["d_ru"])
            if style.dateline
            else None,
            caption=None,
            credit=style.credit,
            tail=style.tail or None,
        )

    def plan_meetings(self) -> None:
        for meeting in self.cal.meetings:
            report = MeetingReport(_pair_key(meeting.pair), meeting.date, meeting.kind)
            written: dict[str, tuple[_Draft, dict[str, str], str]] = {}
            copies = [
                c if isinstance(c, CopySpec) else CopySpec(site=c, of=meeting.reports[0])
                for c in meeting.copies
            ]
            facts = self._facts()
            for style in meeting.reports:
                long = any(c.of == style for c in copies)
                draft, values, kind = self._meeting_report(meeting, style, facts, long=long)
                draft.reports.append(report)
                self.drafts.append(draft)
                written[style] = (draft, values, kind)
            by_original: dict[str, list[_Draft]] = defaultdict(list)
            for spec in copies:
                original, values, kind = written[spec.of]
                copy = self._copy(original, spec.site, spec.of, values, kind)
                self.drafts.append(copy)
                by_original[spec.of].append(copy)
            for style, copied in by_original.items():
                self.stories.append((written[style][0], copied))
            if meeting.ru:
                russian = self._russian(meeting)
                russian.reports.append(report)
                self.drafts.append(russian)

    def plan_announcements(self) -> None:
        rng, cal = self.rng, self.cal
        for ann in cal.announcements:
            style = cal.styles[ann.style]
            texts = self.tpl.styles[ann.style]
            pair, roles = self._home_first(ann.style, ann.pair, ann.roles)
            values = self._pair_values(pair, roles, ann.published)
            values.update(self._actor("guest", ann.pair[0], ann.roles[0]))
            values.update(self._actor("host", ann.pair[1], ann.roles[1]))
            last = ann.date + timedelta(days=ann.days - 1)
            values.update(
                city=ann.city,
                visit=ann.visit,
                visit_short=ann.visit.split()[1],
                visit_month=_MONTHS[ann.date.month - 1],
                span_ap=_span("ap", ann.date, last),
                span_tass=_span("long", ann.date, last),
                span_belta=_span("day_first", ann.date, last),
                pub_weekday=_WEEKDAYS[ann.published.weekday()],
                pub_d_belta=_date_in("day_first", ann.published),
            )
            where = f"{self.folder / 'meetings.yaml'} ({ann.style}, announced)"
            extra = rng.sample(list(self.tpl.body.announced), 2)
            draft = _Draft(
                site=style.site,
                section=style.politics,
                headline=_sub(rng.choice(texts.headline["announced"]), values, where),
                published=self._when(style.site, ann.published, FILING_HOURS["report"]),
                paragraphs=[
                    _sub(p, values, where) for p in (rng.choice(texts.lead["announced"]), *extra)
                ],
                agency=style.agency,
                byline=style.agency,
                dateline=self._dateline(style, style.home, ann.published),
                caption=_sub(rng.choice(texts.call_caption), values, where),
                credit=style.credit.format(person=self._person(style)),
                tail=style.tail or None,
                reports=[MeetingReport(_pair_key(ann.pair), ann.date, "announced")],
            )
            self.drafts.append(draft)

    # -- negatives and filler ----------------------------------------------------------
    def _from_template(self, t: ArticleTemplate, day: date, hours: tuple[int, int]) -> _Draft:
        rng, cal = self.rng, self.cal
        style = cal.styles[t.style]
        values = {**self._cast_values(), **_day_values(day)}
        if cal.summit:
            values["summit"] = cal.summit.name
        together = [name for name in t.pick_together if name in t.slots]
        if together:
            index = rng.randrange(min(len(t.slots[name]) for name in together))
            values.update({name: t.slots[name][index] for name in together})
        for name, options in t.slots.items():
            if name not in together:
                values[name] = rng.choice(options)
        for name, (low, high) in t.numbers.items():
            values[name] = str(rng.randint(low, high))
        where = f"{self.folder} (template {t.id})"
        paragraphs = [
            _sub(rng.choice(p) if isinstance(p, tuple) else p, values, where) for p in t.paragraphs
        ]
        person = self._person(style)
        city = values.get("city") or style.home
        return _Draft(
            site=style.site,
            section=t.section,
            headline=_sub(rng.choice(t.headline), values, where),
            published=self._when(style.site, day, hours),
            paragraphs=paragraphs,
            language=None if style.language == "en" else style.language,
            agency=style.agency,
            byline=_sub(t.byline, values, where) if t.byline else style.agency,
            dateline=self._dateline(style, city, day),
            caption=_sub(rng.choice(t.caption), values, where) if t.caption else None,
            credit=style.credit.format(person=person),
            tail=style.tail or None,
            why=t.why,
        )

    def _fresh(self, t: ArticleTemplate, day: date, hours: tuple[int, int]) -> _Draft:
        """An article from ``t`` whose headline its site has not used yet (else the last draw)."""
        used = self.headlines[self.cal.styles[t.style].site]
        for _ in range(FRESH_DRAWS):
            draft = self._from_template(t, day, hours)
            if draft.headline not in used:
                break
        used.add(draft.headline)
        return draft

    def _pick(
        self, pool: Sequence[ArticleTemplate], day: date, last: dict[str, date]
    ) -> ArticleTemplate:
        """One of the least recently used templates not used within REUSE_GAP_DAYS.

        When every template was used that recently (a busy day), the least
        recently used one whose own ``every`` allows it; the reuse is recorded.
        """
        never = date.min
        ranked = sorted(pool, key=lambda t: (last.get(t.id, never), t.id))

        def gap(t: ArticleTemplate) -> int:
            return (day - last.get(t.id, never)).days

        fresh = [t for t in ranked if gap(t) > max(REUSE_GAP_DAYS, t.every)]
        if fresh:
            choice = self.rng.choice(fresh[:3])
        else:
            allowed = [t for t in ranked if gap(t) > t.every]
            choice = (allowed or ranked)[0]
            self.reused.append((choice.id, day))
        last[choice.id] = day
        return choice

    def plan_negatives(self) -> None:
        cal = self.cal
        last: dict[str, date] = {}
        if cal.summit:
            for t in self.negatives.templates:
                if t.summit:
                    day = cal.summit.first_day + timedelta(days=t.summit_day)
                    self.drafts.append(self._from_template(t, day, FILING_HOURS["report"]))
        weekly = [t for t in self.negatives.templates if not t.summit]
        week = cal.first_day - timedelta(days=cal.first_day.weekday())
        while week <= cal.last_day:
            days = [week + timedelta(days=i) for i in range(5)]
            days = [d for d in days if cal.first_day <= d <= cal.last_day]
            for day in sorted(self.rng.choices(days, k=cal.negatives_per_week) if days else []):
                template = self._pick(weekly, day, last)
                self.drafts.append(self._fresh(template, day, FILING_HOURS["weekday"]))
            week += timedelta(days=7)

    def plan_filler(self) -> None:
        rng, cal = self.rng, self.cal
        planned = Counter((d.site, d.published.date()) for d in self.drafts)
        by_style: dict[str, list[ArticleTemplate]] = defaultdict(list)
        for t in self.filler.templates:
            by_style[t.style].append(t)
        last: dict[str, date] = {}
        day = cal.first_day
        while day <= cal.last_day:
            weekend = day.weekday() >= 5
            # Planned news takes the place of everyday news, except at the summit,
            # when agencies send extra people and the day's output bursts.
            summit = cal.summit is not None and cal.summit.first_day <= day <= cal.summit.last_day
            for site, rhythm in cal.rhythm.items():
                mean = rhythm.weekend if weekend else rhythm.weekday
                target = _poisson(rng, mean)
                styles = cal.filler_styles[site]
                displaced = 0 if summit else planned[(site, day)]
                for _ in range(max(0, target - displaced)):
                    style = rng.choices(list(styles), weights=list(styles.values()))[0]
                    template = self._pick(by_style[style], day, last)
                    hours = FILING_HOURS["weekend" if weekend else "weekday"]
                    self.drafts.append(self._fresh(template, day, hours))
            day += timedelta(days=1)

    # -- articles and ground truth ---------------------------------------------------------
    def build(self, reserved: Collection[str] = ()) -> History:
        self.plan_meetings()
        self.plan_announcements()
        self.plan_negatives()
        self.plan_filler()
        rng = self.rng
        drafts = sorted(self.drafts, key=lambda d: (d.site, d.published, d.headline))
        numbers = {site: FIRST_NUMBER for site in self.cal.sites}
        slugs: dict[str, set[str]] = defaultdict(set)
        for article_id in reserved:
            site, _, slug = article_id.partition("/")
            slugs[site].add(slug)
        articles = []
        for d in drafts:
            numbers[d.site] += rng.randint(3, 40)
            base = d.slug_hint or _slugify(d.headline) or "news"
            slug, n = base, 2
            while slug in slugs[d.site]:
                slug, n = f"{base}-{n}", n + 1
            slugs[d.site].add(slug)
            d.id = f"{d.site}/{slug}"
            updated = None
            if rng.random() < UPDATED_SHARE:
                updated = d.published + timedelta(minutes=rng.randint(30, 300))
            articles.append(
                DemoArticle(
                    site=d.site,
                    slug=slug,
                    section=d.section,
                    language=d.language,
                    headline=d.headline,
                    published=d.published,
                    updated=updated,
                    agency=d.agency,
                    byline=d.byline,
                    dateline=d.dateline,
                    caption=d.caption,
                    credit=d.credit,
                    paragraphs=tuple(d.paragraphs),
                    tail=d.tail,
                    num=numbers[d.site],
                )
            )
        return History(
            first_day=self.cal.first_day,
            last_day=self.cal.last_day,
            articles=tuple(articles),
            meetings=self._meetings(drafts),
            reports={d.id: tuple(d.reports) for d in drafts if d.reports},
            syndicated=tuple(
                HistoryStory(original.id, tuple(c.id for c in copies))
                for original, copies in sorted(self.stories, key=lambda s: s[0].id)
            ),
            negatives=tuple(
                ExpectedNegative(article=d.id, why=d.why) for d in drafts if d.why is not None
            ),
        )

    def _meetings(self, drafts: Sequence[_Draft]) -> tuple[ExpectedMeeting, ...]:
        planned_city = {
            (_pair_key(m.pair), m.date): m.city for m in self.cal.meetings if m.kind == "in_person"
        }
        # A visit only announced is placed in the host country, as the announcement says.
        planned_city.update(
            {
                (_pair_key(a.pair), a.date): self.cal.states[a.pair[1]].country
                for a in self.cal.announcements
                if (_pair_key(a.pair), a.date) not in planned_city
            }
        )
        grouped: dict[tuple[tuple[str, str], date], list[tuple[str, str]]] = defaultdict(list)
        for d in drafts:
            for r in d.reports:
                grouped[(r.countries, r.event_date)].append((d.id, r.kind))
        meetings = []
        for (countries, day), reports in sorted(grouped.items()):
            kinds = {kind for _, kind in reports}
            happened = sorted(kinds - {"announced"})
            if len(happened) > 1:
                raise ConfigError(f"{self.folder}: {countries} on {day} is both {happened}")
            kind = happened[0] if happened else "announced"
            meetings.append(
                ExpectedMeeting(
                    countries=countries,
                    kind=kind,  # type: ignore[arg-type]
                    event_date=day,
                    location=planned_city.get((countries, day)) if kind != "call" else None,
                    articles=tuple(sorted(aid for aid, _ in reports)),
                )
            )
        return tuple(meetings)


def generate_history(folder: Path, reserved: Collection[str] = ()) -> History:
    """The archive described by ``folder`` (``calendar.yaml`` and the templates).

    ``reserved``: article ids (``site/slug``) already taken, by the hand-written week.
    """
    return _Generator(folder).build(reserved)
