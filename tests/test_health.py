"""Source health across runs: failures in a row, backoff, recovery, status, crash-exactness.

Runs here are the run session and its steps without Prefect, over a loopback
site that can be taken down and brought back between runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from wirewatch import run
from wirewatch.health import Backoff, Health, Observation, advance, state_of
from wirewatch.models import RunSummary
from wirewatch.run import ExtractInfo
from wirewatch.settings import Settings

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    + "<p>{title} was reported on Tuesday by the harbour authority of the northern port city, "
    "which said the new terminal would open to ships in the spring after two years of building.</p>" * 3
    + "</article></body></html>"
)


class Site:
    """What the loopback site does: up, down (503 everywhere), or its feed turned into HTML."""

    def __init__(self) -> None:
        self.down = False
        self.feed_html = False
        self.hits: list[str] = []
        self.lock = threading.Lock()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                site.hits.append(self.path)
            host = self.headers["Host"]
            if site.down:
                self._send(503, b"down for maintenance", "text/plain")
            elif self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif self.path == "/feed.xml" and site.feed_html:
                self._send(200, b"<html><body><p>We moved!</p></body></html>", "text/html")
            elif self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>Port story {i}</title>"
                    f"<link>http://{host}/2026/12/01/port-story-number-{i}.html</link></item>"
                    for i in range(2)
                )
                body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
                self._send(200, body.encode(), "application/rss+xml")
            elif self.path.startswith("/2026/12/01/port-story-number-"):
                title = f"Port story {self.path[-6]}"
                self._send(200, ARTICLE.format(title=title).encode(), "text/html; charset=utf-8")
            else:
                self._send(404, b"missing", "text/plain")

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _settings(tmp_path: Path, config_dir: Path, base: str, defaults: str = "") -> Settings:
    sources = {
        "sources": [
            {"name": "portwire", "publisher": "Port Wire", "language": "en", "feeds": [f"{base}/feed.xml"]},
        ]
    }
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(sources), encoding="utf-8")
    with (config_dir / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write("archive: false\n" + defaults)
    return Settings.load(
        db=tmp_path / "w.duckdb",
        config_dir=config_dir,
        data_dir=tmp_path / "data",
        sources_file=tmp_path / "sources.yaml",
    )


def _plain_run(settings: Settings) -> RunSummary:
    """One run's fetch, extract and load steps in this process (no Prefect, no pool)."""
    with run.session(settings, pool=False) as session:
        fetched = session.record(
            run.fetch_sources(settings, settings.sources.sources, start=session.start)
        )
        extracted = ExtractInfo((), session.start.boilerplate)
        for batch in run.page_batches(settings, fetched):
            extracted = extracted.then(
                run.extract_pages(settings, batch, boilerplate=extracted.boilerplate)
            )
        session.record(extracted)
        session.record(
            run.load_pages(settings, run_id=session.run_id, fetched=fetched, extracted=extracted)
        )
    return session.summary


def _status(settings: Settings) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch", "status", "--format", "json", "--db", str(settings.db),
         "--data", str(settings.data_dir), "--config", str(settings.sources_file.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _source(report: dict[str, Any], feed: bool = False) -> dict[str, Any]:
    rows = [s for s in report["sources"] if s["source"] == "portwire" and (s["feed"] is not None) == feed]
    assert len(rows) == 1 and rows[0]["configured"] is True, report["sources"]
    return rows[0]


# -- the rules, without a run ---------------------------------------------------------


def test_backoff_is_free_then_grows_by_the_factor_up_to_the_cap() -> None:
    backoff = Backoff(free_failures=2, base_seconds=60, factor=3, cap_seconds=1000)
    delays = [backoff.delay(n).total_seconds() for n in range(1, 8)]
    assert delays == [0, 0, 60, 180, 540, 1000, 1000]
    assert backoff.delay(10_000).total_seconds() == 1000  # no float overflow a month in


def test_health_counts_failures_in_a_row_resets_on_an_answer_and_applies_a_run_once() -> None:
    backoff = Backoff(free_failures=0, base_seconds=60, factor=2, cap_seconds=600)
    fail = Observation("s", "http://x/feed", "feed", T0, False, "http_error", "HTTP 503")
    health = advance(None, fail, run_id="r1", backoff=backoff)
    assert (health.consecutive_failures, health.next_attempt_at) == (1, T0 + timedelta(seconds=60))
    assert advance(health, fail, run_id="r1", backoff=backoff) == health  # the same run again
    later = Observation("s", "http://x/feed", "feed", T0 + timedelta(hours=1), False, "timeout", "t")
    health = advance(health, later, run_id="r2", backoff=backoff)
    assert health.consecutive_failures == 2 and health.last_error == "t"
    assert state_of(health, now=later.at) == "backing_off"
    assert state_of(health, now=later.at + timedelta(seconds=121)) == "failing"
    ok = Observation("s", "http://x/feed", "feed", T0 + timedelta(hours=2), True, "ok")
    health = advance(health, ok, run_id="r3", backoff=backoff)
    assert (health.consecutive_failures, health.last_success_at) == (0, ok.at)
    assert state_of(health, now=ok.at) == "ok"
    assert state_of(None, now=ok.at) == "never_answered"


def test_a_source_that_stops_publishing_is_quiet_for_longer_than_usual() -> None:
    health = Health("s", "", "source", last_attempt_at=T0, last_success_at=T0)
    hourly = timedelta(hours=1)
    assert state_of(health, now=T0, last_new_article=T0 - timedelta(hours=5), usual_gap=hourly) == "ok"
    assert state_of(health, now=T0, last_new_article=T0 - timedelta(hours=7), usual_gap=hourly) == "quiet"
    daily = timedelta(days=1)
    assert state_of(health, now=T0, last_new_article=T0 - timedelta(days=3), usual_gap=daily) == "ok"


# -- runs over a loopback site --------------------------------------------------------


def test_a_source_down_for_runs_fails_in_status_then_recovers(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path
) -> None:
    state, base = site
    settings = _settings(tmp_path, config_dir, base, "health_free_failures: 0\nhealth_backoff_base_seconds: 0\n")
    assert _plain_run(settings).articles_new == 2
    assert _source(_status(settings))["state"] == "ok"

    state.down = True
    for n in range(1, 11):  # down for ten runs
        summary = _plain_run(settings)
        assert summary.status == "completed" and summary.backing_off == []
        if n == 3:
            assert _source(_status(settings))["state"] == "failing"
    report = _status(settings)
    own, feed = _source(report), _source(report, feed=True)
    assert own["state"] == feed["state"] == "failing"
    assert own["consecutive_failures"] == feed["consecutive_failures"] == 10
    assert "503" in feed["last_error"] and feed["feed"] == f"{base}/feed.xml"
    # robots.txt was asked by the first run only: later runs reuse the stored answer (TTL a day).
    assert state.hits.count("/robots.txt") == 1
    assert own["answered_ever"] is True
    assert report["runs"][0]["outcome"] == "completed" and len(report["runs"]) == 10  # the last ten

    state.down = False
    _plain_run(settings)
    own = _source(_status(settings))
    assert (own["state"], own["consecutive_failures"]) == ("ok", 0)
    assert own["last_error"] is not None  # what went wrong last stays on record


def test_a_feed_turned_into_html_is_failing_not_ok(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path
) -> None:
    state, base = site
    settings = _settings(tmp_path, config_dir, base)
    _plain_run(settings)
    state.feed_html = True
    _plain_run(settings)
    feed = _source(_status(settings), feed=True)
    assert feed["state"] == "failing" and feed["last_outcome"] == "discovery_error"


def test_a_listing_failing_run_after_run_backs_off_and_the_summary_says_so(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path
) -> None:
    state, base = site
    settings = _settings(
        tmp_path, config_dir, base, "health_free_failures: 1\nhealth_backoff_base_seconds: 3600\n"
    )
    state.down = True
    _plain_run(settings)  # failure 1: free, tried again next run
    _plain_run(settings)  # failure 2: next try an hour later
    before = len(state.hits)
    skipped = _plain_run(settings)
    assert len(state.hits) == before  # not a single request to the site
    assert skipped.backing_off == [f"portwire: {base}/feed.xml"]
    report = _status(settings)
    assert _source(report)["state"] == _source(report, feed=True)["state"] == "backing_off"
    assert _source(report)["consecutive_failures"] == 2  # skipping is no failure

    # The desk shortens the backoff: the next run tries again, and the site is back.
    state.down = False
    with (settings.config_dir / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write("health_backoff_cap_seconds: 0\n")
    again = Settings.load(
        db=settings.db, config_dir=settings.config_dir, data_dir=settings.data_dir,
        sources_file=settings.sources_file,
    )
    assert _plain_run(again).articles_new == 2
    assert _source(_status(again))["state"] == "ok"


def _health_rows(db: Path) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT source_id, feed, kind, consecutive_failures, last_outcome, last_error, "
            "last_success_at IS NOT NULL FROM source_health ORDER BY 1, 2"
        ).fetchall()
    finally:
        con.close()


def test_a_run_killed_while_loading_then_rerun_records_health_as_one_run_did(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirewatch import store

    state, base = site
    state.feed_html = True  # the listing fails, so there is a failure to count
    settings = _settings(tmp_path / "clean", _copy(config_dir, tmp_path / "c1"), base)
    _plain_run(settings)
    clean = _health_rows(settings.db)
    assert clean and clean[-1][3] == 1

    crashed = _settings(tmp_path / "crashed", _copy(config_dir, tmp_path / "c2"), base)
    real = store.record_fetches

    def killed(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        raise RuntimeError("killed while loading")

    monkeypatch.setattr(store, "record_fetches", killed)
    with pytest.raises(RuntimeError, match="killed while loading"):
        _plain_run(crashed)
    assert _health_rows(crashed.db) == []  # rolled back with the fetches it came from
    monkeypatch.setattr(store, "record_fetches", real)
    _plain_run(crashed)
    assert _health_rows(crashed.db) == clean


def _copy(config_dir: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for file in config_dir.iterdir():
        (target / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_status_says_a_run_is_going_on_while_one_holds_the_lock_and_prints_plain_tables(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path
) -> None:
    state, base = site
    settings = _settings(tmp_path, config_dir, base)
    state.down = True
    _plain_run(settings)
    assert _status(settings)["running"] is False
    with run.run_lock(settings.run_lock):
        assert _status(settings)["running"] is True
    table = subprocess.run(
        [sys.executable, "-m", "wirewatch", "status", "--db", str(settings.db),
         "--config", str(settings.sources_file.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert table.returncode == 0, table.stderr
    assert "run going on: no" in table.stdout and "Sources by health" in table.stdout
    assert "failing, never answered" in table.stdout  # down since its first run
    assert "\x1b[" not in table.stdout  # piped: plain text


def test_the_summary_markdown_is_a_table_that_names_what_backs_off() -> None:
    summary = RunSummary(
        run_id="r1",
        started_at=T0,
        finished_at=T0 + timedelta(seconds=12.5),
        status="completed",
        fetched=3,
        fetch_outcomes={"ok": 3},
        backing_off=["wire: http://x/feed|1"],
        errors=["wire: http://x/a: http_error: HTTP 500\nmore"],
    )
    text = run.summary_markdown(summary)
    assert text.startswith("# Run r1: completed in 12.5 s\n")
    assert "| fetch | 3 requests: ok 3 |" in text
    assert "- wire: http://x/feed\\|1" in text and "HTTP 500 more" in text


@pytest.mark.usefixtures("prefect_harness")
def test_each_run_publishes_its_summary_as_a_prefect_artifact(
    site: tuple[Site, str], tmp_path: Path, config_dir: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.artifacts import SUMMARY_KEY
    from flows.ingest import run_ingest
    from wirewatch.run import RunParams

    _, base = site
    summary = run_ingest(RunParams.of(_settings(tmp_path, config_dir, base)))
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_KEY]))
        )
    mine = [a for a in found if summary.run_id in str(a.data)]
    assert len(mine) == 1 and mine[0].type == "markdown"
    assert "| load | 2 new" in str(mine[0].data)


def test_status_reads_a_warehouse_from_before_source_health(tmp_path: Path) -> None:
    from wirewatch import store

    db = tmp_path / "old.duckdb"
    with store.open_warehouse(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE source_health; DROP TABLE robots_cache")
    con.execute("DELETE FROM schema_migrations WHERE name = '007_source_health.sql'")
    con.close()
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch", "status", "--format", "json", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sources"] == []
    assert "next run" in result.stderr
