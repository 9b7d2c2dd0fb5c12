"""What each step of a run reports (frozen step infos), and the run summary built from them.

Each step returns one info; the run session keeps them and builds the
:class:`~wirewatch.models.RunSummary` from them in :func:`summarize`, the one
place a summary is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from wirewatch.extract import BoilerplateModel
from wirewatch.fetch import KnownUrl, SourceFetch, StoredRobots
from wirewatch.indexing import IndexSync
from wirewatch.models import FetchOutcome, FetchRecord, Page, PageResult, RunSummary

__all__ = [
    "AlertInfo",
    "DetectInfo",
    "ExtractInfo",
    "FetchInfo",
    "LoadInfo",
    "RunStart",
    "StepInfo",
    "StoryAlertInfo",
    "summarize",
    "summary_line",
    "summary_markdown",
]


@dataclass(frozen=True)
class RunStart:
    """What a run knows when it starts: its id and what earlier runs left."""

    run_id: str
    started_at: datetime
    known: Mapping[str, KnownUrl]
    boilerplate: BoilerplateModel
    # Source -> listing URLs (masked) this run leaves alone: backing off (wirewatch.health).
    backing_off: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # robots.txt answers earlier runs fetched, still within robots_ttl_seconds.
    robots: tuple[StoredRobots, ...] = ()


@dataclass(frozen=True, repr=False)
class FetchInfo:
    """What fetching produced: one entry per source, in the order fetched."""

    sources: tuple[SourceFetch, ...] = ()

    def __repr__(self) -> str:
        # Short: loggers and Prefect repr step results, and these hold every page.
        return f"FetchInfo({len(self.sources)} sources, {sum(len(f.pages) for f in self.sources)} pages)"

    @classmethod
    def combine(cls, infos: Iterable[FetchInfo]) -> FetchInfo:
        """The infos of several fetch groups as one."""
        return cls(tuple(f for info in infos for f in info.sources))

    @property
    def pages(self) -> list[Page]:
        """Every fetched article page."""
        return [p for f in self.sources for p in f.pages]

    @property
    def records(self) -> list[FetchRecord]:
        """Every fetch attempt (listings and robots.txt included)."""
        return [r for f in self.sources for r in f.records]


@dataclass(frozen=True, repr=False)
class ExtractInfo:
    """Extracted pages, and the per-site templates learned up to and including them."""

    results: tuple[PageResult, ...]
    boilerplate: BoilerplateModel

    def __repr__(self) -> str:
        return f"ExtractInfo({len(self.results)} pages, templates for {len(self.boilerplate.hosts)} hosts)"

    def then(self, later: ExtractInfo) -> ExtractInfo:
        """This batch followed by a later one (whose model has learned from both)."""
        return ExtractInfo(self.results + later.results, later.boilerplate)


@dataclass(frozen=True)
class LoadInfo:
    """What dedupe and load did with the run's pages."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    url_variants: int = 0  # pages that were another URL of an article already loaded
    stories_new: int = 0


@dataclass(frozen=True)
class DetectInfo:
    """What meeting detection did."""

    articles: int = 0
    meetings_touched: int = 0
    meetings_new: int = 0
    alerts_created: int = 0
    alerts_skipped: int = 0  # older than their rule's max_age_days: recorded, not sent


@dataclass(frozen=True)
class StoryAlertInfo:
    """What matching the run's new stories against the story rules' saved queries did."""

    stories: int = 0  # stories new to story alerts
    matched: int = 0  # of them, those matching at least one watched query
    alerts_created: int = 0
    alerts_skipped: int = 0  # older than their rule's max_age_days: recorded, not sent


@dataclass(frozen=True)
class AlertInfo:
    """What alert delivery did."""

    attempted: int = 0
    sent: int = 0
    failed: int = 0


StepInfo = FetchInfo | ExtractInfo | LoadInfo | DetectInfo | StoryAlertInfo | AlertInfo


def _outcomes(fetch: FetchInfo, extract: ExtractInfo | None) -> dict[str, str]:
    """Fetch id -> the outcome that replaces the fetch's own (extract errors, missing robots.txt)."""
    results = extract.results if extract else ()
    overrides = {r.fetch_id: r.error_outcome for r in results if r.error_outcome}
    for rec in fetch.records:
        if rec.kind == "robots" and rec.status_code is not None and 400 <= rec.status_code < 500:
            overrides[rec.fetch_id] = FetchOutcome.NO_ROBOTS  # a missing robots.txt allows everything
    return overrides


def summarize(
    start: RunStart,
    *,
    sources: int,
    status: str,
    fetch: FetchInfo | None = None,
    extract: ExtractInfo | None = None,
    load: LoadInfo | None = None,
    detect: DetectInfo | None = None,
    alert: AlertInfo | None = None,
    story: StoryAlertInfo | None = None,
    index: IndexSync | None = None,
    finished_at: datetime | None = None,
    failure: str | None = None,
) -> RunSummary:
    """The run summary from the steps' infos (those the run got to); ``failure`` ends its errors."""
    fetch = fetch or FetchInfo()
    load = load or LoadInfo()
    detect = detect or DetectInfo()
    alert = alert or AlertInfo()
    story = story or StoryAlertInfo()
    index = index or IndexSync()
    results = extract.results if extract else ()
    overrides = _outcomes(fetch, extract)
    outcomes: dict[str, int] = {}
    for rec in fetch.records:
        outcome = overrides.get(rec.fetch_id, rec.outcome)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    details = {r.fetch_id: r.error for r in results if r.error_outcome}
    errors = [
        f"{rec.source}: {rec.url}: {outcome}: {details.get(rec.fetch_id) or rec.error or rec.status_code}"
        for rec in fetch.records
        if not FetchOutcome(outcome := overrides.get(rec.fetch_id, rec.outcome)).is_clean
    ] + [f"{f.source}: {e}" for f in fetch.sources for e in f.errors]
    if failure:
        errors.append(failure)
    return RunSummary(
        run_id=start.run_id,
        started_at=start.started_at,
        finished_at=finished_at,
        status=status,
        sources=sources,
        discovered=sum(len(f.candidates) for f in fetch.sources),
        skipped_known=sum(f.skipped_known for f in fetch.sources),
        fetched=len(fetch.records),
        fetch_errors=sum(n for k, n in outcomes.items() if FetchOutcome(k).is_error),
        fetch_outcomes=dict(sorted(outcomes.items())),
        extracted=sum(1 for r in results if r.extracted is not None),
        extract_errors=sum(1 for r in results if r.extracted is None),
        articles_new=load.new,
        articles_updated=load.updated,
        articles_unchanged=load.unchanged,
        url_variants=load.url_variants,
        stories_new=load.stories_new,
        meetings_new=detect.meetings_new,
        articles_indexed=index.indexed,
        index_removed=index.removed,
        stories_new_to_alerts=story.stories,
        stories_matched=story.matched,
        alerts_created=detect.alerts_created + story.alerts_created,
        story_alerts_created=story.alerts_created,
        alerts_skipped=detect.alerts_skipped + story.alerts_skipped,
        alerts_sent=alert.sent,
        alerts_failed=alert.failed,
        errors=errors,
        backing_off=[f"{f.source}: {url}" for f in fetch.sources for url in f.backing_off],
    )


def summary_line(summary: RunSummary) -> str:
    """The run summary in one line, for logs."""
    return (
        f"run {summary.run_id} {summary.status}: {summary.fetched} requests "
        f"({summary.fetch_errors} errors), {summary.articles_new} new and "
        f"{summary.articles_updated} updated articles, {summary.stories_new} new stories, "
        f"{summary.meetings_new} new meetings, {summary.alerts_sent} alerts sent, "
        f"{summary.alerts_failed} failed"
    )


def _cell(value: object) -> str:
    """A value as one markdown table cell: no line breaks, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def summary_markdown(summary: RunSummary, *, max_lines: int = 20) -> str:
    """The run summary as a markdown table (the Prefect UI shows it as the run's artifact)."""
    duration = ""
    if summary.finished_at is not None:
        duration = f" in {(summary.finished_at - summary.started_at).total_seconds():.1f} s"
    outcomes = ", ".join(f"{k} {v}" for k, v in summary.fetch_outcomes.items()) or "none"
    rows = [
        ("sources", summary.sources),
        ("discover", f"{summary.discovered} URLs, {summary.skipped_known} already loaded and unchanged"),
        ("fetch", f"{summary.fetched} requests: {outcomes}"),
        ("extract", f"{summary.extracted} articles, {summary.extract_errors} pages without one"),
        (
            "load",
            f"{summary.articles_new} new, {summary.articles_updated} updated, "
            f"{summary.articles_unchanged} unchanged; {summary.stories_new} new stories",
        ),
        ("detect", f"{summary.meetings_new} new meetings"),
        (
            "alerts",
            f"{summary.alerts_created} queued, {summary.alerts_sent} sent, {summary.alerts_failed} failed",
        ),
        ("backing off", f"{len(summary.backing_off)} feeds not tried this run"),
    ]
    lines = [
        f"# Run {_cell(summary.run_id)}: {summary.status}{duration}",
        "",
        "| step | result |",
        "|---|---|",
        *(f"| {name} | {_cell(value)} |" for name, value in rows),
    ]
    for title, items in (("Backing off", summary.backing_off), ("Errors", summary.errors)):
        if items:
            lines += ["", f"## {title}", ""]
            lines += [f"- {_cell(item)}" for item in items[:max_lines]]
            if len(items) > max_lines:
                lines.append(f"- ... and {len(items) - max_lines} more")
    return "\n".join(lines) + "\n"
