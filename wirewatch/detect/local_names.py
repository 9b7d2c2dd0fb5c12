"""State, place and official names in Russian and Chinese copy, found as the gazetteer finds English ones.

Data in ``wirewatch/data/gazetteer/ru.yaml`` and ``zh.yaml`` (names, demonyms, places,
seats, organisations, officials by their English name in ``leaders.yaml``, title
words), plus pycountry's Russian and Chinese state names.

Russian inflects names, so a Russian term is matched word by word on stems: a word
of the text matches a word of a term when stripping one case ending from the text
word gives the term word or the term word's own stem (Путиным -> Путин, России ->
Росси, российской -> российск). Chinese has neither inflection nor spaces: terms are
substrings, the longest at each position (白俄罗斯 before 俄罗斯).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from wirewatch.detect.gazetteer import (
    KIND_DEMONYM,
    KIND_LEADER,
    KIND_NAME,
    KIND_ORG,
    KIND_PLACE,
    KIND_SEAT,
    Leader,
    _read_yaml,
    _trie_pattern,
    load_gazetteer,
)
from wirewatch.errors import ConfigError

__all__ = ["LANGUAGES", "LocalGazetteer", "LocalMention", "load_local"]

LANGUAGES = ("ru", "zh")
_GAZETTEER_FOLDER = "data/gazetteer"
# pycountry's message catalogues for each language (zh: the mainland's names).
_PYCOUNTRY_LOCALE = {"ru": "ru", "zh": "zh_CN"}

# Case endings a Russian word may carry after a name's stem, longest first.
RU_ENDINGS = (
    "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "ой", "ей", "ом", "ем",
    "ам", "ям", "ах", "ях", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым",
    "им", "ий", "ый", "ия", "ии", "ию", "ов", "ев", "ью", "а", "я", "у", "ю", "е", "и", "ы", "о",
    "ь", "й",
)  # fmt: skip
# A Russian stem keeps at least this many letters ("Ын" of "Ким Чен Ыном" is two).
RU_MIN_STEM = 2
# The adjective endings a demonym's stem is written without (российский -> российск).
_RU_ADJECTIVE = re.compile(r"(?:ий|ый|ой|ая|ое|ие|ые)$")
# A word leading a longer name is an adjective only when it is longer than this ("Южная").
_RU_ADJECTIVE_MIN = 4
_RU_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")


@dataclass(frozen=True)
class LocalTerm:
    """What one local-language name stands for."""

    kind: str  # KIND_NAME, KIND_DEMONYM, KIND_PLACE, KIND_SEAT, KIND_ORG or KIND_LEADER
    country: str | None = None
    display: str | None = None  # a place's English name
    leaders: tuple[Leader, ...] = ()


@dataclass(frozen=True)
class LocalMention:
    """One occurrence of a term in a text, with its character span."""

    start: int
    end: int
    term: LocalTerm


@dataclass
class LocalGazetteer:
    """The names of one language, with a matcher and the title words around them."""

    language: str
    official_title: re.Pattern[str]
    non_state_title: re.Pattern[str]
    home_title: re.Pattern[str] | None
    # ru: word-stem sequences -> term; zh: substring -> term, with the compiled trie.
    ru_terms: dict[tuple[str, ...], LocalTerm] = field(default_factory=dict)
    ru_first: dict[str, int] = field(default_factory=dict)  # first stem -> longest term length
    zh_terms: dict[str, LocalTerm] = field(default_factory=dict)
    zh_pattern: re.Pattern[str] | None = None
    pair_abbreviations: dict[str, str] = field(default_factory=dict)  # zh: 俄 -> RU

    def find(self, text: str) -> list[LocalMention]:
        """Every term occurrence in ``text``, left to right, the longest at each position."""
        if self.language == "zh":
            assert self.zh_pattern is not None
            terms = self.zh_terms
            return [
                LocalMention(m.start(), m.end(), terms[m.group(0)])
                for m in self.zh_pattern.finditer(text)
                if m.group(0)
            ]
        return self._find_ru(text)

    def _find_ru(self, text: str) -> list[LocalMention]:
        words = [(m.start(), m.end(), m.group(0)) for m in _RU_WORD.finditer(text)]
        found: list[LocalMention] = []
        i = 0
        while i < len(words):
            hit = self._ru_match(text, words, i)
            if hit is None:
                i += 1
                continue
            length, term = hit
            found.append(LocalMention(words[i][0], words[i + length - 1][1], term))
            i += length
        return found

    def _ru_match(
        self, text: str, words: list[tuple[int, int, str]], i: int
    ) -> tuple[int, LocalTerm] | None:
        """The longest term starting at word ``i``: (its length in words, the term)."""
        first = _ru_stems(words[i][2])
        longest = max((self.ru_first.get(s, 0) for s in first), default=0)
        for length in range(min(longest, len(words) - i), 0, -1):
            span = words[i : i + length]
            if any(text[a[1] : b[0]].strip() for a, b in zip(span, span[1:], strict=False)):
                continue  # the words of a term are adjacent
            for stems in _stem_product([_ru_stems(w[2]) for w in span]):
                term = self.ru_terms.get(stems)
                if term is not None and _ru_case_fits(span, term):
                    return length, term
        return None


def _ru_case_fits(span: list[tuple[int, int, str]], term: LocalTerm) -> bool:
    """Names, places and officials are capitalised; a demonym may be either."""
    if term.kind == KIND_DEMONYM:
        return True
    return span[0][2][:1].isupper()


def _ru_norm(word: str) -> str:
    return word.lower().replace("ё", "е")


# The endings by their last letter, so a word is checked only against those it may carry.
_ENDINGS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _ending in RU_ENDINGS:
    _ENDINGS_BY_LAST[_ending[-1]] = (*_ENDINGS_BY_LAST.get(_ending[-1], ()), _ending)


@lru_cache(maxsize=1 << 16)
def _ru_stems(word: str) -> tuple[str, ...]:
    """A text word's possible stems: itself, and itself less each case ending it carries."""
    low = _ru_norm(word)
    if word.isupper() and len(word) > 1:
        return (low,)  # an abbreviation (КНР, США) does not inflect
    stems = [low]
    for ending in _ENDINGS_BY_LAST.get(low[-1:], ()):
        if low.endswith(ending) and len(low) - len(ending) >= RU_MIN_STEM:
            stems.append(low[: -len(ending)])
    return tuple(stems)


def _term_stem(word: str, kind: str, leading: bool) -> str:
    """The stem a term word is stored under: a demonym, or an adjective leading a longer
    name (Российская Федерация), without its adjective ending; a name without a final
    vowel or soft sign (Россия -> Росси, Москва -> Москв)."""
    low = _ru_norm(word)
    if word.isupper() and len(word) > 1:
        return low
    if kind == KIND_DEMONYM or (leading and len(low) > _RU_ADJECTIVE_MIN):
        adjective = _RU_ADJECTIVE.sub("", low)
        if adjective != low:
            return adjective
    if len(low) > RU_MIN_STEM + 1 and low[-1] in "аяйьоеиыу":
        return low[:-1]
    return low


def _stem_product(options: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [()]
    for opts in options:
        combos = [c + (o,) for c in combos for o in opts]
    return combos


def _alternation(words: list[Any], prefix_only: bool) -> re.Pattern[str]:
    """Title words as one pattern, longest first; Russian ones are stems (any ending may follow)."""
    parts = sorted({str(w).strip() for w in words if str(w).strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in parts)
    if prefix_only:
        return re.compile(r"(?<![А-Яа-яЁё])(?:" + body + r")[А-Яа-яЁё-]*", re.I)
    return re.compile("(?:" + body + ")")


def _pycountry_names(language: str) -> dict[str, list[str]]:
    """Comma-free state names of pycountry in ``language``, by ISO code."""
    try:
        catalogue = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[_PYCOUNTRY_LOCALE[language]]
        )
    except OSError:
        return {}
    names: dict[str, list[str]] = {}
    for record in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if not value:
                continue
            local = catalogue.gettext(value)
            if local != value and "," not in local and "(" not in local:
                names.setdefault(record.alpha_2, []).append(local)
    return names


def build_local(language: str, folder: Any) -> LocalGazetteer:
    """The gazetteer of ``language`` from the YAML file in ``folder`` and pycountry."""
    data = _read_yaml(folder, f"{language}.yaml")
    english = load_gazetteer()
    terms: dict[str, LocalTerm] = {}
    states = data.get("states") or {}
    for code, entry in states.items():
        if code not in english.state_names:
            raise ConfigError(f"gazetteer file {language}.yaml: {code}: not a known state")
        for text in entry.get("seats") or ():
            terms.setdefault(str(text), LocalTerm(KIND_SEAT, code))
        for text, display in (entry.get("places") or {}).items():
            terms.setdefault(str(text), LocalTerm(KIND_PLACE, code, str(display)))
        for text in entry.get("names") or ():
            terms.setdefault(str(text), LocalTerm(KIND_NAME, code))
        for text in entry.get("demonyms") or ():
            terms.setdefault(str(text), LocalTerm(KIND_DEMONYM, code))
    for code, names in _pycountry_names(language).items():
        if code in english.state_names:
            for text in names:
                terms.setdefault(text, LocalTerm(KIND_NAME, code))
    for text in data.get("organisations") or ():
        terms[str(text)] = LocalTerm(KIND_ORG)
    by_name: dict[str, list[Leader]] = {}
    for term in english.terms.values():
        for leader in term.leaders:
            if leader not in by_name.setdefault(leader.name, []):
                by_name[leader.name].append(leader)
    for name, forms in (data.get("leaders") or {}).items():
        if name not in by_name:
            raise ConfigError(f"gazetteer file {language}.yaml: {name}: not in leaders.yaml")
        for text in forms or ():
            terms[str(text)] = LocalTerm(KIND_LEADER, leaders=tuple(by_name[name]))
    home = data.get("home_titles")
    gaz = LocalGazetteer(
        language=language,
        official_title=_alternation(data.get("official_titles") or [], language == "ru"),
        non_state_title=_alternation(data.get("non_state_titles") or [], language == "ru"),
        home_title=_alternation(home, False) if home else None,
    )
    for short, code in (data.get("pair_abbreviations") or {}).items():
        if code not in english.state_names:
            raise ConfigError(f"gazetteer file {language}.yaml: {code}: not a known state")
        gaz.pair_abbreviations[str(short)] = str(code)
    if language == "zh":
        gaz.zh_terms = terms
        gaz.zh_pattern = re.compile(_trie_pattern(sorted(terms)))
        return gaz
    for text, local in terms.items():
        words = _RU_WORD.findall(text)
        stems = tuple(_term_stem(w, local.kind, i < len(words) - 1) for i, w in enumerate(words))
        if not stems:
            continue
        gaz.ru_terms.setdefault(stems, local)
        gaz.ru_first[stems[0]] = max(gaz.ru_first.get(stems[0], 0), len(stems))
    return gaz


@lru_cache(maxsize=len(LANGUAGES))
def load_local(language: str) -> LocalGazetteer:
    """The shipped gazetteer of ``language`` ("ru" or "zh"), built once and cached."""
    folder = resources.files("wirewatch").joinpath(_GAZETTEER_FOLDER)
    return build_local(language, folder)


def leader_on(term: LocalTerm, day: date | None) -> Leader | None:
    """The one official ``term`` names on ``day`` (today's office holder without a day)."""
    if not term.leaders:
        return None
    if day is None:
        current = [lead for lead in term.leaders if lead.end is None]
    else:
        current = [lead for lead in term.leaders if lead.holds_office_on(day)]
    if len({lead.country for lead in current}) != 1:
        return None
    return current[0]
