"""The ingest tasks. Each unpacks its arguments and calls one ``wirewatch.run`` step.

Tasks take a batch (a group of sources, a batch of pages), never a single page:
a Prefect task costs more than the extraction it would wrap (about 75 ms of
server work each: 2,000 one-page tasks took 23 s or more, 20 batch tasks 1.1 s).
The run's extraction pool comes in as an argument (the flow runs its tasks in
threads of its own process); a task given none works in-process.
``NO_CACHE`` because inputs are large (and a pool cannot be hashed) and caching
across runs is not wanted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from wirewatch import run
from wirewatch.config import SourceConfig
from wirewatch.errors import WarehouseLocked, is_transient
from wirewatch.extract import BoilerplateModel
from wirewatch.models import Page
from wirewatch.run import (
    AlertInfo,
    DetectInfo,
    ExtractInfo,
    ExtractionPool,
    FetchInfo,
    LoadInfo,
    RunStart,
    StoryAlertInfo,
)
from wirewatch.settings import Settings


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


@task(name="fetch-sources", cache_policy=NO_CACHE)
def fetch_task(
    settings: Settings,
    sources: Sequence[SourceConfig],
    start: RunStart,
    batch_no: int,
    pool: ExtractionPool | None = None,
) -> FetchInfo:
    """Discover and fetch a group of sources (async HTTP inside; pages go to the pool as they come)."""
    return run.fetch_sources(settings, sources, start=start, batch_no=batch_no, pool=pool)


@task(name="read-archives", cache_policy=NO_CACHE)
def read_archives_task(settings: Settings, run_id: str | None = None) -> list[list[Page]]:
    """The archived pages to extract again, in extract batches."""
    return run.archived_batches(settings, run_id)


@task(name="extract-pages", cache_policy=NO_CACHE)
def extract_task(
    settings: Settings,
    pages: Sequence[Page],
    boilerplate: BoilerplateModel,
    pool: ExtractionPool | None = None,
) -> ExtractInfo:
    """Extract and clean a batch of pages."""
    return run.extract_pages(settings, pages, boilerplate=boilerplate, pool=pool)


@task(name="dedupe-and-load", **_RETRY)
def load_task(
    settings: Settings, run_id: str, fetched: FetchInfo, extracted: ExtractInfo
) -> LoadInfo:
    """Dedupe the run's articles into stories and load them with every fetch attempt."""
    return run.load_pages(settings, run_id=run_id, fetched=fetched, extracted=extracted)


@task(name="detect-meetings", **_RETRY)
def detect_task(settings: Settings, pool: ExtractionPool | None = None) -> DetectInfo:
    """Detect meetings in new article versions and queue their alerts."""
    return run.detect_pending(settings, pool=pool)


@task(name="queue-story-alerts", **_RETRY)
def story_alerts_task(settings: Settings, run_id: str) -> StoryAlertInfo:
    """Match the run's new stories against the story rules' saved queries and queue their alerts."""
    return run.queue_story_alerts(settings, run_id=run_id)


@task(name="deliver-alerts", **_RETRY)
def deliver_alerts_task(settings: Settings) -> AlertInfo:
    """Send due alerts from the outbox."""
    return run.deliver_alerts(settings)


@task(name="compact-warehouse", cache_policy=NO_CACHE)
def compact_task(settings: Settings) -> int:
    """Prune index entries past the story window and checkpoint the warehouse."""
    return run.compact(settings)
