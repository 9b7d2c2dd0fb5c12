"""Source health and the robots.txt cache: the ``source_health`` and ``robots_cache`` rows,
and the reads ``wirewatch status`` makes (last runs, outbox counts, article pace)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from wirewatch.fetch import StoredRobots
from wirewatch.health import Backoff, Health, Observation, advance
from wirewatch.store.connection import Connection, load_rows, select_rows, select_value

__all__ = [
    "article_pace",
    "fresh_robots",
    "health_recorded",
    "latest_runs",
    "outbox_counts",
    "read_health",
    "record_health",
    "registered_sources",
    "save_robots",
]


def health_recorded(con: Connection) -> bool:
    """True when the warehouse keeps source health (a warehouse from before it gets it on its next run)."""
    return bool(select_value(con, "health/recorded"))


def read_health(con: Connection) -> list[Health]:
    """Every source and listing health row."""
    return [Health(**row) for row in select_rows(con, "health/all")]


def record_health(
    con: Connection, run_id: str, seen: Sequence[Observation], *, backoff: Backoff
) -> int:
    """Apply one run's observations (inside the caller's transaction); returns rows written."""
    if not seen:
        return 0
    known = {(h.source, h.feed): h for h in read_health(con)}
    rows = []
    for obs in seen:
        health = advance(known.get((obs.source, obs.feed)), obs, run_id=run_id, backoff=backoff)
        known[(obs.source, obs.feed)] = health
        row = asdict(health)
        row["source_id"] = row.pop("source")
        rows.append(row)
    return load_rows(con, "health/upsert", rows, key=["source_id", "feed"])


def fresh_robots(con: Connection, since: datetime) -> list[StoredRobots]:
    """The robots.txt answers fetched at or after ``since``."""
    return [StoredRobots(**row) for row in select_rows(con, "robots/fresh", [since])]


def save_robots(con: Connection, answers: Sequence[StoredRobots]) -> int:
    """Store robots.txt answers a run fetched (inside the caller's transaction)."""
    return load_rows(con, "robots/upsert", [asdict(a) for a in answers], key=["robots_url"])


def latest_runs(con: Connection, limit: int) -> list[dict[str, Any]]:
    """The last ``limit`` runs, newest first, with their duration in seconds."""
    return select_rows(con, "runs/latest", [limit])


def outbox_counts(con: Connection) -> dict[str, int]:
    """Alerts waiting to be sent (``pending``) and given up on (``failed``)."""
    rows = select_rows(con, "alerts/outbox_counts")
    return {k: int(v or 0) for k, v in rows[0].items()} if rows else {"pending": 0, "failed": 0}


def article_pace(con: Connection, *, now: datetime, days: int) -> dict[str, dict[str, Any]]:
    """Per source: ``last_new_article``, ``articles`` and ``usual_gap_s`` over the last ``days``."""
    return {row.pop("source_id"): row for row in select_rows(con, "health/article_pace", [now, days])}


def registered_sources(con: Connection) -> list[str]:
    """Every source name the warehouse has registered."""
    return [row["source_id"] for row in select_rows(con, "health/sources")]
