"""Alert stage: rules, messages, channels and outbox delivery.

Pure logic plus channel I/O; the warehouse owns the ``alerts`` table::

    plan_alerts(meetings, config)      -> [(meeting_id, channel, rule)]  rows to insert
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
from wirewatch.alert.records import AlertMessage, AlertStatus, Delivery, MeetingView, PendingAlert
from wirewatch.alert.rules import check_alerts_config, plan_alerts

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
    "build_channels",
    "check_alerts_config",
    "check_channels",
    "country_name",
    "deliver_pending",
    "mask_secrets",
    "next_attempt_at",
    "plan_alerts",
    "render",
    "resolve_country",
]
