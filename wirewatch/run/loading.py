"""Loading one batch of extracted pages and fetch attempts: the one load path.

The single-machine run (:func:`wirewatch.run.steps.load_pages`, batches handed
over in memory) and the staged loader (:func:`wirewatch.run.staging.load_staged`,
batches read back from Parquet) both write through :func:`load_batch`, inside
their own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from wirewatch import store
from wirewatch.dedupe import StoryIndex
from wirewatch.models import FetchRecord, PageResult
from wirewatch.run.infos import ExtractInfo, FetchInfo
from wirewatch.settings import Settings

__all__ = ["LoadHints", "load_batch", "ordered_results"]


@dataclass(frozen=True)
class LoadHints:
    """What loading fetch rows needs beyond the rows: outcome overrides, listing dates, deferrals."""

    overrides: dict[str, tuple[str, str | None]]
    source_updated: dict[str, datetime | None]
    deferred_sources: list[str]

    @classmethod
    def of(cls, fetched: FetchInfo, extracted: ExtractInfo) -> LoadHints:
        """The hints of a run's (or a staged batch's) fetches and extraction results."""
        return cls(
            overrides={
                r.fetch_id: (r.error_outcome, r.error)
                for r in extracted.results
                if r.error_outcome is not None
            },
            source_updated={
                c.url: c.updated or c.published for f in fetched.sources for c in f.candidates
            },
            deferred_sources=[f.source for f in fetched.sources if f.deferred],
        )


def ordered_results(settings: Settings, results: Sequence[PageResult]) -> list[PageResult]:
    """Results in load order: configured source order, then URL (so ids and stories are stable)."""
    order = {s.name: i for i, s in enumerate(settings.sources.sources)}
    return sorted(results, key=lambda r: (order.get(r.source, len(order)), r.url))


def load_batch(
    con: store.Connection,
    run_id: str,
    results: Sequence[PageResult],
    records: Sequence[FetchRecord],
    *,
    hints: LoadHints,
    index: StoryIndex,
    now: datetime,
) -> store.ArticleLoad:
    """Dedupe and load ``results`` and record ``records``, in the caller's transaction."""
    part = store.load_page_results(con, list(results), index=index, now=now)
    store.assign_events(con)  # each new story's event, in the same transaction
    store.record_fetches(
        con,
        run_id,
        list(records),
        overrides=hints.overrides,
        source_updated=hints.source_updated,
        deferred_sources=hints.deferred_sources,
    )
    return part
