"""Command-line options shared by the commands of more than one module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

__all__ = [
    "ConfigOption",
    "DbOption",
    "FormatOption",
    "QueriesConfigOption",
    "WideOption",
    "config_file_wanted",
]

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="Warehouse file [env WIREWATCH_DB; default warehouse/wirewatch.duckdb]."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Configuration directory [env WIREWATCH_CONFIG; default config/]."
    ),
]
QueriesConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration directory, for saved queries (queries.yaml) "
        "[env WIREWATCH_CONFIG; default config/].",
    ),
]
WideOption = Annotated[
    bool, typer.Option("--wide", help="Every column, none cut (rows as blocks if they cannot fit).")
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        help="table (fitted to a terminal; aligned and never cut when piped), csv (with a header row) "
        "or json (one array of objects).",
    ),
]


def config_file_wanted(given: Path | None, file: Path) -> bool:
    """Whether a listing command must read ``file`` from its configuration directory.

    A directory named by ``--config`` or WIREWATCH_CONFIG must be readable; the
    default ``config/`` is read only where it is there, so ``alerts`` or ``status``
    run from another directory still list the warehouse and exit 0.
    """
    return given is not None or "WIREWATCH_CONFIG" in os.environ or file.exists()
