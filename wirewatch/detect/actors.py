"""Which states act in a sentence, which are only places or topics, and who speaks for them.

Every state mention gets one role from the cues around it (``actor_rules``):
an official actor ("Kenya's foreign minister", a leader in office on the day,
a seat of government), a weak actor (a bare "Russia and Belarus held talks"),
a place, a topic, or a non-state body ("U.S. carmakers"). Roles then spread
along chains ("the Russian and Belarusian leaders"), and the sentence's reading
collects the actors in text order with the names of their officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

from wirewatch.datelines import dateline_city
from wirewatch.detect import actor_rules as cues
from wirewatch.detect.gazetteer import (
    KIND_DEMONYM,
    KIND_LEADER,
    KIND_NAME,
    KIND_ORG,
    KIND_PLACE,
    KIND_REGION,
    KIND_SEAT,
    Gazetteer,
    Mention,
)

__all__ = [
    "OFFICIAL",
    "WEAK",
    "Reading",
    "clean_name",
    "home_state",
    "name_tokens",
    "read_sentence",
]

# How strongly a state is an actor in one sentence.
OFFICIAL = 2
WEAK = 1

Role = Literal["official", "weak", "place", "topic", "nonstate", "org", "other"]
_NAMED = frozenset({KIND_NAME, KIND_DEMONYM})


@dataclass
class Reading:
    """What one sentence says about states."""

    actors: dict[str, int] = field(default_factory=dict)  # country -> OFFICIAL or WEAK
    order: list[str] = field(default_factory=list)  # actor countries in text order
    places: list[tuple[str, str, bool]] = field(default_factory=list)  # (country, text, is_city)
    names: dict[str, list[str]] = field(default_factory=dict)  # country -> participant names
    has_org: bool = False
    org_spans: list[tuple[int, int]] = field(default_factory=list)
    implicit: set[str] = field(default_factory=set)  # officials found only by an untitled title
    first_at: dict[str, int] = field(default_factory=dict)  # actor country -> first offset
    seats: list[str] = field(default_factory=list)  # states whose seat of government is the venue
    unassigned: list[str] = field(default_factory=list)  # "President X" with no state known

    def add_name(self, country: str, name: str | None) -> None:
        """Record ``name`` as a participant for ``country`` (nothing when it is None)."""
        if name:
            self.names.setdefault(country, []).append(name)

    @property
    def officials(self) -> list[str]:
        """The official actors, in text order."""
        return [c for c in self.order if self.actors[c] == OFFICIAL]


@dataclass(frozen=True)
class _TitlePatterns:
    """Title cues around a state mention, built from the gazetteer's title lists."""

    after: re.Pattern[str]  # "Belarusian counterpart", "Kenya's foreign minister"
    non_state_after: re.Pattern[str]  # "U.S. carmaker", "Polish trucking associations"
    before: re.Pattern[str]  # "the President of Chile"
    name_before: re.Pattern[str]  # "President-elect Petr Pavel of the Czech Republic"
    appositive: re.Pattern[str]  # "Aliaksandr Verin, president of Belarus"


@lru_cache(maxsize=4)
def _title_patterns(official: str, non_state: str) -> _TitlePatterns:
    return _TitlePatterns(
        after=re.compile(
            r"^(?:'s|’s)?\s+(?:(?!"
            + cues.GAP_STOP
            + r")(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){0,2}?"
            + official,
            re.I,
        ),
        non_state_after=re.compile(
            r"^(?:'s|’s)?\s+(?:(?!" + cues.GAP_STOP + r")[\w-]+\s+){0,2}?" + non_state, re.I
        ),
        before=re.compile(r"(?:" + official + r")\s+(?:of|from)\s+(?:the\s+)?$", re.I),
        name_before=re.compile(
            r"(?:" + official + r")\s+((?:(?-i:[A-Z])[\w'’.-]+\s+){1,4})(?:of|from)\s+(?:the\s+)?$",
            re.I,
        ),
        appositive=re.compile(
            r"("
            + cues.NAME
            + r"),\s+(?:the\s+)?(?:"
            + official
            + r")\s+(?:of|from)\s+(?:the\s+)?$",
            re.I,
        ),
    )


def clean_name(gaz: Gazetteer, candidate: str | None) -> str | None:
    """``candidate`` when it looks like a personal name, else None (no verbs, places or states)."""
    if not candidate:
        return None
    words = candidate.strip().split()
    while words and words[-1].lower().strip(".'’") in cues.NOT_NAME:
        words.pop()  # "President Aliaksandr Verin On Tuesday ..." in a title-case headline
    capital = [w for w in words if w[:1].isupper()]
    if len(capital) < 2 or any(w.lower().strip(".'’") in cues.NOT_NAME for w in words):
        return None
    name = " ".join(words)
    if gaz.find(name):
        return None  # a state, place, leader or organisation, not an unknown person
    return name


class _MentionReader:
    """Gives each state mention of one sentence its role, noting officials' names on the way."""

    def __init__(self, sentence: str, gaz: Gazetteer, day: date | None, reading: Reading) -> None:
        self.sentence = sentence
        self.gaz = gaz
        self.day = day
        self.reading = reading
        self.mentions = gaz.find(sentence)
        self.titles = _title_patterns(gaz.official_title, gaz.non_state_title)

    def roles(self) -> list[tuple[Mention, str | None, Role]]:
        """(mention, country, role) for every mention, in text order."""
        return [(m, *self._role(i)) for i, m in enumerate(self.mentions)]

    def _next_leader(self, i: int) -> Mention | None:
        nxt = self.mentions[i + 1] if i + 1 < len(self.mentions) else None
        return nxt if nxt is not None and KIND_LEADER in nxt.term.kinds else None

    def _role(self, i: int) -> tuple[str | None, Role]:
        """The state mention ``i`` stands for (None for bodies and unknowns) and its role."""
        m = self.mentions[i]
        kinds = m.term.kinds
        before = self.sentence[max(0, m.start - cues.CUE_BEFORE) : m.start]
        after = self.sentence[m.end : m.end + cues.CUE_AFTER]
        if kinds & {KIND_ORG, KIND_REGION} and not kinds & {KIND_LEADER, *_NAMED}:
            if KIND_ORG in kinds:
                self.reading.has_org = True
                self.reading.org_spans.append((m.start, m.end))
            return None, "org"
        if KIND_LEADER in kinds:
            leader = self.gaz.leader_on(m.term, self.day)
            if leader is not None and not cues.FORMER.search(before):
                self.reading.names.setdefault(leader.country, []).append(leader.name)
                return leader.country, "official"
            if not kinds - {KIND_LEADER}:
                return None, "other"
        country = m.term.country
        if country is None:
            return None, "other"
        near = before[-cues.PLACE_CUE_BEFORE :]
        if KIND_SEAT in kinds and not cues.PLACE_BEFORE.search(near):
            return country, "official"
        if after.startswith("-") or before.endswith("-"):
            return country, "weak" if cues.COMPOUND_TALKS.match(after) else "topic"
        if kinds & _NAMED and cues.NOT_ACTOR_BEFORE.search(before):
            return country, "topic"  # "the spouses of the German and French leaders"
        return country, self._titled_role(i, country, before, after)

    def _titled_role(self, i: int, country: str, before: str, after: str) -> Role:
        """The role a title after or before the state gives it, else its place or topic role."""
        m = self.mentions[i]
        kinds = m.term.kinds
        title_after = self.titles.after.match(after) if kinds & _NAMED else None
        non_state = self.titles.non_state_after.match(after)
        military = cues.MILITARY_OFFICIAL.match(after) if kinds & _NAMED else None
        if military is not None:
            title_after, non_state = military, None
        if title_after and (non_state is None or title_after.end() <= non_state.end()):
            return self._role_with_title_after(i, country, before, after, title_after)
        if non_state is not None:
            return "nonstate"
        if cues.POSSESSIVE.match(after):
            nxt = self._next_leader(i)
            if nxt is not None and nxt.start - m.end <= cues.LEADER_AFTER_POSSESSIVE:
                return "official"
        # "the President of Chile"; a bare demonym after "of" is an adjective
        # ("a delegation of American Jewish organisations").
        if self.titles.before.search(before) and kinds - {KIND_DEMONYM}:
            window = self.sentence[max(0, m.start - cues.APPOSITIVE_REACH) : m.start]
            named = self.titles.appositive.search(window)
            self.reading.add_name(country, clean_name(self.gaz, named.group(1)) if named else None)
            return "official"
        titled = self.titles.name_before.search(before)
        if titled and titled.group(1)[:1].isupper():
            self.reading.add_name(country, clean_name(self.gaz, titled.group(1)))
            return "official"
        return self._untitled_role(kinds, before, after)

    def _role_with_title_after(
        self, i: int, country: str, before: str, after: str, title: re.Match[str]
    ) -> Role:
        """A state with a title after it ("Kenya's foreign minister") is an official actor,
        unless the official is former, out of office on the day, or only a source."""
        m = self.mentions[i]
        if cues.FORMER.search(before) or cues.FORMER_TITLE.search(title.group(0)):
            return "topic"
        nxt = self._next_leader(i)
        if (
            nxt is not None
            and nxt.start - m.end <= title.end() + cues.LEADER_AFTER_TITLE
            and self.gaz.leader_on(nxt.term, self.day) is None
            and any(lead.country == country for lead in nxt.term.leaders)
        ):
            return "topic"  # "US President Joe Biden" in a story after his term: history, not news
        if cues.SOURCE_TITLE.search(title.group(0)) and cues.SOURCE_VERB.match(
            after[title.end() :]
        ):
            return "topic"  # "Qatar's foreign ministry said": a source
        person = cues.PERSON_AFTER_TITLE.match(after[title.end() :])
        self.reading.add_name(country, clean_name(self.gaz, person.group(1)) if person else None)
        return "official"

    @staticmethod
    def _untitled_role(kinds: frozenset[str], before: str, after: str) -> Role:
        """A state with no title around it: a place, a topic or a weak actor."""
        near = before[-cues.PLACE_CUE_BEFORE :]
        if (cues.PLACE_BEFORE.search(near) or cues.VISIT_AFTER.match(after)) and kinds & {
            KIND_PLACE,
            KIND_NAME,
            KIND_SEAT,
        }:
            return "place"
        if cues.TOPIC_BEFORE.search(near):
            return "topic"
        if KIND_NAME in kinds and cues.WEAK_ACTOR_BEFORE.search(before):
            return "weak"
        if KIND_PLACE in kinds and cues.WEAK_PLACE_BEFORE.search(before):
            return "weak"
        return "topic"


def _spread_along_chains(sentence: str, roles: list[tuple[Mention, str | None, Role]]) -> None:
    """Spread the official role along chains, in place: a state joined by "and" to an
    official is one too ("Russian and Belarusian leaders", "the presidents of Russia and
    Belarus")."""
    for _ in range(cues.CHAIN_PASSES):
        for j in range(len(roles) - 1):
            (m1, c1, r1), (m2, c2, r2) = roles[j], roles[j + 1]
            chained = cues.CHAIN.match(sentence[m1.end : m2.start])
            both_named = m1.term.kinds & m2.term.kinds & _NAMED
            if {r1, r2} & {"official"} and chained:
                if r1 == "nonstate" and r2 == "official" and c1 and KIND_DEMONYM in m1.term.kinds:
                    roles[j] = (m1, c1, "official")  # "Indian and Chinese military commanders"
                if r1 in ("weak", "topic") and c1 and (both_named or r1 == "weak"):
                    roles[j] = (m1, c1, "official")
                if r2 in ("weak", "topic") and c2 and (both_named or r2 == "weak"):
                    roles[j + 1] = (m2, c2, "official")
            elif r1 == "weak" and r2 == "topic" and c2 and KIND_NAME in m2.term.kinds and chained:
                roles[j + 1] = (m2, c2, "weak")  # "Russia and Belarus held talks"


def _titled_names(
    pattern: re.Pattern[str], sentence: str, mentions: list[Mention]
) -> list[tuple[re.Match[str], str]]:
    """(match, name) of "President X" titles whose X is no known mention and names no state."""
    spans = [(m.start, m.end) for m in mentions]
    found: list[tuple[re.Match[str], str]] = []
    for match in pattern.finditer(sentence):
        name_start, name_end = match.span(1)
        if any(lo < name_end and name_start < hi for lo, hi in spans):
            continue  # the name is a known leader or a state
        if cues.STATE_NAMED_AFTER.match(sentence[name_end:]):
            continue  # "President X of Chile" names its state
        found.append((match, match.group(1)))
    return found


def _credit_untitled_officials(
    sentence: str, gaz: Gazetteer, mentions: list[Mention], home: str | None, reading: Reading
) -> None:
    """An untitled "Prime Minister X" is the home state's official; with no home state,
    the name waits for a side of a pair that has none."""
    if home is not None:
        for match, raw in _titled_names(cues.BARE_TITLE, sentence, mentions):
            reading.actors[home] = OFFICIAL
            reading.first_at.setdefault(home, match.start())
            if home not in reading.order:
                reading.order.append(home)
            reading.add_name(home, clean_name(gaz, raw))
            reading.implicit.add(home)
        return
    for _, raw in _titled_names(cues.UNTITLED_STATE_TITLE, sentence, mentions):
        name = clean_name(gaz, raw)
        if name:
            reading.unassigned.append(name)


def _tally(roles: list[tuple[Mention, str | None, Role]], reading: Reading) -> None:
    """Actors (strongest role wins, text order kept), places and seats, into ``reading``."""
    for m, country, role in roles:
        if country is None:
            continue
        if role in ("official", "weak"):
            reading.first_at.setdefault(country, m.start)
            strength = OFFICIAL if role == "official" else WEAK
            if strength > reading.actors.get(country, 0):
                reading.actors[country] = strength
            if country not in reading.order:
                reading.order.append(country)
        elif role == "place":
            if KIND_SEAT in m.term.kinds:
                reading.seats.append(country)
            is_city = KIND_PLACE in m.term.kinds and not cues.VENUE.search(m.text)
            reading.places.append((country, m.text, is_city))


def read_sentence(
    sentence: str, gaz: Gazetteer, day: date | None, home: str | None = None
) -> Reading:
    """Classify every state mention of a sentence as official actor, weak actor, place or topic.

    ``home`` is the story's home state (the dateline's); an untitled "Prime Minister X"
    whose name the gazetteer does not know is taken as its official.
    """
    reading = Reading()
    reader = _MentionReader(sentence, gaz, day, reading)
    roles = reader.roles()
    _spread_along_chains(sentence, roles)
    _credit_untitled_officials(sentence, gaz, reader.mentions, home, reading)
    _tally(roles, reading)
    return reading


def home_state(dateline: str | None, gaz: Gazetteer) -> str | None:
    """The state of a dateline's city ("MOSCOW, Dec 19 (TASS)" -> RU), if the gazetteer knows it."""
    if not dateline:
        return None
    city = dateline_city(dateline)
    for mention in gaz.find(city.title()):
        if mention.term.country is not None:
            return mention.term.country
    return None


def name_tokens(names: dict[str, list[str]]) -> dict[str, str]:
    """Surname-like tokens of participant names, for "Han held a separate meeting" later on."""
    tokens: dict[str, str] = {}
    for country, found in names.items():
        for name in found:
            for token in cues.SURNAME.findall(name):
                tokens.setdefault(token, country)
    return tokens
