"""What a flow is given: where the configuration, the warehouse and the runtime data are.

One typed object, so the CLI, ``wirewatch serve`` and ``prefect.yaml`` pass the
same thing, and Prefect can validate it and store it with a deployment (a
pydantic model serialises to JSON). Paths left out fall back as everywhere
else: the environment (``WIREWATCH_DB``, ``WIREWATCH_CONFIG``, ``WIREWATCH_DATA``),
then the defaults.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from wirewatch.settings import Settings

__all__ = ["RunParams"]


class RunParams(BaseModel):
    """The paths a run reads its settings from (read once, where the flow runs)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: Path | None = None
    config_dir: Path | None = None
    data_dir: Path | None = None
    sources_file: Path | None = None
    alerts_as_of: datetime | None = None  # Settings.alerts_as_of: the demo's newswire clock

    @classmethod
    def of(cls, settings: Settings) -> RunParams:
        """The parameters that load ``settings`` again (on this machine or a worker's)."""
        return cls(
            db=settings.db,
            config_dir=settings.config_dir,
            data_dir=settings.data_dir,
            sources_file=settings.sources_file,
            alerts_as_of=settings.alerts_as_of,
        )

    def settings(self) -> Settings:
        """Read and validate the configuration these parameters point at."""
        return Settings.load(
            db=self.db,
            config_dir=self.config_dir,
            data_dir=self.data_dir,
            sources_file=self.sources_file,
            check_channels=True,  # an unset alert secret fails the run before it fetches
            alerts_as_of=self.alerts_as_of,
        )
