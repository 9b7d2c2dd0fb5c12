"""The scale-out flow run in one process (batches as subflows): the same warehouse as `wirewatch run`.

Workers on a real work pool are in tests/test_scaleout_slow.py (`make test-slow`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_flow_e2e import HOSTS, _snapshot

from wirewatch.app.printing import write_sources
from wirewatch.demo import DemoNewswire
from wirewatch.run import RunParams

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(hosts=HOSTS, history=False) as newswire:
        yield newswire


def _params(wire: DemoNewswire, root: Path, config_dir: Path) -> RunParams:
    root.mkdir(parents=True)
    sources = write_sources(wire.sources, root / "sources.yaml")
    return RunParams(
        config_dir=config_dir, db=root / "w.duckdb", data_dir=root / "data", sources_file=sources
    )


def test_scaleout_flow_in_process_leaves_what_the_local_run_leaves(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path
) -> None:
    from prefect import get_client

    from flows.ingest import run_ingest
    from flows.scaleout import HOST_LIMIT, LOADER_LIMIT, ingest_scaleout

    local = _params(wire, tmp_path / "local", config_dir)
    first = run_ingest(local)
    assert first.status == "completed"
    scaled = _params(wire, tmp_path / "scaled", config_dir)
    summary = ingest_scaleout(scaled, batch_deployment=None)
    assert summary.status == "completed"
    # The summary comes from the loaded batches as a local run's comes from its steps.
    assert (summary.fetched, summary.extracted, summary.articles_new, summary.meetings_new) == (
        first.fetched, first.extracted, first.articles_new, first.meetings_new
    )
    assert _snapshot(tmp_path / "scaled" / "w.duckdb") == _snapshot(tmp_path / "local" / "w.duckdb")
    assert not list((tmp_path / "scaled" / "data" / "staging").rglob("*.parquet"))  # all loaded
    again = ingest_scaleout(scaled, batch_deployment=None)
    assert (again.status, again.articles_new, again.meetings_new) == ("completed", 0, 0)
    with get_client(sync_client=True) as client:
        limits = {limit.name: limit.limit for limit in client.read_global_concurrency_limits(limit=200)}
    assert limits[LOADER_LIMIT] == 1
    assert limits[HOST_LIMIT.format(host=HOSTS[0])] == 1
