"""The index schema and its analyzers, as data.

One ``words`` analyzer serves every language: tantivy's simple tokenizer (runs
of letters and digits), lower-casing, then the English and Russian Snowball
stemmers in a row (each leaves the other's alphabet alone). Han and kana
characters are first set apart by spaces (``space_cjk``), at indexing and in
queries alike, so each is a token and a run of them is a phrase. So one
``title`` and one ``text`` field hold every article whatever its language label
says, a query needs no language, and mixed copy (an English story quoting
习近平, a Chinese one naming APEC) is found. The indexed text is the spaced
one; the text as written is kept in stored-only fields for hits and snippets.

Measured (benchmarks/search_bench.py corpus, CPU time of the indexing thread):
tantivy's regex tokenizer, the obvious way to split CJK inside tantivy, indexed
about 2,350 articles per CPU second against 5,650 for the simple tokenizer;
spacing in Python costs about 35 us an article. Unigrams rather than bigrams,
measured on the 40k Chinese articles of the 200k corpus: postings and positions
896 bytes an article against 1,683, indexing 2.6 times faster, a 3-character
name as fast (0.9 ms against 0.4 ms); only very common 2-character words are
slower (中国, in a quarter of them: 15 ms against 0.1 ms), far under the 1 s bar.
A unigram phrase can match across punctuation (中。国), about 4% extra on 中国.

Ids are stored and indexed as raw strings (upserts delete by ``article_id``).
An id written as 16 lower-case hex digits, as the warehouse writes them, is
also kept as a u64 fast field (``article_key``, ``story_key``): reading columns
is what makes "every matching article" cheap for large result sets, since
tantivy reads string fast fields only through aggregations capped at 65,000
buckets. Other ids work the same, read from the document store, only slower.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy

from wirewatch.search.tuning import CJK_CHARS, MAX_TOKEN_BYTES, STEMMERS

# Bump when the analyzers change in a way the stored field list cannot show.
FORMAT = 1
MARKER_FILE = "wirewatch-index.json"
LABEL_FILE = "wirewatch-commit.json"

WORDS = "ww_words"
KEYWORD = "ww_keyword"
RAW = "raw"


@dataclass(frozen=True)
class FieldSpec:
    """One schema field: how it is indexed, stored and read back."""

    name: str
    kind: str  # text | bytes (stored only) | unsigned | integer
    tokenizer: str = RAW
    stored: bool = False
    fast: bool = False
    index_option: str = "basic"  # text: basic (doc ids) | position (phrases)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("article_id", "text", RAW, stored=True),
    FieldSpec("article_key", "unsigned", fast=True),
    FieldSpec("story_id", "text", RAW, stored=True),
    FieldSpec("story_key", "unsigned", fast=True),
    FieldSpec("title", "text", WORDS, index_option="position"),
    FieldSpec("text", "text", WORDS, index_option="position"),
    FieldSpec("stored_title", "bytes", stored=True),  # UTF-8 as written (title is spaced)
    FieldSpec("stored_text", "bytes", stored=True),
    FieldSpec("agency", "text", KEYWORD, stored=True),
    FieldSpec("source", "text", KEYWORD, stored=True),
    FieldSpec("language", "text", KEYWORD, stored=True),
    FieldSpec("country", "text", KEYWORD, stored=True),
    FieldSpec("published", "integer", stored=True, fast=True),  # epoch seconds, UTC
    FieldSpec("version", "integer", stored=True, fast=True),
)

# Fields a query may name (``title:``...), and the ones a bare word searches.
TEXT_FIELDS = ("title", "text")
KEYWORD_FIELDS = ("agency", "source", "language", "country")
QUERY_FIELDS = TEXT_FIELDS + KEYWORD_FIELDS

_HEX_ID = re.compile(r"[0-9a-f]{16}")
_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def build_schema() -> tantivy.Schema:
    """The tantivy schema from ``FIELDS``."""
    builder = tantivy.SchemaBuilder()
    for spec in FIELDS:
        if spec.kind == "text":
            builder.add_text_field(
                spec.name,
                stored=spec.stored,
                tokenizer_name=spec.tokenizer,
                index_option=spec.index_option,
            )
        elif spec.kind == "bytes":
            builder.add_bytes_field(spec.name, stored=spec.stored, indexed=False)
        elif spec.kind == "unsigned":
            builder.add_unsigned_field(spec.name, stored=spec.stored, indexed=True, fast=spec.fast)
        else:
            builder.add_integer_field(spec.name, stored=spec.stored, indexed=True, fast=spec.fast)
    return builder.build()


def words_analyzer(*, stem: bool = True) -> tantivy.TextAnalyzer:
    """The analyzer of ``title`` and ``text``; without stemming for query prefixes."""
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
    )
    if stem:
        for language in STEMMERS:
            builder = builder.filter(tantivy.Filter.stemmer(language))
    return builder.build()


def keyword_analyzer() -> tantivy.TextAnalyzer:
    """The whole value as one lower-cased token: agency, source, language, country."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(
        tantivy.Filter.lowercase()
    ).build()


def space_cjk(text: str) -> str:
    """``text`` with every Han or kana character between spaces: 习近平 -> ' 习 近 平 '."""
    return _CJK_RUN.sub(lambda m: " " + " ".join(m.group()) + " ", text)


def spaced_with_origin(text: str) -> tuple[str, list[int]]:
    """``space_cjk(text)`` and, for each of its characters, its index in ``text`` (-1: added)."""
    pieces: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in _CJK_RUN.finditer(text):
        pieces.append(text[pos : match.start()])
        origin.extend(range(pos, match.start()))
        pieces.append(" " + " ".join(match.group()) + " ")
        for offset in range(match.start(), match.end()):
            origin.extend((-1, offset))
        origin.append(-1)
        pos = match.end()
    pieces.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(pieces), origin


def register_analyzers(index: tantivy.Index) -> None:
    """Tantivy keeps analyzers in memory only: every opened index needs them again."""
    index.register_tokenizer(WORDS, words_analyzer())
    index.register_tokenizer(KEYWORD, keyword_analyzer())


def stored_text(doc: tantivy.Document, field: str) -> str:
    """A stored-only text field (UTF-8 bytes) of a document read from the index."""
    value = doc.get_first(field)
    return bytes(value).decode("utf-8") if value is not None else ""


def id_key(identifier: str) -> int | None:
    """The u64 an id of 16 lower-case hex digits stands for; None for any other id."""
    return int(identifier, 16) if _HEX_ID.fullmatch(identifier) else None


def key_id(key: int) -> str:
    """The inverse of ``id_key``."""
    return f"{key:016x}"


def hex_ids(keys: list[int]) -> list[str]:
    """``key_id`` of many keys at once (a large result set is hundreds of thousands)."""
    if not keys:
        return []
    digits = np.asarray(keys, dtype=np.uint64).astype(">u8").tobytes().hex()
    return [digits[i : i + 16] for i in range(0, len(digits), 16)]


def marker() -> dict[str, object]:
    """What the marker file of an index built by this code says."""
    return {
        "format": FORMAT,
        "fields": [
            [s.name, s.kind, s.tokenizer, s.stored, s.fast, s.index_option] for s in FIELDS
        ],
    }


def _write_atomically(path: Path, value: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value, indent=1), encoding="utf-8")
    tmp.replace(path)


def write_marker(directory: Path) -> None:
    """Write the marker atomically (temporary file, then rename)."""
    _write_atomically(directory / MARKER_FILE, marker())


def write_label(directory: Path, label: str | None) -> None:
    """Record the label of the commit just made (atomically); None keeps the last one."""
    if label is not None:
        _write_atomically(directory / LABEL_FILE, {"label": label})


def read_label(directory: Path) -> str | None:
    """The label of the last labelled commit; None when there is none."""
    try:
        value = json.loads((directory / LABEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    label = value.get("label") if isinstance(value, dict) else None
    return label if isinstance(label, str) else None


def read_marker(directory: Path) -> dict[str, object] | None:
    """The marker of the index in ``directory``; None when absent or unreadable."""
    try:
        value = json.loads((directory / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
