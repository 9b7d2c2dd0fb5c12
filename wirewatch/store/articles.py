"""Articles and their versions: dedupe a batch of extracted pages and load it.

Every function here takes an open connection and runs inside the caller's
transaction. Ids are hashes of what they identify (``wirewatch.ids``), so
loading the same pages twice is a no-op and a rerun after a crash converges on
the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wirewatch.dedupe import DedupeItem, StoryIndex, canonical_url, content_sha256
from wirewatch.ids import article_id_for
from wirewatch.models import Extracted, PageResult
from wirewatch.store.connection import Connection, execute_query, load_rows, select_rows
from wirewatch.store.stories import refresh_stories, store_story_index
from wirewatch.store.summary import refresh_summaries, summary_days
from wirewatch.store.urls import article_ids_for_urls, store_article_urls

__all__ = ["ArticleLoad", "load_page_results"]


@dataclass
class ArticleLoad:
    """What one load batch did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    url_variants: int = 0
    stories_new: int = 0
    extract_errors: int = 0

    def add(self, other: ArticleLoad) -> None:
        """Add another batch's counts to these."""
        for name in (
            "new",
            "updated",
            "unchanged",
            "url_variants",
            "stories_new",
            "extract_errors",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load_page_results(
    con: Connection,
    results: Sequence[PageResult],
    *,
    index: StoryIndex,
    now: datetime,
) -> ArticleLoad:
    """Dedupe and load one batch of extracted pages (inside the caller's transaction)."""
    load = ArticleLoad()
    # A known URL that now redirects elsewhere (an update that changed the slug) is
    # still the same article: keep the id its URL already maps to.
    moved = article_ids_for_urls(
        con, (r.url for r in results if r.extracted is not None and r.url != r.final_url)
    )
    candidates: list[tuple[PageResult, Extracted, str, str, str]] = []
    for res in results:
        if res.extracted is None:
            load.extract_errors += 1
            continue
        canon = canonical_url(res.final_url, page_canonical=res.extracted.canonical_url)
        aid = moved.get(res.url) or article_id_for(canon)
        candidates.append((res, res.extracted, canon, aid, content_sha256(res.extracted.text)))
    if not candidates:
        return load

    ids = sorted({c[3] for c in candidates})
    shas = sorted({c[4] for c in candidates})
    existing = {r["article_id"]: r for r in select_rows(con, "articles/by_id", [ids])}
    same_content = {
        (r["content_sha256"], r["source_id"]): r["article_id"]
        for r in select_rows(con, "articles/by_content", [shas])
    }

    article_rows: list[dict[str, Any]] = []
    version_rows: list[dict[str, Any]] = []
    url_rows: list[dict[str, Any]] = []
    new_items: list[DedupeItem] = []
    new_rows: dict[str, dict[str, Any]] = {}
    touched_stories: set[str] = set()
    seen: set[str] = set()
    unchanged: list[str] = []

    for res, ex, canon, aid, sha in candidates:
        first_url_row = len(url_rows)
        for url in sorted({res.url, res.final_url, canon}):
            url_rows.append({"url": url, "article_id": aid, "first_seen_at": now})
        if aid in seen:
            load.url_variants += 1
            continue
        seen.add(aid)
        variant_of = same_content.get((sha, res.source))
        if aid not in existing and variant_of is not None and variant_of != aid:
            # The same text already stored for this source under another URL.
            load.url_variants += 1
            for row in url_rows[first_url_row:]:
                row["article_id"] = variant_of
            continue
        same_content[(sha, res.source)] = aid
        old = existing.get(aid)
        if old is not None and old["content_sha256"] == sha:
            load.unchanged += 1
            unchanged.append(aid)
            continue
        version = 1 if old is None else int(old["version"]) + 1
        row = {
            "article_id": aid,
            "source_id": res.source,
            "url": res.final_url,
            "canonical_url": canon,
            "site": ex.site,
            "title": ex.title,
            "text": ex.text,
            "caption": ex.caption,
            "agency": ex.agency,
            "dateline": ex.dateline,
            "published_at": ex.published,
            "updated_at": ex.updated,
            "language": ex.language,
            "first_seen_at": old["first_seen_at"] if old else now,
            "last_seen_at": now,
            "version": version,
            "content_sha256": sha,
            "story_id": old["story_id"] if old else "",
            "duplicate_of": old["duplicate_of"] if old else None,
            "detected_version": None,
        }
        version_rows.append(
            {
                "article_id": aid,
                "version": version,
                "content_sha256": sha,
                "title": ex.title,
                "text": ex.text,
                "updated_at": ex.updated,
                "seen_at": now,
            }
        )
        article_rows.append(row)
        if old is None:
            load.new += 1
            new_rows[aid] = row
            new_items.append(
                DedupeItem(
                    id=aid,
                    url=canon,
                    title=ex.title,
                    text=ex.text,
                    published_at=ex.published or res.fetched_at,
                    source=res.source,
                    page_canonical=ex.canonical_url,
                    dateline=ex.dateline,
                    agency=ex.agency,
                )
            )
        else:
            load.updated += 1
            touched_stories.add(row["story_id"])

    for decision in index.assign(new_items):
        row = new_rows[decision.id]
        row["story_id"] = decision.story_id
        row["duplicate_of"] = decision.duplicate_of
        touched_stories.add(decision.story_id)
        if decision.new_story:
            load.stories_new += 1

    if unchanged:
        execute_query(con, "articles/touch", [now, unchanged])
    written = [r["article_id"] for r in article_rows]
    days = summary_days(con, written)  # an update may move an article to another day
    load_rows(con, "articles/upsert", article_rows, key=["article_id"])
    load_rows(con, "articles/insert_versions", version_rows, key=["article_id", "version"])
    store_article_urls(con, url_rows)
    # to_rows(only_new) holds every entry added since the index was loaded; write this batch's.
    store_story_index(
        con, [r for r in index.to_rows(only_new=True) if r["article_id"] in new_rows]
    )
    refresh_stories(con, touched_stories)
    refresh_summaries(con, days | summary_days(con, written))
    return load
