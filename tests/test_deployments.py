"""The served deployments: schedules from config, one run at a time, typed parameters passed through."""

from pathlib import Path

from flows.deployments import build_deployments
from flows.ingest import ingest
from wirewatch.config import load_defaults
from wirewatch.run import RunParams

REPO = Path(__file__).resolve().parents[1]


def test_ingest_and_maintenance_deployments() -> None:
    defaults = load_defaults(REPO / "config" / "defaults.yaml")
    params = {"params": RunParams(db=Path("/tmp/w.duckdb"), config_dir=Path("/tmp/config")).model_dump(mode="json")}
    ingest_deployment, maintenance = build_deployments(
        params, cron=defaults.schedule_cron, maintenance_cron=defaults.maintenance_cron
    )
    assert (ingest_deployment.name, maintenance.name) == ("ingest", "maintenance")
    assert ingest_deployment.schedules[0].schedule.cron == "*/15 * * * *"
    assert maintenance.schedules[0].schedule.cron == defaults.maintenance_cron
    for deployment in (ingest_deployment, maintenance):
        assert deployment.concurrency_limit == 1
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy.value == "CANCEL_NEW"
        assert deployment.parameters == params
    entrypoint = ingest_deployment.entrypoint
    assert entrypoint is not None and entrypoint.endswith("flows/ingest.py:ingest")


def test_stored_parameters_come_back_as_run_params() -> None:
    """What a deployment stores as JSON is validated into the typed object the flow reads."""
    stored = RunParams(db=Path("/srv/w.duckdb"), data_dir=Path("/srv/data")).model_dump(mode="json")
    validated = ingest.validate_parameters({"params": stored})
    assert validated["params"] == RunParams(db=Path("/srv/w.duckdb"), data_dir=Path("/srv/data"))
    assert ingest.validate_parameters({}) == {"params": None}  # prefect.yaml's `parameters: {}`
    schema = ingest.parameters.model_dump()  # what a deployment enforces on stored parameters
    assert set(schema["definitions"]["RunParams"]["properties"]) == {
        "db", "config_dir", "data_dir", "sources_file", "alerts_as_of"
    }
