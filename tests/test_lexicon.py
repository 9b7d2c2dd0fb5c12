"""Tests for wirewatch.lexicon: the one home of month and weekday names."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from wirewatch.lexicon import (
    MONTH_ABBREVIATIONS_EN,
    MONTH_NAME_PATTERN,
    MONTH_NUMBERS,
    MONTH_NUMBERS_EN,
    MONTHS_EN,
    WEEKDAY_PATTERN,
    WEEKDAYS,
)

PACKAGE = Path(__file__).resolve().parents[1] / "wirewatch"


def test_weekday_index_is_the_calendar_weekday() -> None:
    assert WEEKDAYS[date(2022, 12, 19).weekday()] == "monday"
    assert WEEKDAYS[date(2022, 12, 25).weekday()] == "sunday"
    assert re.fullmatch(WEEKDAY_PATTERN, "thursday")


def test_english_month_words_number_the_months_and_match_the_pattern() -> None:
    assert [MONTH_NUMBERS_EN[m] for m in MONTHS_EN] == list(range(1, 13))
    assert [MONTH_NUMBERS_EN[m] for m in MONTH_ABBREVIATIONS_EN] == list(range(1, 13))
    for word in MONTH_NUMBERS_EN:
        assert re.fullmatch(MONTH_NAME_PATTERN, word.title()), word
    assert not re.fullmatch(MONTH_NAME_PATTERN, "Mon")


def test_every_language_numbers_its_months_alike() -> None:
    assert MONTH_NUMBERS["декабря"] == MONTH_NUMBERS["décembre"] == MONTH_NUMBERS["dec"] == 12
    assert MONTH_NUMBERS["mayıs"] == MONTH_NUMBERS["mai"] == 5
    assert all(MONTH_NUMBERS[word] == n for word, n in MONTH_NUMBERS_EN.items())
    assert set(MONTH_NUMBERS.values()) == set(range(1, 13))


def test_no_other_module_keeps_a_month_table() -> None:
    # Month words spelt out in a module other than the lexicon are a second home.
    words = ("january", "janvier", "января", "enero", "ocak", "wednesday")
    homes = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "lexicon.py"
        and any(f'"{word}"' in path.read_text(encoding="utf-8").lower() for word in words)
    )
    assert homes == []
