"""What the stage commands (`extract`, `dedupe`, `detect`) load so they run as a run would.

A run cleans pages with the source's patterns and the templates learned for
its site, matches new copies against the stories already in the warehouse,
and detects meetings with the configured gazetteer; these helpers give the
stand-alone commands the same inputs, read-only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wirewatch.extract import BoilerplateModel
from wirewatch.hosts import host_key, origin_key

if TYPE_CHECKING:  # each command loads only the stage it runs
    from collections.abc import Sequence

    from wirewatch.config import SourceConfig
    from wirewatch.dedupe import DedupeItem, EventIndex, StoryIndex
    from wirewatch.detect import Gazetteer

__all__ = [
    "event_index_for",
    "extraction_context",
    "gazetteer_for",
    "source_for_url",
    "story_index_for",
]


def source_for_url(sources_file: Path, url: str) -> SourceConfig | None:
    """The configured source whose feeds, sitemaps or sections live on ``url``'s host."""
    if not sources_file.is_file():
        return None
    from wirewatch.config import load_sources

    host = origin_key(url)
    for source in load_sources(sources_file).sources:
        if any(origin_key(u) == host for u in (*source.feeds, *source.sitemaps, *source.sections)):
            return source
    return None


def extraction_context(
    db: Path, sources_file: Path, url: str | None
) -> tuple[SourceConfig | None, BoilerplateModel]:
    """The source and the learned templates a run would clean a page from ``url`` with."""
    if url is None:
        return None, BoilerplateModel()
    source = source_for_url(sources_file, url)
    if not db.exists():
        return source, BoilerplateModel()
    from wirewatch import store  # DuckDB only when there is a warehouse to read

    with store.connect(db, read_only=True) as con:
        model = store.load_boilerplate(con)
    return source, model.subset([host_key(url)])


def story_index_for(db: Path | None, defaults_file: Path) -> StoryIndex:
    """A fresh index, or the warehouse's recent stories (read-only) when ``db`` is given."""
    from wirewatch.dedupe import StoryIndex

    if db is None:
        return StoryIndex()
    from wirewatch import store
    from wirewatch.config import load_defaults

    window = load_defaults(defaults_file).story_window_days
    with store.connect(db, read_only=True) as con:
        return store.load_story_index(con, window_days=window, now=datetime.now(UTC))


def event_index_for(
    db: Path | None, items: Sequence[DedupeItem], story_ids: Sequence[str]
) -> EventIndex:
    """A fresh event index, or (read-only, when ``db`` is given) the stored events the
    items could join and those of the stored stories they matched, as a load would see them."""
    from wirewatch.dedupe import EventIndex

    if db is None:
        return EventIndex()
    from wirewatch import store

    times = [it.published_at for it in items if it.published_at is not None]
    with store.connect(db, read_only=True) as con:
        return store.event_index_for(con, times, story_ids)


def gazetteer_for(config_dir: Path) -> Gazetteer | None:
    """``CONFIG/gazetteer/`` when a desk keeps its own, else None (the shipped one)."""
    from wirewatch.detect import load_gazetteer

    folder = config_dir / "gazetteer"
    return load_gazetteer(str(folder)) if folder.is_dir() else None
