"""The values the search package takes and gives back (frozen dataclasses)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class SearchDocument:
    """One article version as the index holds it.

    ``published`` is read as UTC when naive; ``countries`` are ISO 3166-1 alpha-2
    codes (any case). ``version`` is the warehouse's ``articles.version``: the
    index records which version it holds so drift can be computed.
    """

    article_id: str
    story_id: str
    version: int
    title: str
    text: str
    agency: str | None = None
    source: str | None = None
    language: str | None = None
    countries: tuple[str, ...] = ()
    published: datetime | None = None


@dataclass(frozen=True)
class Filters:
    """Restrictions on top of a query: all that are given must hold.

    ``since`` is inclusive and ``until`` exclusive (on ``published``; articles
    without a date never pass a date filter). Each tuple matches any of its
    values, case-insensitively.
    """

    since: datetime | None = None
    until: datetime | None = None
    sources: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Snippet:
    """A fragment of an article's text and where the query matched in it.

    ``spans`` are ``[start, end)`` character offsets into ``text``, sorted and
    not overlapping. Render with ``to_html`` (escaped) or ``to_text`` (plain,
    with markers), or walk ``parts`` to style the matches yourself.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut at the spans: ``(piece, is_match)`` in order."""
        out: list[tuple[str, bool]] = []
        pos = 0
        for start, end in self.spans:
            if start > pos:
                out.append((self.text[pos:start], False))
            out.append((self.text[start:end], True))
            pos = end
        if pos < len(self.text):
            out.append((self.text[pos:], False))
        return out

    def to_html(self, tag: str = "mark") -> str:
        """HTML with every piece escaped and each match inside ``<tag>``."""
        return "".join(
            f"<{tag}>{html.escape(piece)}</{tag}>" if hit else html.escape(piece)
            for piece, hit in self.parts()
        )

    def to_text(self, before: str = "[", after: str = "]") -> str:
        """Plain text with each match between ``before`` and ``after``."""
        return "".join(f"{before}{piece}{after}" if hit else piece for piece, hit in self.parts())


@dataclass(frozen=True)
class Hit:
    """One matching article, as ranked by BM25."""

    article_id: str
    story_id: str
    score: float
    title: str
    snippet: Snippet
    version: int
    agency: str | None = None
    source: str | None = None
    language: str | None = None
    countries: tuple[str, ...] = ()
    published: datetime | None = None


@dataclass(frozen=True)
class Matches:
    """Every article matching a query, as columns in index order (not ranked).

    ``published`` is epoch seconds (UTC) or None. ``to_arrow`` gives a table
    DuckDB can join with the warehouse directly.
    """

    article_ids: list[str]
    story_ids: list[str]
    published: list[int | None]

    def __len__(self) -> int:
        return len(self.article_ids)

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with columns article_id, story_id, published (timestamp UTC)."""
        import pyarrow as pa  # imported here: the CLI's search command does not need it

        return pa.table(
            {
                "article_id": pa.array(self.article_ids, type=pa.string()),
                "story_id": pa.array(self.story_ids, type=pa.string()),
                "published": pa.array(self.published, type=pa.timestamp("s", tz="UTC")),
            }
        )


@dataclass(frozen=True)
class StoryDates:
    """The story and date of every matching article that has a date, as two aligned
    numpy arrays (not ranked): what attention counts by period.

    ``stories`` (uint64) stands for the story: its key when the story id is 16 hex
    digits (as the warehouse writes them), otherwise a code equal for equal ids.
    ``published`` (int64) is epoch seconds, UTC.
    """

    stories: Any
    published: Any

    def __len__(self) -> int:
        return len(self.stories)


@dataclass(frozen=True)
class Drift:
    """How the index differs from the warehouse, article by article (ids sorted).

    ``missing``: in the warehouse, not in the index; ``stale``: the index holds
    another version; ``extra``: in the index, gone from the warehouse. Catch up
    by upserting ``missing + stale`` and deleting ``extra``.
    """

    missing: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """How many articles differ; zero when index and warehouse agree."""
        return len(self.missing) + len(self.stale) + len(self.extra)

    @property
    def to_upsert(self) -> tuple[str, ...]:
        """Article ids whose current version must be (re)indexed."""
        return self.missing + self.stale


def collapse_by_story(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per story, its best-scoring copy, best stories first."""
    best: dict[str, Hit] = {}
    for hit in hits:
        if hit.story_id not in best or hit.score > best[hit.story_id].score:
            best[hit.story_id] = hit
    return sorted(best.values(), key=lambda h: -h.score)


def compute_drift(held: Mapping[str, int], wanted: Mapping[str, int]) -> Drift:
    """Compare the index's ``{article_id: version}`` with the warehouse's."""
    missing = sorted(a for a in wanted if a not in held)
    stale = sorted(a for a, v in wanted.items() if a in held and held[a] != v)
    extra = sorted(a for a in held if a not in wanted)
    return Drift(tuple(missing), tuple(stale), tuple(extra))


def to_epoch(moment: datetime) -> int:
    """Epoch seconds of ``moment``; a naive datetime is read as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    """The UTC datetime of epoch ``seconds``."""
    return datetime.fromtimestamp(seconds, tz=UTC)
