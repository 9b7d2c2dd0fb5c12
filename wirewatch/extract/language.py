"""Language of an article: the page's own ``lang`` when valid, else py3langid (offline)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from py3langid.langid import MODEL_FILE, LanguageIdentifier

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
    # One identifier per process, restricted to the agencies' languages; the
    # model takes ~0.2 s to load, so it is loaded once and lazily.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(list(LANGUAGES))
    return identifier


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
