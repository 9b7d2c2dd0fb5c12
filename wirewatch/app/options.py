"""Command-line options shared by the commands of more than one module."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.errors import ConfigError

__all__ = [
    "ConfigOption",
    "DbOption",
    "FormatOption",
    "QueriesConfigOption",
    "WideOption",
    "configured_names",
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



def configured_names(
    given: Path | None, file: Path, names: Callable[[Path], Iterable[str]]
) -> tuple[set[str] | None, ConfigError | None]:
    """The names a listing command flags against (channels, sources), or the config problem.

    A directory named by ``--config`` or WIREWATCH_CONFIG must be readable; the
    default ``config/`` is read only where it is there, so ``alerts`` or ``status``
    run from another directory still list the warehouse and exit 0. A broken file
    is returned, not raised: the command lists what the warehouse holds, then says it.
    """
    if given is None and "WIREWATCH_CONFIG" not in os.environ and not file.exists():
        return None, None
    try:
        return set(names(file)), None
    except ConfigError as exc:
        return None, exc
