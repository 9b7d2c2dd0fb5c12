"""The served deployments: schedules from config, one run at a time, parameters passed through."""

from pathlib import Path

from flows.deployments import build_deployments
from wirewatch.config import load_defaults

REPO = Path(__file__).resolve().parents[1]


def test_ingest_and_maintenance_deployments() -> None:
    defaults = load_defaults(REPO / "config" / "defaults.yaml")
    params = {"db": "/tmp/w.duckdb", "config_dir": "/tmp/config"}
    ingest, maintenance = build_deployments(
        params, cron=defaults.schedule_cron, maintenance_cron=defaults.maintenance_cron
    )
    assert (ingest.name, maintenance.name) == ("ingest", "maintenance")
    assert ingest.schedules[0].schedule.cron == "*/15 * * * *"
    assert maintenance.schedules[0].schedule.cron == defaults.maintenance_cron
    for deployment in (ingest, maintenance):
        assert deployment.concurrency_limit == 1
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy.value == "CANCEL_NEW"
        assert deployment.parameters == params
    assert ingest.entrypoint is not None and ingest.entrypoint.endswith("flows/ingest.py:ingest")
