"""Vectorised MinHash sketches and anchor shingles, a batch of articles at a time.

The signature is a one-permutation MinHash (Li, Owen and Zhang, 2012): each
shingle hash picks one of ``MINHASH_BINS`` bins by its top bits and the bin keeps
its smallest value, so the cost is one sort of the batch's shingles rather than
a hash per shingle and permutation. datasketch's ``MinHash.update`` hashes every
shingle in Python for every permutation (about 1 ms per article at 128
permutations); here a whole batch is hashed and reduced with numpy. Hashes are
seeded constants (CRC-32 of tokens, splitmix64 of shingles), never Python's
``hash()``, so sketches persisted by one process match those of the next.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.text import tokens_of
from wirewatch.dedupe.tuning import ANCHOR_SPAN, ANCHOR_WINDOW, MINHASH_BINS, SHINGLE_WORDS

__all__ = ["EMPTY_BIN", "SKETCH_VERSION", "Sketch", "jaccard", "sketch_texts"]

# Bump whenever tokens, shingles, bins or hash constants change: persisted
# sketches of another version cannot be compared with new ones.
SKETCH_VERSION = 2
EMPTY_BIN = np.uint32(0xFFFFFFFF)

_U64 = np.uint64
_BIN_BITS = MINHASH_BINS.bit_length() - 1
assert 1 << _BIN_BITS == MINHASH_BINS, "MINHASH_BINS must be a power of two"
_rng = np.random.Generator(np.random.PCG64(0x5EED_D3D0))
_MIX = _rng.integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64) * _U64(2) + _U64(1)
_TOKEN_CACHE: dict[str, int] = {}
_TOKEN_CACHE_MAX = 2_000_000


@dataclass(frozen=True, slots=True)
class Sketch:
    """One article's MinHash signature, distinct shingle count and anchor shingles."""

    minhash: npt.NDArray[np.uint32]  # MINHASH_BINS values, EMPTY_BIN where no shingle fell
    shingles: int
    anchors: npt.NDArray[np.uint64]  # distinct anchor shingle hashes, sorted


def jaccard(
    signatures: npt.NDArray[np.uint32], signature: npt.NDArray[np.uint32]
) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of ``signature`` with each row of ``signatures``."""
    filled = signatures != EMPTY_BIN
    same = (signatures == signature[None, :]) & filled
    either = filled | (signature != EMPTY_BIN)[None, :]
    return same.sum(axis=1) / np.maximum(either.sum(axis=1), 1)


def _token_hashes(tokens: list[str]) -> list[int]:
    cache = _TOKEN_CACHE
    hashes: list[int | None] = list(map(cache.get, tokens))
    if None in hashes:
        if len(cache) >= _TOKEN_CACHE_MAX:
            cache.clear()
        for i, h in enumerate(hashes):
            if h is None:
                tok = tokens[i]
                hashes[i] = cache[tok] = zlib.crc32(tok.encode("utf-8")) + 1  # 0 pads
    return hashes  # type: ignore[return-value]


def _splitmix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    x = x + _U64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _sketch_batch(texts: Sequence[str]) -> list[Sketch]:
    k = SHINGLE_WORDS
    n_docs = len(texts)
    lists = [_token_hashes(tokens_of(t)) for t in texts]
    for lst in lists:
        if len(lst) < k:  # a very short text is one shingle of itself
            lst.extend([0] * (k - len(lst)))
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=n_docs)
    flat = np.array(list(chain.from_iterable(lists)), dtype=np.uint64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    n_pos = len(flat) - k + 1
    with np.errstate(over="ignore"):
        acc = flat[:n_pos] * _MIX[0]
        for j in range(1, k):
            acc = acc ^ (flat[j : j + n_pos] * _MIX[j])
        shingle = _splitmix(acc)
    doc = np.repeat(np.arange(n_docs), lengths)[:n_pos]
    rel = np.arange(n_pos) - starts[doc]
    valid = rel <= (lengths - k)[doc]
    # Anchors come from the opening of the text only: copies keep the lead and
    # trim the end, and a bounded number per article bounds the index.
    opening = valid & (rel < ANCHOR_SPAN)
    anchor_doc, anchor_vals = _winnow(doc[opening], shingle[opening], n_docs)
    shingle, doc = shingle[valid], doc[valid]
    doc, shingle = _unique_pairs(doc, shingle)
    counts = np.bincount(doc, minlength=n_docs)
    # Sorted by (doc, hash), the first shingle of each (doc, bin) run is that bin's minimum.
    bins = (shingle >> _U64(64 - _BIN_BITS)).astype(np.int64)
    values = ((shingle >> _U64(32 - _BIN_BITS)) & _U64(0xFFFFFFFF)).astype(np.uint32)
    slot = doc * MINHASH_BINS + bins
    first = np.ones(len(slot), dtype=bool)
    first[1:] = slot[1:] != slot[:-1]
    flat_signatures = np.full(n_docs * MINHASH_BINS, EMPTY_BIN, dtype=np.uint32)
    flat_signatures[slot[first]] = values[first]
    signatures = flat_signatures.reshape(n_docs, MINHASH_BINS)
    bounds = np.searchsorted(anchor_doc, np.arange(n_docs + 1)).tolist()
    count_list = counts.tolist()
    return [
        Sketch(signatures[i], count_list[i], anchor_vals[bounds[i] : bounds[i + 1]])
        for i in range(n_docs)
    ]


def _winnow(
    doc: npt.NDArray[np.int64], shingle: npt.NDArray[np.uint64], n_docs: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """Winnowing (Schleimer, Wilkerson and Aiken, 2003): the smallest hash of every
    window of ``ANCHOR_WINDOW`` consecutive shingles, per document.

    Any passage of ``ANCHOR_WINDOW + SHINGLE_WORDS - 1`` words shared by two texts
    yields at least one shared anchor, however the texts around it differ.
    """
    w = ANCHOR_WINDOW
    picked_doc = [doc[:0]]
    picked = [shingle[:0]]
    if len(shingle) >= w:
        windows = np.lib.stride_tricks.sliding_window_view(shingle, w)
        whole = doc[: len(doc) - w + 1] == doc[w - 1 :]  # window inside one document
        offsets = np.argmin(windows[whole], axis=1)
        starts = np.flatnonzero(whole)
        picked_doc.append(doc[starts])
        picked.append(shingle[starts + offsets])
    # Documents with fewer shingles than a window contribute their smallest hash.
    counts = np.bincount(doc, minlength=n_docs)
    present = np.flatnonzero(counts > 0)
    if len(present):
        segment_min = np.minimum.reduceat(shingle, np.cumsum(counts[present]) - counts[present])
        short = counts[present] < w
        picked_doc.append(present[short])
        picked.append(segment_min[short])
    return _unique_pairs(np.concatenate(picked_doc), np.concatenate(picked))


def _unique_pairs(
    doc: npt.NDArray[np.int64], shingle: npt.NDArray[np.uint64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """Distinct (doc, shingle) pairs, sorted by doc then shingle."""
    order = np.lexsort((shingle, doc))
    doc, shingle = doc[order], shingle[order]
    keep = np.ones(len(shingle), dtype=bool)
    keep[1:] = (shingle[1:] != shingle[:-1]) | (doc[1:] != doc[:-1])
    return doc[keep], shingle[keep]


def sketch_texts(texts: Sequence[str], batch: int = 512) -> list[Sketch]:
    """Sketches of ``texts`` (already stripped of page furniture), in order."""
    out: list[Sketch] = []
    for lo in range(0, len(texts), batch):
        out.extend(_sketch_batch(texts[lo : lo + batch]))
    return out
