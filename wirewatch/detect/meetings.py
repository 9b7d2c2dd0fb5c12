"""Finding bilateral meetings, and the states an article mentions.

The detector works sentence by sentence. In each sentence it looks for a
meeting frame (a meeting, visit or call verb: ``frames``), finds which states
have an official acting in it (a leader on the article's date, a title next to
a state's name or demonym, a seat of government) and which are only places or
topics (``actors``), and reads the modality around the frame (future, negation,
cancellation, condition, past reference). A sentence whose actors are exactly
two states gives a candidate (``pairs``), dated from the sentence that says when
(``dating``); candidates of one pair in one article merge into one meeting
(``merge``). The lexicons are data in ``rules`` and ``actor_rules``.

Russian and Chinese copy (``local.language_of``) is read by ``local`` with its own
lexicons (``local_rules``, ``local_names``, ``local_dates``) into the same candidates,
merged the same way.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from wirewatch.detect import rules
from wirewatch.detect.actors import OFFICIAL, Reading, home_state, name_tokens, read_sentence
from wirewatch.detect.dates import parse_dateline_day
from wirewatch.detect.dating import date_meeting, lead_day
from wirewatch.detect.frames import Frames, near_frame, read_frames
from wirewatch.detect.gazetteer import Gazetteer, load_gazetteer
from wirewatch.detect.local import detect_local, language_of, local_countries
from wirewatch.detect.merge import Candidate, merge_candidates
from wirewatch.detect.pairs import Pair, Pairing, find_pairs, pair_anchors
from wirewatch.detect.sentences import Sentence, article_sentences, strip_dateline
from wirewatch.models import Meeting

__all__ = ["detect_meetings", "mentioned_countries"]


def _as_day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _location(reading: Reading, kind: str) -> str | None:
    """Where a sentence puts its meeting: its first city, else its first place (no place for a call)."""
    if kind == rules.CALL:
        return None
    cities = [text for _, text, is_city in reading.places if is_city]
    if cities:
        return cities[0]
    return reading.places[0][1] if reading.places else None


def _side_names(reading: Reading, pair: Pair, single: bool) -> dict[str, list[str]]:
    """Participants per side; a lone untitled "President X" goes to the side that has none."""
    names = {c: list(reading.names.get(c, [])) for c in pair}
    bare = [c for c in pair if not names[c]]
    free = [n for n in reading.unassigned if all(n not in v for v in names.values())]
    if len(bare) == 1 and len(free) == 1 and single:
        names[bare[0]] = free
    return names


class _Scan:
    """Reads an article's sentences in order, carrying what earlier ones said."""

    def __init__(
        self,
        gaz: Gazetteer,
        ref: date | None,
        home: str | None,
        article: str,
        story_day: date | None,
    ) -> None:
        self.gaz = gaz
        self.ref = ref
        self.home = home
        self.article = article
        self.story_day = story_day
        self.sporty: bool | None = None  # counted only when a candidate needs it
        self.protagonist: str | None = None  # the first official actor of the story
        self.last_pair: Pair | None = None
        self.context_pair: Pair | None = None  # two officials named before any meeting frame
        self.last_day: date | None = None
        self.known_tokens: dict[str, str] = {}  # participants' surnames -> their state
        self.candidates: list[Candidate] = []
        self.cancelled_pairs: set[Pair] = set()
        self.doubted_pairs: set[Pair] = set()
        self.multi_state_body = False

    def read(self, sentence: Sentence) -> None:
        """Take in one sentence: context, cancellations and doubts, candidates."""
        s = sentence.text
        frames = read_frames(s, sentence.is_title, self.ref)
        if not frames.reported and self.protagonist is not None:
            return  # most sentences of a long story: nothing to read
        reading = read_sentence(s, self.gaz, self.ref, self.home)
        if self.protagonist is None and reading.officials:
            self.protagonist = reading.officials[0]
        sentence_tokens = name_tokens(reading.names)
        if not frames.reported:
            self._learn(sentence_tokens)
            if len(reading.order) == 2 and self.context_pair is None:
                # "A and B agreed on Tuesday to ... The two heads of government met in Vienna."
                self.context_pair = (min(reading.order), max(reading.order))
            return
        if len(reading.order) == 1:
            self._recall_by_surname(reading, s)
        self._learn(sentence_tokens)
        pairing = self._pairing(sentence, reading, frames)
        if pairing is None:
            return
        if not pairing.both and self._sports_or_business(s):
            return
        if frames.cancelled or frames.doubted:
            (self.cancelled_pairs if frames.cancelled else self.doubted_pairs).update(pairing.pairs)
            return
        self._add_candidates(sentence, reading, pairing, frames)
        self.last_pair = pairing.pairs[-1]

    def _learn(self, tokens: dict[str, str]) -> None:
        """Remember participants' surnames; the first state a surname was seen with stays."""
        self.known_tokens.update({k: v for k, v in tokens.items() if k not in self.known_tokens})

    def _recall_by_surname(self, reading: Reading, s: str) -> None:
        """Bring back a participant named earlier by surname alone ("Han held a separate meeting")."""
        for token, country in self.known_tokens.items():
            if country not in reading.actors and re.search(r"\b" + re.escape(token) + r"\b", s):
                reading.actors[country] = OFFICIAL
                reading.order.insert(0, country)
                break

    def _pairing(self, sentence: Sentence, reading: Reading, frames: Frames) -> Pairing | None:
        """The sentence's pairs, or None when it has none to report (noting cancellations)."""
        s = sentence.text
        visit = bool(rules.VISIT_TRIGGER.search(s))
        multilateral = bool(rules.MULTILATERAL.search(s)) and not rules.SIDELINES.search(s)
        if reading.has_org and (
            not frames.strong or (multilateral and near_frame(s, reading.org_spans))
        ):
            return None  # an organisation's meeting, or a state meeting an organisation
        pairing = find_pairs(
            reading, s, self.protagonist, self.last_pair or self.context_pair, visit, multilateral
        )
        if (
            frames.cancelled
            and not pairing.pairs
            and self.last_pair is not None
            and not reading.order
            and rules.THE_MEETING.search(s)
        ):
            self.cancelled_pairs.add(self.last_pair)  # "The visit was called off on Monday."
            return None
        if len(reading.officials) >= 3 and not sentence.is_title:
            self.multi_state_body = True
        return pairing if pairing.pairs else None

    def _sports_or_business(self, s: str) -> bool:
        """True for a sentence about a match or a deal, or any sentence of a sports or business story."""
        if self.sporty is None:
            hits = len(rules.SPORTS_OR_BUSINESS.findall(self.article))
            self.sporty = hits >= rules.SPORTS_ARTICLE_HITS
        return self.sporty or bool(rules.SPORTS_OR_BUSINESS.search(s))

    def _add_candidates(
        self, sentence: Sentence, reading: Reading, pairing: Pairing, frames: Frames
    ) -> None:
        """One candidate per pair, dated per verb when the pairs have verbs of their own."""
        by_anchor: dict[int | None, list[Pair]] = {}
        for pair, anchor in pair_anchors(sentence.text, reading, pairing.pairs).items():
            by_anchor.setdefault(anchor, []).append(pair)
        for anchor, anchor_pairs in by_anchor.items():
            dating = date_meeting(
                sentence,
                anchor,
                frames.kinds[0],
                self.ref,
                last_day=self.last_day,
                story_day=self.story_day,
            )
            if dating is None:
                continue  # a meeting in the past, recalled in other news
            if dating.dated:
                self.last_day = dating.day
            location = _location(reading, dating.kind)
            city = location is not None and any(t == location and c for _, t, c in reading.places)
            for pair in anchor_pairs:
                self.candidates.append(
                    Candidate(
                        pair=pair,
                        kind=dating.kind,
                        day=dating.day,
                        dated=dating.dated,
                        location=location,
                        city=city,
                        span=dating.span,
                        names=_side_names(reading, pair, len(pairing.pairs) == 1),
                        official_both=pairing.both,
                        inferred=pairing.inferred,
                        is_title=sentence.is_title,
                        strong=frames.strong,
                    )
                )


def detect_meetings(
    title: str | None,
    text: str,
    published_at: datetime | date | None,
    *,
    dateline: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Meeting]:
    """Bilateral meetings an article reports: one per state pair, sorted by pair."""
    published = _as_day(published_at)
    language = language_of(title, text or "")
    if language is not None:  # Russian or Chinese copy: its own lexicons, the same output
        return detect_local(language, title, text or "", published, dateline)
    gaz = gazetteer or load_gazetteer()
    body, found_dateline = strip_dateline(text or "")
    dateline = dateline or found_dateline
    ref = (parse_dateline_day(dateline, published) if dateline else None) or published
    sentences = article_sentences(title, body)
    scan = _Scan(
        gaz,
        ref,
        home=home_state(dateline, gaz),
        article=f"{title or ''}\n{body}",
        story_day=lead_day(sentences, ref),
    )
    for sentence in sentences:
        scan.read(sentence)
    return merge_candidates(
        scan.candidates,
        cancelled=scan.cancelled_pairs,
        doubted=scan.doubted_pairs,
        multi_state_body=scan.multi_state_body,
        ref=ref,
    )


def mentioned_countries(
    title: str | None,
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    published_at: datetime | date | None = None,
) -> list[str]:
    """Sorted ISO alpha-2 codes of every state an article names.

    Names, demonyms, places and seats of government count; organisations and
    regions do not ("Organization of American States" names no state). A
    leader's surname counts for the state they led on ``published_at``
    (today's office holders when it is not given).
    """
    gaz = gazetteer or load_gazetteer()
    day = _as_day(published_at)
    found: set[str] = set()
    language = language_of(title, text or "")
    if language is not None:
        found |= local_countries(language, title, text or "", day)
    for m in gaz.find(f"{title or ''}\n{text or ''}"):
        if m.term.country is not None:
            found.add(m.term.country)
        elif m.term.leaders:
            leader = gaz.leader_on(m.term, day)
            if leader is not None:
                found.add(leader.country)
    return sorted(found)
