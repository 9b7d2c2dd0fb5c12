"""Each run's summary as a Prefect markdown artifact, so the Prefect UI shows what the run did."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.artifacts import create_markdown_artifact

from wirewatch.run import RunSession, session, summary_markdown
from wirewatch.settings import Settings

__all__ = ["SUMMARY_KEY", "published_session"]

log = logging.getLogger(__name__)

# One key for every run: the UI keeps each run's table as a version of one artifact.
SUMMARY_KEY = "wirewatch-run-summary"


@contextmanager
def published_session(settings: Settings) -> Iterator[RunSession]:
    """``wirewatch.run.session``, then its final summary published as an artifact of the flow run,
    whether the run completed, failed or was interrupted."""
    runs: list[RunSession] = []
    try:
        with session(settings) as run:
            runs.append(run)
            yield run
    finally:
        if runs:
            summary = runs[0].summary
            try:
                create_markdown_artifact(
                    markdown=summary_markdown(summary),
                    key=SUMMARY_KEY,
                    description=f"wirewatch run {summary.run_id}: {summary.status}",
                )
            except Exception as exc:  # the run is recorded in the warehouse; the UI copy is extra
                log.warning("could not publish the summary of run %s: %s", summary.run_id, exc)
