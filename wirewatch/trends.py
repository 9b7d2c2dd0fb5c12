"""Named trend queries (``warehouse/queries/trends/*.sql``) and their plots."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from wirewatch.errors import UsageError
from wirewatch.store.queries import QUERIES_DIR, query_names, query_text

__all__ = ["TRENDS_DIR", "available", "plot", "run"]

AREA = "trends"  # the trend queries are warehouse/queries/trends/*.sql
TRENDS_DIR = QUERIES_DIR / AREA


def available() -> list[tuple[str, str]]:
    """(name, description) of every trend query; the description is the file's first comment."""
    found = []
    for name in query_names(AREA):
        first = query_text(name).splitlines()[0]
        found.append((name.removeprefix(f"{AREA}/"), first.lstrip("- ").strip()))
    return found


def run(db: Path, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the trend query ``name`` on a read-only connection."""
    from wirewatch.store.connection import read_only_rows

    if f"{AREA}/{name}" not in query_names(AREA):
        known = ", ".join(n for n, _ in available())
        raise UsageError(f"no trend named {name!r} (known: {known})")
    return read_only_rows(db, f"{AREA}/{name}")


def _series(columns: list[str], rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[Any, float]]]:
    """First column is x, last numeric column is y, the text columns between name the series."""
    if len(columns) < 2 or not rows:
        raise UsageError("nothing to plot: the query returned no rows")
    y_index = max(i for i, v in enumerate(rows[0]) if isinstance(v, int | float))
    key_indexes = [
        i for i in range(1, len(columns)) if i != y_index and isinstance(rows[0][i], str)
    ]
    series: dict[str, list[tuple[Any, float]]] = defaultdict(list)
    for row in rows:
        key = " / ".join(str(row[i]) for i in key_indexes) or columns[y_index]
        series[key].append((row[0], float(row[y_index] or 0)))
    return series


def plot(columns: list[str], rows: list[tuple[Any, ...]], path: Path, *, title: str) -> None:
    """Draw the query result as lines, one per series, to ``path`` (.png or .html)."""
    series = _series(columns, rows)
    top = dict(sorted(series.items(), key=lambda kv: -sum(y for _, y in kv[1]))[:10])
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5))
    for name, points in top.items():
        points = sorted(points, key=lambda p: p[0])
        # Dates plot on a time axis; anything else as categories in query order.
        xs: list[Any] = [x if isinstance(x, date) else str(x) for x, _ in points]
        ax.plot(xs, [y for _, y in points], marker="o", label=name)
    ax.set_title(title)
    ax.set_xlabel(columns[0])
    ax.legend(fontsize="small")
    fig.autofmt_xdate()
    suffix = path.suffix.lower()
    if suffix == ".png":
        fig.savefig(path, dpi=100)
    elif suffix == ".html":
        import io

        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        path.write_text(
            f"<!doctype html><meta charset='utf-8'><title>{title}</title>\n{buffer.getvalue()}",
            encoding="utf-8",
        )
    else:
        plt.close(fig)
        raise UsageError(f"--plot expects a .png or .html file, got {path.name}")
    plt.close(fig)
