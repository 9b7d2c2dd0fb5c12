"""attention_series: stories (not copies) per period, periods without gaps, labels matching --by."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch.attention import attention_series
from wirewatch.errors import QueryError, SearchIndexMissing, UsageError
from wirewatch.search import SearchDocument, index_dir_for, rebuild_index


def _doc(article: str, story: str, when: str, text: str = "summit talks") -> SearchDocument:
    return SearchDocument(
        article_id=article,
        story_id=story,
        version=1,
        title=text,
        text=text,
        published=datetime.fromisoformat(when).replace(tzinfo=UTC),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"  # only the index beside it is read without share
    rebuild_index(
        index_dir_for(db),
        [
            _doc("a1", "s1", "2026-11-30T10:00"),  # a Monday
            _doc("a2", "s1", "2026-12-01T08:00"),  # another copy, same story, same week
            _doc("a3", "s2", "2026-12-07T00:00"),  # the next Monday, midnight UTC
            _doc("a4", "s3", "2027-01-02T23:59"),  # a Saturday: ISO week 2026-W53
            _doc("a5", "s4", "2026-12-02T12:00", "weather report"),
        ],
    )
    return db


def test_weeks_count_stories_once_and_leave_no_gaps(db: Path) -> None:
    result = attention_series(db, ["summit", "weather"], by="week")
    assert result.labels() == ["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"]
    assert result.series[0].stories == (1, 1, 0, 0, 1)
    assert result.series[1].stories == (1, 0, 0, 0, 0)
    assert result.series[0].shares is None and result.totals is None


def test_months_and_days_with_bounds(db: Path) -> None:
    monthly = attention_series(db, ["summit"], by="month")
    assert monthly.labels() == ["2026-11", "2026-12", "2027-01"]
    assert monthly.series[0].stories == (1, 2, 1)  # s1 has copies in November and December
    daily = attention_series(
        db,
        ["summit"],
        by="day",
        since=datetime(2026, 12, 1),
        until=datetime(2026, 12, 8),
    )
    assert daily.labels()[0] == "2026-12-01" and daily.labels()[-1] == "2026-12-07"
    assert daily.series[0].stories == (1, 0, 0, 0, 0, 0, 1)
    columns, rows = daily.table()
    assert columns == ["period", "query", "stories"] and rows[0] == ("2026-12-01", "summit", 1)


def test_nothing_matched_gives_no_periods(db: Path) -> None:
    result = attention_series(db, ["volcano"], by="week")
    assert result.periods == () and result.series[0].stories == ()


def test_bad_input(db: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--by"):
        attention_series(db, ["summit"], by="year")
    with pytest.raises(QueryError):
        attention_series(db, ["summit AND"], by="week")
    with pytest.raises(SearchIndexMissing, match="wirewatch reindex"):
        attention_series(tmp_path / "none.duckdb", ["summit"], by="week")
