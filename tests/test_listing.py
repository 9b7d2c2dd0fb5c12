"""Listings fit the terminal: one line per row, text cut with an ellipsis, blocks when too narrow.

Piped output is never wrapped or cut (tab-separated lines); CSV and JSON carry
every column. ``wirewatch alerts`` shows one line per meeting with its
channels summarised, checked end to end in a pseudo-terminal 80 columns wide.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rich.console import Console

from wirewatch import warehouse
from wirewatch.app.listing import Column, Listing, choose_layout, print_listing
from wirewatch.app.printing import delivery_state

LONG = "Chinese, Belarusian presidents hold talks in Beijing, vow to lift ties to a new level"
COLUMNS = [
    Column("pair", truncate=False),
    Column("kind", truncate=False),
    Column("event_date", header="date", truncate=False),
    Column("location", header="place", min_width=6),
    Column("status", truncate=False),
    Column("title"),
    Column("url", priority=2, truncate=False),
    Column("channel", wide_only=True),
]
ROWS = [
    {
        "pair": "BY-CN",
        "kind": "in_person",
        "event_date": date(2026, 11, 17),
        "location": "Beijing",
        "status": "sent 2/2",
        "title": LONG,
        "url": "http://127.0.0.1:8000/20261117/09d814e0dfcc813a/c.html",
        "channel": "console",
    },
    {
        "pair": "KR-VN",
        "kind": "call",
        "event_date": date(2026, 11, 21),
        "location": None,
        "status": "sent 1/2, 1 failed",
        "title": "S. Korea, Vietnam leaders\nhold video talks [/x] :x:",
        "url": "http://127.0.0.1:8000/view/AEN20261121192167",
        "channel": "jsonl",
    },
]


def render(width: int | None, *, fmt: str = "table", wide: bool = False) -> str:
    buffer = io.StringIO()
    if width is None:  # piped: not a terminal, and a narrow default that must not matter
        console = Console(file=buffer, width=40, force_terminal=False)
    else:
        console = Console(file=buffer, width=width, force_terminal=True, color_system=None)
    print_listing(console, Listing(COLUMNS, ROWS, title="Alerts"), fmt=fmt, wide=wide)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_table_row_is_one_line_within_the_width(width: int) -> None:
    lines = render(width).splitlines()
    assert all(len(line) <= width for line in lines), lines
    assert lines[0].strip() == "Alerts"
    if width == 60:  # the person's six columns need 68 characters at their narrowest: blocks
        assert (
            lines[1].startswith("pair:   BY-CN")
            and len([x for x in lines if x.startswith("pair:")]) == 2
        )
        return
    assert lines[1].split()[:6] == ["pair", "kind", "date", "place", "status", "title"]
    assert set(lines[2]) == {"─"}
    rows = lines[3:]
    assert len(rows) == len(ROWS)  # nothing wrapped onto a second line
    assert rows[0].startswith("BY-CN  in_person  2026-11-17") and "…" in rows[0]
    assert rows[1].startswith("KR-VN  call")
    assert "sent 1/2, 1 failed" in rows[1]  # and its title's line break did not start a new line
    assert "channel" not in lines[1]  # wide only


def test_optional_columns_go_first_and_come_back_when_there_is_room() -> None:
    listing = Listing(COLUMNS, ROWS)
    narrow = choose_layout(listing, 80, wide=False)
    roomy = choose_layout(listing, 200, wide=False)
    assert narrow is not None and roomy is not None
    assert [c.name for c, _ in narrow] == [
        "pair",
        "kind",
        "event_date",
        "location",
        "status",
        "title",
    ]
    assert [c.name for c, _ in roomy][-1] == "url"
    assert dict((c.name, w) for c, w in roomy)["title"] == len(LONG)  # whole when it fits


def test_too_narrow_for_the_columns_falls_back_to_blocks() -> None:
    output = render(40)
    assert choose_layout(Listing(COLUMNS, ROWS), 40, wide=False) is None
    lines = output.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "pair:   BY-CN" in output and "status: sent 1/2, 1 failed" in output
    assert "url:" in output and "channel:" not in output  # blocks: all but the wide-only columns
    # Values are whole in a block: the title wraps beside its name, nothing is cut.
    assert "…" not in output
    assert (
        " ".join(line[8:].strip() for line in lines if line.startswith(("title:", "  "))).count(
            "vow to lift"
        )
        == 1
    )


def test_wide_shows_every_column_as_a_table_or_as_blocks() -> None:
    table = render(240, wide=True).splitlines()
    assert table[1].split() == [
        "pair",
        "kind",
        "date",
        "place",
        "status",
        "title",
        "url",
        "channel",
    ]
    assert len(table) == 3 + len(ROWS)
    blocks = render(80, wide=True)
    for label in ("pair:", "kind:", "date:", "place:", "status:", "title:", "url:", "channel:"):
        assert blocks.count(label) == len(ROWS), label
    assert "http://127.0.0.1:8000/view/AEN20261121192167" in blocks


def test_piped_table_is_whole_and_unwrapped() -> None:
    lines = render(None).splitlines()  # the console says 40 columns: a pipe has no width
    assert lines[0] == "Alerts"
    assert lines[1].split() == ["pair", "kind", "date", "place", "status", "title", "url"]
    assert len(lines) == 3 + len(ROWS)
    assert lines[3].startswith("BY-CN  in_person  2026-11-17  Beijing  sent 2/2")
    assert LONG in lines[3] and lines[3].endswith(str(ROWS[0]["url"]))
    assert "leaders\\nhold video talks [/x] :x:" in lines[4]
    assert all(line == line.rstrip() and "\t" not in line for line in lines)
    assert "…" not in "".join(lines) and "channel" not in lines[1]
    assert "channel" in render(None, wide=True).splitlines()[1]


def test_csv_and_json_carry_every_column_exactly() -> None:
    rows = list(csv.reader(io.StringIO(render(80, fmt="csv"), newline="")))
    assert rows[0] == [c.name for c in COLUMNS]
    assert rows[2][5] == ROWS[1]["title"] and rows[2][3] == ""
    objects = json.loads(render(80, fmt="json"))
    assert objects[0]["title"] == LONG and objects[1]["channel"] == "jsonl"
    assert objects[0]["event_date"] == "2026-11-17" and objects[1]["location"] is None


def test_query_listing_cuts_text_but_keeps_numbers_and_dates_whole() -> None:
    listing = Listing.of_query(["n", "day", "t", "t"], [(12345, date(2026, 1, 2), "x" * 90, "y")])
    assert [c.truncate for c in listing.columns] == [False, False, True, True]
    assert [c.name for c in listing.columns] == ["n", "day", "t", "t_4"]  # both t kept
    layout = choose_layout(listing, 60, wide=False)
    assert layout is not None and dict((c.name, w) for c, w in layout)["n"] == 5


def test_delivery_over_channels_is_one_phrase() -> None:
    assert delivery_state(2, 0, 0, 2) == "sent 2/2"
    assert delivery_state(1, 1, 0, 2) == "sent 1/2, 1 failed"
    assert delivery_state(0, 0, 3, 3) == "sent 0/3, 3 pending"


def _warehouse_with_alerts(db: Path) -> None:
    now = datetime(2026, 11, 22, 9, tzinfo=UTC)
    with warehouse.open_warehouse(db) as con:
        for i, (a, b, kind, day, place, title) in enumerate(
            [
                ("BY", "CN", "in_person", 17, "Beijing", LONG),
                ("KR", "VN", "call", 21, None, "S. Korea, Vietnam leaders hold video talks, aim for US$150 bln in trade"),
                ("JP", "KR", "in_person", 19, "Kuala Lumpur", "Japan, South Korea foreign ministers agree on shuttle diplomacy"),
            ]
        ):  # fmt: skip
            con.execute(
                "INSERT INTO articles (article_id, source_id, url, canonical_url, title, first_seen_at,"
                " last_seen_at, version, content_sha256, story_id) VALUES (?, 's', ?, ?, ?, ?, ?, 1, ?, ?)",
                [f"a{i}", f"http://x/{i}", f"http://x/{i}", title, now, now, f"h{i}", f"s{i}"],
            )
            con.execute(
                "INSERT INTO meetings (meeting_id, story_id, country_a, country_b, kind, event_date,"
                " location, confidence, first_seen_at, best_article_id) VALUES (?, ?, ?, ?, ?, ?, ?, 0.9, ?, ?)",
                [f"m{i}", f"s{i}", a, b, kind, date(2026, 11, day), place, now, f"a{i}"],
            )
            for channel, status in (("console", "sent"), ("jsonl", "failed" if i == 1 else "sent")):
                con.execute(
                    "INSERT INTO alerts (alert_id, meeting_id, channel, status, attempts, created_at,"
                    " sent_at, last_error) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                    [f"{channel}{i}", f"m{i}", channel, status, now,
                     now if status == "sent" else None, "HTTP 500" if status == "failed" else None],
                )  # fmt: skip


def _in_terminal(args: list[str], columns: int) -> str:
    """Run wirewatch with its output on a pseudo-terminal ``columns`` wide; what it showed."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(COLUMNS=str(columns), LINES="50", TERM="dumb")
    process = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", *args], stdout=child, stderr=child, env=env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=120) == 0, b"".join(chunks)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_alerts_in_80_columns_are_one_line_per_meeting(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _warehouse_with_alerts(db)
    lines = _in_terminal(["alerts", "--db", str(db)], 80).splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].split() == ["pair", "kind", "date", "place", "status", "title"]
    meetings = lines[2:]
    assert len(meetings) == 3, lines
    assert (
        meetings[0].startswith("BY-CN  in_person  2026-11-17  Beijing")
        and "sent 2/2" in meetings[0]
    )
    assert "Kuala Lumpur" in meetings[1] and meetings[1].rstrip().endswith("…")
    assert meetings[2].startswith("KR-VN") and "sent 1/2, 1 failed" in meetings[2]
    failed = _in_terminal(["alerts", "--db", str(db), "--status", "failed"], 80).splitlines()
    assert len(failed) == 3 and failed[2].startswith("KR-VN")


def test_alerts_per_channel_in_wide_csv_and_json(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _warehouse_with_alerts(db)
    wide = _in_terminal(["alerts", "--db", str(db), "--wide"], 80)
    assert wide.count("channel:") == 6 and "last_error: HTTP 500" in wide
    config = Path(__file__).resolve().parents[1] / "config"  # its channels: file, console
    run = [sys.executable, "-m", "wirewatch", "alerts", "--db", str(db), "--config", str(config)]
    as_csv = subprocess.run([*run, "--format", "csv"], capture_output=True, text=True, timeout=120)
    rows = list(csv.reader(io.StringIO(as_csv.stdout, newline="")))
    assert rows[0] == [
        "created_at", "status", "channel", "attempts", "pair", "kind", "event_date", "location",
        "title", "url", "sent_at", "last_error", "skip_reason", "configured",
    ]  # fmt: skip
    assert len(rows) == 1 + 6
    as_json = subprocess.run(
        [*run, "--format", "json"], capture_output=True, text=True, timeout=120
    )
    assert len(json.loads(as_json.stdout)) == 6
    piped = subprocess.run(run, capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert piped[0].split()[:5] == ["pair", "kind", "date", "place", "status"]
    assert len(piped) == 2 + 3 and LONG in piped[2]  # piped: whole, one line per meeting
