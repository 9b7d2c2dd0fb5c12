"""The reprocess flow: re-extract archived responses without refetching, then load, detect, index, alert.

The newest archived copy of each URL wins. Articles whose cleaned text is
unchanged stay as they are; changed ones get a new version and go through
detection again. Recorded as a run like any other.
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from tasks import (
    deliver_alerts_task,
    detect_task,
    extract_task,
    index_task,
    load_task,
    read_archives_task,
    story_alerts_task,
)
from wirewatch.models import RunSummary
from wirewatch.run import (
    ExtractInfo,
    FetchInfo,
    RunParams,
    session,
    summary_line,
)


@flow(name="wirewatch-reprocess", log_prints=False)
def reprocess(params: RunParams | None = None, run_id: str | None = None) -> RunSummary:
    """Re-extract the archive (of one run, or all of it) and load what changed."""
    settings = (params or RunParams()).settings()
    with session(settings) as run:
        extracted = ExtractInfo((), run.start.boilerplate)
        for batch in read_archives_task(settings, run_id):
            extracted = extracted.then(extract_task(settings, batch, extracted.boilerplate, run.pool))
        run.record(extracted)
        run.record(load_task(settings, run.run_id, FetchInfo(), extracted))
        run.record(detect_task(settings, run.pool))
        run.record(index_task(settings, run.run_id))  # the search index follows the warehouse writes
        run.record(story_alerts_task(settings, run.run_id))
        run.record(deliver_alerts_task(settings))
    get_run_logger().info(summary_line(run.summary))
    return run.summary


def run_reprocess(params: RunParams | None = None, run_id: str | None = None) -> RunSummary:
    """Run the reprocess flow in this process, without the per-flow heartbeat thread."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return reprocess(params, run_id)
