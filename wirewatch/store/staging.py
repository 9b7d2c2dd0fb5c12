"""The ledger of staged batches loaded (migration 008): written in the loading transaction."""

from __future__ import annotations

from datetime import datetime

from wirewatch.store.connection import Connection, execute_query, select_value

__all__ = ["batch_loaded", "record_batch"]


def batch_loaded(con: Connection, batch_id: str) -> bool:
    """True when the staged batch ``batch_id`` has been loaded already."""
    return bool(select_value(con, "staging/batch_loaded", [batch_id]))


def record_batch(
    con: Connection, batch_id: str, *, run_id: str, pages: int, records: int, now: datetime
) -> None:
    """Record a staged batch as loaded (inside the transaction that loads its rows)."""
    execute_query(con, "staging/record_batch", [batch_id, run_id, pages, records, now])
