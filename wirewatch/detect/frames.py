"""Meeting frames of a sentence and the modality around each of them.

A frame is a meeting, visit or call verb ("met", "held talks", "phoned"). Each
frame is read in its window: negated or denied, a past meeting recalled, only
hoped for, announced for later, or reported as it happened, in person or by
phone. A sentence that reports a cancellation reports no meeting at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wirewatch.detect import rules
from wirewatch.detect.dating import recent_day_said

__all__ = ["Frames", "cut", "first_strong_frame", "near_frame", "read_frames", "strong_frames"]


@dataclass(frozen=True)
class Frames:
    """What the meeting frames of one sentence report."""

    kinds: tuple[str, ...] = ()  # IN_PERSON, CALL or ANNOUNCED per frame that counts, in text order
    cancelled: bool = False  # the sentence reports a cancellation
    past: bool = False  # a frame recalls a past meeting
    strong: bool = False  # a counted frame is a verb, not "visit" or "meeting"
    doubted: bool = False  # every frame was negated or made conditional

    @property
    def reported(self) -> bool:
        """True when the sentence says something about a meeting, even that it failed."""
        return bool(self.kinds) or self.cancelled or self.doubted


_DOUBTED = "doubted"
_PAST = "past"


def cut(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words, so a window never ends inside "William"."""
    start = max(0, start)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end - 1 : end].isalnum() and text[end : end + 1].isalnum():
        end += 1
    return text[start:end]


def _frame_matches(sentence: str, is_title: bool) -> list[re.Match[str]]:
    matches = list(rules.CALL_TRIGGER.finditer(sentence)) + list(
        rules.MEET_TRIGGER.finditer(sentence)
    )
    if is_title:
        matches += list(rules.HEADLINE_MEET.finditer(sentence))
    matches.sort(key=lambda m: m.start())
    return matches


def _is_call(sentence: str, match: re.Match[str], title_call: bool) -> bool:
    """True when a frame is a call: a call word itself, or one right around it ("held talks by phone")."""
    if title_call or rules.CALL_TRIGGER.fullmatch(match.group(0)):
        return True
    window = cut(
        sentence, match.start() - rules.CALL_CHANNEL_BEFORE, match.end() + rules.CALL_CHANNEL_AFTER
    )
    return bool(rules.CALL_CHANNEL.search(window))


def _modality(cleaned: str, match: re.Match[str], ref: date | None, recent: bool) -> str | None:
    """_DOUBTED, _PAST, or None when the frame reports a meeting (done or announced)."""
    start, end = match.start(), match.end()
    before = cut(cleaned, start - rules.MODALITY_BEFORE, start)
    after = cleaned[end:]
    if (
        rules.NEGATED.search(cut(cleaned, start - rules.MODALITY_BEFORE, end))
        or rules.DENIAL.search(cut(cleaned, start - rules.DENIAL_BEFORE, start))
        or rules.NOT_AFTER.match(after)
        or rules.AFTER_NEGATION.match(after)
    ):
        return _DOUBTED
    if rules.PAST_REFERENCE.search(cut(cleaned, start - rules.PAST_BEFORE, end + rules.PAST_AFTER)):
        return _PAST
    if not recent and rules.PLUPERFECT.search(cut(cleaned, start - rules.PLUPERFECT_BEFORE, end)):
        return _PAST
    if ref is not None and any(
        int(y) < ref.year for y in rules.YEAR.findall(cleaned[start : end + rules.YEAR_AFTER])
    ):
        return _PAST  # "met in Geneva in June 2021"
    if rules.CONDITIONAL.search(before) or rules.AFTER_CONDITION.match(after):
        return _DOUBTED
    return None


def _kind(cleaned: str, sentence: str, match: re.Match[str], is_title: bool, call: bool) -> str:
    """ANNOUNCED for a frame in the future, else CALL or IN_PERSON."""
    start, end = match.start(), match.end()
    future = rules.FUTURE.search(cut(cleaned, start - rules.MODALITY_BEFORE, start)) or (
        rules.FUTURE.search(cut(cleaned, start, end + rules.FUTURE_AFTER))
    )
    if is_title:
        future = rules.HEADLINE_FUTURE.search(sentence)
    if future:
        return rules.ANNOUNCED
    return rules.CALL if _is_call(cleaned, match, is_title and call) else rules.IN_PERSON


def read_frames(sentence: str, is_title: bool, ref: date | None = None) -> Frames:
    """Kinds the meeting frames of a sentence support, in text order, and what else they say.

    ``ref`` is the story's reference day: a frame dated in an earlier year is a
    past meeting, and "had met" is one too unless the sentence names a recent day.
    """
    matches = _frame_matches(sentence, is_title)
    if not matches:
        return Frames()
    cleaned = rules.INVITATION_OF.sub(" ", sentence)
    # A sentence that reports a cancellation reports no meeting, wherever the word sits.
    if rules.CANCELLED.search(cleaned):
        return Frames(cancelled=True)
    call = bool(rules.CALL_TRIGGER.search(sentence)) or (
        is_title and bool(rules.HEADLINE_CALL.search(sentence))
    )
    recent = recent_day_said(sentence, ref)
    multilateral = bool(rules.MULTILATERAL.search(sentence)) and not rules.SIDELINES.search(
        sentence
    )
    kinds: list[str] = []
    past = strong = doubted = False
    for match in matches:
        modality = _modality(cleaned, match, ref, recent)
        if modality is not None:
            past = past or modality == _PAST
            doubted = doubted or modality == _DOUBTED
            continue
        weak = rules.WEAK_TRIGGER.match(match.group(0))
        if multilateral and weak:
            continue
        strong = strong or not weak
        kinds.append(_kind(cleaned, sentence, match, is_title, call))
    return Frames(tuple(kinds), False, past, strong, doubted and not kinds)


def strong_frames(sentence: str) -> list[tuple[int, int]]:
    """Spans of the meeting and call verbs of a sentence ("met", "held talks"), not nouns."""
    frames = [*rules.MEET_TRIGGER.finditer(sentence), *rules.CALL_TRIGGER.finditer(sentence)]
    return sorted(f.span() for f in frames if not rules.WEAK_TRIGGER.match(f.group(0)))


def first_strong_frame(sentence: str) -> int | None:
    """Where a sentence's meeting verb is (its first strong frame), or None without one.

    A weak frame ("meeting", "visit") is often a noun far from the day it happened.
    """
    frames = sorted(
        [*rules.MEET_TRIGGER.finditer(sentence), *rules.CALL_TRIGGER.finditer(sentence)],
        key=lambda m: m.start(),
    )
    for frame in frames:
        if not rules.WEAK_TRIGGER.match(frame.group(0)):
            return frame.start()
    return None


def near_frame(sentence: str, spans: list[tuple[int, int]]) -> bool:
    """True when a span lies within ORG_FRAME_REACH characters of a meeting frame."""
    reach = rules.ORG_FRAME_REACH
    triggers = [m.span() for m in rules.MEET_TRIGGER.finditer(sentence)] + [
        m.span() for m in rules.CALL_TRIGGER.finditer(sentence)
    ]
    return any(
        abs(a - t0) <= reach or abs(t1 - b) <= reach or (t0 <= a and b <= t1)
        for a, b in spans
        for t0, t1 in triggers
    )
