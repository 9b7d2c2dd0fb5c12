"""`wirewatch sql` as a session: it says what it waits for, stops on time or on Ctrl-C,
ends quietly when its reader goes away, and tells a damaged warehouse from bad usage.
A run's steps wait for a held warehouse once, aloud, and never write into a damaged one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from wirewatch import warehouse
from wirewatch.errors import TransientFetchError, UsageError, WarehouseError, WarehouseLocked

# About 10^12 rows: runs for hours unless something stops it.
RUNAWAY = "SELECT sum(hash(a.range * b.range)) FROM range(1000000) a, range(1000000) b"
BLOCK_SIZE = 262_144  # DuckDB's storage block
HEADER_SIZE = 3 * 4096  # the file header and two database headers before block 0


def wirewatch(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "wirewatch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@pytest.fixture
def db(db_path: Path) -> Path:
    with warehouse.open_warehouse(db_path) as con:
        con.execute("INSERT INTO sources VALUES ('x', 'x', 'X Agency', 'en', NULL)")
    return db_path


@pytest.fixture
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the warehouse read-write until its stdin closes."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('held', flush=True); "
            "sys.stdin.read(); c.close()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.communicate("")


def test_connect_says_at_once_what_it_waits_for(
    db: Path, holder: subprocess.Popen[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wirewatch.warehouse")
    with pytest.raises(WarehouseLocked), warehouse.connect(db, wait_seconds=0.5):
        pass
    waits = [r.getMessage() for r in caplog.records if "waiting" in r.getMessage()]
    assert len(waits) == 1, caplog.records
    assert str(db) in waits[0] and f"PID {holder.pid}" in waits[0] and "0.5 s" in waits[0]


def test_a_run_step_waits_for_the_lock_once() -> None:
    """The wait connect() announced is the whole wait: Prefect does not retry it silently."""
    from prefect.states import Failed

    from tasks.ingest import retry_if_transient

    assert not retry_if_transient(None, None, Failed(data=WarehouseLocked("held")))
    assert retry_if_transient(None, None, Failed(data=TransientFetchError("timed out")))


def test_sql_waits_aloud_and_ctrl_c_stops_the_wait(db: Path, holder: subprocess.Popen[str]) -> None:
    proc = wirewatch("sql", "SELECT 1", "--db", str(db))
    assert proc.stderr is not None
    first = proc.stderr.readline()  # printed before any waiting is done
    assert first.startswith("wirewatch: waiting up to ") and str(db) in first, first
    assert f"PID {holder.pid}" in first
    proc.send_signal(signal.SIGINT)
    out, rest = proc.communicate(timeout=60)
    assert proc.returncode == 130, rest
    assert rest.strip() == "wirewatch: interrupted"


def test_ctrl_c_stops_a_running_query(db: Path, holder: subprocess.Popen[str]) -> None:
    proc = wirewatch("sql", RUNAWAY, "--db", str(db), "--timeout", "3600")
    assert proc.stderr is not None
    assert "waiting" in proc.stderr.readline()  # imports done, no connection yet
    before = threads(proc.pid)
    holder.communicate("")  # let go: the query starts and DuckDB starts its threads
    while threads(proc.pid) <= before:
        assert proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "wirewatch: interrupted"


def test_sql_timeout_stops_a_runaway_query(db: Path) -> None:
    proc = wirewatch("sql", RUNAWAY, "--db", str(db), "--timeout", "1")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert err.startswith("wirewatch: ") and len(err.strip().splitlines()) == 1
    assert "--timeout" in err and "1 s" in err


def test_read_only_query_timeout(db: Path) -> None:
    with pytest.raises(WarehouseError, match="stopped after 0.2 s"):
        warehouse.read_only_query(db, RUNAWAY, timeout=0.2)
    assert warehouse.read_only_query(db, "SELECT name FROM sources", timeout=60) == (
        ["name"],
        [("x",)],
    )


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("reads", [0, 100], ids=["reader-gone", "reader-stops"])
def test_a_reader_that_stops_early_is_not_a_failure(db: Path, fmt: str, reads: int) -> None:
    """`wirewatch sql ... | head` ends quietly with status 0 (the reader chose to stop)."""
    rows = 8000 if fmt == "table" else 100_000  # well over a pipe's 64 KiB either way
    proc = wirewatch(
        "sql", f"SELECT range AS n FROM range({rows})", "--db", str(db), "--format", fmt
    )
    assert proc.stdout is not None and proc.stderr is not None
    if reads:
        assert proc.stdout.read(reads)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 0, err
    assert err == ""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_a_data_block(db: Path) -> None:
    """Fill a table, then overwrite bytes inside one of its data blocks (its checksum fails)."""
    with warehouse.connect(db) as con:
        con.execute(
            "CREATE TABLE filler AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(300000)"
        )
        block = con.execute(
            "SELECT max(block_id) FROM pragma_storage_info('filler') WHERE block_id >= 0"
        ).fetchall()[0][0]
    with db.open("r+b") as file:
        file.seek(HEADER_SIZE + block * BLOCK_SIZE + 1000)
        file.write(b"\xff" * 64)


def test_a_damaged_warehouse_is_a_failure_not_bad_usage(db: Path) -> None:
    damage_a_data_block(db)
    with duckdb.connect(str(db), read_only=True) as con:  # it opens: the damage is in the data
        con.execute("SELECT 1").fetchall()
    proc = wirewatch("sql", "SELECT max(s) FROM filler", "--db", str(db))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert len(err.strip().splitlines()) == 1 and str(db) in err
    assert "not an intact DuckDB warehouse" in err


def test_not_a_duckdb_file_is_a_failure(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 1000)
    proc = wirewatch("sql", "SELECT 1", "--db", str(db_path))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert len(err.strip().splitlines()) == 1 and str(db_path) in err
    assert "not an intact DuckDB warehouse" in err


def test_a_run_refuses_to_write_into_a_damaged_warehouse(db: Path) -> None:
    damage_a_data_block(db)
    before = sha256(db)
    with (
        pytest.raises(WarehouseError, match="refusing to write") as info,
        warehouse.open_warehouse(db),
    ):
        pytest.fail("a damaged warehouse was opened for writing")
    assert str(db) in str(info.value) and "\n" not in str(info.value)
    assert sha256(db) == before
    assert not db.with_name(db.name + ".wal").exists()


def test_a_missing_warehouse_is_still_bad_usage(db_path: Path) -> None:
    with pytest.raises(UsageError, match="no warehouse"):
        warehouse.read_only_query(db_path, "SELECT 1")
