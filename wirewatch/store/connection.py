"""Connection plumbing, and running the named statements of ``warehouse/queries/``.

Opening, transactions, migrations and the lock retry are
``wirewatch.warehouse``'s, re-exported here so the store has one door to the
database. The helpers below run a statement by its name: no SQL text is
written in Python outside this module and the loader.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from wirewatch.errors import WarehouseError
from wirewatch.store.queries import query_text
from wirewatch.warehouse import (
    Connection,
    connect,
    fetch_dicts,
    migrate,
    open_warehouse,
    read_only_query,
    scalar,
    transaction,
)

__all__ = [
    "BATCH",
    "Connection",
    "checkpoint",
    "connect",
    "execute_query",
    "load_rows",
    "migrate",
    "open_warehouse",
    "read_only_query",
    "read_only_rows",
    "select_rows",
    "stream_rows",
    "select_value",
    "transaction",
]

BATCH = "batch"  # the relation a loading statement reads its rows from


def select_rows(
    con: Connection, name: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    """Run the named query with bound parameters; rows as dicts."""
    return fetch_dicts(con, query_text(name), params)


def stream_rows(
    con: Connection, name: str, params: Sequence[Any] | None = None, *, batch: int = 1_000
) -> Iterator[list[dict[str, Any]]]:
    """Run the named query and yield its rows as dicts, ``batch`` at a time, as DuckDB
    produces them: a result larger than memory (every article's text) is never held whole."""
    try:
        # A relation streams; a DB-API result would be copied whole into Arrow first.
        relation = con.sql(query_text(name), params=list(params) if params is not None else None)
        reader: Any = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        for record_batch in reader(batch):
            yield record_batch.to_pylist()
    except duckdb.Error as exc:
        raise WarehouseError(f"{name} failed: {str(exc).splitlines()[0]}") from exc


def select_value(con: Connection, name: str, params: Sequence[Any] | None = None) -> Any:
    """The first column of the first row of the named query (or None)."""
    return scalar(con, query_text(name), params)


def execute_query(con: Connection, name: str, params: Sequence[Any] | None = None) -> None:
    """Run the named statement with bound parameters (inside the caller's transaction)."""
    con.execute(query_text(name), list(params) if params is not None else [])


def read_only_rows(
    db: Path, name: str, params: Sequence[Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the named query on a short-lived read-only connection; column names and rows."""
    return read_only_query(db, query_text(name), params)


def load_rows(
    con: Connection,
    name: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str] | None = None,
) -> int:
    """Run the named statement over ``rows``, given to it as the Arrow relation ``batch``.

    With ``key``, rows are deduplicated on it first (the last one wins):
    DuckDB keeps an arbitrary row when one batch holds the same key twice.
    Returns how many rows the statement was given; with none it is not run.
    """
    if not rows:
        return 0
    unique: list[Mapping[str, Any]] = list(rows)
    if key is not None:
        unique = list({tuple(row[k] for k in key): row for row in rows}.values())
    table = pa.Table.from_pylist(unique)
    try:
        con.register(BATCH, table)
        con.execute(query_text(name))
    except duckdb.Error as exc:
        raise WarehouseError(f"{name} failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.unregister(BATCH)
    return len(unique)


def checkpoint(con: Connection) -> None:
    """Write the write-ahead log into the database file (outside a transaction)."""
    con.execute("CHECKPOINT")
