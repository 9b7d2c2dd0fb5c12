"""Deployments of the flows, served by ``wirewatch serve`` on a long-lived Prefect server."""

from __future__ import annotations

from typing import Any, cast

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment

from flows.ingest import ingest
from flows.maintenance import maintenance

# A run that overlaps the next tick would fight over the DuckDB file; cancel the new one.
ONE_AT_A_TIME = ConcurrencyLimitConfig(
    limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW
)


def build_deployments(
    parameters: dict[str, Any], *, cron: str, maintenance_cron: str
) -> list[RunnerDeployment]:
    """The ingest deployment on ``cron`` and the maintenance deployment on ``maintenance_cron``."""
    deployments = [
        ingest.to_deployment(
            name="ingest",
            cron=cron,
            parameters=parameters,
            concurrency_limit=ONE_AT_A_TIME,
            description="Fetch, clean, dedupe, load, detect meetings and alert.",
        ),
        maintenance.to_deployment(
            name="maintenance",
            cron=maintenance_cron,
            parameters=parameters,
            concurrency_limit=ONE_AT_A_TIME,
            description="Retry due alerts, prune the dedupe index, checkpoint the warehouse.",
        ),
    ]
    # to_deployment is sync-compatible: called outside an event loop it returns the deployment.
    return [cast(RunnerDeployment, d) for d in deployments]


def serve_deployments(parameters: dict[str, Any], *, cron: str, maintenance_cron: str) -> None:
    """Serve the deployments until interrupted (needs PREFECT_API_URL to a real server)."""
    serve(
        *build_deployments(parameters, cron=cron, maintenance_cron=maintenance_cron),
        print_starting_message=False,
    )
