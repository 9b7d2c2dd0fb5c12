"""Dedupe speed and memory on synthetic newswire corpora.

Each size runs in its own subprocess (so peak memory is that size's alone): a
corpus of synthetic articles, 5% of them republished copies of an earlier one
(other intro, trimmed end, footer, small edits, other URL, published within a
day), is deduped by ``dedupe_items`` in one pass. Prints time, peak RSS, the
copies' recall and false merges per size, and the cost ratio of the largest to
the smallest size.

    .venv/bin/python benchmarks/dedupe_bench.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from wirewatch.dedupe import DedupeItem, dedupe_items

COPY_SHARE = 0.05
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


def corpus(size: int, seed: int = 7) -> tuple[list[DedupeItem], list[int]]:
    """``size`` synthetic articles in publication order, and each one's gold story number."""
    rng = np.random.Generator(np.random.PCG64(seed))
    vocab = _vocab(rng)
    # Zipf-like word frequencies, as in real text: a few words are everywhere.
    ranks = np.arange(1, VOCAB + 1, dtype=np.float64)
    probs = 1.0 / ranks**1.05
    probs /= probs.sum()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    span = timedelta(days=90).total_seconds()
    n_orig = int(size * (1 - COPY_SHARE))
    lengths = rng.integers(120, 420, n_orig)
    words = rng.choice(VOCAB, size=int(lengths.sum()), p=probs)
    times = np.sort(rng.uniform(0, span, n_orig))
    items: list[DedupeItem] = []
    gold: list[int] = []
    texts: list[list[str]] = []
    pos = 0
    for i in range(n_orig):
        toks = [vocab[w] for w in words[pos : pos + lengths[i]]]
        pos += lengths[i]
        # Paragraphs of ~40 words, with a number or two as real reports have.
        paras = [" ".join(toks[j : j + 40]) for j in range(0, len(toks), 40)]
        paras[0] += f" on {int(rng.integers(2, 900))} counts"
        texts.append(paras)
    copy_of = np.sort(rng.choice(n_orig, size=size - n_orig, replace=True))
    pending = sorted(
        [(float(times[i]), 0, i, -1) for i in range(n_orig)]
        + [
            (float(times[c]) + float(rng.uniform(600, 30 * 3600)), 1, int(c), k)
            for k, c in enumerate(copy_of)
        ]
    )
    for when, is_copy, orig, k in pending:
        paras = texts[orig]
        if is_copy:
            keep = paras[: max(1, int(len(paras) * float(rng.uniform(0.5, 1.0))))]
            body = ([INTROS[k % 2]] if k % 3 == 0 else []) + keep + FOOTERS[k % 3 :]
            item_id, url, source = (
                f"c{k}",
                f"https://www.partner{k % 97}.com/world/{k}.html",
                f"partner{k % 97}",
            )
        else:
            body = paras
            item_id, url, source = (
                f"a{orig}",
                f"https://agency{orig % 50}.com/news/{orig}.html",
                f"agency{orig % 50}",
            )
        items.append(
            DedupeItem(
                id=item_id,
                url=url,
                title=None,
                text="\n".join(body),
                published_at=start + timedelta(seconds=when),
                source=source,
            )
        )
        gold.append(orig)
    return items, gold


def run_one(size: int) -> dict[str, float]:
    """Dedupe one corpus in this process; time, peak memory and copy recall."""
    items, gold = corpus(size)
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    decisions = dedupe_items(items)
    seconds = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    story_of_orig = {
        g: d.story_id
        for g, d, it in zip(gold, decisions, items, strict=True)
        if it.id.startswith("a")
    }
    copies = [
        (g, d) for g, d, it in zip(gold, decisions, items, strict=True) if it.id.startswith("c")
    ]
    joined = sum(1 for g, d in copies if d.story_id == story_of_orig[g])
    originals_merged = len(story_of_orig) - len(set(story_of_orig.values()))
    return {
        "size": size,
        "seconds": seconds,
        "us_per_article": seconds / size * 1e6,
        "rss_corpus_mb": rss_corpus,
        "rss_peak_mb": rss_peak,
        "copy_recall": joined / len(copies) if copies else 1.0,
        "originals_merged": originals_merged,
    }


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
        f"{'articles':>10} {'seconds':>9} {'us/article':>10} {'corpus MB':>10} {'peak MB':>9} {'copy recall':>11} {'false merges':>12}"
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
            f"{r['size']:>10,} {r['seconds']:>9.1f} {r['us_per_article']:>10.1f} {r['rss_corpus_mb']:>10.0f} "
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
