"""The day a meeting in a sentence happened, and whether the sentence says it.

``dates`` finds and resolves date phrases; this module chooses which phrase
dates a meeting (the one nearest its verb, never the day of a statement),
falls back on the day the story is about, and turns a meeting dated long ago
into a recalled one and a meeting dated days ahead into an announced one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wirewatch.detect import rules
from wirewatch.detect.dates import DatePhrase, find_date_phrase, resolve_date_phrase
from wirewatch.detect.sentences import Sentence

__all__ = ["Dating", "date_meeting", "lead_day", "recent_day_said", "without_attribution"]


@dataclass(frozen=True)
class Dating:
    """A meeting's kind and day as one sentence says them."""

    kind: str  # the frame's kind, or ANNOUNCED for a day days ahead
    day: date | None
    dated: bool  # the sentence itself names the day
    span: bool  # dated only by a span of days ("from 16 to 18 November")


def without_attribution(sentence: str) -> str:
    """``sentence`` with "said on Monday" blanked out, keeping every other offset."""
    return rules.ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), sentence)


def _is_recent(day: date | None, ref: date) -> bool:
    return day is not None and 0 <= (ref - day).days <= rules.PAST_REFERENCE_DAYS


def recent_day_said(sentence: str, ref: date | None) -> bool:
    """True when ``sentence`` names a day in the last few days before ``ref``."""
    if ref is None:
        return False
    phrase = find_date_phrase(without_attribution(sentence))
    return _is_recent(resolve_date_phrase(phrase, ref) if phrase is not None else None, ref)


def lead_day(sentences: list[Sentence], ref: date | None) -> date | None:
    """The day the story is about: a recent day named in its first sentence.

    "Prabowo and Albanese signed a pact on Wednesday. The two leaders held a
    bilateral meeting ..." dates the meeting of the second sentence.
    """
    if ref is None:
        return None
    body = [s.text for s in sentences if not s.is_title][:1]
    for text in body:
        phrase = find_date_phrase(without_attribution(text))
        if phrase is None or phrase.kind in rules.VAGUE_KINDS:
            continue
        day = resolve_date_phrase(phrase, ref)
        if _is_recent(day, ref):
            return day
    return None


def _phrase_at(text: str, anchor: int | None, ref: date | None) -> DatePhrase | None:
    """The date phrase nearest the verb; a bare "this month" there gives way to the
    sentence's best phrase."""
    phrase = find_date_phrase(without_attribution(text), anchor)
    if (
        phrase is not None
        and phrase.kind == "month_only"
        and ref is not None
        and resolve_date_phrase(phrase, ref) is None  # this month: no day said
    ):
        phrase = find_date_phrase(without_attribution(text))
    return phrase


def date_meeting(
    sentence: Sentence,
    anchor: int | None,
    kind: str,
    ref: date | None,
    *,
    last_day: date | None,
    story_day: date | None,
) -> Dating | None:
    """Kind and day of the meeting whose verb is at ``anchor``, or None for a past meeting.

    Without a phrase of its own, a body sentence takes ``last_day`` (the day an
    earlier sentence said: "He later held a bilateral meeting with ..."), else
    ``story_day`` (the lead's day).
    """
    phrase = _phrase_at(sentence.text, anchor, ref)
    day: date | None = None
    dated = False
    if phrase is None and last_day is not None and not sentence.is_title:
        day, dated = last_day, bool(rules.SAME_DAY.search(sentence.text))
    elif phrase is None and story_day is not None:
        if kind != rules.ANNOUNCED:
            day = story_day
    elif phrase is not None and ref is not None:
        if phrase.kind == "past_period" and kind != rules.ANNOUNCED:
            return None
        day = resolve_date_phrase(phrase, ref, future=kind == rules.ANNOUNCED)
        dated = day is not None
    if ref is not None and kind != rules.ANNOUNCED:
        recent = day is not None and (ref - day).days <= rules.PAST_REFERENCE_DAYS
        old_year = any(int(y) < ref.year for y in rules.YEAR.findall(sentence.text))
        if (day is not None and not recent) or (old_year and not recent):
            return None  # a meeting in the past, recalled in other news
        if day is not None and (day - ref).days > rules.ANNOUNCED_AFTER_DAYS:
            kind = rules.ANNOUNCED
    span = phrase is not None and phrase.is_span and dated
    return Dating(kind=kind, day=day, dated=dated, span=span)
