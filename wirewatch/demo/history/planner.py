"""The generator's planning half: which articles the archive holds, day by day, and its ground truth."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from wirewatch.demo.content import DemoArticle
from wirewatch.demo.expected import ExpectedMeeting, ExpectedNegative
from wirewatch.demo.history.model import History, HistoryStory, MeetingReport, _Draft
from wirewatch.demo.history.spec import ArticleTemplate, CopySpec
from wirewatch.demo.history.text import (
    _MONTHS,
    _WEEKDAYS,
    _date_in,
    _day_values,
    _pair_key,
    _poisson,
    _slugify,
    _span,
    _sub,
)
from wirewatch.demo.history.tuning import (
    FILING_HOURS,
    FIRST_NUMBER,
    FRESH_DRAWS,
    REUSE_GAP_DAYS,
    UPDATED_SHARE,
)
from wirewatch.demo.history.writer import _Writer
from wirewatch.errors import ConfigError


class _Generator(_Writer):
    """Plans the archive (meetings, announcements, negatives, filler) and builds it."""

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
