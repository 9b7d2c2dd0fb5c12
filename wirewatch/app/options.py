"""Command-line options shared by the commands of more than one module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["ConfigOption", "DbOption"]

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
