"""What ``wirewatch status`` reports: is a run going on, the last runs, source health,
the alert outbox and the sizes on disk, read on a sealed read-only connection.

:func:`read_status` returns plain JSON-able data with this top-level shape
(monitoring scripts rely on it; add keys, never rename)::

    {"running": bool,
     "runs": [{"run_id", "started_at", "finished_at", "outcome", "duration_s", ...}],
     "sources": [{"source", "feed", "state", "consecutive_failures", "last_success",
                  "last_error", "next_attempt", ...}],
     "alerts": {"pending": int, "failed": int},
     "sizes": {"warehouse_bytes", "archive_bytes", "index_bytes"}}

``sources`` has one entry per source (``feed`` null) followed by one per listing
it has health for; ``state`` is one of :data:`wirewatch.health.STATES`. Given the
configured source names (``sources.yaml``), a configured source never attempted is
listed as ``never_answered`` and each entry says ``configured`` true or false (a
source dropped from the config keeps its history, so it is shown, not hidden);
``configured`` is null when the configuration could not be read.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from wirewatch import store
from wirewatch.health import QUIET_MIN_ARTICLES, SOURCE_ROW, Health, state_of
from wirewatch.run.lock import run_lock_held
from wirewatch.settings import run_lock_for

__all__ = ["PACE_DAYS", "RUNS_SHOWN", "read_status"]

log = logging.getLogger(__name__)

RUNS_SHOWN: Final = 10  # the last runs listed: two and a half hours at the default schedule
# A source's usual gap between new articles is judged on the articles first seen this recently:
# long enough for a weekly source, short enough that a source that changed pace shows it.
PACE_DAYS: Final = 30
# A reader waits out a run's short write batches, like the other commands that read.
_WAIT_SECONDS: Final = 10.0


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _size(path: Path) -> int:
    """Bytes under ``path`` (a file or a directory tree); 0 when it is not there."""
    if path.is_file():
        return path.stat().st_size
    if not path.is_dir():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _run_row(row: dict[str, Any]) -> dict[str, Any]:
    duration = row.pop("duration_s")
    return {
        "run_id": row.pop("run_id"),
        "started_at": _iso(row.pop("started_at")),
        "finished_at": _iso(row.pop("finished_at")),
        "outcome": row.pop("status"),
        "duration_s": round(float(duration), 3) if duration is not None else None,
        **row,
    }


def _source_row(
    source: str, health: Health | None, state: str, pace: dict[str, Any] | None
) -> dict[str, Any]:
    return {
        "source": source,
        "feed": None if health is None or health.feed == SOURCE_ROW else health.feed,
        "state": state,
        "consecutive_failures": health.consecutive_failures if health else 0,
        "last_success": _iso(health.last_success_at) if health else None,
        "last_error": health.last_error if health else None,
        "next_attempt": _iso(health.next_attempt_at) if health else None,
        "kind": health.kind if health else "source",
        "last_attempt": _iso(health.last_attempt_at) if health else None,
        "last_outcome": health.last_outcome if health else None,
        "last_error_at": _iso(health.last_error_at) if health else None,
        "answered_ever": bool(health and health.last_success_at),
        "last_new_article": _iso(pace.get("last_new_article")) if pace else None,
    }


def _sources(
    con: store.Connection | None, now: datetime, configured: Collection[str] | None
) -> list[dict[str, Any]]:
    rows = store.read_health(con) if con is not None else []
    pace = store.article_pace(con, now=now, days=PACE_DAYS) if con is not None else {}
    registered = store.registered_sources(con) if con is not None else []
    by_source: dict[str, list[Health]] = {}
    for h in rows:
        by_source.setdefault(h.source, []).append(h)
    names = sorted(set(registered) | set(by_source) | set(configured or ()))
    found: list[dict[str, Any]] = []
    for name in names:
        health = by_source.get(name, [])
        own = next((h for h in health if h.feed == SOURCE_ROW), None)
        seen = pace.get(name)
        gap = None
        if seen and seen["articles"] >= QUIET_MIN_ARTICLES and seen["usual_gap_s"] is not None:
            gap = timedelta(seconds=float(seen["usual_gap_s"]))
        last_new = seen["last_new_article"] if seen else None
        state = state_of(own, now=now, last_new_article=last_new, usual_gap=gap)
        found.append(_source_row(name, own, state, seen))
        for h in health:
            if h.feed != SOURCE_ROW:
                found.append(_source_row(name, h, state_of(h, now=now), None))
    for row in found:
        row["configured"] = None if configured is None else row["source"] in configured
    return found


def read_status(
    db: Path,
    *,
    archive_dir: Path,
    runs: int = RUNS_SHOWN,
    configured: Collection[str] | None = None,
) -> dict[str, Any]:
    """The status of the warehouse ``db`` and its run, as JSON-able data (shape above).

    ``configured``: the source names of ``sources.yaml``; None when it is not known.
    """
    from wirewatch.search import index_dir_for

    now = datetime.now(UTC)
    report: dict[str, Any] = {
        "running": run_lock_held(run_lock_for(db)),
        "runs": [],
        "sources": [],
        "alerts": {"pending": 0, "failed": 0},
        "sizes": {
            "warehouse_bytes": _size(db) + _size(db.with_name(db.name + ".wal")),
            "archive_bytes": _size(archive_dir),
            "index_bytes": _size(index_dir_for(db)),
        },
    }
    if not db.is_file():  # nothing has run yet: the shape stays the same
        report["sources"] = _sources(None, now, configured) if configured else []
        return report
    with store.connect(db, read_only=True, wait_seconds=_WAIT_SECONDS) as con:
        report["runs"] = [_run_row(r) for r in store.latest_runs(con, runs)]
        if store.health_recorded(con):
            report["sources"] = _sources(con, now, configured)
        else:
            log.warning("the warehouse has no source health yet: its next run records it")
        report["alerts"] = store.outbox_counts(con)
    return report
