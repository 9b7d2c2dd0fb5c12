"""Which state pairs a sentence's actors make, and where to look for each pair's day.

Two actors make one pair. One actor finds its other side in the story: the
state the story follows (by a pronoun), the pair talked about just before ("the
two leaders"), the state whose seat of government or territory is the venue.
Three or more make pairs only when each met the first separately.
"""

from __future__ import annotations

from typing import NamedTuple

from wirewatch.detect import rules
from wirewatch.detect.actors import OFFICIAL, Reading
from wirewatch.detect.frames import first_strong_frame, strong_frames
from wirewatch.detect.gazetteer import load_gazetteer

__all__ = ["Pairing", "find_pairs", "pair_anchors"]

Pair = tuple[str, str]


class Pairing(NamedTuple):
    """The pairs of one sentence, and how sure the sides are."""

    pairs: list[Pair]
    inferred: bool  # a side came from the story, not from the sentence
    both: bool  # every side is an official (or the story's protagonist)


def _other_side(
    reading: Reading,
    sentence: str,
    actors: list[str],
    protagonist: str | None,
    visit: bool,
    multilateral: bool,
) -> tuple[list[str], bool]:
    """``actors`` completed with a side the sentence implies, and whether one was added."""
    if (
        len(actors) == 1
        and protagonist
        and protagonist not in actors
        and rules.PRONOUN_SUBJECT.search(sentence)
    ):
        return [protagonist, *actors], True
    visit = visit and not rules.HOST_BLOCK.search(sentence)
    if len(actors) == 1 and not multilateral and not visit:
        # "met the Prime Minister of Luxembourg in Downing Street": the seat's state hosts.
        hosts = [c for c in reading.seats if c not in actors]
        if hosts:
            return [actors[0], hosts[0]], True
    if len(actors) == 1 and visit and not multilateral:
        hosts = [c for c, _, _ in reading.places if c not in actors]
        if hosts:
            return [actors[0], hosts[0]], True
    if (
        len(actors) == 0
        and protagonist
        and visit
        and not multilateral
        and rules.PRONOUN_SUBJECT.search(sentence)
    ):
        hosts = [c for c, _, _ in reading.places if c != protagonist]
        if hosts:
            return [protagonist, hosts[0]], True
    return actors, False


def find_pairs(
    reading: Reading,
    sentence: str,
    protagonist: str | None,
    last_pair: Pair | None,
    visit: bool,
    multilateral: bool,
) -> Pairing:
    """The state pairs a sentence's actors make; also whether a side was inferred and both are officials."""
    officials = reading.officials
    actors = officials if len(officials) >= 2 else list(reading.order)
    if (
        len(actors) <= 1
        and rules.TWO_SIDES.search(sentence)
        and last_pair
        and (not actors or actors[0] in last_pair)
    ):
        return Pairing([last_pair], True, True)
    actors, inferred = _other_side(reading, sentence, actors, protagonist, visit, multilateral)
    both = all(reading.actors.get(c) == OFFICIAL or c == protagonist for c in actors)
    # An official known only from an untitled "Prime Minister X" and the dateline is a guess.
    inferred = inferred or any(c in reading.implicit for c in actors)
    if len(actors) == 2:
        a, b = sorted(actors)
        return Pairing([(a, b)], inferred, both)
    if (
        len(actors) >= 3
        and not rules.TRILATERAL.search(sentence)
        and (rules.SEPARATELY.search(sentence) or _each_after_a_frame(sentence, reading, actors))
    ):
        subject = actors[0]
        pairs: list[Pair] = []
        for other in actors[1:]:
            a, b = sorted((subject, other))
            pairs.append((a, b))
        return Pairing(pairs, inferred, both)
    if len(actors) >= 3:
        # "On the margins of a three-way summit with A and B, C held separate talks with A".
        pair = _separate_talks(sentence, reading, actors)
        if pair is not None:
            return Pairing([pair], inferred, both)
    return Pairing([], inferred, both)


def _separate_talks(sentence: str, reading: Reading, actors: list[str]) -> Pair | None:
    """The pair of a separate or sideline meeting of a many-state sentence: the actor named
    last before the meeting verb and the first one named right after it."""
    if not (rules.SEPARATELY.search(sentence) or rules.SIDELINES.search(sentence)):
        return None
    gaz = load_gazetteer()
    for start, end in strong_frames(sentence):
        before = [c for c in actors if reading.first_at.get(c, len(sentence)) < start]
        if not before:
            continue
        subject = max(before, key=lambda c: reading.first_at[c])
        for mention in gaz.find(sentence[end : end + rules.FRAME_OBJECT_REACH]):
            states = {mention.term.country} | {lead.country for lead in mention.term.leaders}
            other = next((c for c in actors if c in states and c != subject), None)
            if other is not None:
                a, b = sorted((subject, other))
                return (a, b)
    return None


def _each_after_a_frame(sentence: str, reading: Reading, actors: list[str]) -> bool:
    """True when each state after the subject follows a meeting verb of its own.

    "held talks with A in Hanoi on Monday, before flying to Jakarta, where he met B on
    Tuesday" reports two meetings; "met A and B" does not say they were separate.
    """
    frames = strong_frames(sentence)
    used: set[int] = set()
    for other in actors[1:]:
        at = reading.first_at.get(other)
        if at is None:
            return False
        before = [f for f in frames if f[1] <= at and at - f[1] <= rules.FRAME_OBJECT_REACH]
        if not before or before[-1][0] in used:
            return False
        used.add(before[-1][0])
    return True


def pair_anchors(sentence: str, reading: Reading, pairs: list[Pair]) -> dict[Pair, int | None]:
    """Where to look for each pair's day: the verb before the other side, when there are several."""
    anchor = first_strong_frame(sentence)
    if len(pairs) == 1:
        return {pairs[0]: anchor}
    frames = strong_frames(sentence)
    subject = next(iter(set(pairs[0]).intersection(*pairs[1:])), None)
    out: dict[Pair, int | None] = {}
    for pair in pairs:
        other = pair[1] if pair[0] == subject else pair[0]
        at = reading.first_at.get(other)
        before = [f[0] for f in frames if at is not None and f[1] <= at]
        out[pair] = before[-1] if before else anchor
    return out
