"""The report: one self-contained HTML page over the warehouse, opened without network.

Everything is read on one sealed read-only connection, drawn with plotly.js
embedded once from the installed plotly package, and written whole under a
temporary name before it is renamed into place.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirewatch.desk import charts, tuning
from wirewatch.desk.pages import plotly_js, render
from wirewatch.errors import SearchIndexUnavailable
from wirewatch.files import check_output_file, write_replacing
from wirewatch.store import desk as reads
from wirewatch.warehouse import connect

if TYPE_CHECKING:
    from wirewatch.queries import QueriesConfig

__all__ = ["ReportInfo", "build_report", "check_report_path", "report_html"]


@dataclass(frozen=True)
class ReportInfo:
    """What ``build_report`` wrote."""

    path: Path
    bytes: int
    seconds: float
    alerts: int
    meetings: int
    stories: int


def check_report_path(path: Path) -> None:
    """Refuse a report target that cannot or must not be written (before any work is done)."""
    check_output_file(
        path, option="--out", suffixes=(".html", ".htm"), expects="an .html file", kind="reports"
    )


def _agency_totals(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["agency"]] += int(row["articles"])
    whole = sum(totals.values()) or 1
    return [
        {"agency": name, "articles": n, "share": 100.0 * n / whole}
        for name, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _attention(
    db: Path, saved: QueriesConfig | None, since: date | None
) -> tuple[dict[str, dict[str, float]], str | None]:
    """Weekly attention for the saved queries, or nothing and a sentence saying why."""
    if saved is None or not saved.names:
        return {}, "No saved queries (config/queries.yaml)."
    from wirewatch.desk.attention import saved_attention

    try:
        series = saved_attention(db, saved, since=since, most=tuning.ATTENTION_QUERIES)
    except SearchIndexUnavailable as exc:
        return {}, str(exc)
    if not any(any(values.values()) for values in series.values()):
        return {}, "No story matches any saved query" + (f" since {since}." if since else ".")
    return series, None


def report_html(
    db: Path,
    *,
    since: date | None = None,
    now: datetime | None = None,
    saved: QueriesConfig | None = None,
) -> tuple[str, dict[str, int]]:
    """The report page's HTML, and counts of what it lists (alerts, meetings, stories)."""
    with connect(db, read_only=True) as con:
        alerts = reads.latest_alerts(con, since=since, limit=tuning.ALERT_ROWS)
        timeline = reads.meeting_timeline(con, since=since, pairs=tuning.TIMELINE_PAIRS)
        matrix = reads.meeting_matrix(con, since=since)
        mentions = reads.country_mentions(con, since=since, countries=tuning.MENTION_COUNTRIES)
        shares = reads.agency_share(con, since=since)
        stories = reads.top_stories(con, since=since, limit=tuning.TOP_STORIES)
        copies = reads.story_copies(con, [s["story_id"] for s in stories])
        lags = reads.first_report_lags(con, since=since)
    attention_series, attention_note = _attention(db, saved, since)
    figures = {
        "timeline": charts.meeting_timeline_figure(timeline),
        "matrix": charts.meeting_matrix_figure(matrix, countries=tuning.MATRIX_COUNTRIES),
        "mentions": charts.country_mentions_figure(mentions),
        "agencies": charts.agency_share_figure(shares, agencies=tuning.SHARE_AGENCIES),
        "lags": charts.lags_figure(lags),
    }
    if attention_series:
        figures["attention"] = charts.attention_figure(attention_series, period="week")
    html = render(
        "report.html",
        generated_at=now or datetime.now(UTC),
        warehouse=db.name,
        since=since,
        alerts=alerts,
        meetings_held=sum(int(r["meetings"]) for r in matrix),
        timeline_meetings=sum(int(r["meetings"]) for r in timeline),
        pairs=len(matrix),
        stories=[{**s, "copies": copies.get(s["story_id"], [])} for s in stories],
        lags=lags,
        agencies=_agency_totals(shares),
        figures=figures,
        attention=attention_series,
        attention_note=attention_note,
        plotly_js=plotly_js(),
    )
    counts = {"alerts": len(alerts), "meetings": len(timeline), "stories": len(stories)}
    return html, counts


def build_report(
    db: Path,
    out: Path,
    *,
    since: date | None = None,
    saved: QueriesConfig | None = None,
) -> ReportInfo:
    """Write the report for ``db`` to ``out`` (replacing it) and say what was written.

    ``saved`` (the saved queries of ``queries.yaml``) adds their weekly attention,
    drawn from the search index beside the warehouse when there is one.
    """
    check_report_path(out)
    started = time.perf_counter()
    html, counts = report_html(db, since=since, saved=saved)
    data = html.encode("utf-8")
    write_replacing(out, data, option="--out")
    return ReportInfo(
        path=out,
        bytes=len(data),
        seconds=time.perf_counter() - started,
        alerts=counts["alerts"],
        meetings=counts["meetings"],
        stories=counts["stories"],
    )
