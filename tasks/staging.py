"""The scale-out tasks: a worker stages one group of sources, the loader merges staged batches.

Thin like the ingest tasks: each unpacks its arguments and calls one
``wirewatch.run.staging`` function. Neither takes the run's extraction pool: a
worker on another machine has none to share.
"""

from __future__ import annotations

from collections.abc import Sequence

from prefect import task
from prefect.cache_policies import NO_CACHE

from wirewatch.config import SourceConfig
from wirewatch.run.staging import StagedLoad, StagingArea, load_staged, stage_sources
from wirewatch.settings import Settings


@task(name="stage-sources", cache_policy=NO_CACHE)
def stage_task(
    settings: Settings, sources: Sequence[SourceConfig], area: StagingArea, run_id: str, batch_no: int
) -> str:
    """Fetch and extract a group of sources into a staged batch (no warehouse access)."""
    return stage_sources(settings, sources, area=area, run_id=run_id, batch_no=batch_no)


@task(name="load-staged", cache_policy=NO_CACHE)
def load_staged_task(settings: Settings, area: StagingArea) -> StagedLoad:
    """Merge every complete staged batch into the warehouse, once each."""
    return load_staged(settings, area)
