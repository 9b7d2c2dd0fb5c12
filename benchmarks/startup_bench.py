"""Start-up cost of the command line against importing trafilatura alone.

Runs, interleaved in one session, ``python -c "import trafilatura"``,
``wirewatch --help`` and ``wirewatch extract`` on one small page, each as a fresh
process, and prints the median wall time of each and the ratio of the two
commands to the bare import. The bar (issue 9): both within 2x.

    .venv/bin/python benchmarks/startup_bench.py [--runs 5] [--page FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A short agency page (1.3 KB), as an editor would check one by hand. Very short CJK pages
# (h-yna_ko2.html) also pay trafilatura's justext fallback: its all-language stoplist, ~0.3 s.
DEFAULT_PAGE = HERE / "data" / "extraction" / "pages" / "07-en-lavrov-call.html"
BAR = 2.0  # issue 9: each command within 2x of importing trafilatura


def _wirewatch() -> list[str]:
    """The console script beside this interpreter, else ``python -m wirewatch``."""
    script = Path(sys.executable).with_name("wirewatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wirewatch"]


# An installed wirewatch runs from .pyc files; with PYTHONDONTWRITEBYTECODE set (as in some
# shells and CI images) the warm-up cannot write them and every run compiles ~30 of our
# modules again (0.05-0.1 s here), which no user of an installed package pays.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    args = parser.parse_args()
    commands = {
        "import trafilatura": [sys.executable, "-c", "import trafilatura"],
        "wirewatch --help": [*_wirewatch(), "--help"],
        "wirewatch extract": [*_wirewatch(), "extract", str(args.page.resolve())],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    # An empty directory: no warehouse or config beside the commands, as on a first use.
    with tempfile.TemporaryDirectory(prefix="wirewatch-startup-") as tmp:
        for command in commands.values():  # one warm-up each: the page cache, .pyc files
            _seconds(command, Path(tmp))
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_seconds(command, Path(tmp)))
    base = statistics.median(times["import trafilatura"])
    print(f"median of {args.runs} runs each, interleaved; page {args.page.name}")
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        verdict = "" if name == "import trafilatura" else (" ok" if ratio <= BAR else " OVER 2x")
        print(f"{name:<20} {median:6.3f} s  {ratio:4.2f}x{verdict}")


if __name__ == "__main__":
    main()
