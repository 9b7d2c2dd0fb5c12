"""The gazetteer: states, their names and officials, organisations and titles.

Data files in ``wirewatch/data/gazetteer/``: ``countries.yaml`` (names, demonyms,
places, seats of government per ISO code), ``leaders.yaml`` (officials with
terms of office), ``organisations.yaml`` (bodies that are not states, and
region words that name none) and ``titles.yaml`` (words that mark an official).

Loaded once from the YAML files in ``wirewatch/data/gazetteer/`` and compiled
into one trie-shaped regular expression, so finding every mention in an article
is a single left-to-right scan that prefers the longest term at each position
("South Sudanese" before "Sudanese", "Luis Montenegro" before "Montenegro").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from wirewatch.errors import ConfigError

__all__ = ["Gazetteer", "Leader", "Mention", "Term", "load_gazetteer"]

GAZETTEER_PACKAGE = "wirewatch"
GAZETTEER_FOLDER = "data/gazetteer"

# Kinds of term, from the most to the least specific; a string listed under
# several kinds keeps all of them (``U.S.`` is both a name and a demonym).
KIND_LEADER = "leader"
KIND_SEAT = "seat"
KIND_NAME = "name"
KIND_DEMONYM = "demonym"
KIND_PLACE = "place"
KIND_ORG = "org"
KIND_REGION = "region"


@dataclass(frozen=True)
class Leader:
    """One term of office of one official."""

    name: str
    country: str
    role: str
    start: date
    end: date | None

    def holds_office_on(self, day: date) -> bool:
        """True when ``day`` falls inside this term (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Term:
    """What one surface string in text can stand for."""

    text: str
    kinds: frozenset[str]
    country: str | None = None  # the state for name, demonym, place and seat terms
    leaders: tuple[Leader, ...] = ()
    org: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of a term in a text, with its character span."""

    start: int
    end: int
    term: Term

    @property
    def text(self) -> str:
        """The matched surface string."""
        return self.term.text


@dataclass
class Gazetteer:
    """States, officials and organisations, with a compiled matcher."""

    state_names: dict[str, str]
    terms: dict[str, Term]
    pattern: re.Pattern[str] = field(repr=False)
    # Regex sources (case-insensitive) for official and non-state titles, from titles.yaml.
    official_title: str = field(default="", repr=False)
    non_state_title: str = field(default="", repr=False)

    def find(self, text: str) -> list[Mention]:
        """Every term occurrence in ``text``, left to right, longest match first."""
        terms = self.terms
        return [Mention(m.start(), m.end(), terms[m.group(0)]) for m in self.pattern.finditer(text)]

    def leader_on(self, term: Term, day: date | None) -> Leader | None:
        """The one official ``term`` names on ``day``, or None when none or several states fit."""
        if not term.leaders:
            return None
        if day is None:
            current = [lead for lead in term.leaders if lead.end is None]
        else:
            current = [lead for lead in term.leaders if lead.holds_office_on(day)]
        if len({lead.country for lead in current}) != 1:
            return None
        return current[0]

    def state_name(self, code: str) -> str:
        """The display name of a state code."""
        return self.state_names.get(code, code)


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie, trying longer continuations first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Optional and greedy: the longer term is tried before the shorter one.
            return "(?:" + body + ")?"
        return body

    return render(trie)


def _alternation(words: list[str], plural: bool) -> str:
    """A regex alternation of title words, longest first; a space also matches a hyphen."""
    parts = sorted({str(w).strip().lower() for w in words if str(w).strip()}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in parts)
    return "(?:" + body + ")" + ("s?" if plural else "") + r"\b"


def _read_yaml(folder: Any, name: str) -> dict[str, Any]:
    try:
        # libyaml's loader when present: the pure-Python one takes a third of a second here.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(folder.joinpath(name).read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"gazetteer file {name}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"gazetteer file {name}: expected a mapping at the top level")
    return data


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(
            f"gazetteer file leaders.yaml: {where}: expected an ISO date, got {value!r}"
        ) from exc


def build_gazetteer(folder: Any) -> Gazetteer:
    """Build a gazetteer from a folder (a path or an importlib resource) holding the YAML files."""
    countries = _read_yaml(folder, "countries.yaml").get("states") or {}
    orgs = _read_yaml(folder, "organisations.yaml")
    leaders = _read_yaml(folder, "leaders.yaml").get("leaders") or []
    titles = _read_yaml(folder, "titles.yaml")
    for key in ("official_titles", "title_modifiers", "non_state_titles"):
        if not isinstance(titles.get(key), list) or not titles[key]:
            raise ConfigError(f"gazetteer file titles.yaml: {key}: expected a non-empty list")
    modifiers = _alternation(titles["title_modifiers"], plural=False)[
        :-2
    ]  # no \b: "vice-president"
    official_title = rf"(?:{modifiers}[\s-]+)?" + _alternation(
        titles["official_titles"], plural=True
    )
    non_state_title = _alternation(titles["non_state_titles"], plural=True)

    kinds: dict[str, set[str]] = {}
    country_of: dict[str, str] = {}
    org_of: dict[str, str] = {}
    leaders_of: dict[str, list[Leader]] = {}
    state_names: dict[str, str] = {}

    def add(text: str, kind: str, country: str | None = None) -> None:
        text = str(text).strip()
        if not text:
            return
        if country is not None:
            previous = country_of.get(text)
            if previous is not None and previous != country and kind not in kinds.get(text, set()):
                # A string that names two states is ambiguous: keep the first, more specific use.
                return
            country_of.setdefault(text, country)
        kinds.setdefault(text, set()).add(kind)

    for code, entry in countries.items():
        # An unquoted NO is a boolean in YAML: the file quotes it, and this catches a slip.
        if not isinstance(code, str) or pycountry.countries.get(alpha_2=code) is None:
            raise ConfigError(
                f"gazetteer file countries.yaml: {code}: not an ISO 3166-1 alpha-2 code"
            )
        if not isinstance(entry, dict) or not entry.get("names"):
            raise ConfigError(
                f"gazetteer file countries.yaml: {code}: expected a mapping with names"
            )
        state_names[code] = str(entry["names"][0])
        for kind, key in (
            (KIND_SEAT, "seats"),
            (KIND_NAME, "names"),
            (KIND_DEMONYM, "demonyms"),
            (KIND_PLACE, "places"),
        ):
            for text in entry.get(key) or ():
                add(text, kind, code)
        record = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value and "," not in value and "(" not in value:
                add(value, KIND_NAME, code)

    for org, names in (orgs.get("organisations") or {}).items():
        for text in names or ():
            org_of.setdefault(str(text), str(org))
            kinds.setdefault(str(text), set()).add(KIND_ORG)
    for text in orgs.get("regions") or ():
        kinds.setdefault(str(text), set()).add(KIND_REGION)

    for i, row in enumerate(leaders):
        if not isinstance(row, list) or len(row) != 6:
            raise ConfigError(
                f"gazetteer file leaders.yaml: entry {i + 1}: expected [name, state, role, from, to, aliases]"
            )
        name, code, role, start, end, aliases = row
        if not isinstance(code, str) or code not in state_names:
            raise ConfigError(f"gazetteer file leaders.yaml: {name}: unknown state {code!r}")
        leader = Leader(
            name=str(name),
            country=str(code),
            role=str(role),
            start=_as_date(start, str(name)),
            end=None if end is None else _as_date(end, str(name)),
        )
        for text in [str(name), *(str(a) for a in aliases or ())]:
            leaders_of.setdefault(text, []).append(leader)
            kinds.setdefault(text, set()).add(KIND_LEADER)

    terms = {
        text: Term(
            text=text,
            kinds=frozenset(found),
            country=country_of.get(text),
            leaders=tuple(leaders_of.get(text, ())),
            org=org_of.get(text),
        )
        for text, found in kinds.items()
    }
    # Trailing "." terms ("U.S.") end on a non-word character, so the right
    # boundary is "not followed by a word character" rather than \b.
    pattern = re.compile(r"(?<![\w])" + _trie_pattern(sorted(terms)) + r"(?![\w])")
    return Gazetteer(
        state_names=state_names,
        terms=terms,
        pattern=pattern,
        official_title=official_title,
        non_state_title=non_state_title,
    )


@lru_cache(maxsize=1)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The shipped gazetteer (or one from ``path``), built once and cached."""
    if path is not None:
        return build_gazetteer(Path(path))
    return build_gazetteer(resources.files(GAZETTEER_PACKAGE).joinpath(GAZETTEER_FOLDER))
