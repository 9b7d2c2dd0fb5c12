"""Readers beside the writer: search, attention, sql and trends during a run answer or wait aloud.

A separate process (DuckDB lets one process hold the file for writing, so a
reader in the run's own process would not be one) reads in a loop while a
run loads the second edition of the newswire: every read must answer, or wait
and say so; the run must complete. A second writer (reindex during a run) is
refused in one sentence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch.app.printing import write_sources
from wirewatch.demo import DemoNewswire
from wirewatch.models import RunSummary
from wirewatch.run import RunParams
from wirewatch.run.lock import run_lock
from wirewatch.settings import run_lock_for

READER = r"""
import json, logging, sys, time
from pathlib import Path

db, stop = Path(sys.argv[1]), Path(sys.argv[2])
waits = []
class Said(logging.Handler):
    def emit(self, record):
        waits.append(record.getMessage())
logging.getLogger("wirewatch.warehouse").addHandler(Said(logging.WARNING))

from wirewatch.app import trends
from wirewatch.attention import attention_series
from wirewatch.storysearch import search_stories
from wirewatch.status import read_status
from wirewatch.warehouse import read_only_query

answers, failures = {"search": 0, "attention": 0, "sql": 0, "trends": 0, "status": 0}, []
while not stop.exists():
    for kind, read in (
        ("search", lambda: search_stories(db, "Verin OR Samarin", limit=5)),
        ("attention", lambda: attention_series(db, ["Verin", "Samarin"], by="day")),
        ("sql", lambda: read_only_query(db, "SELECT count(*) FROM articles")),
        ("trends", lambda: trends.run(db, "daily_volume")),
        ("status", lambda: read_status(db, archive_dir=db.parent / "archive")),
    ):
        try:
            read()
            answers[kind] += 1
        except Exception as exc:
            failures.append(f"{kind}: {type(exc).__name__}: {exc}")
    time.sleep(0.05)
print(json.dumps({"answers": answers, "waits": waits, "failures": failures}))
"""


@pytest.fixture
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(history=False) as newswire:
        yield newswire


def ingest(wire: DemoNewswire, tmp_path: Path, config_dir: Path, db: Path) -> RunSummary:
    from flows.ingest import run_ingest

    sources = write_sources(wire.sources, tmp_path / "sources.yaml")
    return run_ingest(
        RunParams(config_dir=config_dir, db=db, data_dir=tmp_path / "data", sources_file=sources)
    )


@pytest.mark.usefixtures("prefect_harness")
def test_readers_in_a_loop_never_fail_a_run_and_answer_or_wait_aloud(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path
) -> None:
    assert ingest(wire, tmp_path, config_dir, db_path).status == "completed"
    wire.set_edition(2)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        summary = ingest(wire, tmp_path, config_dir, db_path)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    seen = json.loads(out)
    assert summary.status == "completed"
    assert summary.articles_updated == 1
    assert seen["failures"] == []
    assert all(n > 0 for n in seen["answers"].values()), seen
    assert all("waiting up to" in said for said in seen["waits"])


def test_a_second_writer_is_refused_in_one_sentence(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with run_lock(run_lock_for(db_path)):
        result = subprocess.run(
            [sys.executable, "-m", "wirewatch", "reindex", "--db", str(db_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"wirewatch: another wirewatch run holds {run_lock_for(db_path)}; wait for it to finish"
    ]
