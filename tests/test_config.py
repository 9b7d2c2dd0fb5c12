import json
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


SOURCE = (
    "  - name: {name}\n    publisher: P\n    language: en\n    feeds: [{url}]\n"  # url JSON-quoted
)


def sources_file(tmp_path: Path, *urls: str) -> Path:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "sources:\n"
        + "".join(SOURCE.format(name=f"s{i}", url=json.dumps(u)) for i, u in enumerate(urls)),
        encoding="utf-8",
    )
    return f


def test_non_utf8_config_names_the_file_and_the_encoding_problem(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_bytes(
        "sources:\n  - {name: a, publisher: БелТА, language: ru, feeds: [https://a.example/]}\n".encode(
            "cp1251"
        )
    )
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    message = str(info.value)
    assert message.startswith(f"{f}: ") and "not UTF-8" in message and "line 2" in message
    assert "\n" not in message


def test_utf16_config_is_named_as_utf16(tmp_path: Path) -> None:
    f = tmp_path / "alerts.yaml"
    f.write_text("rules: []\nchannels: []\n", encoding="utf-16")
    with pytest.raises(ConfigError) as info:
        load_alerts(f)
    assert str(info.value).startswith(f"{f}: ") and "UTF-16" in str(info.value)


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    f = sources_file(tmp_path, "https://a.example/rss")
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert load_sources(f).sources[0].name == "s0"


def test_duplicate_keys_are_refused_with_both_lines(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "sources:\n"
        "  - name: a\n"
        "    publisher: A\n"
        "    language: en\n"
        "    feeds: [https://a.example/rss]\n"
        "    feeds: [https://b.example/rss]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    message = str(info.value)
    assert message.startswith(f"{f}: line 6") and "'feeds'" in message and "line 5" in message
    top = tmp_path / "defaults.yaml"
    top.write_text("retries: 1\ntimeout_seconds: 3\nretries: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 3: key 'retries' appears twice"):
        load_defaults(top)


def test_merge_keys_may_still_override_what_they_merge(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "sources:\n"
        "  - &base {name: b, publisher: P, language: en, feeds: [https://a.example/rss]}\n"
        "  - <<: *base\n"
        "    name: a\n"
        "    language: fr\n",
        encoding="utf-8",
    )
    loaded = load_sources(f).sources
    assert [(s.name, s.language, s.feeds) for s in loaded] == [
        ("b", "en", ("https://a.example/rss",)),
        ("a", "fr", ("https://a.example/rss",)),
    ]


def test_a_source_needs_at_least_one_url(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "sources:\n"
        "  - {name: a, publisher: A, language: en, feeds: [https://a.example/rss]}\n"
        "  - {name: nothing, publisher: N, language: en}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    message = str(info.value)
    assert str(f) in message and "sources.1" in message and "'nothing'" in message
    assert "feeds, sitemaps or sections" in message


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https:///path-only",
        "ftp://files.example/feed",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://[::1/feed",
        "http://a.example:99999/feed",
        "http://a.example/with space",
        "a.example/rss",
    ],
)
def test_urls_without_a_host_or_with_another_scheme_are_refused(tmp_path: Path, url: str) -> None:
    f = sources_file(tmp_path, "https://ok.example/rss", url)
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    message = str(info.value)
    assert str(f) in message and "sources.1.feeds" in message
    assert "http(s) URL with a host" in message and repr(url) in message


def test_urls_that_are_fine_stay_fine(tmp_path: Path) -> None:
    urls = ("http://127.0.0.1:8080/feed", "https://a.example/rss?x=1", "http://[::1]:9/x")
    assert load_sources(sources_file(tmp_path, *urls)).sources[2].feeds == (urls[2],)


def test_an_oversized_config_is_refused_before_parsing(tmp_path: Path) -> None:
    from wirewatch.config import MAX_CONFIG_BYTES

    f = sources_file(tmp_path, "https://a.example/rss")
    # Unparsable past the limit: parsing it would say "not valid YAML", not "too large".
    f.write_text(f.read_text() + "# " + "x" * MAX_CONFIG_BYTES + "\n: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    message = str(info.value)
    assert message.startswith(f"{f}: ") and "too large" in message and "MB" in message


def test_deeply_nested_yaml_is_one_config_error(tmp_path: Path) -> None:
    f = tmp_path / "alerts.yaml"
    f.write_text("rules: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=str(f)):
        load_alerts(f)


def test_unreadable_config_is_one_config_error(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.mkdir()
    with pytest.raises(ConfigError, match="not a regular file|is a directory"):
        load_sources(f)


UNSET = "WW_TEST_NEVER_SET_TOKEN"


def alerting_config(tmp_path: Path, url: str) -> Path:
    """A config directory whose one source is fine and whose webhook channel needs ``url``."""
    cfg = tmp_path / "config"
    cfg.mkdir()
    sources_file(tmp_path, "http://127.0.0.1:9/rss.xml").rename(cfg / "sources.yaml")
    (cfg / "alerts.yaml").write_text(
        "rules: [{name: all}]\n"
        "channels:\n"
        "  - {name: file, type: jsonl, path: alerts.jsonl}\n"
        f"  - {{name: hook, type: apprise, url: '{url}'}}\n",
        encoding="utf-8",
    )
    return cfg


@pytest.mark.parametrize("value", [None, ""])
def test_settings_for_alerting_commands_check_every_channel_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    from wirewatch.settings import Settings

    if value is None:
        monkeypatch.delenv(UNSET, raising=False)
    else:
        monkeypatch.setenv(UNSET, value)
    cfg = alerting_config(tmp_path, f"json://127.0.0.1:9/${{{UNSET}}}")
    paths = {"db": tmp_path / "w.duckdb", "config_dir": cfg, "data_dir": tmp_path}
    # Commands that never alert do not need the secret.
    assert Settings.load(**paths).alerts.channels[1].name == "hook"
    with pytest.raises(ConfigError) as info:
        Settings.load(**paths, check_channels=True)
    message = str(info.value)
    assert message.startswith(f"{cfg / 'alerts.yaml'}: channel 'hook': ")
    assert UNSET in message and "\n" not in message
    monkeypatch.setenv(UNSET, "a-token-value")
    assert Settings.load(**paths, check_channels=True).alerts.channels[1].name == "hook"


def test_alerting_check_names_the_file_for_rule_and_apprise_problems(tmp_path: Path) -> None:
    from wirewatch.settings import Settings

    cfg = alerting_config(tmp_path, "nosuchscheme://x")
    with pytest.raises(ConfigError, match=rf"^{cfg / 'alerts.yaml'}: channel 'hook': Apprise"):
        Settings.load(config_dir=cfg, data_dir=tmp_path, check_channels=True)
    (cfg / "alerts.yaml").write_text(
        "rules: [{name: r, channels: [nowhere]}]\nchannels: [{name: c, type: console}]\n"
    )
    with pytest.raises(ConfigError, match=rf"^{cfg / 'alerts.yaml'}: rule 'r' names channel"):
        Settings.load(config_dir=cfg, data_dir=tmp_path, check_channels=True)


@pytest.mark.parametrize(
    "text",
    [
        # Small values, many of them: under the byte bound, but each costs time to build and check.
        "sources: [" + ",".join(["1"] * 150_000) + "]\n",
        # Aliases repeat one mapping without repeating its bytes.
        "x: &s {name: a, publisher: A, language: en, feeds: ['https://a.example/']}\n"
        "sources: [" + ", ".join(["*s"] * 40_000) + "]\n",
    ],
)
def test_a_config_with_too_many_values_is_refused_before_building_them(
    tmp_path: Path, text: str
) -> None:
    from wirewatch.config import MAX_CONFIG_NODES

    f = tmp_path / "sources.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_sources(f)
    assert str(info.value) == (
        f"{f}: too many values for a config file (over {MAX_CONFIG_NODES:,}, aliases counted "
        "each time they are used)"
    )
