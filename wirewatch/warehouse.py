"""The DuckDB warehouse: connections, transactions, migrations and the lock retry.

DuckDB lets one process hold the file, and a reader blocks a writer too
(FACTS.md), so every caller opens a connection for one batch, writes in one
short transaction and closes it; opening retries on the lock error. Loads go
through Arrow tables, never row by row. This is the only module that catches
duckdb errors.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from wirewatch.errors import UsageError, WarehouseError, WarehouseLocked

__all__ = [
    "MIGRATIONS_DIR",
    "Connection",
    "connect",
    "fetch_dicts",
    "migrate",
    "open_warehouse",
    "read_only_query",
    "scalar",
    "transaction",
]

WAREHOUSE_DIR = Path(__file__).resolve().parents[1] / "warehouse"
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
VIEWS_FILE = WAREHOUSE_DIR / "views.sql"

LOCK_RETRY_SECONDS = 30.0  # how long a writer waits for another process to let go
LOCK_RETRY_INTERVAL = 0.2

Connection = duckdb.DuckDBPyConnection


def _is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


@contextmanager
def connect(
    path: Path, *, read_only: bool = False, wait_seconds: float = LOCK_RETRY_SECONDS
) -> Iterator[Connection]:
    """Open the warehouse file, retrying while another process holds its lock."""
    if read_only and not path.exists():
        raise UsageError(f"no warehouse at {path}: run `wirewatch run` or `wirewatch demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = LOCK_RETRY_INTERVAL
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is locked by another process (is a run or a SQL shell open?)"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 1.5, 2.0)
    try:
        con.execute("SET TimeZone = 'UTC'")
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """One explicit transaction: everything inside commits together or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):  # keep the original error, not a failed rollback's
            con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise WarehouseError(f"warehouse write failed: {str(exc).splitlines()[0]}") from exc
        raise


def migrate(con: Connection) -> list[str]:
    """Apply the numbered migrations not yet recorded, then (re)create the views."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied: list[str] = []
    for file in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        if file.name in done:
            continue
        try:
            with transaction(con):
                con.execute(file.read_text(encoding="utf-8"))
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?)", [file.name, datetime.now(UTC)]
                )
        except duckdb.Error as exc:
            raise WarehouseError(f"migration {file.name} failed: {exc}") from exc
        applied.append(file.name)
    try:
        con.execute(VIEWS_FILE.read_text(encoding="utf-8"))
    except duckdb.Error as exc:
        raise WarehouseError(f"views.sql failed: {exc}") from exc
    return applied


@contextmanager
def open_warehouse(path: Path) -> Iterator[Connection]:
    """A read-write connection on a migrated warehouse."""
    with connect(path) as con:
        migrate(con)
        yield con


def scalar(con: Connection, sql: str, params: Sequence[Any] | None = None) -> Any:
    """The first column of the first row (or None); reads the result to the end."""
    try:
        rows = con.execute(sql, list(params) if params is not None else []).fetchall()
    except duckdb.Error as exc:
        raise WarehouseError(str(exc).splitlines()[0]) from exc
    return rows[0][0] if rows else None


def fetch_dicts(
    con: Connection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    """Run a query with bound parameters and return rows as dicts."""
    try:
        cur = con.execute(sql, list(params) if params is not None else [])
    except duckdb.Error as exc:
        raise WarehouseError(str(exc).splitlines()[0]) from exc
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def read_only_query(
    path: Path, sql: str, params: Sequence[Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ad-hoc SQL on a short-lived read-only connection; returns column names and rows."""
    with connect(path, read_only=True) as con:
        try:
            cur = con.execute(sql, list(params) if params is not None else [])
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {str(exc).splitlines()[0]}") from exc
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
