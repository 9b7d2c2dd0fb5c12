"""Alert channels: the console, a JSON-lines file and any Apprise URL.

Each channel's ``send`` raises :class:`~wirewatch.errors.DeliveryError` with one
clear sentence when it fails; third-party errors (OSError, apprise results and
exceptions) are translated here and nowhere else. Secrets never appear in a
message: every string a channel builds passes through :func:`mask_secrets`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, quote, urlsplit

import apprise
from rich.console import Console
from rich.panel import Panel

from wirewatch.alert.records import AlertMessage
from wirewatch.alert.rules import check_alerts_config
from wirewatch.config import AlertsConfig, ChannelConfig, expand_env
from wirewatch.console import plain, plain_console
from wirewatch.errors import ConfigError, DeliveryError

__all__ = [
    "AppriseChannel",
    "Channel",
    "ConsoleChannel",
    "JsonlChannel",
    "build_channels",
    "check_channels",
    "mask_secrets",
]

MASK = "***"
# Environment values shorter than this are not treated as secrets: masking
# every "1" or "on" in an error message would garble it and hide nothing.
MIN_SECRET_LENGTH = 4
# In a URL that comes whole from the environment (url_env), path segments,
# query values and dotless hosts at least this long are taken for tokens.
MIN_TOKEN_LENGTH = 8
# Upper bound for one Apprise notify call (all of its own retries included);
# the plugin's own connect/read timeouts (4 s each by default) usually end it first.
APPRISE_CALL_TIMEOUT_SECONDS = 30.0
_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Channel(Protocol):
    """Where an alert goes. ``send`` raises DeliveryError on failure."""

    name: str
    max_attempts: int

    def describe(self) -> str:
        """A printable description of the channel, secrets masked."""
        ...

    def send(self, alert_id: str, message: AlertMessage, *, now: datetime) -> None:
        """Deliver one alert, or raise DeliveryError."""
        ...


def mask_secrets(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret, raw or URL-quoted, in ``text`` with ``***``."""
    forms = {form for s in secrets if s for form in (s, quote(s, safe=""), quote(s))}
    # Longest first, so a secret containing another is masked whole.
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


class ConsoleChannel:
    """Prints each alert as a panel on a rich console (the terminal by default)."""

    def __init__(self, name: str, console: Console, *, max_attempts: int = 10) -> None:
        self.name = name
        self.max_attempts = max_attempts
        self._console = console

    def describe(self) -> str:
        """Name and type."""
        return f"{self.name} (console)"

    def send(self, alert_id: str, message: AlertMessage, *, now: datetime) -> None:
        """Print the alert as plain text: brackets, emoji codes and escapes print as written."""
        try:
            self._console.print(
                Panel(plain(message.body), title=plain(message.title), title_align="left")
            )
        except OSError as exc:
            raise DeliveryError(
                f"channel {self.name!r} (console) could not print the alert: {exc}."
            ) from exc


class JsonlChannel:
    """Appends one JSON object per alert to a file: ``alert_id, channel, sent_at, message`` and
    ``meeting`` or ``story`` (the alert's facts as data)."""

    def __init__(self, name: str, path: Path, *, max_attempts: int = 10) -> None:
        self.name = name
        self.max_attempts = max_attempts
        self.path = path

    def describe(self) -> str:
        """Name, type and file."""
        return f"{self.name} (jsonl: {self.path})"

    def send(self, alert_id: str, message: AlertMessage, *, now: datetime) -> None:
        """Append the alert as one line, written with a single append so lines never interleave."""
        record = {
            "alert_id": alert_id,
            "channel": self.name,
            "sent_at": now.isoformat(),
            "message": {"title": message.title, "body": message.body},
            message.kind: message.data,  # "meeting" or "story"
        }
        line = (json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        except OSError as exc:
            raise DeliveryError(
                f"channel {self.name!r} could not append to {self.path}: {exc.strerror or exc}."
            ) from exc


class _Collect(logging.Handler):
    """Keeps apprise's warnings so a ConfigError can say why a URL was refused."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_apprise() -> Iterator[list[str]]:
    """Keep apprise's own log lines (which may carry URLs) off the terminal; yield them instead.

    During notify Apprise also captures its warnings into the result, where we
    read them; this handler stops Python's last-resort handler printing them.
    """
    logger = logging.getLogger(apprise.LOGGER_NAME)
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.propagate = propagate
        logger.removeHandler(handler)


class AppriseChannel:
    """Sends through any Apprise URL (Slack, Telegram, e-mail, json://, form://, xml:// webhooks)."""

    def __init__(
        self,
        name: str,
        url: str,
        *,
        secrets: tuple[str, ...] = (),
        max_attempts: int = 10,
    ) -> None:
        """Build the Apprise service; raises ConfigError (URL masked) if Apprise cannot use ``url``."""
        self.name = name
        self.max_attempts = max_attempts
        self._secrets = secrets
        with _quiet_apprise() as complaints:
            service = apprise.Apprise.instantiate(url)
        if service is None:
            why = (
                "; ".join(m.strip().rstrip(".") for m in complaints)
                or "unknown scheme or missing parts"
            )
            # Apprise could not tell secrets from the rest of a URL it cannot
            # parse, so mask everything credential-like in its complaint too.
            why = mask_secrets(why, (*secrets, url, *_token_parts(url)))
            raise ConfigError(
                self._mask(
                    f"alerts.yaml: channel {name!r}: Apprise cannot use the URL "
                    f"{self._fallback_display(url)} ({why})"
                )
            )
        # Apprise's privacy form hides passwords and tokens; its query string is
        # only plugin options (method, retry, ...), noise in an error message.
        self._display = self._mask(str(service.url(privacy=True)).split("?", 1)[0])
        self._apprise = apprise.Apprise()
        if not self._apprise.add(service):
            raise ConfigError(
                f"alerts.yaml: channel {name!r}: Apprise refused the URL {self._display}"
            )

    def _mask(self, text: str) -> str:
        return mask_secrets(text, self._secrets)

    def _fallback_display(self, url: str) -> str:
        scheme = url.split("://", 1)[0] if "://" in url else ""
        return f"{self._mask(scheme)}://{MASK}" if scheme else MASK

    def describe(self) -> str:
        """Name and Apprise's privacy form of the URL."""
        return f"{self.name} (apprise: {self._display})"

    def send(self, alert_id: str, message: AlertMessage, *, now: datetime) -> None:
        """Notify; a failed, timed-out or crashed notify becomes DeliveryError with Apprise's reason."""
        where = f"channel {self.name!r} ({self._display})"
        try:
            with _quiet_apprise():
                result = self._apprise.notify(
                    body=message.body,
                    title=message.title,
                    body_format=apprise.NotifyFormat.TEXT,
                    timeout=APPRISE_CALL_TIMEOUT_SECONDS,
                )
                try:
                    if result:
                        return
                    status = result.status
                    reasons = [
                        # Apprise writes "Internal server error., error=500."
                        re.sub(r"\.(?=,)", "", entry.message.strip()).rstrip(".")
                        for entry in result.logs()
                        if entry.level in ("WARNING", "ERROR", "CRITICAL")
                    ]
                finally:
                    result.close()
        # Apprise raises little, but any crash must become a retryable failure.
        except Exception as exc:
            raise DeliveryError(
                self._mask(f"{where} failed: {type(exc).__name__}: {exc}.")
            ) from exc
        if status == apprise.AppriseResultStatus.TIMEOUT:
            reason = f"no answer within {APPRISE_CALL_TIMEOUT_SECONDS:g} s"
        else:
            reason = "; ".join(dict.fromkeys(reasons)) or f"Apprise reported {status.name}"
        raise DeliveryError(self._mask(f"{where} did not deliver: {reason}."))


def _token_parts(url: str) -> tuple[str, ...]:
    """Pieces of a URL that look like credentials: password, long path segments, query values, dotless hosts."""
    try:
        parts = urlsplit(url)
        password, host = parts.password, parts.hostname
    except ValueError:
        return ()
    found = [password or ""]
    if host and "." not in host and host not in ("localhost",) and len(host) >= MIN_TOKEN_LENGTH:
        found.append(host)
    found += [seg for seg in parts.path.split("/") if len(seg) >= MIN_TOKEN_LENGTH]
    found += [value for _, value in parse_qsl(parts.query) if len(value) >= MIN_TOKEN_LENGTH]
    return tuple(piece for piece in found if piece)


def _apprise_url(config: ChannelConfig) -> tuple[str, tuple[str, ...]]:
    """The expanded URL and the secrets to mask in anything printed about it."""
    where = f"alerts.yaml: channel {config.name!r}"
    if (config.url is None) == (config.url_env is None):
        raise ConfigError(f"{where}: an apprise channel needs exactly one of 'url' or 'url_env'")
    if config.url_env is not None:
        value = os.environ.get(config.url_env, "").strip()
        if not value:
            raise ConfigError(f"{where}: environment variable {config.url_env} is not set")
        # The whole URL came from the environment: every credential-like piece is secret.
        return value, (value, *_token_parts(value))
    assert config.url is not None
    try:
        url = expand_env(config.url)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    secrets = tuple(
        os.environ[name]
        for name in _ENV_REFERENCE.findall(config.url)
        if len(os.environ[name]) >= MIN_SECRET_LENGTH
    )
    return url, secrets


def build_channels(
    config: AlertsConfig, *, base_dir: Path, console: Console | None = None
) -> dict[str, Channel]:
    """Build every channel of ``alerts.yaml``; jsonl paths are relative to ``base_dir``.

    Raises :class:`ConfigError` naming the channel for a missing path, an unset
    environment variable or a URL Apprise cannot use (secrets masked).
    """
    check_alerts_config(config)
    channels: dict[str, Channel] = {}
    for item in config.channels:
        if item.type == "console":
            channels[item.name] = ConsoleChannel(
                item.name, console or plain_console(), max_attempts=item.max_attempts
            )
        elif item.type == "jsonl":
            if not item.path:
                raise ConfigError(
                    f"alerts.yaml: channel {item.name!r}: a jsonl channel needs a 'path'"
                )
            channels[item.name] = JsonlChannel(
                item.name, base_dir / item.path, max_attempts=item.max_attempts
            )
        else:
            url, secrets = _apprise_url(item)
            channels[item.name] = AppriseChannel(
                item.name, url, secrets=secrets, max_attempts=item.max_attempts
            )
    return channels


def check_channels(config: AlertsConfig, *, base_dir: Path, file: Path) -> None:
    """Build every channel once and drop them, so a command that will alert fails before it fetches.

    Raises :class:`ConfigError` as ``FILE: channel 'name': what is wrong`` for an
    unset or empty ``${ENV}`` secret, a missing ``url_env`` variable, a URL
    Apprise cannot use (secrets masked) or a rule naming an unknown channel.
    """
    try:
        build_channels(config, base_dir=base_dir)
    except ConfigError as exc:
        # The channel code names the file by its usual name; say which file it was.
        raise ConfigError(f"{file}: {str(exc).removeprefix('alerts.yaml: ')}") from exc
