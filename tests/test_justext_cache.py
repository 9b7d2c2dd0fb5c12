"""trafilatura's justext stoplist read from the user's cache is the very list it builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from justext.utils import get_stoplist, get_stoplists
from trafilatura import external

from wirewatch.extract import extract_document, markup

# Two short paragraphs: too little for trafilatura's precision mode, so it asks justext.
SHORT_PAGE = (
    "<html lang='ko'><head><title>회담</title></head><body><div><p>양국 정상은 서울에서 회담을 가졌다.</p>"
    "<p>두 정상은 무역 협정에 서명했다.</p></div></body></html>"
).encode()


def _all_words() -> set[str]:
    return {w for language in get_stoplists() for w in get_stoplist(language)}


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    monkeypatch.setattr(external, "jt_stoplist_init", external.jt_stoplist_init)
    yield tmp_path / "cache"


def test_the_first_use_writes_the_cache_and_the_next_reads_it(cache: Path) -> None:
    first = markup._stoplist_init()
    assert set(first) == _all_words() and len(first) == len(set(first))
    (written,) = cache.glob("justext-*.txt")
    # Marked, to tell a read from a rebuild: the next list comes from the file.
    written.write_text(written.read_text("utf-8") + "wirewatchmark\n", "utf-8")
    second = markup._stoplist_init()
    assert set(second) == _all_words() | {"wirewatchmark"}
    assert external.JT_STOPLIST is second


def test_a_cache_cut_short_is_rebuilt(cache: Path) -> None:
    markup._stoplist_init()
    (written,) = cache.glob("justext-*.txt")
    written.write_text(written.read_text("utf-8")[:1000].rstrip("\n"), "utf-8")
    assert set(markup._stoplist_init()) == _all_words()
    assert written.read_text("utf-8").endswith("\n")


def test_an_unwritable_cache_still_gives_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    assert set(markup._stoplist_init()) == _all_words()


def test_the_stoplist_hashes_as_its_words_do_and_is_hashed_once(cache: Path) -> None:
    words = markup._stoplist_init()
    assert hash(words) == hash(tuple(words)) and words == tuple(words)


def test_extraction_falling_back_to_justext_takes_the_cached_list(cache: Path) -> None:
    first = extract_document(SHORT_PAGE, "https://news.example.kr/a.html")
    # trafilatura asked for the list (only its justext fallback does), and got ours.
    assert external.jt_stoplist_init is markup._stoplist_init
    assert isinstance(external.JT_STOPLIST, markup._StopWords)
    assert list(cache.glob("justext-*.txt"))
    external.JT_STOPLIST = None  # the next page reads the list from the cache
    assert extract_document(SHORT_PAGE, "https://news.example.kr/a.html") == first
