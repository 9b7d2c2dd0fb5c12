"""Plain helpers shared by several test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import sys

import pytest

from wirewatch.app.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``wirewatch ARGS`` in this process, through the console-script entry point."""
    argv = sys.argv
    sys.argv = ["wirewatch", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    return code, captured.out, captured.err
