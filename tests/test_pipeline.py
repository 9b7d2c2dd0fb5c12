"""The pipeline steps without Prefect: reprocess from the archive, the run lock, summaries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from wirewatch import pipeline
from wirewatch.demo import DemoNewswire
from wirewatch.errors import RunLocked
from wirewatch.models import RunSummary
from wirewatch.report import write_sources
from wirewatch.settings import Settings


@pytest.fixture
def settings(tmp_path: Path, config_dir: Path, db_path: Path) -> Iterator[Settings]:
    with DemoNewswire(history=False) as wire:  # the hand-written week: small and fast
        sources = write_sources(wire.sources, tmp_path / "sources.yaml")
        yield Settings.load(
            db=db_path, config_dir=config_dir, data_dir=tmp_path / "data", sources_file=sources
        )


def run_once(settings: Settings) -> RunSummary:
    return pipeline.run_plain(settings)


def test_reprocess_from_archive_changes_nothing_when_extraction_is_unchanged(
    settings: Settings,
) -> None:
    first = run_once(settings)
    assert first.articles_new > 40 and first.alerts_sent > 0
    archives = sorted(settings.archive_dir.glob("*.warc.gz"))
    assert archives, "raw responses were not archived"
    again = pipeline.reprocess(settings, archives)
    assert again.extracted == first.extracted
    assert (again.articles_new, again.articles_updated, again.alerts_created) == (0, 0, 0)
    assert again.articles_unchanged == first.articles_new


def test_second_run_is_refused_while_one_holds_the_lock(settings: Settings) -> None:
    with (
        pipeline.run_lock(settings.run_lock),
        pytest.raises(RunLocked),
        pipeline.run_lock(settings.run_lock),
    ):
        pass
    with pipeline.run_lock(settings.run_lock):  # released again
        pass


def test_run_is_recorded_with_counts_and_errors(settings: Settings) -> None:
    summary = run_once(settings)
    assert summary.fetch_outcomes["robots_disallowed"] == 1
    assert any("404" in e for e in summary.errors)
    con = duckdb.connect(str(settings.db), read_only=True)
    try:
        row = con.execute("SELECT status, articles_new, fetch_errors FROM runs").fetchall()
        outcomes = dict(con.execute("SELECT outcome, count(*) FROM fetches GROUP BY 1").fetchall())
    finally:
        con.close()
    assert row == [("completed", summary.articles_new, summary.fetch_errors)]
    assert outcomes["ok"] >= summary.articles_new
    assert "Exception" not in pipeline.summary_line(summary)


def test_each_delivery_is_recorded_as_it_happens(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash while recording stops the sending: nothing already sent is sent again."""
    from wirewatch import load
    from wirewatch.errors import WarehouseLocked

    real_record = load.record_deliveries
    calls = {"n": 0}

    def record_twice_then_fail(con: object, deliveries: object) -> tuple[int, int]:
        calls["n"] += 1
        if calls["n"] > 2:
            raise WarehouseLocked("simulated: warehouse locked while recording")
        return real_record(con, deliveries)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "record_deliveries", record_twice_then_fail)
    with pytest.raises(WarehouseLocked):
        pipeline.run_plain(settings)
    sent_file = settings.data_dir / "alerts.jsonl"
    assert len(sent_file.read_text(encoding="utf-8").splitlines()) == 3  # 2 recorded + 1 unrecorded
    monkeypatch.setattr(load, "record_deliveries", real_record)
    pipeline.run_plain(settings)
    lines = sent_file.read_text(encoding="utf-8").splitlines()
    con = duckdb.connect(str(settings.db), read_only=True)
    try:
        alerts = con.execute("SELECT count(*) FROM alerts WHERE status = 'sent'").fetchall()[0][0]
    finally:
        con.close()
    # Only the one alert sent but not recorded before the crash goes out twice.
    assert alerts == len(lines) - 1


def test_run_lock_is_per_warehouse(settings: Settings, tmp_path: Path) -> None:
    other = Settings.load(
        db=settings.db, config_dir=settings.config_dir, data_dir=tmp_path / "other-data",
        sources_file=settings.sources_file,
    )
    assert other.run_lock == settings.run_lock
    with pipeline.run_lock(settings.run_lock), pytest.raises(RunLocked), pipeline.run_lock(other.run_lock):
        pass
