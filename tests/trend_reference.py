"""The trend queries as first written (plain, slow at 1M articles): the reference every
rewritten trend in warehouse/queries/trends/ must match row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from wirewatch.app import trends

SPREAD_LIMIT = 1000  # story_spread keeps the top 1,000 (its query says why)

REFERENCE = {
    "agency_country_weekly": """
        SELECT date_trunc('week', day) AS week, agency, country, sum(articles) AS articles
        FROM (
            SELECT CAST(coalesce(a.published_at, a.first_seen_at) AS DATE) AS day,
                   coalesce(a.agency, '(unknown)') AS agency, c.country, count(*) AS articles
            FROM articles a JOIN article_countries c USING (article_id)
            GROUP BY ALL
        )
        GROUP BY ALL
        ORDER BY week, articles DESC, agency, country""",
    "country_mentions_weekly": """
        SELECT date_trunc('week', day) AS week, country, sum(articles) AS articles,
               sum(stories) AS stories
        FROM country_mentions_daily
        GROUP BY ALL
        ORDER BY week, stories DESC, country""",
    "daily_volume": """
        SELECT day, source, sum(articles) AS articles
        FROM daily_articles
        GROUP BY ALL
        ORDER BY day, source""",
    "story_spread": """
        SELECT story_id, title, sources, articles, first_seen_at, best_url, event_id
        FROM story_coverage
        WHERE articles > 1
        ORDER BY sources DESC, articles DESC, first_seen_at, story_id""",
}


def reference_rows(db: Path, name: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(REFERENCE[name]).fetchall()
    finally:
        con.close()
    return rows[:SPREAD_LIMIT] if name == "story_spread" else rows


def assert_trends_match_reference(db: Path) -> None:
    """Every rewritten trend returns exactly the reference's rows, in the same order."""
    for name in REFERENCE:
        _, rows = trends.run(db, name)
        assert rows == reference_rows(db, name), name
