"""Saved queries: ``config/queries.yaml``, validated on load, and ``@name`` resolved.

A saved query is a name, a search query in the grammar of ``wirewatch.search``
(its syntax is checked when the file is read), a description and optional
filters. ``search``, ``attention`` and story alert rules use it by name::

    saved = load_queries(config_dir / "queries.yaml")     # ConfigError naming file and field
    resolved = resolve_query("@belarus-russia", saved)    # UsageError naming close matches
    resolved = resolve_query("Lukashenko AND China", saved)   # anything else is literal
    filters = resolved.filters.overridden(language="ru", since=None)  # given options win
    index.matching_ids(resolved.query, filters.to_search())

Filter fields take one value or a list (``country: BY`` or ``country: [BY, RU]``);
``since`` is the first day included and ``until`` the last day included.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator

from wirewatch.config import _Frozen, _read_yaml, _validate
from wirewatch.errors import QueryError, UsageError

if TYPE_CHECKING:
    from wirewatch.search import Filters

__all__ = [
    "SAVED_PREFIX",
    "QueriesConfig",
    "QueryFilters",
    "ResolvedQuery",
    "SavedQuery",
    "load_queries",
    "resolve_query",
]

SAVED_PREFIX = "@"  # `wirewatch search @name`: a saved query, not the word "@name"
# Names are typed on command lines after "@": lower-case letters, digits, - and _,
# so they never need quoting and never collide with the query grammar.
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
# Close matches offered for a misspelt name: a few, and only plausible ones.
CLOSE_MATCHES = 3
CLOSE_MATCH_CUTOFF = 0.6


def _one_or_many(value: Any) -> Any:
    """``BY`` and ``[BY, RU]`` both mean a list; pydantic says what else was expected."""
    if isinstance(value, str):
        return (value,)
    return value


class QueryFilters(_Frozen):
    """Restrictions on top of a saved query; every one given must hold."""

    since: date | None = None  # first day included (by publication date)
    until: date | None = None  # last day included
    source: tuple[str, ...] = ()  # source names of sources.yaml
    agency: tuple[str, ...] = ()  # originating agencies (as extracted: Xinhua, TASS, ...)
    country: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes of countries mentioned
    language: tuple[str, ...] = ()  # language codes (en, ru, zh)

    @field_validator("source", "agency", "country", "language", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        return _one_or_many(value)

    @field_validator("source", "agency", "country", "language")
    @classmethod
    def _not_blank(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not value.strip():
                raise ValueError("expected a non-empty value")
        return values

    @field_validator("country")
    @classmethod
    def _iso_codes(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if len(value) != 2 or not value.isascii() or not value.isalpha():
                raise ValueError(f"expected a two-letter ISO 3166-1 code like BY, got {value!r}")
        return tuple(v.upper() for v in values)

    @model_validator(mode="after")
    def _ordered_days(self) -> QueryFilters:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise ValueError(f"until ({self.until}) is before since ({self.since})")
        return self

    def to_search(self) -> Filters:
        """These filters for ``wirewatch.search`` (``until`` there is exclusive: the next midnight UTC)."""
        from wirewatch.search import Filters

        return Filters(
            since=None if self.since is None else datetime.combine(self.since, time(), UTC),
            until=None
            if self.until is None
            else datetime.combine(self.until + timedelta(days=1), time(), UTC),
            sources=self.source,
            agencies=self.agency,
            countries=self.country,
            languages=self.language,
        )

    def overridden(self, **given: Any) -> QueryFilters:
        """These filters with the values given on a command line in place of the saved ones.

        ``None`` and empty values are not given; a single string counts as a list of one.
        """
        changes = {k: _one_or_many(v) for k, v in given.items() if v not in (None, (), [], "")}
        return QueryFilters.model_validate({**self.model_dump(), **changes})


class SavedQuery(_Frozen):
    """One entry of ``queries.yaml``."""

    name: str = Field(pattern=NAME_PATTERN, max_length=64)
    query: str = Field(min_length=1)
    description: str = ""
    filters: QueryFilters = QueryFilters()

    @field_validator("query")
    @classmethod
    def _readable(cls, query: str) -> str:
        from wirewatch.search import check_query  # tantivy: only once a file has queries

        try:
            check_query(query)
        except QueryError as exc:
            raise ValueError(f"expected a search query: {exc}") from exc
        return query


class QueriesConfig(_Frozen):
    """The ``queries.yaml`` file."""

    queries: tuple[SavedQuery, ...] = ()

    @field_validator("queries")
    @classmethod
    def _unique_names(cls, queries: tuple[SavedQuery, ...]) -> tuple[SavedQuery, ...]:
        seen: set[str] = set()
        for query in queries:
            if query.name in seen:
                raise ValueError(f"expected unique query names, {query.name!r} appears twice")
            seen.add(query.name)
        return queries

    @property
    def names(self) -> tuple[str, ...]:
        """The names, in file order."""
        return tuple(q.name for q in self.queries)

    def get(self, name: str) -> SavedQuery | None:
        """The saved query called ``name``, or None."""
        return next((q for q in self.queries if q.name == name), None)


def load_queries(path: Path) -> QueriesConfig:
    """Read and validate a queries file; a missing file means no saved queries."""
    if not os.path.lexists(path):
        return QueriesConfig()
    return _validate(QueriesConfig, path, _read_yaml(path))


@dataclass(frozen=True)
class ResolvedQuery:
    """What a command searches for: the query text, its filters and, if saved, its name."""

    query: str
    filters: QueryFilters = field(default_factory=QueryFilters)
    name: str | None = None  # the saved query's name; None for a literal query
    description: str = ""

    @property
    def label(self) -> str:
        """How to name it in a table, legend or alert: ``@name`` or the query text."""
        return f"{SAVED_PREFIX}{self.name}" if self.name else self.query


def resolve_query(text: str, saved: QueriesConfig) -> ResolvedQuery:
    """``@name`` is the saved query of that name; anything else is a literal query.

    An unknown name raises :class:`UsageError` naming the closest saved names.
    A literal query is not checked here: the search package reports its errors.
    """
    stripped = text.strip()
    if not stripped.startswith(SAVED_PREFIX):
        return ResolvedQuery(query=text)
    name = stripped[len(SAVED_PREFIX) :]
    found = saved.get(name)
    if found is None:
        close = difflib.get_close_matches(
            name.lower(), saved.names, n=CLOSE_MATCHES, cutoff=CLOSE_MATCH_CUTOFF
        )
        if close:
            hint = "did you mean " + " or ".join(f"{SAVED_PREFIX}{c}" for c in close) + "?"
        elif saved.names:
            hint = "saved queries: " + ", ".join(f"{SAVED_PREFIX}{n}" for n in saved.names)
        else:
            hint = "queries.yaml has no saved queries"
        raise UsageError(f"no saved query named {SAVED_PREFIX}{name} ({hint})")
    return ResolvedQuery(
        query=found.query, filters=found.filters, name=found.name, description=found.description
    )
