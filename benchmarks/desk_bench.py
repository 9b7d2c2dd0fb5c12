"""The desk's bars: report build time and size, and each web page's answer time.

    python benchmarks/desk_bench.py [--db data/demo/wirewatch.duckdb] [--query Belarus] [--config config]

Writes the report to a temporary file (time, size), then starts `wirewatch ui`
on a free port and asks each page five times over HTTP (first answer and median).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPEATS = 5  # the median of five answers: one slow answer (a GC, a busy core) does not count


def _page(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return time.perf_counter() - started, status


def _story(db: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wirewatch", "sql", "--db", str(db), "--format", "csv",
         "SELECT story_id FROM story_coverage ORDER BY sources DESC, articles DESC LIMIT 1"],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.splitlines()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("data/demo/wirewatch.duckdb"))
    parser.add_argument("--query", default="Belarus")
    parser.add_argument("--config", type=Path, default=Path("config"))
    args = parser.parse_args()
    from wirewatch.desk import build_report
    from wirewatch.settings import load_saved_queries

    saved = load_saved_queries(args.config)
    with tempfile.TemporaryDirectory() as tmp:
        info = build_report(args.db, Path(tmp) / "report.html", saved=saved)
    print(f"report: {info.seconds:.2f} s, {info.bytes / 1e6:.2f} MB "
          f"({info.alerts} alerts, {info.meetings} timeline meetings, {info.stories} stories)")

    story = _story(args.db)
    pair = "BY-CN"
    pages = [
        "/",
        "/?" + urllib.parse.urlencode({"q": args.query}),
        f"/story/{story}",
        "/meetings",
        "/meetings?pair=" + pair,
        "/alerts",
        "/attention?" + urllib.parse.urlencode({"q": [args.query, "@belarus-russia"]}, doseq=True),
        "/queries",
    ]
    server = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "ui", "--port", "0", "--db", str(args.db),
         "--config", str(args.config)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdout is not None
        base = server.stdout.readline().split()[2].rstrip("/")
        for path in pages:
            times = []
            status = 0
            for _ in range(REPEATS):
                seconds, status = _page(base + path)
                times.append(seconds)
            print(f"{path:40} {status}  first {times[0] * 1000:6.0f} ms  "
                  f"median {statistics.median(times) * 1000:6.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
