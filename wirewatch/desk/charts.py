"""Chart specifications for plotly.js, built from rows as plain JSON-ready dicts.

The report and the web page draw the same figures with the same library:
each function returns ``{"data": [...], "layout": {...}}`` for
``Plotly.newPlot``. Titles and labels are in words; few periods are drawn as
bars, many as lines. :func:`chart_json` makes a figure safe to place inside a
``<script type="application/json">`` element, whatever the scraped text in it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

__all__ = [
    "KIND_LABELS",
    "agency_share_figure",
    "attention_figure",
    "chart_json",
    "country_mentions_figure",
    "lags_figure",
    "meeting_matrix_figure",
    "meeting_timeline_figure",
]

Figure = dict[str, Any]
Row = Mapping[str, Any]

KIND_LABELS = {"in_person": "in person", "call": "call", "announced": "announced"}
KIND_COLOURS = {"in_person": "#1f77b4", "call": "#ff7f0e", "announced": "#9a9a9a"}
# Fewer periods than this are drawn as bars: a line through three points suggests a trend.
FEW_PERIODS = 6
OTHER = "other agencies"
_BASE_LAYOUT: dict[str, Any] = {
    "margin": {"l": 60, "r": 20, "t": 50, "b": 90},
    "font": {"family": "system-ui, sans-serif", "size": 12},
    "legend": {"orientation": "h", "y": -0.3, "yanchor": "top"},  # below the axis title
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
}
# JSON placed in HTML: nothing in it can close the script element or open a comment.
_HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def chart_json(figure: Figure) -> Markup:
    """The figure as JSON that cannot break out of a ``<script>`` element (``</script>`` in a title)."""
    text = json.dumps(figure, default=_plain, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _HTML_SAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)  # noqa: S704 - every character that could end the element is escaped


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _day(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value)


def _layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    return {
        **_BASE_LAYOUT,
        "title": {"text": title, "x": 0},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        **extra,
    }


def _series_traces(
    series: Mapping[str, Mapping[str, float]], periods: Sequence[str], *, hover: str
) -> list[dict[str, Any]]:
    """One trace per series over ``periods``: bars when they are few, lines otherwise."""
    bars = len(periods) < FEW_PERIODS
    traces = []
    for name, values in series.items():
        trace: dict[str, Any] = {
            "type": "bar" if bars else "scatter",
            "name": name,
            "x": list(periods),
            "y": [values.get(p, 0) for p in periods],
            "hovertemplate": f"%{{x}}: %{{y}} {hover}<extra>{_escape_hover(name)}</extra>",
        }
        if not bars:
            trace["mode"] = "lines+markers"
        traces.append(trace)
    return traces


def _escape_hover(text: str) -> str:
    """Plotly renders hover templates as its own small HTML: keep a name's markup as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def meeting_timeline_figure(rows: Iterable[Row]) -> Figure:
    """Meetings as dots: day across, country pair down, one colour per kind."""
    by_kind: dict[str, list[Row]] = defaultdict(list)
    pairs: list[str] = []
    weekly = False
    for row in rows:
        by_kind[row["kind"]].append(row)
        weekly = weekly or bool(row.get("weekly"))
        if row["pair"] not in pairs:
            pairs.append(row["pair"])
    period = "week" if weekly else "day"
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "name": KIND_LABELS.get(kind, kind),
            "x": [_day(r["event_date"]) for r in found],
            "y": [r["pair"] for r in found],
            "text": [int(r["meetings"]) for r in found],
            "marker": {
                "size": [min(8 + 3 * (int(r["meetings"]) - 1), 24) for r in found],
                "color": KIND_COLOURS.get(kind, "#555"),
            },
            "hovertemplate": f"{period} of %{{x}}, %{{y}}: %{{text}} meeting(s)<extra></extra>",
        }
        for kind, found in sorted(by_kind.items())
    ]
    layout = _layout(
        f"Meetings by {period} and country pair",
        "Week of the meeting (starting Monday)" if weekly else "Day of the meeting",
        "Country pair",
        height=max(300, 60 + 22 * len(pairs)),
    )
    layout["yaxis"]["categoryorder"] = "category descending"
    return {"data": traces, "layout": layout}


def meeting_matrix_figure(rows: Iterable[Row], *, countries: int) -> Figure:
    """Held meetings per country pair as a symmetric grid over the ``countries`` busiest countries."""
    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        a, b, n = row["country_a"], row["country_b"], int(row["meetings"])
        counts[(a, b)] = counts[(b, a)] = n
        totals[a] += n
        totals[b] += n
    chosen = sorted(sorted(totals), key=lambda c: -totals[c])[:countries]
    chosen.sort()
    z = [[counts.get((a, b)) for b in chosen] for a in chosen]
    trace = {
        "type": "heatmap",
        "x": chosen,
        "y": chosen,
        "z": z,
        "colorscale": "Blues",
        "reversescale": True,  # plotly's Blues runs dark to light: more meetings, darker cell
        "texttemplate": "%{z}",
        "hoverongaps": False,
        "hovertemplate": "%{y}-%{x}: %{z} meetings<extra></extra>",
        "colorbar": {"title": {"text": "meetings"}},
    }
    size = max(320, 120 + 28 * len(chosen))
    layout = _layout("Meetings per country pair", "Country", "Country", height=size)
    layout["yaxis"]["autorange"] = "reversed"
    return {"data": [trace], "layout": layout}


def country_mentions_figure(rows: Iterable[Row]) -> Figure:
    """Articles per week mentioning each of the most mentioned countries."""
    series: dict[str, dict[str, float]] = defaultdict(dict)
    periods: list[str] = []
    for row in rows:
        week = _day(row["week"])
        if week not in periods:
            periods.append(week)
        series[row["country"]][week] = row["articles"]
    traces = _series_traces(dict(sorted(series.items())), sorted(periods), hover="articles")
    layout = _layout(
        "Country mentions per week", "Week (starting Monday)", "Articles mentioning the country"
    )
    return {"data": traces, "layout": layout}


def agency_share_figure(rows: Iterable[Row], *, agencies: int) -> Figure:
    """Each agency's share of the week's articles, the biggest ``agencies`` on their own."""
    weekly: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        weekly[row["agency"]][_day(row["week"])] += row["articles"]
        totals[row["agency"]] += row["articles"]
    top = sorted(sorted(totals), key=lambda a: -totals[a])[:agencies]
    series: dict[str, dict[str, float]] = {name: weekly[name] for name in top}
    rest = [name for name in totals if name not in top]
    if rest:
        other: dict[str, float] = defaultdict(float)
        for name in rest:
            for week, n in weekly[name].items():
                other[week] += n
        series[OTHER] = other
    periods = sorted({week for values in weekly.values() for week in values})
    traces = [
        {
            "type": "bar",
            "name": name,
            "x": periods,
            "y": [values.get(p, 0) for p in periods],
            "hovertemplate": f"%{{x}}: %{{y:.1f}}%<extra>{_escape_hover(name)}</extra>",
        }
        for name, values in series.items()
    ]
    layout = _layout(
        "Each agency's share of the week's articles",
        "Week (starting Monday)",
        "Share of articles (%)",
        barmode="stack",
        barnorm="percent",
    )
    return {"data": traces, "layout": layout}


def lags_figure(rows: Sequence[Row]) -> Figure:
    """Each republisher's lag behind the agency's own copy: a box per site and agency (minutes)."""
    by_agency: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_agency[row["agency"]].append(row)
    traces = [
        {
            "type": "box",
            "orientation": "h",
            "name": agency,
            "y": [r["site"] for r in found],
            "q1": [r["q1"] for r in found],
            "median": [r["median"] for r in found],
            "q3": [r["q3"] for r in found],
            "lowerfence": [r["low"] for r in found],
            "upperfence": [r["high"] for r in found],
            "hovertemplate": "%{y}: median %{median:.0f} min<extra>"
            + _escape_hover(agency)
            + "</extra>",
        }
        for agency, found in sorted(by_agency.items())
    ]
    sites = {row["site"] for row in rows}
    layout = _layout(
        "Who reports first: minutes behind the originating agency's own copy",
        "Minutes after the agency's copy (negative: the site was first)",
        "Republishing site",
        boxmode="group",
        height=max(300, 120 + 40 * len(sites) * max(1, len(by_agency)) // 2),
    )
    layout["xaxis"]["zeroline"] = True
    return {"data": traces, "layout": layout}


def attention_figure(
    series: Mapping[str, Mapping[str, float]], *, period: str, share: bool = False
) -> Figure:
    """Matching stories per period for several queries side by side."""
    periods = sorted({p for values in series.values() for p in values})
    unit = "% of stories" if share else "stories"
    traces = _series_traces(series, periods, hover=unit)
    layout = _layout(
        f"Attention per {period}",
        f"{period.capitalize()}",
        "Share of all stories (%)" if share else "Matching stories",
    )
    return {"data": traces, "layout": layout}
