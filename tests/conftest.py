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
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment: httpx and requests would send loopback traffic to it."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


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


# -- the desk: a demo warehouse per module, headless Chromium ------------------------------

BROWSER_MISSING = (
    "headless Chromium is not installed here (needs `chromium` and `chromedriver` on PATH: "
    "apt-get install chromium chromium-driver; .ci/run installs them)"
)


def _browser_binaries() -> tuple[str, str] | None:
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests are skipped, with the reason, where Chromium is not installed."""
    if _browser_binaries() is not None:
        return
    skip = pytest.mark.skip(reason=BROWSER_MISSING)
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium per module, from the distribution's packages (never downloaded)."""
    binaries = _browser_binaries()
    if binaries is None:
        pytest.skip(BROWSER_MISSING)
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, should it run at all, fetches nothing
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binaries[0]
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--no-first-run",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=binaries[1]), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


class DemoDesk:
    """A warehouse built by the real ingest flow from the demo newswire over loopback."""

    def __init__(self, wire: object, root: Path) -> None:
        self.wire = wire
        self.root = root
        self.db = root / "warehouse" / "desk.duckdb"
        self.config = root / "config"

    def ingest(self) -> object:
        from flows.ingest import run_ingest
        from wirewatch.app.printing import write_sources
        from wirewatch.run import RunParams

        sources = write_sources(self.wire.sources, self.root / "sources.yaml")  # type: ignore[attr-defined]
        return run_ingest(
            RunParams(
                config_dir=self.config, db=self.db, data_dir=self.root / "data", sources_file=sources
            )
        )


@pytest.fixture(scope="module")
def demo_desk(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDesk]:
    """The hand-written demo week (history off: 44 articles) ingested once for the whole module."""
    from wirewatch.demo import DemoNewswire

    root = tmp_path_factory.mktemp("desk")
    (root / "config").mkdir()
    (root / "config" / "alerts.yaml").write_text(
        "rules:\n  - name: meetings\n    kinds: [in_person, call]\n    min_confidence: 0.5\n"
        "channels:\n  - name: file\n    type: jsonl\n    path: alerts.jsonl\n",
        encoding="utf-8",
    )
    (root / "config" / "defaults.yaml").write_text(
        "timeout_seconds: 5\nretries: 1\nbackoff_seconds: 0.05\nrate_limit: 50\nper_host_concurrency: 4\n",
        encoding="utf-8",
    )
    (root / "config" / "queries.yaml").write_text(
        "queries:\n  - name: belarus-china\n    description: Belarus and China together\n"
        "    query: Belarus AND China\n",
        encoding="utf-8",
    )
    with DemoNewswire(history=False) as wire:
        desk = DemoDesk(wire, root)
        summary = desk.ingest()
        assert summary.status == "completed"  # type: ignore[attr-defined]
        yield desk
