"""Reading a dateline from plain text: the one home of the pattern outside extraction.

Extraction reads the dateline of every page it cleans (``Extracted.dateline``,
stored with the article) and the run hands that field on to dedupe and
detection. Text that comes without the field (``wirewatch dedupe`` and
``wirewatch detect`` input, labelled sets) is read here, by both stages.
"""

from __future__ import annotations

import re

from wirewatch.lexicon import MONTH_ABBREVIATIONS_EN

__all__ = [
    "DATELINE",
    "DATELINE_CITY_END",
    "DATELINE_CITY_MIN",
    "DATELINE_PARAGRAPHS",
    "dateline_city",
    "strip_dateline",
]

# A dateline heading a paragraph: "MOSCOW, Dec 19 (TASS) -", "NEW DELHI:"; a month
# after the first comma is the day, not a region ("PARIS, France -").
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{1,40}?)(?:,\s*(?!(?:"
    + "|".join(m.title() for m in MONTH_ABBREVIATIONS_EN)
    + r")[a-z]*\.?\s+\d)[A-Z][A-Za-z .]{1,30}?)?"
    r"(?:,\s*(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}))?"
    r"(?:,\s*(?:19|20)\d\d)?(?:,\s*[A-Z]{2,6})?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*"
    # "-", "--", ":" or TASS's ". /TASS/."
    r"(?:[-–—]{1,2}|:|\.\s*/[A-Za-z][\w -]{1,20}/\.?)\s+"
)
# A dateline opens the copy: it is looked for in the first paragraphs only (a
# kicker or a byline may come before it), and a shorter capitalised word ("UK:") is a label.
DATELINE_PARAGRAPHS = 6
DATELINE_CITY_MIN = 3
# Where a dateline's city ends: "MOSCOW, Dec 19 (TASS)", "GENEVA (AFP)".
DATELINE_CITY_END = re.compile(r"[,(]")


def strip_dateline(text: str) -> tuple[str, str | None]:
    """The text without its leading dateline, and the dateline ("MOSCOW, Dec 19 (TASS)")."""
    paragraphs = text.split("\n")
    for i, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        match = DATELINE.match(paragraph)
        if match is None:
            continue
        city = match.group("city").strip()
        if len(city) >= DATELINE_CITY_MIN and city.upper() == city:
            dateline = match.group(0).strip(" -–—:")
            paragraphs[i] = paragraph[match.end() :]
            return "\n".join(paragraphs), dateline
    return text, None


def dateline_city(dateline: str) -> str:
    """The city a dateline names: "MOSCOW, Dec 19 (TASS)" -> "MOSCOW", "GENEVA (AFP)" -> "GENEVA"."""
    return DATELINE_CITY_END.split(dateline, maxsplit=1)[0].strip()
