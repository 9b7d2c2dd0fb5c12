"""The desk's bars: report build time and size, and each web page's answer time.

    python benchmarks/desk_bench.py [--db data/demo/wirewatch.duckdb] [--query Belarus] [--config config]
    python benchmarks/desk_bench.py --db /tmp/w1m.duckdb --query sanctions --no-report   # 1M bar

Writes the report to a temporary file (time, size; skipped with ``--no-report``),
then starts `wirewatch ui` on a free port and asks every page five times over
HTTP (first answer and median): each route, with and without its filters, the
search and attention pages with the query given and with the frequent words of
``search_bench.py`` (the slowest at 1M articles). The load average is printed
before and after: on a shared machine a wall time waits for a core.
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument("--no-report", action="store_true", help="time the web pages only")
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()}")
    if not args.no_report:
        from wirewatch.desk import build_report
        from wirewatch.settings import load_saved_queries

        saved = load_saved_queries(args.config)
        with tempfile.TemporaryDirectory() as tmp:
            info = build_report(args.db, Path(tmp) / "report.html", saved=saved)
        print(f"report: {info.seconds:.2f} s, {info.bytes / 1e6:.2f} MB "
              f"({info.alerts} alerts, {info.meetings} timeline meetings, {info.stories} stories)")

    story = _story(args.db)
    pair = "BY-CN"

    def search(**form: str) -> str:
        return "/?" + urllib.parse.urlencode(form)

    def attention(*queries: str, by: str = "week") -> str:
        return "/attention?" + urllib.parse.urlencode({"q": list(queries), "by": by}, doseq=True)

    pages = [
        "/",
        "/?since=2025-01-01",
        search(q=args.query),
        search(q="putin"),
        search(q="negotiat*"),
        search(q='"state visit"'),
        search(q="trade", country="CN", since="2025-01-01", until="2025-04-01"),
        search(q="@belarus-russia"),
        f"/story/{story}",
        "/meetings",
        "/meetings?pair=" + pair,
        "/meetings?country=BY&kind=in_person",
        "/meetings?since=2025-01-01&until=2025-04-01",
        "/alerts",
        "/alerts?status=sent",
        "/attention",
        attention(args.query, "@belarus-russia"),
        attention("sanctions"),
        attention("negotiat*"),
        attention("putin", "sanctions", '"state visit"'),
        attention("sanctions", by="day"),
        attention("sanctions", by="month"),
        "/queries",
        "/static/plotly.min.js",
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
            print(f"{urllib.parse.unquote_plus(path):60} {status}  first {times[0] * 1000:6.0f} ms  "
                  f"median {statistics.median(times) * 1000:6.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
