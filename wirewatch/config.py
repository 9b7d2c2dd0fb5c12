"""Configuration files under ``config/``, validated on load.

``sources.yaml``, ``alerts.yaml`` and ``defaults.yaml`` are read once, checked
with pydantic and handed down as frozen objects. An invalid file raises
:class:`~wirewatch.errors.ConfigError` naming the file, the field and what was
expected.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wirewatch.errors import ConfigError

__all__ = [
    "AlertRule",
    "AlertsConfig",
    "ChannelConfig",
    "Defaults",
    "SourceConfig",
    "SourcesConfig",
    "load_alerts",
    "load_defaults",
    "load_sources",
]


_M = TypeVar("_M", bound=BaseModel)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceConfig(_Frozen):
    """One agency or site to monitor."""

    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    publisher: str = Field(min_length=1)
    language: str = Field(min_length=2, max_length=8)
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()  # regular expressions; a matching line is dropped
    rate_limit: float | None = Field(default=None, gt=0)  # requests per second per host
    max_pages: int | None = Field(default=None, ge=1)
    agency: str | None = None  # the agency this source's own copy comes from, if it is one
    # Private, loopback or link-local ranges this source's links may reach (e.g. an
    # intranet wire): wirewatch.fetch.guard refuses them otherwise.
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @field_validator("feeds", "sitemaps", "sections")
    @classmethod
    def _http_urls(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"expected an http(s) URL, got {url!r}")
        return urls

    @field_validator("allow_networks", mode="before")
    @classmethod
    def _networks(cls, values: Any) -> Any:
        if not isinstance(values, list | tuple):
            return values  # pydantic says what it expected
        networks = []
        for value in values:
            try:
                networks.append(ipaddress.ip_network(value))  # strict: no host bits after the /
            except (TypeError, ValueError) as exc:
                raise ValueError(
                    f"expected an IP network like 10.20.0.0/16, got {value!r} ({exc})"
                ) from exc
        return tuple(networks)

    @field_validator("boilerplate")
    @classmethod
    def _regexes(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"expected a regular expression, got {pattern!r} ({exc})") from exc
        return patterns


class SourcesConfig(_Frozen):
    """The ``sources.yaml`` file."""

    sources: tuple[SourceConfig, ...] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: tuple[SourceConfig, ...]) -> tuple[SourceConfig, ...]:
        seen: set[str] = set()
        for source in sources:
            if source.name in seen:
                raise ValueError(f"expected unique source names, {source.name!r} appears twice")
            seen.add(source.name)
        return sources


class AlertRule(_Frozen):
    """Which meetings raise an alert."""

    name: str
    kinds: tuple[Literal["in_person", "call", "announced"], ...] = ("in_person", "call")
    countries: tuple[str, ...] = ()  # any meeting involving one of these (empty: any)
    pairs: tuple[tuple[str, str], ...] = ()  # exactly these pairs (empty: any)
    min_confidence: float = Field(default=0.5, ge=0, le=1)
    channels: tuple[str, ...] = ()  # channel names; empty: all channels


class ChannelConfig(_Frozen):
    """Where alerts go: ``console``, ``jsonl`` (a file) or ``apprise`` (any Apprise URL)."""

    name: str
    type: Literal["console", "jsonl", "apprise"]
    path: str | None = None  # jsonl: file path, relative to the warehouse directory
    url: str | None = None  # apprise: may contain ${ENV_VAR} references for secrets
    url_env: str | None = None  # apprise: name of an environment variable holding the URL
    max_attempts: int = Field(default=10, ge=1)


class AlertsConfig(_Frozen):
    """The ``alerts.yaml`` file."""

    rules: tuple[AlertRule, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()


class Defaults(_Frozen):
    """Tuning knobs in ``defaults.yaml``; every key has a default here too."""

    user_agent: str = "wirewatch/0.1 (media monitoring; +https://github.com/wirewatch/wirewatch)"
    timeout_seconds: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=10_000_000, gt=0)
    per_host_concurrency: int = Field(default=2, ge=1)
    rate_limit: float = Field(default=2.0, gt=0)  # requests per second per host
    retries: int = Field(default=3, ge=0)
    backoff_seconds: float = Field(default=1.0, ge=0)
    max_retry_after_seconds: float = Field(default=60.0, ge=0)
    max_pages_per_source: int = Field(default=200, ge=1)
    extract_batch_size: int = Field(default=200, ge=1)
    extract_workers: int = Field(default=2, ge=1)
    process_pool_min_pages: int = Field(default=64, ge=1)
    schedule_cron: str = "*/15 * * * *"
    maintenance_cron: str = "17 3 * * *"
    story_window_days: int = Field(default=14, ge=1)
    archive: bool = True


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise ConfigError(f"{path}: file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from exc


def _validate(model: type[_M], path: Path, data: Any) -> _M:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"]) or "(top level)"
        raise ConfigError(f"{path}: field '{where}': {err['msg']}") from exc


def load_sources(path: Path) -> SourcesConfig:
    """Read and validate a sources file."""
    return _validate(SourcesConfig, path, _read_yaml(path))


def load_alerts(path: Path) -> AlertsConfig:
    """Read and validate an alerts file."""
    return _validate(AlertsConfig, path, _read_yaml(path))


def load_defaults(path: Path) -> Defaults:
    """Read and validate ``defaults.yaml``; a missing file means all defaults."""
    if not path.is_file():
        return Defaults()
    return _validate(Defaults, path, _read_yaml(path))


def expand_env(value: str) -> str:
    """Replace ``${NAME}`` with the environment variable NAME (secrets stay out of files)."""
    import re

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise ConfigError(
                f"environment variable {name} is not set (needed by an alert channel)"
            )
        return os.environ[name]

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", sub, value)
