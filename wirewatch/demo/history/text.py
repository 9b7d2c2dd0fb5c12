"""Words and small helpers of the archive's text: month names, dates, slots, slugs."""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from string import Template

from wirewatch.errors import ConfigError
from wirewatch.lexicon import MONTHS_EN, MONTHS_RU, MONTHS_RU_GENITIVE, WEEKDAYS

_MONTHS = tuple(name.capitalize() for name in MONTHS_EN)
_AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_RU_MONTHS_GENITIVE = MONTHS_RU_GENITIVE
_RU_MONTHS = MONTHS_RU
_COUNT_WORDS = (
    "", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
_WEEKDAYS = tuple(name.capitalize() for name in WEEKDAYS)
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
