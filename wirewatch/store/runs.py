"""Runs, sources and fetch attempts: the ``runs``, ``sources``, ``fetches`` and ``url_state`` rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from wirewatch.config import SourceConfig
from wirewatch.fetch import is_final
from wirewatch.models import FetchOutcome, FetchRecord, RunSummary
from wirewatch.store.connection import Connection, execute_query, load_rows

__all__ = ["finish_run", "record_fetches", "register_sources", "start_run"]


def register_sources(con: Connection, sources: Sequence[SourceConfig]) -> None:
    """Upsert the configured sources."""
    load_rows(
        con,
        "runs/upsert_sources",
        [
            {
                "source_id": s.name,
                "name": s.name,
                "publisher": s.publisher,
                "language": s.language,
                "agency": s.agency,
            }
            for s in sources
        ],
        key=["source_id"],
    )


def start_run(con: Connection, summary: RunSummary) -> None:
    """Record a run as started; runs still marked running were killed (the caller holds the run lock)."""
    execute_query(con, "runs/mark_interrupted")
    execute_query(
        con, "runs/start", [summary.run_id, summary.started_at, summary.status, summary.sources]
    )


def finish_run(con: Connection, summary: RunSummary) -> None:
    """Store the run's final counts and status."""
    data = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in vars(summary).items()}
    execute_query(
        con,
        "runs/finish",
        [
            summary.finished_at,
            summary.status,
            summary.sources,
            summary.discovered,
            summary.skipped_known,
            summary.fetched,
            summary.fetch_errors,
            summary.extracted,
            summary.extract_errors,
            summary.articles_new,
            summary.articles_updated,
            summary.articles_unchanged,
            summary.stories_new,
            summary.meetings_new,
            summary.alerts_created,
            summary.alerts_sent,
            summary.alerts_failed,
            json.dumps(data, default=str),
            summary.run_id,
        ],
    )


def record_fetches(
    con: Connection,
    run_id: str,
    records: Sequence[FetchRecord],
    *,
    overrides: Mapping[str, tuple[str, str | None]] | None = None,
    source_updated: Mapping[str, datetime | None] | None = None,
    deferred_sources: Iterable[str] = (),
) -> None:
    """Store fetch attempts and update the per-URL state used by the next run.

    ``overrides`` maps a fetch id to the extract outcome that replaced ``ok``
    (``extract_empty``, ``decode_error``). Sources in ``deferred_sources`` left
    candidates for a later run (``max_pages``): their listings' validators are
    not stored, or the next run's 304 would hide those candidates.
    """
    deferred = set(deferred_sources)
    overrides = overrides or {}
    source_updated = source_updated or {}
    rows: list[dict[str, Any]] = []
    state: list[dict[str, Any]] = []
    unchanged: list[dict[str, Any]] = []  # 304s: the listing's date moved, the page did not
    for r in records:
        outcome, error = overrides.get(r.fetch_id, (r.outcome, r.error))
        rows.append(
            {
                "fetch_id": r.fetch_id,
                "run_id": run_id,
                "source_id": r.source,
                "url": r.url,
                "requested_at": r.requested_at,
                "status_code": r.status_code,
                "outcome": outcome,
                "error": error,
                "bytes": r.bytes,
                "content_sha256": r.content_sha256,
                "kind": r.kind,
                "final_url": r.final_url,
            }
        )
        if r.kind == "robots" or (r.kind != "article" and r.source in deferred):
            continue
        final = is_final(outcome, r.status_code)
        if outcome == FetchOutcome.NOT_MODIFIED and source_updated.get(r.url) is not None:
            unchanged.append({"url": r.url, "source_updated": source_updated[r.url]})
        if outcome == FetchOutcome.NOT_MODIFIED or (not final and r.kind != "article"):
            continue  # keep the validators we already have
        state.append(
            {
                "url": r.url,
                "source_id": r.source,
                "kind": r.kind,
                "etag": r.etag,
                "last_modified": r.last_modified,
                "source_updated": source_updated.get(r.url),
                "loaded": final and r.kind == "article",
                "last_outcome": outcome,
                "last_fetched_at": r.requested_at,
            }
        )
    load_rows(con, "runs/insert_fetches", rows, key=["fetch_id"])
    load_rows(con, "urls/upsert_url_state", state, key=["url"])
    load_rows(con, "urls/advance_source_updated", unchanged, key=["url"])
