"""The search commands: ``search``, ``attention``, ``reindex`` and ``check``.

Each is a few lines over ``wirewatch.storysearch``, ``wirewatch.attention`` and
``wirewatch.indexing``; ``register`` adds them to the app in ``cli.py``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wirewatch.app.listing import Column, Listing, print_listing
from wirewatch.app.options import DbOption, FormatOption, QueriesConfigOption, WideOption
from wirewatch.console import plain
from wirewatch.errors import UsageError

if TYPE_CHECKING:
    from wirewatch.search import Snippet
    from wirewatch.storysearch import StoryRow

__all__ = ["register"]

FORMATS = ("table", "csv", "json")
DEFAULT_LIMIT = 20  # a screenful of stories; --limit asks for more
MATCH_STYLE = "bold reverse"  # matched words in a snippet, on a terminal

SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only copies published on or after YYYY-MM-DD (UTC).")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only copies published on or before YYYY-MM-DD (UTC).")
]


def _day(value: str | None, option: str, *, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD option as a UTC moment; ``end`` gives the next midnight (the day included)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError as exc:
        raise typer.BadParameter(
            f"expected a date as YYYY-MM-DD, got {value!r}", param_hint=option
        ) from exc
    return moment + timedelta(days=1) if end and len(value) <= 10 else moment


def _date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option as a date (days are included whole, in UTC)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"expected a date as YYYY-MM-DD, got {value!r}", param_hint=option
        ) from exc


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors) and errors():
        first = errors()[0]
        return f"--{first['loc'][0]}: {first['msg']}" if first.get("loc") else str(first["msg"])
    return str(exc).splitlines()[0]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")


def _snippet(snippet: Snippet, console: Console) -> Text:
    if not console.is_terminal:  # no styles reach a pipe: mark matches in the text itself
        return plain(snippet.to_text())
    text = Text()
    for piece, hit in snippet.parts():
        text.append_text(plain(piece))
        if hit:
            text.stylize(MATCH_STYLE, len(text) - len(piece), len(text))
    return text


def _search_table(
    console: Console, rows: list[StoryRow], copies: dict[str, list[dict[str, Any]]] | None
) -> None:
    table = Table(show_lines=True)
    for name in ("#", "story", "agency", "published", "copies", "sources"):
        table.add_column(name, overflow="fold")
    for rank, row in enumerate(rows, 1):
        story = Text.assemble((plain(row.title)), "\n", _snippet(row.snippet, console))
        if row.url:
            story.append_text(Text.assemble("\n", plain(row.url)))
        for copy in (copies or {}).get(row.story_id, []):
            when = copy["published"].date().isoformat() if copy["published"] else ""
            story.append_text(
                plain(f"\n  - {copy['source']} | {copy['agency'] or '-'} | {when} | {copy['url']}")
            )
        published = row.published.date().isoformat() if row.published else ""
        table.add_row(
            str(rank), story, plain(row.agency), published, str(row.copies), str(row.sources)
        )
    console.print(table)
    if not rows:
        console.print("No story matched.")


def _write(console: Console, fmt: str, names: list[str], rows: list[dict[str, Any]]) -> None:
    """Rows as csv (the columns ``names``) or json (every key of each row) through the listings."""
    if fmt == "json" and rows:
        names = list(dict.fromkeys(key for row in rows for key in row))
    print_listing(console, Listing([Column(name) for name in names], rows), fmt=fmt)


def register(app: typer.Typer, out: Console) -> None:
    """Add the search commands to ``app``, printing tables on ``out``."""

    @app.command()
    def search(
        query: Annotated[
            str,
            typer.Argument(
                help='Words, "phrases", AND/OR/NOT, prefix*, fields (title: agency: source: '
                "language: country:); English, Russian, Chinese."
            ),
        ],
        since: SinceOption = None,
        until: UntilOption = None,
        source: Annotated[
            list[str] | None, typer.Option("--source", help="Only this source (repeatable).")
        ] = None,
        agency: Annotated[
            list[str] | None, typer.Option("--agency", help="Only this agency (repeatable).")
        ] = None,
        country: Annotated[
            list[str] | None,
            typer.Option("--country", help="Only copies mentioning this ISO code (repeatable)."),
        ] = None,
        language: Annotated[
            list[str] | None, typer.Option("--language", help="Only this language (repeatable).")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", min=1, help="Stories to show.")] = DEFAULT_LIMIT,
        copies: Annotated[bool, typer.Option("--copies", help="List every copy of each story.")] = False,
        fmt: FormatOption = "table",
        db: DbOption = None,
        config: QueriesConfigOption = None,
    ) -> None:
        """Full-text search: one row per story (its best-matching copy), ranked by BM25.

        QUERY may be @name, a saved query of queries.yaml; options given here
        replace its saved filters.
        """
        from wirewatch.queries import resolve_query
        from wirewatch.settings import default_paths, load_saved_queries
        from wirewatch.storysearch import copies_of, search_stories

        _check_format(fmt)
        db_path, _, _ = default_paths(db)
        resolved = resolve_query(query, load_saved_queries(config))
        try:
            filters = resolved.filters.overridden(
                since=_date(since, "--since"), until=_date(until, "--until"), source=source, agency=agency, country=country,
                language=language,
            ).to_search()  # fmt: skip
        except ValueError as exc:  # pydantic's, naming the option's field
            raise UsageError(f"bad filter: {_first_error(exc)}") from exc
        rows = search_stories(db_path, resolved.query, filters, limit=limit)
        listed = copies_of(db_path, [r.story_id for r in rows]) if copies else None
        if fmt == "table":
            _search_table(out, rows, listed)
            return
        records = [r.to_json() for r in rows]
        if listed is not None and fmt == "json":
            for record in records:
                record["copy_list"] = listed.get(record["story_id"], [])
        if listed is not None and fmt == "csv":
            names = ["story_id", "rank", "article_id", "source", "agency", "published", "title", "url"]
            flat = [
                {**c, "rank": rank}
                for rank, r in enumerate(rows, 1)
                for c in listed.get(r.story_id, [])
            ]
            _write(out, fmt, names, flat)
            return
        names = ["story_id", "title", "url", "agency", "published", "copies", "sources", "score", "snippet"]
        _write(out, fmt, names, records)

    @app.command()
    def attention(
        queries: Annotated[list[str], typer.Argument(help="One or more search queries.")],
        by: Annotated[str, typer.Option("--by", help="day, week or month.")] = "week",
        since: SinceOption = None,
        until: UntilOption = None,
        share: Annotated[
            bool, typer.Option("--share", help="As a share of all stories in the period.")
        ] = False,
        fmt: FormatOption = "table",
        wide: WideOption = False,
        plot: Annotated[
            Path | None, typer.Option("--plot", help="Draw the series to FILE.png or FILE.html.")
        ] = None,
        db: DbOption = None,
        config: QueriesConfigOption = None,
    ) -> None:
        """Matching stories per period, several queries side by side (@name: a saved query)."""
        from wirewatch.app.trends import check_plot_path
        from wirewatch.attention import PERIODS, attention_series
        from wirewatch.settings import default_paths, load_saved_queries

        _check_format(fmt)
        if by not in PERIODS:
            raise typer.BadParameter(f"expected one of {', '.join(PERIODS)}", param_hint="--by")
        if plot is not None:
            check_plot_path(plot)  # before the search: a bad path fails at once
        db_path, _, _ = default_paths(db)
        result = attention_series(
            db_path,
            queries,
            by=by,
            since=_day(since, "--since"),
            until=_day(until, "--until", end=True),
            share=share,
            saved=load_saved_queries(config),
        )
        if plot is not None:
            from wirewatch.app.attention_plot import plot_attention

            replaced = plot_attention(result, plot, share=share)
            out.print(f"Plot written to {plot}{' (replaced the file there)' if replaced else ''}")
            return
        columns, rows = result.table()
        print_listing(out, Listing.of_query(columns, rows), fmt=fmt, wide=wide)

    @app.command()
    def reindex(db: DbOption = None) -> None:
        """Rebuild the search index and the summaries from the warehouse (takes the run lock)."""
        from wirewatch.indexing import rebuild_from_warehouse, rebuild_summaries
        from wirewatch.run.lock import run_lock
        from wirewatch.settings import default_paths, run_lock_for

        db_path, _, _ = default_paths(db)
        with run_lock(run_lock_for(db_path)):
            count = rebuild_from_warehouse(db_path)
            rebuild_summaries(db_path)
        out.print(f"Indexed {count} articles.")

    @app.command()
    def check(db: DbOption = None) -> None:
        """Compare the search index and the summaries with the warehouse; exit 1 on drift."""
        from wirewatch.indexing import index_drift
        from wirewatch.settings import default_paths
        from wirewatch.store import summary_drift

        db_path, _, _ = default_paths(db)
        drift = index_drift(db_path)
        out.print(
            f"search index drift: {drift.total} articles "
            f"({len(drift.missing)} missing, {len(drift.stale)} stale, {len(drift.extra)} extra)"
        )
        summaries = summary_drift(db_path)
        out.print(f"summary drift: {sum(summaries.values())} rows")
        if drift.total or any(summaries.values()):
            out.print("Run `wirewatch run` (it catches up) or `wirewatch reindex`.")
            raise typer.Exit(1)
