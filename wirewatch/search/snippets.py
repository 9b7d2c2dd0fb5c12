"""Snippets: the best fragment of an article's text and the matched words in it.

The index holds the text with CJK characters spaced apart (``space_cjk``);
tantivy cuts the fragment from that, and its offsets are mapped back to the
text as written, in characters (tantivy's are UTF-8 bytes).
"""

from __future__ import annotations

import tantivy

from wirewatch.search.records import Snippet
from wirewatch.search.schema import spaced_with_origin, stored_text
from wirewatch.search.tuning import SNIPPET_CHARS


class SnippetMaker:
    """Cuts snippets for the hits of one query."""

    def __init__(self, searcher: tantivy.Searcher, query: tantivy.Query, schema: tantivy.Schema):
        self._generator = tantivy.SnippetGenerator.create(searcher, query, schema, "text")

    def make(self, doc: tantivy.Document) -> Snippet:
        """The snippet of ``doc``'s text; its opening when the match is elsewhere (title, prefix)."""
        text = stored_text(doc, "stored_text")
        spaced, origin = spaced_with_origin(text)
        # tantivy counts the fragment's length in UTF-8 bytes: Cyrillic takes two, Han three.
        bytes_per_char = len(spaced.encode("utf-8")) / max(1, len(spaced))
        self._generator.set_max_num_chars(round(SNIPPET_CHARS * bytes_per_char))
        found = self._generator.snippet_from_doc(tantivy.Document(text=spaced))
        ranges = [(r.start, r.end) for r in found.highlighted()]
        if not found.fragment() or not ranges:
            return Snippet(opening(text))
        frag = found.fragment_range()
        chars = _CharOffsets(spaced)
        begin = _origin_at_or_after(origin, chars.at(frag.start), len(text))
        end = _origin_before(origin, chars.at(frag.end)) + 1
        spans = []
        for start, stop in ranges:
            a = _origin_at_or_after(origin, chars.at(frag.start + start), len(text))
            b = _origin_before(origin, chars.at(frag.start + stop)) + 1
            if begin <= a < b <= end:
                spans.append((a - begin, b - begin))
        return Snippet(text[begin:end], merge_spans(spans))


class _CharOffsets:
    """Character index of a UTF-8 byte offset into one string."""

    def __init__(self, text: str) -> None:
        self._raw = text.encode("utf-8")

    def at(self, byte_offset: int) -> int:
        return len(self._raw[:byte_offset].decode("utf-8", errors="ignore"))


def _origin_at_or_after(origin: list[int], index: int, default: int) -> int:
    for i in range(index, len(origin)):
        if origin[i] >= 0:
            return origin[i]
    return default


def _origin_before(origin: list[int], index: int) -> int:
    for i in range(min(index, len(origin)) - 1, -1, -1):
        if origin[i] >= 0:
            return origin[i]
    return -1


def opening(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a space when there is one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with touching or overlapping ones joined (习, 近, 平 -> 习近平)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
