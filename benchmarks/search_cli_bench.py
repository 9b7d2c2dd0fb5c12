"""Search, attention and trends through wirewatch's own code paths on a synthetic warehouse.

Builds (or reuses, ``--reuse``) the synthetic warehouse of ``synthetic_warehouse.py``,
rebuilds its search index exactly as ``wirewatch reindex`` does (build rate, index
size per article), then times, in this process, the ten typical queries of
``search_bench.py`` through ``wirewatch.storysearch.search_stories`` (what
``wirewatch search`` prints: index, snippets, links and story sizes from the
warehouse) and ``wirewatch.attention.attention_series(by="week")``, and every named
trend query through ``wirewatch.app.trends.run``: the median of ``--reps`` runs
after one warm-up. Command start-up is measured apart, once, through the CLI.

    .venv/bin/python benchmarks/search_cli_bench.py --articles 1000000 --db /tmp/w.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import QUERIES  # noqa: E402
from synthetic_warehouse import build_warehouse  # noqa: E402

from wirewatch.app import trends  # noqa: E402
from wirewatch.attention import attention_series  # noqa: E402
from wirewatch.indexing import rebuild_from_warehouse  # noqa: E402
from wirewatch.search import Filters, index_dir_for  # noqa: E402
from wirewatch.storysearch import search_stories  # noqa: E402

BAR_SECONDS = 1.0  # the bar for every search, attention and trend query
BAR_ARTICLES_PER_S = 2_000  # index build rate, on one core


CPU: list[float] = []  # median CPU seconds of the last median_seconds call (all threads)


def median_seconds(call: Callable[[], object], reps: int) -> float:
    """Median wall seconds of ``call``; its median CPU seconds go to ``CPU`` (a shared
    machine makes wall time wait for a core, CPU time is what the work costs)."""
    call()  # warm-up: first touch of the files' pages
    times, cpus = [], []
    for _ in range(reps):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    CPU[:] = [statistics.median(cpus)]
    return statistics.median(times)


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cli_seconds(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "wirewatch", *args], check=True, capture_output=True, timeout=300
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--reuse", action="store_true", help="keep an existing warehouse and index")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument(
        "--trends-only", action="store_true", help="time the trend queries only (no index needed)"
    )
    args = parser.parse_args()
    report: dict[str, object] = {"articles": args.articles, "load_before": os.getloadavg()}
    if not (args.reuse and args.db.exists()):
        report["warehouse_build_s"] = round(build_warehouse(args.articles, args.db), 1)
    index = index_dir_for(args.db)
    if args.trends_only:
        pass
    elif not (args.reuse and index.exists()):
        wall, cpu = time.perf_counter(), time.process_time()
        built = rebuild_from_warehouse(args.db)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        report |= {
            "reindex_s": round(wall, 1),
            "reindex_cpu_s": round(cpu, 1),
            "articles_per_s": round(built / wall),
            "articles_per_cpu_s": round(built / cpu),
            "index_bytes_per_article": round(dir_bytes(index) / built),
        }
    rows = []
    for label, query, filters in [] if args.trends_only else QUERIES:
        f = filters or Filters()
        search = median_seconds(lambda q=query, f=f: search_stories(args.db, q, f, limit=20), args.reps)
        search_cpu = CPU[0]
        weekly = median_seconds(
            lambda q=query, f=f: attention_series(
                args.db, [q], by="week", since=f.since, until=f.until, filters=f
            ),
            args.reps,
        )
        rows.append(
            {
                "query": label,
                "text": query,
                "search_s": round(search, 3),
                "search_cpu_s": round(search_cpu, 3),
                "attention_week_s": round(weekly, 3),
                "attention_week_cpu_s": round(CPU[0], 3),
            }
        )
    trend_rows = []
    for name, _ in trends.available():
        wall = median_seconds(lambda n=name: trends.run(args.db, n), args.reps)
        trend_rows.append({"trend": name, "s": round(wall, 3), "cpu_s": round(CPU[0], 3)})
    if not args.trends_only:
        report["cli_search_s"] = round(cli_seconds("search", "putin", "--db", str(args.db)), 2)
        report["cli_attention_week_s"] = round(
            cli_seconds("attention", "putin", "--by", "week", "--db", str(args.db)), 2
        )
    report["load_after"] = os.getloadavg()
    for key, value in report.items():
        print(f"{key:28} {value}")
    print(f"\n{'median s (wall / CPU)':24} {'search':>15} {'attention':>15}  query")
    for r in rows:
        print(
            f"{r['query']:24} {r['search_s']:>7.3f} /{r['search_cpu_s']:>6.3f}"
            f" {r['attention_week_s']:>7.3f} /{r['attention_week_cpu_s']:>6.3f}  {r['text']}"
        )
    print()
    for t in trend_rows:
        print(f"trend {t['trend']:30} {t['s']:>8.3f} s wall {t['cpu_s']:>8.3f} s CPU")
    slowest = max([max(r["search_s"], r["attention_week_s"]) for r in rows] + [t["s"] for t in trend_rows])
    print(f"\nslowest median {slowest:.3f} s (bar {BAR_SECONDS} s): {'ok' if slowest < BAR_SECONDS else 'MISSED'}")
    print(json.dumps({**report, "queries": rows, "trends": trend_rows}))


if __name__ == "__main__":
    main()
