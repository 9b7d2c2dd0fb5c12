"""Listings: rows printed for a person in a terminal and for a program everywhere else.

Every command that prints rows (``sql``, ``trends``, ``alerts``, the demo's
stories, meetings and alerts) builds a :class:`Listing` and hands it to
:func:`print_listing`, which picks one of four shapes:

``table`` on a terminal
    The columns a person needs, fitted to the terminal's width: one line per
    row, long text cut with an ellipsis (``…``). Optional columns (priority 2,
    3, ...) are dropped, highest number first, until the rest fit at their
    minimum widths; if even the priority-1 columns cannot fit, each row is
    printed as a block of ``field: value`` lines instead, values whole.
    ``wide=True`` shows every column (``wide_only`` ones too) and drops none;
    what cannot fit then goes to blocks.
``table`` anywhere else (a pipe, a file)
    Never wrapped or cut: the same aligned table at the width its longest
    values need, one line per row, the columns a terminal of unlimited width
    would show (every column with ``wide=True``), times in full. Only
    printable text and line ends, as everything wirewatch prints.
``csv``
    A header row of column names, then every column of every row.
``json``
    One JSON array of objects (every column), then a newline; values JSON
    cannot hold (dates, times) are written as their text.

Text from data is shown as :func:`wirewatch.console.plain` text in the table
shapes (control characters as ``\\xNN``; a line break inside a value as
``\\n``, so a row stays one line); CSV and JSON carry values exactly.

Usage::

    from wirewatch.app.listing import Column, Listing, print_listing

    listing = Listing(
        [
            Column("pair", truncate=False),
            Column("title"),                        # the text that gives way first
            Column("url", priority=2, truncate=False),  # shown when it fits whole
            Column("channel", wide_only=True),      # only with --wide, csv and json
        ],
        [{"pair": "BY-CN", "title": "Talks in Beijing", "url": "http://...", "channel": "console"}],
        title="Alerts",
    )
    print_listing(console, listing, fmt="table", wide=False)

:meth:`Listing.of_query` makes a listing of a query's result (``sql``,
``trends``): every column priority 1, text columns cut, others kept whole.
:func:`print_record` prints one record (a run summary) as a ``field: value`` block.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wirewatch.console import visible

__all__ = [
    "FORMATS",
    "Column",
    "Listing",
    "cell",
    "choose_layout",
    "print_listing",
    "print_record",
]

FORMATS = ("table", "csv", "json")
TEXT_MIN_WIDTH = 10  # a cut text column narrower than this says too little to be worth a column
TEXT_WANTED_WIDTH = 30  # priority-1 text keeps this much before an optional column is shown
COLUMN_GAP = 2  # characters between two columns: one of padding, one of the (blank) divider
UNLIMITED = 10**9  # the width a pipe or a file allows: no column dropped, no value cut


@dataclass(frozen=True)
class Column:
    """One column of a listing.

    ``name`` is the key in each row and the field name in CSV and JSON;
    ``header`` what a person sees (default: the name). ``priority`` 1 is always
    shown; higher numbers are dropped first when the terminal is narrow.
    ``min_width`` is the narrowest a cut column may get (default 10, or the
    longest value if shorter). ``truncate=False`` keeps values whole (dates,
    pairs, counts, links): such a column is shown whole or not at all.
    ``wide_only`` columns appear only with ``wide`` (and always in CSV and JSON).
    """

    name: str
    header: str = ""
    priority: int = 1
    min_width: int | None = None
    truncate: bool = True
    wide_only: bool = False

    @property
    def label(self) -> str:
        return self.header or self.name


@dataclass(frozen=True)
class Listing:
    """Rows (mappings from column name to value) under their column specs, with an optional title."""

    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]]
    title: str | None = None
    _cells: dict[tuple[str, bool], list[str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @classmethod
    def of_query(
        cls, names: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None = None
    ) -> Listing:
        """A query result: every column priority 1; columns holding text may be cut."""
        # A name given twice (SELECT 1 AS a, 2 AS a) keeps both values, the second as a_2.
        keys = [n if names.index(n) == i else f"{n}_{i + 1}" for i, n in enumerate(names)]
        columns = [
            Column(key, header=name, truncate=any(isinstance(r[i], str) for r in rows))
            for i, (key, name) in enumerate(zip(keys, names, strict=True))
        ]
        return cls(columns, [dict(zip(keys, r, strict=True)) for r in rows], title)

    def cells(self, column: Column, *, terse: bool = False) -> list[str]:
        """Each row's value in ``column`` as one line of visible text (cached); see :func:`cell`."""
        key = (column.name, terse)
        if key not in self._cells:
            self._cells[key] = [cell(row.get(column.name), terse=terse) for row in self.rows]
        return self._cells[key]


def cell(value: Any, *, terse: bool = False) -> str:
    """A value as one line of visible text: None is empty, a line break is written ``\\n``.

    ``terse`` (a terminal) shows times to the second: "2026-12-03 10:51:15+00:00".
    """
    if value is None:
        return ""
    if terse and isinstance(value, datetime):
        value = value.isoformat(sep=" ", timespec="seconds")
    return visible(str(value)).replace("\n", "\\n")


def _natural(listing: Listing, column: Column, terse: bool = True) -> int:
    cells = listing.cells(column, terse=terse)
    return max([cell_len(column.label), *(cell_len(c) for c in cells)])


def _minimum(listing: Listing, column: Column, terse: bool) -> int:
    natural = _natural(listing, column, terse)
    if not column.truncate:
        return natural
    return min(natural, column.min_width or TEXT_MIN_WIDTH)


def choose_layout(
    listing: Listing, width: int, *, wide: bool, terse: bool = True
) -> list[tuple[Column, int]] | None:
    """The columns shown in a terminal ``width`` wide and each one's width; None means blocks.

    Optional columns go, highest priority number first (the last declared of
    equals first), until the rest fit with the priority-1 text at a readable
    width; if the rest cannot fit even at their minimum widths, blocks. The width
    left over goes to the cut columns, priority 1 first, each up to its
    longest value, shared evenly so short columns are filled before long ones.
    """
    shown = [c for c in listing.columns if wide or not c.wide_only]
    if not shown:
        return None
    minimum = {c.name: _minimum(listing, c, terse) for c in shown}
    # An optional column stays only if the priority-1 text keeps a readable width beside it.
    wanted = {
        c.name: max(minimum[c.name], min(_natural(listing, c, terse), TEXT_WANTED_WIDTH))
        if c.truncate and c.priority == 1
        else minimum[c.name]
        for c in shown
    }

    def needed(columns: list[Column], widths: dict[str, int]) -> int:
        return sum(widths[c.name] for c in columns) + COLUMN_GAP * (len(columns) - 1)

    optional = [c for c in shown if c.priority > 1] if not wide else []
    while optional and needed(shown, wanted) > width:
        drop = max(reversed(optional), key=lambda c: c.priority)
        optional.remove(drop)
        shown.remove(drop)
    if needed(shown, minimum) > width:
        return None
    widths = dict(minimum)
    spare = width - needed(shown, minimum)
    for level in sorted({c.priority for c in shown}):
        growing = [c for c in shown if c.truncate and c.priority == level]
        cap = {c.name: _natural(listing, c, terse) for c in growing}
        spare = _share(spare, growing, widths, cap)
    return [(c, widths[c.name]) for c in shown]


def _share(spare: int, columns: list[Column], widths: dict[str, int], cap: dict[str, int]) -> int:
    """Give ``spare`` characters to ``columns`` evenly, none beyond its cap; return what is left."""
    hungry = [c for c in columns if widths[c.name] < cap[c.name]]
    while spare > 0 and hungry:
        share = max(spare // len(hungry), 1)
        for column in hungry:
            grant = min(share, cap[column.name] - widths[column.name], spare)
            widths[column.name] += grant
            spare -= grant
        hungry = [c for c in hungry if widths[c.name] < cap[c.name]]
    return spare


def print_listing(
    console: Console, listing: Listing, *, fmt: str = "table", wide: bool = False
) -> None:
    """Print ``listing`` in ``fmt`` (table, csv or json) on ``console``; see the module docstring."""
    if fmt == "csv":
        _write_csv(console, listing)
    elif fmt == "json":
        _write_json(console, listing)
    elif fmt != "table":
        raise ValueError(f"unknown listing format {fmt!r}")
    elif not console.is_terminal:
        whole = choose_layout(listing, UNLIMITED, wide=wide, terse=False)
        if whole is not None:
            _print_table(console, listing, whole, terse=False)
    else:
        layout = choose_layout(listing, console.width, wide=wide)
        if layout is None:
            _print_blocks(console, listing, wide=wide)
        else:
            _print_table(console, listing, layout, terse=True)


def _write_csv(console: Console, listing: Listing) -> None:
    writer = csv.writer(console.file)
    writer.writerow([c.name for c in listing.columns])
    writer.writerows([row.get(c.name) for c in listing.columns] for row in listing.rows)


def _write_json(console: Console, listing: Listing) -> None:
    objects = [{c.name: row.get(c.name) for c in listing.columns} for row in listing.rows]
    json.dump(objects, console.file, default=str, ensure_ascii=False)
    console.file.write("\n")


def _print_table(
    console: Console, listing: Listing, layout: list[tuple[Column, int]], *, terse: bool
) -> None:
    table = Table(
        title=Text(cell(listing.title)) if listing.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    for column, width in layout:
        table.add_column(Text(cell(column.label)), width=width, no_wrap=True, overflow="ellipsis")
    for values in zip(*(listing.cells(c, terse=terse) for c, _ in layout), strict=True):
        table.add_row(*(Text(v) for v in values))
    if terse:  # a terminal: the layout fits its width
        console.print(table)
        return
    # Piped: as wide as the values need, beyond the console's width (print would cap it there).
    width = sum(w for _, w in layout) + COLUMN_GAP * (len(layout) - 1)
    rendered = "".join(s.text for s in console.render(table, console.options.update_width(width)))
    console.file.write("\n".join(line.rstrip() for line in rendered.splitlines()) + "\n")


def _print_blocks(console: Console, listing: Listing, *, wide: bool) -> None:
    shown = [c for c in listing.columns if wide or not c.wide_only]
    if listing.title:
        console.print(Text(cell(listing.title), style="bold"))
    for index, row in enumerate(listing.rows):
        if index:
            console.print()
        _print_fields(console, [(c.label, row.get(c.name)) for c in shown])


def print_record(console: Console, title: str, fields: Sequence[tuple[str, Any]]) -> None:
    """One record as a title and ``field: value`` lines; long values wrap in a terminal only."""
    console.print(Text(cell(title), style="bold"), soft_wrap=not console.is_terminal)
    _print_fields(console, fields)


def _print_fields(console: Console, fields: Sequence[tuple[str, Any]]) -> None:
    if not console.is_terminal:
        lines = [f"{cell(name)}: {cell(value)}" for name, value in fields]
        console.print(Text("\n".join(lines)), soft_wrap=True)
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")  # a block shows the whole value, wrapped beside its name
    for name, value in fields:
        grid.add_row(Text(cell(name) + ":", style="bold"), Text(cell(value, terse=True)))
    console.print(grid)
