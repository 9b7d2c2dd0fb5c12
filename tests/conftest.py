"""Shared fixtures. Tests are offline; each gets a fresh warehouse; Prefect runs in one harness per session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Prefect reads its settings at import: give the session its own quiet home first.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="wirewatch-test-prefect-")
os.environ.pop("PREFECT_API_URL", None)
from wirewatch.app.runtime import configure_prefect  # noqa: E402

configure_prefect(Path(os.environ["PREFECT_HOME"]))

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole session (about 20 s once, then ~1 s per flow)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh, not yet created, warehouse file."""
    return tmp_path / "warehouse" / "test.duckdb"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the repo's alerts and defaults config, with alerts going to a JSON-lines file only."""
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "alerts.yaml").write_text(
        """
rules:
  - name: meetings
    kinds: [in_person, call]
    min_confidence: 0.5
channels:
  - name: file
    type: jsonl
    path: alerts.jsonl
""",
        encoding="utf-8",
    )
    (cfg / "defaults.yaml").write_text(
        "timeout_seconds: 5\nretries: 1\nbackoff_seconds: 0.05\nrate_limit: 50\nper_host_concurrency: 4\n",
        encoding="utf-8",
    )
    return cfg
