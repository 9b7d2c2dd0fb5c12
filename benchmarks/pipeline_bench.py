"""Whole-pipeline cost against bare trafilatura extraction on the same pages.

Serves the pages over loopback HTTP behind a news sitemap, runs the pipeline
steps (discover, fetch, extract, dedupe/load, detect, alert) in this process,
and compares wall time with ``trafilatura.extract`` over the same HTML, in one
run (timings on this machine are noisy; ratios in one run are what count).
Then reruns with nothing new. Prefect's own start-up is excluded (it is a
fixed cost per run; FACTS.md measures it).

    .venv/bin/python benchmarks/pipeline_bench.py [--aeb DIR] [--limit N]
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

from wirewatch import pipeline
from wirewatch.config import AlertsConfig, Defaults, SourceConfig, SourcesConfig
from wirewatch.models import RunSummary
from wirewatch.settings import Settings

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


def cpu_seconds() -> float:
    """CPU time of this process and of the extraction workers (they outlive the run)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [os.getpid()]
    if pipeline._POOL is not None:
        pids += [p.pid for p in pipeline._POOL[1]._processes.values() if p.pid]
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
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


def run_steps(settings: Settings) -> tuple[dict[str, float], RunSummary, float]:
    times: dict[str, float] = {}
    cpu = cpu_seconds()
    summary = pipeline.run_plain(settings, timings=times)
    return times, summary, cpu_seconds() - cpu


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
        cpu = cpu_seconds()
        t = time.perf_counter()
        for html in pages.values():
            trafilatura.extract(html.decode("utf-8", errors="replace"))
        bare = time.perf_counter() - t
        bare_cpu = cpu_seconds() - cpu

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
        times, summary, used_cpu = run_steps(settings)
        total = sum(times.values())
        rerun, again, _ = run_steps(settings)
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
