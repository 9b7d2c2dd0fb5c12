"""Story clustering quality: pairwise precision, recall and F1.

Both levels are scored: ``story_id`` from ``dedupe_items`` (near-duplicate copies,
the level the syndication bar applies to) and ``event_ids`` (independent write-ups
of one event, the ECB+ stretch).

1. The project's labelled syndication set (benchmarks/data/dedupe/labelled.jsonl):
   agency originals, partner copies, URL variants, corrected versions and
   look-alike events that must stay apart.
2. The demo newswire's first edition (config/demo, our own writing): gold events are
   its expected meetings (every report of one meeting, copies and follow-ups), every
   other article its own; different meetings of one kind must stay different events.
3. ECB+ dev (../shared/benchmarks/stories-ecbplus-dev): different outlets' own
   write-ups of the same event; skipped with a message when the folder is missing.

    .venv/bin/python benchmarks/stories_bench.py [--data DIR] [--ecb DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from wirewatch.dedupe import DedupeItem, EventIndex, dedupe_items, event_ids

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "benchmarks" / "data" / "dedupe"
# ../shared from the main checkout; ../../shared from a worktree under /work/wt.
DEFAULT_ECB = next(
    (
        p / "shared" / "benchmarks" / "stories-ecbplus-dev"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "benchmarks" / "stories-ecbplus-dev").is_dir()
    ),
    ROOT.parent / "shared" / "benchmarks" / "stories-ecbplus-dev",
)


STREAM_BATCH = 50  # stories per load batch when scoring events as a run stores them


def pairwise(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a clustering against gold labels."""

    def pairs(labels: Iterable[tuple[str, ...]]) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(labels).values())

    tp = pairs(zip(gold, pred, strict=True))
    pred_pairs = pairs((p,) for p in pred)
    gold_pairs = pairs((g,) for g in gold)
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _item(row: dict[str, object]) -> DedupeItem:
    published = row.get("published_at")
    return DedupeItem(
        id=str(row["id"]),
        url=str(row.get("url") or ""),
        title=row.get("title") if isinstance(row.get("title"), str) else None,  # type: ignore[arg-type]
        text=str(row["text"]),
        published_at=datetime.fromisoformat(str(published)) if published else None,
        source=str(row.get("source") or ""),
    )


def score(name: str, rows: list[dict[str, object]], label: str) -> None:
    """Print pairwise P/R/F1 against ``label`` of story ids and of event ids."""
    items = [_item(r) for r in rows]
    gold = [str(r[label]) for r in rows]
    start = time.perf_counter()
    stories = [d.story_id for d in dedupe_items(items)]
    story_seconds = time.perf_counter() - start
    events = event_ids(items, stories)
    event_seconds = time.perf_counter() - start - story_seconds
    # As a run stores them: batch after batch, each against the events stored before it.
    streamed: list[str] = []
    stored: list[dict[str, object]] = []
    for i in range(0, len(items), STREAM_BATCH):
        index = EventIndex.from_rows(stored)
        streamed += index.assign(items[i : i + STREAM_BATCH], stories[i : i + STREAM_BATCH])
        stored += index.to_rows()
    for level, pred, seconds in (
        ("story", stories, story_seconds),
        ("event", events, event_seconds),
        (f"event/{STREAM_BATCH}", streamed, float("nan")),  # nan: not timed
    ):
        p, r, f = pairwise(gold, pred)
        print(
            f"{name:<24} {level:<9} articles={len(rows):4d} gold={len(set(gold)):3d} "
            f"clusters={len(set(pred)):3d}  P={p:.3f} R={r:.3f} F1={f:.3f}"
            + (f"  ({seconds:.2f} s)" if seconds == seconds else "")
        )


def demo_rows() -> list[dict[str, object]]:
    """The demo week's articles with their gold event (the meeting they report, else their own id)."""
    from wirewatch.demo.content import load_content
    from wirewatch.demo.expected import load_expected

    root = ROOT / "config" / "demo"
    expected = load_expected(root / "expected.yaml")
    gold = {
        a: f"meeting-{i}"
        for i, m in enumerate([*expected.meetings, *expected.announced])
        for a in m.articles
    }
    return [
        {
            "id": a.id,
            "url": f"https://{a.site}.demo.test/{a.slug}/",
            "title": a.headline,
            "text": "\n".join(a.paragraphs),
            "published_at": a.published.isoformat(),
            "source": a.site,
            "event": gold.get(a.id, a.id),
        }
        for a in load_content(root, history=False).articles_of_all(1)
    ]


def _read(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit 1 when the labelled set is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled set folder")
    parser.add_argument("--ecb", type=Path, default=DEFAULT_ECB, help="ECB+ dev folder")
    args = parser.parse_args(argv)
    labelled = args.data / "labelled.jsonl"
    if not labelled.is_file():
        print(f"labelled set not found: {labelled}", file=sys.stderr)
        return 1
    rows = _read(labelled)
    score("syndication (own set)", rows, "story")
    score("demo newswire", demo_rows(), "event")
    ecb = args.ecb / "docs.jsonl"
    if not ecb.is_file():
        print(f"ECB+ skipped: {ecb} not found")
        return 0
    ecb_rows = [{**r, "id": r["doc_id"], "source": "ecb"} for r in _read(ecb)]
    score("ECB+ dev", ecb_rows, "story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
