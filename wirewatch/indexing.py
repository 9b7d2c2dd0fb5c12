"""The search index kept in step with the warehouse: the run's index step, reindex, the drift check.

The warehouse is the truth; the index (``wirewatch.search``, beside the warehouse
file) follows it. Each run, after its warehouse writes have committed, indexes
the article versions loaded since the last index commit, with the countries
detection found in them, and commits the index with a label naming the run and
the moment it read the warehouse::

    sync_index(db, run_id=run_id)        # the run's index step (after detect)
    rebuild_from_warehouse(db)           # wirewatch reindex
    index_drift(db).total                # wirewatch check: 0 when both agree

A run killed between its warehouse commit and its index commit leaves the
older label: the next run reads every version loaded since that label's moment
and so catches up. An index without a readable label (new, or rebuilt by hand)
is compared with the warehouse article by article (``compute_drift``). A
damaged index is rebuilt from the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from wirewatch import store
from wirewatch.errors import SearchIndexCorrupt, UsageError
from wirewatch.search import (
    Drift,
    SearchDocument,
    SearchIndex,
    compute_drift,
    index_dir_for,
    rebuild_index,
)

__all__ = ["IndexSync", "index_drift", "rebuild_from_warehouse", "rebuild_summaries", "sync_index"]

# Versions loaded this long before the last index commit's moment are read again:
# steps of one run may run on workers whose clocks differ by a few seconds.
CLOCK_MARGIN = timedelta(minutes=5)
# Articles read from the warehouse per query (about 6 MB of text at 3 KB an article).
READ_PAGE = 2_000
_LABEL_SEPARATOR = "@"


@dataclass(frozen=True)
class IndexSync:
    """What one index step did: articles (re)indexed and removed, and how it chose them."""

    indexed: int = 0
    removed: int = 0
    full_check: bool = False  # compared every article (no usable label), or rebuilt
    rebuilt: bool = False  # the index was damaged and rebuilt from the warehouse


def _label(run_id: str, moment: datetime) -> str:
    return f"{run_id}{_LABEL_SEPARATOR}{moment.astimezone(UTC).isoformat()}"


def label_moment(label: str | None) -> datetime | None:
    """When the commit labelled ``label`` read the warehouse; None when it does not say."""
    if not label or _LABEL_SEPARATOR not in label:
        return None
    try:
        moment = datetime.fromisoformat(label.rpartition(_LABEL_SEPARATOR)[2])
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def to_document(row: dict[str, Any]) -> SearchDocument:
    """A warehouse row of ``search/documents`` as the index holds it."""
    return SearchDocument(
        article_id=row["article_id"],
        story_id=row["story_id"],
        version=int(row["version"]),
        title=row["title"] or "",
        text=row["text"] or "",
        agency=row["agency"],
        source=row["source"],
        language=row["language"],
        countries=tuple(row["countries"] or ()),
        published=row["published"],
    )


def _documents(db: Path, ids: Sequence[str]) -> Iterator[SearchDocument]:
    """Documents of ``ids``, a page at a time, each page on a short connection."""
    for start in range(0, len(ids), READ_PAGE):
        with store.connect(db) as con:
            rows = store.index_documents(con, ids[start : start + READ_PAGE])
        yield from (to_document(r) for r in rows)


def sync_index(db: Path, *, run_id: str) -> IndexSync:
    """Index what changed in the warehouse since the last index commit; commit with a label.

    Call it after the run's warehouse writes have committed, under the run lock.
    """
    moment = datetime.now(UTC)
    path = index_dir_for(db)
    try:
        index = SearchIndex.open(path, create=True)
    except SearchIndexCorrupt:
        count = rebuild_from_warehouse(db, run_id=run_id)
        return IndexSync(indexed=count, full_check=True, rebuilt=True)
    since = label_moment(index.commit_label)
    removed: Sequence[str] = ()
    if since is None:
        with store.connect(db) as con:
            wanted = store.index_versions(con)
        drift = compute_drift(index.held_versions(), wanted)
        ids: Sequence[str] = drift.to_upsert
        removed = drift.extra
    else:
        with store.connect(db) as con:
            ids = store.changed_articles(con, since - CLOCK_MARGIN)
    with index.writer() as writer:
        indexed = writer.upsert(_documents(db, ids))
        writer.delete(removed)
        writer.commit(label=_label(run_id, moment))
    return IndexSync(indexed=indexed, removed=len(removed), full_check=since is None)


def rebuild_from_warehouse(db: Path, *, run_id: str = "reindex") -> int:
    """Replace the index with every article of the warehouse, in one commit; returns the count.

    Take the run lock first: a run writing meanwhile would be missed by the label.
    """
    if not db.exists():
        raise UsageError(f"no warehouse at {db}: run `wirewatch run` or `wirewatch demo` first")
    moment = datetime.now(UTC)

    def documents() -> Iterator[SearchDocument]:
        # One read-only connection streams every article: other readers keep working.
        with store.connect(db, read_only=True) as con:
            for rows in store.all_index_documents(con, READ_PAGE):
                yield from (to_document(r) for r in rows)

    return rebuild_index(index_dir_for(db), documents(), label=_label(run_id, moment))


def rebuild_summaries(db: Path) -> None:
    """Recompute the warehouse's summaries (migration 006) from its articles, in one
    transaction; migrating first backfills them on an older warehouse. Take the run lock."""
    with store.open_warehouse(db) as con, store.transaction(con):
        store.rebuild_summaries(con)


def index_drift(db: Path) -> Drift:
    """How the index differs from the warehouse, article by article (read-only on both)."""
    index = SearchIndex.open(index_dir_for(db))
    return compute_drift(index.held_versions(), store.warehouse_versions(db))
