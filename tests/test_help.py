"""`wirewatch --help` and the stage commands load only what they use, and help text is literal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.app.cli import app

# What --help must not load: the warehouse, the extractor, Prefect, plotting, config parsing and
# the run printing. Each costs tenths of a second at start-up on this machine.
NOT_FOR_HELP = (
    "duckdb",
    "pyarrow",
    "numpy",
    "trafilatura",
    "prefect",
    "matplotlib",
    "yaml",
    "wirewatch.config",
    "wirewatch.app.printing",
)
# What extracting one page without a warehouse must not load.
NOT_FOR_EXTRACT = ("duckdb", "pyarrow", "prefect", "matplotlib", "wirewatch.store")

PAGE = (
    "<html><head><title>Talks in Rome</title></head><body><article><h1>Talks in Rome</h1>"
    "<p>ROME, 3 May (Agency) - The Italian prime minister met the French president in Rome on "
    "Tuesday to discuss energy and migration, officials said. The two leaders agreed to meet "
    "again next month.</p></article></body></html>"
)


def _loaded_by(args: list[str], watch: tuple[str, ...], cwd: Path) -> tuple[str, list[str]]:
    """Run ``wirewatch ARGS`` in a fresh interpreter; its output and which of ``watch`` it loaded."""
    code = (
        "import contextlib, io, json, sys\n"
        f"sys.argv = ['wirewatch', *{args!r}]\n"
        "from wirewatch.app.cli import main\n"
        "out = io.StringIO()\n"
        "try:\n"
        "    with contextlib.redirect_stdout(out):\n"
        "        main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"loaded = [m for m in {watch!r} if m in sys.modules]\n"
        "print(json.dumps([out.getvalue(), loaded]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    output, loaded = json.loads(result.stdout)
    return output, loaded


def test_help_loads_none_of_the_heavy_modules(tmp_path: Path) -> None:
    output, loaded = _loaded_by(["--help"], NOT_FOR_HELP, tmp_path)
    assert "extract" in output and "serve" in output
    assert loaded == []


def test_extracting_a_page_loads_no_warehouse_or_prefect(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    output, loaded = _loaded_by(["extract", str(page)], (*NOT_FOR_EXTRACT, "trafilatura"), tmp_path)
    assert json.loads(output)["title"] == "Talks in Rome"
    assert loaded == ["trafilatura"]  # the one heavy module it needs, so the check can see loads


def test_help_text_is_printed_as_written() -> None:
    result = CliRunner().invoke(app, ["sql", "--help"], terminal_width=200)
    assert result.exit_code == 0
    # Square brackets are text, not rich markup (which once printed "Warehouse file .").
    assert "[env WIREWATCH_DB; default warehouse/wirewatch.duckdb]" in result.output
