"""Bilateral meetings in Russian and Chinese copy, with the same output as the English detector.

The article's dateline gives the reference day ("МОСКВА, 21 марта. /ТАСС/.",
"新华社北京3月20日电"); each sentence with a meeting frame (``local_rules``) is read
for the states acting in it: an official (a leader in office on the day, a title
next to a state's name: "президент России", "俄罗斯总统", "китайский коллега"), a
place ("в Минске", "在北京") or a topic. Two acting states make a candidate, dated
by the phrase nearest the frame, and candidates merge as English ones do (``merge``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from wirewatch.detect import rules
from wirewatch.detect.gazetteer import (
    KIND_DEMONYM,
    KIND_LEADER,
    KIND_NAME,
    KIND_ORG,
    KIND_PLACE,
    KIND_SEAT,
    load_gazetteer,
)
from wirewatch.detect.local_dates import (
    VAGUE,
    LocalDate,
    dateline_day,
    find_dates,
    resolve,
    split_dateline,
)
from wirewatch.detect.local_names import LocalGazetteer, LocalMention, leader_on, load_local
from wirewatch.detect.local_rules import RULES
from wirewatch.detect.merge import Candidate, merge_candidates
from wirewatch.models import Meeting

__all__ = ["detect_local", "language_of", "local_countries", "split_local_sentences"]

Pair = tuple[str, str]

# Share of letters in a script that makes copy Russian or Chinese (headlines and body).
SCRIPT_SHARE = 0.3
# How much of an article tells its language.
LANGUAGE_SAMPLE = 400
# Characters around a frame: a past reference before it, a year after it, a call channel
# before it (after it, the channel may close the clause: "обсудил с ... по телефону").
PAST_BEFORE = 60
YEAR_AFTER = 60
CHANNEL_REACH = 30
# A meeting dated further back than this before the reference day is recalled, not reported;
# one dated further ahead than ANNOUNCED_AFTER_DAYS is announced.
PAST_REFERENCE_DAYS = rules.PAST_REFERENCE_DAYS
ANNOUNCED_AFTER_DAYS = rules.ANNOUNCED_AFTER_DAYS
# Words between a title and its state: "министр иностранных дел и внешнеэкономических связей Венгрии".
TITLE_GAP_WORDS = 5
# A meeting noun's future may close its clause: "Встречу ... планируется провести в мае".
CLAUSE = 80
# The agencies' home states: an untitled office in their copy is that state's.
ZH_HOME = "CN"
_RU_ABBREVIATIONS = frozenset({"г.", "гг.", "т.е.", "т.д.", "т.п.", "им.", "ул.", "н.э.", "др."})
_RU_INITIAL = re.compile(r"[А-ЯЁA-Z]\.")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NON_LATIN = re.compile(r"[А-Яа-яЁё\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_CHAIN = re.compile(r"^\s*(?:,|и|、|和|与|及|，)\s*$")
_FORMER = re.compile(r"(?:бывш\w*|экс-|前任?|原)\s*$", re.I)
_ZH_BARE_TITLE = re.compile(r"(?:^|[，。、])(?:外交部(?:副)?部长|外长|国防部长|商务部长|财政部长)")


def _lower(text: str) -> str:
    """``text`` in lower case, offset for offset (unchanged if a letter would change length)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def language_of(title: str | None, text: str) -> str | None:
    """ "ru" or "zh" when an article is written in Russian or Chinese, else None."""
    sample = f"{title or ''} {text[:LANGUAGE_SAMPLE]}"
    if not _NON_LATIN.search(sample):
        return None  # most copy: no Cyrillic or Chinese letter at all
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    if len(_CJK.findall(sample)) / letters >= SCRIPT_SHARE:
        return "zh"
    if len(_CYRILLIC.findall(sample)) / letters >= SCRIPT_SHARE:
        return "ru"
    return None


def split_local_sentences(language: str, text: str) -> list[str]:
    """Sentences of Russian or Chinese text: paragraphs, then sentence ends (。！？ in Chinese)
    that do not follow a Russian abbreviation or initial."""
    rules_ = RULES[language]
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        buffer = ""
        for piece in rules_.sentence_end.split(paragraph):
            if not piece.strip():
                continue
            buffer = f"{buffer} {piece}" if buffer and language == "ru" else buffer + piece
            last = buffer.rsplit(None, 1)[-1] if buffer.split() else ""
            if language == "ru" and (last in _RU_ABBREVIATIONS or _RU_INITIAL.fullmatch(last)):
                continue
            out.append(buffer.strip())
            buffer = ""
        if buffer.strip():
            out.append(buffer.strip())
    return out


@dataclass
class _Reading:
    """What one sentence says about states."""

    officials: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    places: list[tuple[str, str, bool]] = field(default_factory=list)  # country, display, city
    names: dict[str, list[str]] = field(default_factory=dict)
    first_at: dict[str, int] = field(default_factory=dict)
    has_org: bool = False
    leader_named: bool = False

    def add(self, country: str, at: int, official: bool = True) -> None:
        target = self.officials if official else self.weak
        if country not in target:
            target.append(country)
        self.first_at.setdefault(country, at)


@dataclass(frozen=True)
class _Frame:
    start: int
    end: int
    kind: str  # IN_PERSON, CALL or ANNOUNCED
    weak: bool
    visit: bool


@dataclass(frozen=True)
class _Frames:
    found: tuple[_Frame, ...] = ()
    cancelled: bool = False
    doubted: bool = False

    @property
    def reported(self) -> bool:
        return bool(self.found) or self.cancelled or self.doubted


class _Reader:
    """Reads the sentences of one article in order, carrying what earlier ones said."""

    def __init__(self, language: str, ref: date | None, home: str | None) -> None:
        self.language = language
        self.rules = RULES[language]
        self.gaz: LocalGazetteer = load_local(language)
        self.ref = ref
        self.home = home
        self.protagonist: str | None = None
        self.last_pair: Pair | None = None
        self.last_day: date | None = None
        self.story_day: date | None = None
        self.candidates: list[Candidate] = []
        self.cancelled: set[Pair] = set()
        self.doubted: set[Pair] = set()
        self.pair_pattern = _pair_pattern(language)
        self.blocked_visit = False  # a visit was to a plant or a university, not to a state

    # -- states -------------------------------------------------------------------------

    def _title_before(self, s: str, m: LocalMention) -> bool:
        """ "президент России", "с коллегой из Индии": a title right before the state."""
        if self.language == "zh":
            return False
        before = s[max(0, m.start - self.rules.title_reach) : m.start]
        titles = list(self.gaz.official_title.finditer(before))
        if not titles:
            return False
        gap = before[titles[-1].end() :]
        inner = [w for w in gap.split() if w.lower() != "из"]
        if len(inner) > TITLE_GAP_WORDS:
            return False
        return not any(
            self.rules.gap_stop.fullmatch(w.lower()) or self.gaz.non_state_title.match(w)
            for w in inner
        )

    def _title_after(self, s: str, m: LocalMention) -> bool | None:
        """True for a title after the state ("俄罗斯总统", "российский лидер"), False for a
        business or sports word there ("俄罗斯队", "российские компании"), None for neither."""
        after = s[m.end : m.end + self.rules.title_reach]
        if self.language == "ru":
            words = after.split()[:2]
            for word in words:
                if self.gaz.non_state_title.match(word):
                    return False
                if self.gaz.official_title.match(word):
                    return True
            return None
        for i in range(len(after) + 1):
            rest = after[i:]
            if self.gaz.non_state_title.match(rest):
                return False
            if self.gaz.official_title.match(rest):
                return True
            if i < len(after) and self.rules.gap_stop.match(rest.lower()):
                return None
        return None

    def read(self, s: str, mentions: list[LocalMention]) -> _Reading:
        reading = _Reading()
        roles: list[tuple[LocalMention, str | None, str]] = []
        for m in mentions:
            roles.append((m, *self._role(s, m, reading)))
        for _ in range(2):  # "президенты России и Беларуси": the title reaches along the chain
            for j in range(len(roles) - 1):
                (m1, c1, r1), (m2, c2, r2) = roles[j], roles[j + 1]
                if not _CHAIN.match(s[m1.end : m2.start]):
                    continue
                if r1 == "official" and r2 in ("topic", "weak") and m2.term.kind == KIND_NAME:
                    roles[j + 1] = (m2, c2, "official")
                if (
                    r2 == "official"
                    and r1 in ("topic", "weak")
                    and m1.term.kind in (KIND_NAME, KIND_DEMONYM)
                ):
                    roles[j] = (m1, c1, "official")
        for m, country, role in roles:
            if country is None:
                continue
            if role in ("official", "weak"):
                reading.add(country, m.start, role == "official")
            elif role == "place":
                display = m.term.display or load_gazetteer().state_name(country)
                reading.places.append((country, display, m.term.kind == KIND_PLACE))
        if self.language == "zh":
            home_titles = (
                [t.start() for t in self.gaz.home_title.finditer(s)] if self.gaz.home_title else []
            )
            home_titles += [t.start() for t in _ZH_BARE_TITLE.finditer(s)]
            for at in home_titles:
                reading.add(ZH_HOME, at)
            for pair in self.pair_pattern.finditer(s) if self.pair_pattern else ():
                reading.add(ZH_HOME, pair.start())
                reading.add(self.gaz.pair_abbreviations[pair.group(1)], pair.start())
        reading.weak = [c for c in reading.weak if c not in reading.officials]
        return reading

    def _role(self, s: str, m: LocalMention, reading: _Reading) -> tuple[str | None, str]:
        term = m.term
        before = s[max(0, m.start - 12) : m.start]
        if term.kind == KIND_ORG:
            reading.has_org = True
            return None, "org"
        if term.kind == KIND_LEADER:
            leader = leader_on(term, self.ref)
            if leader is None or _FORMER.search(before):
                return None, "other"
            reading.leader_named = True
            names = reading.names.setdefault(leader.country, [])
            if leader.name not in names:
                names.append(leader.name)
            return leader.country, "official"
        country = term.country
        if country is None:
            return None, "other"
        place_cue = bool(self.rules.place_before.search(before.lower()))
        if term.kind == KIND_PLACE:
            return country, "place"
        if term.kind == KIND_SEAT:
            return country, "place" if place_cue else "official"
        if term.kind == KIND_NAME and self._title_before(s, m):
            return country, "official"  # "с коллегой из Мьянмы"
        if place_cue:
            return country, "place"
        after = self._title_after(s, m)
        if after is False:
            return country, "topic"
        if after:
            return country, "official"
        if self.language == "zh" and s[m.end - 1 : m.end] == "方":
            return country, "official"  # "俄方": the Russian side
        if term.kind == KIND_NAME and (not before.strip() or before.rstrip().endswith("между")):
            return country, "weak"  # "Россия и Беларусь провели ..."
        return country, "topic"

    # -- frames -------------------------------------------------------------------------

    def frames(self, s: str, is_title: bool) -> _Frames:
        r = self.rules
        low = _lower(s)  # every pattern but the frames reads the lower-cased sentence
        matches = sorted(
            [(m, True) for m in r.call.finditer(low)] + [(m, False) for m in r.meet.finditer(s)],
            key=lambda x: x[0].start(),
        )
        kept: list[tuple[re.Match[str], bool]] = []
        for match, is_call in matches:
            if kept and match.start() < kept[-1][0].end():
                continue
            kept.append((match, is_call))
        if not kept:
            return _Frames()
        if r.cancelled.search(low):
            return _Frames(cancelled=True)
        multilateral = bool(r.multilateral.search(low)) and not r.sidelines.search(low)
        out: list[_Frame] = []
        doubted = False
        for match, is_call in kept:
            start, end = match.start(), match.end()
            before = low[max(0, start - r.modality_before) : start]
            said = low[start:end]
            if (
                r.negated.search(before)
                or r.negated.match(said)
                or r.negated_after.match(low[end:])
            ):
                doubted = True
                continue
            weak = bool(r.weak.match(said))
            if r.conditional.search(before) or (
                (weak or r.doubt_after_verbs) and r.conditional_after.match(low[end:])
            ):
                doubted = True
                continue
            if (
                r.past.search(low[max(0, start - PAST_BEFORE) : start])
                or r.past.match(said)
                or r.past_after.match(low[end:])
            ):
                continue
            if self.ref is not None and any(
                int(y) < self.ref.year for y in _YEAR.findall(s[start : end + YEAR_AFTER])
            ):
                continue
            if multilateral and weak:
                continue
            future = (
                r.future.search(before)
                or r.future.search(said)
                or r.future.search(low[end : end + (CLAUSE if weak else r.future_after)])
            )
            if future:
                kind = rules.ANNOUNCED
            elif is_call or r.call_channel.search(
                low[max(0, start - CHANNEL_REACH) : end + CLAUSE]
            ):
                kind = rules.CALL
            else:
                kind = rules.IN_PERSON
            out.append(_Frame(start, end, kind, weak, bool(r.visit.match(said))))
        return _Frames(tuple(out), False, doubted and not out)

    # -- pairs --------------------------------------------------------------------------

    def pairs(
        self, s: str, reading: _Reading, frames: _Frames, multilateral: bool
    ) -> tuple[list[Pair], bool]:
        r = self.rules
        actors = list(reading.officials)
        if len(actors) < 2 and reading.weak:
            actors += [c for c in reading.weak if c not in actors]
        inferred = False
        if len(actors) == 1:
            other = self._other_side(s, reading, actors[0], frames, multilateral)
            if other is not None:
                actors, inferred = [actors[0], other], True
        elif not actors and self.last_pair and r.two_sides.search(s):
            return [self.last_pair], True
        if len(actors) == 2:
            a, b = sorted(actors)
            return [(a, b)], inferred
        if len(actors) >= 3 and r.separately.search(s) and not multilateral:
            subject = actors[0]
            return [tuple(sorted((subject, o))) for o in actors[1:]], inferred  # type: ignore[misc]
        return [], inferred

    def _other_side(
        self, s: str, reading: _Reading, actor: str, frames: _Frames, multilateral: bool
    ) -> str | None:
        r = self.rules
        if self.language == "zh" and r.host_here.search(s) and actor != ZH_HOME:
            return ZH_HOME  # "来华进行国事访问": China hosts
        if self.protagonist and self.protagonist != actor and r.pronoun.search(s[:40]):
            return self.protagonist
        if any(f.visit for f in frames.found) and not multilateral:
            if r.host_block.search(s):
                self.blocked_visit = True
                return None
            hosts = [c for c, _, _ in reading.places if c != actor]
            if hosts:
                return hosts[0]
        return None

    # -- dating -------------------------------------------------------------------------

    def date(
        self, s: str, anchor: int, kind: str, is_title: bool
    ) -> tuple[str, date | None, bool, bool] | None:
        """(kind, day, dated, span) of the frame at ``anchor``, or None for a past meeting."""
        said = self.rules.attribution.sub(lambda m: " " * len(m.group(0)), _lower(s))
        phrases = [d for d in find_dates(said, self.language) if d.kind not in VAGUE]
        best: LocalDate | None = None
        if phrases:
            best = min(
                phrases,
                key=lambda d: (
                    d.is_span,
                    d.start - anchor if d.start >= anchor else 2 * (anchor - d.end),
                ),
            )
        day: date | None = None
        dated = False
        if best is not None and self.ref is not None:
            day = resolve(best, self.ref, future=kind == rules.ANNOUNCED)
            dated = day is not None
        elif not is_title and self.last_day is not None:
            day = self.last_day
        elif kind != rules.ANNOUNCED:
            day = self.story_day
        if self.ref is not None and day is not None and kind != rules.ANNOUNCED:
            if (self.ref - day).days > PAST_REFERENCE_DAYS:
                return None
            if (day - self.ref).days > ANNOUNCED_AFTER_DAYS:
                kind = rules.ANNOUNCED
        return kind, day, dated, best is not None and best.is_span and dated

    # -- one sentence -------------------------------------------------------------------

    def take(self, s: str, is_title: bool) -> None:
        frames = self.frames(s, is_title)
        if not frames.reported and self.protagonist is not None:
            return  # most sentences of a long story: nothing to read
        mentions = self.gaz.find(s)
        reading = self.read(s, mentions)
        if self.protagonist is None and reading.officials:
            self.protagonist = reading.officials[0]
        if not frames.reported:
            if len(reading.officials) == 2 and self.last_pair is None:
                a, b = sorted(reading.officials)
                self.last_pair = (a, b)
            return
        r = self.rules
        low = _lower(s)
        multilateral = bool(r.multilateral.search(low)) and not r.sidelines.search(low)
        if reading.has_org and (multilateral or not any(not f.weak for f in frames.found)):
            return  # an organisation's session, or a state meeting an organisation
        pairs, inferred = self.pairs(low, reading, frames, multilateral)
        if not pairs or (r.trilateral.search(low) and not r.sidelines.search(low)):
            return
        if r.sports_or_business.search(low) and not reading.leader_named:
            return
        if frames.cancelled or frames.doubted:
            (self.cancelled if frames.cancelled else self.doubted).update(pairs)
            return
        first = frames.found[0]
        strong = [f for f in frames.found if not f.weak]
        anchor = (strong or list(frames.found))[0]
        kinds = [f.kind for f in frames.found]
        kind = (
            next((k for k in kinds if k != rules.ANNOUNCED), first.kind) if strong else first.kind
        )
        if strong:
            kind = strong[0].kind
        dating = self.date(s, anchor.start, kind, is_title)
        if dating is None:
            return
        kind, day, dated, span = dating
        if dated and not is_title:
            self.last_day = day
        location = None
        city = False
        if kind != rules.CALL and reading.places:
            cities = [p for p in reading.places if p[2]]
            location = (cities or reading.places)[0][1]
            city = bool(cities)
        both = len(reading.officials) >= 2 or not inferred
        for pair in pairs:
            self.candidates.append(
                Candidate(
                    pair=pair,
                    kind=kind,
                    day=day,
                    dated=dated,
                    location=location,
                    names={c: reading.names.get(c, []) for c in pair},
                    official_both=both,
                    inferred=inferred,
                    is_title=is_title,
                    strong=bool(strong),
                    span=span,
                    city=city,
                )
            )
        self.last_pair = pairs[-1]


@lru_cache(maxsize=2)
def _pair_pattern(language: str) -> re.Pattern[str] | None:
    """zh: "中俄双方", "中美经贸高层会谈": China and the state of the second character act."""
    shorts = load_local(language).pair_abbreviations
    if not shorts:
        return None
    return re.compile(
        "中("
        + "|".join(map(re.escape, shorts))
        + ")(?!["
        + "".join(shorts)
        + "])"
        + RULES[language].pair_followers
    )


def _home(language: str, dateline: str | None) -> str | None:
    if language == "zh":
        return ZH_HOME
    if not dateline:
        return None
    for mention in load_local(language).find(dateline.title()):
        if mention.term.country is not None:
            return mention.term.country
    return None


def detect_local(
    language: str,
    title: str | None,
    text: str,
    published: date | None,
    dateline: str | None = None,
) -> list[Meeting]:
    """Bilateral meetings a Russian or Chinese article reports: one per state pair."""
    body, found = split_dateline(text.lstrip(), language)
    dateline = dateline or found
    ref = (dateline_day(dateline, language, published) if dateline else None) or published
    reader = _Reader(language, ref, _home(language, dateline))
    sentences = split_local_sentences(language, body)
    if ref is not None and sentences:
        lead = [d for d in find_dates(sentences[0], language) if d.kind not in VAGUE]
        day = resolve(lead[0], ref, future=False) if lead else None
        if day is not None and 0 <= (ref - day).days <= PAST_REFERENCE_DAYS:
            reader.story_day = day
    if title and title.strip():
        reader.take(title.strip(), True)
    for sentence in sentences:
        reader.take(sentence, False)
    # A pair only the headline infers from a place ("Путин посетил Харбин") is no meeting
    # when the body says the visit was to a university or a plant.
    grounded = {
        c.pair
        for c in reader.candidates
        if not (c.is_title and c.inferred and reader.blocked_visit)
    }
    return merge_candidates(
        [c for c in reader.candidates if c.pair in grounded],
        cancelled=reader.cancelled,
        doubted=reader.doubted,
        multi_state_body=False,
        ref=ref,
    )


def local_countries(language: str, title: str | None, text: str, day: date | None) -> set[str]:
    """States a Russian or Chinese article names (names, demonyms, places, seats, leaders)."""
    found: set[str] = set()
    for m in load_local(language).find(f"{title or ''}\n{text}"):
        if m.term.kind == KIND_LEADER:
            leader = leader_on(m.term, day)
            if leader is not None:
                found.add(leader.country)
        elif m.term.kind in (KIND_NAME, KIND_DEMONYM, KIND_PLACE, KIND_SEAT) and m.term.country:
            found.add(m.term.country)
    return found
