"""Month and weekday names: the one home of the calendar words every stage reads.

Extract reads datelines and bylines in the agencies' languages, dedupe tells
look-alike events apart by the days they name, detect resolves "on Monday" and
"Dec 19". All of them take the names from here; each stage builds its own
patterns from these tables, so none imports another stage's internals.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MONTHS_RU",
    "MONTHS_RU_GENITIVE",
    "MONTHS_EN",
    "MONTH_ABBREVIATIONS_EN",
    "MONTH_NAME_PATTERN",
    "MONTH_NUMBERS",
    "MONTH_NUMBERS_EN",
    "WEEKDAYS",
    "WEEKDAY_PATTERN",
]

# Lower case, Monday first, so a name's index is its ``date.weekday()``.
WEEKDAYS: Final[tuple[str, ...]] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
MONTHS_EN: Final[tuple[str, ...]] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# The three-letter forms wire copy uses in datelines ("MOSCOW, Dec 19 (TASS)").
MONTH_ABBREVIATIONS_EN: Final[tuple[str, ...]] = tuple(name[:3] for name in MONTHS_EN)


def _numbered(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i + 1 for i, name in enumerate(names)}


# English month word (full or abbreviated, lower case, no dot) -> month number.
# "sept" is as common as "sep" in wire copy ("Sept. 5").
MONTH_NUMBERS_EN: Final[dict[str, int]] = {
    **_numbered(MONTH_ABBREVIATIONS_EN),
    "sept": 9,
    **_numbered(MONTHS_EN),
}

# Month words of the agencies' other editions, full and abbreviated, in
# genitive where a dateline uses it ("19 декабря").
MONTHS_RU_GENITIVE: Final[tuple[str, ...]] = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Nominative, as a month stands alone ("в ноябре" aside): for writing, not for reading dates.
MONTHS_RU: Final[tuple[str, ...]] = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_OTHER_MONTHS: Final[tuple[tuple[str, ...], ...]] = (
    MONTHS_RU_GENITIVE,
    ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"),
    (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    (
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ),
    (
        "ocak",
        "şubat",
        "mart",
        "nisan",
        "mayıs",
        "haziran",
        "temmuz",
        "ağustos",
        "eylül",
        "ekim",
        "kasım",
        "aralık",
    ),
)
# Month word in any of the editions' languages (lower case, no dot) -> month number.
MONTH_NUMBERS: Final[dict[str, int]] = {
    **MONTH_NUMBERS_EN,
    **{name: month for names in _OTHER_MONTHS for name, month in _numbered(names).items()},
}

# An English month word as a regular-expression alternation (no group, no dot),
# capitalised as in copy: "Dec", "December", "Sept". Callers add their group and
# flags; every key of MONTH_NUMBERS_EN matches it (a test checks).
MONTH_NAME_PATTERN: Final = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# An English weekday name as an alternation, lower case ("monday|tuesday|...").
WEEKDAY_PATTERN: Final = "|".join(WEEKDAYS)
