"""Text handling for dedupe: the content hash, the body used for similarity, and
the small facts (dates, weekdays, numbers, dateline) that tell look-alike events apart."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from wirewatch.datelines import dateline_city, strip_dateline
from wirewatch.dedupe.tuning import (
    BOILERPLATE_KEYWORDS,
    BOILERPLATE_LINE_PATTERNS,
    MIN_LINE_WORDS,
)
from wirewatch.lexicon import MONTH_NAME_PATTERN, MONTH_NUMBERS_EN, WEEKDAYS

__all__ = ["Facts", "content_sha256", "facts_of", "similarity_text", "tokens_of"]

# CJK scripts have no spaces: each character is a token there, words elsewhere.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+")
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_LINE_PATTERNS), re.IGNORECASE)

# Lower case: _MONTH_BEFORE and _MONTH_AFTER search the lower-cased text.
_MONTH = r"(" + MONTH_NAME_PATTERN.lower() + r")\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?!\d)", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_MONTH}\b", re.IGNORECASE)
_ISO_AT = re.compile(r"(?:19|20)\d\d-(\d\d)-(\d\d)\b")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$")
_MONTH_AFTER = re.compile(rf"\s+{_MONTH}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATELINE_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z .'\-]{1,40}?)\s*(?:,|\(|--|-|–|—|$)")


def content_sha256(text: str) -> str:
    """SHA-256 of the normalised body (Unicode NFKC, case-folded, whitespace collapsed).

    Trivial reformatting (line breaks, spacing, letter case) gives the same hash.
    """
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def similarity_text(text: str) -> str:
    """The body without page furniture: credits, copyright lines, navigation crumbs.

    Footers and photo credits differ between copies of one story and recur across
    unrelated stories of one site, so neither should count towards similarity.
    Falls back to the whole text when nothing would remain.
    """
    # Substring checks are cheap and most texts hold few of the keywords: look for
    # them in the whole text once, then run the patterns only on lines that might match.
    low = text.lower()
    present = tuple(k for k in BOILERPLATE_KEYWORDS if k in low)
    kept = []
    for line in text.splitlines():
        if len(line.split()) < MIN_LINE_WORDS:
            continue
        if present:
            low_line = line.lower()
            if any(k in low_line for k in present) and _BOILERPLATE.search(line):
                continue
        kept.append(line)
    return "\n".join(kept) if kept else text


def tokens_of(text: str) -> list[str]:
    """Case-folded word tokens (single characters for CJK scripts)."""
    if text.isascii():  # the common case, several times faster than the Unicode pattern
        return _ASCII_TOKEN.findall(text.lower())
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True, slots=True)
class Facts:
    """What tells two look-alike reports of different events apart."""

    numbers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()  # "12-19": month and day mentioned in the text
    weekdays: int = 0  # bit i set when weekday i (Monday = 0) is mentioned
    dateline_city: str | None = None
    dateline_date: str | None = None  # "12-19"


def _month_day(month: str, day: str) -> str | None:
    word = month.lower()
    m = MONTH_NUMBERS_EN.get(word.rstrip(".")[:4]) or MONTH_NUMBERS_EN.get(word[:3])
    d = int(day)
    return f"{m:02d}-{d:02d}" if m and 1 <= d <= 31 else None


def _date_of(phrase: str | None) -> str | None:
    if not phrase:
        return None
    hit = _MONTH_DAY.search(phrase)
    if hit:
        return _month_day(hit.group(1), hit.group(2))
    hit2 = _DAY_MONTH.search(phrase)
    return _month_day(hit2.group(2), hit2.group(1)) if hit2 else None


def _scan_dates(text: str, low: str) -> tuple[frozenset[str], frozenset[str]]:
    """Numbers, and the month-day dates among them, found from the digits outward."""
    numbers: set[str] = set()
    dates: set[str] = set()
    for hit in _NUMBER.finditer(text):
        raw = hit.group()
        iso = _ISO_AT.match(text, hit.start())
        if iso:
            dates.add(f"{iso.group(1)}-{iso.group(2)}")
        numbers.add(raw.replace(",", ""))
        if len(raw) > 2:
            continue
        # "Dec 19", "December 19", "Dec. 19" before the number; "19 December" after it.
        before = _MONTH_BEFORE.search(low, max(0, hit.start() - 12), hit.start())
        after = _MONTH_AFTER.match(low, hit.end())
        month = before.group(1) if before else after.group(1) if after else None
        if month:
            md = _month_day(month, raw)
            if md:
                dates.add(md)
    return frozenset(numbers), frozenset(dates)


def facts_of(text: str, dateline: str | None = None) -> Facts:
    """Dates, weekdays, numbers and the dateline of an article body.

    ``dateline`` is the extractor's dateline field when it has one; otherwise the
    first dateline-shaped paragraph opening of the text is used.
    """
    low = text.lower()
    numbers, dates = _scan_dates(text, low)
    weekdays = 0
    for i, name in enumerate(WEEKDAYS):
        if name in low and re.search(rf"\b{name}\b", low):
            weekdays |= 1 << i
    city: str | None = None
    date: str | None = None
    if dateline and dateline.strip():
        hit = _DATELINE_FIELD.search(dateline)
        city = hit.group(1).strip().upper() if hit else None
        date = _date_of(dateline)
    else:
        _, found = strip_dateline(text)
        if found:
            city = dateline_city(found).upper()
            date = _date_of(found)
    return Facts(numbers, dates, weekdays, city or None, date)
