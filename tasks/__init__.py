"""Prefect tasks: thin wrappers over ``wirewatch.pipeline``, one per step."""

from tasks.ingest import (
    begin_run_task,
    deliver_alerts_task,
    detect_task,
    end_run_task,
    extract_task,
    fetch_task,
    load_task,
)

__all__ = [
    "begin_run_task",
    "deliver_alerts_task",
    "detect_task",
    "end_run_task",
    "extract_task",
    "fetch_task",
    "load_task",
]
