"""Boilerplate beyond trafilatura: static line patterns and templates learned per host.

A line is dropped from an article when it matches one of the generic patterns
in :mod:`wirewatch.extract.tables`, one of its source's ``boilerplate``
patterns, or the template learned for its host by :class:`BoilerplateModel`.

Learning rule (constants below): a line is template for a host once it was seen
on at least ``MIN_LINE_PAGES`` distinct pages of that host and on at least
``MIN_LINE_SHARE`` of them, counted only after ``MIN_HOST_PAGES`` pages, so a
news paragraph repeated by a few updates of one story is never learned (pass
the page URL as ``page`` so a re-fetched version of one article counts once). Long
lines need a higher share (``LONG_LINE_SHARE``): recurring background
paragraphs of a running story are long, footers and prompts are short.
Template status is sticky: once learned, a line stays template even though it
no longer reaches ``observe`` (it is dropped before), until ``forget`` is called.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from wirewatch.extract.tables import BOILERPLATE_PATTERNS, CAPTION_PATTERNS
from wirewatch.hosts import host_key

__all__ = [
    "BoilerplateModel",
    "is_caption",
    "is_headline",
    "is_static_boilerplate",
    "line_key",
    "related_heading",
]

MIN_HOST_PAGES: Final = 10
MIN_LINE_PAGES: Final = 5
MIN_LINE_SHARE: Final = 0.3
LONG_LINE_CHARS: Final = 200
LONG_LINE_SHARE: Final = 0.6
# Lines kept per host; the rarest are forgotten first, so memory stays bounded
# on hosts with thousands of pages.
MAX_LINES_PER_HOST: Final = 5000
# Page keys remembered per host to ignore re-observed pages (in memory only).
MAX_PAGES_REMEMBERED: Final = 10_000
# Lines shorter than this carry too little to be told apart from news ("he said.").
MIN_LINE_CHARS: Final = 4


def line_key(line: str) -> str:
    """The template key of a line: case and spacing folded, then hashed.

    Digits are kept: agencies publish templated daily reports ("the index closed
    at 3,051 points") whose numbers are the news, so only lines that recur
    verbatim may become template. Dated furniture is handled by byline parsing.
    """
    folded = re.sub(r"\s+", " ", line.strip().casefold())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=10).hexdigest()


def _anchored(pattern: str) -> bool:
    """True when every top-level alternative of ``pattern`` starts with ``^`` (no MULTILINE here)."""
    depth, in_class, escaped, start = 0, False, False, True
    for char in pattern:
        if start:
            if char != "^":
                return False
            start = False
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            start = True
    return not start


class _Table:
    """A table of patterns searched as two alternations: one per line is what costs.

    A single alternation of every pattern tried each pattern at every position
    of the line, though most can only match at its start (``^...``). Those are
    matched once at the start, the rest searched: the same answer (a test checks
    it against each pattern) in less than half the time on the public benchmark's lines.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        def join(group: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
            parts = [f"(?:{p.pattern})" for p in group]
            return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE) if parts else None

        self._start = join(p for p in patterns if _anchored(p.pattern))
        self._anywhere = join(p for p in patterns if not _anchored(p.pattern))

    def found_in(self, line: str) -> bool:
        return (self._start is not None and self._start.match(line) is not None) or (
            self._anywhere is not None and self._anywhere.search(line) is not None
        )


_BOILERPLATE: Final = _Table(BOILERPLATE_PATTERNS)
_CAPTION: Final = _Table(CAPTION_PATTERNS)


def is_static_boilerplate(line: str) -> bool:
    """True when the line is generic page furniture (copyright, share prompt, ``(END)``...)."""
    return _BOILERPLATE.found_in(line.strip())


def is_caption(line: str) -> bool:
    """True when the line reads as a photo caption (``... [Photo/Agencies]``, ``(Xinhua/Li Wei)``)."""
    return _CAPTION.found_in(line.strip())


_RELATED_HEADING: Final = re.compile(
    r"^(?:related|related (?:stories|articles|news|content|coverage|links)|see also|read (?:more|also|next)|"
    r"more (?:stories|news|on this)|recommended|most (?:read|popular|viewed)|top stories|latest news|"
    r"don'?t miss|see more|you may also like|trending|what to read next|more from [\w .]{1,30}|tags|"
    r"читайте (?:также|еще|ещё)|смотрите также|по теме|相关(?:新闻|阅读|文章|报道)|推荐阅读|延伸阅读|"
    r"関連(?:記事|ニュース)|관련\s*(?:기사|뉴스)|많이 본 뉴스|ilgili haberler|benzer haberler)\s*[:：]?$",
    re.IGNORECASE,
)
_HEADLINE_END: Final = re.compile(r"[.!?。！？]\s*$")


def related_heading(line: str) -> bool:
    """True for a heading that opens a list of links to other stories ("Read also", "相关新闻")."""
    return _RELATED_HEADING.match(line.strip()) is not None


def is_headline(line: str) -> bool:
    """True for a short line without closing punctuation: an item in a list of headlines."""
    stripped = line.strip()
    return 0 < len(stripped) <= 140 and not _HEADLINE_END.search(stripped)


@dataclass
class _LineStats:
    line: str
    pages: int
    last_seen_at: datetime
    template: bool = False


@dataclass
class _HostStats:
    pages: int = 0
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    lines: dict[str, _LineStats] = field(default_factory=dict)
    seen_pages: dict[str, None] = field(default_factory=dict)  # recent page keys, insertion-ordered
    # True once every qualifying line is marked template at the current page count (in
    # memory only). From then on, with at least MIN_HOST_PAGES pages, a new page can only
    # make its own lines qualify: the others' share only falls.
    settled: bool = False


class BoilerplateModel:
    """Per-host templates learned from the lines of the pages seen so far (picklable)."""

    def __init__(self) -> None:
        """An empty model; fill it with ``observe`` or load it with ``from_rows``."""
        self._hosts: dict[str, _HostStats] = {}

    # -- learning ------------------------------------------------------------

    def observe(
        self,
        host: str,
        lines: Sequence[str],
        *,
        page: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """Count one page of ``host`` with these candidate lines (each counted once per page).

        ``page`` (the URL) makes a page that was already observed count once.
        """
        if not host:
            return
        now = now or datetime.now(UTC)
        stats = self._hosts.setdefault(host_key(host), _HostStats())
        if page is not None:
            page_key = line_key(page)
            if page_key in stats.seen_pages:
                return
            stats.seen_pages[page_key] = None
            if len(stats.seen_pages) > MAX_PAGES_REMEMBERED:
                del stats.seen_pages[next(iter(stats.seen_pages))]
        stats.pages += 1
        stats.updated_at = now
        seen: set[str] = set()
        for raw in lines:
            line = raw.strip()
            if len(line) < MIN_LINE_CHARS:
                continue
            key = line_key(line)
            if key in seen:
                continue
            seen.add(key)
            entry = stats.lines.get(key)
            if entry is None:
                stats.lines[key] = _LineStats(line=line, pages=1, last_seen_at=now)
            else:
                entry.pages += 1
                entry.last_seen_at = now
        if stats.settled and stats.pages > MIN_HOST_PAGES:
            candidates: Iterable[_LineStats] = [stats.lines[key] for key in seen]
        else:
            candidates = stats.lines.values()
        for entry in candidates:
            if not entry.template and self._qualifies(entry, stats.pages):
                entry.template = True
        stats.settled = True
        if len(stats.lines) > MAX_LINES_PER_HOST:
            self._prune(stats)

    @staticmethod
    def _qualifies(entry: _LineStats, host_pages: int) -> bool:
        if host_pages < MIN_HOST_PAGES or entry.pages < MIN_LINE_PAGES:
            return False
        share = entry.pages / host_pages
        needed = LONG_LINE_SHARE if len(entry.line) > LONG_LINE_CHARS else MIN_LINE_SHARE
        return share >= needed

    @staticmethod
    def _prune(stats: _HostStats) -> None:
        # nsmallest is sorted()[:n] without sorting every line on every page.
        drop = heapq.nsmallest(
            len(stats.lines) - MAX_LINES_PER_HOST,
            stats.lines.items(),
            key=lambda kv: (kv[1].template, kv[1].pages, kv[1].last_seen_at),
        )
        for key, _entry in drop:
            del stats.lines[key]

    def subset(self, hosts: Iterable[str]) -> BoilerplateModel:
        """A model holding only ``hosts`` (smaller to pickle into a worker per batch)."""
        part = BoilerplateModel()
        for host in hosts:
            stats = self._hosts.get(host_key(host))
            if stats is not None:
                part._hosts[host_key(host)] = stats
        return part

    def forget(self, host: str) -> None:
        """Drop everything learned about ``host`` (after a site redesign)."""
        self._hosts.pop(host_key(host), None)

    # -- use -------------------------------------------------------------------

    def is_boilerplate(self, host: str | None, line: str) -> bool:
        """True when ``line`` is part of the template learned for ``host``."""
        if not host:
            return False
        stats = self._hosts.get(host_key(host))
        if stats is None:
            return False
        entry = stats.lines.get(line_key(line))
        return entry is not None and (entry.template or self._qualifies(entry, stats.pages))

    def template(self, host: str) -> list[str]:
        """The lines currently taken as template for ``host`` (for inspection)."""
        stats = self._hosts.get(host_key(host))
        if stats is None:
            return []
        return sorted(
            e.line for e in stats.lines.values() if e.template or self._qualifies(e, stats.pages)
        )

    def pages(self, host: str) -> int:
        """How many pages of ``host`` have been observed."""
        stats = self._hosts.get(host_key(host))
        return stats.pages if stats else 0

    @property
    def hosts(self) -> list[str]:
        """The hosts the model knows."""
        return sorted(self._hosts)

    # -- persistence -------------------------------------------------------------

    def to_rows(self) -> list[dict[str, Any]]:
        """Rows for ``site_templates`` (migration 002); ``line_hash = ''`` rows carry the host page count."""
        rows: list[dict[str, Any]] = []
        for host, stats in sorted(self._hosts.items()):
            rows.append(
                {
                    "host": host,
                    "line_hash": "",
                    "line": None,
                    "pages": stats.pages,
                    "is_template": False,
                    "last_seen_at": stats.updated_at,
                }
            )
            for key, entry in stats.lines.items():
                rows.append(
                    {
                        "host": host,
                        "line_hash": key,
                        "line": entry.line,
                        "pages": entry.pages,
                        "is_template": entry.template,
                        "last_seen_at": entry.last_seen_at,
                    }
                )
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> BoilerplateModel:
        """Rebuild a model from ``to_rows`` output (or ``SELECT * FROM site_templates``)."""
        model = cls()
        for row in rows:
            host = host_key(str(row["host"]))
            stats = model._hosts.setdefault(host, _HostStats())
            seen_at = row.get("last_seen_at") or datetime.now(UTC)
            if isinstance(seen_at, str):
                seen_at = datetime.fromisoformat(seen_at)
            if seen_at.tzinfo is None:
                seen_at = seen_at.replace(tzinfo=UTC)
            if not row["line_hash"]:
                stats.pages = int(row["pages"])
                stats.updated_at = seen_at
                continue
            stats.lines[str(row["line_hash"])] = _LineStats(
                line=str(row["line"]),
                pages=int(row["pages"]),
                last_seen_at=seen_at,
                template=bool(row.get("is_template", False)),
            )
        return model

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BoilerplateModel) and self.to_rows() == other.to_rows()

    __hash__ = None  # type: ignore[assignment]
