"""Process-wide settings for Prefect, applied before it is imported.

Prefect reads its settings from the environment at import time, so the CLI
calls :func:`configure_prefect` first. Values a user already set win.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PREFECT_DEFAULTS", "configure_prefect"]

PREFECT_DEFAULTS = {
    # A cold in-process server takes over 20 s to start here; the default 20 s times out.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # Telemetry causes a start-up "database is locked" on SQLite.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Keep Prefect's own log noise out of the user's terminal.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
}


# Prefect logs a failed flow or task run with its traceback; the CLI says it in one line.
QUIET_RUN_LOGGERS = {
    "PREFECT_LOGGING_LEVEL": "ERROR",  # e.g. "EventsWorker - Still processing items" at exit
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "CRITICAL",
}


def configure_prefect(
    data_dir: Path, *, log_level: str | None = None, quiet_runs: bool = False
) -> None:
    """Point Prefect's home at wirewatch's data directory and quiet its logs.

    ``log_level`` overrides the quiet default (``wirewatch serve`` shows Prefect's
    per-run lines at INFO); ``quiet_runs`` also silences the flow and task run
    loggers, whose failure messages carry tracebacks.
    """
    os.environ.setdefault("PREFECT_HOME", str(data_dir / "prefect"))
    # Prefect cannot start its local database in a home that does not exist yet.
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if log_level is not None:
        os.environ["PREFECT_LOGGING_LEVEL"] = log_level
    if quiet_runs:
        for key, value in QUIET_RUN_LOGGERS.items():
            os.environ[key] = value
