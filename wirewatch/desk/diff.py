"""What a copy cut or added: a word-level diff of one text against another.

The result is a list of segments ``(kind, text)`` with kind ``same``, ``added``
(words only the copy has) or ``cut`` (words of the reference the copy left
out); templates render each segment as escaped text inside its own element,
so no scraped text is ever markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Segment", "diff_words"]

Kind = Literal["same", "added", "cut"]
_WORDS = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Segment:
    """A run of words: the same in both texts, added by the copy, or cut from the reference."""

    kind: Kind
    text: str


def _words(text: str, limit: int) -> list[str]:
    return _WORDS.findall(text)[:limit]


def diff_words(reference: str, copy: str, *, limit: int) -> tuple[list[Segment], bool]:
    """Segments turning ``reference`` into ``copy`` word by word (the first ``limit`` words).

    Returns the segments and whether either text was cut at ``limit`` words.
    Words are compared without their trailing spaces, so line breaks do not count as changes.
    """
    ours, theirs = _words(reference, limit), _words(copy, limit)
    truncated = len(_WORDS.findall(reference)) > limit or len(_WORDS.findall(copy)) > limit
    matcher = SequenceMatcher(
        None, [w.strip() for w in ours], [w.strip() for w in theirs], autojunk=False
    )
    segments: list[Segment] = []

    def add(kind: Kind, words: list[str]) -> None:
        if not words:
            return
        text = "".join(words)
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("same", theirs[j1:j2])
        else:  # replace, delete, insert: what was cut, then what came in its place
            add("cut", ours[i1:i2])
            add("added", theirs[j1:j2])
    return segments, truncated
