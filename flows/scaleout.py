"""The ingest flow scaled out over a Prefect work pool: workers stage batches, one loader merges.

``ingest_scaleout`` runs the same steps as ``flows/ingest.py`` in the same
order, except that fetch and extract run as ``stage_batch`` flow runs, one per
group of sources, on any worker of the pool (``run_deployment``), each writing
a staged Parquet batch with no warehouse access; then ``load_staged_flow``
merges the batches, holding the ``wirewatch-loader`` global concurrency limit
(1), and detection, indexing and alerts follow as in a local run.

Politeness across workers: a host's sources are all in one group
(``source_groups``), the worker fetching a group holds one slot of each of its
hosts' ``wirewatch-host-<host>`` limits (1) for the whole group, and inside the
group the fetcher's own per-host rate and concurrency limits apply. A slot per
group, not per request: a slot costs about 84 ms to take and give back.

With ``batch_deployment=None`` the batches run as subflows in this process (one
machine, no workers needed), through the same staging area and loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from prefect import flow, get_client, get_run_logger
from prefect.concurrency.sync import concurrency
from prefect.deployments import run_deployment

from tasks import deliver_alerts_task, detect_task, index_task, story_alerts_task
from tasks.staging import load_staged_task, stage_task
from wirewatch.errors import StagedBatchFailed
from wirewatch.models import RunSummary
from wirewatch.run import RunParams, session, summary_line
from wirewatch.run.staging import StagedLoad, StagingArea, source_groups, source_hosts

SOURCES_PER_BATCH: Final = 25  # sources per worker batch, as a local fetch task takes
BATCH_DEPLOYMENT: Final = "wirewatch-stage-batch/stage-batch"  # flow name/deployment name
LOADER_LIMIT: Final = "wirewatch-loader"  # one loader at a time: DuckDB has one writer
HOST_LIMIT: Final = "wirewatch-host-{host}"  # one worker at a time per host
# A killed worker's slots come back when its lease runs out (a live one renews it).
LEASE_SECONDS: Final = 60
POLL_SECONDS: Final = 1  # how often the coordinator looks at its batches' flow runs


def ensure_limits(names: Sequence[str], limit: int = 1) -> None:
    """Create the global concurrency limits that do not exist yet (a missing one limits nothing)."""
    with get_client(sync_client=True) as client:
        for name in names:
            client.upsert_global_concurrency_limit_by_name(name, limit)


@flow(name="wirewatch-stage-batch", log_prints=False)
def stage_batch(
    run_id: str,
    batch_no: int,
    sources: list[str],
    params: RunParams | None = None,
    staging: str | None = None,
) -> str:
    """Fetch and extract the named sources into a staged batch; runs on any worker."""
    settings = (params or RunParams()).settings()
    wanted = set(sources)
    group = [s for s in settings.sources.sources if s.name in wanted]
    hosts = sorted({h for s in group for h in source_hosts(s)})
    names = [HOST_LIMIT.format(host=h) for h in hosts]
    ensure_limits(names)
    area = StagingArea.for_settings(settings, staging)
    with concurrency(names, occupy=1, strict=True, lease_duration=LEASE_SECONDS):
        return stage_task(settings, group, area, run_id, batch_no)


@flow(name="wirewatch-load-staged", log_prints=False)
def load_staged_flow(params: RunParams | None = None, staging: str | None = None) -> StagedLoad:
    """Merge the complete staged batches into the warehouse, one loader at a time."""
    settings = (params or RunParams()).settings()
    ensure_limits([LOADER_LIMIT])
    with concurrency(LOADER_LIMIT, occupy=1, strict=True, lease_duration=LEASE_SECONDS):
        return load_staged_task(settings, StagingArea.for_settings(settings, staging))


def _run_remote(deployment: str, parameters: list[dict[str, object]]) -> None:
    """One flow run of ``deployment`` per parameter set, all at once; fails if any did not complete."""

    def one(p: dict[str, object]) -> str:
        flow_run = run_deployment(
            deployment, parameters=p, poll_interval=POLL_SECONDS, as_subflow=False
        )
        state = flow_run.state
        return "completed" if state is not None and state.is_completed() else str(state and state.name)

    with ThreadPoolExecutor(max_workers=max(1, len(parameters))) as threads:
        outcomes = list(threads.map(one, parameters))
    failed = [
        f"batch {p['batch_no']}: {o}"
        for p, o in zip(parameters, outcomes, strict=True)
        if o != "completed"
    ]
    if failed:
        # The others' batches are loaded by the next run's loader; the failed groups are fetched again.
        raise StagedBatchFailed(
            f"{len(failed)} of {len(parameters)} staged batches failed ({', '.join(failed)})"
        )


@flow(name="wirewatch-ingest-scaleout", log_prints=False)
def ingest_scaleout(
    params: RunParams | None = None,
    staging: str | None = None,
    batch_deployment: str | None = BATCH_DEPLOYMENT,
    sources_per_batch: int = SOURCES_PER_BATCH,
) -> RunSummary:
    """One ingest run with fetch and extract on the pool's workers; returns the run summary."""
    params = params or RunParams()
    settings = params.settings()
    with session(settings, pool=False) as run:
        area = StagingArea.for_settings(settings, staging)
        area.write_start(run.start)
        groups = source_groups(settings.sources.sources, sources_per_batch)
        batches: list[dict[str, object]] = [
            {
                "run_id": run.run_id,
                "batch_no": i,
                "sources": [s.name for s in group],
                "params": params.model_dump(mode="json"),
                "staging": area.url,
            }
            for i, group in enumerate(groups)
        ]
        if batch_deployment is None:
            for batch in batches:
                stage_batch(**batch)  # type: ignore[arg-type]
        else:
            _run_remote(batch_deployment, batches)
        loaded = load_staged_flow(params, area.url)
        area.remove_run(run.run_id)
        run.record(loaded.fetched)
        run.record(loaded.extracted)
        run.record(loaded.load)
        run.record(detect_task(settings))
        index_task(settings, run.run_id)
        run.record(story_alerts_task(settings, run.run_id))
        run.record(deliver_alerts_task(settings))
    get_run_logger().info(summary_line(run.summary))
    return run.summary
