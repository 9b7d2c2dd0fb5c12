"""The maintenance flow: retry due alerts, prune the near-duplicate index, checkpoint."""

from __future__ import annotations

from typing import Any

from prefect import flow

from tasks import compact_task, deliver_alerts_task
from wirewatch.run import RunParams, run_lock


# An ingest run may hold the run lock at the scheduled time: try again a little later.
@flow(name="wirewatch-maintenance", log_prints=False, retries=3, retry_delay_seconds=300)
def maintenance(params: RunParams | None = None) -> dict[str, Any]:
    """Housekeeping between ingest runs."""
    settings = (params or RunParams()).settings()
    with run_lock(settings.run_lock):
        delivered = deliver_alerts_task(settings)
        pruned = compact_task(settings)
    return {
        "alerts_sent": delivered.sent,
        "alerts_failed": delivered.failed,
        "index_pruned": pruned,
    }
