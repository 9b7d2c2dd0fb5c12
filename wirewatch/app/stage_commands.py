"""The stage commands: ``extract``, ``dedupe`` and ``detect``, one stage each over JSON lines.

Each reads files or JSON lines, runs one stage package as a run would (with
the source's patterns, the warehouse's stories or the configured gazetteer),
and writes one JSON object per line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from wirewatch.app.options import ConfigOption, DbOption
from wirewatch.errors import UsageError, WirewatchError
from wirewatch.files import open_regular_file

__all__ = ["register"]


def register(app: typer.Typer, err: Console) -> None:
    """Add the stage commands to ``app``; errors of single files go to ``err``."""

    @app.command()
    def extract(
        files: Annotated[
            list[Path], typer.Argument(help="HTML (any encoding) or plain-text files.")
        ],
        url: Annotated[
            str | None, typer.Option("--url", help="The URL the page came from.")
        ] = None,
        db: DbOption = None,
        config: ConfigOption = None,
    ) -> None:
        """One JSON object per line for each file: the cleaned article and its metadata.

        With --url, the matching source's boilerplate patterns (CONFIG/sources.yaml)
        and the templates learned for its site (the warehouse, if there is one) are
        applied, as in a run.
        """
        from wirewatch.app.stages import extraction_context
        from wirewatch.extract import extract_document
        from wirewatch.settings import default_paths

        db_path, config_dir, _ = default_paths(db, config)
        source, boilerplate = extraction_context(db_path, config_dir / "sources.yaml", url)
        failed = 0
        for file in files:
            # A directory, FIFO or symlink loop is named as such, and a FIFO never blocks.
            with open_regular_file(file, error=UsageError) as handle:
                data = handle.read()
            try:
                article = extract_document(data, url, source=source, boilerplate=boilerplate)
            except WirewatchError as exc:
                failed += 1
                err.print(
                    f"wirewatch: {file}: {getattr(exc, 'outcome', 'error')}: {exc}", highlight=False
                )
                continue
            _emit(article.to_json())
        if failed:
            raise typer.Exit(1)

    def _emit(obj: dict[str, Any]) -> None:
        line = json.dumps(obj, ensure_ascii=False, default=str)  # U+0085/2028/2029 would split it:
        sys.stdout.write(
            line.translate({0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}) + "\n"
        )

    @app.command()
    def dedupe(
        source: Annotated[
            str, typer.Argument(help="JSON lines file, or - for standard input.")
        ] = "-",
        db: Annotated[
            Path | None,
            typer.Option(
                "--db", help="Also match against the stories in this warehouse (read-only)."
            ),
        ] = None,
        config: ConfigOption = None,
    ) -> None:
        """Reads JSON lines (id, url, title, text, published_at, source); writes id, story_id, event_id, duplicate_of, canonical_url."""
        from wirewatch.app.jsonlines import json_lines, parse_time
        from wirewatch.app.stages import event_index_for, story_index_for
        from wirewatch.dedupe import DedupeItem, canonical_url
        from wirewatch.settings import default_paths

        items: list[DedupeItem] = []
        first_line: dict[str, int] = {}
        for o in json_lines(source, ("id", "url", "text"), ("title", "published_at", "source")):
            where, item_id = o["_where"], str(o["id"])
            # One id, one row out: a repeated id is refused rather than given the first one's story.
            if item_id in first_line:
                raise UsageError(
                    f"{where}: id {item_id!r} already appeared on line {first_line[item_id]}; "
                    "ids must be unique"
                )
            first_line[item_id] = o["_line"]
            if o["url"].strip():
                try:
                    canonical_url(o["url"])
                except UsageError as exc:
                    raise UsageError(f"{where}: field 'url': {exc}") from exc
            items.append(
                DedupeItem(
                    id=item_id,
                    url=o["url"],
                    title=o.get("title"),
                    text=o["text"],
                    published_at=parse_time(o.get("published_at"), where),
                    source=o.get("source") or "",
                )
            )
        _, config_dir, _ = default_paths(None, config)
        index = story_index_for(db.resolve() if db else None, config_dir / "defaults.yaml")
        decisions = index.assign(items)
        story_ids = [d.story_id for d in decisions]
        events = event_index_for(db.resolve() if db else None, items, story_ids)
        event_ids = events.assign(items, story_ids)
        for d, event_id in zip(decisions, event_ids, strict=True):
            _emit(
                {
                    "id": d.id,
                    "story_id": d.story_id,
                    "event_id": event_id,
                    "duplicate_of": d.duplicate_of,
                    "canonical_url": d.canonical_url,
                }
            )

    @app.command()
    def detect(
        source: Annotated[
            str, typer.Argument(help="JSON lines file, or - for standard input.")
        ] = "-",
        config: ConfigOption = None,
    ) -> None:
        """Reads JSON lines (id, title, text, published_at; optional dateline); writes id and the bilateral meetings found.

        A CONFIG/gazetteer/ folder, if present, replaces the shipped gazetteer.
        """
        from wirewatch.app.jsonlines import json_lines, parse_time
        from wirewatch.app.stages import gazetteer_for
        from wirewatch.detect import detect_meetings
        from wirewatch.settings import default_paths

        _, config_dir, _ = default_paths(None, config)
        gazetteer = gazetteer_for(config_dir)
        for o in json_lines(source, ("id", "text"), ("title", "published_at", "dateline")):
            meetings = detect_meetings(
                o.get("title"),
                o["text"],
                parse_time(o.get("published_at"), o["_where"]),
                dateline=o.get("dateline"),
                gazetteer=gazetteer,
            )
            _emit({"id": o["id"], "meetings": [m.to_json() for m in meetings]})
