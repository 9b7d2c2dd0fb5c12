"""The desk without a browser: escaping, diffs, lags, filters, a held warehouse, the commands.

A small warehouse is written by hand per test (migrated, then a few rows), so
each number the desk shows can be checked against what was put in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from wirewatch.desk import build_report, create_app
from wirewatch.desk.charts import chart_json
from wirewatch.desk.diff import diff_words
from wirewatch.store import open_warehouse

HOSTILE = "</script><script>alert(1)</script><!-- Leaders & <b>friends</b>"
AGENCY_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _warehouse(db: Path) -> None:
    """Two sites: the agency's own copy at 09:00, a republisher's at 11:30, one alerted meeting."""
    with open_warehouse(db) as con:
        con.execute(
            "INSERT INTO sources VALUES ('wire', 'wire', 'Wire Agency', 'en', 'Wire'), "
            "('daily', 'daily', 'The Daily', 'en', NULL)"
        )
        copies = [
            ("a1", "wire", "http://wire.test/1", HOSTILE, "Leaders met in the capital on Monday.",
             AGENCY_AT),
            ("a2", "daily", "http://daily.test/1", "Leaders meet",
             "Leaders met in the capital on Monday and signed deals.",
             datetime(2026, 11, 2, 11, 30, tzinfo=UTC)),
        ]
        for article_id, source, url, title, text, published in copies:
            con.execute(
                "INSERT INTO articles (article_id, source_id, url, canonical_url, title, text, agency, "
                "published_at, first_seen_at, last_seen_at, version, content_sha256, story_id) "
                "VALUES (?, ?, ?, ?, ?, ?, 'Wire', ?, ?, ?, 1, ?, 's1')",
                [article_id, source, url, url, title, text, published, published, published, article_id],
            )
            con.execute(
                "INSERT INTO article_versions VALUES (?, 1, ?, ?, ?, NULL, ?)",
                [article_id, article_id, title, text, published],
            )
        con.execute(
            "INSERT INTO stories VALUES ('s1', ?, ?, ?, 2, 2, 'a1')", [HOSTILE, AGENCY_AT, AGENCY_AT]
        )
        for meeting_id, pair, day in (("m1", ("BY", "CN"), date(2026, 11, 2)),
                                      ("m2", ("CN", "RU"), date(2026, 9, 1))):
            con.execute(
                "INSERT INTO meetings VALUES (?, 's1', ?, ?, 'in_person', ?, 'Beijing', ['A', 'B'], "
                "0.9, ?, 'a1')",
                [meeting_id, *pair, day, AGENCY_AT],
            )
            con.execute(
                "INSERT INTO meeting_reports VALUES (?, 'a1', 's1', ?, ?, 'in_person', ?, 'Beijing', "
                "['A', 'B'], 0.9)",
                [meeting_id, *pair, day],
            )
        con.execute(
            "INSERT INTO alerts (alert_id, meeting_id, channel, rule, status, attempts, created_at, "
            "last_error) VALUES ('al1', 'm1', 'file', 'meetings', 'failed', 5, ?, 'HTTP 500 from the hook')",
            [AGENCY_AT],
        )


@pytest.fixture
def desk_db(db_path: Path) -> Path:
    _warehouse(db_path)
    return db_path


def test_chart_json_cannot_close_its_script_element() -> None:
    text = str(chart_json({"data": [{"text": [HOSTILE]}], "layout": {}}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["data"][0]["text"] == [HOSTILE]  # the same string once parsed


def test_a_word_diff_names_what_a_copy_cut_and_added() -> None:
    segments, truncated = diff_words(
        "Leaders met in the capital on Monday.", "Leaders met in the capital and signed deals.",
        limit=100,
    )
    kinds = [(s.kind, s.text.strip()) for s in segments]
    assert kinds == [
        ("same", "Leaders met in the capital"),
        ("cut", "on Monday."),
        ("added", "and signed deals."),
    ]
    assert not truncated
    assert diff_words("a b c", "a b c d", limit=2)[1]


def test_the_report_escapes_headlines_and_measures_the_republishers_lag(
    desk_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    info = build_report(desk_db, out)
    html = out.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert info.alerts == 1 and "file: failed" in html and "HTTP 500 from the hook" in html
    # The Daily carried the Wire's copy 2 h 30 min after the agency's own.
    assert "<td>daily</td><td>Wire</td><td class=\"num\">1</td><td class=\"num\">+2 h 30 min</td>" in html


def test_the_report_since_leaves_out_older_meetings(desk_db: Path, tmp_path: Path) -> None:
    everything = build_report(desk_db, tmp_path / "all.html")
    recent = build_report(desk_db, tmp_path / "recent.html", since=date(2026, 10, 1))
    assert (everything.meetings, recent.meetings) == (2, 1)


def test_the_meeting_filter_takes_a_pair_in_either_order(desk_db: Path) -> None:
    client = TestClient(create_app(desk_db))
    page = client.get("/meetings", params={"pair": "cn-by"})
    assert page.status_code == 200
    assert page.text.count('class="meeting-row"') == 1 and "BY-CN" in page.text
    assert client.get("/meetings").text.count('class="meeting-row"') == 2
    bad = client.get("/meetings", params={"since": "last week"})
    assert bad.status_code == 400 and "expected a day as YYYY-MM-DD" in bad.text


def test_the_story_page_escapes_and_diffs_the_copies(desk_db: Path) -> None:
    page = TestClient(create_app(desk_db)).get("/story/s1")
    assert page.status_code == 200
    assert HOSTILE not in page.text and "&lt;b&gt;friends&lt;/b&gt;" in page.text
    assert "capital on <del>Monday.</del><ins>Monday and signed deals.</ins>" in page.text.replace("\n", "")
    assert TestClient(create_app(desk_db)).get("/story/nope").status_code == 404


def test_a_page_answers_503_while_a_writer_holds_the_warehouse(
    desk_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirewatch.desk import tuning

    monkeypatch.setattr(tuning, "LOCK_WAIT_SECONDS", 0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
         "sys.stdin.read()", str(desk_db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        page = TestClient(create_app(desk_db)).get("/alerts")
        assert page.status_code == 503
        assert "The warehouse is busy: a run is writing to it" in page.text
    finally:
        holder.communicate("", timeout=30)
    assert TestClient(create_app(desk_db)).get("/alerts").status_code == 200


def test_report_refuses_an_out_path_it_must_not_write(desk_db: Path, tmp_path: Path) -> None:
    for out, why in (
        (tmp_path / "missing" / "r.html", "does not exist"),
        (tmp_path / "r.txt", "expects an .html file"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "wirewatch", "report", "--db", str(desk_db), "--out", str(out)],
            capture_output=True, text=True,
        )
        assert done.returncode == 2 and why in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "wirewatch", "report", "--db", str(desk_db),
         "--out", str(tmp_path / "r.html"), "--since", "2026-10-01"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0 and "open it in a browser: file://" in done.stdout
    con = duckdb.connect(str(desk_db), read_only=True)  # the report wrote nothing to it
    try:
        assert con.execute("SELECT count(*) FROM alerts").fetchone() == (1,)
    finally:
        con.close()
