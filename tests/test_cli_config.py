"""`--config DIR` on the reading commands: status, sql, alerts and trends each use it (or say why not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from wirewatch import warehouse

SOURCES = """
sources:
  - name: kept
    publisher: Kept Wire
    language: en
    feeds: [http://127.0.0.1:9/feed.xml]
  - name: fresh
    publisher: Fresh Wire
    language: en
    feeds: [http://127.0.0.1:9/fresh.xml]
"""
QUERIES = """
queries:
  - name: harbour-cranes
    description: Cranes at the harbour
    query: cranes AND harbour
"""


def wirewatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    """A config directory: sources `kept` and `fresh`, one saved query, one channel."""
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (cfg / "queries.yaml").write_text(QUERIES, encoding="utf-8")
    (cfg / "alerts.yaml").write_text(
        "rules: []\nchannels:\n  - name: file\n    type: jsonl\n    path: alerts.jsonl\n",
        encoding="utf-8",
    )
    return cfg


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A warehouse with health for `kept` (still configured) and `gone` (no longer configured)."""
    db = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(db):
        pass
    con = duckdb.connect(str(db))
    for source in ("kept", "gone"):
        con.execute(
            "INSERT INTO source_health (source_id, feed, kind, last_attempt_at, last_success_at, "
            "last_outcome) VALUES (?, '', 'source', now(), now(), 'ok')",
            [source],
        )
    con.close()
    return db


def _sources(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, object]]:
    report = json.loads(result.stdout)
    assert set(report) == {"running", "runs", "sources", "alerts", "sizes"}
    return {s["source"]: s for s in report["sources"] if s["feed"] is None}


def test_status_lists_the_configured_sources_and_marks_those_no_longer_configured(
    db: Path, cfg: Path
) -> None:
    result = wirewatch("status", "--format", "json", "--db", str(db), "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    sources = _sources(result)
    assert set(sources) == {"kept", "gone", "fresh"}
    assert sources["kept"]["configured"] is True and sources["kept"]["state"] == "ok"
    assert sources["gone"]["configured"] is False and sources["gone"]["answered_ever"] is True
    assert sources["fresh"]["configured"] is True and sources["fresh"]["state"] == "never_answered"
    table = wirewatch("status", "--db", str(db), "--config", str(cfg))
    assert table.returncode == 0, table.stderr
    assert "gone (not configured)" in table.stdout
    assert "fresh" in table.stdout and "kept (not configured)" not in table.stdout


def test_status_with_a_broken_config_still_reports_the_warehouse_and_fails(
    db: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sources.yaml").write_text("sources:\n  - name: a\n", encoding="utf-8")
    result = wirewatch("status", "--format", "json", "--db", str(db), "--config", str(broken))
    assert result.returncode == 1
    sources = _sources(result)
    assert set(sources) == {"kept", "gone"}
    assert sources["kept"]["configured"] is None  # unknown: the config could not be read
    assert "sources.yaml" in result.stderr and "Traceback" not in result.stderr
    missing = wirewatch("status", "--db", str(db), "--config", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "Last runs" not in missing.stderr
    assert "sources.yaml" in missing.stderr and "wirewatch status" in missing.stdout


def test_alerts_takes_config_and_a_broken_alerts_file_fails_after_listing(
    db: Path, cfg: Path
) -> None:
    ok = wirewatch("alerts", "--db", str(db), "--config", str(cfg), "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout) == [], ok.stderr
    (cfg / "alerts.yaml").write_text("channels: [{name: x}]\n", encoding="utf-8")
    broken = wirewatch("alerts", "--db", str(db), "--config", str(cfg), "--format", "json")
    assert broken.returncode == 1 and json.loads(broken.stdout) == []
    assert "alerts.yaml" in broken.stderr and "Traceback" not in broken.stderr


def test_alert_rows_say_whether_their_channel_is_still_configured() -> None:
    from wirewatch.app.printing import mark_channels

    rows = [{"channel": "file"}, {"channel": "slack"}]
    assert [r["configured"] for r in mark_channels(rows, {"file"})] == [True, False]
    assert [r["configured"] for r in mark_channels(rows, None)] == [None, None]


def test_sql_accepts_config_and_a_broken_alerts_file_does_not_break_it(
    db: Path, cfg: Path
) -> None:
    (cfg / "alerts.yaml").write_text("channels: [{name: x}]\n", encoding="utf-8")
    result = wirewatch("sql", "SELECT 1 AS one", "--db", str(db), "--config", str(cfg), "--format", "csv")
    assert result.returncode == 0 and result.stdout.splitlines() == ["one", "1"], result.stderr
    assert "sql reads no configuration" in " ".join(wirewatch("sql", "--help").stdout.split())


def test_trends_lists_and_resolves_the_saved_queries_of_config(db: Path, cfg: Path) -> None:
    listing = wirewatch("trends", "--config", str(cfg), "--format", "csv")
    assert listing.returncode == 0, listing.stderr
    assert "@harbour-cranes" in listing.stdout and "daily_volume" in listing.stdout
    unknown = wirewatch("trends", "@harbour-crane", "--db", str(db), "--config", str(cfg))
    assert unknown.returncode == 2 and "@harbour-cranes" in unknown.stderr


def test_trends_runs_a_saved_query_per_week(tmp_path: Path, cfg: Path) -> None:
    from datetime import UTC, datetime

    from wirewatch.search import SearchDocument, index_dir_for, rebuild_index

    def doc(article: str, story: str, when: str, text: str) -> SearchDocument:
        at = datetime.fromisoformat(when).replace(tzinfo=UTC)
        return SearchDocument(
            article_id=article, story_id=story, version=1, title=text, text=text, published=at
        )

    db = tmp_path / "idx.duckdb"  # the index beside it is what a saved query's trend reads
    rebuild_index(
        index_dir_for(db),
        [
            doc("a1", "s1", "2026-11-30T10:00", "new cranes at the harbour"),
            doc("a2", "s1", "2026-12-01T08:00", "harbour cranes arrive"),  # same story
            doc("a3", "s2", "2026-12-14T09:00", "harbour cranes commissioned"),
            doc("a4", "s3", "2026-12-02T12:00", "weather report for the harbour"),
        ],
    )
    result = wirewatch(
        "trends", "@harbour-cranes", "--db", str(db), "--config", str(cfg), "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "period,query,stories",
        "2026-W49,@harbour-cranes,1",  # two copies of one story; the weather report not matched
        "2026-W50,@harbour-cranes,0",
        "2026-W51,@harbour-cranes,1",
    ]


def test_alerts_and_status_from_a_directory_without_config_list_and_exit_0(
    db: Path, tmp_path: Path
) -> None:
    # Only a named --config (or WIREWATCH_CONFIG) must be readable; the default config/ is
    # read where it is there, so an analyst in another directory still gets the listing.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "WIREWATCH_CONFIG"}
    for command in (["alerts", "--format", "csv"], ["status", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "wirewatch", *command, "--db", str(db)],
            capture_output=True, text=True, timeout=120, cwd=elsewhere, env=env,
        )  # fmt: skip
        assert done.returncode == 0, (command, done.stderr)
        assert "configured" not in done.stderr
    named = subprocess.run(
        [sys.executable, "-m", "wirewatch", "alerts", "--db", str(db), "--config", str(elsewhere)],
        capture_output=True, text=True, timeout=120, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert named.returncode == 1 and "alerts.yaml" in named.stderr
