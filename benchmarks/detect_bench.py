"""Meeting-detection benchmark: precision and recall on country pairs, kind and date accuracy, speed.

Usage: python benchmarks/detect_bench.py [--data FILE] [--split dev|holdout|all] [--errors] [--repeat N]

Each line of the data file is ``{id, title, text, published_at, meetings: [{countries, kind, event_date}]}``
(``split`` optional). A predicted meeting matches a gold one when the country pair
is the same; kind and event_date are then scored on the matched pairs. Speed is
measured on one core over the whole file repeated ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirewatch.detect import detect_meetings, load_gazetteer  # noqa: E402
from wirewatch.models import Meeting  # noqa: E402

DEFAULT_DATA = ROOT / "benchmarks" / "data" / "meetings" / "dev.jsonl"
# Real news of ordinary length (ECB+, about 1.9 KB a document) for the speed figure, when present.
DEFAULT_SPEED_DATA = ROOT.parent / "shared" / "benchmarks" / "stories-ecbplus-dev" / "docs.jsonl"
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01))


def load(path: Path, split: str) -> list[dict[str, Any]]:
    """Items of a JSON-lines file, filtered by ``split`` ("all" keeps every item)."""
    items = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if split != "all":
        items = [it for it in items if it.get("split", "dev") == split]
    return items


def run(item: dict[str, Any]) -> list[Meeting]:
    """Detect meetings in one item."""
    published = datetime.fromisoformat(item["published_at"]) if item.get("published_at") else None
    return detect_meetings(item.get("title"), item.get("text") or "", published)


def score(items: list[dict[str, Any]], show_errors: bool) -> dict[str, Any]:
    """Pair precision and recall, kind and date accuracy on matched pairs, calibration bands."""
    tp = fp = fn = 0
    kind_ok = date_ok = matched = 0
    bands: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        gold = {tuple(sorted(m["countries"])): m for m in item["meetings"]}
        pred = {m.countries: m for m in run(item)}
        for pair, meeting in pred.items():
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= meeting.confidence < hi)
            bands[band][0] += 1
            if pair in gold:
                tp += 1
                bands[band][1] += 1
                matched += 1
                g = gold[pair]
                k_ok = g["kind"] == meeting.kind
                d_ok = g["event_date"] == (
                    meeting.event_date.isoformat() if meeting.event_date else None
                )
                kind_ok += k_ok
                date_ok += d_ok
                if show_errors and not (k_ok and d_ok):
                    print(
                        f"  {item['id']} {'-'.join(pair)}: kind {meeting.kind} (gold {g['kind']}), "
                        f"date {meeting.event_date} (gold {g['event_date']})"
                    )
            else:
                fp += 1
                if show_errors:
                    print(
                        f"  {item['id']} FALSE {'-'.join(pair)} {meeting.kind} conf={meeting.confidence}"
                    )
        for pair in gold:
            if pair not in pred:
                fn += 1
                if show_errors:
                    print(f"  {item['id']} MISSED {'-'.join(pair)} {gold[pair]['kind']}")
    return {
        "items": len(items),
        "gold_pairs": tp + fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "kind_accuracy": kind_ok / matched if matched else 0.0,
        "date_accuracy": date_ok / matched if matched else 0.0,
        "bands": {
            f"{BANDS[i][0]:.2f}-{min(BANDS[i][1], 1.0):.2f}": v for i, v in sorted(bands.items())
        },
    }


def speed(items: list[dict[str, Any]], repeat: int) -> float:
    """Articles per second on one core (the process is single-threaded)."""
    load_gazetteer()
    prepared = [
        (
            it.get("title"),
            it.get("text") or "",
            datetime.fromisoformat(it["published_at"]) if it.get("published_at") else None,
        )
        for it in items
    ]
    start = time.process_time()
    for _ in range(repeat):
        for title, text, published in prepared:
            detect_meetings(title, text, published)
    elapsed = time.process_time() - start
    return len(prepared) * repeat / elapsed if elapsed else float("inf")


def main() -> int:
    """Print the figures for each split and the speed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--split",
        choices=("dev", "holdout", "all"),
        default=None,
        help="score one split only (default: each split, then all)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list mismatches (never for the holdout while tuning)"
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--speed-data",
        type=Path,
        default=DEFAULT_SPEED_DATA,
        help="JSON lines with a text field, for a speed figure on full-length news",
    )
    args = parser.parse_args()

    splits = [args.split] if args.split else ["dev", "holdout", "all"]
    for split in splits:
        items = load(args.data, split)
        if not items:
            continue
        # Held-out items are scored, never listed: looking at their errors would make them dev items.
        result = score(items, args.errors and split == "dev")
        print(
            f"[{split}] items={result['items']} gold_pairs={result['gold_pairs']} "
            f"precision={result['precision']:.3f} recall={result['recall']:.3f} "
            f"kind_acc={result['kind_accuracy']:.3f} date_acc={result['date_accuracy']:.3f}"
        )
        if split == splits[-1]:
            print("  calibration (confidence band: predicted pairs, correct, precision)")
            for band, (n, ok) in result["bands"].items():
                print(f"    {band}: {n:4d} {ok:4d} {ok / n if n else 0:.2f}")
    items = load(args.data, "all")
    rate = speed(items, args.repeat)
    chars = sum(len(it.get("text") or "") for it in items) / max(1, len(items))
    print(
        f"speed: {rate:.0f} articles/s on one core "
        f"(dev set: {len(items)} articles of {chars:.0f} chars, x{args.repeat})"
    )
    if args.speed_data.exists():
        lines = args.speed_data.read_text(encoding="utf-8").splitlines()
        docs = [json.loads(line) for line in lines if line.strip()]
        chars = sum(len(d.get("text") or "") for d in docs) / max(1, len(docs))
        rate = speed(docs, max(1, args.repeat // 5))
        print(
            f"speed: {rate:.0f} articles/s on one core "
            f"({args.speed_data.name}: {len(docs)} news articles of {chars:.0f} chars)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
