"""Charts of counts over periods: what to draw is decided here, from the data, before any drawing.

:func:`plan_chart` turns a query result (first column the period, text
columns naming the series, a numeric column the count) into a
:class:`ChartPlan`: the grouping of the periods (day, week, month, quarter,
year, or categories), every period in the range with a label that matches
the grouping ("12 Oct", "2026-W41", "Oct 2026", "2026 Q4"), the ten largest
series with the rest summed as "other", a missing period counted as zero,
and the drawing mode: bars when the periods are few (one period, or three
weeks, read as bars; as lines they would be single dots), lines otherwise.
:func:`draw_chart` draws a plan with matplotlib to PNG or SVG bytes.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from wirewatch.errors import UsageError
from wirewatch.lexicon import MONTH_ABBREVIATIONS_EN

__all__ = ["BAR_PERIODS", "OTHER", "TOP_SERIES", "ChartPlan", "draw_chart", "plan_chart"]

BAR_PERIODS = 12  # up to a quarter in weeks or a year in months, bars read best; beyond, lines
TOP_SERIES = 10  # more lines or bars than this in one chart cannot be told apart by colour
OTHER = "other"  # the series the smaller ones are summed into
MAX_TICK_LABELS = 16  # more period labels than this overlap on a 10-inch axis
SLANT_AFTER_CHARACTERS = 90  # about what a 10-inch axis holds level; longer label rows slant
Grouping = Literal["day", "week", "month", "quarter", "year", "category"]
GROUPINGS: tuple[Grouping, ...] = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class ChartPlan:
    """Everything a chart shows, decided before drawing (and tested without pixels)."""

    title: str
    x_label: str
    y_label: str
    grouping: Grouping
    mode: Literal["bars", "lines"]
    labels: list[str]  # one per period, in order
    series: dict[str, list[float]]  # name -> one value per period; largest first, "other" last


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _grouping(x_name: str, days: list[date]) -> Grouping:
    """The grouping the column is named for, else the one its dates fit."""
    name = x_name.lower()
    for grouping in GROUPINGS:
        if grouping in name:
            return grouping
    if all(d.month == 1 and d.day == 1 for d in days):
        return "year"
    if all(d.day == 1 and d.month % 3 == 1 for d in days) and len(days) > 1:
        return "quarter"
    if all(d.day == 1 for d in days) and len(days) > 1:
        return "month"
    if all(d.weekday() == 0 for d in days) and len(days) > 1:
        return "week"
    return "day"


def _start(day: date, grouping: Grouping) -> date:
    if grouping == "week":
        return day - timedelta(days=day.weekday())
    if grouping == "month":
        return day.replace(day=1)
    if grouping == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if grouping == "year":
        return date(day.year, 1, 1)
    return day


def _next(day: date, grouping: Grouping) -> date:
    if grouping == "day":
        return day + timedelta(days=1)
    if grouping == "week":
        return day + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[grouping]
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _label(day: date, grouping: Grouping, *, with_year: bool) -> str:
    month = MONTH_ABBREVIATIONS_EN[day.month - 1].title()
    if grouping == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grouping == "month":
        return f"{month} {day.year}"
    if grouping == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    if grouping == "year":
        return str(day.year)
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def words(name: str) -> str:
    """A column name as words for an axis: "event_date" -> "Event date"."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def plan_chart(
    columns: list[str], rows: list[tuple[Any, ...]], *, title: str, top: int = TOP_SERIES
) -> ChartPlan:
    """Decide the chart for a query result; see the module docstring."""
    if len(columns) < 2 or not rows:
        raise UsageError("nothing to plot: the query returned no rows")
    numeric = [i for i, v in enumerate(rows[0]) if i and isinstance(v, int | float)]
    if not numeric:
        raise UsageError("nothing to plot: the query returned no numeric column")
    y_index = numeric[0]  # the main count ("meetings" before its "in_person" and "calls" parts)
    key_indexes = [
        i for i in range(1, len(columns)) if i != y_index and isinstance(rows[0][i], str)
    ]
    totals: dict[str, dict[Any, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        key = " / ".join(str(row[i]) for i in key_indexes) or words(columns[y_index])
        x = _day(row[0]) or str(row[0])
        totals[key][x] += float(row[y_index] or 0)

    periods: list[Any] = list(dict.fromkeys(_day(r[0]) or str(r[0]) for r in rows))  # query order
    labels = [str(x) for x in periods]
    grouping: Grouping = "category"
    days = [x for x in periods if isinstance(x, date)]
    if days and len(days) == len(periods):
        grouping = _grouping(columns[0], days)
        first, last = _start(min(days), grouping), _start(max(days), grouping)
        periods = [first]
        while periods[-1] < last:  # every period in the range: an empty one is a zero, not a gap
            periods.append(_next(periods[-1], grouping))
        # Points land on their period's start, so a weekly count given on any day is counted once.
        for key, points in totals.items():
            regrouped: dict[Any, float] = defaultdict(float)
            for day, value in points.items():
                regrouped[_start(day, grouping)] += value
            totals[key] = regrouped
        labels = [_label(p, grouping, with_year=first.year != last.year) for p in periods]

    ranked = sorted(totals.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    series = {name: [points.get(p, 0.0) for p in periods] for name, points in ranked[:top]}
    if len(ranked) > top:
        rest = [[points.get(p, 0.0) for p in periods] for _, points in ranked[top:]]
        series[OTHER] = [sum(values) for values in zip(*rest, strict=True)]
    return ChartPlan(
        title=title,
        x_label=words(grouping if grouping != "category" else columns[0]),
        y_label=words(columns[y_index]),
        grouping=grouping,
        mode="bars" if len(periods) <= BAR_PERIODS else "lines",
        labels=labels,
        series=series,
    )


def draw_chart(plan: ChartPlan, fmt: Literal["png", "svg"]) -> bytes:
    """The plan drawn with matplotlib: PNG or SVG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    # Labels come from the data (source names, headlines): drawn as typed, never as
    # math ("$^$" made matplotlib's mathtext parser raise) or through LaTeX. Tick
    # labels are made at save time, so the whole drawing runs under these settings.
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
        try:
            positions = list(range(len(plan.labels)))
            if plan.mode == "bars":
                width = 0.8 / len(plan.series)
                for index, (name, values) in enumerate(plan.series.items()):
                    offset = (index - (len(plan.series) - 1) / 2) * width
                    ax.bar(
                        [p + offset for p in positions], values, width, label=name, **_look(name)
                    )
            else:
                for name, values in plan.series.items():
                    ax.plot(positions, values, label=name, linewidth=1.5, **_look(name))
            step = max(1, -(-len(positions) // MAX_TICK_LABELS))  # ceiling division
            shown = plan.labels[::step]
            slanted = sum(len(label) + 2 for label in shown) > SLANT_AFTER_CHARACTERS
            ax.set_xticks(
                positions[::step],
                shown,
                rotation=45 if slanted else 0,
                ha="right" if slanted else "center",
            )
            ax.set_title(plan.title)
            ax.set_xlabel(plan.x_label)
            ax.set_ylabel(plan.y_label)
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 articles
            if len(plan.series) > 1:
                ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=100)
            return buffer.getvalue()
        finally:
            plt.close(fig)


def _look(series: str) -> dict[str, Any]:
    """Grey for "other", so it never takes a colour a named series is known by."""
    return {"color": "0.6"} if series == OTHER else {}
