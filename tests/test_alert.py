"""Alert rules, message rendering, channels and backoff (delivery end to end: test_alert_delivery)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from wirewatch.alert import (
    AlertMessage,
    AlertStatus,
    MeetingView,
    PendingAlert,
    build_channels,
    check_alerts_config,
    deliver_pending,
    next_attempt_at,
    plan_alerts,
    render,
    resolve_country,
)
from wirewatch.config import AlertsConfig, load_alerts
from wirewatch.errors import ConfigError, DeliveryError

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def meeting(meeting_id: str = "m-1", **overrides: Any) -> MeetingView:
    """A plausible invented meeting; override any field."""
    fields: dict[str, Any] = {
        "meeting_id": meeting_id,
        "country_a": "BY",
        "country_b": "RU",
        "kind": "in_person",
        "event_date": date(2026, 11, 20),
        "location": "Minsk",
        "participants": ("Alena Vostrikova", "Pavel Gromtsev"),
        "confidence": 0.9,
        "title": "Minsk and Moscow leaders hold talks on grain corridor",
        "url": "https://wire.example.org/world/2026-11/20/minsk-talks.html",
        "source_count": 3,
        "article_count": 5,
    }
    fields.update(overrides)
    return MeetingView(**fields)


def config(data: dict[str, Any]) -> AlertsConfig:
    """An AlertsConfig from a plain dict, validated like alerts.yaml."""
    return AlertsConfig.model_validate(data)


REPO = Path(__file__).resolve().parents[1]
TWO_CHANNELS = [
    {"name": "console", "type": "console"},
    {"name": "file", "type": "jsonl", "path": "a.jsonl"},
]


def test_default_alerts_yaml_alerts_on_every_in_person_and_call_meeting() -> None:
    cfg = load_alerts(REPO / "config" / "alerts.yaml")
    check_alerts_config(cfg)
    meetings = [
        meeting("visit", kind="in_person", confidence=0.6),
        meeting("phone", kind="call", country_a="CN", country_b="ZA", confidence=0.8),
        meeting("future", kind="announced", confidence=0.99),
        meeting("weak", kind="in_person", confidence=0.2),
    ]
    planned = plan_alerts(meetings, cfg, now=NOW)
    channels = [c.name for c in cfg.channels]
    assert {c.type for c in cfg.channels} >= {"console", "jsonl"}
    assert planned == [(m, c, "every-meeting", None) for m in ("visit", "phone") for c in channels]


def test_kinds_and_min_confidence_filter() -> None:
    cfg = config(
        {
            "rules": [{"name": "calls", "kinds": ["call"], "min_confidence": 0.7}],
            "channels": TWO_CHANNELS[:1],
        }
    )
    meetings = [
        meeting("call-strong", kind="call", confidence=0.7),
        meeting("call-weak", kind="call", confidence=0.69),
        meeting("visit", kind="in_person", confidence=0.95),
    ]
    assert plan_alerts(meetings, cfg, now=NOW) == [("call-strong", "console", "calls", None)]


def test_countries_match_either_side_and_accept_names_and_codes() -> None:
    cfg = config(
        {
            "rules": [{"name": "watch", "countries": ["Belarus", "kaz"]}],
            "channels": TWO_CHANNELS[:1],
        }
    )
    meetings = [
        meeting("by-first", country_a="BY", country_b="CN"),
        meeting("kz-second", country_a="CN", country_b="KZ"),
        meeting("neither", country_a="CN", country_b="RU"),
    ]
    assert [p[0] for p in plan_alerts(meetings, cfg, now=NOW)] == ["by-first", "kz-second"]


def test_pairs_match_in_any_order_and_combine_with_countries_as_either() -> None:
    cfg = config(
        {
            "rules": [{"name": "interest", "countries": ["VE"], "pairs": [["RU", "CN"]]}],
            "channels": TWO_CHANNELS[:1],
        }
    )
    meetings = [
        meeting("pair", country_a="CN", country_b="RU"),
        meeting("country", country_a="CU", country_b="VE"),
        meeting("half-pair", country_a="CN", country_b="IN"),
    ]
    assert [p[0] for p in plan_alerts(meetings, cfg, now=NOW)] == ["pair", "country"]


def test_one_alert_per_meeting_and_channel_however_many_rules_match() -> None:
    cfg = config(
        {
            "rules": [
                {"name": "belarus", "countries": ["BY"], "channels": ["file"]},
                {"name": "everything"},
                {"name": "russia", "countries": ["RU"]},
            ],
            "channels": TWO_CHANNELS,
        }
    )
    m = meeting("m-1", country_a="BY", country_b="RU")
    # The same meeting handed in twice (two copies) still plans once per channel.
    planned = plan_alerts([m, m], cfg, now=NOW)
    assert planned == [("m-1", "console", "everything", None), ("m-1", "file", "belarus", None)]


def test_rule_channels_select_where_alerts_go() -> None:
    cfg = config(
        {
            "rules": [
                {"name": "calls-to-file", "kinds": ["call"], "channels": ["file"]},
                {"name": "visits-to-console", "kinds": ["in_person"], "channels": ["console"]},
            ],
            "channels": TWO_CHANNELS,
        }
    )
    planned = plan_alerts([meeting("c", kind="call"), meeting("v", kind="in_person")], cfg, now=NOW)
    assert planned == [
        ("c", "file", "calls-to-file", None),
        ("v", "console", "visits-to-console", None),
    ]


def test_no_rules_means_no_alerts() -> None:
    cfg = config({"channels": TWO_CHANNELS})
    assert plan_alerts([meeting()], cfg, now=NOW) == []


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"rules": [{"name": "r", "channels": ["pager"]}], "channels": TWO_CHANNELS}, "pager"),
        (
            {"rules": [{"name": "r", "countries": ["Atlantis"]}], "channels": TWO_CHANNELS},
            "Atlantis",
        ),
        (
            {"rules": [{"name": "r", "pairs": [["BY", "blr"]]}], "channels": TWO_CHANNELS},
            "one country",
        ),
        ({"rules": [{"name": "r"}, {"name": "r"}], "channels": TWO_CHANNELS}, "rule name 'r'"),
        ({"channels": [TWO_CHANNELS[0], TWO_CHANNELS[0]]}, "channel name 'console'"),
    ],
)
def test_inconsistent_config_is_a_config_error(data: dict[str, object], needle: str) -> None:
    cfg = config(data)
    with pytest.raises(ConfigError, match=needle):
        check_alerts_config(cfg)
    with pytest.raises(ConfigError):
        plan_alerts([meeting()], cfg, now=NOW)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("by", "BY"),
        ("BLR", "BY"),
        ("Belarus", "BY"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("XK", "XK"),
    ],
)
def test_resolve_country(text: str, code: str) -> None:
    assert resolve_country(text) == code


_CODES = st.sampled_from(["BY", "RU", "CN", "KZ", "US", "IN"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _CODES, _CODES, st.sampled_from(["in_person", "call", "announced"]), st.floats(0, 1)
        ),
        max_size=8,
    ),
    st.lists(
        st.tuples(
            st.lists(_CODES, max_size=2), st.lists(st.sampled_from(["console", "file"]), max_size=2)
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_plan_is_unique_per_meeting_channel_and_respects_rules(
    raw_meetings: list[tuple[str, str, str, float]], raw_rules: list[tuple[list[str], list[str]]]
) -> None:
    meetings = [
        meeting(f"m{i}", country_a=a, country_b=b, kind=k, confidence=c)
        for i, (a, b, k, c) in enumerate(raw_meetings)
    ]
    rules = [
        {"name": f"r{i}", "countries": countries, "channels": sorted(set(chans))}
        for i, (countries, chans) in enumerate(raw_rules)
    ]
    cfg = config({"rules": rules, "channels": TWO_CHANNELS})
    planned = plan_alerts(meetings, cfg, now=NOW)
    assert len({(m, c) for m, c, _, _ in planned}) == len(planned)
    assert planned == plan_alerts(meetings, cfg, now=NOW)
    by_id = {m.meeting_id: m for m in meetings}
    for meeting_id, channel, rule_name, skipped in planned:
        assert skipped is None  # no rule here has max_age_days
        rule = next(r for r in rules if r["name"] == rule_name)
        m = by_id[meeting_id]
        assert m.kind in ("in_person", "call") and m.confidence >= 0.5
        assert not rule["countries"] or {m.country_a, m.country_b} & set(rule["countries"])
        assert not rule["channels"] or channel in rule["channels"]


# --- rendering ---------------------------------------------------------------


def test_render_gives_pair_kind_date_place_participants_copy_and_sources() -> None:
    msg = render(meeting())
    assert msg.title == "Belarus \u2013 Russia: in-person meeting on 2026-11-20"
    for expected in (
        "Belarus \u2013 Russia",
        "in-person meeting",
        "2026-11-20",
        "Place: Minsk",
        "Alena Vostrikova, Pavel Gromtsev",
        "Minsk and Moscow leaders hold talks on grain corridor",
        "https://wire.example.org/world/2026-11/20/minsk-talks.html",
        "3 sources (5 articles)",
    ):
        assert expected in msg.body
    assert msg.data["countries"] == ["BY", "RU"]
    assert msg.data["pair"] == "Belarus \u2013 Russia"
    assert msg.data["event_date"] == "2026-11-20"
    assert msg.data["participants"] == ["Alena Vostrikova", "Pavel Gromtsev"]
    assert msg.data["source_count"] == 3
    json.dumps(msg.data)  # JSON-able


def test_render_orders_pair_by_name_and_says_when_facts_are_missing() -> None:
    msg = render(
        meeting(
            country_a="KR",
            country_b="CN",
            kind="call",
            event_date=None,
            location=None,
            participants=(),
            title=None,
            url=None,
            source_count=1,
            article_count=1,
        )
    )
    assert msg.title == "China \u2013 South Korea: phone or video call"
    assert "Date: not reported" in msg.body
    assert "Place: not reported" in msg.body
    assert "Participants: not reported" in msg.body
    assert "Reported by 1 source (1 article)" in msg.body
    assert msg.data["event_date"] is None and msg.data["url"] is None


# --- channels ----------------------------------------------------------------


def test_jsonl_channel_appends_one_object_per_alert(tmp_path: Path) -> None:
    cfg = config({"channels": [{"name": "file", "type": "jsonl", "path": "out/alerts.jsonl"}]})
    channels = build_channels(cfg, base_dir=tmp_path)
    pending = [
        PendingAlert("a-1", "file", 0, meeting("m-1")),
        PendingAlert("a-2", "file", 2, meeting("m-2", country_b="CN", kind="call")),
    ]
    deliveries = deliver_pending(pending, channels, now=NOW)
    assert [(d.alert_id, d.ok, d.status, d.attempts) for d in deliveries] == [
        ("a-1", True, AlertStatus.SENT, 1),
        ("a-2", True, AlertStatus.SENT, 3),
    ]
    lines = (tmp_path / "out" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["alert_id"] for r in records] == ["a-1", "a-2"]
    assert records[0]["channel"] == "file"
    assert records[0]["sent_at"] == NOW.isoformat()
    assert records[0]["meeting"]["meeting_id"] == "m-1"
    assert records[1]["meeting"]["kind"] == "call"
    assert records[1]["message"]["title"].startswith("Belarus \u2013 China")


def test_jsonl_channel_failure_is_a_pending_delivery_with_its_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a directory should be")
    cfg = config({"channels": [{"name": "file", "type": "jsonl", "path": "blocker/alerts.jsonl"}]})
    channels = build_channels(cfg, base_dir=tmp_path)
    [delivery] = deliver_pending([PendingAlert("a-1", "file", 0, meeting())], channels, now=NOW)
    assert not delivery.ok
    assert delivery.status == AlertStatus.PENDING
    assert (
        delivery.error is not None
        and "'file'" in delivery.error
        and "alerts.jsonl" in delivery.error
    )
    assert delivery.next_attempt_at == NOW + timedelta(minutes=1)


def test_console_channel_prints_the_message_without_reading_markup() -> None:
    out = io.StringIO()
    cfg = config({"channels": [{"name": "console", "type": "console"}]})
    channels = build_channels(cfg, base_dir=Path("."), console=Console(file=out, width=120))
    m = meeting(title="[UPDATE] Leaders talk [bold]again[/bold]")
    [delivery] = deliver_pending([PendingAlert("a-1", "console", 0, m)], channels, now=NOW)
    assert delivery.ok
    text = out.getvalue()
    assert "Belarus \u2013 Russia: in-person meeting on 2026-11-20" in text
    assert "[UPDATE] Leaders talk [bold]again[/bold]" in text


def test_missing_channel_and_crashing_channel_become_error_deliveries(tmp_path: Path) -> None:
    class Broken:
        name = "broken"
        max_attempts = 3

        def describe(self) -> str:
            return "broken"

        def send(self, alert_id: str, message: AlertMessage, *, now: datetime) -> None:
            raise ValueError("bug in a channel")

    channels = {
        "broken": Broken(),
        **build_channels(
            config({"channels": [{"name": "file", "type": "jsonl", "path": "a.jsonl"}]}),
            base_dir=tmp_path,
        ),
    }
    pending = [
        PendingAlert("a-1", "gone", 0, meeting()),
        PendingAlert("a-2", "broken", 2, meeting()),
        PendingAlert("a-3", "file", 0, meeting()),
    ]
    gone, broken, sent = deliver_pending(pending, channels, now=NOW)
    assert not gone.ok and gone.error is not None and "'gone' is not in alerts.yaml" in gone.error
    assert gone.status == AlertStatus.PENDING
    # The third attempt on a channel allowing 3 gives up, visibly: status failed, error kept.
    assert not broken.ok and broken.status == AlertStatus.FAILED and broken.attempts == 3
    assert broken.error is not None and "bug in a channel" in broken.error
    assert broken.next_attempt_at is None
    assert sent.ok and sent.status == AlertStatus.SENT


@pytest.mark.parametrize(
    ("channel", "needle"),
    [
        ({"name": "file", "type": "jsonl"}, "needs a 'path'"),
        ({"name": "hook", "type": "apprise"}, "exactly one of 'url' or 'url_env'"),
        (
            {"name": "hook", "type": "apprise", "url": "json://x/${WW_TEST_UNSET_VAR}"},
            "WW_TEST_UNSET_VAR",
        ),
        (
            {"name": "hook", "type": "apprise", "url_env": "WW_TEST_UNSET_VAR"},
            "WW_TEST_UNSET_VAR is not set",
        ),
    ],
)
def test_bad_channel_config_is_a_config_error_naming_the_channel(
    channel: dict[str, str], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WW_TEST_UNSET_VAR", raising=False)
    with pytest.raises(ConfigError, match=needle) as info:
        build_channels(config({"channels": [channel]}), base_dir=tmp_path)
    assert repr(channel["name"]) in str(info.value)


def test_secrets_are_masked_in_build_errors_and_descriptions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WW_TEST_TOKEN", "sekr3t-T0KEN-value")
    monkeypatch.setenv(
        "WW_TEST_URL", "json://127.0.0.1:9/hooks/Wh00kS3cretPath?+X-Key=K3yK3yK3yK3y"
    )
    with pytest.raises(ConfigError, match="'bad'") as info:
        build_channels(
            config(
                {
                    "channels": [
                        {
                            "name": "bad",
                            "type": "apprise",
                            "url": "nosuchscheme://${WW_TEST_TOKEN}@host",
                        }
                    ]
                }
            ),
            base_dir=tmp_path,
        )
    assert "sekr3t" not in str(info.value)
    channels = build_channels(
        config(
            {
                "channels": [
                    {
                        "name": "inline",
                        "type": "apprise",
                        "url": "json://127.0.0.1:9/hook/${WW_TEST_TOKEN}",
                    },
                    {"name": "whole", "type": "apprise", "url_env": "WW_TEST_URL"},
                    {
                        "name": "mail",
                        "type": "apprise",
                        "url": "mailtos://desk:${WW_TEST_TOKEN}@mail.example.org",
                    },
                ]
            }
        ),
        base_dir=tmp_path,
    )
    described = " ".join(channel.describe() for channel in channels.values())
    for secret in ("sekr3t", "Wh00kS3cretPath", "K3yK3yK3yK3y"):
        assert secret not in described
    assert "json://127.0.0.1:9/hook/***" in described


def test_the_commented_apprise_examples_in_alerts_yaml_are_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Uncomment the example channels, fill their variables, and build them."""
    text = (REPO / "config" / "alerts.yaml").read_text(encoding="utf-8")
    block = text[text.index("  # - name: slack") :]
    uncommented = "\n".join(
        line.replace("  # ", "  ", 1) for line in block.splitlines() if line.startswith("  # ")
    )
    import re

    import yaml

    fake = {  # shaped like the real thing, since Apprise checks token formats
        "SLACK_TOKEN_A": "T0V4LUE0A",
        "SLACK_TOKEN_B": "B0V4LUE0B",
        "SLACK_TOKEN_C": "V4LUEccccccccccccccccccc",
        "TELEGRAM_BOT_TOKEN": "123456789:V4LUEbotTokenXXXXXXXXXXXXXXXXXXXXX",
        "TELEGRAM_CHAT_ID": "-100123456",
        "SMTP_USER": "desk",
        "SMTP_PASSWORD": "V4LUEsmtpPassword",
        "WEBHOOK_TOKEN": "V4LUEwebhookToken",
        "WIREWATCH_PAGER_URL": "json://pager.example.org/V4LUEpagerPath",
    }
    assert set(re.findall(r"\$\{([A-Z_]+)\}", uncommented)) <= set(fake)
    for name, value in fake.items():
        monkeypatch.setenv(name, value)
    channels = yaml.safe_load(uncommented)
    assert {c["name"] for c in channels} == {"slack", "telegram", "email", "webhook", "pager"}
    built = build_channels(config({"channels": channels}), base_dir=tmp_path)
    assert set(built) == {"slack", "telegram", "email", "webhook", "pager"}
    for channel in built.values():
        assert "V4LUE" not in channel.describe()


# --- backoff -----------------------------------------------------------------


def test_next_attempt_backs_off_exponentially_up_to_an_hour() -> None:
    waits = [next_attempt_at(n, NOW) - NOW for n in range(1, 10)]
    assert waits[:6] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32)]
    assert waits[6:] == [timedelta(hours=1)] * 3
    assert next_attempt_at(0, NOW) == NOW
    assert next_attempt_at(10_000, NOW) == NOW + timedelta(hours=1)


def test_delivery_error_is_transient() -> None:
    assert DeliveryError("x").transient


def test_apprise_stays_quiet_on_the_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    monkeypatch.setenv("WW_TEST_TOKEN", "sekr3t-T0KEN-value")
    before = logging.getLogger("apprise").propagate
    with pytest.raises(ConfigError):
        build_channels(
            config(
                {
                    "channels": [
                        {"name": "t", "type": "apprise", "url": "tgram://${WW_TEST_TOKEN}/1"}
                    ]
                }
            ),
            base_dir=tmp_path,
        )
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert logging.getLogger("apprise").propagate == before


def test_max_age_days_skips_old_meetings_with_a_reason_and_a_limitless_rule_still_alerts() -> None:
    cfg = config({"rules": [{"name": "recent", "max_age_days": 7}], "channels": TWO_CHANNELS[:1]})
    meetings = [
        meeting("fresh", published_at=NOW - timedelta(days=6, hours=23)),
        meeting("old", published_at=NOW - timedelta(days=30)),
        # No publication date: the meeting's day stands in for it; with neither, never too old.
        meeting("old-event", event_date=date(2026, 8, 1)),
        meeting("undated", event_date=None),
    ]
    planned = plan_alerts(meetings, cfg, now=NOW)
    assert [(p[0], p[1], p[2], p[3] is None) for p in planned] == [
        ("fresh", "console", "recent", True),
        ("old", "console", "recent", False),
        ("old-event", "console", "recent", False),
        ("undated", "console", "recent", True),
    ]
    reason = planned[1][3]
    assert reason is not None and "2026-10-22" in reason and "30 days" in reason
    assert "'recent'" in reason and "max_age_days: 7" in reason
    # A rule without a limit that also matches alerts on its channels; the limit skips the rest.
    both = config(
        {
            "rules": [{"name": "recent", "max_age_days": 7}, {"name": "all", "channels": ["file"]}],
            "channels": TWO_CHANNELS,
        }
    )
    planned = plan_alerts([meetings[1]], both, now=NOW)
    assert [(p[1], p[2], p[3] is None) for p in planned] == [
        ("console", "recent", False),
        ("file", "all", True),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "greater than or equal to 1"), ("-3", "greater than or equal to 1"),
     ("a week", "valid integer"), ("1.5", "fractional part")],
)
def test_max_age_days_is_a_whole_number_of_days_from_one(
    tmp_path: Path, value: str, expected: str
) -> None:
    path = tmp_path / "alerts.yaml"
    path.write_text(f"rules:\n  - {{name: r, max_age_days: {value}}}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"rules\.0\.max_age_days.*{expected}"):
        load_alerts(path)
