"""Alert stage: rules, messages, channels and outbox delivery.

Pure logic plus channel I/O; the warehouse owns the ``alerts`` table::

    plan_alerts(meetings, config, now=) -> [(meeting_id, channel, rule, skip_reason)]  rows to insert
    story_queries(config)              -> saved query names the story rules watch
    plan_story_alerts({story_id: [query, ...]}, config, now=, published=)
                                       -> [(story_id, channel, rule, query, skip_reason)]

A skip_reason (not None) says the item is older than the rule's ``max_age_days``:
the row is recorded as ``skipped``, never sent.
    build_channels(config, base_dir=)  -> {name: Channel}
    check_channels(config, base_dir=, file=)  raises ConfigError before a run fetches
    deliver_pending(pending, channels, now=) -> [Delivery]               values to write back
"""

from wirewatch.alert.channels import (
    APPRISE_CALL_TIMEOUT_SECONDS,
    AppriseChannel,
    Channel,
    ConsoleChannel,
    JsonlChannel,
    build_channels,
    check_channels,
    mask_secrets,
)
from wirewatch.alert.countries import country_name, resolve_country
from wirewatch.alert.message import render
from wirewatch.alert.outbox import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    SKIP_AFTER_FAILURES,
    deliver_pending,
    next_attempt_at,
)
from wirewatch.alert.records import (
    AlertMessage,
    AlertStatus,
    Delivery,
    MeetingView,
    PendingAlert,
    StoryView,
)
from wirewatch.alert.rules import check_alerts_config, plan_alerts, plan_story_alerts, story_queries

__all__ = [
    "APPRISE_CALL_TIMEOUT_SECONDS",
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "SKIP_AFTER_FAILURES",
    "AlertMessage",
    "AlertStatus",
    "AppriseChannel",
    "Channel",
    "ConsoleChannel",
    "Delivery",
    "JsonlChannel",
    "MeetingView",
    "PendingAlert",
    "StoryView",
    "build_channels",
    "check_alerts_config",
    "check_channels",
    "country_name",
    "deliver_pending",
    "mask_secrets",
    "next_attempt_at",
    "plan_alerts",
    "plan_story_alerts",
    "render",
    "resolve_country",
    "story_queries",
]
