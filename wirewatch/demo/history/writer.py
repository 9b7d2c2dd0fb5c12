"""The generator's writing half: the cast, meeting reports, republished copies, Russian reports."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from wirewatch.demo.history.model import _Draft
from wirewatch.demo.history.spec import (
    Announcement,
    ArticleTemplates,
    Calendar,
    HouseStyle,
    MeetingTemplates,
    Official,
    PlannedMeeting,
    _load,
)
from wirewatch.demo.history.text import (
    _HEADS_OF_GOVERNMENT,
    _OFFICE_ABBREVIATIONS,
    _WEEKDAYS,
    _date_in,
    _day_values,
    _sub,
)
from wirewatch.demo.history.tuning import COPY_DELAY_MINUTES, FILING_HOURS
from wirewatch.errors import ConfigError


class _Writer:
    """The files, the seeded random source, and what one article of each kind says."""

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
