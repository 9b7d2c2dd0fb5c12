"""Language of an article: the page's own ``lang`` when valid, else py3langid (offline)."""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import re
import shutil
import tempfile
import zipfile
from array import array
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Final

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from wirewatch.extract.tables import LANGUAGES

__all__ = ["detect_language", "load_language_model"]

_SAMPLE_CHARS: Final = 1000
_LATIN: Final = re.compile(r"[A-Za-z]")
_LETTER: Final = re.compile(r"[^\W\d_]")
_CYRILLIC: Final = re.compile("[а-яёА-ЯЁ]")
_LANG_ATTR: Final = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
# ISO 639-2/3 codes some sites put in lang="" -> ISO 639-1.
_THREE_TO_TWO: Final = {
    "eng": "en",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
    "kor": "ko",
    "tur": "tr",
    "ara": "ar",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "ukr": "uk",
    "bel": "be",
}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # One identifier per process, restricted to the agencies' languages, loaded
    # once and lazily. py3langid ships its model xz-compressed: decompressing it
    # takes 0.45-0.7 s here, more than importing trafilatura, on every command
    # that extracts a page. So the restricted model is kept uncompressed in the
    # user's cache (about 44 MB, read in tens of ms); any trouble with the cache
    # falls back to the packaged model, which is the same model.
    cached = _cache_path()
    if cached is not None and cached.is_dir():
        with contextlib.suppress(OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return _load_cached(cached)
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(LANGUAGES))
    if cached is not None:
        with contextlib.suppress(OSError):
            _save_cached(identifier, cached)
    return identifier


def cache_dir() -> Path | None:
    """The user's cache directory for wirewatch (``WIREWATCH_CACHE_DIR`` overrides it)."""
    override = os.environ.get("WIREWATCH_CACHE_DIR")
    try:
        return (
            Path(override)
            if override
            else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wirewatch"
        )
    except RuntimeError:  # no home directory to speak of
        return None


def _cache_path() -> Path | None:
    """Where the uncompressed model lives: per py3langid version and language list."""
    base = cache_dir()
    if base is None:
        return None
    model = MODEL_DIR / MODEL_FILE
    try:
        stamp = f"{version('py3langid')}|{model.stat().st_size}|{','.join(LANGUAGES)}"
    except (OSError, ValueError):
        return None
    return base / f"langid-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"


# The cache is a directory: the small arrays in one .npz, the 39 MB state table
# as raw machine words, memory-mapped on load (through a zip member it cost a
# CRC pass and a copy, 0.1-0.2 s).
_ARRAYS: Final = "arrays.npz"
_NEXTMOVE: Final = "nextmove.bin"


def _save_cached(identifier: LanguageIdentifier, path: Path) -> None:
    """Write the restricted model uncompressed, atomically (a temp directory, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=".langid-"))
    try:
        np.savez(
            tmp / _ARRAYS,
            ptc=identifier.nb_ptc,
            pc=identifier.nb_pc,
            classes=np.array(identifier.nb_classes),
            row=np.array(identifier.tk_row, dtype=np.int64),
            output=np.array(identifier.tk_output, dtype=np.int64),
            nextmove_code=np.array(identifier.tk_nextmove.typecode),
        )
        with open(tmp / _NEXTMOVE, "wb") as out:
            identifier.tk_nextmove.tofile(out)
        os.replace(tmp, path)  # fails (OSError) if another process got there first: fine
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _load_cached(path: Path) -> LanguageIdentifier:
    with np.load(path / _ARRAYS, allow_pickle=False) as data:
        code = str(data["nextmove_code"])
        raw = path / _NEXTMOVE
        with open(raw, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if not size or size % array(code).itemsize:
                raise ValueError(f"{raw} is truncated")
            # Mapped, not read: the pages are shared by every process on the machine
            # (and the pool's forked workers), and nothing is copied. The cache is
            # only ever replaced by renaming a new directory in, never rewritten.
            nextmove = memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)).cast(code)  # type: ignore[call-overload]
        return LanguageIdentifier(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            nextmove,
            data["output"].tolist(),
            norm_probs=False,
            tk_row=data["row"].tolist(),
        )

def load_language_model() -> None:
    """Load the model now (a process that forks workers loads it once for all of them)."""
    _identifier()


def _from_attr(lang: str | None) -> str | None:
    if not lang:
        return None
    found = _LANG_ATTR.match(lang.strip())
    if not found:
        return None
    code = found.group(1).lower()
    code = _THREE_TO_TWO.get(code, code)
    return code if len(code) == 2 else None


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``; a declared ``<html lang>`` wins unless the script contradicts it."""
    code = _from_attr(declared)
    sample = text[:_SAMPLE_CHARS]
    if code:
        # Templates are often copied between editions with lang="en" left in;
        # trust the attribute only when the script agrees with it.
        if code in ("en", "fr", "de", "es", "it", "pt", "tr", "id", "ms", "vi", "pl", "cs"):
            if len(_LATIN.findall(sample)) >= 0.5 * len(_LETTER.findall(sample)):
                return code
        elif code in ("ru", "uk", "be", "bg", "sr", "kk"):
            if _CYRILLIC.search(sample):
                return code
        else:
            return code
    if not sample.strip():
        return None
    lang, _score = _identifier().classify(sample)
    return str(lang) if lang != "und" else None
