"""The loader of the warehouse's SQL: every statement the code runs is a file.

A statement lives in ``warehouse/queries/<area>/<name>.sql`` and is loaded by
its name ``"<area>/<name>"`` (``"runs/start"``, ``"trends/daily_volume"``).
Texts are read once per process. Statements that load rows read them from the
relation ``batch`` (see :func:`wirewatch.store.connection.load_rows`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from wirewatch.errors import UsageError

__all__ = ["QUERIES_DIR", "query_names", "query_text"]

QUERIES_DIR: Final = Path(__file__).resolve().parents[2] / "warehouse" / "queries"


@cache
def _files() -> dict[str, Path]:
    return {
        path.relative_to(QUERIES_DIR).with_suffix("").as_posix(): path
        for path in sorted(QUERIES_DIR.rglob("*.sql"))
    }


def query_names(area: str | None = None) -> list[str]:
    """Every query name, or those of one area (``"trends"``), sorted."""
    prefix = f"{area}/" if area else ""
    return [name for name in _files() if name.startswith(prefix)]


@cache
def query_text(name: str) -> str:
    """The SQL text of the query ``name`` (``"<area>/<name>"``)."""
    path = _files().get(name)
    if path is None:
        area = name.partition("/")[0]
        known = ", ".join(query_names(area) or query_names())
        raise UsageError(f"no query named {name!r} (known: {known})")
    return path.read_text(encoding="utf-8")
