"""Named trend queries (``warehouse/queries/trends/*.sql``) and their plots."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wirewatch.errors import UsageError
from wirewatch.files import check_output_file, write_replacing
from wirewatch.store.queries import QUERIES_DIR, query_names, query_text

__all__ = [
    "PLOT_SUFFIXES",
    "TRENDS_DIR",
    "available",
    "check_plot_path",
    "describe",
    "plot",
    "run",
]

AREA = "trends"  # the trend queries are warehouse/queries/trends/*.sql
TRENDS_DIR = QUERIES_DIR / AREA
PLOT_SUFFIXES = (".png", ".html")


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


def check_plot_path(path: Path) -> bool:
    """Refuse a plot target that cannot or must not be written; True if a file will be replaced."""
    return check_output_file(
        path, option="--plot", suffixes=PLOT_SUFFIXES, expects="a .png or .html file", kind="plots"
    )


def describe(name: str) -> str:
    """The trend's description (its query's first comment), or its name if it has none."""
    return dict(available()).get(name) or name


def plot(columns: list[str], rows: list[tuple[Any, ...]], path: Path, *, title: str) -> bool:
    """Draw the query result to ``path`` (.png or .html) as :mod:`wirewatch.app.charts` plans it.

    Returns True when an existing file was replaced. The file is written
    whole under a temporary name and then renamed into place.
    """
    from wirewatch.app.charts import draw_chart, plan_chart

    replaces = check_plot_path(path)
    chart = plan_chart(columns, rows, title=title)
    if path.suffix.lower() == ".png":
        data = draw_chart(chart, "png")
    else:
        data = (
            f"<!doctype html><meta charset='utf-8'><title>{html.escape(title)}</title>\n"
        ).encode() + draw_chart(chart, "svg")
    write_replacing(path, data, option="--plot")
    return replaces
