"""Resolving the day a meeting happened from relative and explicit date phrases.

A wire story says "on Monday", "yesterday" or "Dec 19"; the day is resolved
against a reference day: the dateline's day when the dateline carries one
("MOSCOW, Dec 19 (TASS) -"), otherwise the publication day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from wirewatch.lexicon import MONTH_NAME_PATTERN, MONTH_NUMBERS_EN, WEEKDAY_PATTERN, WEEKDAYS

__all__ = [
    "SPAN_KINDS",
    "DatePhrase",
    "find_date_phrase",
    "parse_dateline_day",
    "resolve_date_phrase",
]

_MONTH = r"(?P<month>" + MONTH_NAME_PATTERN + r")\.?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# Order matters: the first phrase type found in a sentence wins, most specific first.
_ORD = r"(?:st|nd|rd|th)?"
_RANGE_JOIN = r"\s*(?:-|–|—|to|and|until|till|through|thru)\s*"
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # Spans ("from 16 to 18 November", "8-9 December", "Dec. 8-10", "November 30 to December 2")
    # name a visit's days, not the day of its talks: they resolve to the first day and
    # are flagged so that a single day said elsewhere wins over them.
    (
        "range_day_month",
        re.compile(
            r"\b(?P<day>\d{1,2})"
            + _ORD
            + r"(?:\s+"
            + _MONTH.replace("month", "month0")
            + r")?"
            + _RANGE_JOIN
            + r"(?P<day_end>\d{1,2})"
            + _ORD
            + r"\s+(?:of\s+)?"
            + _MONTH
            + r"(?![a-z])"
            + _YEAR
        ),
    ),
    (
        "range_month_day",
        re.compile(
            r"\b"
            + _MONTH
            + r"\s+(?P<day>\d{1,2})"
            + _ORD
            + _RANGE_JOIN
            + r"(?:"
            + _MONTH.replace("month", "month_end")
            + r"\s+)?(?P<day_end>\d{1,2})"
            + _ORD
            + r"\b(?!\s*(?:%|percent|per cent|[a-z]))"
            + _YEAR
        ),
    ),
    ("month_day", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b" + _YEAR)),
    (
        "day_month",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?![a-z])" + _YEAR
        ),
    ),
    ("yesterday", re.compile(r"\byesterday\b|\bthe previous day\b|\bthe day before\b", re.I)),
    (
        "today",
        re.compile(
            r"\btoday\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b|\bearlier in the day\b",
            re.I,
        ),
    ),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    (
        "last_weekday",
        re.compile(r"\blast (?P<wd>" + WEEKDAY_PATTERN + r")\b", re.I),
    ),
    (
        "next_weekday",
        re.compile(r"\bnext (?P<wd>" + WEEKDAY_PATTERN + r")\b", re.I),
    ),
    (
        "weekday",
        re.compile(r"\b(?P<wd>" + WEEKDAY_PATTERN.title() + r")\b"),
    ),
    ("last_weekend", re.compile(r"\b(?:last|over the|this past|at the) weekend\b", re.I)),
    ("last_week", re.compile(r"\blast week\b|\bearlier this week\b|\bthe previous week\b", re.I)),
    ("next_week", re.compile(r"\bnext week\b|\bthe coming week\b", re.I)),
    (
        "month_only",
        re.compile(r"\b(?:in|last|this|early|late|mid-?)\s+" + _MONTH + r"(?!\s+\d)" + _YEAR),
    ),
    (
        "past_period",
        re.compile(
            r"\blast (?:month|year)\b|\b\d+ (?:days|weeks|months|years) ago\b|\bin (?:19|20)\d\d\b",
            re.I,
        ),
    ),
    (
        "future_period",
        re.compile(r"\bnext (?:month|year)\b|\blater this (?:week|month|year)\b", re.I),
    ),
)
# "last week" has no single day; a week before the reference day is the
# least-wrong point estimate (it is wrong by at most three or four days).
LAST_WEEK_DAYS = 7


@dataclass(frozen=True)
class DatePhrase:
    """A date expression found in a sentence."""

    kind: str
    groups: dict[str, str | None]

    @property
    def is_span(self) -> bool:
        """True for a span of days ("from 16 to 18 November"), which resolves to its first day."""
        return self.kind in SPAN_KINDS


# Phrases that name a calendar day; among them the leftmost wins, since a sentence
# says the meeting's day before the day of a statement or an earlier event.
EXPLICIT_KINDS = frozenset({"iso", "range_day_month", "range_month_day", "month_day", "day_month"})
SPAN_KINDS = frozenset({"range_day_month", "range_month_day"})


# Phrases that name one day, the kinds an anchor may choose among.
POINT_KINDS = frozenset(
    {*EXPLICIT_KINDS, "yesterday", "today", "last_weekday", "weekday", "last_weekend"}
)


def find_date_phrase(sentence: str, anchor: int | None = None) -> DatePhrase | None:
    """The most specific date phrase in ``sentence``, or None when it has none.

    With ``anchor`` (where the meeting verb is), the single day nearest to it wins over
    other days and over spans: "returned on Wednesday from a visit during which he held
    talks on Monday", "on a visit from March 2 to 6, held talks on March 3". Without
    it, a calendar day beats a relative one; among calendar days the leftmost wins, and
    a span starting where a single day does ("December 8-9") beats that day.
    """
    if anchor is not None:
        found: list[tuple[bool, int, int, str, re.Match[str]]] = []
        for kind, pattern in DATE_PATTERNS:
            # "in October" too: "talks ... at a meeting in Kuala Lumpur in October" is history.
            if kind not in POINT_KINDS and kind != "month_only":
                continue
            for match in pattern.finditer(sentence):
                if any(f[4].start() < match.end() and match.start() < f[4].end() for f in found):
                    continue  # "March 2" inside "March 2 to 6", "Monday" inside "last Monday"
                # A sentence says the day after its verb ("held talks with X on Monday")
                # more often than before it: a day before the verb counts twice as far.
                if match.start() >= anchor:
                    distance = match.start() - anchor
                else:
                    distance = 2 * max(0, anchor - match.end())
                found.append((kind in SPAN_KINDS, distance, -match.end(), kind, match))
        if len(found) > 1:
            best_found = min(found, key=lambda f: f[:3])
            return DatePhrase(best_found[3], best_found[4].groupdict())
    best: tuple[int, int, str, re.Match[str]] | None = None
    for kind, pattern in DATE_PATTERNS:
        hit = pattern.search(sentence)
        if kind in EXPLICIT_KINDS:
            if hit and (best is None or (hit.start(), -hit.end()) < best[:2]):
                best = (hit.start(), -hit.end(), kind, hit)
            continue
        if best is not None:
            break
        if hit:
            return DatePhrase(kind, hit.groupdict())
    if best is not None:
        return DatePhrase(best[2], best[3].groupdict())
    return None


def _month_day(month: str, day: str, year: str | None, ref: date, future: bool) -> date | None:
    m = MONTH_NUMBERS_EN.get(month.lower().rstrip("."))
    if m is None:
        return None
    try:
        if year:
            return date(int(year), m, int(day))
        guess = date(ref.year, m, int(day))
    except ValueError:
        return None
    # No year: the occurrence nearest the reference day in the right direction.
    # Past either end of the calendar there is none; a February 29 moved to a
    # common year gives none either, rather than a guess four years away.
    try:
        if not future and guess > ref + timedelta(days=2):
            guess = guess.replace(year=guess.year - 1)
        elif future and guess < ref - timedelta(days=2):
            guess = guess.replace(year=guess.year + 1)
    except (OverflowError, ValueError):
        return None
    return guess


def resolve_date_phrase(phrase: DatePhrase, ref: date, *, future: bool = False) -> date | None:
    """The day ``phrase`` names relative to ``ref``; ``future`` for announced meetings.

    None when there is no such day: a day past either end of the calendar
    (a reference date in year 1 or 9999 is rare, but it is input).
    """
    try:
        return _resolve(phrase, ref, future=future)
    except (OverflowError, ValueError):  # date arithmetic past year 1 or 9999
        return None


def _resolve(phrase: DatePhrase, ref: date, *, future: bool) -> date | None:
    g = phrase.groups
    kind = phrase.kind
    if kind == "iso":
        try:
            return date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
        except ValueError:
            return None
    if kind in ("month_day", "day_month"):
        return _month_day(g["month"] or "", g["day"] or "", g.get("year"), ref, future)
    if kind in SPAN_KINDS:
        # The first day; "30 November to 2 December" names its own first month.
        month = g.get("month0") or g["month"] or ""
        first = _month_day(month, g["day"] or "", g.get("year"), ref, future)
        if future and first is not None and not g.get("year"):
            # An announced span still running ("from 16 to 22 November" told on the 20th).
            last = _month_day(g["month"] or "", g["day_end"] or "", None, ref, future=False)
            if last is not None and last >= ref and first.year > last.year:
                first = _month_day(month, g["day"] or "", None, ref, future=False)
        return first
    if kind == "yesterday":
        return ref - timedelta(days=1)
    if kind == "today":
        return ref
    if kind == "tomorrow":
        return ref + timedelta(days=1)
    if kind in ("weekday", "last_weekday", "next_weekday"):
        wd = WEEKDAYS.index((g["wd"] or "").lower())
        if kind == "next_weekday" or (kind == "weekday" and future):
            ahead = (wd - ref.weekday()) % 7
            if kind == "next_weekday" and ahead == 0:
                ahead = 7
            return ref + timedelta(days=ahead)
        back = (ref.weekday() - wd) % 7
        if kind == "last_weekday" and back == 0:
            back = 7
        return ref - timedelta(days=back)
    if kind == "last_weekend":
        return ref - timedelta(days=(ref.weekday() - 5) % 7 or 7) if ref.weekday() != 5 else ref
    if kind == "month_only" and not future:
        # "met in Hiroshima last May": the middle of the latest such month, to tell
        # a meeting recalled from months ago from this week's news.
        m = MONTH_NUMBERS_EN.get((g["month"] or "").lower().rstrip("."))
        if m is None or (m == ref.month and not g.get("year")):
            return None
        given = g.get("year")
        year = int(given) if given else (ref.year if m < ref.month else ref.year - 1)
        return date(year, m, 15)
    if kind == "last_week":
        return ref - timedelta(days=LAST_WEEK_DAYS)
    return None


_DATELINE_DAY = re.compile(
    r"\b"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})\b|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH.replace("month", "month2")
)


def parse_dateline_day(dateline: str, published: date | None) -> date | None:
    """The day a dateline names ("MOSCOW, Dec 19 (TASS)"), with the year taken from ``published``."""
    match = _DATELINE_DAY.search(dateline)
    if not match:
        iso = DATE_PATTERNS[0][1].search(dateline)
        return (
            resolve_date_phrase(DatePhrase("iso", iso.groupdict()), published or date.today())
            if iso
            else None
        )
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    ref = published or date.today()
    return _month_day(month or "", day or "", None, ref, future=False)
