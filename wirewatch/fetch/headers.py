"""Reading the few HTTP response headers the fetch stage acts on."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime

__all__ = ["charset_of", "mime_type_of", "retry_after_seconds"]


def _parse_content_type(content_type: str) -> Message:
    message = Message()
    message["content-type"] = content_type
    return message


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, lower-cased, or None."""
    if not content_type:
        return None
    charset = _parse_content_type(content_type).get_param("charset")
    if not isinstance(charset, str):
        return None
    charset = charset.strip().strip("'\"").lower()
    return charset or None


def mime_type_of(content_type: str | None) -> str | None:
    """The media type of a Content-Type header (``text/html``), or None."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(int(value)))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
