"""Candidates of one state pair in one article merged into one meeting.

Each sentence that reports a pair gives a candidate. The merge keeps what
happened over what was announced, trusts the body over the headline for the
kind, takes the day from the sentence that says it (a single day over a span
of a visit's days), the place from the dated sentence or any city, and scores
the evidence into a calibrated confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wirewatch.detect import rules
from wirewatch.models import Meeting

__all__ = ["Candidate", "confidence", "merge_candidates"]

Pair = tuple[str, str]


@dataclass(frozen=True)
class Candidate:
    """One sentence's report of a meeting between one pair."""

    pair: Pair
    kind: str
    day: date | None
    dated: bool
    location: str | None
    names: dict[str, list[str]]
    official_both: bool
    inferred: bool
    is_title: bool
    strong: bool
    span: bool = False  # dated only by a span of days ("from 16 to 18 November")
    city: bool = False  # the location is a city, not a whole state


def confidence(group: list[Candidate]) -> float:
    """A score from the evidence; CONFIDENCE_TABLE maps it to precision measured on the dev set."""
    best = group[0]
    score = 0
    score += 2 if any(c.official_both for c in group) else 0
    score += 1 if any(not c.inferred for c in group) else 0
    score += 1 if len(group) >= 2 else 0
    score += 1 if any(c.strong for c in group) else 0
    score += 1 if any(c.dated for c in group) else 0
    if best.kind == rules.ANNOUNCED:
        score -= 1
    table = rules.CONFIDENCE_TABLE
    return table[max(0, min(score, len(table) - 1))]


def _meeting(pair: Pair, chosen: list[Candidate], ref: date | None) -> Meeting:
    """The meeting ``chosen`` (the candidates that count) describe."""
    # The body says more precisely than the headline whether it was a call or a visit.
    kind_source = [c for c in chosen if not c.is_title] or chosen
    kind = kind_source[0].kind
    same = [c for c in chosen if c.kind == kind] or chosen
    dated = [c for c in same if c.dated and not c.is_title] or [c for c in chosen if c.dated]
    # A single day beats a span of the visit's days, and the sentence with the
    # talks ("held talks ... on Tuesday") beats one with only a visit or arrival.
    dated.sort(key=lambda c: (c.span, not c.strong))
    inherited = next((c.day for c in same if c.day is not None), None)
    if dated:
        event_day: date | None = dated[0].day
    elif inherited is not None:
        event_day = inherited
    else:
        event_day = ref if kind != rules.ANNOUNCED else None
    location = None
    if kind != rules.CALL:
        # The dated sentence's place first, then any city, then any place.
        ranked = [c for c in dated[:1] if c.location] + [c for c in same + chosen if c.location]
        ranked.sort(key=lambda c: not c.city)
        location = ranked[0].location if ranked else None
    names: list[str] = []
    for code in pair:
        for cand in chosen:
            for name in cand.names.get(code, []):
                if name not in names:
                    names.append(name)
    return Meeting(
        countries=pair,
        kind=kind,
        participants=tuple(names),
        location=location,
        event_date=event_day,
        confidence=confidence(chosen),
    )


def merge_candidates(
    candidates: list[Candidate],
    *,
    cancelled: set[Pair],
    doubted: set[Pair],
    multi_state_body: bool,
    ref: date | None,
) -> list[Meeting]:
    """One meeting per pair, sorted by pair; pairs the story cancels or doubts are dropped.

    ``multi_state_body`` drops pairs named only in the headline when the body's
    meeting had three or more states.
    """
    groups: dict[Pair, list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault(cand.pair, []).append(cand)
    meetings: list[Meeting] = []
    for pair, group in sorted(groups.items()):
        body_group = [c for c in group if not c.is_title]
        if not body_group and multi_state_body:
            continue  # the headline names two of the many states the story's meeting had
        happened = [c for c in group if c.kind != rules.ANNOUNCED]
        if not happened and pair in cancelled:
            continue
        if pair in doubted and (not body_group or not happened):
            continue  # the story itself says the meeting is only hoped for or denied
        meetings.append(_meeting(pair, happened or group, ref))
    return meetings
