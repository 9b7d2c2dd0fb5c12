"""The store: every SQL statement is a file under warehouse/queries/, loaded by name.

No SQL text in Python outside the store's loader and connection plumbing;
every name the code loads exists, every file is one statement DuckDB can parse
and is loaded somewhere.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from wirewatch import warehouse
from wirewatch.errors import UsageError
from wirewatch.store.connection import load_rows
from wirewatch.store.queries import QUERIES_DIR, query_names, query_text

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
CODE_DIRS = ("wirewatch", "flows", "tasks")
SQL_START = re.compile(r"\s*(select|insert|update|delete|with|create|drop|alter)\s+\S", re.IGNORECASE)
# Connection plumbing (BEGIN/COMMIT, the schema_migrations bookkeeping) may hold SQL text.
# wirewatch/warehouse.py is that plumbing until it is folded into store/connection.py.
PLUMBING = {"wirewatch/store/queries.py", "wirewatch/store/connection.py", "wirewatch/warehouse.py"}
# The store helpers that take a query name, and the position of that argument.
NAMED_CALLS = {
    "query_text": 0,
    "select_rows": 1,
    "select_value": 1,
    "execute_query": 1,
    "load_rows": 1,
    "read_only_rows": 1,
    "stream_rows": 1,
}
# Names built at run time from user input (`wirewatch trends NAME`), checked by the loader.
DYNAMIC_NAMES = {"wirewatch/app/trends.py"}


def python_files() -> Iterator[Path]:
    for folder in CODE_DIRS:
        yield from sorted((REPO / folder).rglob("*.py"))


def string_literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string literal except docstrings; an f-string with its fields as ``x``."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    skip = docstrings | {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(
                v.value if isinstance(v, ast.Constant) else "x" for v in node.values
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        ):
            yield node.lineno, node.value


def sql_literals(source: str) -> list[tuple[int, str]]:
    return [(line, s) for line, s in string_literals(ast.parse(source)) if SQL_START.match(s)]


def test_the_sql_literal_check_sees_statements_and_not_prose() -> None:
    source = (
        '"""Select the best copy; update nothing."""\n'
        'A = "select url from article_urls"\n'
        'B = f"DELETE FROM {table} WHERE x = ?"\n'
        'C = ("WITH t AS (SELECT 1) "\n     "SELECT * FROM t")\n'
        'D = ("UPDATE", "with", "Updated")\n'
    )
    assert [line for line, _ in sql_literals(source)] == [2, 3, 4]


def test_no_sql_text_in_python_outside_the_store_loader() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {text.strip()[:60]!r}"
        for path in python_files()
        if path.relative_to(REPO).as_posix() not in PLUMBING
        for line, text in sql_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def names_used_in_code() -> tuple[set[str], list[str]]:
    """Literal query names passed to the store's helpers, and calls whose name is not literal."""
    used: set[str] = set()
    dynamic: list[str] = []
    for path in python_files():
        relative = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called not in NAMED_CALLS or len(node.args) <= NAMED_CALLS[called]:
                continue
            arg = node.args[NAMED_CALLS[called]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                used.add(arg.value)
            elif relative not in DYNAMIC_NAMES and relative != "wirewatch/store/connection.py":
                dynamic.append(f"{relative}:{node.lineno}")
    return used, dynamic


def test_every_query_name_used_in_code_exists_and_every_file_is_used() -> None:
    used, dynamic = names_used_in_code()
    assert dynamic == []  # names are literals, so this test can check them
    known = set(query_names())
    assert sorted(used - known) == []
    # Trend queries are listed and run by name from the command line.
    assert sorted(known - used - set(query_names("trends"))) == []


@pytest.mark.parametrize("name", query_names())
def test_every_query_file_loads_as_one_statement(name: str) -> None:
    text = query_text(name)
    assert (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8") == text
    statements = duckdb.extract_statements(text)
    assert len(statements) == 1, name


def test_queries_live_in_areas_and_unknown_names_are_refused() -> None:
    assert all("/" in name for name in query_names())
    assert not list(QUERIES_DIR.glob("*.sql"))
    assert query_text("trends/daily_volume") is query_text("trends/daily_volume")  # cached
    with pytest.raises(UsageError, match="no query named"):
        query_text("trends/../alerts/listing")
    with pytest.raises(UsageError, match="no query named"):
        query_text("nope")


def test_load_rows_dedupes_a_batch_and_replaces_or_ignores(db_path: Path) -> None:
    with warehouse.open_warehouse(db_path) as con:
        rows = [
            {"source_id": "a", "name": "a", "publisher": "First", "language": "en"},
            {"source_id": "a", "name": "a", "publisher": "Second", "language": "en"},
        ]
        assert load_rows(con, "runs/upsert_sources", rows, key=["source_id"]) == 1
        assert con.execute("SELECT publisher FROM sources").fetchall() == [("Second",)]
        urls = [{"url": "u", "article_id": "first", "first_seen_at": NOW}]
        load_rows(con, "urls/insert_article_urls", urls, key=["url"])
        urls = [{"url": "u", "article_id": "second", "first_seen_at": NOW}]
        load_rows(con, "urls/insert_article_urls", urls, key=["url"])
        assert con.execute("SELECT article_id FROM article_urls").fetchall() == [("first",)]
        assert load_rows(con, "runs/upsert_sources", [], key=["source_id"]) == 0


def test_prune_story_index_drops_entries_seen_before_the_cutoff(db_path: Path) -> None:
    from wirewatch import store
    from wirewatch.dedupe import StoryIndex
    from wirewatch.models import Extracted, PageResult

    text = "Leaders of Aldwin and Berrow met on Tuesday to discuss the new ferry line across the strait."
    result = PageResult(
        fetch_id="f1", source="coast", url="http://coast.example/a1",
        final_url="http://coast.example/a1", fetched_at=NOW,
        extracted=Extracted(url=None, site=None, title="Ferry", text=text, paragraphs=(text,)),
    )
    with warehouse.open_warehouse(db_path) as con, warehouse.transaction(con):
        store.load_page_results(con, [result], index=StoryIndex(), now=NOW)
    now = datetime.now(UTC)  # seen_at is when the row was written
    with warehouse.connect(db_path) as con:
        assert store.prune_story_index(con, before=now - timedelta(days=1)) == 0
        assert con.execute("SELECT count(*) FROM story_index").fetchall() == [(1,)]
        assert store.prune_story_index(con, before=now + timedelta(days=1)) == 1
        assert con.execute("SELECT count(*) FROM story_index").fetchall() == [(0,)]
        store.checkpoint(con)
