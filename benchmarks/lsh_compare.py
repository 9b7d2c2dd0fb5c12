"""Candidate generation for story clustering: winnowed anchors vs datasketch LSH.

The dedupe index (``wirewatch.dedupe.index.StoryIndex``) finds candidate stories
through winnowed anchor shingles; its docstring argues banded MinHash-LSH cannot
find trimmed copies (Jaccard ~0.3) without flooding candidates. This benchmark
measures that claim. Every variant keeps the colleague's verification unchanged
(``StoryIndex._best_story``: anchor-share gate, containment from the one-permutation
MinHash and shingle counts, ``_conflict`` look-alike-event rules, the cap of
``MAX_CANDIDATE_STORIES`` stories and ``COMPARE_MEMBERS`` members); only
``_candidate_stories`` (and the index it reads) is swapped:

* ``anchors``       the colleague's code path (a subclass that only counts);
* ``lsh@T``         ``datasketch.MinHashLSH(threshold=T, num_perm=128)`` over a
                    datasketch ``MinHash`` (affine32 scheme, ``update_batch``) of the
                    *same* 4-word shingles; candidate articles are ranked by the
                    index's own Jaccard estimate and grouped into stories;
* ``lshtight@T``    the same bands, but a MinHash of only the b*r permutations they use;
* ``ensemble@T``    ``datasketch.MinHashLSHEnsemble`` (containment >= T of the new
                    article in an indexed one). It can only be built once from all
                    entries, so it is built over the whole batch up front and a
                    query keeps only articles already assigned (fine for one batch;
                    not usable for an incremental, persisted index).

Scores: pairwise P/R/F1 on the labelled set (as ``stories_bench.py``), and on the
synthetic corpora of ``dedupe_bench.py`` copy recall, originals merged, pairwise
P/R/F1, seconds, candidates per article and peak RSS. A size ``trimN`` is the same
corpus with every copy cut to the first 25-40% of the original (Jaccard ~0.3).
Each (variant, corpus) runs in its own subprocess so the peak RSS is its own.
``--background`` instead measures chance candidates between unrelated real news
(ECB+ dev, different topics) and projects them to a 1M-article index.
Results and conclusion: ``benchmarks/data/dedupe/LSH_COMPARISON.md``.

    .venv/bin/python benchmarks/lsh_compare.py [--sizes 10000,trim10000,100000,trim100000]
        [--variants anchors,lsh@0.2,lshtight@0.2,lsh@0.3,ensemble@0.3] [--timeout 600]
        [--json results.jsonl]
    .venv/bin/python benchmarks/lsh_compare.py --background [ECB_DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dedupe_bench  # noqa: E402
import stories_bench  # noqa: E402

import wirewatch.dedupe.index as index_mod  # noqa: E402
from wirewatch.dedupe.index import DedupeItem, StoryIndex, _Entry  # noqa: E402
from wirewatch.dedupe.sketch import _MIX, _splitmix, _token_hashes  # noqa: E402
from wirewatch.dedupe.text import similarity_text, tokens_of  # noqa: E402
from wirewatch.dedupe.tuning import (  # noqa: E402
    MAX_CANDIDATE_STORIES,
    MIN_CANDIDATE_VOTES,
    MIN_MATCH_SHINGLES,
    SHINGLE_WORDS,
)

NUM_PERM = 128  # same signature size as the index's one-permutation MinHash
ENSEMBLE_PARTS = 16  # datasketch default
DEFAULT_VARIANTS = "anchors,lsh@0.2,lsh@0.3,lsh@0.5,ensemble@0.3"
_U64 = np.uint64

# --- counting -----------------------------------------------------------------
COUNTS: dict[str, int] = {"queries": 0, "raw": 0, "stories": 0, "anchor_checks": 0, "sig_rows": 0}
# Seconds spent in the datasketch-only steps (prep = the second shingling pass a
# wrapper needs because sketch_texts does not return shingle sets).
TIMES: dict[str, float] = {"prep": 0.0, "minhash": 0.0, "lsh_query": 0.0, "lsh_insert": 0.0}
_jaccard = index_mod.jaccard
_anchor_containment = index_mod._anchor_containment


def _counting_jaccard(signatures: Any, signature: Any) -> Any:
    COUNTS["sig_rows"] += len(signatures)
    return _jaccard(signatures, signature)


def _counting_anchor_containment(a: Any, b: Any, a_anchors: Any) -> float:
    COUNTS["anchor_checks"] += 1
    return _anchor_containment(a, b, a_anchors)


# Wrap (not edit) the two per-member checks of _best_story so every variant counts
# the members it verified the same way.
index_mod.jaccard = _counting_jaccard  # type: ignore[assignment]
index_mod._anchor_containment = _counting_anchor_containment  # type: ignore[assignment]


# --- the same shingles as wirewatch.dedupe.sketch --------------------------------
def shingle_sets(texts: Sequence[str]) -> list[npt.NDArray[np.uint32]]:
    """Distinct 4-word shingle hashes of each text, exactly as ``sketch._sketch_batch``
    computes them, truncated to their top 32 bits (datasketch's affine32 input)."""
    k = SHINGLE_WORDS
    if not texts:
        return []
    lists = [_token_hashes(tokens_of(t)) for t in texts]
    for lst in lists:
        if len(lst) < k:
            lst.extend([0] * (k - len(lst)))
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat = np.array(list(chain.from_iterable(lists)), dtype=np.uint64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    n_pos = len(flat) - k + 1
    with np.errstate(over="ignore"):
        acc = flat[:n_pos] * _MIX[0]
        for j in range(1, k):
            acc = acc ^ (flat[j : j + n_pos] * _MIX[j])
        shingle = _splitmix(acc)
    doc = np.repeat(np.arange(len(lists)), lengths)[:n_pos]
    rel = np.arange(n_pos) - starts[doc]
    valid = rel <= (lengths - k)[doc]
    top = (shingle[valid] >> _U64(32)).astype(np.uint32)
    bounds = np.searchsorted(doc[valid], np.arange(len(lists) + 1)).tolist()
    return [np.unique(top[bounds[i] : bounds[i + 1]]) for i in range(len(lists))]


def _identity(x: int) -> int:
    return x


class _DatasketchMixin(StoryIndex):
    """Computes a datasketch MinHash per pending article (timed as part of the run)."""

    _template: MinHash
    _current: tuple[MinHash, int, npt.NDArray[np.uint32]] | None
    _shingles: dict[str, npt.NDArray[np.uint32]]

    def _init_ds(self) -> None:
        self._template = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
        self._current = None
        self._shingles = {}

    def _minhash_of(self, shingles: npt.NDArray[np.uint32]) -> MinHash:
        t0 = time.perf_counter()
        m = self._template.copy()
        m.update_batch(shingles.tolist())
        TIMES["minhash"] += time.perf_counter() - t0
        return m

    def _assign(self, items: Sequence[DedupeItem]) -> list[Any]:
        t0 = time.perf_counter()
        pending = [it for it in items if it.id not in self._by_id]
        batch = 512
        for lo in range(0, len(pending), batch):
            part = pending[lo : lo + batch]
            sets = shingle_sets([similarity_text(it.text) for it in part])
            self._shingles.update(zip((it.id for it in part), sets, strict=True))
        TIMES["prep"] += time.perf_counter() - t0
        self._prepare(pending)
        return super()._assign(items)

    def _prepare(self, pending: Sequence[DedupeItem]) -> None:
        """Hook for indexes that must be built before the first query."""

    def _assign_one(self, item: DedupeItem, clean: str, sketch: Any) -> Any:
        shingles = self._shingles.pop(item.id)
        self._current = (self._minhash_of(shingles), len(shingles), sketch.minhash)
        return super()._assign_one(item, clean, sketch)

    def _add_entry(self, entry: _Entry) -> int:
        # StoryIndex._add without the anchor postings (this variant does not read them).
        pos = len(self._entries)
        self._entries.append(entry)
        self._by_id[entry.id] = pos
        if entry.canonical_url:
            self._by_url.setdefault(entry.canonical_url, pos)
        if entry.shingles >= MIN_MATCH_SHINGLES:
            self._by_sha.setdefault(entry.sha, pos)
        self._stories[entry.story].members.append(pos)
        return pos

    def _rank(self, keys: list[int], oph: npt.NDArray[np.uint32]) -> list[int]:
        """Candidate articles -> up to MAX_CANDIDATE_STORIES stories, best Jaccard first."""
        COUNTS["queries"] += 1
        COUNTS["raw"] += len(keys)
        if not keys:
            return []
        rows = [self._entries[k].row for k in keys]
        sims = _jaccard(self._minhash[rows], oph).tolist()
        best: dict[int, float] = {}
        for k, s in zip(keys, sims, strict=True):
            story = self._entries[k].story
            if s > best.get(story, -1.0):
                best[story] = s
        ranked = sorted(best, key=lambda st: (-best[st], st))[:MAX_CANDIDATE_STORIES]
        COUNTS["stories"] += len(ranked)
        return ranked


class LshIndex(_DatasketchMixin):
    """Candidates from datasketch.MinHashLSH; verification is StoryIndex's."""

    def __init__(self, threshold: float, tight: bool = False) -> None:
        super().__init__()
        self._init_ds()
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        if tight:
            # Same bands and rows, but compute only the b*r permutations the bands use.
            b, r = self._lsh.b, self._lsh.r
            self._template = MinHash(num_perm=b * r, hashfunc=_identity)
            self._lsh = MinHashLSH(num_perm=b * r, params=(b, r))

    def _add(self, entry: _Entry) -> None:
        pos = self._add_entry(entry)
        if self._current is not None and entry.shingles >= MIN_MATCH_SHINGLES:
            t0 = time.perf_counter()
            self._lsh.insert(pos, self._current[0], check_duplication=False)
            TIMES["lsh_insert"] += time.perf_counter() - t0

    def _candidate_stories(self, anchors: npt.NDArray[np.uint64]) -> list[int]:
        assert self._current is not None
        t0 = time.perf_counter()
        keys = self._lsh.query(self._current[0])
        TIMES["lsh_query"] += time.perf_counter() - t0
        return self._rank(keys, self._current[2])


class EnsembleIndex(_DatasketchMixin):
    """Candidates from datasketch.MinHashLSHEnsemble (containment of the new article)."""

    def __init__(self, threshold: float) -> None:
        super().__init__()
        self._init_ds()
        self._ensemble = MinHashLSHEnsemble(
            threshold=threshold, num_perm=NUM_PERM, num_part=ENSEMBLE_PARTS
        )

    def _prepare(self, pending: Sequence[DedupeItem]) -> None:
        # The ensemble is static: index every article of the batch once, then
        # filter query results to articles already assigned.
        self._ds_minhash: dict[str, MinHash] = {}
        entries = []
        for it in pending:
            shingles = self._shingles[it.id]
            if len(shingles) >= MIN_MATCH_SHINGLES:
                m = self._minhash_of(shingles)
                self._ds_minhash[it.id] = m
                entries.append((it.id, m, len(shingles)))
        if entries:
            t0 = time.perf_counter()
            self._ensemble.index(entries)
            TIMES["lsh_insert"] += time.perf_counter() - t0

    def _assign_one(self, item: DedupeItem, clean: str, sketch: Any) -> Any:
        shingles = self._shingles.pop(item.id)
        m = self._ds_minhash.pop(item.id, None) or self._minhash_of(shingles)
        self._current = (m, len(shingles), sketch.minhash)
        return StoryIndex._assign_one(self, item, clean, sketch)

    def _add(self, entry: _Entry) -> None:
        self._add_entry(entry)

    def _candidate_stories(self, anchors: npt.NDArray[np.uint64]) -> list[int]:
        assert self._current is not None
        m, size, oph = self._current
        by_id = self._by_id
        t0 = time.perf_counter()
        keys = [by_id[k] for k in self._ensemble.query(m, size) if k in by_id]
        TIMES["lsh_query"] += time.perf_counter() - t0
        return self._rank(keys, oph)


class CountingAnchorIndex(StoryIndex):
    """The colleague's index; ``_candidate_stories`` is the same code plus counters."""

    def _candidate_stories(self, anchors: npt.NDArray[np.uint64]) -> list[int]:
        votes: dict[int, float] = {}
        postings = self._postings
        for anchor in anchors.tolist():
            hit = postings.get(anchor)
            if hit is None or hit == index_mod._STOP:
                continue
            if isinstance(hit, int):
                votes[hit] = votes.get(hit, 0.0) + 1.0
            else:
                weight = 1.0 / len(hit)
                for story in hit:
                    votes[story] = votes.get(story, 0.0) + weight
        ranked = sorted(
            (s for s in votes if votes[s] >= MIN_CANDIDATE_VOTES), key=lambda s: (-votes[s], s)
        )[:MAX_CANDIDATE_STORIES]
        COUNTS["queries"] += 1
        COUNTS["raw"] += len(votes)
        COUNTS["stories"] += len(ranked)
        return ranked


def make_index(variant: str) -> StoryIndex:
    """A fresh index for ``anchors``, ``lsh@T``, ``lshtight@T`` or ``ensemble@T``."""
    if variant == "anchors":
        return CountingAnchorIndex()
    kind, _, threshold = variant.partition("@")
    if kind in ("lsh", "lshtight"):
        return LshIndex(float(threshold), tight=kind == "lshtight")
    if kind == "ensemble":
        return EnsembleIndex(float(threshold))
    raise SystemExit(f"unknown variant {variant!r}")


def trimmed_copies(items: list[DedupeItem], gold: list[int]) -> list[DedupeItem]:
    """The dedupe_bench corpus with every copy re-cut to the first 25-40% of the
    original's paragraphs (plus the same intro and footers): the "trimmed to a
    third" case, Jaccard ~0.15-0.4 with the original, that the index's docstring
    says banded LSH cannot find."""
    rng = np.random.Generator(np.random.PCG64(11))
    originals = {
        g: it.text.split("\n") for it, g in zip(items, gold, strict=True) if it.id.startswith("a")
    }
    out = []
    for it, g in zip(items, gold, strict=True):
        if it.id.startswith("c"):
            k = int(it.id[1:])
            paras = originals[g]
            keep = paras[: max(1, round(len(paras) * float(rng.uniform(0.25, 0.4))))]
            body = (
                ([dedupe_bench.INTROS[k % 2]] if k % 3 == 0 else [])
                + keep
                + dedupe_bench.FOOTERS[k % 3 :]
            )
            it = dataclasses.replace(it, text="\n".join(body))
        out.append(it)
    return out


# --- runs -----------------------------------------------------------------------
def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(variant: str, corpus: str) -> dict[str, Any]:
    """Dedupe one corpus ("labelled" or a size) with one variant, in this process."""
    if corpus == "labelled":
        rows = stories_bench._read(stories_bench.DEFAULT_DATA / "labelled.jsonl")
        items = [stories_bench._item(r) for r in rows]
        gold = [str(r["story"]) for r in rows]
    else:
        pairs = list(dedupe_bench.corpus(int(corpus.removeprefix("trim"))))
        items, gold_n = [item for item, _ in pairs], [g for _, g in pairs]
        if corpus.startswith("trim"):
            items = trimmed_copies(items, gold_n)
        gold = [str(g) for g in gold_n]
    rss_corpus = _rss_mb()
    for key in COUNTS:
        COUNTS[key] = 0
    for tkey in TIMES:
        TIMES[tkey] = 0.0
    started = time.perf_counter()
    decisions = make_index(variant).assign(items)
    seconds = time.perf_counter() - started
    pred = [d.story_id for d in decisions]
    p, r, f = stories_bench.pairwise(gold, pred)
    out: dict[str, Any] = {
        "variant": variant,
        "corpus": corpus,
        "articles": len(items),
        "seconds": seconds,
        "precision": p,
        "recall": r,
        "f1": f,
        "rss_corpus_mb": rss_corpus,
        "rss_peak_mb": _rss_mb(),
        **{f"per_article_{k}": v / max(COUNTS["queries"], 1) for k, v in COUNTS.items()},
        "queries": COUNTS["queries"],
        **{f"seconds_{k}": v for k, v in TIMES.items()},
    }
    if corpus != "labelled":
        story_of_orig = {
            g: s for g, s, it in zip(gold, pred, items, strict=True) if it.id.startswith("a")
        }
        copies = [
            (g, s) for g, s, it in zip(gold, pred, items, strict=True) if it.id.startswith("c")
        ]
        out["copy_recall"] = sum(1 for g, s in copies if s == story_of_orig[g]) / max(
            len(copies), 1
        )
        out["originals_merged"] = len(story_of_orig) - len(set(story_of_orig.values()))
    return out


def background(ecb: Path, thresholds: Sequence[float], project_to: int) -> None:
    """Chance candidates from unrelated real news: ECB+ dev documents of different topics.

    For every cross-topic pair: the exact 4-gram Jaccard, each LSH setting's
    collision probability 1-(1-J^r)^b and actual datasketch collisions, and
    whether the two share an anchor (what makes the anchor index propose a story).
    The mean over pairs times ``project_to`` is the expected number of unrelated
    articles each lookup proposes in an index of that size.
    """
    from wirewatch.dedupe.sketch import sketch_texts

    rows = stories_bench._read(ecb / "docs.jsonl")
    texts = [similarity_text(str(r["text"])) for r in rows]
    topics = [str(r["topic"]) for r in rows]
    sets = shingle_sets(texts)
    anchors = [set(s.anchors.tolist()) for s in sketch_texts(texts)]
    pysets = [set(x.tolist()) for x in sets]
    n = len(rows)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if topics[i] != topics[j]]
    jac = np.array(
        [len(pysets[i] & pysets[j]) / max(len(pysets[i] | pysets[j]), 1) for i, j in pairs]
    )
    shared_anchor = np.array([bool(anchors[i] & anchors[j]) for i, j in pairs])
    template = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    mhs = []
    for x in sets:
        m = template.copy()
        m.update_batch(x.tolist())
        mhs.append(m)
    print(
        f"ECB+ dev: {n} docs, {len(pairs):,} cross-topic pairs; 4-gram Jaccard mean {jac.mean():.5f}, "
        f"max {jac.max():.3f}, pairs with J>0: {(jac > 0).mean():.4f}"
    )
    print(
        f"{'candidates from':<22} {'b x r':>7} {'P(pair) expected':>17} {'observed':>10} {'per lookup at ' + format(project_to, ','):>22}"
    )
    p_anchor = shared_anchor.mean()
    print(
        f"{'anchors (>=1 shared)':<22} {'':>7} {'':>17} {p_anchor:>10.2e} {p_anchor * project_to:>22.1f}"
    )
    for t in thresholds:
        lsh = MinHashLSH(threshold=t, num_perm=NUM_PERM)
        for i, m in enumerate(mhs):
            lsh.insert(i, m)
        hits = 0
        for i, m in enumerate(mhs):
            hits += sum(1 for k in lsh.query(m) if k > i and topics[k] != topics[i])
        expected = float(np.mean(1 - (1 - jac**lsh.r) ** lsh.b))
        observed = hits / len(pairs)
        print(
            f"{'lsh@' + str(t):<22} {f'{lsh.b}x{lsh.r}':>7} {expected:>17.2e} {observed:>10.2e} "
            f"{expected * project_to:>22.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run every (variant, corpus) in a subprocess; print a table and write JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,trim10000,trim100000")
    parser.add_argument("--variants", default=DEFAULT_VARIANTS)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--json", type=Path, help="append each result as a JSON line here")
    parser.add_argument(
        "--background",
        type=Path,
        nargs="?",
        const=stories_bench.DEFAULT_ECB,
        help="only measure chance candidates on ECB+ dev (default ../shared/...)",
    )
    parser.add_argument("--one", nargs=2, metavar=("VARIANT", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(*args.one)))
        return 0
    if args.background:
        background(args.background, (0.1, 0.15, 0.2, 0.3, 0.5), 1_000_000)
        return 0
    corpora = ["labelled"] + [s for s in args.sizes.split(",") if s.strip()]
    variants = [v for v in args.variants.split(",") if v.strip()]
    print(
        f"{'variant':<13} {'corpus':>9} {'P':>6} {'R':>6} {'F1':>6} {'copyR':>6} {'merged':>6} "
        f"{'seconds':>8} {'-prep':>7} {'raw/art':>8} {'stories/art':>11} {'sigrows/art':>11} {'peakMB':>7} {'idxMB':>6}"
    )
    for corpus in corpora:
        for variant in variants:
            try:
                proc = subprocess.run(
                    [sys.executable, __file__, "--one", variant, corpus],
                    check=True,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                )
            except subprocess.TimeoutExpired:
                print(
                    f"{variant:<13} {corpus:>9}  timed out after {args.timeout:.0f} s", flush=True
                )
                continue
            except subprocess.CalledProcessError as exc:
                print(f"{variant:<13} {corpus:>9}  failed: {exc.stderr.strip()[-300:]}", flush=True)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            if args.json:
                with args.json.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(r) + "\n")
            print(
                f"{variant:<13} {corpus:>9} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
                f"{r.get('copy_recall', float('nan')):>6.4f} {r.get('originals_merged', 0):>6} "
                f"{r['seconds']:>8.2f} {r['seconds'] - r['seconds_prep']:>7.2f} {r['per_article_raw']:>8.2f} {r['per_article_stories']:>11.2f} "
                f"{r['per_article_sig_rows']:>11.2f} {r['rss_peak_mb']:>7.0f} "
                f"{r['rss_peak_mb'] - r['rss_corpus_mb']:>6.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
