"""Tunables of the search package, kept as data in one place.

Each value has one line on why it has that value; change them here, never inline.
Figures quoted are from ``benchmarks/search_bench.py`` on this 2-core machine.
"""

from __future__ import annotations

# --- Analysis ------------------------------------------------------------------
# Han and kana are written without spaces: before tokenizing, each such character
# is set apart by spaces so it becomes its own token, and a run of characters in a
# query becomes a phrase of adjacent characters (unigrams; see schema.py for why).
# A Python regex class (re has no \p{Han}): kana, CJK extension A, unified and
# compatibility ideographs, and the supplementary ideograph planes.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Longer tokens are URLs, hashes or glued garbage, never words an analyst types (bytes).
MAX_TOKEN_BYTES = 40
# Snowball stemmers chained in one analyzer: each leaves the other's alphabet alone
# (checked in tests), so English and Russian share one field without language labels.
STEMMERS = ("english", "russian")
# A prefix is cut back to what survives stemming when one of these follows it
# ("negotiat*" -> "negoti", the stem of negotiation, negotiating, negotiated).
PREFIX_PROBE_SUFFIXES = (
    "", "s", "es", "ed", "ing", "ion", "ions", "ation", "ive", "er", "ers", "al", "ally", "ly",
    "ity", "ment", "ness", "e", "y",
    "а", "у", "ом", "ым", "ой", "е", "и", "ы", "ов", "ами", "ах", "ия", "ие", "ей", "ого", "ему",
)  # fmt: skip

# --- Ranking -------------------------------------------------------------------
# A headline names the subject of the story: a match there counts double.
TITLE_BOOST = 2.0

# --- Queries -------------------------------------------------------------------
# Long enough for any hand-written or saved query; bounds the work one query can ask for.
MAX_QUERY_CHARS = 2_000
# Parentheses deeper than this are a generated or broken query, not an analyst's.
MAX_QUERY_DEPTH = 32
# "a*" would expand to a large part of the vocabulary; two characters keep prefixes useful.
MIN_PREFIX_CHARS = 2

# --- Results -------------------------------------------------------------------
# Characters of text around the best match: two lines of a terminal table.
SNIPPET_CHARS = 160
# search_stories pages through article hits this many times the wanted stories at once;
# agency copy runs about five copies per story (synthetic bench: 1M articles, 200k stories).
STORY_PAGE_FACTOR = 5
# ...and gives up after this many pages: the remaining stories rank too low to matter.
STORY_MAX_PAGES = 20

# --- Writing -------------------------------------------------------------------
# Indexing memory before tantivy flushes a segment. A 15-minute run adds a few thousand
# articles: 64 MB holds them in one segment; below 15 MB per thread tantivy refuses.
WRITER_HEAP_BYTES = 64_000_000
# A full rebuild flushes fewer, larger segments with more memory (fewer merges after).
REBUILD_HEAP_BYTES = 256_000_000
# One indexing thread: the pipeline's other stages use the machine's other core.
WRITER_THREADS = 1

# --- Reading beside the writer ---------------------------------------------------
# A reader that opens meta.json as the writer's merge deletes the files it names
# tries again (the next meta.json names the merged files); a missing file that is
# still missing after these attempts is damage.
OPEN_ATTEMPTS = 3
OPEN_RETRY_SECONDS = 0.2
