"""Text from the web is printed as text: never read as console markup, emoji codes or escapes.

Random printable and control text (markup like ``[/x]`` and ``[bold]``, emoji
codes like ``:x:``, ANSI escapes, ``$``, ``<script>``) goes through every
printing path: the run summary, the console alert channel, and the tables,
CSV and JSON of ``wirewatch sql`` and ``wirewatch trends``. Nothing may crash,
and the output must hold the text verbatim, with control characters (other
than newlines) shown as ``\\xNN`` instead of being sent to the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from wirewatch import warehouse
from wirewatch.alert import ConsoleChannel
from wirewatch.alert.records import AlertMessage
from wirewatch.app import cli, printing
from wirewatch.models import RunSummary

WIDE = 2_000  # wider than any generated text: a line of output holds a line of the text whole

HOSTILE_PIECES = [
    "[/x]",
    "[/nope]",
    "[bold]",
    "[/]",
    "[link=http://evil.example]click[/link]",
    ":x:",
    ":thumbs_up:",
    "\x1b[31m",
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "$",
    "$^$",
    "<script>alert(1)</script>",
    "\\",
    "\r",
    "\t",
    "\x00",
    "\x85",
    "\n",
]

# Database text cannot hold lone surrogates (DuckDB stores UTF-8); the plain printing paths can.
_pieces = st.sampled_from(HOSTILE_PIECES)
_db_chars = st.characters(blacklist_categories=("Cs",))
db_text = st.lists(st.one_of(_pieces, st.text(_db_chars, max_size=6)), max_size=8).map("".join)
any_text = st.lists(st.one_of(_pieces, st.text(st.characters(), max_size=6)), max_size=8).map(
    "".join
)


def shown(text: str) -> str:
    """What a terminal must show for ``text``: control characters (but newlines) as \\xNN."""
    return "".join(
        f"\\x{ord(c):02x}"
        if c != "\n" and unicodedata.category(c) == "Cc"
        else (f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cs" else c)
        for c in text
    )


def wide_console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=WIDE), buffer


def assert_shown(text: str, output: str, *, table: bool = False) -> None:
    for line in shown(text).split("\n"):
        # A piped table strips each line's trailing padding, so a value's trailing blanks go
        # with it (csv and json keep values exactly; checked below).
        assert (line.rstrip() if table else line) in output, (line, output)
    controls = {c for c in output if unicodedata.category(c) == "Cc" and c != "\n"}
    assert not controls, controls


def test_the_issue_examples_print_as_text(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(db):
        pass
    import subprocess

    for query, expected in (("SELECT 'a [/nope]' AS t", "a [/nope]"), ("SELECT ':x:' AS t", ":x:")):
        result = subprocess.run(
            [sys.executable, "-m", "wirewatch", "sql", query, "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout


@settings(max_examples=100, deadline=None)
@given(text=any_text)
def test_run_summary_prints_errors_as_text(text: str) -> None:
    summary = RunSummary(
        run_id="r1",
        started_at=datetime(2025, 1, 1, tzinfo=UTC),
        status="completed",
        sources=1,
        discovered=1,
        fetched=1,
        fetch_outcomes={"ok": 1},
        extracted=1,
        articles_new=1,
        stories_new=1,
        errors=[f"fetch {text}"],
    )
    console, buffer = wide_console()
    printing.print_summary(console, summary)
    assert_shown(f"fetch {text}", buffer.getvalue())


@settings(max_examples=100, deadline=None)
@given(title=any_text, body=any_text)
def test_console_alert_channel_prints_text(title: str, body: str) -> None:
    console, buffer = wide_console()
    channel = ConsoleChannel("console", console)
    channel.send("a1", AlertMessage(title=title, body=body, data={}), now=datetime.now(UTC))
    output = buffer.getvalue()
    assert_shown(title.replace("\n", " "), output)  # a panel title is one line
    assert_shown(body, output)


@pytest.fixture
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", str(WIDE))
    assert cli.out.size.width == WIDE  # tables print unwrapped in this test
    db = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(db):
        pass
    return db


def _store(db: Path, text: str) -> None:
    now = datetime(2026, 3, 4, tzinfo=UTC)
    with warehouse.connect(db) as con:
        con.execute("DELETE FROM sources")
        con.execute("DELETE FROM articles")
        con.execute("INSERT INTO sources VALUES ('s', 's', ?, 'en', NULL)", [text])
        con.execute(
            "INSERT INTO articles (article_id, source_id, url, canonical_url, title, first_seen_at,"
            " last_seen_at, version, content_sha256, story_id) VALUES ('a', ?, 'u', 'u', ?, ?, ?, 1, 'h', 's')",
            [text, text, now, now],
        )


# Each example opens the warehouse four times (0.1 to 0.3 s each here): fewer examples, with
# the hostile pieces drawn often.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=db_text)
@example(text=" ")  # a blank value: the piped table strips it with the line's padding
def test_sql_and_trends_print_text_in_every_format(
    text: str, filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _store(filled, text)
    query = "SELECT publisher FROM sources"
    code, out, err = run_cli(capsys, "sql", query, "--db", str(filled))
    assert code == 0, err
    assert_shown(text, out, table=True)
    code, out, err = run_cli(capsys, "sql", query, "--db", str(filled), "--format", "json")
    assert code == 0 and json.loads(out) == [{"publisher": text}], err
    code, out, err = run_cli(capsys, "sql", query, "--db", str(filled), "--format", "csv")
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["publisher"], [text]]
    code, out, err = run_cli(capsys, "trends", "daily_volume", "--db", str(filled))
    assert code == 0, err
    assert_shown(text, out, table=True)
