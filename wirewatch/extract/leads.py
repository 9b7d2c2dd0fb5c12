"""The lead (standfirst) a page sets above its body container, which trafilatura leaves out.

TASS puts a summary line above the dateline paragraph, presidential and
ministry press pages put their first paragraph in a lead block; the caller
keeps it as the article's first paragraph on wire and press copy.
"""

from __future__ import annotations

import re
from typing import Final

from lxml import etree
from lxml.html import HtmlElement

from wirewatch.extract.tables import LEAD_CLASS_WORDS, LEAD_MAX_CHARS, LEAD_MIN_CHARS

__all__ = ["lead_text"]

# The first paragraph's element: a paragraph or a leaf starting with its text.
_ANCHOR_XPATH: Final = etree.XPath("//*[self::p or not(*)][starts-with(normalize-space(.), $h)][1]")
# A lead stands just above the body: only the nearest classed elements before
# the first paragraph are looked at (reverse axis: position 1 is the nearest).
_LEAD_WINDOW: Final = 40
_BEFORE_XPATH: Final = etree.XPath(f"preceding::*[@class][position() <= {_LEAD_WINDOW}]")
_LEAD_TAGS: Final = frozenset(
    {"div", "p", "h2", "h3", "h4", "h5", "h6", "span", "section", "strong"}
)
_NOT_LEAD_PLACES: Final = frozenset({"nav", "footer", "aside", "a"})
_LEAD_END: Final = re.compile(r"[.!?。！？…»”\"')）]$")
_HEAD_CHARS: Final = 24  # enough of the first paragraph to find it again in the tree


def lead_text(tree: HtmlElement, first_paragraph: str) -> str | None:
    """The lead (standfirst) a page sets just above its body container, or None.

    A lead is a block among the nearest elements before the article's first
    paragraph whose class names it one (``LEAD_CLASS_WORDS``) and which reads
    as one or two sentences; trafilatura leaves it out of the main text.
    """
    head = first_paragraph[:_HEAD_CHARS]
    if not head:
        return None
    try:
        anchor = _ANCHOR_XPATH(tree, h=head)
        candidates = _BEFORE_XPATH(anchor[0]) if anchor else []
    except (ValueError, TypeError, etree.XPathError):
        return None
    for el in candidates:
        if el.tag not in _LEAD_TAGS:
            continue
        words = {
            part
            for token in (el.get("class") or "").lower().split()
            for part in re.split(r"[-_]+", token)
        }
        if not words & LEAD_CLASS_WORDS:
            continue
        if any(up.tag in _NOT_LEAD_PLACES for up in el.iterancestors()):
            continue
        text = re.sub(r"\s+", " ", el.text_content() or "").strip()
        if not text or not LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS:
            continue
        if _LEAD_END.search(text) and not text.startswith(head):
            return text
    return None
