"""The desk's commands: ``wirewatch report`` and ``wirewatch ui``, a few lines each over ``wirewatch.desk``."""

from __future__ import annotations

import socket
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from wirewatch.app.options import DbOption, QueriesConfigOption
from wirewatch.errors import UsageError

__all__ = ["DEFAULT_PORT", "register", "report_line", "ui_line"]

DEFAULT_PORT = 8765  # unassigned by IANA and rarely taken by local development servers
HOST = "127.0.0.1"  # the page is for the person at this machine: never on another interface


def report_line(path: Path, size: int, seconds: float) -> str:
    """What a written report is and how to open it."""
    return (
        f"Report written to {path} ({size / 1e6:.1f} MB in {seconds:.1f} s); "
        f"open it in a browser: {path.resolve().as_uri()}"
    )


def ui_line(db: Path) -> str:
    """How to start the web page over ``db``."""
    return f"Web page: wirewatch ui --db {db}  (then open http://{HOST}:{DEFAULT_PORT})"


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"cannot listen on {HOST}:{port} ({exc.strerror or exc}); choose another with --port"
        ) from exc
    sock.listen(128)
    return sock


def register(app: typer.Typer, out: Console) -> None:
    """Add ``report`` and ``ui`` to the command line ``app``."""

    @app.command()
    def report(
        out_file: Annotated[
            Path, typer.Option("--out", help="The HTML file to write (replaced if it exists).")
        ],
        since: Annotated[
            str | None,
            typer.Option("--since", help="Only what happened on or after this day (YYYY-MM-DD)."),
        ] = None,
        db: DbOption = None,
        config: QueriesConfigOption = None,
    ) -> None:
        """One self-contained HTML page (alerts, meetings, stories, agencies, who reports first)."""
        from wirewatch.desk import build_report, check_report_path
        from wirewatch.settings import default_paths, load_saved_queries

        check_report_path(out_file)
        day = _day(since) if since else None
        db_path, config_dir, _ = default_paths(db, config)
        saved = load_saved_queries(config_dir)
        info = build_report(db_path, out_file, since=day, saved=saved)
        out.print(report_line(info.path, info.bytes, info.seconds))

    @app.command()
    def ui(
        port: Annotated[
            int,
            typer.Option(
                "--port", min=0, max=65535, help=f"Port on {HOST} (0: any free port)."
            ),
        ] = DEFAULT_PORT,
        db: DbOption = None,
        config: QueriesConfigOption = None,
    ) -> None:
        """A local, read-only web page over the warehouse on 127.0.0.1 (Ctrl-C stops it)."""
        import uvicorn

        from wirewatch.desk import create_app
        from wirewatch.settings import default_paths, load_saved_queries

        db_path, config_dir, _ = default_paths(db, config)
        load_saved_queries(config_dir)  # an invalid queries.yaml stops us here, not on a page
        if not db_path.exists():
            raise UsageError(
                f"no warehouse at {db_path}: run `wirewatch run` or `wirewatch demo` first"
            )
        sock = _bind(port)
        bound = sock.getsockname()[1]

        class Server(uvicorn.Server):
            async def startup(self, sockets: list[socket.socket] | None = None) -> None:
                await super().startup(sockets=sockets)
                # Said once the server answers: whoever started us may ask at once.
                out.print(
                    f"wirewatch ui: http://{HOST}:{bound}/  (read-only over {db_path}; Ctrl-C stops)"
                )
                sys.stdout.flush()

        app_ = create_app(db_path, queries_file=config_dir / "queries.yaml")
        Server(uvicorn.Config(app_, log_level="warning", access_log=False)).run(sockets=[sock])


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"expected a date as YYYY-MM-DD, got {value!r}", param_hint="--since"
        ) from exc
