from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wirewatch.errors import ConfigError, UsageError
from wirewatch.queries import QueriesConfig, QueryFilters, load_queries, resolve_query
from wirewatch.settings import Settings, load_saved_queries

REPO = Path(__file__).resolve().parents[1]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "queries.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_queries_validate_and_cover_three_languages() -> None:
    saved = load_queries(REPO / "config" / "queries.yaml")
    assert len(saved.queries) >= 6
    texts = " ".join(q.query for q in saved.queries)
    assert any("\u0400" <= ch <= "\u04ff" for ch in texts)  # Russian
    assert any("\u4e00" <= ch <= "\u9fff" for ch in texts)  # Chinese
    assert all(q.description for q in saved.queries)


def test_settings_load_the_saved_queries(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "sources.yaml").write_text(
        "sources:\n  - {name: a, publisher: A, language: en, feeds: ['http://127.0.0.1/f']}\n"
    )
    (config / "alerts.yaml").write_text("rules: []\nchannels: []\n")
    settings = Settings.load(db=tmp_path / "w.duckdb", config_dir=config, data_dir=tmp_path)
    assert settings.queries == QueriesConfig()  # no file: no saved queries
    (config / "queries.yaml").write_text("queries:\n  - {name: minsk, query: Minsk}\n")
    settings = Settings.load(db=tmp_path / "w.duckdb", config_dir=config, data_dir=tmp_path)
    assert settings.queries.names == ("minsk",)
    assert load_saved_queries(config).names == ("minsk",)


def test_filters_take_one_value_or_a_list_and_become_search_filters(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "queries:\n"
        "  - name: by-ru\n"
        "    query: Belarus AND Russia\n"
        "    description: ties\n"
        "    filters:\n"
        "      since: 2026-11-01\n"
        "      until: 2026-11-30\n"
        "      country: [by, RU]\n"
        "      language: en\n"
        "      agency: BelTA\n",
    )
    query = load_queries(path).queries[0]
    assert query.filters.country == ("BY", "RU")
    assert query.filters.language == ("en",)
    found = query.filters.to_search()
    assert found.since == datetime(2026, 11, 1, tzinfo=UTC)
    assert found.until == datetime(2026, 12, 1, tzinfo=UTC)  # the last day is included
    assert found.countries == ("BY", "RU") and found.agencies == ("BelTA",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("queries:\n  - {name: a, query: 'x AND'}\n", "queries.0.query"),
        ("queries:\n  - {name: a, query: '\"open'}\n", "unclosed quote"),
        ("queries:\n  - {name: a, query: 'nofield:x'}\n", "unknown field"),
        ("queries:\n  - {name: A b, query: x}\n", "queries.0.name"),
        ("queries:\n  - {name: a, query: x, colour: red}\n", "colour"),
        ("queries:\n  - {name: a, query: x}\n  - {name: a, query: y}\n", "appears twice"),
        ("queries:\n  - {name: a, query: x, filters: {country: Belarus}}\n", "ISO 3166-1"),
        ("queries:\n  - {name: a, query: x, filters: {since: 2026-12-02, until: 2026-12-01}}\n", "before since"),
        ("queries:\n  - {name: a, query: x}\n  - {name: b, query: y, name: c}\n", "appears twice"),
        ("queries:\n  - {name: a}\n", "queries.0.query"),
    ],
)
def test_invalid_queries_name_the_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_queries(path)
    assert str(path) in str(info.value) and expected in str(info.value)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _write(tmp_path, "queries:\n" + "  - {name: a, query: x}\n" * 60_000)
    with pytest.raises(ConfigError, match="too large"):
        load_queries(path)


def test_resolve_at_name_and_literal() -> None:
    saved = QueriesConfig.model_validate(
        {
            "queries": [
                {"name": "belarus-russia", "query": "Belarus AND Russia", "description": "ties"},
                {"name": "sanctions", "query": "sanction*", "filters": {"language": "en"}},
            ]
        }
    )
    resolved = resolve_query("@sanctions", saved)
    assert (resolved.query, resolved.name, resolved.label) == ("sanction*", "sanctions", "@sanctions")
    assert resolved.filters.language == ("en",)
    literal = resolve_query('"state visit"', saved)
    assert (literal.query, literal.name, literal.label) == ('"state visit"', None, '"state visit"')
    with pytest.raises(UsageError, match="did you mean @belarus-russia"):
        resolve_query("@belarus-rusia", saved)
    with pytest.raises(UsageError, match="saved queries: @belarus-russia, @sanctions"):
        resolve_query("@zzz", saved)
    with pytest.raises(UsageError, match="no saved queries"):
        resolve_query("@x", QueriesConfig())


def test_command_line_options_replace_saved_filters() -> None:
    saved = QueryFilters(since=date(2026, 1, 1), language=("en",), country=("BY",))
    merged = saved.overridden(language="ru", since=None, country=(), agency=["TASS"])
    assert merged == QueryFilters(
        since=date(2026, 1, 1), language=("ru",), country=("BY",), agency=("TASS",)
    )
