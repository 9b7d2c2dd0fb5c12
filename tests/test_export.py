"""`wirewatch export --format parquet DIR`: every table and view, readable, atomic."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from wirewatch import exporting, store, warehouse
from wirewatch.dedupe import StoryIndex
from wirewatch.errors import UsageError
from wirewatch.exporting import export_parquet
from wirewatch.models import Extracted, PageResult

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def page(n: int, text: str) -> PageResult:
    url = f"http://coast.example/news/{n}"
    return PageResult(
        fetch_id=f"f{n}",
        source="coast",
        url=url,
        final_url=url,
        fetched_at=NOW,
        extracted=Extracted(
            url=url, site="coast.example", title=f"Story {n}: Порт, 港口", text=text,
            paragraphs=(text,), published=NOW, language="en",
        ),
    )


@pytest.fixture
def db(db_path: Path) -> Path:
    """A warehouse with a few articles and stories (views over them are not empty)."""
    texts = [
        f"ALDWIN, Nov 19 -- The port of Aldwin opened berth number {n} on Thursday, officials said, "
        f"raising capacity by {n * 7} percent as ships from {n + 2} countries queue offshore."
        for n in range(1, 6)
    ]
    with warehouse.open_warehouse(db_path) as con, warehouse.transaction(con):
        store.load_page_results(con, [page(i, t) for i, t in enumerate(texts)], index=StoryIndex(), now=NOW)
    return db_path


def counts(db: Path) -> dict[str, int]:
    with warehouse.connect(db, read_only=True) as con:
        names = [name for name, _ in store.export_objects(con)]
        return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}  # type: ignore[index]


def test_every_table_and_view_is_written_readable_with_equal_rows(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "export"
    written = export_parquet(db, target)
    expected = counts(db)
    assert {"articles", "stories", "alerts", "story_coverage", "daily_articles"} <= set(expected)
    assert {f.name: f.rows for f in written} == expected
    assert expected["articles"] == 5 and expected["story_coverage"] == expected["stories"] > 0
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{n}.parquet" for n in expected)
    assert [f.kind for f in written] == sorted(f.kind for f in written)  # tables, then views
    for f in written:
        assert f.path == target / f"{f.name}.parquet" and f.bytes == f.path.stat().st_size
        assert pq.read_table(f.path).num_rows == expected[f.name]
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{f.path}')").fetchall() == [(f.rows,)]
    titles = pq.read_table(target / "articles.parquet", columns=["title"]).column("title").to_pylist()
    assert "Story 1: Порт, 港口" in titles
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export.")]  # no temporaries left


def test_an_earlier_export_is_replaced_and_other_directories_refused(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "export"
    target.mkdir()
    (target / "old.parquet").write_bytes(b"PAR1")
    export_parquet(db, target)
    assert not (target / "old.parquet").exists() and (target / "articles.parquet").exists()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not Parquet .notes.txt."):
        export_parquet(db, target)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    a_file = tmp_path / "file.parquet"
    a_file.write_bytes(b"x")
    with pytest.raises(UsageError, match="is a file, not a directory"):
        export_parquet(db, a_file)
    with pytest.raises(UsageError, match="does not exist"):
        export_parquet(db, tmp_path / "missing" / "export")


def test_a_failed_export_leaves_nothing_half_written(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export"
    write = exporting._write_parquet
    calls = {"n": 0}

    def failing(reader: object, path: Path) -> int:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device")
        return write(reader, path)  # type: ignore[arg-type]

    monkeypatch.setattr(exporting, "_write_parquet", failing)
    with pytest.raises(Exception, match="No space left on device"):
        export_parquet(db, target)
    assert list(tmp_path.iterdir()) == [tmp_path / "warehouse"]  # no target, no temporaries
    monkeypatch.setattr(exporting, "_write_parquet", write)
    first = export_parquet(db, target)
    monkeypatch.setattr(exporting, "_write_parquet", failing)
    calls["n"] = 0
    with pytest.raises(Exception, match="No space left on device"):
        export_parquet(db, target)
    assert sorted(p.name for p in target.iterdir()) == sorted(f.path.name for f in first)


def test_cli_prints_what_was_written_and_refuses_a_file(db: Path, tmp_path: Path) -> None:
    def wirewatch(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wirewatch", *args], capture_output=True, text=True, timeout=120
        )

    result = wirewatch("export", "--format", "parquet", "--db", str(db), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "articles" in result.stdout and "articles.parquet" in result.stdout and "view" in result.stdout
    (tmp_path / "f").write_text("x", encoding="utf-8")
    refused = wirewatch("export", "--db", str(db), str(tmp_path / "f"))
    assert refused.returncode == 2 and refused.stderr.startswith("wirewatch: ") and "is a file" in refused.stderr
    wrong = wirewatch("export", "--format", "csv", "--db", str(db), str(tmp_path / "g"))
    assert wrong.returncode == 2 and not (tmp_path / "g").exists()
