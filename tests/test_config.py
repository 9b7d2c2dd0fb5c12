from pathlib import Path

import pytest

from wirewatch.config import expand_env, load_alerts, load_defaults, load_sources
from wirewatch.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


def test_shipped_config_files_validate() -> None:
    assert len(load_sources(REPO / "config" / "sources.yaml").sources) >= 7
    alerts = load_alerts(REPO / "config" / "alerts.yaml")
    assert {c.type for c in alerts.channels} >= {"console", "jsonl"}
    assert load_defaults(REPO / "config" / "defaults.yaml").schedule_cron == "*/15 * * * *"


def test_invalid_sources_name_file_field_and_expectation(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text(
        "sources:\n  - name: x\n    publisher: X\n    language: en\n    feeds: [ftp://x/feed]\n"
    )
    with pytest.raises(ConfigError) as info:
        load_sources(bad)
    message = str(info.value)
    assert str(bad) in message and "sources.0.feeds" in message and "http(s) URL" in message


def test_missing_and_unparsable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.yaml")
    broken = tmp_path / "alerts.yaml"
    broken.write_text("rules: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_alerts(broken)


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "defaults.yaml"
    f.write_text("timeout_secs: 3\n")
    with pytest.raises(ConfigError, match="timeout_secs"):
        load_defaults(f)


def test_duplicate_source_names(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    entry = "  - {name: a, publisher: A, language: en}\n"
    f.write_text("sources:\n" + entry + entry)
    with pytest.raises(ConfigError, match="unique source names"):
        load_sources(f)


def test_expand_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_TOKEN", "s3cret")
    assert expand_env("json://host/${HOOK_TOKEN}") == "json://host/s3cret"
    monkeypatch.delenv("HOOK_TOKEN")
    with pytest.raises(ConfigError, match="HOOK_TOKEN"):
        expand_env("json://host/${HOOK_TOKEN}")
