"""Tables and views read whole, as Arrow batches, for ``wirewatch export``.

The caller opens a sealed read-only connection (no file writes possible from
SQL); the rows come out as Arrow record batches and are written by Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from wirewatch.errors import WarehouseError
from wirewatch.store.connection import Connection, select_rows
from wirewatch.store.queries import query_text

__all__ = ["export_objects", "object_batches"]


def export_objects(con: Connection) -> list[tuple[str, str]]:
    """``(name, kind)`` of every table and view (kind ``table`` or ``view``), tables first."""
    return [(r["name"], r["kind"]) for r in select_rows(con, "export/objects")]


@contextmanager
def object_batches(con: Connection, name: str, *, batch_rows: int) -> Iterator[pa.RecordBatchReader]:
    """The rows of table or view ``name`` as a stream of Arrow batches of at most ``batch_rows``."""
    try:
        relation = con.sql(query_text("export/rows"), params=[name])
        yield relation.to_arrow_reader(batch_rows)
    except duckdb.Error as exc:
        raise WarehouseError(f"reading {name} failed: {str(exc).splitlines()[0]}") from exc
