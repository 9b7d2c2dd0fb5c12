"""Finding bilateral meetings, and the states an article mentions.

The detector works sentence by sentence. In each sentence it looks for a
meeting frame (a meeting, visit or call verb), finds which states have an
official acting in it (a leader on the article's date, a title next to a
state's name or demonym, a seat of government) and which are only places or
topics, and reads the modality around the frame (future, negation,
cancellation, condition, past reference). A sentence whose actors are exactly
two states gives a candidate; candidates of one pair in one article merge into
one meeting, dated from the sentence that says when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from wirewatch.detect import rules
from wirewatch.detect.dates import find_date_phrase, parse_dateline_day, resolve_date_phrase
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
    load_gazetteer,
)
from wirewatch.lexicon import MONTH_ABBREVIATIONS_EN, MONTHS_EN, WEEKDAY_PATTERN, WEEKDAYS
from wirewatch.models import Meeting

__all__ = ["detect_meetings", "mentioned_countries"]

# How strongly a state is an actor in one sentence.
OFFICIAL = 2
WEAK = 1

_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z .'’-]{1,40}?)(?:,\s*(?!(?:"
    + "|".join(m.title() for m in MONTH_ABBREVIATIONS_EN)
    + r")[a-z]*\.?\s+\d)[A-Z][A-Za-z .]{1,30}?)?"
    r"(?:,\s*(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}))?"
    r"(?:,\s*(?:19|20)\d\d)?(?:,\s*[A-Z]{2,6})?\s*(?:\((?P<agency>[^)]{1,40})\))?\s*"
    # "-", "--", ":" or TASS's ". /TASS/."
    r"(?:[-–—]{1,2}|:|\.\s*/[A-Za-z][\w -]{1,20}/\.?)\s+"
)
_ABBREVIATIONS = frozenset(
    [
        "U.S.",
        "U.K.",
        "U.N.",
        "E.U.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "St.",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "Aug.",
        "Sept.",
        "Sep.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Gen.",
        "Lt.",
        "Col.",
        "Sen.",
        "Rep.",
        "Gov.",
        "No.",
        "Jr.",
        "Sr.",
        "Prof.",
        "Maj.",
        "Capt.",
        "Adm.",
        "Sgt.",
        "Corp.",
        "Inc.",
        "Ltd.",
        "Co.",
        "vs.",
        "J.D.",
        "S.",
        "Ft.",
        "Mt.",
        "Gov.",
        "Pres.",
        "Amb.",
    ]
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
_POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+")
_COMPOUND_TALKS = re.compile(
    r"^(?:-[A-Z][\w.]*)*\s+(?:talks|summit|meeting|call|negotiations|consultations|leaders|foreign ministers|ministers)\b",
    re.I,
)
_CHAIN = re.compile(r"^\s*(?:,|and|,\s*and|&|/)\s*(?:the\s+)?$")
_VISIT_AFTER = re.compile(
    r"^(?:'s)?\s+(?:state |official |working )?(?:visit|trip|talks|summit|meeting)\b", re.I
)
_THE_MEETING = re.compile(
    r"\b(?:the|this|that|his|her|their) (?:planned |scheduled |proposed )?(?:visit|meeting|talks|trip|summit|call)\b",
    re.I,
)
_VENUE = re.compile(r"Palace|Hall|House|Guesthouse|Castle|Building|Office|Villa|Pavilion|Mansion")
_WEAK_TRIGGER = re.compile(
    r"^(?:meeting|talks (?:in|at|on)|in talks|visit\w*|tour\w*|arriv\w+|land\w+|trip)", re.I
)
# "..., the ministry said on Monday": the day of the statement, not of the meeting.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|stated|added|noted|wrote|told reporters|posted|tweeted|revealed|disclosed)"
    r"(?:\s+(?:in a statement|in a post|on X|on Telegram|late|early))?\s+(?:on\s+)?"
    r"(?:" + WEEKDAY_PATTERN.title() + r"|yesterday|today"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?-i:[A-Z])[a-z]{2,8}\.?|(?-i:[A-Z])[a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)\b(?!\s*(?:-|to)\s*\d)",
    re.I,
)
_SAME_DAY = re.compile(
    r"\b(?:the same day|later (?:in )?that day|later in the day|earlier in the day|that evening|the same evening|on the same occasion)\b",
    re.I,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Date phrases too loose to date a story by.
_VAGUE_KINDS = frozenset(
    {
        "month_only",
        "past_period",
        "future_period",
        "last_week",
        "next_week",
        "tomorrow",
        "next_weekday",
    }
)
_AFTER_NEGATION = re.compile(
    r"^[^;]{0,40}?\b(?:not yet|has not been|have not been|was not|were not|had not been|never)\b",
    re.I,
)
_AFTER_CONDITION = re.compile(
    r"^[^;]{0,80}?\b(?:if|unless|provided that|on condition|being considered|under consideration|no date|not been set|in principle"
    r"|could|might|(?-i:may)|unlikely|not expected|not planned|possible|would be (?:useful|welcome|possible|important|good|helpful|premature)"
    r"|(?<!of )(?<!on )(?<!about )indirect|through (?:\w+ )?mediators?|without meeting)\b",
    re.I,
)
# "Prime Minister K.P. Sharma Oli" with no state named: the home state of the story.
_BARE_TITLE = re.compile(
    r"(?:^|[,;]\s+|\band\s+|\bwith\s+|\bby\s+)(?:the\s+)?(?:President|Prime Minister|Premier|Chancellor|Foreign Minister|External Affairs Minister"
    r"|Minister of Foreign Affairs|Defen[cs]e Minister|King|Emir|Amir|Crown Prince|Sultan|Vice President|Deputy Prime Minister|Foreign Secretary)"
    r"\s+((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
)


# Words that cannot stand between a state and its official's title: in "Belarus met
# President Wang" the title belongs to the other side.
_GAP_STOP = (
    r"(?:met|meets|meeting|held|holds|hosted|hosts|received|receives|welcomed|greeted|visited|visits"
    r"|called|spoke|talked|told|said|says|thanked|urged|invited|and|with|to|of|for|in|on|at|by|from"
    r"|as|is|was|were|has|had|have|will|would|than|whose|which|who)\b"
)
# An institution that reports a meeting rather than taking part: "Qatar's foreign ministry said".
_SOURCE_TITLE = re.compile(r"\b(?:ministry|government|administration|authorities)$", re.I)
_SOURCE_VERB = re.compile(
    r"^(?:\s+(?:spokes(?:man|woman|person)|press service|statement))?\s+(?:said|says|announced|reported|confirmed|stated|added|noted)\b",
    re.I,
)
# A personal name: two to four capitalised words, with the particles names carry.
_NAME = r"(?-i:[A-Z][\w'’.-]+(?:\s+(?:(?:bin|binti|ibn|al|el|da|de|do|dos|van|von|der|den|le|la|di|du)\s+)?[A-Z][\w'’-]+){1,3})"
# Capitalised words that are never part of a personal name (headlines are in title case).
_NOT_NAME = frozenset(
    {
        "says",
        "said",
        "say",
        "meets",
        "met",
        "meet",
        "holds",
        "held",
        "hold",
        "talks",
        "talk",
        "visits",
        "visit",
        "visited",
        "calls",
        "call",
        "called",
        "urges",
        "urged",
        "hosts",
        "hosted",
        "receives",
        "received",
        "discusses",
        "discussed",
        "agree",
        "agrees",
        "agreed",
        "sign",
        "signs",
        "signed",
        "vows",
        "pledges",
        "pledged",
        "tells",
        "told",
        "to",
        "in",
        "on",
        "at",
        "of",
        "for",
        "with",
        "and",
        "the",
        "a",
        "an",
        "as",
        "by",
        "from",
        "after",
        "before",
        "over",
        "amid",
        "ahead",
        "during",
        "new",
        "his",
        "her",
        "their",
        "ties",
        "relations",
        "trade",
        "deal",
        "deals",
        "summit",
        "meeting",
        "cooperation",
        "office",
        "palace",
        "hall",
        "house",
        "government",
        "ministry",
        "council",
        "administration",
        "embassy",
        "spokesperson",
        "spokesman",
        "press",
        "service",
        "statement",
        *WEEKDAYS,
        *MONTHS_EN,
    }
)


def _clean_name(gaz: Gazetteer, candidate: str | None) -> str | None:
    """``candidate`` when it looks like a personal name, else None (no verbs, places or states)."""
    if not candidate:
        return None
    words = candidate.strip().split()
    while words and words[-1].lower().strip(".'’") in _NOT_NAME:
        words.pop()  # "President Aliaksandr Verin On Tuesday ..." in a title-case headline
    capital = [w for w in words if w[:1].isupper()]
    if len(capital) < 2 or any(w.lower().strip(".'’") in _NOT_NAME for w in words):
        return None
    name = " ".join(words)
    if gaz.find(name):
        return None  # a state, place, leader or organisation, not an unknown person
    return name


_PERSON_AFTER_TITLE = re.compile(r"^\s+(" + _NAME + r")")


# "President Aliaksandr Verin" with no state named and no dateline to say whose:
# the name goes to the side of a pair that has none.
_UNTITLED_STATE_TITLE = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|Foreign Minister|Defen[cs]e Minister|Vice President"
    r"|Deputy Prime Minister|Vice Premier|Foreign Secretary|Secretary of State|King|Emir|Crown Prince)\s+("
    + _NAME
    + r")"
)


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
            + _GAP_STOP
            + r")(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){0,2}?"
            + official,
            re.I,
        ),
        non_state_after=re.compile(
            r"^(?:'s|’s)?\s+(?:(?!" + _GAP_STOP + r")[\w-]+\s+){0,2}?" + non_state, re.I
        ),
        before=re.compile(r"(?:" + official + r")\s+(?:of|from)\s+(?:the\s+)?$", re.I),
        name_before=re.compile(
            r"(?:" + official + r")\s+((?:(?-i:[A-Z])[\w'’.-]+\s+){1,4})(?:of|from)\s+(?:the\s+)?$",
            re.I,
        ),
        appositive=re.compile(
            r"(" + _NAME + r"),\s+(?:the\s+)?(?:" + official + r")\s+(?:of|from)\s+(?:the\s+)?$",
            re.I,
        ),
    )


@dataclass
class _Sentence:
    text: str
    is_title: bool = False


@dataclass
class _Reading:
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


@dataclass
class _Candidate:
    pair: tuple[str, str]
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


def _as_day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _split_sentences(text: str) -> list[str]:
    """Sentences of a text: paragraphs first, then sentence ends not after an abbreviation."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces = _SENTENCE_END.split(paragraph)
        buffer = ""
        for piece in pieces:
            buffer = f"{buffer} {piece}" if buffer else piece
            last = buffer.rsplit(None, 1)[-1] if buffer.split() else ""
            if last in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.){1,3}", last):
                continue
            out.append(buffer)
            buffer = ""
        if buffer:
            out.append(buffer)
    return out


def _strip_dateline(text: str) -> tuple[str, str | None]:
    """The text without its leading dateline, and the dateline ("MOSCOW, Dec 19 (TASS)")."""
    paragraphs = text.split("\n")
    for i, paragraph in enumerate(paragraphs[:6]):
        match = _DATELINE.match(paragraph)
        if (
            match
            and len(match.group("city").strip()) >= 3
            and match.group("city").strip().upper() == match.group("city").strip()
        ):
            dateline = match.group(0).strip(" -–—:")
            paragraphs[i] = paragraph[match.end() :]
            return "\n".join(paragraphs), dateline
    return text, None


def _read_sentence(
    sentence: str, gaz: Gazetteer, day: date | None, home: str | None = None
) -> _Reading:
    """Classify every state mention of a sentence as official actor, weak actor, place or topic.

    ``home`` is the story's home state (the dateline's); an untitled "Prime Minister X"
    whose name the gazetteer does not know is taken as its official.
    """
    reading = _Reading()
    titles = _title_patterns(gaz.official_title, gaz.non_state_title)
    mentions = gaz.find(sentence)
    roles: list[tuple[Mention, str | None, str]] = []  # (mention, country, role)
    for i, m in enumerate(mentions):
        kinds = m.term.kinds
        # Short windows: the cues sit next to the name, and the regexes end in "$".
        before = sentence[max(0, m.start - 45) : m.start]
        near = before[-25:]
        after = sentence[m.end : m.end + 80]
        if kinds & {KIND_ORG, KIND_REGION} and not kinds & {KIND_LEADER, KIND_NAME, KIND_DEMONYM}:
            if KIND_ORG in kinds:
                reading.has_org = True
                reading.org_spans.append((m.start, m.end))
            roles.append((m, None, "org"))
            continue
        if KIND_LEADER in kinds:
            leader = gaz.leader_on(m.term, day)
            if leader is not None and not rules.FORMER.search(before):
                roles.append((m, leader.country, "official"))
                reading.names.setdefault(leader.country, []).append(leader.name)
                continue
            if not kinds - {KIND_LEADER}:
                roles.append((m, None, "other"))
                continue
        country = m.term.country
        if country is None:
            roles.append((m, None, "other"))
            continue
        if KIND_SEAT in kinds and not rules.PLACE_BEFORE.search(near):
            roles.append((m, country, "official"))
            continue
        if after.startswith("-") or before.endswith("-"):
            # "Russia-Belarus talks" names two actors; "Russian-Belarusian relations" is a topic.
            roles.append((m, country, "weak" if _COMPOUND_TALKS.match(after) else "topic"))
            continue
        if kinds & {KIND_NAME, KIND_DEMONYM} and rules.NOT_ACTOR_BEFORE.search(before):
            roles.append((m, country, "topic"))  # "the spouses of the German and French leaders"
            continue
        title_after = titles.after.match(after) if kinds & {KIND_NAME, KIND_DEMONYM} else None
        non_state = titles.non_state_after.match(after)
        military = (
            rules.MILITARY_OFFICIAL.match(after) if kinds & {KIND_NAME, KIND_DEMONYM} else None
        )
        if military is not None:
            title_after, non_state = military, None
        if title_after and (non_state is None or title_after.end() <= non_state.end()):
            if rules.FORMER.search(before) or re.search(
                r"\b(?:former|ex-)", title_after.group(0), re.I
            ):
                roles.append((m, country, "topic"))
                continue
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (
                nxt is not None
                and KIND_LEADER in nxt.term.kinds
                and nxt.start - m.end <= title_after.end() + 2
                and gaz.leader_on(nxt.term, day) is None
                and any(lead.country == country for lead in nxt.term.leaders)
            ):
                # "US President Joe Biden" in a story after his term: history, not news.
                roles.append((m, country, "topic"))
                continue
            if _SOURCE_TITLE.search(title_after.group(0)) and _SOURCE_VERB.match(
                after[title_after.end() :]
            ):
                roles.append((m, country, "topic"))  # "Qatar's foreign ministry said": a source
                continue
            roles.append((m, country, "official"))
            person = _PERSON_AFTER_TITLE.match(after[title_after.end() :])
            name = _clean_name(gaz, person.group(1)) if person else None
            if name:
                reading.names.setdefault(country, []).append(name)
            continue
        if non_state is not None:
            roles.append((m, country, "nonstate"))
            continue
        if _POSSESSIVE.match(after):
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and KIND_LEADER in nxt.term.kinds and nxt.start - m.end <= 4:
                roles.append((m, country, "official"))
                continue
        # "the President of Chile"; a bare demonym after "of" is an adjective
        # ("a delegation of American Jewish organisations").
        if titles.before.search(before) and kinds - {KIND_DEMONYM}:
            roles.append((m, country, "official"))
            named = titles.appositive.search(sentence[max(0, m.start - 110) : m.start])
            name = _clean_name(gaz, named.group(1)) if named else None
            if name:
                reading.names.setdefault(country, []).append(name)
            continue
        titled = titles.name_before.search(before)
        if titled and titled.group(1)[:1].isupper():
            roles.append((m, country, "official"))
            name = _clean_name(gaz, titled.group(1))
            if name:
                reading.names.setdefault(country, []).append(name)
            continue
        if (rules.PLACE_BEFORE.search(near) or _VISIT_AFTER.match(after)) and kinds & {
            KIND_PLACE,
            KIND_NAME,
            KIND_SEAT,
        }:
            roles.append((m, country, "place"))
            continue
        if rules.TOPIC_BEFORE.search(near):
            roles.append((m, country, "topic"))
            continue
        if KIND_NAME in kinds and rules.WEAK_ACTOR_BEFORE.search(before):
            roles.append((m, country, "weak"))
            continue
        if KIND_PLACE in kinds and re.search(r"(?:\bwith|\bbetween)\s+$", before):
            roles.append((m, country, "weak"))
            continue
        roles.append((m, country, "topic"))

    # "Russian and Belarusian leaders", "the presidents of Russia and Belarus":
    # a state joined by "and" to an official takes the official role too.
    for _ in range(2):
        for j in range(len(roles) - 1):
            (m1, c1, r1), (m2, c2, r2) = roles[j], roles[j + 1]
            if {r1, r2} & {"official"} and _CHAIN.match(sentence[m1.end : m2.start]):
                if r1 == "nonstate" and r2 == "official" and c1 and KIND_DEMONYM in m1.term.kinds:
                    roles[j] = (m1, c1, "official")  # "Indian and Chinese military commanders"
                if (
                    r1 in ("weak", "topic")
                    and c1
                    and (m1.term.kinds & m2.term.kinds & {KIND_NAME, KIND_DEMONYM} or r1 == "weak")
                ):
                    roles[j] = (m1, c1, "official")
                if (
                    r2 in ("weak", "topic")
                    and c2
                    and (m1.term.kinds & m2.term.kinds & {KIND_NAME, KIND_DEMONYM} or r2 == "weak")
                ):
                    roles[j + 1] = (m2, c2, "official")
            elif (
                r1 == "weak"
                and r2 == "topic"
                and c2
                and KIND_NAME in m2.term.kinds
                and _CHAIN.match(sentence[m1.end : m2.start])
            ):
                roles[j + 1] = (m2, c2, "weak")  # "Russia and Belarus held talks"

    if home is not None:
        spans = [(m.start, m.end) for m in mentions]
        for match in _BARE_TITLE.finditer(sentence):
            name_start, name_end = match.span(1)
            if any(lo < name_end and name_start < hi for lo, hi in spans):
                continue  # the name is a known leader or a state
            if re.match(r"\s+(?:of|from)\s", sentence[name_end:]):
                continue  # "President X of Chile" names its state
            reading.actors[home] = OFFICIAL
            reading.first_at.setdefault(home, match.start())
            if home not in reading.order:
                reading.order.append(home)
            name = _clean_name(gaz, match.group(1))
            if name:
                reading.names.setdefault(home, []).append(name)
            reading.implicit.add(home)
    if home is None and _UNTITLED_STATE_TITLE.search(sentence):
        spans = [(m.start, m.end) for m in mentions]
        for match in _UNTITLED_STATE_TITLE.finditer(sentence):
            name_start, name_end = match.span(1)
            if any(lo < name_end and name_start < hi for lo, hi in spans):
                continue
            if re.match(r"\s+(?:of|from)\s", sentence[name_end:]):
                continue
            name = _clean_name(gaz, match.group(1))
            if name:
                reading.unassigned.append(name)

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
            is_city = KIND_PLACE in m.term.kinds and not _VENUE.search(m.text)
            reading.places.append((country, m.text, is_city))
    return reading


def _cut(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words, so a window never ends inside "William"."""
    start = max(0, start)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end - 1 : end].isalnum() and text[end : end + 1].isalnum():
        end += 1
    return text[start:end]


def _is_call(sentence: str, match: re.Match[str], title_call: bool) -> bool:
    """True when a frame is a call: a call word itself, or one right around it ("held talks by phone")."""
    if title_call or rules.CALL_TRIGGER.fullmatch(match.group(0)):
        return True
    return bool(rules.CALL_CHANNEL.search(_cut(sentence, match.start() - 30, match.end() + 50)))


def _trigger_kinds(
    sentence: str, is_title: bool, ref: date | None = None
) -> tuple[list[str], bool, bool, bool, bool]:
    """Kinds the meeting frames of a sentence support, in text order.

    Also whether the sentence reports a cancellation, recalls a past meeting,
    has a strong frame (a verb rather than "visit" or "meeting"), and whether
    its frames were all negated or made conditional ("doubted").
    """
    matches = list(rules.CALL_TRIGGER.finditer(sentence)) + list(
        rules.MEET_TRIGGER.finditer(sentence)
    )
    if is_title:
        matches += list(rules.HEADLINE_MEET.finditer(sentence))
    matches.sort(key=lambda m: m.start())
    if not matches:
        return [], False, False, False, False
    is_call = bool(rules.CALL_TRIGGER.search(sentence)) or (
        is_title and bool(rules.HEADLINE_CALL.search(sentence))
    )
    cleaned = rules.INVITATION_OF.sub(" ", sentence)
    kinds: list[str] = []
    past = strong = doubted = False
    phrase = find_date_phrase(_without_attribution(sentence)) if ref is not None else None
    day = resolve_date_phrase(phrase, ref) if phrase is not None and ref is not None else None
    recent = (
        day is not None and 0 <= (ref - day).days <= rules.PAST_REFERENCE_DAYS if ref else False
    )
    # A sentence that reports a cancellation reports no meeting, wherever the word sits.
    cancelled = bool(rules.CANCELLED.search(cleaned))
    if cancelled:
        return [], True, False, False, False
    multilateral = bool(rules.MULTILATERAL.search(sentence)) and not rules.SIDELINES.search(
        sentence
    )
    for match in matches:
        lo = max(0, match.start() - 50)
        window_before = _cut(cleaned, lo, match.start())
        after = cleaned[match.end() :]
        if (
            rules.NEGATED.search(_cut(cleaned, lo, match.end()))
            or rules.DENIAL.search(_cut(cleaned, match.start() - 110, match.start()))
            or re.match(r"\s+(?:not|no)\b", after)
            or _AFTER_NEGATION.match(after)
        ):
            doubted = True
            continue
        if rules.PAST_REFERENCE.search(_cut(cleaned, match.start() - 100, match.end() + 35)) or (
            not recent and rules.PLUPERFECT.search(_cut(cleaned, match.start() - 20, match.end()))
        ):
            past = True
            continue
        if ref is not None and any(
            int(y) < ref.year for y in _YEAR.findall(cleaned[match.start() : match.end() + 60])
        ):
            past = True  # "met in Geneva in June 2021"
            continue
        if rules.CONDITIONAL.search(window_before) or _AFTER_CONDITION.match(after):
            doubted = True
            continue
        if multilateral and _WEAK_TRIGGER.match(match.group(0)):
            continue
        if not _WEAK_TRIGGER.match(match.group(0)):
            strong = True
        future = rules.FUTURE.search(window_before) or rules.FUTURE.search(
            _cut(cleaned, match.start(), match.end() + 20)
        )
        if is_title:
            future = rules.HEADLINE_FUTURE.search(sentence)
        if future:
            kinds.append(rules.ANNOUNCED)
        else:
            kinds.append(
                rules.CALL if _is_call(cleaned, match, is_title and is_call) else rules.IN_PERSON
            )
    return kinds, cancelled, past, strong, doubted and not kinds


def _near_trigger(sentence: str, spans: list[tuple[int, int]], reach: int = 60) -> bool:
    """True when a span lies within ``reach`` characters of a meeting frame."""
    triggers = [m.span() for m in rules.MEET_TRIGGER.finditer(sentence)] + [
        m.span() for m in rules.CALL_TRIGGER.finditer(sentence)
    ]
    return any(
        abs(a - t0) <= reach or abs(t1 - b) <= reach or (t0 <= a and b <= t1)
        for a, b in spans
        for t0, t1 in triggers
    )


def _pairs(
    reading: _Reading,
    sentence: str,
    protagonist: str | None,
    last_pair: tuple[str, str] | None,
    visit: bool,
    multilateral: bool,
) -> tuple[list[tuple[str, str]], bool, bool]:
    """The state pairs a sentence's actors make; also whether a side was inferred and both are officials."""
    officials = [c for c in reading.order if reading.actors[c] == OFFICIAL]
    actors = officials if len(officials) >= 2 else list(reading.order)
    inferred = False
    if (
        len(actors) <= 1
        and rules.TWO_SIDES.search(sentence)
        and last_pair
        and (not actors or actors[0] in last_pair)
    ):
        return [last_pair], True, True
    if (
        len(actors) == 1
        and protagonist
        and protagonist not in actors
        and rules.PRONOUN_SUBJECT.search(sentence)
    ):
        actors = [protagonist, *actors]
        inferred = True
    visit = visit and not rules.HOST_BLOCK.search(sentence)
    if len(actors) == 1 and not multilateral and not visit:
        # "met the Prime Minister of Luxembourg in Downing Street": the seat's state hosts.
        hosts = [c for c in reading.seats if c not in actors]
        if hosts:
            actors = [actors[0], hosts[0]]
            inferred = True
    if len(actors) == 1 and visit and not multilateral:
        hosts = [c for c, _, _ in reading.places if c not in actors]
        if hosts:
            actors = [actors[0], hosts[0]]
            inferred = True
    if (
        len(actors) == 0
        and protagonist
        and visit
        and not multilateral
        and rules.PRONOUN_SUBJECT.search(sentence)
    ):
        hosts = [c for c, _, _ in reading.places if c != protagonist]
        if hosts:
            actors = [protagonist, hosts[0]]
            inferred = True
    both = all(reading.actors.get(c) == OFFICIAL or c == protagonist for c in actors)
    # An official known only from an untitled "Prime Minister X" and the dateline is a guess.
    inferred = inferred or any(c in reading.implicit for c in actors)
    if len(actors) == 2:
        a, b = sorted(actors)
        return [(a, b)], inferred, both
    if (
        len(actors) >= 3
        and not rules.TRILATERAL.search(sentence)
        and (rules.SEPARATELY.search(sentence) or _each_after_a_frame(sentence, reading, actors))
    ):
        subject = actors[0]
        return [tuple(sorted((subject, other))) for other in actors[1:]], inferred, both  # type: ignore[misc]
    return [], inferred, both


def _strong_frames(sentence: str) -> list[tuple[int, int]]:
    """Spans of the meeting and call verbs of a sentence ("met", "held talks"), not nouns."""
    frames = [*rules.MEET_TRIGGER.finditer(sentence), *rules.CALL_TRIGGER.finditer(sentence)]
    return sorted(f.span() for f in frames if not _WEAK_TRIGGER.match(f.group(0)))


# How far after a meeting verb its object may start ("met Indonesian Foreign Minister ...").
FRAME_OBJECT_REACH = 40


def _each_after_a_frame(sentence: str, reading: _Reading, actors: list[str]) -> bool:
    """True when each state after the subject follows a meeting verb of its own.

    "held talks with A in Hanoi on Monday, before flying to Jakarta, where he met B on
    Tuesday" reports two meetings; "met A and B" does not say they were separate.
    """
    frames = _strong_frames(sentence)
    used: set[int] = set()
    for other in actors[1:]:
        at = reading.first_at.get(other)
        if at is None:
            return False
        before = [f for f in frames if f[1] <= at and at - f[1] <= FRAME_OBJECT_REACH]
        if not before or before[-1][0] in used:
            return False
        used.add(before[-1][0])
    return True


def _pair_anchors(
    sentence: str, reading: _Reading, pairs: list[tuple[str, str]]
) -> dict[tuple[str, str], int | None]:
    """Where to look for each pair's day: the verb before the other side, when there are several."""
    anchor = _anchor(sentence)
    if len(pairs) == 1:
        return {pairs[0]: anchor}
    frames = _strong_frames(sentence)
    subject = next(iter(set(pairs[0]).intersection(*pairs[1:])), None)
    out: dict[tuple[str, str], int | None] = {}
    for pair in pairs:
        other = pair[1] if pair[0] == subject else pair[0]
        at = reading.first_at.get(other)
        before = [f[0] for f in frames if at is not None and f[1] <= at]
        out[pair] = before[-1] if before else anchor
    return out


def _location(reading: _Reading, pair: tuple[str, str], kind: str) -> str | None:
    if kind == rules.CALL:
        return None
    cities = [text for _, text, is_city in reading.places if is_city]
    if cities:
        return cities[0]
    return reading.places[0][1] if reading.places else None


def _confidence(group: list[_Candidate]) -> float:
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
    return CONFIDENCE_TABLE[max(0, min(score, len(CONFIDENCE_TABLE) - 1))]


# Confidence per evidence score (0..6): the precision each score had on labelled
# items not used for tuning (the first held-out batch, scored before it was
# opened), rounded and kept monotone. benchmarks/detect_bench.py prints the
# calibration table to re-check it.
CONFIDENCE_TABLE: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 0.97)


def _without_attribution(sentence: str) -> str:
    """``sentence`` with "said on Monday" blanked out, keeping every other offset."""
    return _ATTRIBUTION.sub(lambda m: " " * len(m.group(0)), sentence)


def _anchor(sentence: str) -> int | None:
    """Where a sentence's meeting verb is (its first strong frame), or None without one.

    A weak frame ("meeting", "visit") is often a noun far from the day it happened.
    """
    frames = sorted(
        [*rules.MEET_TRIGGER.finditer(sentence), *rules.CALL_TRIGGER.finditer(sentence)],
        key=lambda m: m.start(),
    )
    for frame in frames:
        if not _WEAK_TRIGGER.match(frame.group(0)):
            return frame.start()
    return None


def _lead_day(sentences: list[_Sentence], ref: date | None) -> date | None:
    """The day the story is about: a recent day named in its first sentence.

    "Prabowo and Albanese signed a pact on Wednesday. The two leaders held a
    bilateral meeting ..." dates the meeting of the second sentence.
    """
    if ref is None:
        return None
    body = [s.text for s in sentences if not s.is_title][:1]
    for text in body:
        phrase = find_date_phrase(_without_attribution(text))
        if phrase is None or phrase.kind in _VAGUE_KINDS:
            continue
        day = resolve_date_phrase(phrase, ref)
        if day is not None and 0 <= (ref - day).days <= rules.PAST_REFERENCE_DAYS:
            return day
    return None


def _home_state(dateline: str | None, gaz: Gazetteer) -> str | None:
    """The state of a dateline's city ("MOSCOW, Dec 19 (TASS)" -> RU), if the gazetteer knows it."""
    if not dateline:
        return None
    city = re.split(r"[,(]", dateline, maxsplit=1)[0].strip()
    for mention in gaz.find(city.title()):
        if mention.term.country is not None:
            return mention.term.country
    return None


def _name_tokens(names: dict[str, list[str]]) -> dict[str, str]:
    """Surname-like tokens of participant names, for "Han held a separate meeting" later on."""
    tokens: dict[str, str] = {}
    for country, found in names.items():
        for name in found:
            for token in re.findall(r"[A-Z][\w'’-]{2,}", name):
                tokens.setdefault(token, country)
    return tokens


def detect_meetings(
    title: str | None,
    text: str,
    published_at: datetime | date | None,
    *,
    dateline: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Meeting]:
    """Bilateral meetings an article reports: one per state pair, sorted by pair."""
    gaz = gazetteer or load_gazetteer()
    published = _as_day(published_at)
    body, found_dateline = _strip_dateline(text or "")
    dateline = dateline or found_dateline
    ref = (parse_dateline_day(dateline, published) if dateline else None) or published
    home = _home_state(dateline, gaz)

    sentences: list[_Sentence] = []
    if title and title.strip():
        clean_title = title.strip()
        if clean_title.isupper():
            clean_title = clean_title.title()
        sentences.append(_Sentence(clean_title, is_title=True))
    sentences.extend(_Sentence(s) for s in _split_sentences(body))

    article = f"{title or ''}\n{body}"
    sporty: bool | None = None  # counted only when a candidate needs it

    protagonist: str | None = None
    last_pair: tuple[str, str] | None = None
    context_pair: tuple[str, str] | None = None  # two officials named before any meeting frame
    last_day: date | None = None
    lead_day = _lead_day(sentences, ref)
    known_tokens: dict[str, str] = {}
    candidates: list[_Candidate] = []
    cancelled_pairs: set[tuple[str, str]] = set()
    doubted_pairs: set[tuple[str, str]] = set()
    multi_state_body = False
    for sentence in sentences:
        s = sentence.text
        kinds, cancelled, past, strong, doubted = _trigger_kinds(s, sentence.is_title, ref)
        if not kinds and not cancelled and not doubted and protagonist is not None:
            continue  # most sentences of a long story: nothing to read
        reading = _read_sentence(s, gaz, ref, home)
        officials = [c for c in reading.order if reading.actors[c] == OFFICIAL]
        if protagonist is None and officials:
            protagonist = officials[0]
        sentence_tokens = _name_tokens(reading.names)
        if not kinds and not cancelled and not doubted:
            known_tokens.update({k: v for k, v in sentence_tokens.items() if k not in known_tokens})
            if len(reading.order) == 2 and context_pair is None:
                # "A and B agreed on Tuesday to ... The two heads of government met in Vienna."
                context_pair = (min(reading.order), max(reading.order))
            continue
        if len(reading.order) == 1:
            # "Han held a separate meeting with ...": a participant named earlier, by surname.
            for token, country in known_tokens.items():
                if country not in reading.actors and re.search(r"\b" + re.escape(token) + r"\b", s):
                    reading.actors[country] = OFFICIAL
                    reading.order.insert(0, country)
                    break
        known_tokens.update({k: v for k, v in sentence_tokens.items() if k not in known_tokens})
        visit = bool(rules.VISIT_TRIGGER.search(s))
        multilateral = bool(rules.MULTILATERAL.search(s)) and not rules.SIDELINES.search(s)
        if reading.has_org and (
            not strong or (multilateral and _near_trigger(s, reading.org_spans))
        ):
            continue  # an organisation's meeting, or a state meeting an organisation
        pairs, inferred, both = _pairs(
            reading, s, protagonist, last_pair or context_pair, visit, multilateral
        )
        if (
            cancelled
            and not pairs
            and last_pair is not None
            and not reading.order
            and _THE_MEETING.search(s)
        ):
            cancelled_pairs.add(last_pair)  # "The visit was called off on Monday."
            continue
        if (
            len([c for c in reading.order if reading.actors[c] == OFFICIAL]) >= 3
            and not sentence.is_title
        ):
            multi_state_body = True
        if not pairs:
            continue
        if not both:
            if sporty is None:
                sporty = len(rules.SPORTS_OR_BUSINESS.findall(article)) >= 3
            if sporty or rules.SPORTS_OR_BUSINESS.search(s):
                continue
        if cancelled or doubted:
            (cancelled_pairs if cancelled else doubted_pairs).update(pairs)
            continue
        kind = kinds[0] if kinds else None
        if kind is None:
            continue
        by_anchor: dict[int | None, list[tuple[str, str]]] = {}
        for pair, anchor in _pair_anchors(s, reading, pairs).items():
            by_anchor.setdefault(anchor, []).append(pair)
        for anchor, anchor_pairs in by_anchor.items():
            pair_kind = kind
            phrase = find_date_phrase(_without_attribution(s), anchor)
            if (
                phrase is not None
                and phrase.kind == "month_only"
                and ref is not None
                and resolve_date_phrase(phrase, ref) is None  # this month: no day said
            ):
                phrase = find_date_phrase(_without_attribution(s))
            day: date | None = None
            dated = False
            span = phrase is not None and phrase.is_span
            if phrase is None and last_day is not None and not sentence.is_title:
                # "He later held a bilateral meeting with ...": the day the story is about.
                day, dated = last_day, bool(_SAME_DAY.search(s))
            elif phrase is None and lead_day is not None:
                if pair_kind != rules.ANNOUNCED:
                    day = lead_day
            elif phrase is not None and ref is not None:
                if phrase.kind == "past_period" and pair_kind != rules.ANNOUNCED:
                    continue
                day = resolve_date_phrase(phrase, ref, future=pair_kind == rules.ANNOUNCED)
                dated = day is not None
            if ref is not None and pair_kind != rules.ANNOUNCED:
                recent = day is not None and (ref - day).days <= rules.PAST_REFERENCE_DAYS
                old_year = any(int(y) < ref.year for y in _YEAR.findall(s))
                if (day is not None and not recent) or (old_year and not recent):
                    continue  # a meeting in the past, recalled in other news
                if day is not None and (day - ref).days > 2:
                    pair_kind = rules.ANNOUNCED
            if dated:
                last_day = day
            location = _location(reading, pair=anchor_pairs[0], kind=pair_kind)
            for pair in anchor_pairs:
                side_names = {c: list(reading.names.get(c, [])) for c in pair}
                bare = [c for c in pair if not side_names[c]]
                free = [
                    n for n in reading.unassigned if all(n not in v for v in side_names.values())
                ]
                if len(bare) == 1 and len(free) == 1 and len(pairs) == 1:
                    side_names[bare[0]] = free
                candidates.append(
                    _Candidate(
                        pair=pair,
                        kind=pair_kind,
                        day=day,
                        dated=dated,
                        location=location,
                        city=location is not None
                        and any(t == location and c for _, t, c in reading.places),
                        span=span and dated,
                        names=side_names,
                        official_both=both,
                        inferred=inferred,
                        is_title=sentence.is_title,
                        strong=strong,
                    )
                )
        last_pair = pairs[-1]

    groups: dict[tuple[str, str], list[_Candidate]] = {}
    for cand in candidates:
        groups.setdefault(cand.pair, []).append(cand)

    meetings: list[Meeting] = []
    for pair, group in sorted(groups.items()):
        body_group = [c for c in group if not c.is_title]
        if not body_group and multi_state_body:
            continue  # the headline names two of the many states the story's meeting had
        happened = [c for c in group if c.kind != rules.ANNOUNCED]
        if not happened and pair in cancelled_pairs:
            continue
        if pair in doubted_pairs and (not body_group or not happened):
            continue  # the story itself says the meeting is only hoped for or denied
        chosen = happened or group
        # The body says more precisely than the headline whether it was a call or a visit.
        kind_source = [c for c in chosen if not c.is_title] or chosen
        kind = kind_source[0].kind
        same = [c for c in chosen if c.kind == kind] or chosen
        dated_cands = [c for c in same if c.dated and not c.is_title] or [
            c for c in chosen if c.dated
        ]
        # A single day beats a span of the visit's days, and the sentence with the
        # talks ("held talks ... on Tuesday") beats one with only a visit or arrival.
        dated_cands.sort(key=lambda c: (c.span, not c.strong))
        inherited = next((c.day for c in same if c.day is not None), None)
        if dated_cands:
            event_day: date | None = dated_cands[0].day
        elif inherited is not None:
            event_day = inherited
        else:
            event_day = ref if kind != rules.ANNOUNCED else None
        location = None
        if kind != rules.CALL:
            # The dated sentence's place first, then any city, then any place.
            ranked = [c for c in dated_cands[:1] if c.location] + [
                c for c in same + chosen if c.location
            ]
            ranked.sort(key=lambda c: not c.city)
            location = ranked[0].location if ranked else None
        names: list[str] = []
        for code in pair:
            for cand in chosen:
                for name in cand.names.get(code, []):
                    if name not in names:
                        names.append(name)
        meetings.append(
            Meeting(
                countries=pair,
                kind=kind,
                participants=tuple(names),
                location=location,
                event_date=event_day,
                confidence=_confidence(chosen),
            )
        )
    return meetings


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
    for m in gaz.find(f"{title or ''}\n{text or ''}"):
        if m.term.country is not None:
            found.add(m.term.country)
        elif m.term.leaders:
            leader = gaz.leader_on(m.term, day)
            if leader is not None:
                found.add(leader.country)
    return sorted(found)
