"""The line tables (static boilerplate, captions) answer as a search of each of their patterns would.

They are searched as two alternations, the patterns anchored at the line's
start matched once there and the rest searched; these tests hold that split to
the plain meaning: a line is boilerplate when any one pattern finds it.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.extract.boilerplate import _anchored, is_caption, is_static_boilerplate
from wirewatch.extract.tables import BOILERPLATE_PATTERNS, CAPTION_PATTERNS

PAGES = Path(__file__).parent / "data" / "extract"

KNOWN = [
    "(END)",
    "Copyright 2025 Xinhua. All rights reserved.",
    "Share this article",
    "share it with a friend today",
    "Read more: talks resume",
    "禁止转载",
    "本网站版权所有，未经授权不得转载",
    "An official speaks in Beijing. (Xinhua/Li Wei)",
    "Children play in the park. [Photo/Agencies]",
    "新华社发 王晓摄",
    "[VIDEO] |",
    "기사제보는 연합뉴스",
    "Subscribe to our newsletter for the day's news",
    "Advertisement",
    "The ministers met in Minsk on Monday and signed three agreements.",
]


def _plain(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.search(line.strip()) for p in patterns)


def _lines() -> list[str]:
    lines = list(KNOWN)
    for page in sorted(PAGES.rglob("*")):
        if page.suffix in (".html", ".txt"):
            text = re.sub(r"<[^>]+>", "\n", page.read_text("utf-8", errors="replace"))
            lines += [line for line in text.splitlines() if line.strip()]
    return lines


def test_split_is_anchoring_of_every_alternative() -> None:
    assert _anchored(r"^(?:end|ends)$") and _anchored(r"^a|^(?:b|c)") and _anchored(r"^\|x")
    assert not _anchored(r"share it|^share") and not _anchored(r"(?:^|[.])x") and not _anchored("a^")
    assert _anchored(r"^[|]x|^y") and not _anchored(r"^[a|]x|y")


def test_tables_agree_with_each_pattern_on_page_lines() -> None:
    lines = _lines()
    assert len(lines) > 300
    hits = 0
    for line in lines:
        assert is_static_boilerplate(line) == _plain(BOILERPLATE_PATTERNS, line), line
        assert is_caption(line) == _plain(CAPTION_PATTERNS, line), line
        hits += is_static_boilerplate(line) + is_caption(line)
    assert hits >= 12  # the known lines are found, not only agreed on


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(KNOWN),
    st.text(alphabet=st.sampled_from(list(" .|:([)]/abcdeEND新华社摄©")), max_size=12),
    st.booleans(),
)
def test_tables_agree_with_each_pattern_on_variants(known: str, noise: str, before: bool) -> None:
    line = noise + known if before else known + noise
    assert is_static_boilerplate(line) == _plain(BOILERPLATE_PATTERNS, line)
    assert is_caption(line) == _plain(CAPTION_PATTERNS, line)
