"""The ``wirewatch`` command line. Each command is a few lines over the package.

Exit status: 0 on success, 1 on a failure the message explains, 2 on bad usage.
Errors are one sentence on stderr; ``--debug`` shows the traceback.
Prefect is imported only by the commands that run flows, after its settings
are in place (``wirewatch.app.runtime``).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text
from typer.exceptions import TyperException

from wirewatch.app.desk import register as _register_desk
from wirewatch.app.exports import export as export_command
from wirewatch.app.options import (
    ConfigOption,
    DbOption,
    FormatOption,
    WideOption,
    configured_names,
)
from wirewatch.app.stage_commands import register as _register_stages
from wirewatch.console import plain_console, visible
from wirewatch.errors import UsageError, WirewatchError

if TYPE_CHECKING:
    from wirewatch.app.listing import Listing
    from wirewatch.models import RunSummary
    from wirewatch.queries import QueriesConfig
    from wirewatch.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="wirewatch",
    help="Media monitoring for news agencies: fetch, clean, dedupe, load into DuckDB, alert on bilateral meetings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help is text as written: "[env WIREWATCH_DB; ...]" is not markup
)
# Both print data (titles, URLs, errors, query results): no markup, emoji codes or highlighting.
out = plain_console(soft_wrap=True)
err = plain_console(stderr=True, soft_wrap=True)
_state = {"debug": False}
SQL_TIMEOUT_SECONDS = 60.0  # an ad-hoc query longer than a minute is almost always a mistake

SourcesOption = Annotated[
    Path | None, typer.Option("--sources", help="Sources file (default: CONFIG/sources.yaml).")
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Runtime data directory: archives, alert files, Prefect home [env WIREWATCH_DATA; default data/].",
    ),
]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _state["debug"] = debug


# -- pipeline commands ------------------------------------------------------------


def _prepare_flow(settings: Settings) -> None:
    from wirewatch.app.runtime import configure_prefect
    from wirewatch.run.lock import run_lock
    from wirewatch.store import connect

    with run_lock(settings.run_lock):  # fail at once, not after Prefect's start-up
        pass
    if settings.db.exists():
        # Another process holding the warehouse: say so now and wait here, not after start-up.
        with connect(settings.db):
            pass
    configure_prefect(settings.data_dir, quiet_runs=not _state["debug"])
    if "PREFECT_API_URL" not in os.environ:  # the server Prefect would start, but dying with us
        from wirewatch.app.prefect_server import start_run_server
        from wirewatch.lifetime import registry_beside

        home = Path(os.environ["PREFECT_HOME"]).expanduser()
        os.environ["PREFECT_API_URL"] = start_run_server(home, registry_beside(settings.run_lock))
    if not _state["debug"]:
        # Prefect's event sender logs "Still processing items" when a run ends early.
        logging.getLogger("EventsWorker").setLevel(logging.ERROR)


def _run_flow(settings: Settings) -> RunSummary:
    _prepare_flow(settings)
    from flows.ingest import run_ingest  # imports prefect, after its settings are set
    from wirewatch.run.params import RunParams

    return run_ingest(RunParams.of(settings))


@app.command()
def run(
    sources: SourcesOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    data: DataOption = None,
) -> None:
    """One ingest run (the Prefect flow) over the configured sources; prints the run summary."""
    from wirewatch.app import printing
    from wirewatch.settings import Settings
    settings = Settings.load(
        db=db, config_dir=config, data_dir=data, sources_file=sources, check_channels=True
    )
    with printing.progress_bars(err):
        summary = _run_flow(settings)
    printing.print_summary(out, summary)
    if summary.status != "completed":
        raise typer.Exit(1)
    if not printing.any_source_answered(summary):
        raise WirewatchError(
            f"no source answered: all {summary.sources} sources failed to fetch (see the errors above)"
        )


@app.command()
def demo(
    db: DbOption = None,
    config: ConfigOption = None,
    data: DataOption = None,
    history: Annotated[
        bool | None,
        typer.Option(
            "--history/--week-only",
            help="Serve fourteen weeks of archive before the demo week, or the week alone "
            "[env WIREWATCH_DEMO_HISTORY=on|off; default: the archive].",
        ),
    ] = None,
) -> None:
    """The main job on the bundled demo newswire: serve it on 127.0.0.1, run the flow twice, report."""
    from wirewatch.app import printing
    from wirewatch.demo import DemoNewswire, history_default
    from wirewatch.settings import Settings, check_alerting, default_paths

    _, config_dir, data_dir = default_paths(None, config, data)
    demo_dir = data_dir / "demo"
    check_alerting(config_dir, demo_dir)  # before the demo wipes or starts anything
    demo_db = (db or demo_dir / "wirewatch.duckdb").resolve()
    if db is not None and demo_db.exists():
        raise UsageError(
            f"{demo_db} exists: the demo starts from an empty warehouse; give a new --db path"
        )
    printing.reset_demo(demo_dir, demo_db)
    with DemoNewswire(history=history_default(True) if history is None else history) as wire:
        sources_file = printing.write_sources(wire.sources, demo_dir / "sources.yaml")
        settings = Settings.load(
            db=demo_db, config_dir=config_dir, data_dir=demo_dir, sources_file=sources_file,
            alerts_as_of=wire.clock,  # a replay of its week: alert ages count from then
        )
        out.print(
            Text.assemble(
                ("Demo newswire", "bold"), f" on {', '.join(sorted(wire.base_urls.values()))}"
            )
        )
        out.rule("Run 1: first edition")
        with printing.progress_bars(err):
            first = _run_flow(settings)
        printing.print_summary(out, first)
        wire.set_edition(2)
        out.rule("Run 2: second edition (one article updated in place)")
        with printing.progress_bars(err):
            second = _run_flow(settings)
        printing.print_summary(out, second)
    printing.print_top_stories(out, settings.db)
    printing.print_meetings(out, settings.db)
    printing.print_alerts(out, settings.db)
    out.print(
        f"\nWarehouse: {settings.db}\nTry: wirewatch sql --db {settings.db} "
        '"SELECT * FROM story_coverage ORDER BY sources DESC"'
    )
    from wirewatch.app.desk import report_line, ui_line
    from wirewatch.desk import build_report

    report = build_report(settings.db, data_dir / "report.html", saved=settings.queries)
    out.print(report_line(report.path, report.bytes, report.seconds))
    out.print(ui_line(settings.db))


@app.command()
def serve(
    cron: Annotated[
        str | None,
        typer.Option(
            "--cron", help="Ingest schedule (default from config/defaults.yaml: every 15 minutes)."
        ),
    ] = None,
    maintenance_cron: Annotated[
        str | None, typer.Option("--maintenance-cron", help="Maintenance schedule.")
    ] = None,
    with_demo: Annotated[
        bool,
        typer.Option(
            "--demo", help="Serve the demo newswire and monitor it instead of config sources."
        ),
    ] = False,
    sources: SourcesOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    data: DataOption = None,
) -> None:
    """Long-running: serve the ingest and maintenance deployments on their schedules."""
    from wirewatch.app import scheduler

    scheduler.serve(
        console=out,
        cron=cron,
        maintenance_cron=maintenance_cron,
        with_demo=with_demo,
        sources_file=sources,
        db=db,
        config_dir=config,
        data_dir=data,
    )


@app.command()
def reprocess(
    run_id: Annotated[
        str | None,
        typer.Option("--run", help="Only the archive of this run id (default: every archive)."),
    ] = None,
    sources: SourcesOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    data: DataOption = None,
) -> None:
    """Re-extract archived raw responses (WARC) without refetching; load what changed."""
    from wirewatch.app import printing
    from wirewatch.run.steps import require_archives
    from wirewatch.settings import Settings

    settings = Settings.load(
        db=db, config_dir=config, data_dir=data, sources_file=sources, check_channels=True
    )
    require_archives(settings, run_id)
    _prepare_flow(settings)
    from flows.reprocess import run_reprocess  # imports prefect, after its settings are set
    from wirewatch.run.params import RunParams

    with printing.progress_bars(err):
        summary = run_reprocess(RunParams.of(settings), run_id)
    printing.print_summary(out, summary)
    if summary.status != "completed":
        raise typer.Exit(1)


# -- warehouse commands ----------------------------------------------------------


@app.command()
def sql(
    query: Annotated[
        str,
        typer.Argument(
            help="One read statement (SELECT, WITH, EXPLAIN, DESCRIBE, SHOW or SUMMARIZE)."
        ),
    ],
    fmt: FormatOption = "table",
    wide: WideOption = False,
    allow_files: Annotated[
        bool,
        typer.Option(
            "--allow-files",
            help="Let the query read local files (read_csv, read_parquet); it still cannot write.",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0.001, help="Stop the query after SECONDS.", metavar="SECONDS"
        ),
    ] = SQL_TIMEOUT_SECONDS,
    db: DbOption = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration directory: accepted for a uniform command line; "
            "sql reads no configuration (the query says everything).",
        ),
    ] = None,
) -> None:
    """Ad-hoc SQL on a sealed read-only connection: no writes, attaches, exports or installs."""
    from wirewatch.settings import default_paths
    from wirewatch.warehouse import read_only_query

    db_path, _, _ = default_paths(db)
    columns, rows = read_only_query(db_path, query, allow_files=allow_files, timeout=timeout)
    _print_rows(columns, rows, fmt, wide)


STATUSES = ("pending", "sent", "failed", "skipped")


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, wide: bool) -> None:
    from wirewatch.app.listing import Listing

    _show(Listing.of_query(columns, rows), fmt, wide)


def _check_format(fmt: str) -> None:
    from wirewatch.app.listing import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")


def _show(listing: Listing, fmt: str, wide: bool) -> None:
    from wirewatch.app.listing import print_listing

    _check_format(fmt)
    try:
        print_listing(out, listing, fmt=fmt, wide=wide)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has all it wants: stop quietly and successfully. (Python itself
        # drops the rest of one large write to a closed pipe without an error, so a status of
        # 141 could not be given reliably.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing to flush at exit
        raise typer.Exit(0) from None


@app.command()
def trends(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A named query in warehouse/queries/, or @name: a saved query's matching "
            "stories per week (omit to list both)."
        ),
    ] = None,
    fmt: FormatOption = "table",
    wide: WideOption = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Draw the result to FILE.html or FILE.png.")
    ] = None,
    db: DbOption = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration directory, for saved queries (queries.yaml), listed and run as "
            "@name; the named trend queries read none [env WIREWATCH_CONFIG; default config/].",
        ),
    ] = None,
) -> None:
    """The common trend questions as named queries, and saved queries per week; --plot draws them."""
    from wirewatch.app import trends as trend_queries
    from wirewatch.queries import SAVED_PREFIX
    from wirewatch.settings import default_paths, load_saved_queries

    if name is None:
        _list_trends(config, fmt, wide)
        return
    db_path, _, _ = default_paths(db)
    if plot is not None:
        trend_queries.check_plot_path(plot)  # before the query: a bad path fails at once
    if name.strip().startswith(SAVED_PREFIX):
        _saved_trend(db_path, name, load_saved_queries(config), plot, fmt, wide)
        return
    columns, rows = trend_queries.run(db_path, name)
    if plot is not None:
        title = trend_queries.describe(name).rstrip(".")
        replaced = trend_queries.plot(columns, rows, plot, title=title)
        out.print(f"Plot written to {plot}{' (replaced the file there)' if replaced else ''}")
        return
    _print_rows(columns, rows, fmt, wide)


# A saved query as a trend is the attention question at the trend queries' usual grain.
SAVED_TREND_PERIOD = "week"


def _list_trends(config: Path | None, fmt: str, wide: bool) -> None:
    """The trend queries, then the saved queries as @name; a broken queries.yaml fails after."""
    from wirewatch.app import trends as trend_queries
    from wirewatch.errors import ConfigError
    from wirewatch.settings import load_saved_queries

    rows = trend_queries.available()
    problem: ConfigError | None = None
    try:
        saved = load_saved_queries(config)
    except ConfigError as exc:
        problem = exc
    else:
        rows += [
            (f"@{q.name}", f"matching stories per {SAVED_TREND_PERIOD}: {q.description or q.query}")
            for q in saved.queries
        ]
    _print_rows(["name", "description"], rows, fmt, wide)
    if problem is not None:
        raise ConfigError(f"trends listed without the saved queries: {problem}")


def _saved_trend(
    db_path: Path, name: str, saved: QueriesConfig, plot: Path | None, fmt: str, wide: bool
) -> None:
    """``trends @name``: the saved query's matching stories per week (as ``attention``)."""
    from wirewatch.attention import attention_series
    from wirewatch.queries import resolve_query

    resolve_query(name, saved)  # an unknown name fails before the index is opened
    result = attention_series(db_path, [name], by=SAVED_TREND_PERIOD, saved=saved)
    if plot is not None:
        from wirewatch.app.attention_plot import plot_attention

        replaced = plot_attention(result, plot, share=False)
        out.print(f"Plot written to {plot}{' (replaced the file there)' if replaced else ''}")
        return
    columns, rows = result.table()
    _print_rows(columns, rows, fmt, wide)


@app.command()
def alerts(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only alerts created on or after this date (YYYY-MM-DD)."),
    ] = None,
    status: Annotated[str | None, typer.Option("--status", help="pending, sent, failed or skipped.")] = None,
    fmt: FormatOption = "table",
    wide: WideOption = False,
    db: DbOption = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration directory, for the configured channels (alerts.yaml): per-channel "
            "rows say whether their channel is still configured; an unreadable alerts.yaml is "
            "said on stderr after the listing, exit 1 [env WIREWATCH_CONFIG; default config/, "
            "read only where it is there].",
        ),
    ] = None,
) -> None:
    """Lists alerts and their delivery state: one line per meeting; --wide, csv and json per channel."""
    from wirewatch.app.printing import alert_listing
    from wirewatch.config import load_alerts
    from wirewatch.errors import ConfigError
    from wirewatch.settings import default_paths

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"expected one of {', '.join(STATUSES)}", param_hint="--status")
    since_day = _parse_day(since, "--since") if since else date(1970, 1, 1)
    _check_format(fmt)
    db_path, config_dir, _ = default_paths(db, config)
    # The outbox is the record: a broken alerts.yaml must not hide it, so list, then say so.
    channels, problem = configured_names(
        config, config_dir / "alerts.yaml", lambda f: (c.name for c in load_alerts(f).channels)
    )
    per_channel = wide or fmt != "table"
    listing = alert_listing(
        db_path, since=since_day, status=status, per_channel=per_channel, channels=channels
    )
    _show(listing, fmt, wide)
    if problem is not None:
        raise ConfigError(f"alerts listed without the configured channels: {problem}")


app.command()(export_command)  # wirewatch/app/exports.py


def _parse_day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"expected a date as YYYY-MM-DD, got {value!r}", param_hint=option
        ) from exc


# -- the desk: report and web page (wirewatch/app/desk.py) ----------------------------

_register_desk(app, out)


# -- stage commands (wirewatch/app/stage_commands.py) ------------------------------

_register_stages(app, err)


from wirewatch.app.searching import register as _register_search  # noqa: E402

_register_search(app, out)

from wirewatch.app.status import register as _register_status  # noqa: E402

_register_status(app, out)


# -- entry point ----------------------------------------------------------------------


def main() -> None:
    """Console-script entry point: run the app and map errors to exit codes."""
    _say_lock_waits()
    try:
        # Without standalone mode click returns the status of typer.Exit instead of exiting.
        status = app(standalone_mode=False)
        if status == 130:  # typer turns Ctrl-C (KeyboardInterrupt) into a silent exit 130
            err.print("wirewatch: interrupted")
        if isinstance(status, int) and status:
            sys.exit(status)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("wirewatch: aborted")
        sys.exit(130)
    except TyperException as exc:  # usage errors: typer prints them with the usage line
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err.print(f"wirewatch: {exc.format_message()}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("wirewatch: interrupted")
        sys.exit(130)
    except UsageError as exc:  # bad input to a command: usage, exit 2
        _fail(exc, str(exc), status=2)
    except WirewatchError as exc:
        _fail(exc, str(exc))
    except Exception as exc:  # an unexpected failure: still one line unless --debug
        _fail(exc, f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)")


class _StderrLines(logging.Handler):
    """Each record as one ``wirewatch: ...`` line on stderr, as plain text.

    One write, not a rich print: a Ctrl-C right after it cannot leave the line in
    rich's buffer to be printed again with the next message.
    """

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"wirewatch: {visible(record.getMessage())}\n")
        sys.stderr.flush()


_LOCK_WAITS = _StderrLines(logging.WARNING)


def _say_lock_waits() -> None:
    """Show at once, on stderr, that a command is waiting for a warehouse another process holds."""
    logger = logging.getLogger("wirewatch.warehouse")
    if _LOCK_WAITS not in logger.handlers:
        logger.addHandler(_LOCK_WAITS)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def _fail(exc: BaseException, message: str, *, status: int = 1) -> None:
    if _state["debug"]:
        traceback.print_exception(exc)
    err.print(f"wirewatch: {message}", highlight=False, markup=False)
    sys.exit(status)
