import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirewatch import warehouse
from wirewatch.errors import UsageError, WarehouseLocked


def test_migrations_apply_once_and_are_recorded(db_path: Path) -> None:
    with warehouse.open_warehouse(db_path) as con:
        applied = [
            r["name"]
            for r in warehouse.fetch_dicts(con, "SELECT name FROM schema_migrations ORDER BY name")
        ]
        assert applied[0] == "001_core.sql"
        assert applied == sorted(
            p.name for p in warehouse.MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")
        )
    with warehouse.connect(db_path) as con:
        assert warehouse.migrate(con) == []
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    for name in (
        "sources",
        "fetches",
        "articles",
        "stories",
        "meetings",
        "alerts",
        "story_events",
        "runs",
        "daily_articles",
        "country_mentions_daily",
        "meeting_pairs_monthly",
        "story_coverage",
    ):
        assert name in tables


def test_transaction_rolls_back_everything(db_path: Path) -> None:
    with warehouse.open_warehouse(db_path) as con:
        with pytest.raises(RuntimeError), warehouse.transaction(con):
            con.execute("INSERT INTO sources VALUES ('x', 'x', 'X', 'en', NULL)")
            raise RuntimeError("boom")
        assert con.execute("SELECT count(*) FROM sources").fetchall() == [(0,)]


def test_lock_held_by_another_process_is_a_transient_error(db_path: Path) -> None:
    with warehouse.open_warehouse(db_path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(db_path)!r}); print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseLocked) as info, warehouse.connect(db_path, wait_seconds=0.5):
            pass
        assert info.value.transient
    finally:
        holder.communicate("")
    with warehouse.connect(db_path, wait_seconds=5) as con:  # free again
        assert con.execute("SELECT 1").fetchall() == [(1,)]


def test_read_only_query_errors_are_one_line(db_path: Path) -> None:
    with pytest.raises(UsageError, match="no warehouse"):
        warehouse.read_only_query(db_path, "SELECT 1")
    with warehouse.open_warehouse(db_path) as con:
        con.execute(
            "INSERT INTO runs (run_id, started_at, status) VALUES ('r', ?, 'completed')",
            [datetime.now(UTC)],
        )
    cols, rows = warehouse.read_only_query(db_path, "SELECT run_id, status FROM runs")
    assert cols == ["run_id", "status"] and rows == [("r", "completed")]
    with pytest.raises(UsageError, match="SQL error") as info:
        warehouse.read_only_query(db_path, "SELEC nonsense")
    assert "\n" not in str(info.value)
