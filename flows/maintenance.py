"""The maintenance flow: retry due alerts, prune the near-duplicate index, checkpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from tasks.ingest import deliver_alerts_task
from wirewatch import pipeline
from wirewatch.settings import Settings


@task(name="compact-warehouse", cache_policy=NO_CACHE)
def compact_task(settings: Settings) -> int:
    """Prune index entries past the story window and checkpoint the warehouse."""
    return pipeline.compact(settings)


# An ingest run may hold the run lock at the scheduled time: try again a little later.
@flow(name="wirewatch-maintenance", log_prints=False, retries=3, retry_delay_seconds=300)
def maintenance(
    config_dir: str | None = None,
    db: str | None = None,
    data_dir: str | None = None,
    sources_file: str | None = None,
) -> dict[str, Any]:
    """Housekeeping between ingest runs."""
    settings = Settings.load(
        db=Path(db) if db else None,
        config_dir=Path(config_dir) if config_dir else None,
        data_dir=Path(data_dir) if data_dir else None,
        sources_file=Path(sources_file) if sources_file else None,
    )
    with pipeline.run_lock(settings.run_lock):
        delivered = deliver_alerts_task(settings)
        pruned = compact_task(settings)
    return {
        "alerts_sent": delivered.sent,
        "alerts_failed": delivered.failed,
        "index_pruned": pruned,
    }
