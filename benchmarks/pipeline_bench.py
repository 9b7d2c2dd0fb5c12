"""Whole-pipeline cost against bare trafilatura extraction on the same pages.

Serves the pages over loopback HTTP behind a news sitemap (from another
process, whose CPU is not counted), runs the run's steps in a run session in
the order ``flows/ingest.py`` gives them (discover, fetch, extract, dedupe/load,
detect, alert) with the session's extraction pool, and compares wall and CPU
time with ``trafilatura.extract`` over the same HTML, in one run (timings on
this machine are noisy; ratios in one run are what count). CPU counts this
process and every process it started for the run (the pool's forkserver and
workers). Then reruns with nothing new. Prefect is left out: its start-up and
task bookkeeping are a fixed cost per run (FACTS.md measures them).

    .venv/bin/python benchmarks/pipeline_bench.py [--aeb DIR] [--limit N] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trafilatura

import wirewatch.run.runsession  # noqa: F401 - imported up front, as a run's command would have
import wirewatch.run.steps  # noqa: F401
from wirewatch import run
from wirewatch.config import AlertsConfig, Defaults, SourceConfig, SourcesConfig
from wirewatch.models import RunSummary
from wirewatch.settings import Settings

SOURCES_PER_TASK = 25  # as flows/ingest.py groups them

REPO = Path(__file__).resolve().parents[1]


def load_pages(aeb: Path, limit: int) -> dict[str, bytes]:
    """AEB pages if present, else the demo newswire's rendered articles."""
    files = sorted((aeb / "html").glob("*.html.gz"))[:limit]
    if files:
        return {f"/a/{f.name.split('.')[0]}.html": gzip.decompress(f.read_bytes()) for f in files}
    print(f"{aeb} not found: using the demo newswire pages", file=sys.stderr)
    from wirewatch.demo import DemoNewswire

    pages: dict[str, bytes] = {}
    import urllib.request

    with DemoNewswire() as wire:
        for site, base in wire.base_urls.items():
            for path in wire.resource_paths(site):
                if path.endswith(".html"):
                    with urllib.request.urlopen(base + path) as response:
                        pages[f"/a/{site}-{len(pages)}.html"] = response.read()
    return dict(list(pages.items())[:limit])


def _serve_forever(pages: dict[str, bytes], port_out: Any) -> None:
    server, base = serve_here(pages)
    port_out.put(base)
    threading.Event().wait()


def serve(pages: dict[str, bytes]) -> tuple[Any, str]:
    """Serve the pages from another process, so its CPU is not counted as ours."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_serve_forever, args=(pages, queue), daemon=True)
    process.start()
    return process, queue.get(timeout=60)


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(exclude: int | None = None) -> float:
    """CPU time of this process and of every process under it except ``exclude``'s tree.

    Processes that ended count through their parent's reaped-children time
    (extraction workers are reaped by the pool's forkserver, which lives on).
    """
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                children.setdefault(int(_stat(int(entry.name))[1]), []).append(int(entry.name))
    me = _stat(os.getpid())
    total = (int(me[11]) + int(me[12])) / ticks
    todo = [c for c in children.get(os.getpid(), []) if c != exclude]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = _stat(pid)
            total += sum(int(f) for f in fields[11:15]) / ticks
        todo.extend(children.get(pid, []))
    return total


def serve_here(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    now = datetime.now(UTC)
    entries = "".join(
        f"<url><loc>{{base}}{path}</loc><lastmod>{(now - timedelta(minutes=i)).isoformat()}</lastmod></url>"
        for i, path in enumerate(pages)
    )

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

        def do_GET(self) -> None:  # noqa: N802
            base = f"http://{self.headers['Host']}"
            if self.path == "/sitemap.xml":
                body = (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + entries.replace("{base}", base)
                    + "</urlset>"
                ).encode()
                ctype = "application/xml"
            elif self.path in pages:
                body, ctype = pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class StepClock:
    """Wall time between laps, by step name."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.times[step] = now - self.last
        self.last = now


def run_steps(settings: Settings, server_pid: int | None) -> tuple[dict[str, float], RunSummary, float]:
    """One run: the steps of ``flows/ingest.py`` in its order, without Prefect."""
    cpu = cpu_seconds(exclude=server_pid)
    clock = StepClock()
    with run.session(settings) as current:
        clock.lap("begin")
        fetched = current.record(
            run.FetchInfo.combine(
                run.fetch_sources(settings, group, start=current.start, batch_no=i, pool=current.pool)
                for i, group in enumerate(run.chunked(settings.sources.sources, SOURCES_PER_TASK))
            )
        )
        clock.lap("fetch (+early extract)")
        extracted = run.ExtractInfo((), current.start.boilerplate)
        for batch in run.page_batches(settings, fetched):
            extracted = extracted.then(
                run.extract_pages(settings, batch, boilerplate=extracted.boilerplate, pool=current.pool)
            )
        current.record(extracted)
        clock.lap("extract")
        current.record(
            run.load_pages(settings, run_id=current.run_id, fetched=fetched, extracted=extracted)
        )
        clock.lap("dedupe+load")
        current.record(run.detect_pending(settings, pool=current.pool))
        clock.lap("detect")
        current.record(run.deliver_alerts(settings))
        clock.lap("alert")
    clock.lap("end (pool stop)")
    time.sleep(0.2)  # let the forkserver reap the workers, so their CPU is counted
    return clock.times, current.summary, cpu_seconds(exclude=server_pid) - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--aeb", type=Path, default=REPO.parent / "shared" / "benchmarks" / "extraction-aeb"
    )
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1, help="serve each page N times under other URLs")
    args = parser.parse_args()

    base_pages = load_pages(args.aeb, args.limit)
    pages = {
        (path if i == 0 else path.replace("/a/", f"/a{i}/")): html
        for i in range(args.repeat)
        for path, html in base_pages.items()
    }
    server, base = serve(pages)
    try:
        cpu = cpu_seconds(exclude=server.pid)
        t = time.perf_counter()
        for html in pages.values():
            trafilatura.extract(html.decode("utf-8", errors="replace"))
        bare = time.perf_counter() - t
        bare_cpu = cpu_seconds(exclude=server.pid) - cpu

        tmp = Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
        settings = Settings(
            db=tmp / "bench.duckdb",
            config_dir=tmp,
            data_dir=tmp / "data",
            sources_file=tmp / "sources.yaml",
            sources=SourcesConfig(
                sources=(
                    SourceConfig(
                        name="bench",
                        publisher="Bench",
                        language="en",
                        sitemaps=(f"{base}/sitemap.xml",),
                    ),
                )
            ),
            alerts=AlertsConfig(),
            defaults=Defaults(
                rate_limit=1000, per_host_concurrency=8, max_pages_per_source=len(pages) + 10
            ),
        )
        times, summary, used_cpu = run_steps(settings, server.pid)
        total = sum(times.values())
        rerun, again, _ = run_steps(settings, server.pid)
    finally:
        server.terminate()

    n = len(pages)
    print(f"\nWhole pipeline vs bare trafilatura.extract on {n} pages (one run, wall time)")
    print(
        f"{'bare trafilatura.extract':<28}{bare:8.2f} s  {bare / n * 1000:7.1f} ms/page   CPU {bare_cpu:6.2f} s"
    )
    for stage, seconds in times.items():
        print(f"  {stage:<26}{seconds:8.2f} s")
    print(
        f"{'wirewatch pipeline':<28}{total:8.2f} s  {total / n * 1000:7.1f} ms/page   CPU {used_cpu:6.2f} s"
    )
    print(
        f"ratio to bare trafilatura: wall {total / bare:.2f}x, CPU {used_cpu / bare_cpu:.2f}x "
        f"(on {os.cpu_count()} cores; the HTTP server's CPU is not counted)"
    )
    print(
        f"  articles new {summary.articles_new}, stories {summary.stories_new}, "
        f"extract errors {summary.extract_errors}, fetch outcomes {summary.fetch_outcomes}"
    )
    print(
        f"{'rerun, nothing new':<28}{sum(rerun.values()):8.2f} s  "
        f"(articles new {again.articles_new}, skipped {again.skipped_known}, outcomes {again.fetch_outcomes})"
    )


if __name__ == "__main__":
    main()
