"""The load stage: turn stage outputs into warehouse rows.

Every function here takes an open connection and runs inside the caller's
transaction; the run's steps (``wirewatch.run``) decide where transactions begin and end.
Ids are deterministic hashes, so loading the same input twice is a no-op and a
rerun after a crash converges on the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pyarrow as pa

from wirewatch.alert import Delivery, MeetingView, PendingAlert, plan_alerts
from wirewatch.config import AlertsConfig, SourceConfig
from wirewatch.dedupe import DedupeItem, StoryIndex, canonical_url, content_sha256
from wirewatch.extract import BoilerplateModel
from wirewatch.fetch import KnownUrl
from wirewatch.models import (
    Extracted,
    FetchOutcome,
    FetchRecord,
    Meeting,
    PageResult,
    RunSummary,
)
from wirewatch.warehouse import Connection, fetch_dicts, scalar, upsert

__all__ = [
    "ArticleLoad",
    "PageResult",
    "article_id_for",
    "finish_run",
    "load_boilerplate",
    "load_page_results",
    "load_story_index",
    "meeting_id_for",
    "pending_alerts",
    "pending_detection",
    "read_known_urls",
    "record_deliveries",
    "register_sources",
    "start_run",
    "store_detections",
]

# Fetch outcomes after which a URL is done with until its source says it changed.
_FINAL_OUTCOMES = {
    FetchOutcome.OK,
    FetchOutcome.NOT_MODIFIED,
    FetchOutcome.ROBOTS_DISALLOWED,
    FetchOutcome.TOO_LARGE,
    FetchOutcome.DECODE_ERROR,
    FetchOutcome.EXTRACT_EMPTY,
}
_KIND_PRIORITY = {"in_person": 0, "call": 1, "announced": 2}


def _hash_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id_for(canonical: str) -> str:
    """The article id: a hash of its canonical URL."""
    return _hash_id("article", canonical)


def meeting_id_for(country_a: str, country_b: str, event_date: date) -> str:
    """The meeting id: one meeting per country pair per day."""
    return _hash_id("meeting", country_a, country_b, event_date.isoformat())


def alert_id_for(meeting_id: str, channel: str) -> str:
    """The alert id: one alert per meeting per channel."""
    return _hash_id("alert", meeting_id, channel)


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


# -- runs and sources ---------------------------------------------------------


def register_sources(con: Connection, sources: Sequence[SourceConfig]) -> None:
    """Upsert the configured sources."""
    upsert(
        con,
        "sources",
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
    con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    con.execute(
        "INSERT OR REPLACE INTO runs (run_id, started_at, status, sources) VALUES (?, ?, ?, ?)",
        [summary.run_id, summary.started_at, summary.status, summary.sources],
    )


def finish_run(con: Connection, summary: RunSummary) -> None:
    """Store the run's final counts and status."""
    data = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in vars(summary).items()}
    con.execute(
        """UPDATE runs SET finished_at = ?, status = ?, sources = ?, discovered = ?, skipped_known = ?,
               fetched = ?, fetch_errors = ?, extracted = ?, extract_errors = ?, articles_new = ?,
               articles_updated = ?, articles_unchanged = ?, stories_new = ?, meetings_new = ?,
               alerts_created = ?, alerts_sent = ?, alerts_failed = ?, summary = ?
           WHERE run_id = ?""",
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


# -- known URLs, learned state --------------------------------------------------


def read_known_urls(con: Connection, source_names: Iterable[str]) -> dict[str, KnownUrl]:
    """What the warehouse remembers about the URLs of these sources."""
    names = list(source_names)
    if not names:
        return {}
    rows = fetch_dicts(
        con,
        "SELECT url, etag, last_modified, source_updated, loaded FROM url_state WHERE source_id IN (SELECT unnest(?))",
        [names],
    )
    return {
        r["url"]: KnownUrl(
            url=r["url"],
            etag=r["etag"],
            last_modified=r["last_modified"],
            source_updated=r["source_updated"],
            loaded=bool(r["loaded"]),
        )
        for r in rows
    }


def load_story_index(con: Connection, *, window_days: int, now: datetime) -> StoryIndex:
    """The near-duplicate index over the stories of the last ``window_days``."""
    since = now - timedelta(days=window_days)
    rows = fetch_dicts(con, "SELECT * FROM story_index WHERE seen_at >= ?", [since])
    return StoryIndex.from_rows(rows)


def load_boilerplate(con: Connection) -> BoilerplateModel:
    """The per-site templates learned so far."""
    return BoilerplateModel.from_rows(fetch_dicts(con, "SELECT * FROM site_templates"))


def save_boilerplate(con: Connection, model: BoilerplateModel) -> None:
    """Persist the per-site templates (replacing what is stored)."""
    rows = model.to_rows()
    con.execute("DELETE FROM site_templates")
    upsert(con, "site_templates", rows, key=["host", "line_hash"])


# -- articles --------------------------------------------------------------------


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
    rows = []
    state = []
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
        final = outcome in _FINAL_OUTCOMES or (
            outcome == FetchOutcome.HTTP_ERROR and r.status_code is not None and r.status_code < 500
        )
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
    upsert(con, "fetches", rows, key=["fetch_id"], on_conflict="ignore")
    upsert(con, "url_state", state, key=["url"])


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
    redirected = sorted(
        {r.url for r in results if r.extracted is not None and r.url != r.final_url}
    )
    moved = (
        {
            r["url"]: r["article_id"]
            for r in fetch_dicts(
                con,
                "SELECT url, article_id FROM article_urls WHERE url IN (SELECT unnest(?))",
                [redirected],
            )
        }
        if redirected
        else {}
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
    existing = {
        r["article_id"]: r
        for r in fetch_dicts(
            con,
            "SELECT article_id, version, content_sha256, first_seen_at, story_id, duplicate_of, source_id "
            "FROM articles WHERE article_id IN (SELECT unnest(?))",
            [ids],
        )
    }
    same_content = {
        (r["content_sha256"], r["source_id"]): r["article_id"]
        for r in fetch_dicts(
            con,
            "SELECT content_sha256, source_id, min(article_id) AS article_id FROM articles "
            "WHERE content_sha256 IN (SELECT unnest(?)) GROUP BY ALL",
            [shas],
        )
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
        con.execute(
            "UPDATE articles SET last_seen_at = ? WHERE article_id IN (SELECT unnest(?))",
            [now, unchanged],
        )
    upsert(con, "articles", article_rows, key=["article_id"])
    upsert(
        con, "article_versions", version_rows, key=["article_id", "version"], on_conflict="ignore"
    )
    upsert(con, "article_urls", url_rows, key=["url"], on_conflict="ignore")
    # to_rows(only_new) holds every entry added since the index was loaded; write this batch's.
    upsert(
        con,
        "story_index",
        [r for r in index.to_rows(only_new=True) if r["article_id"] in new_rows],
        key=["article_id"],
    )
    refresh_stories(con, touched_stories)
    return load


def refresh_stories(con: Connection, story_ids: Iterable[str]) -> None:
    """Recompute the story rows (title, counts, best copy) from their articles."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    con.execute(
        """
        INSERT OR REPLACE INTO stories
            (story_id, title, first_seen_at, last_seen_at, article_count, source_count, best_article_id)
        SELECT story_id,
               arg_min(title, rank_key) AS title,
               min(first_seen_at) AS first_seen_at,
               max(last_seen_at) AS last_seen_at,
               count(*) AS article_count,
               count(DISTINCT source_id) AS source_count,
               arg_min(article_id, rank_key) AS best_article_id
        FROM (
            SELECT a.*,
                   struct_pack(
                       own := CASE WHEN a.agency IS NOT NULL AND a.agency = s.agency THEN 0 ELSE 1 END,
                       origin := CASE WHEN a.agency IS NOT NULL THEN 0 ELSE 1 END,
                       t := coalesce(a.published_at, a.first_seen_at),
                       id := a.article_id) AS rank_key
            FROM articles a LEFT JOIN sources s ON s.source_id = a.source_id
            WHERE a.story_id IN (SELECT unnest(?))
        )
        GROUP BY story_id
        """,
        [ids],
    )


# -- meetings ----------------------------------------------------------------------


@dataclass(frozen=True)
class DetectionInput:
    """An article whose current version has not been through meeting detection."""

    article_id: str
    story_id: str
    version: int
    title: str | None
    text: str
    published_at: datetime | None
    dateline: str | None


@dataclass(frozen=True)
class Detection:
    """What detection found in one article."""

    article_id: str
    version: int
    story_id: str
    published_at: datetime | None
    meetings: tuple[Meeting, ...]
    countries: tuple[str, ...]


def pending_detection(con: Connection) -> list[DetectionInput]:
    """Articles whose current version still needs meeting detection (a work queue)."""
    rows = fetch_dicts(
        con,
        "SELECT article_id, story_id, version, title, text, coalesce(published_at, first_seen_at) AS published_at, dateline "
        "FROM articles WHERE detected_version IS DISTINCT FROM version ORDER BY article_id",
    )
    return [DetectionInput(**r) for r in rows]


def store_detections(
    con: Connection, detections: Sequence[Detection], *, now: datetime
) -> list[str]:
    """Store meeting reports and country mentions; returns the ids of meetings touched."""
    if not detections:
        return []
    ids = [d.article_id for d in detections]
    previous = {
        r["meeting_id"]
        for r in fetch_dicts(
            con,
            "SELECT meeting_id FROM meeting_reports WHERE article_id IN (SELECT unnest(?))",
            [ids],
        )
    }
    con.execute("DELETE FROM meeting_reports WHERE article_id IN (SELECT unnest(?))", [ids])
    con.execute("DELETE FROM article_countries WHERE article_id IN (SELECT unnest(?))", [ids])
    reports: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    for d in detections:
        countries.extend({"article_id": d.article_id, "country": c} for c in d.countries)
        for m in d.meetings:
            event_day = m.event_date or (d.published_at.date() if d.published_at else now.date())
            reports.append(
                {
                    "meeting_id": meeting_id_for(m.countries[0], m.countries[1], event_day),
                    "article_id": d.article_id,
                    "story_id": d.story_id,
                    "country_a": m.countries[0],
                    "country_b": m.countries[1],
                    "kind": m.kind,
                    "event_date": event_day,
                    "location": m.location,
                    "participants": list(m.participants),
                    "confidence": float(m.confidence),
                }
            )
    upsert(con, "meeting_reports", reports, key=["meeting_id", "article_id"])
    upsert(con, "article_countries", countries, key=["article_id", "country"])
    scanned = pa.Table.from_pylist(
        [{"article_id": d.article_id, "version": d.version} for d in detections]
    )
    con.register("_scanned", scanned)
    try:
        con.execute(
            "UPDATE articles SET detected_version = s.version FROM _scanned s "
            "WHERE articles.article_id = s.article_id"
        )
    finally:
        con.unregister("_scanned")
    touched = sorted(previous | {r["meeting_id"] for r in reports})
    _refresh_meetings(con, touched, now=now)
    return touched


def _refresh_meetings(con: Connection, meeting_ids: Sequence[str], *, now: datetime) -> None:
    if not meeting_ids:
        return
    reports = fetch_dicts(
        con,
        """SELECT r.*, a.first_seen_at, coalesce(a.published_at, a.first_seen_at) AS t,
                  CASE WHEN a.agency IS NOT NULL AND a.agency = s.agency THEN 0 ELSE 1 END AS own
           FROM meeting_reports r JOIN articles a USING (article_id)
           LEFT JOIN sources s ON s.source_id = a.source_id
           WHERE r.meeting_id IN (SELECT unnest(?))""",
        [list(meeting_ids)],
    )
    existing = {
        r["meeting_id"]: r
        for r in fetch_dicts(
            con,
            "SELECT meeting_id, first_seen_at FROM meetings WHERE meeting_id IN (SELECT unnest(?))",
            [list(meeting_ids)],
        )
    }
    by_meeting: dict[str, list[dict[str, Any]]] = {}
    for r in reports:
        by_meeting.setdefault(r["meeting_id"], []).append(r)
    # A meeting no article reports any more (a corrected date, a retracted false
    # positive) goes, with its unsent alerts; one already alerted stays on record.
    orphans = [m for m in meeting_ids if m not in by_meeting]
    if orphans:
        con.execute(
            "DELETE FROM alerts WHERE meeting_id IN (SELECT unnest(?)) AND status <> 'sent'",
            [orphans],
        )
        con.execute(
            "DELETE FROM meetings WHERE meeting_id IN (SELECT unnest(?)) "
            "AND meeting_id NOT IN (SELECT meeting_id FROM alerts)",
            [orphans],
        )
    rows = []
    for mid, group in by_meeting.items():
        # Happened beats announced; then the surest report; then the best copy.
        best = min(
            group,
            key=lambda r: (
                _KIND_PRIORITY.get(r["kind"], 9),
                -r["confidence"],
                r["own"],
                r["t"],
                r["article_id"],
            ),
        )
        located = [r for r in group if r["location"]]
        location = (
            min(located, key=lambda r: (-r["confidence"], r["own"], r["t"]))["location"]
            if located
            else None
        )
        rows.append(
            {
                "meeting_id": mid,
                "story_id": best["story_id"],
                "country_a": best["country_a"],
                "country_b": best["country_b"],
                "kind": best["kind"],
                "event_date": best["event_date"],
                "location": location,
                "participants": list(best["participants"] or []),
                "confidence": max(r["confidence"] for r in group),
                "first_seen_at": existing[mid]["first_seen_at"]
                if mid in existing
                else min(r["first_seen_at"] for r in group),
                "best_article_id": best["article_id"],
            }
        )
    upsert(con, "meetings", rows, key=["meeting_id"])


# -- alerts ------------------------------------------------------------------------

_MEETING_VIEW_SQL = """
SELECT m.meeting_id, m.country_a, m.country_b, m.kind, m.event_date, m.location,
       m.participants, m.confidence, b.title, b.url,
       count(DISTINCT a.source_id) AS source_count, count(DISTINCT a.article_id) AS article_count
FROM meetings m
LEFT JOIN articles b ON b.article_id = m.best_article_id
LEFT JOIN meeting_reports r ON r.meeting_id = m.meeting_id
LEFT JOIN articles a ON a.article_id = r.article_id
WHERE m.meeting_id IN (SELECT unnest(?))
GROUP BY ALL
ORDER BY m.event_date, m.country_a, m.country_b
"""


def _meeting_view(row: Mapping[str, Any]) -> MeetingView:
    return MeetingView(
        meeting_id=row["meeting_id"],
        country_a=row["country_a"],
        country_b=row["country_b"],
        kind=row["kind"],
        event_date=row["event_date"],
        location=row["location"],
        participants=tuple(row["participants"] or ()),
        confidence=float(row["confidence"]),
        title=row["title"],
        url=row["url"],
        source_count=int(row["source_count"]),
        article_count=int(row["article_count"]),
    )


def meeting_views(con: Connection, meeting_ids: Sequence[str]) -> list[MeetingView]:
    """The meetings as the alert stage sees them (best copy, source counts)."""
    if not meeting_ids:
        return []
    return [_meeting_view(r) for r in fetch_dicts(con, _MEETING_VIEW_SQL, [list(meeting_ids)])]


def plan_meeting_alerts(
    con: Connection, meeting_ids: Sequence[str], config: AlertsConfig, *, now: datetime
) -> int:
    """Queue one alert per (meeting, channel) the rules ask for; returns how many are new."""
    planned = plan_alerts(meeting_views(con, meeting_ids), config)
    if not planned:
        return 0
    rows = [
        {
            "alert_id": alert_id_for(meeting_id, channel),
            "meeting_id": meeting_id,
            "channel": channel,
            "rule": rule,
            "status": "pending",
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
        for meeting_id, channel, rule in planned
    ]
    before = _count(con, "alerts")
    upsert(con, "alerts", rows, key=["alert_id"], on_conflict="ignore")
    return _count(con, "alerts") - before


def _count(con: Connection, table: str) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {table}"))


def pending_alerts(con: Connection, *, now: datetime) -> list[PendingAlert]:
    """Alerts waiting to be sent whose next attempt is due."""
    rows = fetch_dicts(
        con,
        "SELECT alert_id, meeting_id, channel, attempts FROM alerts "
        "WHERE status = 'pending' AND coalesce(next_attempt_at, created_at) <= ? "
        "ORDER BY created_at, alert_id",
        [now],
    )
    views = {v.meeting_id: v for v in meeting_views(con, sorted({r["meeting_id"] for r in rows}))}
    return [
        PendingAlert(
            alert_id=r["alert_id"],
            channel=r["channel"],
            attempts=int(r["attempts"]),
            meeting=views[r["meeting_id"]],
        )
        for r in rows
        if r["meeting_id"] in views
    ]


def record_deliveries(con: Connection, deliveries: Sequence[Delivery]) -> tuple[int, int]:
    """Write delivery outcomes back to the outbox; returns (sent, failed) counts.

    A failed send stays ``pending`` with its error and a later ``next_attempt_at``;
    after the channel's ``max_attempts`` it becomes ``failed`` (still listed by
    ``wirewatch alerts``, never deleted). The alert stage decides; this records.
    """
    rows = [
        {
            "alert_id": d.alert_id,
            "status": d.status,
            "attempts": d.attempts,
            "sent_at": d.attempted_at if d.ok else None,
            "last_error": d.error,
            "next_attempt_at": d.next_attempt_at,
        }
        for d in deliveries
    ]
    if rows:
        table = pa.Table.from_pylist(rows)
        con.register("_deliveries", table)
        try:
            con.execute(
                """UPDATE alerts SET status = d.status, attempts = d.attempts,
                          sent_at = coalesce(d.sent_at, alerts.sent_at),
                          last_error = d.last_error, next_attempt_at = d.next_attempt_at
                   FROM _deliveries d WHERE alerts.alert_id = d.alert_id"""
            )
        finally:
            con.unregister("_deliveries")
    sent = sum(1 for d in deliveries if d.ok)
    return sent, len(deliveries) - sent


def prune_story_index(con: Connection, *, before: datetime) -> int:
    """Delete near-duplicate index entries last seen before ``before``; returns how many."""
    pruned = int(scalar(con, "SELECT count(*) FROM story_index WHERE seen_at < ?", [before]))
    con.execute("DELETE FROM story_index WHERE seen_at < ?", [before])
    return pruned
