"""Full-text search by story: the index ranks, the warehouse adds links and story sizes.

::

    rows = search_stories(db, "Lukashenko AND China", Filters(countries=("BY",)), limit=20)
    rows[0].to_json()     # story_id, title, url, agency, published, copies, sources, score, snippet
    copies_of(db, [r.story_id for r in rows])   # every copy of each story, earliest first

Each row is a story's best-matching copy (title, agency, date, link, snippet),
with the number of copies and sources the whole story has. The index lives
beside the warehouse (``wirewatch.search.index_dir_for``); a missing one is
``SearchIndexMissing``, whose message says to run ``wirewatch reindex``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from wirewatch import store
from wirewatch.search import Filters, SearchIndex, Snippet, check_query, index_dir_for

__all__ = ["StoryRow", "copies_of", "search_stories"]


@dataclass(frozen=True)
class StoryRow:
    """One matching story, shown by its best-matching copy."""

    story_id: str
    article_id: str
    title: str
    url: str | None
    agency: str | None
    source: str | None
    language: str | None
    published: datetime | None
    copies: int
    sources: int
    score: float
    snippet: Snippet

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-able data; ``snippet`` is plain text, ``snippet_html`` marks matches."""
        return {
            "story_id": self.story_id,
            "title": self.title,
            "url": self.url,
            "agency": self.agency,
            "published": self.published.isoformat() if self.published else None,
            "copies": self.copies,
            "sources": self.sources,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "snippet_html": self.snippet.to_html(),
            "article_id": self.article_id,
            "source": self.source,
            "language": self.language,
        }


def search_stories(
    db: Path, query: str, filters: Filters | None = None, *, limit: int = 20
) -> list[StoryRow]:
    """The best ``limit`` stories matching ``query``, best first.

    Raises ``QueryError`` for a malformed query (before touching the index), and
    ``SearchIndexMissing`` / ``SearchIndexCorrupt`` when the index needs a reindex.
    """
    check_query(query)
    index = SearchIndex.open(index_dir_for(db))
    hits = index.search_stories(query, filters, limit=limit)
    details = store.hit_details(db, [h.article_id for h in hits])
    rows = []
    for hit in hits:
        found = details.get(hit.article_id, {})
        rows.append(
            StoryRow(
                story_id=hit.story_id,
                article_id=hit.article_id,
                title=hit.title,
                url=found.get("url"),
                agency=hit.agency,
                source=hit.source,
                language=hit.language,
                published=hit.published,
                copies=int(found.get("copies") or 1),
                sources=int(found.get("sources") or 1),
                score=hit.score,
                snippet=hit.snippet,
            )
        )
    return rows


def copies_of(db: Path, story_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """``{story_id: [copy, ...]}``: source, agency, published, title and url of every copy."""
    copies: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.story_copies(db, story_ids):
        copies[row["story_id"]].append(row)
    return dict(copies)
