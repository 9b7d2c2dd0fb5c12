"""JSON lines read by the stage commands (`dedupe`, `detect`): each problem named by its line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wirewatch.errors import UsageError
from wirewatch.files import open_regular_file

__all__ = ["json_lines", "parse_time"]


def json_lines(
    source: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[dict[str, Any]]:
    """Objects from JSON lines; any problem is a UsageError naming the input line.

    ``id`` is a string or an integer, every other named field a string
    (optional ones may be null), all of it valid Unicode.
    """
    if source == "-":
        yield from _json_objects(sys.stdin.buffer, "<stdin>", required, optional)
        return
    with open_regular_file(Path(source), error=UsageError) as lines:
        yield from _json_objects(lines, source, required, optional)


def _json_objects(
    lines: Iterable[bytes], name: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> Iterator[dict[str, Any]]:
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(
                f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            ) from exc
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError as exc:
            raise UsageError(f"{where}: not valid JSON (nested too deeply)") from exc
        except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
            raise UsageError(f"{where}: not valid JSON ({getattr(exc, 'msg', exc)})") from exc
        if not isinstance(obj, dict):
            raise UsageError(f"{where}: expected a JSON object")
        missing = [k for k in required if k not in obj]
        if missing:
            raise UsageError(f"{where}: missing field(s) {', '.join(missing)}")
        for key in (*required, *optional):
            _check_field(obj.get(key), key, where, optional=key in optional)
        obj["_where"], obj["_line"] = where, number
        yield obj


def _check_field(value: Any, key: str, where: str, *, optional: bool) -> None:
    if key == "id" and isinstance(value, int) and not isinstance(value, bool):
        return
    if value is None and optional:
        return
    if not isinstance(value, str):
        expected = "a string or an integer" if key == "id" else "a string"
        raise UsageError(f"{where}: field {key!r} must be {expected}, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(
            f"{where}: field {key!r} is not valid Unicode "
            f"(a lone surrogate \\u{ord(value[exc.start]):04x} at position {exc.start})"
        ) from exc


def parse_time(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(f"{where}: published_at is not an ISO date or time: {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
