"""Bytes to text: charset detection, binary rejection, HTML-or-plain-text.

Order of evidence for the charset: a byte order mark, strict UTF-8, the
caller's hint (HTTP header), the page's own ``<meta charset>``, then
charset-normalizer's best guess. Agencies still serve windows-1251, GBK,
Shift_JIS and EUC-KR, and some declare one charset while sending another, so a
declared charset that fails to decode cleanly is not trusted blindly.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from charset_normalizer import from_bytes

from wirewatch.errors import DecodeError

__all__ = ["decode_bytes", "looks_like_html"]

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
# Labels browsers treat as a superset encoding; decoding with the superset
# never loses text the page meant (WHATWG encoding standard).
_SUPERSETS: Final = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "windows-1252",
    "latin-1": "windows-1252",
    "latin1": "windows-1252",
    "ascii": "windows-1252",
    "us-ascii": "windows-1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
}
# Share of replacement or control characters above which bytes are not text.
_MAX_BAD_SHARE: Final = 0.02
_SNIFF_BYTES: Final = 4096
_TAG: Final = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|span|a\s|br|table|section|script)\b",
    re.I,
)


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


_BAD_CHARS: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_BAD_CHARS.findall(sample)) / len(sample)


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        # A page cut at the size cap may end inside a multibyte character.
        if exc.start < len(data) - 4:
            return None
        try:
            text = data[: exc.start].decode(codec)
        except UnicodeDecodeError:
            return None
    except LookupError:
        return None
    return text if _bad_share(text) <= _MAX_BAD_SHARE else None


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode a page to text, or raise DecodeError when it is not text at all."""
    if not data.strip():
        raise DecodeError("empty input")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            decoded = _try(data, codec)
            if decoded is not None:
                return decoded
    # NUL bytes never occur in HTML or plain text in a byte-oriented charset.
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise DecodeError("binary data (NUL bytes), not text")
    # Valid UTF-8 with non-ASCII bytes is never an accident, whatever the page declares.
    candidates: list[str | None] = ["utf-8"]
    if charset:
        candidates.append(_codec(charset))
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match:
        candidates.append(_codec(match.group(1).decode("ascii", "replace")))
    for candidate in candidates:
        decoded = _try(data, candidate)
        if decoded is not None:
            return decoded
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        decoded = _try(data, _codec(best.encoding))
        if decoded is not None:
            return decoded
    raise DecodeError("could not decode the bytes in any plausible charset")


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than already-scraped plain text."""
    head = text[:_SNIFF_BYTES]
    return len(_TAG.findall(head)) >= 2 or head.lstrip().startswith("<")
