"""Each command's output shape and its errors: one line, the right exit status, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from wirewatch import warehouse

REPO = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour cranes arrive at Port Aldwin - Coastline Daily</title>
<link rel="canonical" href="http://coastline.example/news/cranes.html"></head>
<body><nav><a href="/">Home</a> | <a href="/business">Business</a></nav>
<article><h1>Harbour cranes arrive at Port Aldwin</h1>
<p class="byline">Coastline Daily | Updated: 2026-03-04 10:15</p>
<p>PORT ALDWIN, March 4 (Reuters) - Four new container cranes reached the port of Aldwin on Tuesday
after a six-week voyage, the port authority said, doubling the terminal's handling capacity.</p>
<p>The cranes, built at a yard in the south of the country, will be commissioned in stages over the
coming months, with the first expected to move containers before the summer season begins.</p>
<p>Port officials said the upgrade would cut waiting times for ships that now queue offshore for up to
three days during the busiest weeks of the year, and would create about two hundred jobs.</p>
</article><footer>Copyright 2026 Coastline Daily. All rights reserved.</footer></body></html>
"""


def wirewatch(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("wirewatch:")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_extract_prints_one_object_per_file(tmp_path: Path) -> None:
    page = tmp_path / "cranes.html"
    page.write_text(PAGE, encoding="utf-8")
    result = wirewatch(
        "extract", str(page), str(page), "--url", "http://coastline.example/news/cranes.html"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    obj = json.loads(lines[0])
    assert list(obj) == [
        "url",
        "site",
        "title",
        "text",
        "paragraphs",
        "caption",
        "agency",
        "dateline",
        "published",
        "updated",
        "language",
    ]
    assert "Four new container cranes" in obj["text"]
    assert "Copyright" not in obj["text"]
    assert obj["agency"] == "Reuters"


def test_extract_errors(tmp_path: Path) -> None:
    assert_one_line_error(wirewatch("extract", str(tmp_path / "missing.html")), 2)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = wirewatch("extract", str(empty))
    assert_one_line_error(result)
    assert "extract_empty" in result.stderr or "decode_error" in result.stderr


def test_dedupe_shape_and_bad_input(tmp_path: Path) -> None:
    body = " ".join(
        f"word{i} in a long enough wire story about a harbour upgrade" for i in range(30)
    )
    items = [
        {
            "id": "a",
            "url": "https://www.example.com/a?utm_source=x",
            "title": "A",
            "text": body,
            "published_at": "2026-03-04T10:00:00Z",
            "source": "one",
        },
        {
            "id": "b",
            "url": "https://other.example/b/",
            "title": "B",
            "text": body,
            "published_at": "2026-03-04T11:00:00Z",
            "source": "two",
        },
    ]
    result = wirewatch("dedupe", "-", stdin="\n".join(json.dumps(i) for i in items) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(o) for o in out] == [
        ["id", "story_id", "event_id", "duplicate_of", "canonical_url"]
    ] * 2
    assert out[0]["story_id"] == out[1]["story_id"]
    assert out[0]["event_id"] == out[1]["event_id"]
    assert out[0]["canonical_url"] == "https://example.com/a"
    bad = wirewatch("dedupe", "-", stdin='{"id": "a"}\nnot json\n')
    assert_one_line_error(bad, 2)
    assert "<stdin>:1" in bad.stderr


def test_dedupe_gives_independent_write_ups_of_one_event_one_event_id() -> None:
    fixtures = yaml.safe_load(
        (REPO / "tests" / "data" / "dedupe" / "articles.yaml").read_text(encoding="utf-8")
    )
    keys = ["unrelated", "talks_dec", "unrelated_rewrite", "briefing_tue"]
    items = [
        {
            "id": key,
            "url": f"https://agency{n}.example/{key}",
            "title": key.replace("_", " "),
            "text": fixtures[key]["text"],
            "published_at": str(fixtures[key]["published"]),
        }
        for n, key in enumerate(keys)
    ]
    result = wirewatch("dedupe", "-", stdin="\n".join(json.dumps(i) for i in items) + "\n")
    assert result.returncode == 0, result.stderr
    out = {o["id"]: o for o in map(json.loads, result.stdout.splitlines())}
    # Other words, so another story; the same happening, so the same event.
    assert out["unrelated"]["story_id"] != out["unrelated_rewrite"]["story_id"]
    assert out["unrelated"]["event_id"] == out["unrelated_rewrite"]["event_id"]
    assert len({out[k]["event_id"] for k in ("unrelated", "talks_dec", "briefing_tue")}) == 3


def test_detect_shape(tmp_path: Path) -> None:
    item = {
        "id": "m1",
        "title": "Chilean, Argentine presidents meet in Santiago",
        "text": "SANTIAGO, March 3 -- Chilean President Gabriel Boric held talks with his Argentine counterpart "
        "Javier Milei in Santiago on Monday, the two governments said.",
        "published_at": "2026-03-04",
    }
    file = tmp_path / "items.jsonl"
    file.write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = wirewatch("detect", str(file))
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert list(obj) == ["id", "meetings"]
    assert len(obj["meetings"]) == 1
    meeting = obj["meetings"][0]
    assert list(meeting) == [
        "countries",
        "kind",
        "participants",
        "location",
        "event_date",
        "confidence",
    ]
    assert meeting["countries"] == ["AR", "CL"] and meeting["kind"] == "in_person"
    assert meeting["event_date"] == "2026-03-02"


def test_sql_formats_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert_one_line_error(wirewatch("sql", "SELECT 1", "--db", str(db)), 2)
    with warehouse.open_warehouse(db) as con:
        con.execute("INSERT INTO sources VALUES ('x', 'x', 'X Agency', 'en', NULL)")
    as_json = wirewatch(
        "sql", "SELECT source_id, publisher FROM sources", "--db", str(db), "--format", "json"
    )
    assert json.loads(as_json.stdout) == [{"source_id": "x", "publisher": "X Agency"}]
    as_csv = wirewatch(
        "sql", "SELECT source_id, publisher FROM sources", "--db", str(db), "--format", "csv"
    )
    assert as_csv.stdout.splitlines() == ["source_id,publisher", "x,X Agency"]
    table = wirewatch("sql", "SELECT publisher FROM sources", "--db", str(db))
    assert "X Agency" in table.stdout
    assert_one_line_error(wirewatch("sql", "SELEC", "--db", str(db)), 2)
    assert wirewatch("sql", "SELECT 1", "--db", str(db), "--format", "xml").returncode == 2
    alerts = wirewatch("alerts", "--db", str(db), "--format", "json")
    assert alerts.returncode == 0 and json.loads(alerts.stdout) == []
    assert wirewatch("alerts", "--db", str(db), "--since", "yesterday").returncode == 2


def test_trends_list_and_run(tmp_path: Path) -> None:
    listing = wirewatch("trends")
    assert "meeting_pairs_quarterly" in listing.stdout
    db = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(db):
        pass
    result = wirewatch("trends", "daily_volume", "--db", str(db), "--format", "csv")
    assert result.returncode == 0 and result.stdout.splitlines() == ["day,source,articles"]
    assert_one_line_error(wirewatch("trends", "nope", "--db", str(db)), 2)


def test_run_with_invalid_config_names_file_and_field(tmp_path: Path) -> None:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text("sources:\n  - name: a\n    language: en\n", encoding="utf-8")
    (cfg / "alerts.yaml").write_text("rules: []\nchannels: []\n", encoding="utf-8")
    result = wirewatch(
        "run", "--config", str(cfg), "--db", str(tmp_path / "w.duckdb"), "--data", str(tmp_path)
    )
    assert_one_line_error(result)
    assert "sources.yaml" in result.stderr and "publisher" in result.stderr


@pytest.mark.parametrize("args", [["frobnicate"], ["sql"], ["extract"]])
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = wirewatch(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_demo_prints_summaries_stories_and_each_alert_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirewatch.demo import default_root, load_expected

    # --week-only: the demo serves the hand-written week and prints its alerts only.
    monkeypatch.delenv("WIREWATCH_DEMO_HISTORY", raising=False)
    expected = load_expected(default_root() / "expected.yaml")
    result = wirewatch(
        "demo", "--week-only", "--data", str(tmp_path / "data"), "--config", str(REPO / "config")
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert out.count(": completed") == 2
    # config/alerts.yaml alerts up to 7 days back, counted from the newswire's clock (its
    # newest story), not today's: the week is recent whenever the demo runs.
    assert out.count("; 0 skipped as too old") == 2
    assert "Top stories" in out and "Meetings" in out
    # The console channel prints one panel per alerted meeting, titled "A – B: <kind> on <date>".
    for meeting in expected.meetings:
        assert out.count(f"on {meeting.event_date.isoformat()} ─") >= 1
    titles = [line for line in out.splitlines() if line.startswith("╭─ ")]
    assert len(titles) == len(expected.meetings) == len(set(titles))
    # Then the alerts listed one line per meeting, both channels (console, jsonl) summarised.
    alerts = out[out.index("\nAlerts\n") :].splitlines()
    for meeting in expected.meetings:
        pair = "-".join(meeting.countries)
        listed = [line for line in alerts if line.startswith(f"{pair} ")]
        assert len(listed) == 1 and "sent 2/2" in listed[0], (pair, alerts)
    lines = (tmp_path / "data" / "demo" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    sent = [json.loads(line) for line in lines]
    assert len([a for a in sent if "meeting" in a]) == len(expected.meetings)
    # config/alerts.yaml's story rule: each new story matching @belarus-russia once, jsonl only.
    stories = [a["story"] for a in sent if "story" in a]
    assert stories and all(s["query"] == "belarus-russia" for s in stories)
    assert len({s["story_id"] for s in stories}) == len(stories) == len(sent) - len(expected.meetings)
    for story in stories:
        listed = [line for line in alerts if line.startswith("@belarus-russia ")]
        assert len([line for line in listed if story["title"][:40] in line]) == 1, (story, listed)
    # The stage commands run against the demo warehouse as a run would.
    db = tmp_path / "data" / "demo" / "wirewatch.duckdb"
    with warehouse.connect(db, read_only=True) as con:
        title, text, story, published = con.execute(
            "SELECT a.title, a.text, a.story_id, a.published_at FROM stories s "
            "JOIN articles a ON a.article_id = s.best_article_id ORDER BY s.source_count DESC LIMIT 1"
        ).fetchall()[0]
    copy = {"id": "late-copy", "url": "https://partner.example/late-copy", "title": "Partner: " + title,
            "text": "Our partner agency reports. " + text, "published_at": published.isoformat(),
            "source": "partner"}
    result = wirewatch("dedupe", "-", "--db", str(db), stdin=json.dumps(copy) + "\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["story_id"] == story


def test_run_against_unreachable_source_records_it_and_fails_in_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(
        f"sources:\n  - name: gone\n    publisher: Gone Agency\n    language: en\n"
        f"    feeds: ['http://127.0.0.1:{port}/rss.xml']\n",
        encoding="utf-8",
    )
    (cfg / "alerts.yaml").write_text("rules: []\nchannels: []\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = wirewatch("run", "--config", str(cfg), "--db", str(db), "--data", str(tmp_path / "data"))
    assert_one_line_error(result)
    assert "no source answered" in result.stderr
    assert ": completed" in result.stdout and "connect_error" in result.stdout
    with warehouse.connect(db, read_only=True) as con:
        outcomes = {r[0] for r in con.execute("SELECT outcome FROM fetches").fetchall()}
        runs = con.execute("SELECT status FROM runs").fetchall()
    assert "connect_error" in outcomes and runs == [("completed",)]


def _config_with_unset_secret(tmp_path: Path) -> Path:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "sources.yaml").write_text(
        "sources:\n  - {name: a, publisher: A, language: en, feeds: ['http://127.0.0.1:9/rss.xml']}\n",
        encoding="utf-8",
    )
    (cfg / "alerts.yaml").write_text(
        "rules: [{name: all}]\nchannels:\n"
        "  - {name: hook, type: apprise, url: 'json://127.0.0.1:9/${WW_TEST_NEVER_SET_TOKEN}'}\n",
        encoding="utf-8",
    )
    return cfg


@pytest.mark.parametrize("command", [["run"], ["demo"], ["serve"], ["serve", "--demo"]])
def test_an_unset_channel_secret_stops_alerting_commands_before_any_fetch(
    tmp_path: Path, command: list[str]
) -> None:
    cfg = _config_with_unset_secret(tmp_path)
    db, data = tmp_path / "out" / "w.duckdb", tmp_path / "data"
    result = wirewatch(*command, "--config", str(cfg), "--db", str(db), "--data", str(data))
    assert_one_line_error(result)
    assert f"{cfg / 'alerts.yaml'}: channel 'hook': " in result.stderr
    assert "WW_TEST_NEVER_SET_TOKEN" in result.stderr
    # Nothing started: no warehouse, no run, no demo newswire, no Prefect server.
    assert not db.exists() and not data.exists()
    assert result.stdout == ""


def test_trends_plot_path_is_checked_before_the_query(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "t.png"
    result = wirewatch("trends", "daily_volume", "--db", str(tmp_path / "w.duckdb"), "--plot", str(missing))
    assert_one_line_error(result, 2)
    assert f"directory {missing.parent} does not exist" in result.stderr
