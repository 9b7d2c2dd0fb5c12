"""Hostile or careless input to the stage commands: one line naming the input line, exit 2, never a crash.

`dedupe` and `detect` read JSON lines from anyone; `extract` reads any path it
is given. Bad input is the user's to fix, so it is bad usage (UsageError, exit
2) with the line or path named, never an "unexpected" error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wirewatch.app.cli import app
from wirewatch.errors import UsageError

REPO = Path(__file__).resolve().parents[1]

ITEM = {
    "id": "a",
    "url": "https://a.example/news/1",
    "title": "Harbour cranes arrive",
    "text": "Four new container cranes reached the port on Tuesday, the port authority said.",
    "published_at": "2026-03-04T10:00:00Z",
    "source": "one",
}


def invoke(command: str, data: bytes) -> tuple[int, str, BaseException | None]:
    """Run a stage command in-process on ``data`` as standard input (stdout encodes strictly as UTF-8)."""
    result = CliRunner().invoke(app, [command, "-"], input=data)
    return result.exit_code, result.stdout, result.exception


def assert_refused(command: str, data: bytes, line: int, *needles: str) -> None:
    code, _, exc = invoke(command, data)
    assert isinstance(exc, UsageError), (code, exc)
    message = str(exc)
    assert message.startswith(f"<stdin>:{line}: ") and "\n" not in message, message
    for needle in needles:
        assert needle in message, message


def lines(*objs: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


def test_dedupe_refuses_a_repeated_id_naming_both_lines() -> None:
    # Before: the second row silently got the first row's canonical URL.
    data = lines(ITEM, dict(ITEM, id="b"), dict(ITEM, url="https://b.example/other"))
    assert_refused("dedupe", data, 3, "'a'", "line 1")
    code, out, exc = invoke("dedupe", lines(ITEM, dict(ITEM, id="b", url="https://b.example/x")))
    assert exc is None and code == 0
    assert [json.loads(o)["canonical_url"] for o in out.splitlines()] == [
        "https://a.example/news/1",
        "https://b.example/x",
    ]


@pytest.mark.parametrize("command", ["dedupe", "detect"])
@pytest.mark.parametrize(
    ("line", "needles"),
    [
        (json.dumps(dict(ITEM, text="cranes \ud800 arrive")), ("'text'", "surrogate")),
        (json.dumps(dict(ITEM, id="\udfff")), ("'id'", "surrogate")),
        (json.dumps(dict(ITEM, title=5)), ("'title'", "string")),
        (json.dumps(dict(ITEM, text=["a"])), ("'text'", "string")),
        (json.dumps(dict(ITEM, id={"x": 1})), ("'id'", "string or an integer")),
        (json.dumps(dict(ITEM, published_at=17)), ("published_at",)),
        ("[" * 100_000 + "]" * 100_000, ("nested too deeply",)),
        ('{"id": "' + "9" * 3 + '", "n": ' + "9" * 5000 + "}", ("not valid JSON",)),
    ],
)
def test_bad_fields_name_the_line(command: str, line: str, needles: tuple[str, ...]) -> None:
    assert_refused(command, lines(ITEM) + line.encode() + b"\n", 2, *needles)


def test_detect_refuses_a_non_string_dateline() -> None:
    assert_refused("detect", lines(dict(ITEM, dateline=5)), 1, "'dateline'")


@pytest.mark.parametrize("url", ["http://[::1/x", "https://a.example:99999/x", "mailto:x@y", "5"])
def test_dedupe_names_the_line_of_a_malformed_url(url: str) -> None:
    assert_refused("dedupe", lines(ITEM, dict(ITEM, id="b", url=url)), 2, "'url'")


@pytest.mark.parametrize("command", ["dedupe", "detect"])
def test_bytes_that_are_not_utf8_name_the_line(command: str) -> None:
    assert_refused(command, lines(ITEM) + b'{"id": "\xff"}\n', 2, "not UTF-8", "0xff")


# -- the property: any JSON-ish lines give exit 0 or a UsageError naming a line ------------

_surrogates = st.characters(categories=["Cs"])
_any_char = st.characters(codec="utf-8") | _surrogates
_text = st.text(_any_char, max_size=40)
_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_urls = st.sampled_from(
    [
        "https://a.example/news/1?utm_source=x",
        "http://[::1",
        "http://a.example:99999/",
        "//a.example/p",
        "http://",
        "ftp://a.example/x",
        "https://a.example/%ZZ/../amp/",
        "",
    ]
) | _text.map(lambda t: "https://a.example/" + t)
_times = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31T23:59:59-14:00",
        "2026-03-04T10:00:00Z",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31",
        "2024-01-10",
        "2026-13-45",
        "",
    ]
) | st.datetimes().map(lambda d: d.isoformat())
_words = st.lists(
    st.sampled_from(
        [
            "President",
            "Lukashenko",
            "held",
            "talks",
            "with",
            "Chinese",
            "counterpart",
            "Xi",
            "Jinping",
            "in",
            "Beijing",
            "on",
            "Monday",
            "MINSK,",
            "March",
            "3",
            "(BelTA)",
            "-",
            "phone",
            "call",
            "Russia",
            "Belarus",
            "\u0432",
            "\u0441",
            "\u4e60\u8fd1\u5e73",
            "$^$",
            "[/x]",
            "\x00",
            "\u202e",
            "\ud83d\ude00",
        ]
    ),
    max_size=30,
).map(" ".join)


# Whole reports, so dates get resolved against odd publication times.
_stories = st.sampled_from(
    [
        "President Lukashenko held talks with Chinese President Xi Jinping in Beijing yesterday.",
        "Lukashenko and Xi Jinping will meet next Friday in Minsk, the press service said.",
        "The presidents of Chile and Argentina met on February 29 in Santiago.",
        "Putin and Lukashenko held a phone call on Monday; they met in Sochi last May.",
        "\u4e60\u8fd1\u5e73\u540c\u5362\u5361\u7533\u79d1\u4f1a\u8c08\u3002",
    ]
)


def _field(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a good value, so that lines get past the checks into the stage; sometimes anything."""
    return st.sampled_from([True, True, True, False]).flatmap(
        lambda ok: good if ok else _json | _text
    )


_objects = st.fixed_dictionaries(
    {
        "id": _field(st.sampled_from(["a", "b", "c"]) | st.integers(0, 3)),
        "url": _field(_urls),
        "text": _field(_stories | _words | st.tuples(_stories, _words).map(" ".join)),
    },
    optional={
        "title": _field(_words),
        "published_at": _field(_times),
        "source": _field(st.sampled_from(["one", "two"])),
        "dateline": _field(st.sampled_from(["MINSK, March 3 (BelTA) -", "BEIJING, Dec 19"])),
    },
)
_line = (
    _objects.map(lambda o: json.dumps(o).encode())  # ensure_ascii: lone surrogates as \ud800
    | _json.map(lambda v: json.dumps(v).encode())
    | st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n)
    | st.binary(max_size=30)
    | st.just(b"")
)


@pytest.mark.parametrize("command", ["dedupe", "detect"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(_line, min_size=1, max_size=6))
def test_any_json_ish_input_exits_cleanly(command: str, data: list[bytes]) -> None:
    raw = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in data) + b"\n"
    code, out, exc = invoke(command, raw)
    if exc is None:
        assert code == 0
        for row in out.splitlines():
            assert "id" in json.loads(row)
        return
    assert isinstance(exc, UsageError), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert message.startswith("<stdin>:") and "\n" not in message, message


# -- extract: what a path is, said plainly; never blocking on a FIFO ---------------------------


def wirewatch(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_extract_says_what_a_path_is(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop")
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    cases = {
        tmp_path: "is a directory",
        loop: "a symlink loop",
        dangling: "a symlink to a missing file",
        tmp_path / "missing.html": "file not found",
        fifo: "not a regular file (a FIFO)",
    }
    for path, what in cases.items():
        # A FIFO with no writer would block a plain open() forever: the timeout is the test.
        result = wirewatch("extract", str(path), timeout=60)
        assert result.returncode == 2, (path, result.stderr)
        assert result.stderr.strip() == f"wirewatch: {path}: {what}", result.stderr


def test_reprocess_without_archives_is_bad_usage_before_any_run(tmp_path: Path) -> None:
    result = wirewatch("reprocess", "--data", str(tmp_path / "data"), "--run", "r0")
    assert result.returncode == 2, result.stderr
    assert "no archives in" in result.stderr and "for run r0" in result.stderr
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()  # no run was started
