"""The DuckDB warehouse: connections, transactions, migrations and the lock retry.

DuckDB lets one process hold the file, and a reader blocks a writer too
(a read-only holder makes a read-write open fail), so every caller opens a connection for one batch, writes in one
short transaction and closes it; opening retries on the lock error, and says
at once (on the ``wirewatch.warehouse`` logger) what it waits for and how long.
Loads go through Arrow tables, never row by row. This is the only module that
catches duckdb errors.

Read-only connections are sealed: no file or network access (unless a caller
asks for local files), no extension installed or loaded behind a query, and
the configuration locked so no statement can undo that. Ad-hoc SQL is further
held to one read statement, as DuckDB's own parser classifies it
(:func:`check_read_only`). A write connection is opened only on a warehouse
that passes its integrity check; a damaged file is reported as such, never as
bad SQL.
"""

from __future__ import annotations

import contextlib
import logging
import re
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import duckdb

from wirewatch.errors import UsageError, WarehouseError, WarehouseLocked
from wirewatch.store.queries import query_text

__all__ = [
    "MIGRATIONS_DIR",
    "Connection",
    "check_read_only",
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

# A writer (a run's step) outlasts an analyst's query at `wirewatch sql`'s default 60 s limit.
LOCK_RETRY_SECONDS = 120.0
# A reader waits out a run's short write batches; a longer wait means a shell holds the file.
READ_LOCK_RETRY_SECONDS = 30.0
LOCK_RETRY_INTERVAL = 0.2

# Read-only connections: no ATTACH, COPY TO, EXPORT or file and URL reads; no extension
# code fetched or loaded behind a query; SQL cannot reach Python variables by name.
SEALED_CONFIG: dict[str, bool] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "python_enable_replacements": False,
}
# SELECT covers WITH, FROM-first, VALUES, SHOW, DESCRIBE and SUMMARIZE (DuckDB's parser says so);
# an EXPLAIN is allowed when the statement it explains is (EXPLAIN ANALYZE runs it).
READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
READ_KINDS = "SELECT, WITH, EXPLAIN, DESCRIBE, SHOW and SUMMARIZE"
# How DuckDB words a file that is not, or no longer, a whole database.
DAMAGE_MARKERS = (
    "Corrupt database file",
    "not a valid DuckDB database file",
    "Could not read enough bytes from file",
)
NOT_INTACT = "is not an intact DuckDB warehouse"

Connection = duckdb.DuckDBPyConnection
log = logging.getLogger(__name__)


def _is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _holder(exc: BaseException) -> str:
    """``(PID n)`` from DuckDB's lock message, when it names the process."""
    found = re.search(r"\(PID (\d+)\)", str(exc))
    return f" (PID {found.group(1)})" if found else ""


def _damage(exc: BaseException) -> str | None:
    """DuckDB's own words when ``exc`` says the file is damaged, else None."""
    text = str(exc)
    if not any(marker in text for marker in DAMAGE_MARKERS):
        return None
    return text.splitlines()[0].removeprefix("IO Error: ")


def _not_intact(path: Path, detail: str) -> str:
    return f"warehouse {path} {NOT_INTACT}: {detail}"


def _open(path: Path, read_only: bool, config: dict[str, Any], wait_seconds: float) -> Connection:
    """duckdb.connect, retrying with backoff while another process holds the file."""
    deadline = time.monotonic() + wait_seconds
    delay = LOCK_RETRY_INTERVAL
    waiting = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                detail = _damage(exc)
                if detail is not None:
                    raise WarehouseError(_not_intact(path, detail)) from exc
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is locked by another process{_holder(exc)}; gave up after "
                    f"{wait_seconds:g} s (is a run or a SQL shell open?)"
                ) from exc
            if not waiting:
                waiting = True
                log.warning(
                    "waiting up to %g s for the warehouse %s: another process%s holds it",
                    wait_seconds,
                    path,
                    _holder(exc),
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 2.0)


@contextmanager
def connect(
    path: Path,
    *,
    read_only: bool = False,
    wait_seconds: float | None = None,
    allow_files: bool = False,
) -> Iterator[Connection]:
    """Open the warehouse file, retrying while another process holds its lock.

    A read-only connection is sealed (``SEALED_CONFIG``, configuration locked);
    ``allow_files`` lets it read local files, nothing more. Waits up to
    ``LOCK_RETRY_SECONDS`` for a writer, ``READ_LOCK_RETRY_SECONDS`` for a
    reader, unless ``wait_seconds`` says otherwise. A damaged file met at any
    point is reported as one :class:`WarehouseError` naming it.
    """
    if read_only and not path.exists():
        raise UsageError(f"no warehouse at {path}: run `wirewatch run` or `wirewatch demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    if wait_seconds is None:
        wait_seconds = READ_LOCK_RETRY_SECONDS if read_only else LOCK_RETRY_SECONDS
    config: dict[str, Any] = {}
    if read_only:
        config = {**SEALED_CONFIG, "enable_external_access": allow_files}
    con = _open(path, read_only, config, wait_seconds)
    try:
        con.execute("SET TimeZone = 'UTC'")
        if read_only:
            con.execute("SET lock_configuration = true")  # no later SET can unseal it
        yield con
    except (duckdb.Error, WarehouseError) as exc:
        # Damage met by a read or write inside the block: say so, naming the file.
        cause = exc if isinstance(exc, duckdb.Error) else exc.__cause__
        detail = _damage(cause) if cause is not None else None
        if detail is None or NOT_INTACT in str(exc):
            raise
        raise WarehouseError(_not_intact(path, detail)) from exc
    finally:
        con.close()


def check_read_only(sql: str) -> None:
    """Refuse anything but one read statement, as DuckDB's own parser classifies it.

    Raises :class:`UsageError` for a parse error, several statements, or any
    statement that could write, attach, export, install, load or change a setting.
    """
    statements = _parse(sql)
    if not statements:
        raise UsageError("no SQL statement given")
    if len(statements) != 1:
        raise UsageError(
            f"one statement at a time, got {len(statements)}: only read statements are allowed "
            f"({READ_KINDS})"
        )
    _check_read(*statements[0])


def _parse(sql: str) -> list[tuple[str, duckdb.StatementType]]:
    """Each statement of ``sql`` with its type, by DuckDB's parser."""
    try:
        return [(statement.query, statement.type) for statement in duckdb.extract_statements(sql)]
    except duckdb.Error as exc:
        raise UsageError(f"SQL error: {str(exc).splitlines()[0]}") from exc
    except ValueError as exc:  # a statement type the Python API has no name for
        raise UsageError(
            f"{_verb(sql)} statements are refused: the warehouse is read-only here "
            f"(only {READ_KINDS} are allowed)"
        ) from exc


def _check_read(sql: str, kind: duckdb.StatementType) -> None:
    if kind not in READ_STATEMENTS:
        raise UsageError(
            f"{_verb(sql)} statements are refused: the warehouse is read-only here "
            f"(only {READ_KINDS} are allowed)"
        )
    if kind == duckdb.StatementType.EXPLAIN:
        _check_read(*_explained(sql))


def _verb(sql: str) -> str:
    """The statement's first word as written (INSTALL, USE), which its type may not name."""
    tokens = duckdb.tokenize(sql)
    end = tokens[1][0] if len(tokens) > 1 else len(sql)
    return sql[tokens[0][0] : end].strip().upper() if tokens else "these"


def _explained(sql: str) -> tuple[str, duckdb.StatementType]:
    """The statement an EXPLAIN explains: the first token from which DuckDB parses one whole."""
    for offset, _ in duckdb.tokenize(sql)[1:]:
        try:
            inner = _parse(sql[offset:])
        except UsageError:
            continue
        if len(inner) == 1:
            return inner[0]
    raise UsageError(f"cannot tell which statement this EXPLAIN explains: {sql.strip()[:60]}")


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


def check_intact(con: Connection, path: Path) -> None:
    """Read every table whole so DuckDB verifies each block's checksum; raise if one fails.

    Costs one scan of the data (about 0.4 s per 250 MB here); index blocks are
    verified when first used, inside the transaction that uses them.
    """
    try:
        tables = [row[0] for row in con.execute(query_text("integrity/tables")).fetchall()]
        for table in tables:
            con.execute(query_text("integrity/scan"), [table]).fetchall()
    except duckdb.Error as exc:
        detail = _damage(exc) or str(exc).splitlines()[0]
        raise WarehouseError(
            f"refusing to write: {_not_intact(path, detail)}; nothing was written"
        ) from exc


@contextmanager
def open_warehouse(path: Path) -> Iterator[Connection]:
    """A read-write connection on a migrated warehouse that passed its integrity check."""
    with connect(path) as con:
        check_intact(con, path)
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


class _Stop:
    """Interrupts a running query on Ctrl-C or when its time is up, and remembers which."""

    def __init__(self) -> None:
        self.con: Connection | None = None
        self.timer: threading.Timer | None = None
        self.interrupted = False
        self.timed_out = False

    def watch(self, con: Connection, timeout: float | None) -> None:
        """From now on Ctrl-C, and ``timeout`` seconds from now, interrupt ``con``'s query."""
        self.con = con
        if timeout is not None:
            self.timer = threading.Timer(timeout, self._time_up)
            self.timer.daemon = True
            self.timer.start()

    def on_sigint(self, signum: int, frame: FrameType | None) -> None:
        con = self.con
        if con is None:  # opening, waiting for the lock or done: stop right here
            raise KeyboardInterrupt
        self.interrupted = True
        con.interrupt()

    def _time_up(self) -> None:
        con = self.con
        if con is not None:
            self.timed_out = True
            con.interrupt()


@contextmanager
def _stoppable() -> Iterator[_Stop]:
    """A query that Ctrl-C (in the main thread) and a timer thread can interrupt."""
    stop = _Stop()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, stop.on_sigint)
    try:
        yield stop
    finally:
        if stop.timer is not None:
            stop.timer.cancel()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def read_only_query(
    path: Path,
    sql: str,
    params: Sequence[Any] | None = None,
    *,
    allow_files: bool = False,
    timeout: float | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read statement on a short-lived sealed connection; returns column names and rows.

    ``allow_files`` lets the query read local files (read_csv, read_parquet);
    ``timeout`` stops it after that many seconds with a :class:`WarehouseError`.
    Ctrl-C stops it at once (KeyboardInterrupt). A refused statement or bad SQL
    is a :class:`UsageError`; a damaged file a :class:`WarehouseError`.
    """
    check_read_only(sql)
    with _stoppable() as stop:
        with connect(path, read_only=True, allow_files=allow_files) as con:
            stop.watch(con, timeout)
            try:
                cur = con.execute(sql, list(params) if params is not None else [])
                names = [d[0] for d in cur.description] if cur.description is not None else []
                rows = cur.fetchall() if cur.description is not None else []
            except duckdb.Error as exc:
                if stop.interrupted:
                    raise KeyboardInterrupt from None
                if stop.timed_out:
                    raise WarehouseError(
                        f"query stopped after {timeout:g} s: it ran past its time limit "
                        "(wirewatch sql --timeout SECONDS)"
                    ) from exc
                detail = _damage(exc)
                if detail is not None:
                    raise WarehouseError(_not_intact(path, detail)) from exc
                message = f"SQL error: {str(exc).splitlines()[0]}"
                if isinstance(exc, duckdb.PermissionException) and not allow_files:
                    message += " (local files are read only with wirewatch sql --allow-files)"
                raise UsageError(message) from exc
            finally:
                stop.con = None
        if stop.interrupted:  # Ctrl-C after the query finished, while its rows were read
            raise KeyboardInterrupt
    return names, rows
