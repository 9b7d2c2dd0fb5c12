"""Configuration files under ``config/``, validated on load.

``sources.yaml``, ``alerts.yaml`` and ``defaults.yaml`` are read once, checked
with pydantic and handed down as frozen objects. An invalid file raises
:class:`~wirewatch.errors.ConfigError` naming the file, the field and what was
expected.
"""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from wirewatch.errors import ConfigError
from wirewatch.files import open_regular_file

__all__ = [
    "MAX_CONFIG_BYTES",
    "MAX_CONFIG_NODES",
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

# A desk's largest sources file (500 sources at about 200 bytes each) is about
# 100 KB; 1 MB leaves tenfold room and parses in well under a second, while an
# unbounded file took 47 s and 0.9 GB at 10 MB.
MAX_CONFIG_BYTES = 1_000_000
# Within that, a file of tiny values (or of aliases, which repeat a value without
# repeating its bytes) still costs about 20 us per value to build and check: 1 MB
# of "1," took 30 s. Realistic files hold about 16 values per source (5,000
# sources: 80k), so 100k values bounds the work to a few seconds at worst.
MAX_CONFIG_NODES = 100_000
_URL_SCHEMES = ("http", "https")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


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
            if not _is_http_url(url):
                raise ValueError(f"expected an http(s) URL with a host, got {url!r}")
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

    @field_validator("sources")
    @classmethod
    def _something_to_fetch(cls, sources: tuple[SourceConfig, ...]) -> tuple[SourceConfig, ...]:
        for index, source in enumerate(sources):
            if not (source.feeds or source.sitemaps or source.sections):
                raise ValueError(
                    f"expected at least one of feeds, sitemaps or sections in sources.{index} "
                    f"({source.name!r} has no URL to fetch)"
                )
        return sources


def _is_http_url(url: str) -> bool:
    """An absolute http(s) URL with a host and a valid port, without spaces or control characters."""
    if _SPACE_OR_CONTROL.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in _URL_SCHEMES and bool(parts.hostname)


class AlertRule(_Frozen):
    """Which meetings (``kind: meeting``, the default) or new stories (``kind: story``) raise an alert."""

    name: str
    kind: Literal["meeting", "story"] = "meeting"
    kinds: tuple[Literal["in_person", "call", "announced"], ...] = ("in_person", "call")
    countries: tuple[str, ...] = ()  # any meeting involving one of these (empty: any)
    pairs: tuple[tuple[str, str], ...] = ()  # exactly these pairs (empty: any)
    min_confidence: float = Field(default=0.5, ge=0, le=1)
    queries: tuple[str, ...] = ()  # story rules: saved query names (queries.yaml)
    channels: tuple[str, ...] = ()  # channel names; empty: all channels
    # Days between first publication and the run after which a match is recorded as
    # skipped, not sent (a first run over months of archive is history, not news);
    # None: no limit. A whole day at least: publication times are often day-precise.
    max_age_days: int | None = Field(default=None, ge=1)

    @field_validator("queries", mode="before")
    @classmethod
    def _query_names(cls, value: Any) -> Any:
        # `queries: belarus-russia` and `queries: ["@belarus-russia"]` name the same query.
        values = (value,) if isinstance(value, str) else value
        if not isinstance(values, list | tuple):
            return value
        return tuple(v.removeprefix("@") if isinstance(v, str) else v for v in values)

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> AlertRule:
        meeting_only = {"kinds", "countries", "pairs", "min_confidence"} & self.model_fields_set
        if self.kind == "story":
            if not self.queries:
                raise ValueError(f"rule {self.name!r}: a story rule needs queries (saved query names)")
            if meeting_only:
                raise ValueError(
                    f"rule {self.name!r}: {', '.join(sorted(meeting_only))} apply to meeting "
                    "rules, not to a story rule (its queries say what matches)"
                )
        elif self.queries:
            raise ValueError(f"rule {self.name!r}: queries apply to story rules (kind: story)")
        return self


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
    # Source health (wirewatch.health): a listing failing run after run is tried less often.
    health_free_failures: int = Field(default=3, ge=0)
    health_backoff_base_seconds: float = Field(default=900.0, ge=0)
    health_backoff_factor: float = Field(default=2.0, ge=1)
    health_backoff_cap_seconds: float = Field(default=86_400.0, ge=0)
    robots_ttl_seconds: float = Field(default=86_400.0, ge=0)


class _DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice; YAML would silently keep the last."""

    def __init__(self, key: object, line: int, first_line: int) -> None:
        super().__init__(f"line {line}: key {key!r} appears twice (first on line {first_line})")


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooManyNodes(yaml.YAMLError):
    """The document holds more values than a config file needs (aliases counted per use)."""


def _count_nodes(root: yaml.Node) -> None:
    """Raise _TooManyNodes past MAX_CONFIG_NODES; stops there, so an alias bomb costs no more."""
    count, stack = 0, [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_CONFIG_NODES:
            raise _TooManyNodes()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type, misc]
    """PyYAML's safe loader (libyaml's when present: seven times faster) refusing duplicate keys.

    It also counts the document's values before building any of them.
    """

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _count_nodes(node)
        return self.construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor` merges, and keys beside it may override what it brings
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = first.get(key)
            except TypeError:  # an unhashable key: the base constructor explains it
                continue
            line = key_node.start_mark.line + 1
            if seen is not None:
                raise _DuplicateKey(key, line, seen)
            first[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _read_text(path: Path) -> str:
    """The file's text, read only if it is a regular UTF-8 file within the size bound."""
    with open_regular_file(path, error=ConfigError) as file:
        try:
            data = file.read(MAX_CONFIG_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path}: too large for a config file (over {MAX_CONFIG_BYTES / 1e6:g} MB); "
            "split it or remove what is not configuration"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:2]:
        raise ConfigError(f"{path}: the file is UTF-16; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); save it as UTF-8"
        ) from exc


def _read_yaml(path: Path) -> Any:
    text = _read_text(path)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader
    except _DuplicateKey as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except _TooManyNodes as exc:
        raise ConfigError(
            f"{path}: too many values for a config file (over {MAX_CONFIG_NODES:,}, "
            "aliases counted each time they are used)"
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: not valid YAML (nested too deeply)") from exc


def _validate(model: type[_M], path: Path, data: Any) -> _M:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"]) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{path}: field '{where}': {message}") from exc


def load_sources(path: Path) -> SourcesConfig:
    """Read and validate a sources file."""
    return _validate(SourcesConfig, path, _read_yaml(path))


def load_alerts(path: Path) -> AlertsConfig:
    """Read and validate an alerts file."""
    return _validate(AlertsConfig, path, _read_yaml(path))


def load_defaults(path: Path) -> Defaults:
    """Read and validate ``defaults.yaml``; a missing file means all defaults."""
    if not os.path.lexists(path):
        return Defaults()
    return _validate(Defaults, path, _read_yaml(path))


def expand_env(value: str) -> str:
    """Replace ``${NAME}`` with the environment variable NAME (secrets stay out of files)."""
    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        # An empty secret is as missing as an unset one (`TOKEN= wirewatch run`).
        if not os.environ.get(name):
            raise ConfigError(f"environment variable {name} is not set or is empty")
        return os.environ[name]

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", sub, value)
