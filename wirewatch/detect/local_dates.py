"""Datelines and date phrases of Russian and Chinese copy, resolved against a reference day.

"МОСКВА, 21 марта. /ТАСС/.", "МИНСК, 21 марта (БЕЛТА) –", "ПЕКИН, 21 мар — РИА Новости.";
"新华社北京3月20日电（记者 ...）". In the body: "21 марта", "в понедельник", "вчера",
"накануне"; "3月20日", "20日", "当地时间20日", "昨天", "周一". A span of a visit's days
("с 16 по 17 мая", "16日至17日") resolves to its first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from wirewatch.lexicon import MONTH_NUMBERS

__all__ = ["LocalDate", "dateline_day", "find_dates", "resolve", "split_dateline"]

_RU_MONTH = r"(?P<month>[а-яё]{3,8})\.?"
_RU_WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_ZH_WEEKDAYS = "一二三四五六日"
# A dateline: a city in capitals, the day and month, then the agency's mark.
RU_DATELINE = re.compile(
    r"^\s*(?P<city>[А-ЯЁ][А-ЯЁ-]+(?:[ -][А-ЯЁ-]+)*)[,.]\s*(?P<day>\d{1,2})\s+" + _RU_MONTH + r"\s*"
    r"(?:/[^/\n]{1,20}/\.?|\([^)\n]{1,30}\)\s*[–—-]?|[–—-]\s*[^.\n]{1,25}?\.(?=\s)|\.\s*/[^/\n]{1,20}/\.?"
    r"|\.\s*[A-ZА-ЯЁ][\w.]{2,20}\s*[–—-])?\s*"
)
ZH_DATELINE = re.compile(
    r"^\s*(?P<agency>新华社|中新社|人民网|人民日报|央视新闻|中国日报网?|光明日报|环球时报)"
    r"(?P<city>[\u4e00-\u9fff]{1,10}?)(?P<month>\d{1,2})月(?P<day>\d{1,2})日电"
    r"(?:\s*[（(][^）)\n]{0,40}[）)])?\s*"
)
# Phrases, most specific first; every match of every kind is returned with its span.
_RU_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "span",
        re.compile(
            r"(?:с\s+)?(?P<day>\d{1,2})(?:\s+" + _RU_MONTH.replace("month", "month0") + r")?"
            r"\s*(?:-|–|—|по|до)\s*(?P<day_end>\d{1,2})\s+" + _RU_MONTH,
            re.I,
        ),
    ),
    ("day_month", re.compile(r"(?<!\d)(?P<day>\d{1,2})\s+" + _RU_MONTH, re.I)),
    ("yesterday", re.compile(r"(?<![А-Яа-яЁё])(?:вчера|накануне)(?![А-Яа-яЁё])", re.I)),
    ("today", re.compile(r"(?<![А-Яа-яЁё])(?:сегодня|сегодняшн\w*)(?![А-Яа-яЁё])", re.I)),
    ("tomorrow", re.compile(r"(?<![А-Яа-яЁё])завтра(?![А-Яа-яЁё])", re.I)),
    (
        "weekday",
        re.compile(
            r"(?<![А-Яа-яЁё])во?\s+(?:(?P<which>прошл|следующ|ближайш)\w*\s+)?(?P<wd>"
            + "|".join(_RU_WEEKDAYS)
            + r")\w*",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"на прошлой неделе", re.I)),
    ("next_week", re.compile(r"на следующей неделе|на этой неделе", re.I)),
)
_ZH_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "span",
        re.compile(
            r"(?:(?P<month0>\d{1,2})月)?(?P<day>\d{1,2})日(?:至|到|-|—)(?:(?P<month>\d{1,2})月)?(?P<day_end>\d{1,2})日"
        ),
    ),
    ("day_month", re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")),
    ("day", re.compile(r"(?<![\d月])(?P<day>\d{1,2})日")),
    ("yesterday", re.compile(r"昨天|昨日|前一天")),
    ("today", re.compile(r"今天|今日")),
    ("tomorrow", re.compile(r"明天|明日")),
    ("weekday", re.compile(r"(?P<which>上|下|本)?(?:周|星期)(?P<wd>[一二三四五六日天])")),
    ("last_week", re.compile(r"上周|上星期")),
    ("next_week", re.compile(r"下周|下星期")),
)
PATTERNS = {"ru": _RU_PATTERNS, "zh": _ZH_PATTERNS}
# Date phrases that name no single day.
VAGUE = frozenset({"last_week", "next_week"})
# "last week" has no single day: a week before the reference day is the least-wrong guess.
LAST_WEEK_DAYS = 7
# A day this far after the reference day without a month is last month's (20日 told on the 3rd).
DAY_AHEAD_SLACK = 2


@dataclass(frozen=True)
class LocalDate:
    """A date phrase found in a sentence."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]

    @property
    def is_span(self) -> bool:
        """True for a span of days, which resolves to its first day."""
        return self.kind == "span"


def split_dateline(text: str, language: str) -> tuple[str, str | None]:
    """The text without its leading dateline, and the dateline."""
    pattern = RU_DATELINE if language == "ru" else ZH_DATELINE
    match = pattern.match(text)
    if match is None or (language == "ru" and _month_number(match.group("month")) is None):
        return text, None
    return text[match.end() :], match.group(0).strip()


def dateline_day(dateline: str, language: str, published: date | None) -> date | None:
    """The day a dateline names, with the year taken from ``published``."""
    pattern = RU_DATELINE if language == "ru" else ZH_DATELINE
    match = pattern.match(dateline + (" " if language == "ru" else ""))
    ref = published or date.today()
    if match is None:
        # A dateline handed over by extraction: "ПЕКИН, 17 ноября (БЕЛТА) –".
        found = [d for d in find_dates(dateline, language) if d.kind == "day_month"]
        if not found:
            return None
        return resolve(found[0], ref, future=False)
    month = _month_number(match.group("month"))
    if month is None:
        return None
    return _nearest(month, int(match.group("day")), None, ref, future=False)


def _month_number(word: str | None) -> int | None:
    if not word:
        return None
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


def find_dates(sentence: str, language: str) -> list[LocalDate]:
    """Every date phrase of ``sentence``, no two overlapping, in text order."""
    found: list[LocalDate] = []
    for kind, pattern in PATTERNS[language]:
        for match in pattern.finditer(sentence):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            groups = match.groupdict()
            ru_day = language == "ru" and kind in ("span", "day_month")
            if ru_day and _month_number(groups.get("month")) is None:
                continue  # "21 человек", not a date
            found.append(LocalDate(kind, match.start(), match.end(), groups))
    return sorted(found, key=lambda d: d.start)


def _nearest(month: int, day: int, year: int | None, ref: date, future: bool) -> date | None:
    """The day nearest ``ref`` in the right direction when no year is said."""
    try:
        if year:
            return date(year, month, day)
        guess = date(ref.year, month, day)
        if not future and guess > ref + timedelta(days=DAY_AHEAD_SLACK):
            guess = guess.replace(year=guess.year - 1)
        elif future and guess < ref - timedelta(days=DAY_AHEAD_SLACK):
            guess = guess.replace(year=guess.year + 1)
    except (ValueError, OverflowError):
        return None
    return guess


def _weekday_index(word: str) -> int | None:
    low = word.lower()
    if low in _ZH_WEEKDAYS or low == "天":
        return 6 if low in "日天" else _ZH_WEEKDAYS.index(low)
    return next((i for i, stem in enumerate(_RU_WEEKDAYS) if low.startswith(stem)), None)


def resolve(phrase: LocalDate, ref: date, *, future: bool) -> date | None:
    """The day ``phrase`` names relative to ``ref``; ``future`` for announced meetings."""
    g = phrase.groups
    try:
        if phrase.kind in ("day_month", "span"):
            month = _month_number(g.get("month0") or g.get("month")) or (
                ref.month if phrase.kind == "span" else None
            )
            if month is None:
                return None
            said = g.get("year")
            year = int(said) if said else None
            return _nearest(month, int(g["day"] or 0), year, ref, future)
        if phrase.kind == "day":
            day = int(g["day"] or 0)
            guess = ref.replace(day=day)
            if not future and day > ref.day + DAY_AHEAD_SLACK:
                previous = ref.replace(day=1) - timedelta(days=1)
                guess = previous.replace(day=day)
            elif future and day < ref.day - DAY_AHEAD_SLACK:
                following = (ref.replace(day=28) + timedelta(days=4)).replace(day=1)
                guess = following.replace(day=day)
            return guess
        if phrase.kind == "yesterday":
            return ref - timedelta(days=1)
        if phrase.kind == "today":
            return ref
        if phrase.kind == "tomorrow":
            return ref + timedelta(days=1)
        if phrase.kind == "weekday":
            wd = _weekday_index(g["wd"] or "")
            if wd is None:
                return None
            which = (g.get("which") or "").lower()
            if which.startswith(("следующ", "ближайш", "下")) or (future and not which):
                ahead = (wd - ref.weekday()) % 7 or (7 if which else 0)
                return ref + timedelta(days=ahead)
            back = (ref.weekday() - wd) % 7
            if which.startswith(("прошл", "上")) and back == 0:
                back = 7
            return ref - timedelta(days=back)
        if phrase.kind == "last_week":
            return ref - timedelta(days=LAST_WEEK_DAYS)
    except (ValueError, OverflowError):
        return None
    return None
