"""The supervised `prefect server start` that `wirewatch serve` uses when PREFECT_API_URL is unset."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from wirewatch.app import prefect_server
from wirewatch.app.prefect_server import PrefectServer, free_port


def test_starts_restarts_after_a_crash_and_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefect_server, "HEALTH_INTERVAL_SECONDS", 0.5)
    server = PrefectServer(tmp_path / "prefect-server", port=free_port())
    with server:
        assert server.healthy()
        first = server._proc
        assert first is not None
        os.killpg(first.pid, signal.SIGKILL)  # the server dies under us
        first.wait(timeout=10)
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and not (server.restarts == 1 and server.healthy()):
            time.sleep(0.5)
        assert server.restarts == 1 and server.healthy()
        second = server._proc
    assert second is not None and second.poll() is not None  # stopped on exit
    assert not server.healthy()
