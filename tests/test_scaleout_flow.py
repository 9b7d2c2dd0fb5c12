"""The scale-out flow run in one process (batches as subflows): the same warehouse as `wirewatch run`.

Workers on a real work pool are in tests/test_scaleout_slow.py (`make test-slow`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
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


def _health_and_robots(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Source health, the robots.txt cache and robots.txt fetches per run, without times and ids."""
    queries = {
        "health": "SELECT source_id, feed, kind, consecutive_failures, last_outcome, last_error, "
        "last_success_at IS NOT NULL, next_attempt_at IS NOT NULL FROM source_health ORDER BY 1, 2",
        "robots": "SELECT robots_url, status_code, body FROM robots_cache ORDER BY 1",
        "robots_fetches": "SELECT count(*) FILTER (WHERE kind = 'robots') FROM fetches "
        "GROUP BY run_id ORDER BY min(requested_at)",
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


def test_scaleout_flow_in_process_leaves_what_the_local_run_leaves(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path
) -> None:
    from prefect import get_client

    from flows.ingest import run_ingest
    from flows.scaleout import HOST_LIMIT, LOADER_LIMIT, ingest_scaleout

    # The demo's dead feed (a 404) backs off after its first failure, for the second runs.
    with (config_dir / "defaults.yaml").open("a", encoding="utf-8") as f:
        f.write("health_free_failures: 0\nhealth_backoff_base_seconds: 3600\n")
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
    # Health and robots.txt answers are recorded with the batches as the local load records them.
    health = _health_and_robots(tmp_path / "local" / "w.duckdb")
    assert any(row[3] == 1 for row in health["health"])  # the dead feed failed once
    assert health["robots"]
    assert _health_and_robots(tmp_path / "scaled" / "w.duckdb") == health
    assert not list((tmp_path / "scaled" / "data" / "staging").rglob("*.parquet"))  # all loaded
    # Second runs: workers leave the backing-off feed alone and reuse the stored robots.txt.
    local_again = run_ingest(local)
    again = ingest_scaleout(scaled, batch_deployment=None)
    assert (again.status, again.articles_new, again.meetings_new) == ("completed", 0, 0)
    assert local_again.backing_off and again.backing_off == local_again.backing_off
    health = _health_and_robots(tmp_path / "local" / "w.duckdb")
    assert health["robots_fetches"][-1] == (0,)
    assert _health_and_robots(tmp_path / "scaled" / "w.duckdb") == health
    with get_client(sync_client=True) as client:
        limits = {limit.name: limit.limit for limit in client.read_global_concurrency_limits(limit=200)}
    assert limits[LOADER_LIMIT] == 1
    assert limits[HOST_LIMIT.format(host=HOSTS[0])] == 1
