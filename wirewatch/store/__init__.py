"""The warehouse by area: runs and fetches, URLs, articles, stories, events, meetings, alerts.

Every statement is a file ``warehouse/queries/<area>/<name>.sql`` loaded by
name (``wirewatch.store.queries``); Python here only binds values and shapes
rows. Writers take an open connection and run inside the caller's
transaction, so the caller decides what commits together::

    with store.open_warehouse(path) as con, store.transaction(con):
        store.register_sources(con, sources)
        store.start_run(con, summary)
        known = store.read_known_urls(con, names)

Domain rules stay in their stage packages: which fetch outcome is final
(``wirewatch.fetch``), which report is a meeting's best (``wirewatch.detect``),
which alerts to send (``wirewatch.alert``); row ids are ``wirewatch.ids``.

Names load their area module on first use (:mod:`wirewatch.lazy`: the typed
imports below are the one list of them), so a command that reads one report
does not import every stage the writers need.
"""

# ruff: noqa: F401  (the TYPE_CHECKING imports are the facade's list of names: wirewatch/lazy.py)
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wirewatch.lazy import lazy_names, load_lazily

if TYPE_CHECKING:
    from wirewatch.store.alerts import (
        drop_unsent_alerts,
        list_alerted_meetings,
        list_alerts,
        meeting_views,
        new_story_articles,
        pending_alerts,
        plan_meeting_alerts,
        queue_story_alerts,
        record_deliveries,
        story_views,
    )
    from wirewatch.store.articles import (
        ArticleLoad,
        load_page_results,
    )
    from wirewatch.store.connection import (
        Connection,
        checkpoint,
        connect,
        open_warehouse,
        transaction,
    )
    from wirewatch.store.events import assign_events, event_index_for
    from wirewatch.store.export import export_objects, object_batches
    from wirewatch.store.health import (
        article_pace,
        fresh_robots,
        health_recorded,
        latest_runs,
        outbox_counts,
        read_health,
        record_health,
        registered_sources,
        save_robots,
    )
    from wirewatch.store.meetings import (
        Detection,
        DetectionInput,
        count_meetings,
        meeting_coverage,
        pending_detection,
        store_detections,
    )
    from wirewatch.store.runs import (
        finish_run,
        record_fetches,
        register_sources,
        start_run,
    )
    from wirewatch.store.search import (
        all_index_documents,
        changed_articles,
        hit_details,
        index_documents,
        index_versions,
        stories_per_period,
        story_copies,
        summarized_stories_per_period,
        warehouse_versions,
    )
    from wirewatch.store.staging import batch_loaded, record_batch
    from wirewatch.store.stories import (
        load_boilerplate,
        load_story_index,
        prune_story_index,
        refresh_stories,
        save_boilerplate,
        store_story_index,
        top_stories,
    )
    from wirewatch.store.summary import (
        rebuild_summaries,
        refresh_summaries,
        summary_days,
        summary_drift,
    )
    from wirewatch.store.urls import (
        article_ids_for_urls,
        read_known_urls,
        store_article_urls,
    )

_WHERE = lazy_names(__name__, __file__)  # the imports above, the one list of names
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    return load_lazily(name, _WHERE, globals(), facade=__name__)
