"""What the CLI shows people: run summaries, top stories, meetings, alerts, progress bars.

Every value from data is printed as :func:`wirewatch.console.plain` text, so a
headline or an error holding ``[/x]`` or ``:x:`` prints as it is written.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from wirewatch import progress
from wirewatch.app.listing import Column, Listing, print_listing, print_record
from wirewatch.config import SourcesConfig
from wirewatch.console import plain
from wirewatch.models import FetchOutcome, RunSummary

__all__ = [
    "ALERT_CHANNEL_COLUMNS",
    "ALERT_MEETING_COLUMNS",
    "alert_listing",
    "any_source_answered",
    "delivery_state",
    "mark_channels",
    "print_alerts",
    "print_meetings",
    "print_summary",
    "print_table",
    "print_top_stories",
    "progress_bars",
    "reset_demo",
    "write_sources",
]

TOP_STORIES = 10


class _RichReporter:
    """Shows one bar per pipeline stage; hides itself before alerts are printed."""

    def __init__(self, bars: Progress) -> None:
        self.bars = bars
        self.tasks: dict[str, TaskID] = {}

    def start(self, stage: str, total: int) -> None:
        if stage == "alerts":
            self.bars.stop()
            return
        if stage in self.tasks:
            self.bars.update(self.tasks[stage], total=total, completed=0)
        else:
            self.tasks[stage] = self.bars.add_task(stage, total=total or None)

    def advance(self, stage: str, units: int = 1) -> None:
        if stage in self.tasks:
            self.bars.advance(self.tasks[stage], units)


@contextmanager
def progress_bars(console: Console) -> Iterator[None]:
    """Show rich progress bars for pipeline stages while the block runs."""
    bars = Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bars, progress.use(_RichReporter(bars)):
        yield


def print_table(
    console: Console,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
) -> None:
    """Query results as a listing fitted to the console (:mod:`wirewatch.app.listing`)."""
    print_listing(console, Listing.of_query(columns, rows, title=title))


def print_summary(console: Console, summary: RunSummary) -> None:
    """The run summary: counts per stage and outcome, then any errors."""
    outcomes = ", ".join(f"{k} {v}" for k, v in summary.fetch_outcomes.items()) or "none"
    fields = [
        ("sources", summary.sources),
        (
            "discover",
            f"{summary.discovered} URLs found, {summary.skipped_known} already loaded and unchanged",
        ),
        ("fetch", f"{summary.fetched} requests: {outcomes}"),
        ("extract", f"{summary.extracted} articles, {summary.extract_errors} pages without one"),
        (
            "dedupe/load",
            f"{summary.articles_new} new, {summary.articles_updated} updated, "
            f"{summary.articles_unchanged} unchanged articles, {summary.url_variants} URL variants; "
            f"{summary.stories_new} new stories",
        ),
        ("detect", f"{summary.meetings_new} new meetings"),
        ("index", f"{summary.articles_indexed} articles indexed, {summary.index_removed} removed"),
        (
            "alert",
            f"{summary.alerts_created} queued "
            f"({summary.alerts_created - summary.story_alerts_created} for meetings, "
            f"{summary.story_alerts_created} for stories: {summary.stories_matched} of "
            f"{summary.stories_new_to_alerts} new stories matched a saved query), "
            f"{summary.alerts_sent} sent, {summary.alerts_failed} failed; "
            f"{summary.alerts_skipped} skipped as too old",
        ),
    ]
    if summary.backing_off:  # never dropped silently: feeds failing run after run, tried later
        fields.append(("backing off", f"{len(summary.backing_off)} feeds not tried this run"))
    print_record(console, f"Run {summary.run_id}: {summary.status}", fields)
    for line in summary.backing_off[:20]:
        console.print(Text(f"  backing off: {line} (see wirewatch status)"))
    for line in summary.errors[:20]:
        console.print(Text.assemble("  ", ("!", "yellow"), " ", plain(line)))
    if len(summary.errors) > 20:
        console.print(Text(f"  ... and {len(summary.errors) - 20} more (see the fetches table)"))


def any_source_answered(summary: RunSummary) -> bool:
    """False when a run reached none of its sources (every request failed)."""
    return summary.sources == 0 or any(n and FetchOutcome(k).answered for k, n in summary.fetch_outcomes.items())


def print_top_stories(console: Console, db: Path, limit: int = TOP_STORIES) -> None:
    """The stories carried by the most sources, with their event."""
    from wirewatch.store import top_stories  # the warehouse only when a report needs it

    names, rows = top_stories(db, limit)
    columns = [
        Column("title"),
        Column("sources", truncate=False),
        Column("articles", truncate=False),
        Column("event_id", header="event", priority=2, truncate=False),
        Column("best_url", header="link", priority=2, truncate=False),
    ]
    records = [dict(zip(names, r, strict=True)) for r in rows]
    print_listing(console, Listing(columns, records, title="Top stories"))


def print_meetings(console: Console, db: Path) -> None:
    """Every meeting in the warehouse with its coverage."""
    from wirewatch.store import meeting_coverage

    names, rows = meeting_coverage(db)
    columns = [
        Column("date", truncate=False),
        Column("pair", truncate=False),
        Column("kind", truncate=False),
        Column("location", header="place"),
        Column("participants", priority=2),
        Column("conf", truncate=False),
        Column("sources", truncate=False),
    ]
    records = [dict(zip(names, r, strict=True)) for r in rows]
    print_listing(console, Listing(columns, records, title="Meetings"))


# Per channel: the columns and order of `wirewatch alerts --format csv|json` (a contract).
ALERT_CHANNEL_COLUMNS = [
    Column("created_at", truncate=False),
    Column("status", truncate=False),
    Column("channel", truncate=False),
    Column("attempts", truncate=False),
    Column("pair", truncate=False),
    Column("kind", truncate=False),
    Column("event_date", header="date", truncate=False),
    Column("location", header="place"),
    Column("title"),
    Column("url", truncate=False),
    Column("sent_at", truncate=False),
    Column("last_error"),
    Column("skip_reason", header="skipped"),  # status skipped: why (older than its rule's max_age_days)
    # Whether alerts.yaml still has the channel (null: alerts.yaml could not be read).
    Column("configured", truncate=False, wide_only=True),
]
# Per meeting, for a person: who, what, when, where, how delivered, the headline.
ALERT_MEETING_COLUMNS = [
    Column("pair", truncate=False),
    Column("kind", truncate=False),
    Column("event_date", header="date", truncate=False),
    Column("location", header="place", min_width=6),
    Column("status", truncate=False),  # delivery over the channels: "sent 2/2"
    Column("title"),
    Column("url", header="link", priority=2, truncate=False),
]


def mark_channels(
    records: list[dict[str, Any]], channels: Collection[str] | None
) -> list[dict[str, Any]]:
    """Each per-channel alert row with ``configured``: is its channel still in alerts.yaml?

    ``channels`` None (alerts.yaml unreadable) marks every row null: not known.
    """
    return [
        {**r, "configured": None if channels is None else r["channel"] in channels}
        for r in records
    ]


def alert_listing(
    db: Path,
    *,
    since: date,
    status: str | None,
    per_channel: bool,
    title: str | None = None,
    channels: Collection[str] | None = None,
) -> Listing:
    """The alerts since ``since``: one row per channel, or per meeting with delivery summarised.

    ``channels``: the channel names configured now (alerts.yaml), for per-channel rows.
    """
    from wirewatch.store import list_alerted_meetings, list_alerts

    if per_channel:
        names, rows = list_alerts(db, since=since, status=status)
        records = mark_channels([dict(zip(names, r, strict=True)) for r in rows], channels)
        return Listing(ALERT_CHANNEL_COLUMNS, records, title=title)
    names, rows = list_alerted_meetings(db, since=since, status=status)
    records = [dict(zip(names, r, strict=True)) for r in rows]
    for record in records:
        record["status"] = delivery_state(
            record["sent"], record["failed"], record["pending"], record["channels"],
            skipped=record["skipped"],
        )
    return Listing(ALERT_MEETING_COLUMNS, records, title=title)


def delivery_state(sent: int, failed: int, pending: int, channels: int, *, skipped: int = 0) -> str:
    """One meeting's delivery over its channels: "sent 2/2", "sent 1/2, 1 failed", ..."""
    parts = [f"sent {sent}/{channels}"]
    parts += [
        f"{n} {state}"
        for n, state in ((failed, "failed"), (pending, "pending"), (skipped, "skipped (too old)"))
        if n
    ]
    return ", ".join(parts)


def print_alerts(console: Console, db: Path) -> None:
    """Every alerted meeting with its delivery summarised (the demo's closing list); those
    skipped on every channel as too old are counted, not listed."""
    listing = alert_listing(
        db, since=date(1970, 1, 1), status=None, per_channel=False, title="Alerts"
    )
    shown = [r for r in listing.rows if r["skipped"] < r["channels"]]
    print_listing(console, Listing(listing.columns, shown, title=listing.title))
    if skipped := len(listing.rows) - len(shown):
        console.print(
            f"{skipped} more meetings and stories matched a rule but were older than its "
            "max_age_days: recorded as skipped, not sent (wirewatch alerts --status skipped)"
        )


def reset_demo(demo_dir: Path, db: Path) -> None:
    """Start the demo from an empty warehouse, archive and alert file (Prefect's home is kept)."""
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(demo_dir / "archive", ignore_errors=True)
    (demo_dir / "alerts.jsonl").unlink(missing_ok=True)
    demo_dir.mkdir(parents=True, exist_ok=True)


def write_sources(sources: SourcesConfig, path: Path) -> Path:
    """Write a sources file (the demo's, with its runtime addresses filled in)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = sources.model_dump(mode="json", exclude_defaults=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
