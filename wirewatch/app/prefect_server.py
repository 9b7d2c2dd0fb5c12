"""Start and supervise a local Prefect server: long-lived for ``serve``, private to one ``run``.

Schedules need a real Prefect server (the in-process one logs "Cannot
schedule flows on an ephemeral server" and runs nothing). When ``PREFECT_API_URL`` is not set, ``wirewatch serve`` starts one
bound to 127.0.0.1 with its home under wirewatch's data directory, restarts it
if it dies, and stops it on exit. ``wirewatch run`` starts the server Prefect
would start for itself (its ephemeral one), but as a child that dies with the
run (``wirewatch.lifetime``): Prefect's own outlives a killed run. Runs it as a
subprocess: no Prefect import.
"""

from __future__ import annotations

import atexit
import importlib.util
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

from wirewatch import lifetime
from wirewatch.errors import WirewatchError

__all__ = ["PrefectServer", "free_port", "start_run_server"]

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
    """A ``prefect server start`` subprocess, supervised; or, ``ephemeral``, Prefect's run-only server.

    The child dies with this process (a parent-death signal) and is noted in
    ``registry`` so that the next run stops it if that failed.
    """

    def __init__(
        self,
        home: Path,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        ephemeral: bool = False,
        registry: Path | None = None,
    ) -> None:
        self.home = home
        self.host = host
        self.ephemeral = ephemeral
        self.port = port or free_port(host, None if ephemeral else DEFAULT_PORT)
        self.registry = registry
        self.log_path = home / ("ephemeral-server.log" if ephemeral else "server.log")
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

    def _command(self) -> tuple[list[str], dict[str, str]]:
        if not self.ephemeral:
            address = ["--host", self.host, "--port", str(self.port)]
            return [sys.executable, "-m", "prefect", "server", "start", *address], {}
        # What Prefect runs for its ephemeral server (SubprocessASGIServer in
        # prefect/server/api/server.py): the API without UI or scheduling services.
        spec = importlib.util.find_spec("prefect")  # finds it without importing it
        app_dir = Path(spec.origin).parent.parent if spec and spec.origin else Path.cwd()
        command = [
            sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir),
            "--factory", "prefect.server.api.server:create_app",
            "--host", self.host, "--port", str(self.port),
            "--log-level", "error", "--lifespan", "on",
        ]  # fmt: skip
        env = {
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        return command, env

    def _spawn(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        command, extra = self._command()
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env["PREFECT_HOME"] = str(self.home)
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        env.update(extra)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child owns it for its lifetime
        self._proc = subprocess.Popen(
            command,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches wirewatch, which stops the server in order
            # Dies with the thread that spawns it: the main thread, or the watcher that
            # restarts it, which lives until stop() has stopped the server.
            preexec_fn=lifetime.parent_death_signal(),
        )
        log.close()
        if self.registry is not None:
            kind = "prefect server (run)" if self.ephemeral else "prefect server"
            lifetime.record(
                self.registry, lifetime.Proc.of(self._proc.pid), lifetime.Proc.current(), kind
            )

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
        """Start the server, wait until it is healthy, begin supervising; returns the API URL.

        An ephemeral server is not restarted: like Prefect's own, it serves one process.
        """
        self._spawn()
        self._wait_healthy()
        if self.ephemeral:
            return self.api_url
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
        # Terminate before the watcher ends: a server it restarted gets SIGKILL when it does.
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._watcher is not None:
            self._watcher.join(timeout=HEALTH_INTERVAL_SECONDS + 1)
        if proc is not None and self.registry is not None:
            lifetime.forget(self.registry, proc.pid)

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


def start_run_server(home: Path, registry: Path) -> str:
    """Start this process's own ephemeral Prefect server, stopped at exit; returns its API URL."""
    server = PrefectServer(home, ephemeral=True, registry=registry)
    server.start()
    atexit.register(server.stop)
    return server.api_url
