"""Staged batches: the worker's Parquet file, the loader's ledger, and kills at every step.

A staged run here is the scale-out flow's order without Prefect: the
coordinator stages what the run knows, each worker fetches and extracts one
group of sources into a staged batch, one loader merges the batches. Kills
are real (SIGKILL in a child process) at chosen points; the rerun must leave
the warehouse an uninterrupted staged run leaves.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_flow_e2e import HOSTS, _snapshot

from wirewatch import run
from wirewatch.app.printing import write_sources
from wirewatch.demo import DemoNewswire
from wirewatch.run.staging import StagingArea, load_staged, source_groups, stage_sources
from wirewatch.settings import Settings

GROUP_SIZE = 2  # sources per worker batch: the demo's sites make three batches


@pytest.fixture(scope="module")
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(hosts=HOSTS, history=False) as newswire:
        yield newswire


def _settings(wire: DemoNewswire, root: Path, config_dir: Path) -> Settings:
    root.mkdir(parents=True, exist_ok=True)
    sources = write_sources(wire.sources, root / "sources.yaml")
    return Settings.load(
        db=root / "w.duckdb", config_dir=config_dir, data_dir=root / "data", sources_file=sources
    )


def staged_run(settings: Settings, area: StagingArea) -> None:
    """One run the scale-out way, in this process: stage the start, one batch per group, load."""
    with run.session(settings, pool=False) as session:
        area.write_start(session.start)
        groups = source_groups(settings.sources.sources, GROUP_SIZE)
        for i, group in enumerate(groups):
            stage_sources(settings, group, area=area, run_id=session.run_id, batch_no=i)
        loaded = load_staged(settings, area)
        session.record(loaded.fetched)
        session.record(loaded.extracted)
        session.record(loaded.load)
        session.record(run.detect_pending(settings))


_CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
import importlib
owner = importlib.import_module({module!r})
for name in {path!r}[:-1]:
    owner = getattr(owner, name)
real = getattr(owner, {attr!r})
calls = []

def killing(*args, **kwargs):
    calls.append(1)
    if len(calls) == {call} and {after}:
        real(*args, **kwargs)
    if len(calls) == {call}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)

setattr(owner, {attr!r}, killing)
from wirewatch.settings import Settings
from wirewatch.run.staging import StagingArea
from test_staging import staged_run
settings = Settings.load(db=Path({db!r}), config_dir=Path({config!r}), data_dir=Path({data!r}),
                         sources_file=Path({sources!r}))
staged_run(settings, StagingArea.for_settings(settings))
"""


def _killed_run(settings: Settings, target: str, call: int, *, after: bool = False) -> None:
    """A staged run in a child process, SIGKILLed at the ``call``-th call of ``target``
    (``module:attribute.path``), before the call or, with ``after``, just after it."""
    module, dotted = target.split(":")
    path = dotted.split(".")
    script = _CHILD.format(
        tests=str(Path(__file__).parent),
        module=module,
        path=path,
        attr=path[-1],
        call=call,
        after=after,
        db=str(settings.db),
        config=str(settings.config_dir),
        data=str(settings.data_dir),
        sources=str(settings.sources_file),
    )
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, timeout=300
    )
    assert done.returncode == -9, done.stderr.decode()[-2000:]


def _ledger(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT batch_id, pages, records FROM staged_batches ORDER BY 1").fetchall()
    finally:
        con.close()


def _config(root: Path) -> Path:
    """The test config (as the conftest's ``config_dir``), for module-scoped runs."""
    cfg = root / "config"
    cfg.mkdir(parents=True)
    (cfg / "alerts.yaml").write_text(
        "rules:\n  - name: meetings\n    kinds: [in_person, call]\n    min_confidence: 0.5\n"
        "channels:\n  - name: file\n    type: jsonl\n    path: alerts.jsonl\n",
        encoding="utf-8",
    )
    (cfg / "defaults.yaml").write_text(
        "timeout_seconds: 5\nretries: 1\nbackoff_seconds: 0.05\nrate_limit: 50\nper_host_concurrency: 4\n",
        encoding="utf-8",
    )
    return cfg


@pytest.fixture(scope="module")
def clean(wire: DemoNewswire, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The warehouse an uninterrupted staged run leaves."""
    root = tmp_path_factory.mktemp("clean")
    settings = _settings(wire, root, _config(root))
    staged_run(settings, StagingArea.for_settings(settings))
    return _snapshot(settings.db)


def test_a_staged_batch_reads_back_as_written(wire: DemoNewswire, tmp_path: Path) -> None:
    settings = _settings(wire, tmp_path, _config(tmp_path))
    area = StagingArea.for_settings(settings)
    with run.session(settings, pool=False) as session:
        area.write_start(session.start)
        start = area.read_start(session.run_id)
        assert start.known == session.start.known and start.run_id == session.run_id
        fetched = run.fetch_sources(settings, settings.sources.sources[:2], start=start)
        extracted = run.extract_pages(settings, fetched.pages, boilerplate=start.boilerplate)
        path = area.write_batch(session.run_id, 0, fetched, extracted)
        batch = area.read_batch(path)
    assert batch.extracted.results == extracted.results  # every field, offsets of dates included
    assert batch.fetched.records == fetched.records
    assert [f.candidates for f in batch.fetched.sources] == [f.candidates for f in fetched.sources]
    assert {r["host"] for r in batch.extracted.boilerplate.to_rows()} <= {
        r["host"] for r in extracted.boilerplate.to_rows()
    }


def test_one_group_staged_leaves_what_the_single_machine_run_leaves(
    wire: DemoNewswire, tmp_path: Path
) -> None:
    """The staged loader and the in-memory run load through one path: with every source in
    one worker batch (extracted as the local run extracts them) the warehouses are equal."""
    from flows.ingest import run_ingest

    pytest.importorskip("prefect")
    local = _settings(wire, tmp_path / "local", _config(tmp_path / "local"))
    run_ingest(run.RunParams.of(local))
    staged = _settings(wire, tmp_path / "staged", _config(tmp_path / "staged"))
    area = StagingArea.for_settings(staged)
    with run.session(staged, pool=False) as session:
        area.write_start(session.start)
        stage_sources(staged, staged.sources.sources, area=area, run_id=session.run_id, batch_no=0)
        session.record(load_staged(staged, area).load)
        session.record(run.detect_pending(staged))
        session.record(run.deliver_alerts(staged))
    assert _snapshot(staged.db) == _snapshot(local.db)


def test_a_batch_loaded_twice_changes_nothing(
    wire: DemoNewswire, tmp_path: Path, clean: dict[str, Any]
) -> None:
    settings = _settings(wire, tmp_path, _config(tmp_path))
    area = StagingArea.for_settings(settings)
    staged_run(settings, area)
    assert area.complete_batches() == []  # loaded batches are removed; the ledger keeps their ids
    ledger = _ledger(settings.db)
    assert len(ledger) == len(source_groups(settings.sources.sources, GROUP_SIZE))
    # Stage the same batches again (a worker retried after the loader took its first copy).
    run_id = _run_ids(settings.db)[0]
    area.write_start(area_start := _start_of(settings, run_id))
    for i, group in enumerate(source_groups(settings.sources.sources, GROUP_SIZE)):
        stage_sources(settings, group, area=area, run_id=area_start.run_id, batch_no=i)
    assert len(area.complete_batches()) == len(ledger)
    again = load_staged(settings, area)
    assert again.load == run.LoadInfo() and again.batches == 0
    assert _ledger(settings.db) == ledger
    assert _snapshot(settings.db) == clean
    assert area.complete_batches() == []


def test_only_complete_batches_are_taken(wire: DemoNewswire, tmp_path: Path) -> None:
    settings = _settings(wire, tmp_path, _config(tmp_path))
    area = StagingArea.for_settings(settings)
    folder = settings.data_dir / "staging" / "some-run"
    folder.mkdir(parents=True)
    (folder / ".0123.parquet.abc.tmp").write_bytes(b"PAR1 half a file")
    assert area.complete_batches() == []
    assert load_staged(settings, area).batches == 0


def _run_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [row[0] for row in con.execute("SELECT run_id FROM runs ORDER BY started_at").fetchall()]
    finally:
        con.close()


def _start_of(settings: Settings, run_id: str) -> run.RunStart:
    """A run start as a coordinator would stage it, with ``run_id`` (nothing known yet)."""
    from datetime import UTC, datetime

    from wirewatch.extract import BoilerplateModel

    return run.RunStart(run_id=run_id, started_at=datetime.now(UTC), known={}, boilerplate=BoilerplateModel())


# Where a worker is killed: after fetching, before extracting; in the middle of writing its
# Parquet file; with the file written under its temporary name, before the rename.
WORKER_KILLS = [
    ("wirewatch.run.steps:extract_pages", 1, False),
    ("pyarrow.parquet:write_table", 2, True),  # the first write is the run start
    ("fsspec.implementations.local:LocalFileSystem.mv", 3, False),
]
# Where the loader is killed: before its first transaction; inside a transaction, the
# batch's rows written but not its ledger row; after the second batch's commit, before
# its file is removed.
LOADER_KILLS = [
    ("wirewatch.run.staging:load_batch", 1, False),
    ("wirewatch.store:record_batch", 1, False),
    ("wirewatch.run.staging:StagingArea.remove", 2, False),
]


@pytest.mark.parametrize(("target", "call", "after"), WORKER_KILLS + LOADER_KILLS)
def test_killed_then_rerun_leaves_the_uninterrupted_warehouse(
    wire: DemoNewswire, tmp_path: Path, clean: dict[str, Any], target: str, call: int, after: bool
) -> None:
    settings = _settings(wire, tmp_path, _config(tmp_path))
    _killed_run(settings, target, call, after=after)
    staged_run(settings, StagingArea.for_settings(settings))
    rerun = _snapshot(settings.db)
    # Events by story and event id, as tests/test_flow_e2e.py compares a local run killed between
    # load batches: an event's term weights come from the text its first copy had when loaded,
    # and the rerun extracts with the templates the killed run had learned by then.
    assert [e[:3] for e in rerun.pop("events")] == [e[:3] for e in clean["events"]]
    assert rerun == {k: v for k, v in clean.items() if k != "events"}
    assert StagingArea.for_settings(settings).complete_batches() == []

