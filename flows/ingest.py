"""The ingest flow: a straight fetch -> extract -> dedupe/load -> detect -> alert sequence."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner

from tasks import (
    begin_run_task,
    deliver_alerts_task,
    detect_task,
    end_run_task,
    extract_task,
    fetch_task,
    load_task,
)
from wirewatch import pipeline
from wirewatch.models import PageResult, RunSummary
from wirewatch.settings import Settings

SOURCES_PER_TASK = 25  # one fetch task per group of sources; requests inside are async
FETCH_THREADS = 4  # fetch tasks in flight at once (each is mostly waiting on the network)


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


@flow(
    name="wirewatch-ingest",
    task_runner=ThreadPoolTaskRunner(max_workers=FETCH_THREADS),  # type: ignore[arg-type]
    log_prints=False,
)
def ingest(
    config_dir: str | None = None,
    db: str | None = None,
    data_dir: str | None = None,
    sources_file: str | None = None,
) -> dict[str, Any]:
    """One ingest run over the configured sources; returns the run summary."""
    settings = Settings.load(
        db=_path(db),
        config_dir=_path(config_dir),
        data_dir=_path(data_dir),
        sources_file=_path(sources_file),
        check_channels=True,  # an unset alert secret fails the run before it fetches
    )
    with pipeline.run_lock(settings.run_lock):
        start = begin_run_task(settings)
        summary = RunSummary(
            run_id=start.run_id, started_at=start.started_at, sources=len(settings.sources.sources)
        )
        try:
            groups = pipeline.chunked(settings.sources.sources, SOURCES_PER_TASK)
            futures = [
                fetch_task.submit(settings, group, start.known, start.run_id, i)
                for i, group in enumerate(groups)
            ]
            fetches = [f for future in futures for f in future.result()]
            results: list[PageResult] = []
            boilerplate = start.boilerplate
            for batch in pipeline.page_batches(settings, fetches):
                part, boilerplate = extract_task(settings, batch, boilerplate, start.run_id)
                results.extend(part)
            loaded = load_task(settings, start.run_id, fetches, results, boilerplate)
            detected = detect_task(settings)
            delivered = deliver_alerts_task(settings)
            pipeline.summarize(
                summary,
                fetches=fetches,
                results=results,
                loaded=loaded,
                detected=detected,
                delivered=delivered,
            )
            summary.status = "completed"
        except BaseException as exc:
            summary.status = pipeline.stopped_status(exc)
            summary.errors.append(f"{type(exc).__name__}: {exc}")
            summary.finished_at = datetime.now(UTC)
            end_run_task(settings, summary)
            raise
        end_run_task(settings, summary)
    get_run_logger().info(pipeline.summary_line(summary))
    return summary.to_json()


def run_ingest(**parameters: str | None) -> dict[str, Any]:
    """Run the ingest flow in this process, without the per-flow heartbeat thread.

    The heartbeat costs about a second at exit and only matters to a server
    watching for crashed runs (FACTS.md), which ``wirewatch serve`` provides.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return ingest(**parameters)
