"""The ingest flow: a straight fetch -> extract -> dedupe/load -> detect -> index -> story alerts -> alert sequence.

This is the one place that writes the order of a run's steps. The run session
(``wirewatch.run.runsession``) holds the run lock, records the run and its
summary, and makes the extraction pool that the tasks share.
"""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner

from flows.artifacts import published_session
from tasks import (
    deliver_alerts_task,
    detect_task,
    extract_task,
    fetch_task,
    index_task,
    load_task,
    story_alerts_task,
)
from wirewatch.models import RunSummary
from wirewatch.run import (
    ExtractInfo,
    FetchInfo,
    RunParams,
    chunked,
    page_batches,
    summary_line,
)

SOURCES_PER_TASK = 25  # one fetch task per group of sources; requests inside are async
FETCH_THREADS = 4  # fetch tasks in flight at once (each is mostly waiting on the network)


@flow(
    name="wirewatch-ingest",
    task_runner=ThreadPoolTaskRunner(max_workers=FETCH_THREADS),  # type: ignore[arg-type]
    log_prints=False,
)
def ingest(params: RunParams | None = None) -> RunSummary:
    """One ingest run over the configured sources; returns the run summary."""
    settings = (params or RunParams()).settings()
    with published_session(settings) as run:  # the summary also goes to the UI as an artifact
        groups = chunked(settings.sources.sources, SOURCES_PER_TASK)
        futures = [
            fetch_task.submit(settings, group, run.start, i, run.pool)
            for i, group in enumerate(groups)
        ]
        fetched = run.record(FetchInfo.combine(future.result() for future in futures))
        extracted = ExtractInfo((), run.start.boilerplate)
        for batch in page_batches(settings, fetched):
            extracted = extracted.then(extract_task(settings, batch, extracted.boilerplate, run.pool))
        run.record(extracted)
        run.record(load_task(settings, run.run_id, fetched, extracted))
        run.record(detect_task(settings, run.pool))
        run.record(index_task(settings, run.run_id))  # the search index follows the warehouse writes
        run.record(story_alerts_task(settings, run.run_id))
        run.record(deliver_alerts_task(settings))
    get_run_logger().info(summary_line(run.summary))
    return run.summary


def run_ingest(params: RunParams | None = None) -> RunSummary:
    """Run the ingest flow in this process, without the per-flow heartbeat thread.

    The heartbeat costs about a second at exit and only matters to a server
    watching for crashed runs, which ``wirewatch serve`` provides.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return ingest(params)
