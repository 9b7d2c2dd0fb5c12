"""Stories, the near-duplicate index they are matched with, and the learned site templates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from wirewatch.dedupe import StoryIndex
from wirewatch.extract import BoilerplateModel
from wirewatch.store.connection import (
    Connection,
    execute_query,
    load_rows,
    read_only_rows,
    select_rows,
    select_value,
    stream_rows,
)

__all__ = [
    "load_boilerplate",
    "load_story_index",
    "prune_story_index",
    "refresh_stories",
    "save_boilerplate",
    "store_story_index",
    "top_stories",
]


def load_story_index(con: Connection, *, window_days: int, now: datetime) -> StoryIndex:
    """The near-duplicate index over the stories of the last ``window_days``."""
    since = now - timedelta(days=window_days)
    # Streamed: the rows as dicts (MinHash and anchor blobs) are never all held at once.
    batches = stream_rows(con, "stories/index_since", [since])
    return StoryIndex.from_rows(row for batch in batches for row in batch)


def store_story_index(con: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Add entries (``StoryIndex.to_rows`` output) to the stored index."""
    load_rows(con, "stories/upsert_index", rows, key=["article_id"])


def prune_story_index(con: Connection, *, before: datetime) -> int:
    """Delete near-duplicate index entries last seen before ``before``; returns how many."""
    pruned = int(select_value(con, "stories/count_index_before", [before]))
    execute_query(con, "stories/prune_index", [before])
    return pruned


def refresh_stories(con: Connection, story_ids: Iterable[str]) -> None:
    """Recompute the story rows (title, counts, best copy) from their articles."""
    ids = sorted(set(story_ids))
    if ids:
        execute_query(con, "stories/refresh", [ids])


def load_boilerplate(con: Connection) -> BoilerplateModel:
    """The per-site templates learned so far."""
    return BoilerplateModel.from_rows(select_rows(con, "stories/site_templates"))


def save_boilerplate(con: Connection, model: BoilerplateModel) -> None:
    """Persist the per-site templates (replacing what is stored)."""
    rows = model.to_rows()
    execute_query(con, "stories/clear_site_templates")
    load_rows(con, "stories/upsert_site_templates", rows, key=["host", "line_hash"])


def top_stories(db: Path, limit: int) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The stories carried by the most sources (read-only); column names and rows."""
    return read_only_rows(db, "stories/top", [limit])
