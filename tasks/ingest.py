"""The ingest tasks. Each unpacks its arguments and calls one ``wirewatch.pipeline`` step.

Tasks take a batch (a group of sources, a batch of pages), never a single page:
a Prefect task costs more than the extraction it would wrap (FACTS.md).
``NO_CACHE`` because inputs are large and caching across runs is not wanted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from wirewatch import pipeline
from wirewatch.config import SourceConfig
from wirewatch.errors import WarehouseLocked, is_transient
from wirewatch.extract import BoilerplateModel
from wirewatch.fetch import KnownUrl, SourceFetch
from wirewatch.models import Page, PageResult, RunSummary
from wirewatch.settings import Settings
from wirewatch.store import ArticleLoad


def retry_if_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a task only when it failed with an error marked transient.

    Not a locked warehouse: opening it has already waited (and said so) for the
    time it announced; retrying would wait as long again, silently.
    """
    try:
        state.result()
    except WarehouseLocked:
        return False
    except Exception as exc:  # the task's own exception, re-raised by Prefect
        return is_transient(exc)
    return False


_RETRY: dict[str, Any] = {
    "retries": 3,
    "retry_delay_seconds": [1, 5, 15],
    "retry_condition_fn": retry_if_transient,
    "cache_policy": NO_CACHE,
}


@task(name="begin-run", **_RETRY)
def begin_run_task(settings: Settings) -> pipeline.RunStart:
    """Migrate, register sources, record the run, read known URLs."""
    return pipeline.begin_run(settings)


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_task(
    settings: Settings,
    sources: Sequence[SourceConfig],
    known: dict[str, KnownUrl],
    run_id: str,
    batch_no: int,
) -> list[SourceFetch]:
    """Discover and fetch a batch of sources (async HTTP inside)."""
    return pipeline.fetch_batch(settings, sources, known=known, run_id=run_id, batch_no=batch_no)


@task(name="extract-pages", cache_policy=NO_CACHE)
def extract_task(
    settings: Settings, pages: Sequence[Page], boilerplate: BoilerplateModel, run_id: str
) -> tuple[list[PageResult], BoilerplateModel]:
    """Extract and clean a batch of pages (process pool inside)."""
    return pipeline.extract_pages(settings, pages, boilerplate=boilerplate, run_id=run_id)


@task(name="dedupe-and-load", **_RETRY)
def load_task(
    settings: Settings,
    run_id: str,
    fetches: Sequence[SourceFetch],
    results: Sequence[PageResult],
    boilerplate: BoilerplateModel,
) -> ArticleLoad:
    """Dedupe the run's articles into stories and load them with every fetch attempt."""
    return pipeline.load_results(
        settings, run_id=run_id, fetches=fetches, results=results, boilerplate=boilerplate
    )


@task(name="detect-meetings", **_RETRY)
def detect_task(settings: Settings) -> pipeline.DetectOutcome:
    """Detect meetings in new article versions and queue their alerts."""
    return pipeline.detect_pending(settings)


@task(name="deliver-alerts", **_RETRY)
def deliver_alerts_task(settings: Settings) -> pipeline.AlertOutcome:
    """Send due alerts from the outbox."""
    return pipeline.deliver_alerts(settings)


@task(name="end-run", **_RETRY)
def end_run_task(settings: Settings, summary: RunSummary) -> None:
    """Store the run summary."""
    pipeline.end_run(settings, summary)
