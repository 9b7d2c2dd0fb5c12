"""The real ingest flow, over HTTP, against a loopback newswire on several hosts.

The newswire serves the hand-written week only (history off): 44 articles whose
every meeting, copy and update expected.yaml names. The generated archive is
checked without HTTP in tests/test_demo_history.py, and whole by
`WIREWATCH_DEMO_HISTORY=on make demo`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from trend_reference import assert_trends_match_reference

from wirewatch import run
from wirewatch.app.printing import write_sources
from wirewatch.demo import DemoNewswire, article_path, default_root, load_expected
from wirewatch.models import RunSummary
from wirewatch.run import RunParams

HOSTS = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"]
EXPECTED = load_expected(default_root() / "expected.yaml")

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(hosts=HOSTS, history=False) as newswire:
        yield newswire


def _run(wire: DemoNewswire, tmp_path: Path, config_dir: Path, db: Path) -> RunSummary:
    from flows.ingest import run_ingest

    sources = write_sources(wire.sources, tmp_path / "sources.yaml")
    return run_ingest(
        RunParams(
            config_dir=config_dir, db=db, data_dir=tmp_path / "data", sources_file=sources
        )
    )


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a run decides, without run ids and timestamps."""
    queries = {
        "articles": "SELECT article_id, source_id, canonical_url, version, content_sha256, story_id, duplicate_of, "
        "agency, dateline, detected_version FROM articles ORDER BY 1",
        "versions": "SELECT article_id, version, content_sha256 FROM article_versions ORDER BY 1, 2",
        "urls": "SELECT url, article_id FROM article_urls ORDER BY 1",
        "stories": "SELECT story_id, title, article_count, source_count, best_article_id FROM stories ORDER BY 1",
        "meetings": "SELECT meeting_id, story_id, country_a, country_b, kind, event_date, location, best_article_id "
        "FROM meetings ORDER BY 1",
        "reports": "SELECT meeting_id, article_id FROM meeting_reports ORDER BY 1, 2",
        "countries": "SELECT article_id, country FROM article_countries ORDER BY 1, 2",
        "alerts": "SELECT alert_id, meeting_id, channel, status FROM alerts ORDER BY 1",
        "events": "SELECT story_id, event_id, published_at, terms, weights FROM story_events ORDER BY 1",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def _article_ids(wire: DemoNewswire, db: Path, keys: tuple[str, ...]) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = dict(con.execute("SELECT url, article_id FROM article_urls").fetchall())
    finally:
        con.close()
    found = {}
    content = wire.content
    for key in keys:
        site_key, slug = key.split("/", 1)
        site = content.site(site_key)
        article = next(a for a in content.articles if a.site == site_key and a.slug == slug)
        url = wire.base_urls[site_key] + article_path(site, article)
        assert url in rows, f"{key} ({url}) was not loaded"
        found[key] = rows[url]
    return found


def test_ingest_twice_then_update(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path
) -> None:
    first = _run(wire, tmp_path, config_dir, db_path)
    assert first.status == "completed"
    assert first.articles_new == EXPECTED.articles.edition1
    assert first.fetch_outcomes.get("robots_disallowed", 0) == len(
        EXPECTED.fetch.robots_disallowed
    )
    assert first.fetch_outcomes.get("http_error", 0) >= len(EXPECTED.fetch.dead_feeds)
    snap = _snapshot(db_path)

    # The syndicated wire story is one story, however many sites carried it.
    syndicated = _article_ids(
        wire, db_path, (EXPECTED.syndicated.original, *EXPECTED.syndicated.copies)
    )
    stories = {aid: story for aid, _, _, _, _, story, *_ in snap["articles"]}
    assert len({stories[a] for a in syndicated.values()}) == 1

    # Every story has one event; the syndicated story is one event, an agency's own
    # follow-up write-up of the phone call shares its original's, and unrelated
    # meetings (other countries, other days) each have their own.
    events = dict((story, event) for story, event, *_ in snap["events"])
    assert set(events) == set(stories.values())
    call = _article_ids(wire, db_path, EXPECTED.meetings[1].articles)
    assert len({stories[a] for a in call.values()}) == 2
    assert len({events[stories[a]] for a in call.values()}) == 1
    syndicated_event = events[stories[syndicated[EXPECTED.syndicated.original]]]
    others = _article_ids(
        wire,
        db_path,
        (
            "seaboard/japan-south-korea-foreign-ministers-meet-kuala-lumpur",
            "newchina/china-pakistan-fms-phone-call",
            "northwire/russia-turkey-foreign-ministers-talks-moscow",
        ),
    )
    other_events = [events[stories[a]] for a in others.values()]
    assert len({syndicated_event, *other_events}) == 4

    # One meeting row and one alert per expected meeting.
    found = {(m[2], m[3], m[5].isoformat(), m[4]) for m in snap["meetings"] if m[4] != "announced"}
    expected = {
        (*m.countries, m.event_date.isoformat() if m.event_date else "", m.kind)
        for m in EXPECTED.meetings
    }
    assert found == expected
    # Every article listed for a meeting reports it, the Russian-language copy too.
    meeting_of = {(m[2], m[3], m[5].isoformat(), m[4]): m[0] for m in snap["meetings"]}
    reports = set(snap["reports"])
    for meeting in EXPECTED.meetings:
        day = meeting.event_date.isoformat() if meeting.event_date else ""
        meeting_id = meeting_of[(*meeting.countries, day, meeting.kind)]
        listed = _article_ids(wire, db_path, tuple(meeting.articles))
        assert [k for k, a in listed.items() if (meeting_id, a) not in reports] == []
    assert len(snap["alerts"]) == len(EXPECTED.meetings)
    lines = (tmp_path / "data" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(EXPECTED.meetings)
    assert len({json.loads(line)["alert_id"] for line in lines}) == len(lines)

    # A second run over the same edition changes nothing and sends nothing.
    second = _run(wire, tmp_path, config_dir, db_path)
    assert second.status == "completed"
    assert (second.articles_new, second.articles_updated, second.alerts_created) == (
        0,
        0,
        0,
    )
    assert _snapshot(db_path) == snap
    assert len(
        (tmp_path / "data" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    ) == len(lines)

    # The second edition updates one article in place: a new version, not a new row.
    wire.set_edition(2)
    third = _run(wire, tmp_path, config_dir, db_path)
    assert third.articles_updated == 1
    assert third.articles_new == len(EXPECTED.new_in_edition2)
    updated = _article_ids(wire, db_path, (EXPECTED.updated.article,))[EXPECTED.updated.article]
    after = _snapshot(db_path)
    versions = [v for aid, v, _ in after["versions"] if aid == updated]
    assert versions == [1, 2]
    assert len(after["alerts"]) == len(EXPECTED.meetings)
    assert_trends_match_reference(db_path)  # the rewritten trends answer as the plain ones


def test_crash_then_rerun_matches_an_uninterrupted_run(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean_db = tmp_path / "clean" / "w.duckdb"
    _run(wire, tmp_path / "clean", config_dir, clean_db)

    crashed_db = tmp_path / "crashed" / "w.duckdb"
    real_detect = run.detect_pending

    def crash(settings: Any, **kwargs: Any) -> Any:
        raise RuntimeError("killed during detection")

    monkeypatch.setattr(run, "detect_pending", crash)
    with pytest.raises(RuntimeError, match="killed during detection"):
        _run(wire, tmp_path / "crashed", config_dir, crashed_db)
    monkeypatch.setattr(run, "detect_pending", real_detect)
    rerun = _run(wire, tmp_path / "crashed", config_dir, crashed_db)
    assert rerun.status == "completed"
    assert _snapshot(crashed_db) == _snapshot(clean_db)
    con = duckdb.connect(str(crashed_db), read_only=True)
    try:
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert statuses == [("failed",), ("completed",)]


def test_a_run_killed_between_load_batches_then_rerun_keeps_the_same_events(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirewatch import store

    small = _config_with(config_dir, tmp_path / "small-config", "extract_batch_size: 8\n")
    clean_db = tmp_path / "clean" / "w.duckdb"
    _run(wire, tmp_path / "clean", small, clean_db)

    crashed_db = tmp_path / "crashed" / "w.duckdb"
    real_assign = store.assign_events
    calls: list[int] = []

    def killed_in_second_batch(con: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed while loading")
        return real_assign(con)

    monkeypatch.setattr(store, "assign_events", killed_in_second_batch)
    with pytest.raises(RuntimeError, match="killed while loading"):
        _run(wire, tmp_path / "crashed", small, crashed_db)
    partial = _snapshot(crashed_db)["events"]
    assert partial  # the first batch's stories and events were committed
    monkeypatch.setattr(store, "assign_events", real_assign)
    assert _run(wire, tmp_path / "crashed", small, crashed_db).status == "completed"
    after, clean = _snapshot(crashed_db), _snapshot(clean_db)
    # Stories and events as an uninterrupted run left them. (Article texts may differ: the
    # boilerplate a site's pages are cleaned of is learned per extract batch, and the rerun
    # extracts the remaining pages in other batches than the clean run did.)
    assert [row[:2] for row in after["events"]] == [row[:2] for row in clean["events"]]
    assert after["stories"] == clean["stories"]
    # Nothing given out before the kill changed.
    assert {row[:2] for row in partial} <= {row[:2] for row in after["events"]}


def _config_with(config_dir: Path, target: Path, defaults: str) -> Path:
    """A copy of the test config with more lines in defaults.yaml."""
    target.mkdir(parents=True)
    for file in config_dir.iterdir():
        text = file.read_text(encoding="utf-8")
        if file.name == "defaults.yaml":
            text += defaults
        (target / file.name).write_text(text, encoding="utf-8")
    return target


def test_extraction_pool_and_in_process_runs_leave_the_same_warehouse(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path
) -> None:
    alone = _config_with(config_dir, tmp_path / "alone-config", "extract_workers: 1\n")
    pooled = _config_with(config_dir, tmp_path / "pooled-config", "process_pool_min_pages: 1\n")
    first = _run(wire, tmp_path / "alone", alone, tmp_path / "alone" / "w.duckdb")
    second = _run(wire, tmp_path / "pooled", pooled, tmp_path / "pooled" / "w.duckdb")
    assert (first.status, second.status) == ("completed", "completed")
    assert _snapshot(tmp_path / "pooled" / "w.duckdb") == _snapshot(tmp_path / "alone" / "w.duckdb")


def test_a_worker_killed_mid_run_does_not_change_the_outcome(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    alone = _config_with(config_dir, tmp_path / "alone-config", "extract_workers: 1\n")
    pooled = _config_with(config_dir, tmp_path / "pooled-config", "process_pool_min_pages: 1\n")
    _run(wire, tmp_path / "alone", alone, tmp_path / "alone" / "w.duckdb")
    real_extract = run.extract_pages
    killed: list[int] = []

    def kill_workers_then_extract(settings: Any, pages: Any, **kwargs: Any) -> Any:
        pool = kwargs["pool"]
        pool.start()  # workers start in the background: wait for them, or there is none to kill
        for pid in pool.pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue  # killed by an earlier batch and not yet noticed by the pool
            killed.append(pid)
        return real_extract(settings, pages, **kwargs)

    monkeypatch.setattr(run, "extract_pages", kill_workers_then_extract)
    summary = _run(wire, tmp_path / "pooled", pooled, tmp_path / "pooled" / "w.duckdb")
    assert killed and summary.status == "completed"
    assert _snapshot(tmp_path / "pooled" / "w.duckdb") == _snapshot(tmp_path / "alone" / "w.duckdb")
