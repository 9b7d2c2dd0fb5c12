"""Prefect tasks: thin wrappers over the ``wirewatch.run`` steps, one per step."""

from tasks.ingest import (
    compact_task,
    deliver_alerts_task,
    detect_task,
    extract_task,
    fetch_task,
    load_task,
    read_archives_task,
    story_alerts_task,
)

__all__ = [
    "compact_task",
    "deliver_alerts_task",
    "detect_task",
    "extract_task",
    "fetch_task",
    "load_task",
    "read_archives_task",
    "story_alerts_task",
]
