"""One frozen Settings object, built from ``config/`` and the environment, then passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wirewatch.config import (
    AlertsConfig,
    Defaults,
    SourcesConfig,
    load_alerts,
    load_defaults,
    load_sources,
)

__all__ = ["DEFAULT_CONFIG_DIR", "DEFAULT_DB", "Settings", "default_paths"]

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

    @classmethod
    def load(
        cls,
        *,
        db: Path | None = None,
        config_dir: Path | None = None,
        data_dir: Path | None = None,
        sources_file: Path | None = None,
    ) -> Settings:
        """Read and validate the configuration; raises ConfigError naming the file and field."""
        db, config_dir, data_dir = default_paths(db, config_dir, data_dir)
        sources_file = (sources_file or config_dir / "sources.yaml").resolve()
        return cls(
            db=db,
            config_dir=config_dir,
            data_dir=data_dir,
            sources_file=sources_file,
            sources=load_sources(sources_file),
            alerts=load_alerts(config_dir / "alerts.yaml"),
            defaults=load_defaults(config_dir / "defaults.yaml"),
        )

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
        return self.db.with_name(self.db.name + ".run.lock")
