"""One frozen Settings object, built from ``config/`` and the environment, then passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wirewatch.config import (
    AlertsConfig,
    Defaults,
    SourcesConfig,
    load_alerts,
    load_defaults,
    load_sources,
)
from wirewatch.errors import ConfigError
from wirewatch.queries import QueriesConfig, load_queries

__all__ = [
    "DEFAULT_CONFIG_DIR",
    "DEFAULT_DB",
    "Settings",
    "check_alerting",
    "default_paths",
    "load_saved_queries",
    "run_lock_for",
]

DEFAULT_DB = Path("warehouse/wirewatch.duckdb")
DEFAULT_CONFIG_DIR = Path("config")
DEFAULT_DATA_DIR = Path("data")


def default_paths(
    db: Path | None = None, config_dir: Path | None = None, data_dir: Path | None = None
) -> tuple[Path, Path, Path]:
    """Resolve the warehouse, config and data paths: option, then environment, then default."""
    return (
        (db or Path(os.environ.get("WIREWATCH_DB", DEFAULT_DB))).resolve(),
        (config_dir or Path(os.environ.get("WIREWATCH_CONFIG", DEFAULT_CONFIG_DIR))).resolve(),
        (data_dir or Path(os.environ.get("WIREWATCH_DATA", DEFAULT_DATA_DIR))).resolve(),
    )


def run_lock_for(db: Path) -> Path:
    """The run lock of the warehouse ``db`` (see ``Settings.run_lock``)."""
    return db.with_name(db.name + ".run.lock")


def _check_channels(alerts: AlertsConfig, config_dir: Path, data_dir: Path) -> None:
    from wirewatch.alert import check_channels  # imports apprise: only for commands that alert

    check_channels(alerts, base_dir=data_dir, file=config_dir / "alerts.yaml")


def _check_story_rules(alerts: AlertsConfig, queries: QueriesConfig, config_dir: Path) -> None:
    """Every saved query a story rule names must be in ``queries.yaml``."""
    for index, rule in enumerate(alerts.rules):
        for name in rule.queries:
            if queries.get(name) is None:
                known = ", ".join(queries.names) or "none"
                raise ConfigError(
                    f"{config_dir / 'alerts.yaml'}: field 'rules.{index}.queries': rule "
                    f"{rule.name!r} names saved query {name!r}, which is not in queries.yaml "
                    f"(saved: {known})"
                )


def check_alerting(config_dir: Path | None = None, data_dir: Path | None = None) -> None:
    """Validate ``alerts.yaml`` and build its channels, before a command starts anything.

    For commands that set up their sources first (the demo): an unset secret
    must stop them before they start servers or write files.
    """
    _, config_dir, data_dir = default_paths(None, config_dir, data_dir)
    _check_channels(load_alerts(config_dir / "alerts.yaml"), config_dir, data_dir)


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, read once and validated."""

    db: Path
    config_dir: Path
    data_dir: Path
    sources_file: Path
    sources: SourcesConfig
    alerts: AlertsConfig
    defaults: Defaults
    queries: QueriesConfig = field(default_factory=QueriesConfig)  # saved queries (queries.yaml)
    # The moment alert rules' max_age_days count back from; None: each alert step's own
    # clock. The demo sets its newswire's, so its fixed week stays the recent week.
    alerts_as_of: datetime | None = None

    @classmethod
    def load(
        cls,
        *,
        db: Path | None = None,
        config_dir: Path | None = None,
        data_dir: Path | None = None,
        sources_file: Path | None = None,
        check_channels: bool = False,
        alerts_as_of: datetime | None = None,
    ) -> Settings:
        """Read and validate the configuration; raises ConfigError naming the file and field.

        ``check_channels`` (for commands that will alert: run, demo, serve)
        also builds every alert channel, so an unset secret stops the command
        before it fetches anything rather than after loading.
        """
        db, config_dir, data_dir = default_paths(db, config_dir, data_dir)
        sources_file = (sources_file or config_dir / "sources.yaml").resolve()
        settings = cls(
            db=db,
            config_dir=config_dir,
            data_dir=data_dir,
            sources_file=sources_file,
            sources=load_sources(sources_file),
            alerts=load_alerts(config_dir / "alerts.yaml"),
            defaults=load_defaults(config_dir / "defaults.yaml"),
            queries=load_queries(config_dir / "queries.yaml"),
            alerts_as_of=alerts_as_of,
        )
        _check_story_rules(settings.alerts, settings.queries, config_dir)
        if check_channels:
            _check_channels(settings.alerts, config_dir, data_dir)
        return settings

    @property
    def archive_dir(self) -> Path:
        """Where raw responses are archived as WARC files."""
        return self.data_dir / "archive"

    @property
    def run_lock(self) -> Path:
        """The lock file that keeps two runs from writing to this warehouse at once.

        Beside the warehouse, not in the data directory: two runs with other
        data directories on one warehouse must still exclude each other.
        """
        return run_lock_for(self.db)


def load_saved_queries(config_dir: Path | None = None) -> QueriesConfig:
    """The saved queries of ``queries.yaml`` alone, for commands that need nothing else."""
    _, config_dir, _ = default_paths(None, config_dir)
    return load_queries(config_dir / "queries.yaml")
