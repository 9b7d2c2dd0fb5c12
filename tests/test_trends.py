from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from trend_reference import SPREAD_LIMIT, assert_trends_match_reference

from wirewatch import warehouse
from wirewatch.app import trends
from wirewatch.errors import UsageError
from wirewatch.store import rebuild_summaries, refresh_summaries, summary_days, summary_drift


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
        rebuild_summaries(con)  # rows written by hand, not by the load: summarise them


def test_trend_queries_and_plots(db_path: Path, tmp_path: Path) -> None:
    _warehouse_with_mentions(db_path)
    assert "country_mentions_weekly" in dict(trends.available())
    columns, rows = trends.run(db_path, "country_mentions_weekly")
    assert columns == ["week", "country", "articles", "stories"]
    assert sorted((str(r[0])[:10], r[1], int(r[2])) for r in rows) == [
        ("2026-11-09", "BY", 1),
        ("2026-11-16", "BY", 1),
        ("2026-11-16", "CN", 2),
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


HOSTILE = [
    (date(2026, 11, 9), "$^$ <b>&", 3),
    (date(2026, 11, 16), "$^$ <b>&", 1),
    (date(2026, 11, 16), r"\frac{$", 2),
]


def test_text_from_data_is_drawn_literally_not_as_math(tmp_path: Path) -> None:
    columns = ["week $x^2$", "label_$^$", "articles"]
    png, html = tmp_path / "t.png", tmp_path / "t.html"
    trends.plot(columns, HOSTILE, png, title="a $^$ title")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    trends.plot(columns, HOSTILE, html, title="<script>x</script> $^$")
    page = html.read_text(encoding="utf-8")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt; $^$" in page
    # Categories on the x axis are data too.
    trends.plot(["source", "count"], [("$^$", 1), ("a$b$c", 2)], png, title="t")


def test_plot_into_a_missing_directory_is_one_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "t.png"
    with pytest.raises(UsageError, match=f"directory {tmp_path / 'nope'} does not exist"):
        trends.check_plot_path(target)
    with pytest.raises(UsageError, match="does not exist"):
        trends.plot(["d", "n"], [("a", 1)], target, title="t")


def test_plot_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"keep me")
    link = tmp_path / "t.png"
    link.symlink_to(victim)
    with pytest.raises(UsageError, match="is a symlink"):
        trends.plot(["d", "n"], [("a", 1)], link, title="t")
    assert victim.read_bytes() == b"keep me" and link.is_symlink()
    dangling = tmp_path / "d.png"
    dangling.symlink_to(tmp_path / "missing.png")
    with pytest.raises(UsageError, match="is a symlink"):
        trends.plot(["d", "n"], [("a", 1)], dangling, title="t")
    assert not (tmp_path / "missing.png").exists()


def test_plot_replaces_a_regular_file_and_says_so_but_not_a_directory(tmp_path: Path) -> None:
    target = tmp_path / "t.html"
    assert trends.plot(["d", "n"], [("a", 1)], target, title="first") is False
    assert trends.plot(["d", "n"], [("a", 1)], target, title="second") is True
    assert "<title>second</title>" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["t.html"]  # no temporary file left
    (tmp_path / "dir.png").mkdir()
    with pytest.raises(UsageError, match="is a directory"):
        trends.plot(["d", "n"], [("a", 1)], tmp_path / "dir.png", title="t")


def _warehouse_for_rewrites(db: Path) -> None:
    """Copies of one story on one day and country, a missing date and agency, ties in
    spread, and more multi-copy stories than story_spread keeps."""
    with warehouse.open_warehouse(db) as con:
        base = datetime(2026, 11, 16, 23, 30, tzinfo=UTC)
        for i in range(SPREAD_LIMIT + 30):
            story, agency = f"s{i // 2:05d}", [None, "xinhua", "tass"][i % 3]
            published = None if i % 7 == 0 else base.replace(day=1 + i % 28)
            con.execute(
                "INSERT INTO articles (article_id, source_id, url, canonical_url, published_at, "
                "first_seen_at, last_seen_at, version, content_sha256, story_id, agency) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                [
                    f"a{i}",
                    f"src{i % 4}",
                    f"http://x/{i}",
                    f"http://x/{i}",
                    published,
                    base,
                    base,
                    f"h{i}",
                    story,
                    agency,
                ],
            )
            for country in ["BY", "CN", "RU"][: 1 + i % 3]:
                con.execute("INSERT INTO article_countries VALUES (?, ?)", [f"a{i}", country])
        for j in range(SPREAD_LIMIT + 30 + 1):
            con.execute(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    f"s{j:05d}",
                    f"story {j}",
                    base.replace(day=1 + j % 3),
                    base,
                    2 + j % 2,
                    1 + j % 4,
                    f"a{2 * j}",
                ],
            )
        # day by day, as the load and detection keep them
        for i in range(SPREAD_LIMIT + 30):
            refresh_summaries(con, summary_days(con, [f"a{i}"]))
        # days far apart are refreshed group by group
        refresh_summaries(con, [date(2025, 1, 1), date(2026, 11, 3), date(2026, 11, 30)])


def test_rewritten_trends_match_the_plain_queries(db_path: Path) -> None:
    _warehouse_for_rewrites(db_path)
    assert_trends_match_reference(db_path)
    assert summary_drift(db_path) == dict.fromkeys(
        ("summary_stories", "summary_country_days", "summary_agency_country_days"), 0
    )
    _, spread = trends.run(db_path, "story_spread")
    assert len(spread) == SPREAD_LIMIT  # a person reads the top, not 200k rows
