"""The run package: the session (lock, runs row, status, summary), the steps, the extraction pool."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from wirewatch import run
from wirewatch.app.printing import write_sources
from wirewatch.demo import DemoNewswire
from wirewatch.errors import RunLocked, WarehouseLocked
from wirewatch.fetch import SourceFetch
from wirewatch.models import FetchRecord, Page, PageResult, RunSummary
from wirewatch.run import AlertInfo, ExtractInfo, FetchInfo, RunParams, session
from wirewatch.settings import Settings

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.fixture
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(history=False) as newswire:  # the hand-written week: small and fast
        yield newswire


def settings_for(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path, *, min_pages: int = 64
) -> Settings:
    """Settings over the demo newswire; ``min_pages`` 1 makes every run use the extraction pool."""
    defaults = config_dir / "defaults.yaml"
    defaults.write_text(
        defaults.read_text(encoding="utf-8") + f"process_pool_min_pages: {min_pages}\n",
        encoding="utf-8",
    )
    sources = write_sources(wire.sources, tmp_path / "sources.yaml")
    return Settings.load(
        db=db_path, config_dir=config_dir, data_dir=tmp_path / "data", sources_file=sources
    )


@pytest.fixture
def settings(wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path) -> Settings:
    return settings_for(wire, tmp_path, config_dir, db_path)


def ingest(settings: Settings) -> RunSummary:
    from flows.ingest import run_ingest

    return run_ingest(RunParams.of(settings))


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def descendants() -> set[int]:
    """Processes started under this one, except multiprocessing's own forkserver and resource tracker."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))

    def cmdline(pid: int) -> bytes:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return b""

    found: set[int] = set()
    todo = [os.getpid()]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    helpers = {
        pid
        for pid in children.get(os.getpid(), [])
        if b"forkserver" in cmdline(pid) or b"resource_tracker" in cmdline(pid)
    }
    return found - helpers


# -- the session ---------------------------------------------------------------------


def test_second_run_is_refused_while_one_holds_the_lock(settings: Settings) -> None:
    with (
        run.run_lock(settings.run_lock),
        pytest.raises(RunLocked),
        run.run_lock(settings.run_lock),
    ):
        pass
    with session(settings, pool=False), pytest.raises(RunLocked), session(settings, pool=False):
        pass
    with run.run_lock(settings.run_lock):  # released again
        pass


def test_run_lock_is_per_warehouse(settings: Settings, tmp_path: Path) -> None:
    other = Settings.load(
        db=settings.db,
        config_dir=settings.config_dir,
        data_dir=tmp_path / "other-data",
        sources_file=settings.sources_file,
    )
    assert other.run_lock == settings.run_lock
    with (
        run.run_lock(settings.run_lock),
        pytest.raises(RunLocked),
        run.run_lock(other.run_lock),
    ):
        pass


def test_ctrl_c_marks_the_run_interrupted_and_an_error_failed(settings: Settings) -> None:
    with pytest.raises(KeyboardInterrupt), session(settings) as stopped:
        raise KeyboardInterrupt
    with pytest.raises(RuntimeError), session(settings) as broken:
        raise RuntimeError("disk on fire")
    assert (stopped.summary.status, broken.summary.status) == ("interrupted", "failed")
    assert broken.summary.errors == ["RuntimeError: disk on fire"]
    assert rows(settings.db, "SELECT status FROM runs ORDER BY started_at") == [
        ("interrupted",),
        ("failed",),
    ]


def test_sigterm_stops_the_run_as_interrupted(settings: Settings) -> None:
    with pytest.raises(KeyboardInterrupt), session(settings):
        os.kill(os.getpid(), signal.SIGTERM)
    assert rows(settings.db, "SELECT status FROM runs") == [("interrupted",)]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handed back


def test_a_killed_run_is_marked_interrupted_by_the_next(settings: Settings) -> None:
    with session(settings, pool=False) as first:
        pass
    with duckdb.connect(str(settings.db)) as con:  # as if the process had died mid-run
        con.execute("UPDATE runs SET status = 'running'")
    with session(settings, pool=False):
        pass
    assert rows(settings.db, f"SELECT status FROM runs WHERE run_id = '{first.run_id}'") == [
        ("interrupted",)
    ]


def test_summary_is_built_from_the_step_infos(settings: Settings) -> None:
    def record(fetch_id: str, url: str, outcome: str, status: int, kind: str) -> FetchRecord:
        return FetchRecord(fetch_id, "wire", url, NOW, outcome, status_code=status, kind=kind)

    fetched = FetchInfo(
        (
            SourceFetch(
                source="wire",
                candidates=[],
                pages=[],
                records=[
                    record("r", "http://w.test/robots.txt", "http_error", 404, "robots"),
                    record("a", "http://w.test/a", "ok", 200, "article"),
                    record("b", "http://w.test/b", "http_error", 500, "article"),
                ],
                skipped_known=3,
            ),
        )
    )
    empty = PageResult(
        "a", "wire", "http://w.test/a", "http://w.test/a", NOW, None, "extract_empty", "no text"
    )
    with session(settings, pool=False) as current:
        assert current.summary.status == "running"
        current.record(fetched)
        current.record(ExtractInfo((empty,), current.start.boilerplate))
        current.record(AlertInfo(attempted=2, sent=1, failed=1))
    summary = current.summary
    assert summary.status == "completed" and summary.finished_at is not None
    assert summary.fetch_outcomes == {"extract_empty": 1, "http_error": 1, "no_robots_txt": 1}
    assert (summary.fetched, summary.fetch_errors, summary.skipped_known) == (3, 1, 3)
    assert (summary.extracted, summary.extract_errors) == (0, 1)
    assert (summary.alerts_sent, summary.alerts_failed) == (1, 1)
    assert summary.errors == [
        "wire: http://w.test/a: extract_empty: no text",
        "wire: http://w.test/b: http_error: 500",
    ]
    assert rows(settings.db, "SELECT status, fetched, fetch_errors, alerts_sent FROM runs") == [
        ("completed", 3, 1, 1)
    ]


# -- the extraction pool ---------------------------------------------------------------


def _page(n: int) -> Page:
    body = (
        f"<html><body><article><h1>Harbour report {n}</h1><p>ALDWIN, Nov 19 -- The port "
        f"authority opened terminal number {n} on Thursday, raising capacity, officials "
        "said in a statement issued after the ceremony at the harbour.</p></article>"
        "</body></html>"
    ).encode()
    return Page(
        url=f"http://w.test/{n}",
        final_url=f"http://w.test/{n}",
        source="wire",
        body=body,
        fetched_at=NOW,
        fetch_id=f"f{n}",
    )


def test_pool_extracts_early_pages_as_the_step_would_in_process(settings: Settings) -> None:
    pages = [_page(n) for n in range(6)]
    with session(settings, pool=False) as current:
        pool = run.extraction_pool(settings, current.start)
        assert pool is not None
        with pool:
            pool.min_pages = 3
            for page in pages:
                pool.extract_early(page)
            with_pool = run.extract_pages(
                settings, pages, boilerplate=current.start.boilerplate, pool=pool
            )
            assert pool.started and len(pool.pids()) == pool.workers
        alone = run.extract_pages(settings, pages, boilerplate=current.start.boilerplate)
    assert with_pool.results == alone.results
    assert [r.extracted is not None for r in alone.results] == [True] * 6


def test_a_broken_pool_leaves_the_work_to_the_step(settings: Settings) -> None:
    pages = [_page(n) for n in range(4)]
    with session(settings, pool=False) as current:
        pool = run.extraction_pool(settings, current.start)
        assert pool is not None
        with pool:
            assert pool.start()
            for pid in pool.pids():
                os.kill(pid, signal.SIGKILL)
            pool.min_pages = 1
            for page in pages:
                pool.extract_early(page)
            result = run.extract_pages(
                settings, pages, boilerplate=current.start.boilerplate, pool=pool
            )
            assert not pool.started
    assert [r.extracted is not None for r in result.results] == [True] * 4


# -- whole runs through the flows -------------------------------------------------------


@pytest.mark.usefixtures("prefect_harness")
def test_no_worker_process_outlives_its_run(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path
) -> None:
    settings = settings_for(wire, tmp_path, config_dir, db_path, min_pages=1)
    before = descendants()
    summary = ingest(settings)
    assert summary.status == "completed" and summary.articles_new > 40
    assert descendants() - before == set()


@pytest.mark.usefixtures("prefect_harness")
def test_run_is_recorded_with_counts_and_errors(settings: Settings) -> None:
    summary = ingest(settings)
    assert summary.fetch_outcomes["robots_disallowed"] == 1
    assert any("404" in e for e in summary.errors)
    row = rows(settings.db, "SELECT status, articles_new, fetch_errors FROM runs")
    outcomes = dict(rows(settings.db, "SELECT outcome, count(*) FROM fetches GROUP BY 1"))  # type: ignore[arg-type]
    assert row == [("completed", summary.articles_new, summary.fetch_errors)]
    assert outcomes["ok"] >= summary.articles_new
    assert "Exception" not in run.summary_line(summary)


@pytest.mark.usefixtures("prefect_harness")
def test_reprocess_from_archive_changes_nothing_when_extraction_is_unchanged(
    settings: Settings,
) -> None:
    from flows.reprocess import run_reprocess

    first = ingest(settings)
    assert first.articles_new > 40 and first.alerts_sent > 0
    assert run.archives_of(settings), "raw responses were not archived"
    again = run_reprocess(RunParams.of(settings))
    assert again.status == "completed"
    assert again.extracted == first.extracted
    assert (again.articles_new, again.articles_updated, again.alerts_created) == (0, 0, 0)
    assert again.articles_unchanged == first.articles_new


@pytest.mark.usefixtures("prefect_harness")
def test_reprocess_queues_the_story_alerts_a_killed_run_left(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.reprocess import run_reprocess

    (config_dir / "alerts.yaml").write_text(
        "rules:\n  - {name: ties, kind: story, queries: [belarus]}\n"
        "channels:\n  - {name: file, type: jsonl, path: alerts.jsonl}\n",
        encoding="utf-8",
    )
    (config_dir / "queries.yaml").write_text(
        "queries:\n  - {name: belarus, query: Belarus}\n", encoding="utf-8"
    )
    settings = settings_for(wire, tmp_path, config_dir, db_path)

    def stop(settings: Settings, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "queue_story_alerts", stop)  # killed after load, detect and index
    with pytest.raises(KeyboardInterrupt):
        ingest(settings)
    monkeypatch.undo()
    assert rows(settings.db, "SELECT count(*) FROM alerts") == [(0,)]
    again = run_reprocess(RunParams.of(settings))
    assert again.status == "completed" and again.alerts_created > 0
    assert rows(settings.db, "SELECT DISTINCT kind, status FROM alerts") == [("story", "sent")]


@pytest.mark.usefixtures("prefect_harness")
def test_each_delivery_is_recorded_as_it_happens(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while recording stops the sending: nothing already sent is sent again."""
    from wirewatch import store

    monkeypatch.setattr(run, "deliver_alerts", lambda settings: AlertInfo())  # queue, do not send
    assert ingest(settings).alerts_created > 3
    monkeypatch.undo()
    real_record = store.record_deliveries
    calls = {"n": 0}

    def record_twice_then_fail(con: object, deliveries: object) -> tuple[int, int]:
        calls["n"] += 1
        if calls["n"] > 2:
            raise WarehouseLocked("simulated: warehouse locked while recording")
        return real_record(con, deliveries)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "record_deliveries", record_twice_then_fail)
    with pytest.raises(WarehouseLocked):
        run.deliver_alerts(settings)
    sent_file = settings.data_dir / "alerts.jsonl"
    assert len(sent_file.read_text(encoding="utf-8").splitlines()) == 3  # 2 recorded + 1 not
    monkeypatch.setattr(store, "record_deliveries", real_record)
    run.deliver_alerts(settings)
    lines = sent_file.read_text(encoding="utf-8").splitlines()
    sent = rows(settings.db, "SELECT count(*) FROM alerts WHERE status = 'sent'")[0][0]
    # Only the one alert sent but not recorded before the crash goes out twice.
    assert sent == len(lines) - 1


@pytest.mark.usefixtures("prefect_harness")
def test_ctrl_c_inside_the_flow_records_the_run_interrupted(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stop(settings: Settings, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "detect_pending", stop)
    with pytest.raises(KeyboardInterrupt):
        ingest(settings)
    assert rows(settings.db, "SELECT status FROM runs") == [("interrupted",)]
