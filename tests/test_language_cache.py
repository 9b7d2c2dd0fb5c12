"""The language model's uncompressed cache gives the very model py3langid ships."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from wirewatch.extract import language
from wirewatch.extract.tables import LANGUAGES

SAMPLES = (
    "The two presidents held talks in Minsk on Tuesday and signed a trade accord.",
    "Президенты провели переговоры в Минске и подписали соглашение о торговле.",
    "两国元首在北京举行会谈，并签署了贸易协定。",
    "양국 정상은 서울에서 회담을 갖고 무역 협정에 서명했다.",
    "Les deux présidents se sont entretenus à Paris mardi.",
    "",
)


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(tmp_path / "cache"))
    language._identifier.cache_clear()
    yield tmp_path / "cache"
    language._identifier.cache_clear()


def packaged() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def test_the_first_load_writes_the_cache_and_the_next_reads_the_same_model(cache_dir: Path) -> None:
    first = language._identifier()
    written = list(cache_dir.glob("langid-*"))
    assert len(written) == 1 and not list(cache_dir.glob(".langid-*"))  # no temp file left
    language._identifier.cache_clear()
    cached = language._load_cached(written[0])
    reference = packaged()
    assert cached.nb_classes == reference.nb_classes == first.nb_classes
    assert np.array_equal(cached.nb_ptc, reference.nb_ptc)
    assert np.array_equal(cached.nb_pc, reference.nb_pc)
    assert list(cached.tk_row) == list(reference.tk_row)
    assert list(cached.tk_output) == list(reference.tk_output)
    assert cached.tk_nextmove.tobytes() == reference.tk_nextmove.tobytes()
    for text in SAMPLES:
        assert cached.classify(text) == reference.classify(text)


def test_a_damaged_cache_falls_back_to_the_packaged_model(cache_dir: Path) -> None:
    path = language._cache_path()
    assert path is not None
    path.mkdir(parents=True)
    (path / "arrays.npz").write_bytes(b"not an npz file")
    identifier = language._identifier()
    assert identifier.classify(SAMPLES[1])[0] == "ru"


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("WIREWATCH_CACHE_DIR", str(blocker / "cache"))
    language._identifier.cache_clear()
    try:
        assert language.detect_language(SAMPLES[2]) == "zh"
    finally:
        language._identifier.cache_clear()


def test_a_truncated_cache_falls_back_too(cache_dir: Path) -> None:
    language._identifier()
    path = language._cache_path()
    assert path is not None and path.is_dir()
    raw = path / "nextmove.bin"
    raw.write_bytes(raw.read_bytes()[: raw.stat().st_size // 2 + 1])  # not whole words
    language._identifier.cache_clear()
    assert language._identifier().classify(SAMPLES[0])[0] == "en"
