"""Outbox delivery against a loopback webhook that fails, then recovers.

The outbox is simulated here the way the warehouse keeps it (one row per
(meeting, channel), pending rows retried once ``next_attempt_at`` has passed),
so the alert package's contract is tested without DuckDB.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from wirewatch.alert import (
    SKIP_AFTER_FAILURES,
    AlertStatus,
    Channel,
    MeetingView,
    PendingAlert,
    build_channels,
    deliver_pending,
    plan_alerts,
)
from wirewatch.config import AlertsConfig

START = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
RUN_INTERVAL = timedelta(minutes=15)  # the default schedule


def meeting(meeting_id: str, a: str, b: str, kind: str = "in_person", day: int = 20) -> MeetingView:
    """An invented meeting with a title and URL unique to it."""
    return MeetingView(
        meeting_id=meeting_id,
        country_a=a,
        country_b=b,
        kind=kind,
        event_date=date(2026, 11, day),
        location="Tashkent",
        participants=("Dilnoza Karimova", "Rustam Ergashev"),
        confidence=0.8,
        title=f"Envoys of {a} and {b} meet ({meeting_id})",
        url=f"https://wire.example.org/world/{meeting_id}.html",
        source_count=2,
        article_count=4,
    )


class FlakyWebhook:
    """A loopback HTTP server answering 500 to the first ``failures`` posts, then 200."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.posts = 0
        self.received: list[dict[str, Any]] = []  # bodies of the posts answered 200
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with outer.lock:
                    outer.posts += 1
                    ok = outer.posts > outer.failures
                    if ok:
                        outer.received.append(json.loads(body))
                self.send_response(200 if ok else 500)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FlakyWebhook:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Row:
    """One simulated row of the warehouse's ``alerts`` table."""

    alert_id: str
    meeting_id: str
    channel: str
    rule: str
    status: str = AlertStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None


class Outbox:
    """What the warehouse does around the alert package, run by run."""

    def __init__(self, config: AlertsConfig, channels: dict[str, Channel]) -> None:
        self.config = config
        self.channels = channels
        self.rows: dict[tuple[str, str], Row] = {}
        self.meetings: dict[str, MeetingView] = {}  # the warehouse's meetings table
        self.errors_seen: list[str] = []

    def run(self, meetings: list[MeetingView], now: datetime) -> int:
        """Plan alerts for the meetings seen this run, deliver what is due; return the number sent."""
        for meeting_id, channel, rule, _ in plan_alerts(meetings, self.config, now=now):
            key = (meeting_id, channel)
            if key not in self.rows:  # INSERT ... ON CONFLICT (meeting_id, channel) DO NOTHING
                self.rows[key] = Row(f"{meeting_id}/{channel}", meeting_id, channel, rule)
        self.meetings.update((m.meeting_id, m) for m in meetings)
        due = [
            PendingAlert(row.alert_id, row.channel, row.attempts, self.meetings[row.meeting_id])
            for row in self.rows.values()
            if row.status == AlertStatus.PENDING
            and (row.next_attempt_at is None or row.next_attempt_at <= now)
        ]
        deliveries = deliver_pending(due, self.channels, now=now)
        assert [d.alert_id for d in deliveries] == [p.alert_id for p in due]
        by_id = {row.alert_id: row for row in self.rows.values()}
        for delivery in deliveries:
            row = by_id[delivery.alert_id]
            assert delivery.attempts == row.attempts + 1
            row.attempts, row.status = delivery.attempts, delivery.status
            row.next_attempt_at = delivery.next_attempt_at
            if delivery.ok:
                row.sent_at, row.last_error = delivery.attempted_at, None
            else:
                assert delivery.error, "a failed delivery must say why"
                row.last_error = delivery.error
                self.errors_seen.append(delivery.error)
        return sum(d.ok for d in deliveries)


# Apprise posts with requests, which would send loopback traffic to a proxy from the environment.
pytestmark = pytest.mark.usefixtures("no_proxy")


def test_webhook_that_fails_then_recovers_gets_every_alert_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WW_TEST_HOOK_TOKEN", "hook-T0ken-s3cret")
    first = [meeting("m1", "BY", "RU"), meeting("m2", "CN", "KZ", kind="call")]
    later = [meeting("m3", "IN", "UZ"), meeting("m1", "BY", "RU")]  # m1 again: another copy of it
    with FlakyWebhook(failures=5) as hook:
        config = AlertsConfig.model_validate(
            {
                "rules": [{"name": "all", "kinds": ["in_person", "call"]}],
                "channels": [
                    {
                        "name": "webhook",
                        "type": "apprise",
                        "url": f"json://127.0.0.1:{hook.port}/hook/${{WW_TEST_HOOK_TOKEN}}",
                    },
                    {"name": "file", "type": "jsonl", "path": "alerts.jsonl"},
                ],
            }
        )
        outbox = Outbox(config, build_channels(config, base_dir=tmp_path))
        now = START
        sent_per_run = [outbox.run(first, now)]
        for run in range(1, 40):
            now += RUN_INTERVAL
            sent_per_run.append(outbox.run(later if run == 1 else [], now))
            if all(row.status == AlertStatus.SENT for row in outbox.rows.values()) and run > 2:
                break
        # A rerun with nothing new and nothing due sends nothing.
        assert outbox.run(first + later, now + timedelta(days=1)) == 0

    assert {row.status for row in outbox.rows.values()} == {AlertStatus.SENT}
    assert sorted(outbox.rows) == [(m, c) for m in ("m1", "m2", "m3") for c in ("file", "webhook")]
    # The webhook got each meeting exactly once, after 5 refusals.
    titles = sorted(post["title"] for post in hook.received)
    assert len(titles) == 3 and len(set(titles)) == 3
    assert hook.posts == 5 + 3
    for mid in ("m1", "m2", "m3"):
        assert sum(f"/world/{mid}.html" in post["message"] for post in hook.received) == 1
    # The file channel never failed: each alert appended once, on the first run it existed.
    lines = [
        json.loads(x) for x in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(x["meeting"]["meeting_id"] for x in lines) == ["m1", "m2", "m3"]
    # Failures carried a clear, masked error and were retried with backoff, not dropped.
    assert len(outbox.errors_seen) == 5
    for error in outbox.errors_seen:
        assert "'webhook'" in error and "500" in error
        assert "s3cret" not in error
    webhook_rows = [row for key, row in outbox.rows.items() if key[1] == "webhook"]
    assert sum(row.attempts for row in webhook_rows) == 8
    assert all(row.last_error is None and row.sent_at is not None for row in webhook_rows)
    assert sent_per_run[0] == 2  # only the file channel got through on the first run


def test_unreachable_webhook_keeps_alerts_pending_then_marks_them_failed(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on: connections are refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = AlertsConfig.model_validate(
        {
            "rules": [{"name": "all"}],
            "channels": [
                {
                    "name": "webhook",
                    "type": "apprise",
                    "url": f"json://127.0.0.1:{port}/hook",
                    "max_attempts": 3,
                }
            ],
        }
    )
    outbox = Outbox(config, build_channels(config, base_dir=tmp_path))
    now = START
    for _ in range(12):
        outbox.run([meeting("m1", "BY", "RU")], now)
        now += timedelta(minutes=5)
    [row] = outbox.rows.values()
    # Runs at 0, 5 and 10 minutes each find it due (backoff 1, then 2 minutes);
    # the third failure reaches max_attempts and gives up, visibly.
    assert row.status == AlertStatus.FAILED
    assert row.attempts == 3
    assert row.last_error is not None and "Connection error" in row.last_error
    assert row.next_attempt_at is None


def test_a_dead_channel_is_skipped_after_repeated_failures_without_losing_alerts(
    tmp_path: Path,
) -> None:
    with FlakyWebhook(failures=1000) as hook:
        config = AlertsConfig.model_validate(
            {
                "rules": [{"name": "all"}],
                "channels": [
                    {
                        "name": "webhook",
                        "type": "apprise",
                        "url": f"json://127.0.0.1:{hook.port}/h",
                    },
                    {"name": "file", "type": "jsonl", "path": "a.jsonl"},
                ],
            }
        )
        channels = build_channels(config, base_dir=tmp_path)
        pending = [
            PendingAlert(f"a{i}/{channel}", channel, 1, meeting(f"m{i}", "BY", "RU", day=i + 1))
            for i in range(6)
            for channel in ("webhook", "file")
        ]
        recorded: list[str] = []
        deliveries = deliver_pending(
            pending, channels, now=START, on_delivery=lambda d: recorded.append(d.alert_id)
        )
        assert hook.posts == SKIP_AFTER_FAILURES
    assert recorded == [p.alert_id for p in pending]
    webhook = [d for d in deliveries if d.alert_id.endswith("/webhook")]
    tried, skipped = webhook[:SKIP_AFTER_FAILURES], webhook[SKIP_AFTER_FAILURES:]
    assert all(not d.ok and d.attempts == 2 and d.error and "500" in d.error for d in tried)
    for d in skipped:
        assert not d.ok and d.status == AlertStatus.PENDING and d.attempts == 1
        assert d.error is not None and d.error.startswith("not attempted")
        assert d.next_attempt_at is not None and d.next_attempt_at > START
    # The healthy channel is not held back by the dead one.
    assert all(d.ok for d in deliveries if d.alert_id.endswith("/file"))


def test_a_webhook_that_does_not_answer_in_time_is_a_failure_with_an_error(tmp_path: Path) -> None:
    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            threading.Event().wait(1.0)
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = AlertsConfig.model_validate(
            {
                "rules": [{"name": "all"}],
                "channels": [
                    {  # rto: Apprise's read timeout, shortened so the test stays fast
                        "name": "slow",
                        "type": "apprise",
                        "url": f"json://127.0.0.1:{server.server_address[1]}/h?rto=0.2",
                    }
                ],
            }
        )
        pending = [PendingAlert("a1", "slow", 0, meeting("m1", "BY", "RU"))]
        [delivery] = deliver_pending(pending, build_channels(config, base_dir=tmp_path), now=START)
    finally:
        server.shutdown()
        server.server_close()
    assert not delivery.ok and delivery.status == AlertStatus.PENDING
    assert delivery.error is not None and "'slow'" in delivery.error
