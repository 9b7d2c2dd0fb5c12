"""Events: which event each story belongs to, given once and never changed.

A story gets its event in the load transaction that creates it
(:func:`assign_events`), so a run killed and rerun leaves the same rows as one
uninterrupted run: what a batch decides depends only on what earlier batches
stored and on the batch itself, never on the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from wirewatch.dedupe import MAX_EVENT_GAP, DedupeItem, EventIndex
from wirewatch.store.connection import Connection, load_rows, select_rows

__all__ = ["assign_events", "event_index_for"]


def event_index_for(
    con: Connection, times: Sequence[datetime], story_ids: Iterable[str] = ()
) -> EventIndex:
    """The stored events new stories published at ``times`` may join, plus those of ``story_ids``."""
    rows = []
    if times:
        start, end = min(times) - MAX_EVENT_GAP, max(times) + MAX_EVENT_GAP
        near = [start - MAX_EVENT_GAP, end + MAX_EVENT_GAP]
        rows = select_rows(con, "events/window", [*near, start, end])
    known = {r["story_id"] for r in rows}
    wanted = sorted(set(story_ids) - known)
    if wanted:
        rows += select_rows(con, "events/of_stories", [wanted])
    return EventIndex.from_rows(rows)


def assign_events(con: Connection) -> int:
    """Give every story without an event one (inside the caller's transaction); returns how many.

    New stories join a stored event or start their own; stored events never
    change. Stories are taken oldest first, so the same stories get the same ids.
    """
    pending = select_rows(con, "events/unassigned")
    if not pending:
        return 0
    items = [
        DedupeItem(
            id=r["story_id"],
            url="",
            title=r["title"],
            text=r["text"] or "",
            published_at=r["published_at"],
            source="",
        )
        for r in pending
    ]
    index = event_index_for(con, [r["published_at"] for r in pending])
    index.assign(items)
    load_rows(con, "events/insert", index.to_rows(only_new=True), key=["story_id"])
    return len(pending)
