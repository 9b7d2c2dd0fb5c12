"""Trend charts are planned for reading: bars when periods are few, labels that match the grouping.

The plan (mode, labels, series, axis words) is checked, not pixels; each case
is also drawn, so the plan is one matplotlib can draw.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from wirewatch.app import trends
from wirewatch.app.charts import BAR_PERIODS, OTHER, TOP_SERIES, plan_chart
from wirewatch.errors import UsageError


def draws(columns: list[str], rows: list[tuple[object, ...]], tmp_path: Path) -> None:
    png = tmp_path / "chart.png"
    trends.plot(columns, rows, png, title="A chart")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_single_period_is_a_bar_not_a_dot(tmp_path: Path) -> None:
    rows = [(date(2026, 11, 16), "huaxia-wire", 3), (date(2026, 11, 16), "east-herald", 1)]
    plan = plan_chart(["day", "source", "articles"], rows, title="Articles per day and source")
    assert plan.mode == "bars" and plan.grouping == "day"
    assert plan.labels == ["16 Nov"]
    assert plan.series == {"huaxia-wire": [3.0], "east-herald": [1.0]}
    assert (plan.title, plan.x_label, plan.y_label) == (
        "Articles per day and source",
        "Day",
        "Articles",
    )
    draws(["day", "source", "articles"], rows, tmp_path)


def test_three_weeks_are_bars_labelled_as_iso_weeks_with_an_empty_week_as_zero(
    tmp_path: Path,
) -> None:
    # Weeks from date_trunc('week'): Mondays; the middle week has no rows at all.
    rows = [(datetime(2026, 11, 9), "BY", 2, 1), (datetime(2026, 11, 23), "BY", 4, 3)]
    rows.append((datetime(2026, 11, 23), "CN", 1, 1))
    columns = ["week", "country", "articles", "stories"]
    plan = plan_chart(columns, rows, title="Countries mentioned per week")
    assert plan.mode == "bars" and plan.grouping == "week"
    assert plan.labels == ["2026-W46", "2026-W47", "2026-W48"]
    assert plan.series == {"BY": [2.0, 0.0, 4.0], "CN": [0.0, 0.0, 1.0]}
    assert plan.y_label == "Articles"  # the first count, not the last
    draws(columns, rows, tmp_path)


def test_forty_series_keep_the_largest_and_sum_the_rest_as_other(tmp_path: Path) -> None:
    weeks = [date(2026, 11, 2) + timedelta(weeks=w) for w in range(3)]
    rows = [(week, f"C{s:02d}", s + 1) for week in weeks for s in range(40)]
    plan = plan_chart(["week", "country", "articles"], rows, title="t")
    assert len(plan.series) == TOP_SERIES + 1 and list(plan.series)[-1] == OTHER
    assert list(plan.series)[:2] == ["C39", "C38"]  # largest first
    assert plan.series[OTHER] == [float(sum(range(1, 31)))] * 3  # C00..C29: 1..30 each week
    assert sum(sum(v) for v in plan.series.values()) == sum(r[2] for r in rows)
    draws(["week", "country", "articles"], rows, tmp_path)


def test_many_days_are_lines_over_every_day_in_the_range(tmp_path: Path) -> None:
    start = date(2026, 9, 1)
    rows = [(start + timedelta(days=d), "src", 1) for d in range(0, 90, 2)]  # every other day
    plan = plan_chart(["day", "source", "articles"], rows, title="t")
    assert plan.mode == "lines" and len(plan.labels) == 89 > BAR_PERIODS
    assert plan.labels[:2] == ["1 Sep", "2 Sep"] and plan.series["src"][:3] == [1.0, 0.0, 1.0]
    draws(["day", "source", "articles"], rows, tmp_path)


def test_months_quarters_and_years_have_their_own_labels() -> None:
    months = [(date(2026, 10, 1), 3), (date(2026, 12, 1), 1), (date(2027, 1, 1), 2)]
    plan = plan_chart(["month", "meetings"], months, title="t")
    assert plan.grouping == "month" and plan.labels == [
        "Oct 2026",
        "Nov 2026",
        "Dec 2026",
        "Jan 2027",
    ]
    assert plan.series == {"Meetings": [3.0, 0.0, 1.0, 2.0]}  # one unnamed series: the count
    quarters = [(date(2026, 7, 1), "BY", "CN", 2, 1, 1), (date(2026, 10, 1), "BY", "CN", 1, 1, 0)]
    plan = plan_chart(
        ["quarter", "country_a", "country_b", "meetings", "in_person", "calls"], quarters, title="t"
    )
    assert plan.labels == ["2026 Q3", "2026 Q4"] and plan.series == {"BY / CN": [2.0, 1.0]}
    assert plan.y_label == "Meetings"
    days = [(date(2026, 12, 31), 1), (date(2027, 1, 1), 1)]
    assert plan_chart(["day", "n"], days, title="t").labels == ["31 Dec 2026", "1 Jan 2027"]


def test_categories_keep_query_order(tmp_path: Path) -> None:
    rows = [("xinhua", 5), ("tass", 3), ("belta", 4)]
    plan = plan_chart(["agency", "articles"], rows, title="t")
    assert plan.grouping == "category" and plan.labels == ["xinhua", "tass", "belta"]
    assert plan.mode == "bars" and plan.x_label == "Agency"
    draws(["agency", "articles"], rows, tmp_path)


def test_nothing_numeric_or_no_rows_is_one_usage_error() -> None:
    with pytest.raises(UsageError, match="no rows"):
        plan_chart(["day", "n"], [], title="t")
    with pytest.raises(UsageError, match="no numeric"):
        plan_chart(["day", "source"], [(date(2026, 1, 1), "a")], title="t")
