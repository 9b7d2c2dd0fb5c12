"""Outbox delivery: send pending alerts, report each outcome, schedule retries.

The warehouse keeps the outbox (``alerts``); this module only decides. Each
pending alert yields exactly one :class:`Delivery`, so the caller can write the
outcomes back (all at the end in one transaction, or each as it comes through
``on_delivery``): a sent alert is never sent again, a failed
one keeps its error and waits ``next_attempt_at`` (exponential backoff), and
after the channel's ``max_attempts`` it is marked ``failed``, still in the
table with its last error, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from wirewatch.alert.channels import Channel
from wirewatch.alert.message import render
from wirewatch.alert.records import AlertStatus, Delivery, PendingAlert
from wirewatch.config import ChannelConfig
from wirewatch.errors import DeliveryError

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "SKIP_AFTER_FAILURES",
    "deliver_pending",
    "next_attempt_at",
]

BACKOFF_BASE = timedelta(minutes=1)  # wait after the first failed attempt
BACKOFF_CAP = timedelta(hours=1)  # never wait longer than this between attempts
# Consecutive failures on one channel after which its remaining alerts wait for
# the next run instead of each paying the dead endpoint's timeout.
SKIP_AFTER_FAILURES = 3
# A channel that has gone from alerts.yaml has no max_attempts of its own.
DEFAULT_MAX_ATTEMPTS: int = ChannelConfig.model_fields["max_attempts"].default


def next_attempt_at(attempts: int, now: datetime) -> datetime:
    """When to retry after ``attempts`` failed attempts: 1 min, 2, 4, ... capped at 1 h."""
    if attempts <= 0:
        return now
    # Cap the exponent before computing so a huge attempt count cannot overflow.
    exponent = min(attempts - 1, 32)
    return now + min(BACKOFF_BASE * (2**exponent), BACKOFF_CAP)


def _failed(pending: PendingAlert, error: str, *, now: datetime, max_attempts: int) -> Delivery:
    attempts = pending.attempts + 1
    give_up = attempts >= max_attempts
    return Delivery(
        alert_id=pending.alert_id,
        ok=False,
        error=error,
        attempted_at=now,
        attempts=attempts,
        status=AlertStatus.FAILED if give_up else AlertStatus.PENDING,
        next_attempt_at=None if give_up else next_attempt_at(attempts, now),
    )


def deliver_pending(
    pending: Sequence[PendingAlert],
    channels: Mapping[str, Channel],
    *,
    now: datetime,
    on_delivery: Callable[[Delivery], None] | None = None,
) -> list[Delivery]:
    """Try each pending alert once on its channel; return one Delivery per alert, in order.

    Never raises for a channel failure: a DeliveryError, any other crash of a
    channel, or a channel missing from the config becomes ``Delivery(ok=False)``
    with a one-sentence error, so the outcomes already reached are all returned
    and recorded (otherwise the alerts sent before a crash would be sent again).

    After ``SKIP_AFTER_FAILURES`` consecutive failures on one channel, its
    remaining alerts are not attempted this call (a dead endpoint would
    otherwise cost a timeout per alert): they come back ``ok=False`` with
    ``attempts`` unchanged and a retry time. ``on_delivery``, if given, is
    called with each Delivery as soon as it is known, so a caller can record
    it at once; an exception from it propagates.
    """
    deliveries: list[Delivery] = []
    failures_in_a_row: dict[str, int] = {}
    last_failure: dict[str, Delivery] = {}
    for item in pending:
        channel = channels.get(item.channel)
        if channel is None:
            delivery = _failed(
                item,
                f"channel {item.channel!r} is not in alerts.yaml, so the alert could not be sent.",
                now=now,
                max_attempts=DEFAULT_MAX_ATTEMPTS,
            )
        elif failures_in_a_row.get(item.channel, 0) >= SKIP_AFTER_FAILURES:
            tripped = last_failure[item.channel]
            delivery = Delivery(
                alert_id=item.alert_id,
                ok=False,
                error=f"not attempted: channel {item.channel!r} failed "
                f"{SKIP_AFTER_FAILURES} times in a row this run (last: {tripped.error})",
                attempted_at=now,
                attempts=item.attempts,
                status=AlertStatus.PENDING,
                next_attempt_at=next_attempt_at(max(item.attempts, 1), now),
            )
        else:
            delivery = _attempt(item, channel, now=now)
            if delivery.ok:
                failures_in_a_row[item.channel] = 0
            else:
                failures_in_a_row[item.channel] = failures_in_a_row.get(item.channel, 0) + 1
                last_failure[item.channel] = delivery
        deliveries.append(delivery)
        if on_delivery is not None:
            on_delivery(delivery)
    return deliveries


def _attempt(item: PendingAlert, channel: Channel, *, now: datetime) -> Delivery:
    try:
        channel.send(item.alert_id, render(item.subject), now=now)
    except DeliveryError as exc:
        return _failed(item, str(exc), now=now, max_attempts=channel.max_attempts)
    except Exception as exc:  # a bug in a channel must not lose the outcomes of the others
        # AppriseChannel turns every exception into a masked DeliveryError, so
        # only the local channels (console, file) can get here, with no secrets.
        error = f"channel {item.channel!r} crashed: {type(exc).__name__}: {exc}."
        return _failed(item, error, now=now, max_attempts=channel.max_attempts)
    return Delivery(
        alert_id=item.alert_id,
        ok=True,
        error=None,
        attempted_at=now,
        attempts=item.attempts + 1,
        status=AlertStatus.SENT,
        next_attempt_at=None,
    )
