"""``wirewatch serve``: the deployments on their schedules, on a supervised Prefect server."""

from __future__ import annotations

import os
from contextlib import ExitStack, suppress
from pathlib import Path

from rich.console import Console

from wirewatch import lifetime
from wirewatch.app.prefect_server import PrefectServer
from wirewatch.app.printing import write_sources
from wirewatch.app.runtime import configure_prefect
from wirewatch.run.params import RunParams
from wirewatch.settings import Settings, check_alerting, default_paths

__all__ = ["serve"]


def serve(
    *,
    console: Console,
    cron: str | None = None,
    maintenance_cron: str | None = None,
    with_demo: bool = False,
    sources_file: Path | None = None,
    db: Path | None = None,
    config_dir: Path | None = None,
    data_dir: Path | None = None,
) -> None:
    """Serve ingest and maintenance until Ctrl-C; start a Prefect server if none is configured."""
    with ExitStack() as stack:
        alerts_as_of = None
        if with_demo:
            from wirewatch.demo import DemoNewswire

            _, _, data = default_paths(db, config_dir, data_dir)
            check_alerting(config_dir, data_dir)  # before the newswire starts
            wire = stack.enter_context(DemoNewswire())
            sources_file = write_sources(wire.sources, data / "demo-serve" / "sources.yaml")
            db = db or data / "demo-serve" / "wirewatch.duckdb"  # keep demo rows out of the real warehouse
            console.print(f"Demo newswire on {', '.join(sorted(wire.base_urls.values()))}")
            alerts_as_of = wire.clock  # its fixed week stays the recent week for max_age_days
        settings = Settings.load(
            db=db,
            config_dir=config_dir,
            data_dir=data_dir,
            sources_file=sources_file,
            check_channels=True,
            alerts_as_of=alerts_as_of,
        )
        configure_prefect(settings.data_dir, log_level="INFO")
        if "PREFECT_API_URL" not in os.environ:
            registry = lifetime.registry_beside(settings.run_lock)
            lifetime.stop_leftovers(registry)  # e.g. the server of a serve that was killed
            server = PrefectServer(settings.data_dir / "prefect-server", registry=registry)
            console.print(
                f"Starting a Prefect server on {server.ui_url} (log: {server.log_path}) ..."
            )
            stack.enter_context(server)
            os.environ["PREFECT_API_URL"] = server.api_url
            stack.callback(os.environ.pop, "PREFECT_API_URL", None)
            console.print(f"Prefect UI: {server.ui_url}")
        else:
            console.print(f"Using the Prefect server at {os.environ['PREFECT_API_URL']}")
        cron = cron or settings.defaults.schedule_cron
        maintenance_cron = maintenance_cron or settings.defaults.maintenance_cron
        parameters = {"params": RunParams.of(settings).model_dump(mode="json")}
        from flows.deployments import serve_deployments  # imports prefect, after its settings

        console.print(
            f"Serving ingest on '{cron}' and maintenance on '{maintenance_cron}' "
            f"({len(settings.sources.sources)} sources, warehouse {settings.db}). Ctrl-C stops."
        )
        with suppress(KeyboardInterrupt):
            serve_deployments(parameters, cron=cron, maintenance_cron=maintenance_cron)
        console.print("Stopping: waiting for the Prefect server to shut down ...")
    console.print("Stopped.")
