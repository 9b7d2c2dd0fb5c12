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

Names load their area module on first use, so a command that reads one
report does not import every stage the writers need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
    from wirewatch.store.urls import (
        article_ids_for_urls,
        read_known_urls,
        store_article_urls,
    )

_AREA_OF = {
    "drop_unsent_alerts": "alerts",
    "list_alerted_meetings": "alerts",
    "list_alerts": "alerts",
    "meeting_views": "alerts",
    "pending_alerts": "alerts",
    "plan_meeting_alerts": "alerts",
    "record_deliveries": "alerts",
    "new_story_articles": "alerts",
    "queue_story_alerts": "alerts",
    "story_views": "alerts",
    "ArticleLoad": "articles",
    "load_page_results": "articles",
    "Connection": "connection",
    "checkpoint": "connection",
    "connect": "connection",
    "open_warehouse": "connection",
    "transaction": "connection",
    "assign_events": "events",
    "event_index_for": "events",
    "export_objects": "export",
    "object_batches": "export",
    "Detection": "meetings",
    "DetectionInput": "meetings",
    "count_meetings": "meetings",
    "meeting_coverage": "meetings",
    "pending_detection": "meetings",
    "store_detections": "meetings",
    "finish_run": "runs",
    "record_fetches": "runs",
    "register_sources": "runs",
    "start_run": "runs",
    "changed_articles": "search",
    "hit_details": "search",
    "index_documents": "search",
    "index_versions": "search",
    "stories_per_period": "search",
    "story_copies": "search",
    "all_index_documents": "search",
    "warehouse_versions": "search",
    "batch_loaded": "staging",
    "record_batch": "staging",
    "load_boilerplate": "stories",
    "load_story_index": "stories",
    "prune_story_index": "stories",
    "refresh_stories": "stories",
    "save_boilerplate": "stories",
    "store_story_index": "stories",
    "top_stories": "stories",
    "article_ids_for_urls": "urls",
    "read_known_urls": "urls",
    "store_article_urls": "urls",
}

__all__ = [
    "ArticleLoad",
    "Connection",
    "Detection",
    "DetectionInput",
    "all_index_documents",
    "article_ids_for_urls",
    "changed_articles",
    "assign_events",
    "batch_loaded",
    "checkpoint",
    "connect",
    "count_meetings",
    "drop_unsent_alerts",
    "event_index_for",
    "export_objects",
    "finish_run",
    "hit_details",
    "index_documents",
    "index_versions",
    "list_alerted_meetings",
    "list_alerts",
    "load_boilerplate",
    "load_page_results",
    "load_story_index",
    "meeting_coverage",
    "meeting_views",
    "new_story_articles",
    "object_batches",
    "open_warehouse",
    "pending_alerts",
    "pending_detection",
    "plan_meeting_alerts",
    "prune_story_index",
    "queue_story_alerts",
    "read_known_urls",
    "record_batch",
    "record_deliveries",
    "record_fetches",
    "refresh_stories",
    "register_sources",
    "save_boilerplate",
    "start_run",
    "store_article_urls",
    "store_detections",
    "store_story_index",
    "stories_per_period",
    "story_copies",
    "story_views",
    "top_stories",
    "transaction",
    "warehouse_versions",
]


def __getattr__(name: str) -> Any:
    area = _AREA_OF.get(name)
    if area is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{area}"), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
