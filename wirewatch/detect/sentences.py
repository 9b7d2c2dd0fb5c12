"""An article as the detector reads it: the dateline set apart, then sentences.

The headline is a sentence of its own (flagged, since headlines have their own
grammar: "Xi to visit Russia"); the body is cut at paragraph breaks, then at
sentence ends that do not follow an abbreviation or an initial.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.datelines import strip_dateline
from wirewatch.detect import rules

__all__ = ["Sentence", "article_sentences", "split_sentences", "strip_dateline"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; ``is_title`` for the headline."""

    text: str
    is_title: bool = False


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: paragraphs first, then sentence ends not after an abbreviation."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        buffer = ""
        for piece in rules.SENTENCE_END.split(paragraph):
            buffer = f"{buffer} {piece}" if buffer else piece
            last = buffer.rsplit(None, 1)[-1] if buffer.split() else ""
            if last in rules.ABBREVIATIONS or rules.INITIALS.fullmatch(last):
                continue
            out.append(buffer)
            buffer = ""
        if buffer:
            out.append(buffer)
    return out


def article_sentences(title: str | None, body: str) -> list[Sentence]:
    """The headline (title-cased when it is all capitals), then the body's sentences."""
    sentences: list[Sentence] = []
    if title and title.strip():
        clean_title = title.strip()
        if clean_title.isupper():
            clean_title = clean_title.title()
        sentences.append(Sentence(clean_title, is_title=True))
    sentences.extend(Sentence(s) for s in split_sentences(body))
    return sentences
