"""Dedupe speed and memory on synthetic newswire corpora.

Each size runs in its own subprocess (so peak memory is that size's alone): a
corpus of synthetic articles, 5% of them republished copies of an earlier one
(other intro, trimmed end, footer, small edits, other URL, published within a
day), is deduped by one ``StoryIndex``, ``LOAD_BATCH`` articles at a time, as it
is generated. Prints time (wall and CPU: on a shared machine the CPU time is the
one to compare), peak RSS, the copies' recall and false merges per size, and the
cost ratio of the largest to the smallest size.

    .venv/bin/python benchmarks/dedupe_bench.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe import DedupeItem, StoryIndex

COPY_SHARE = 0.05
# Articles assigned per call, as a run loads a batch at a time; the corpus is generated
# as it is consumed, so peak memory is the index's, not the corpus's.
LOAD_BATCH = 10_000
PROGRESS_EVERY = 100_000  # articles between progress lines of one size's subprocess
VOCAB = 40_000
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
FOOTERS = [
    "Copyright 2026 Example Media Group. All rights reserved.",
    "Follow us for more world news and sign up to our newsletter",
    "Editor: Jun Park",
]
INTROS = [
    "Readers across the region have followed this story closely all week long.",
    "Our foreign desk has the following report from the agency correspondents today.",
]


def _vocab(rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCAB:
        n = int(rng.integers(1, 4))
        words.add("".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), n)))
    return sorted(words)


def corpus(size: int, seed: int = 7) -> Iterator[tuple[DedupeItem, int]]:
    """``size`` synthetic articles in publication order, each with its gold story number.

    Generated as they are consumed: the words of an original are drawn when it is
    published (from the word stream's own copy of the generator) and kept only until
    its last copy, so the corpus never sits in memory whole. The draws are the same
    as drawing everything up front: the same articles for the same seed.
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    vocab = _vocab(rng)
    # Zipf-like word frequencies, as in real text: a few words are everywhere.
    ranks = np.arange(1, VOCAB + 1, dtype=np.float64)
    probs = 1.0 / ranks**1.05
    probs /= probs.sum()
    cdf = probs.cumsum()
    cdf /= cdf[-1]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    span = timedelta(days=90).total_seconds()
    n_orig = int(size * (1 - COPY_SHARE))
    lengths = rng.integers(120, 420, n_orig)
    # rng.choice(VOCAB, p=probs) draws one uniform per word: the word stream starts here.
    bits = rng.bit_generator
    assert isinstance(bits, np.random.PCG64)
    word_rng = np.random.Generator(np.random.PCG64())
    word_rng.bit_generator.state = bits.state
    state = bits.state
    bits.advance(int(lengths.sum()))
    # advance() drops the half-used 32-bit draw that integers() buffers: keep it.
    rng.bit_generator.state = {
        **rng.bit_generator.state,
        "has_uint32": state["has_uint32"],
        "uinteger": state["uinteger"],
    }
    times = np.sort(rng.uniform(0, span, n_orig))
    counts = [int(rng.integers(2, 900)) for _ in range(n_orig)]
    copy_of = np.sort(rng.choice(n_orig, size=size - n_orig, replace=True))
    copy_times = times[copy_of] + np.array(
        [float(rng.uniform(600, 30 * 3600)) for _ in range(len(copy_of))]
    )
    # Publication order: (time, original before copy, original, copy number).
    when = np.concatenate((times, copy_times))
    is_copy = np.concatenate((np.zeros(n_orig, np.int8), np.ones(len(copy_of), np.int8)))
    orig_of = np.concatenate((np.arange(n_orig), copy_of))
    copy_no = np.concatenate((np.full(n_orig, -1), np.arange(len(copy_of))))
    order = np.lexsort((copy_no, orig_of, is_copy, when))
    copies_left = np.bincount(copy_of, minlength=n_orig)
    kept: dict[int, list[str]] = {}
    for j in order.tolist():
        orig, k = int(orig_of[j]), int(copy_no[j])
        if k < 0:
            uniforms = word_rng.random(int(lengths[orig]))
            toks = [vocab[w] for w in cdf.searchsorted(uniforms, side="right").tolist()]
            # Paragraphs of ~40 words, with a number or two as real reports have.
            paras = [" ".join(toks[i : i + 40]) for i in range(0, len(toks), 40)]
            paras[0] += f" on {counts[orig]} counts"
            if copies_left[orig]:
                kept[orig] = paras
            body = paras
            item_id, url, source = (
                f"a{orig}",
                f"https://agency{orig % 50}.com/news/{orig}.html",
                f"agency{orig % 50}",
            )
        else:
            paras = kept[orig]
            copies_left[orig] -= 1
            if not copies_left[orig]:
                del kept[orig]
            keep = paras[: max(1, int(len(paras) * float(rng.uniform(0.5, 1.0))))]
            body = ([INTROS[k % 2]] if k % 3 == 0 else []) + keep + FOOTERS[k % 3 :]
            item_id, url, source = (
                f"c{k}",
                f"https://www.partner{k % 97}.com/world/{k}.html",
                f"partner{k % 97}",
            )
        item = DedupeItem(
            id=item_id,
            url=url,
            title=None,
            text="\n".join(body),
            published_at=start + timedelta(seconds=float(when[j])),
            source=source,
        )
        yield item, orig


def run_one(size: int) -> dict[str, float]:
    """Dedupe one corpus in this process, batch after batch as a run loads them; time,
    peak memory, copy recall and originals merged into another's story."""
    stream = corpus(size)
    first = next(stream)
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    index = StoryIndex()
    # Each original's story, as the number of the original that named it (-1: none yet).
    story_of_orig = np.full(int(size * (1 - COPY_SHARE)), -1, dtype=np.int64)
    copies = joined = 0
    seconds = cpu = 0.0
    batch: list[tuple[DedupeItem, int]] = [first]
    for pair in stream:
        batch.append(pair)
        if len(batch) == LOAD_BATCH:
            copies, joined, seconds, cpu = _load(
                index, batch, story_of_orig, copies, joined, seconds, cpu
            )
            batch = []
            done = len(index)
            if done % PROGRESS_EVERY == 0:  # on stderr: the parent shows only the table
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(
                    f"{done:,} articles: {seconds:.0f} s, {cpu:.0f} s CPU, peak {rss:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
    copies, joined, seconds, cpu = _load(index, batch, story_of_orig, copies, joined, seconds, cpu)
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    originals_merged = len(story_of_orig) - len(np.unique(story_of_orig))
    return {
        "size": size,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "us_per_article": seconds / size * 1e6,
        "rss_corpus_mb": rss_corpus,
        "rss_peak_mb": rss_peak,
        "copy_recall": joined / copies if copies else 1.0,
        "originals_merged": originals_merged,
    }


def _load(
    index: StoryIndex,
    batch: list[tuple[DedupeItem, int]],
    story_of_orig: npt.NDArray[np.int64],
    copies: int,
    joined: int,
    seconds: float,
    cpu: float,
) -> tuple[int, int, float, float]:
    started, started_cpu = time.perf_counter(), time.process_time()
    decisions = index.assign([item for item, _ in batch])
    seconds += time.perf_counter() - started
    cpu += time.process_time() - started_cpu
    for (item, orig), d in zip(batch, decisions, strict=True):
        # Story ids are the id of the story's first article: "a<original>" or "c<copy>".
        named = int(d.story_id[1:]) if d.story_id.startswith("a") else -2 - int(d.story_id[1:])
        if item.id.startswith("a"):
            story_of_orig[orig] = named
        else:
            copies += 1
            joined += named == story_of_orig[orig]
    return copies, joined, seconds, cpu


def main(argv: list[str] | None = None) -> int:
    """Run every size in a subprocess and print the table and the growth ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    print(
        f"{'articles':>10} {'seconds':>9} {'cpu s':>8} {'us/article':>10} {'corpus MB':>10} {'peak MB':>9} {'copy recall':>11} {'false merges':>12}"
    )
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(
            f"{r['size']:>10,} {r['seconds']:>9.1f} {r['cpu_seconds']:>8.1f} {r['us_per_article']:>10.1f} {r['rss_corpus_mb']:>10.0f} "
            f"{r['rss_peak_mb']:>9.0f} {r['copy_recall']:>11.4f} {r['originals_merged']:>12}",
            flush=True,
        )
    if len(results) > 1:
        lo, hi = results[0], results[-1]
        print(
            f"cost ratio {hi['size']:,}/{lo['size']:,} articles: {hi['seconds'] / lo['seconds']:.1f}x "
            f"for {hi['size'] / lo['size']:.0f}x the articles"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
