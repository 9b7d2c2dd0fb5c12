"""A hostile or careless analyst at `wirewatch sql`: nothing they type can write.

Each attempt runs through the real command line against a real warehouse and
must be refused with one line on stderr, leaving the warehouse file unchanged
byte for byte and no file behind (COPY TO, EXPORT DATABASE, ATTACH).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli

from wirewatch import warehouse
from wirewatch.errors import WirewatchError

ATTEMPTS = [
    "ATTACH '{dir}/x.duckdb' AS x (READ_WRITE)",
    # The issue's escape: attach a writable database, make it the default, detach the
    # warehouse and attach it again read-write.
    "ATTACH '{dir}/x.duckdb' AS x (READ_WRITE); USE x; DETACH w; "
    "ATTACH '{db}' AS w2 (READ_WRITE); DROP TABLE w2.sources",
    "DETACH w",
    "USE memory",
    "COPY (SELECT 42) TO '{dir}/out.csv'",
    "COPY sources TO '{dir}/out.csv'",
    "COPY sources FROM '{dir}/in.csv'",
    "EXPORT DATABASE '{dir}/exported'",
    "IMPORT DATABASE '{dir}/exported'",
    "INSTALL fts",
    "LOAD fts",
    "LOAD '{dir}/evil.duckdb_extension'",
    "UPDATE EXTENSIONS",
    "SET temp_directory = '{dir}/spill'",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "PRAGMA enable_profiling",
    "CALL checkpoint()",
    "CHECKPOINT",
    "VACUUM",
    "BEGIN TRANSACTION",
    "PREPARE p AS SELECT 1",
    "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')",
    "SELECT 1; SELECT 2",
    "SELECT 1; DROP TABLE sources",
    "DROP TABLE sources",
    "INSERT INTO sources VALUES ('y', 'y', 'Y', 'en', NULL)",
    "CREATE TABLE t AS SELECT 1 AS a",
    "UPDATE sources SET name = 'z'",
    "DELETE FROM sources",
    # EXPLAIN ANALYZE runs the statement it explains.
    "EXPLAIN ANALYZE COPY (SELECT 42) TO '{dir}/out.csv'",
    "EXPLAIN (FORMAT json) COPY (SELECT 42) TO '{dir}/out.csv'",
    "",
    " /* nothing but a comment */ ",
]

READS = [
    "SELECT name FROM sources",
    "WITH s AS (SELECT name FROM sources) SELECT * FROM s",
    "FROM sources",
    "SHOW TABLES",
    "DESCRIBE sources",
    "SUMMARIZE sources",
    "EXPLAIN SELECT name FROM sources",
    "EXPLAIN ANALYZE SELECT name FROM sources",
    "SELECT 1;",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A real warehouse ``w.duckdb`` with a row in it, and a folder to aim writes at."""
    db = tmp_path / "w.duckdb"
    with warehouse.open_warehouse(db) as con:
        con.execute("INSERT INTO sources VALUES ('x', 'x', 'X Agency', 'en', NULL)")
    target = tmp_path / "target"
    target.mkdir()
    (target / "in.csv").write_text("source_id,name,publisher,language,agency\nq,q,Q,en,\n")
    return db, target


@pytest.mark.parametrize("allow_files", [False, True], ids=["sealed", "allow-files"])
@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_sql_refuses_every_write(
    attempt: str,
    allow_files: bool,
    hostile: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, target = hostile
    before, files_before = sha256(db), files_under(db.parent)
    query = attempt.format(dir=target, db=db)
    flags = ["--allow-files"] if allow_files else []
    code, out, err = run_cli(capsys, "sql", query, "--db", str(db), *flags)
    assert code == 2, (query, out, err)
    assert err.startswith("wirewatch: ") and len(err.strip().splitlines()) == 1, err
    verb = query.split()[0].upper() if query.strip() else ""
    if ";" not in query and verb not in ("", "/*", "EXPLAIN"):
        assert f"{verb} statements are refused" in err  # named as the user wrote it
    assert sha256(db) == before
    assert files_under(db.parent) == files_before
    with warehouse.connect(db, read_only=True) as con:
        assert con.execute("SELECT source_id, name FROM sources").fetchall() == [("x", "x")]


@pytest.mark.parametrize("query", READS)
def test_sql_still_answers_reads(
    query: str, hostile: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = hostile
    before = sha256(db)
    code, out, err = run_cli(capsys, "sql", query, "--db", str(db), "--format", "json")
    assert code == 0, err
    assert json.loads(out)
    assert sha256(db) == before


def test_local_files_only_with_allow_files(
    hostile: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, target = hostile
    query = f"SELECT name FROM read_csv('{target / 'in.csv'}')"
    code, _, err = run_cli(capsys, "sql", query, "--db", str(db))
    assert code == 2 and "--allow-files" in err and len(err.strip().splitlines()) == 1, err
    code, out, err = run_cli(
        capsys, "sql", query, "--db", str(db), "--allow-files", "--format", "csv"
    )
    assert code == 0, err
    assert out.splitlines() == ["name", "q"]


def test_the_issue_escape_through_the_installed_command(hostile: tuple[Path, Path]) -> None:
    """The DETACH/re-ATTACH escape and a COPY over a config file, as a separate process."""
    db, target = hostile
    alerts_yaml = target / "alerts.yaml"
    alerts_yaml.write_text("channels: []\n")
    before = sha256(db)
    for query in (
        ATTEMPTS[1].format(dir=target, db=db),
        f"COPY (SELECT 'channels: [evil]') TO '{alerts_yaml}' (HEADER false)",
    ):
        result = subprocess.run(
            [sys.executable, "-m", "wirewatch", "sql", query, "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("wirewatch: ")
        assert len(result.stderr.strip().splitlines()) == 1
    assert sha256(db) == before
    assert alerts_yaml.read_text() == "channels: []\n"
    assert not (target / "x.duckdb").exists()


def test_every_read_only_connection_is_sealed(hostile: tuple[Path, Path]) -> None:
    """Trends, alerts, reports and the stage commands read through the same sealed connection."""
    db, target = hostile
    with warehouse.connect(db, read_only=True) as con:
        sealed = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('enable_external_access', 'autoinstall_known_extensions', "
                "'autoload_known_extensions', 'lock_configuration')"
            ).fetchall()
        )
        assert sealed == {
            "enable_external_access": "false",
            "autoinstall_known_extensions": "false",
            "autoload_known_extensions": "false",
            "lock_configuration": "true",
        }
        with pytest.raises(Exception, match="locked"):
            con.execute("SET enable_external_access = true")
    with pytest.raises(WirewatchError):
        warehouse.read_only_query(db, f"COPY sources TO '{target / 'out.csv'}'")
    assert not (target / "out.csv").exists()
