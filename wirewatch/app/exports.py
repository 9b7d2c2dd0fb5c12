"""The ``wirewatch export`` command: a few lines over :mod:`wirewatch.exporting`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wirewatch.console import plain_console

__all__ = ["export"]


def export(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Directory to write (created, or replaced if it holds only Parquet).",
            metavar="DIR",
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="parquet.")] = "parquet",
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Warehouse file [env WIREWATCH_DB; default warehouse/wirewatch.duckdb]."
        ),
    ] = None,
) -> None:
    """Write every table and view as one Parquet file each into DIRECTORY, for other tools."""
    from wirewatch.app.printing import print_table
    from wirewatch.exporting import EXPORT_FORMATS, export_parquet
    from wirewatch.settings import default_paths

    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    db_path, _, _ = default_paths(db)
    written = export_parquet(db_path, directory.absolute())
    print_table(
        plain_console(soft_wrap=True),
        ["table", "kind", "rows", "file", "bytes"],
        [(f.name, f.kind, f.rows, f.path.name, f.bytes) for f in written],
        title=f"Exported {len(written)} tables and views to {directory}",
    )
