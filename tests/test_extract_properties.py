"""Property: any bytes or text give an article or a clear extract error, never a crash."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.errors import DecodeError, ExtractEmpty
from wirewatch.extract import extract_document

TAGS = [
    "html",
    "head",
    "body",
    "div",
    "p",
    "span",
    "article",
    "script",
    "style",
    "table",
    "td",
    "h1",
    "figure",
    "figcaption",
    "meta",
    "title",
    "a",
    "br",
    "li",
    "ul",
    "!--",
    "![CDATA[",
]
WORDS = [
    "MOSCOW",
    "(Xinhua)",
    "--",
    "Updated:",
    "2022-12-20",
    "09:31",
    "|",
    "/TASS/.",
    "МИНСК",
    "新华社北京12月19日电",
    "[Photo/Agencies]",
    "(END)",
    "&amp;",
    "&#xFFFF;",
    "\x00",
    "\ufffd",
    "charset=gbk",
    "Copyright",
    "said",
    "the",
    "talks",
    "on",
    "Monday",
    "\n",
    "<",
    ">",
    '"',
    "'",
]

fragment = st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(TAGS).map(lambda t: f'<{t} class="x" lang="zz" content="{t}">'),
    st.sampled_from(WORDS),
    st.text(max_size=20),
)
html_like = st.lists(fragment, max_size=80).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    html_like,
    st.sampled_from(["utf-8", "windows-1251", "gbk", "shift_jis", "latin-1"]),
    st.sampled_from([None, "utf-8", "koi8-r", "bogus-charset"]),
)
def test_malformed_html_never_crashes(text: str, encoding: str, hint: str | None) -> None:
    data = text.encode(encoding, errors="replace")
    try:
        doc = extract_document(data, "https://x.example/a", charset=hint)
    except (DecodeError, ExtractEmpty):
        return
    assert doc.text.strip()
    assert doc.text == "\n\n".join(doc.paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        doc = extract_document(data)
    except (DecodeError, ExtractEmpty):
        return
    assert doc.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        doc = extract_document(text)
    except (DecodeError, ExtractEmpty):
        return
    assert doc.text.strip()


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=60_000), st.sampled_from(["div", "p", "b", "table"]))
def test_truncated_deep_nesting_never_crashes(depth: int, tag: str) -> None:
    data = ("<html><body>" + f"<{tag}>" * depth + "Some words of text here. " * 5).encode()
    with contextlib.suppress(DecodeError, ExtractEmpty):
        extract_document(data[: len(data) - depth % 7], "https://x.example/deep")
