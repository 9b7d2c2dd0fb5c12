"""The ``wirewatch status`` command: a few lines over :func:`wirewatch.status.read_status`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from wirewatch.app.listing import Column, Listing, print_listing, print_record
from wirewatch.app.options import DbOption, configured_names
from wirewatch.errors import ConfigError

__all__ = ["print_status", "register"]

# The order sources are listed in: what needs the desk's eye first.
STATE_ORDER = ("failing", "backing_off", "never_answered", "quiet", "ok")
STATUS_FORMATS = ("table", "json")

_RUNS = [
    Column("run_id", "run"),
    Column("started_at", "started", truncate=False),
    Column("outcome", truncate=False),
    Column("duration_s", "seconds", truncate=False),
    Column("articles_new", "new", priority=2, truncate=False),
    Column("fetch_errors", "errors", priority=2, truncate=False),
]
_SOURCES = [
    Column("source"),
    Column("feed", priority=2),
    Column("state", truncate=False),
    Column("consecutive_failures", "failures", truncate=False),
    Column("last_success", "last answer", priority=2, truncate=False),
    Column("next_attempt", "next try", priority=3, truncate=False),
    Column("last_error", "last error", priority=4),
]


_TIMES = ("started_at", "finished_at", "last_success", "next_attempt", "last_attempt")


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """A row with its times to the second, for people (JSON keeps them whole)."""
    return {
        k: datetime.fromisoformat(v).isoformat(sep=" ", timespec="seconds")
        if k in _TIMES and isinstance(v, str)
        else v
        for k, v in row.items()
    }


def _source_rows(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources by health, worst first; a listing row only where it is not ok (its source says the rest)."""
    rank = {state: i for i, state in enumerate(STATE_ORDER)}
    shown = [s for s in sources if s["feed"] is None or s["state"] != "ok"]
    rows = []
    for s in sorted(shown, key=lambda s: (rank.get(s["state"], 0), s["source"], s["feed"] or "")):
        state = s["state"]
        if state in ("failing", "backing_off") and not s["answered_ever"]:
            state += ", never answered"
        name = s["source"] + (" (not configured)" if s.get("configured") is False else "")
        rows.append(_shown({**s, "source": name, "state": state}))
    return rows


def print_status(console: Console, report: dict[str, Any], *, wide: bool = False) -> None:
    """The status as text: a run going on, the last runs, sources by health, outbox, sizes."""
    sizes = report["sizes"]
    print_record(
        console,
        "wirewatch status",
        [
            ("run going on", "yes" if report["running"] else "no"),
            ("alerts", f"{report['alerts']['pending']} pending, {report['alerts']['failed']} failed"),
            (
                "sizes",
                f"warehouse {sizes['warehouse_bytes'] / 1e6:.1f} MB, "
                f"archive {sizes['archive_bytes'] / 1e6:.1f} MB, "
                f"index {sizes['index_bytes'] / 1e6:.1f} MB",
            ),
        ],
    )
    console.print()
    if report["runs"]:
        runs = [_shown(r) for r in report["runs"]]
        print_listing(console, Listing(_RUNS, runs, "Last runs"), wide=wide)
    else:
        console.print(Text("No runs yet."))
    console.print()
    rows = _source_rows(report["sources"])
    if rows:
        print_listing(console, Listing(_SOURCES, rows, "Sources by health"), wide=wide)
    else:
        console.print(Text("No sources yet."))


def register(app: typer.Typer, out: Console) -> None:
    """Add ``status`` to the command line ``app``."""

    @app.command()
    def status(
        fmt: Annotated[
            str, typer.Option("--format", help="table (plain when piped) or json (one object).")
        ] = "table",
        runs: Annotated[int, typer.Option("--runs", min=1, help="How many of the last runs.")] = 10,
        wide: Annotated[bool, typer.Option("--wide", help="Every column, none cut.")] = False,
        data: Annotated[
            Path | None,
            typer.Option("--data", help="Runtime data directory, for the archive's size [env WIREWATCH_DATA; default data/]."),
        ] = None,
        db: DbOption = None,
        config: Annotated[
            Path | None,
            typer.Option(
                "--config",
                help="Configuration directory, for the configured sources (sources.yaml); "
                "an unreadable one is said on stderr after the status, exit 1 "
                "[env WIREWATCH_CONFIG; default config/, read only where it is there].",
            ),
        ] = None,
    ) -> None:
        """Last runs, source health, pending alerts, sizes, and whether a run is going on."""
        from wirewatch.config import load_sources
        from wirewatch.settings import default_paths
        from wirewatch.status import read_status

        if fmt not in STATUS_FORMATS:
            raise typer.BadParameter(f"expected one of {', '.join(STATUS_FORMATS)}", param_hint="--format")
        db_path, config_dir, data_dir = default_paths(db, config, data)
        # A monitoring command: a broken config must not hide the warehouse's state, so the
        # status is still given (sources as the warehouse knows them) and the problem said after.
        configured, problem = configured_names(
            config, config_dir / "sources.yaml", lambda f: (s.name for s in load_sources(f).sources)
        )
        report = read_status(
            db_path, archive_dir=data_dir / "archive", runs=runs, configured=configured
        )
        if fmt == "json":
            out.file.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            print_status(out, report, wide=wide)
        if problem is not None:
            out.file.flush()
            raise ConfigError(f"status given without the configured sources: {problem}")
