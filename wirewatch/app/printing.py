"""What the CLI shows people: run summaries, top stories, meetings, progress bars.

Every value from data is printed as :func:`wirewatch.console.plain` text, so a
headline or an error holding ``[/x]`` or ``:x:`` prints as it is written.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
from rich.table import Table
from rich.text import Text

from wirewatch import progress
from wirewatch.config import SourcesConfig
from wirewatch.console import plain
from wirewatch.models import FetchOutcome, RunSummary

__all__ = [
    "any_source_answered",
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
    """A rich table of query results, every cell plain text."""
    table = Table(title=plain(title) if title else None, title_justify="left")
    for column in columns:
        table.add_column(plain(column), overflow="fold")
    for row in rows:
        table.add_row(*(plain(v) for v in row))
    console.print(table)


def print_summary(console: Console, summary: RunSummary) -> None:
    """The run summary: counts per stage and outcome, then any errors."""
    table = Table(
        title=plain(f"Run {summary.run_id}: {summary.status}"),
        title_justify="left",
        show_header=False,
    )
    table.add_column("stage", style="bold")
    table.add_column("counts")
    outcomes = ", ".join(f"{k} {v}" for k, v in summary.fetch_outcomes.items()) or "none"
    table.add_row("sources", str(summary.sources))
    table.add_row(
        "discover",
        f"{summary.discovered} URLs found, {summary.skipped_known} already loaded and unchanged",
    )
    table.add_row("fetch", f"{summary.fetched} requests: {outcomes}")
    table.add_row(
        "extract", f"{summary.extracted} articles, {summary.extract_errors} pages without one"
    )
    table.add_row(
        "dedupe/load",
        f"{summary.articles_new} new, {summary.articles_updated} updated, "
        f"{summary.articles_unchanged} unchanged articles, {summary.url_variants} URL variants; "
        f"{summary.stories_new} new stories",
    )
    table.add_row("detect", f"{summary.meetings_new} new meetings")
    table.add_row(
        "alert",
        f"{summary.alerts_created} queued, {summary.alerts_sent} sent, {summary.alerts_failed} failed",
    )
    console.print(table)
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

    columns, rows = top_stories(db, limit)
    print_table(console, columns[1:5], [r[1:5] for r in rows], title="Top stories")


def print_meetings(console: Console, db: Path) -> None:
    """Every meeting in the warehouse with its coverage."""
    from wirewatch.store import meeting_coverage

    columns, rows = meeting_coverage(db)
    print_table(console, columns, rows, title="Meetings")


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
