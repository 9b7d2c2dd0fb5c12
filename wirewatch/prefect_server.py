"""Start and supervise a long-lived local ``prefect server start``.

Schedules need a real Prefect server (the in-process one cannot run them,
FACTS.md). When ``PREFECT_API_URL`` is not set, ``wirewatch serve`` starts one
bound to 127.0.0.1 with its home under wirewatch's data directory, restarts it
if it dies, and stops it on exit. Runs it as a subprocess: no Prefect import.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from wirewatch.errors import WirewatchError

__all__ = ["PrefectServer", "free_port"]

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 180.0
HEALTH_INTERVAL_SECONDS = 5.0
MAX_RESTARTS = 5
DEFAULT_PORT = 4200


def free_port(host: str = "127.0.0.1", preferred: int | None = None) -> int:
    """``preferred`` if it is free on ``host``, else any free port."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise WirewatchError(f"no free port on {host}")


class PrefectServer:
    """A supervised ``prefect server start`` subprocess."""

    def __init__(self, home: Path, *, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.home = home
        self.host = host
        self.port = port or free_port(host, DEFAULT_PORT)
        self.log_path = home / "server.log"
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._spawn_lock = threading.Lock()
        self._watcher: threading.Thread | None = None
        self.restarts = 0

    @property
    def api_url(self) -> str:
        """The API URL for ``PREFECT_API_URL``."""
        return f"http://{self.host}:{self.port}/api"

    @property
    def ui_url(self) -> str:
        """Where the Prefect UI is served."""
        return f"http://{self.host}:{self.port}"

    def _spawn(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env["PREFECT_HOME"] = str(self.home)
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child owns it for its lifetime
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                self.host,
                "--port",
                str(self.port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches wirewatch, which stops the server in order
        )
        log.close()

    def healthy(self) -> bool:
        """True when the server answers its health check."""
        try:
            with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise WirewatchError(
                    f"prefect server exited with status {self._proc.returncode}; see {self.log_path}"
                )
            if self.healthy():
                return
            time.sleep(0.5)
        raise WirewatchError(
            f"prefect server did not start within {STARTUP_TIMEOUT_SECONDS:.0f} s; see {self.log_path}"
        )

    def start(self) -> str:
        """Start the server, wait until it is healthy, begin supervising; returns the API URL."""
        self._spawn()
        self._wait_healthy()
        self._watcher = threading.Thread(
            target=self._supervise, name="prefect-server-watch", daemon=True
        )
        self._watcher.start()
        return self.api_url

    def _supervise(self) -> None:
        while not self._stopping.wait(HEALTH_INTERVAL_SECONDS):
            if self._proc is None or self._proc.poll() is None:
                continue
            with self._spawn_lock:
                if self._stopping.is_set():  # stop() terminated it: do not bring it back
                    return
                if self.restarts >= MAX_RESTARTS:
                    log.error("prefect server died %d times; not restarting it", self.restarts)
                    return
                self.restarts += 1
                log.warning("prefect server exited; restarting it (%d)", self.restarts)
                self._spawn()
            try:
                self._wait_healthy()
            except WirewatchError:
                continue

    def stop(self) -> None:
        """Stop supervising and terminate the server (kill it if it lingers)."""
        with self._spawn_lock:
            self._stopping.set()
        if self._watcher is not None:
            self._watcher.join(timeout=HEALTH_INTERVAL_SECONDS + 1)
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def __enter__(self) -> PrefectServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
