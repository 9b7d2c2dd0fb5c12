from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch import trends, warehouse
from wirewatch.errors import UsageError


def _warehouse_with_mentions(db: Path) -> None:
    with warehouse.open_warehouse(db) as con:
        for i, (day, country) in enumerate([(9, "BY"), (16, "BY"), (16, "CN"), (17, "CN")]):
            t = datetime(2026, 11, day, 8, tzinfo=UTC)
            con.execute(
                "INSERT INTO articles (article_id, source_id, url, canonical_url, published_at, first_seen_at, "
                "last_seen_at, version, content_sha256, story_id) VALUES (?, 's', ?, ?, ?, ?, ?, 1, ?, ?)",
                [f"a{i}", f"http://x/{i}", f"http://x/{i}", t, t, t, f"h{i}", f"s{i}"],
            )
            con.execute("INSERT INTO article_countries VALUES (?, ?)", [f"a{i}", country])


def test_trend_queries_and_plots(db_path: Path, tmp_path: Path) -> None:
    _warehouse_with_mentions(db_path)
    assert "country_mentions_weekly" in dict(trends.available())
    columns, rows = trends.run(db_path, "country_mentions_weekly")
    assert columns == ["week", "country", "articles", "stories"]
    assert sorted((str(r[0])[:10], r[1], int(r[2])) for r in rows) == [
        ("2026-11-09", "BY", 1), ("2026-11-16", "BY", 1), ("2026-11-16", "CN", 2)
    ]
    png, html = tmp_path / "t.png", tmp_path / "t.html"
    trends.plot(columns, rows, png, title="mentions")
    trends.plot(columns, rows, html, title="mentions")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in html.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match=".png or .html"):
        trends.plot(columns, rows, tmp_path / "t.pdf", title="mentions")
    with pytest.raises(UsageError, match="no trend named"):
        trends.run(db_path, "nope")
    with pytest.raises(UsageError, match="no rows"):
        trends.plot(columns, [], png, title="empty")
