"""Extraction quality and cost: wirewatch vs bare ``trafilatura.extract``, side by side.

Run from the repository root::

    .venv/bin/python benchmarks/extraction_bench.py [--aeb DIR] [--own DIR]

Scoring follows the article-extraction benchmark (Zyte): word 4-gram shingles
(``\\w+`` tokens, multiset) of predicted vs annotated text; precision, recall and
F1 per page, averaged over pages. ``F1(avgP,avgR)`` is the F1 of the averaged
precision and recall (the figure trafilatura's and FACTS.md's numbers use).
Cost is CPU seconds per page, both extractors run alternately on each page in
the same process so machine noise hits both alike.

On the own labelled set (``benchmarks/data/extraction/``) it also reports
boilerplate leaks (a forbidden line found in the text) and metadata accuracy
(agency, dateline, published date).

Exit status 1 when wirewatch's F1 on the public set falls below bare
trafilatura's in the same run (a quality gate).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import trafilatura

from wirewatch.errors import ExtractError
from wirewatch.extract import extract_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AEB = ROOT.parent / "shared" / "benchmarks" / "extraction-aeb"
DEFAULT_OWN = ROOT / "benchmarks" / "data" / "extraction"
# Captions, leads and press services (issue 12), also the fixtures of tests/test_extract_signal.py.
DEFAULT_SIGNAL = ROOT / "tests" / "data" / "extract" / "signal"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[str]:
    """Multiset of word n-grams, as the upstream benchmark counts them."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        " ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens
    )


def score(predicted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall, F1 of one page."""
    pred, gold = shingles(predicted), shingles(expected)
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    if not pred or not gold:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & gold).values())
    p, r = overlap / sum(pred.values()), overlap / sum(gold.values())
    return p, r, (2 * p * r / (p + r) if overlap else 0.0)


@dataclass
class Tally:
    """Per-extractor running sums."""

    name: str
    p: float = 0.0
    r: float = 0.0
    f: float = 0.0
    cpu: float = 0.0
    pages: int = 0
    empty: int = 0

    def add(self, prf: tuple[float, float, float], cpu: float, empty: bool) -> None:
        self.p += prf[0]
        self.r += prf[1]
        self.f += prf[2]
        self.cpu += cpu
        self.pages += 1
        self.empty += int(empty)

    def row(self, base_cpu: float) -> str:
        n = max(1, self.pages)
        p, r, f = self.p / n, self.r / n, self.f / n
        f_of_avg = 2 * p * r / (p + r) if p + r else 0.0
        ratio = self.cpu / base_cpu if base_cpu else float("nan")
        return (
            f"{self.name:<22} {p:6.3f} {r:6.3f} {f:6.3f} {f_of_avg:14.3f} "
            f"{self.cpu / n * 1000:9.1f} {ratio:6.2f} {self.empty:6d}"
        )

    @property
    def f1(self) -> float:
        return self.f / max(1, self.pages)


HEADER = f"{'extractor':<22} {'P':>6} {'R':>6} {'F1':>6} {'F1(avgP,avgR)':>14} {'ms/page':>9} {'ratio':>6} {'empty':>6}"


def bare(html: bytes) -> str:
    """Bare trafilatura with defaults: the baseline."""
    return trafilatura.extract(html) or ""


def ours(html: bytes, url: str | None, charset: str | None = None) -> tuple[str, object]:
    """wirewatch's extraction; an ExtractError counts as an empty prediction."""
    try:
        doc = extract_document(html, url, charset=charset)
    except ExtractError:
        return "", None
    return doc.text, doc


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.process_time()
    out = fn()
    return out, time.process_time() - start


def run_pairs(
    items: Iterable[tuple[str, bytes, str | None, str]],
) -> tuple[Tally, Tally, list[tuple[str, object]]]:
    """Run both extractors alternately over (id, html, url, expected) items."""
    base, mine = Tally("trafilatura.extract"), Tally("wirewatch")
    docs: list[tuple[str, object]] = []
    for i, (key, html, url, expected) in enumerate(items):
        # alternate the order so neither side always runs on a warm cache
        run_bare = partial(bare, html)
        run_ours = partial(ours, html, url)
        if i % 2:
            (text_b, cpu_b) = timed(run_bare)
            (res, cpu_o) = timed(run_ours)
        else:
            (res, cpu_o) = timed(run_ours)
            (text_b, cpu_b) = timed(run_bare)
        text_o, doc = res  # type: ignore[misc]
        base.add(score(str(text_b), expected), cpu_b, not text_b)
        mine.add(score(text_o, expected), cpu_o, not text_o)
        docs.append((key, doc))
    return base, mine, docs


def warm_up() -> None:
    """Load lazy models (language identifier) outside the timed region."""
    html = (
        b"<html><body><article><p>"
        + b"Warm up text for the extractor. " * 20
        + b"</p></article></body></html>"
    )
    ours(html, "https://example.org/a")
    bare(html)


def bench_aeb(folder: Path) -> tuple[Tally, Tally] | None:
    """The public article-extraction benchmark."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        print(f"AEB: {folder} not found, skipping the public benchmark")
        return None
    truth = json.loads(truth_file.read_text(encoding="utf-8"))

    def items() -> Iterable[tuple[str, bytes, str | None, str]]:
        for key, entry in sorted(truth.items()):
            path = folder / "html" / f"{key}.html.gz"
            yield key, gzip.decompress(path.read_bytes()), entry.get("url"), entry["articleBody"]

    base, mine, _ = run_pairs(items())
    print(f"\nAEB ({base.pages} pages, {folder})")
    print(HEADER)
    print(base.row(base.cpu))
    print(mine.row(base.cpu))
    return base, mine


def bench_own(folder: Path) -> None:
    """The team's own labelled agency-style set: text, leaks and metadata.

    Labels may also give ``captions`` (lines that belong in ``caption``, never in
    the text), ``lead`` (the line that must open the text), ``title`` and
    ``language``; those are scored when present.
    """
    labels_file = folder / "labels.json"
    if not labels_file.is_file():
        print(f"own set: {labels_file} not found, skipping")
        return
    labels = json.loads(labels_file.read_text(encoding="utf-8"))

    def items() -> Iterable[tuple[str, bytes, str | None, str]]:
        for key, label in labels.items():
            yield key, (folder / label["file"]).read_bytes(), label.get("url"), label["text"]

    base, mine, docs = run_pairs(items())
    leaks_ours = leaks_bare = agency_ok = dateline_ok = date_ok = 0
    extra: Counter[str] = Counter()
    problems: list[str] = []
    for key, doc in docs:
        label = labels[key]
        text = getattr(doc, "text", "") or ""
        caption = getattr(doc, "caption", None) or ""
        for line in label.get("captions", []):
            extra["captions"] += 1
            if line in text:
                extra["captions in text"] += 1
                problems.append(f"  {key}: caption in text {line[:50]!r}")
            extra["captions set apart"] += line in caption
        if label.get("lead"):
            extra["leads"] += 1
            if not text.startswith(label["lead"]):
                extra["leads dropped"] += 1
                problems.append(f"  {key}: lead not first {label['lead'][:50]!r}")
        for field in ("title", "language"):
            if field in label:
                extra[field] += 1
                got = getattr(doc, field, None)
                extra[f"{field} right"] += got == label[field]
                if got != label[field]:
                    problems.append(f"  {key}: {field} {got!r} != {label[field]!r}")
        bare_text = bare((folder / label["file"]).read_bytes())
        for line in label.get("forbidden", []):
            if line in text:
                leaks_ours += 1
                problems.append(f"  {key}: leaked {line[:60]!r}")
            if line in bare_text:
                leaks_bare += 1
        agency = getattr(doc, "agency", None)
        dateline = getattr(doc, "dateline", None)
        published = getattr(doc, "published", None)
        day = published.date().isoformat() if published else None
        agency_ok += agency == label.get("agency")
        dateline_ok += (dateline or "").casefold() == (label.get("dateline") or "").casefold()
        date_ok += day == label.get("published")
        for field, got, want in (
            ("agency", agency, label.get("agency")),
            ("dateline", dateline, label.get("dateline")),
            ("published", day, label.get("published")),
        ):
            if (got or "").casefold() != (want or "").casefold():
                problems.append(f"  {key}: {field} {got!r} != {want!r}")
    n = max(1, len(docs))
    forbidden_total = sum(len(label.get("forbidden", [])) for label in labels.values())
    print(f"\nOwn agency-style set ({len(docs)} pages, {folder})")
    print(HEADER)
    print(base.row(base.cpu))
    print(mine.row(base.cpu))
    print(
        f"boilerplate lines leaked: wirewatch {leaks_ours} / trafilatura {leaks_bare} "
        f"(of {forbidden_total} forbidden lines)"
    )
    print(
        f"metadata right: agency {agency_ok}/{n}, dateline {dateline_ok}/{n}, published date {date_ok}/{n}"
    )
    if extra["captions"] or extra["leads"]:
        print(
            f"captions kept in text {extra['captions in text']}/{extra['captions']}, "
            f"set apart {extra['captions set apart']}/{extra['captions']}; "
            f"leads dropped {extra['leads dropped']}/{extra['leads']}"
        )
    labelled = [f for f in ("title", "language") if extra[f]]
    if labelled:
        print(", ".join(f"{f} right {extra[f + ' right']}/{extra[f]}" for f in labelled))
    if problems:
        print("problems:")
        print("\n".join(problems))


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--aeb", "--data", type=Path, default=DEFAULT_AEB, help="extraction-aeb folder"
    )
    parser.add_argument("--own", type=Path, default=DEFAULT_OWN, help="own labelled set folder")
    parser.add_argument(
        "--signal", type=Path, default=DEFAULT_SIGNAL, help="captions/leads/press-services set"
    )
    parser.add_argument("--skip-own", action="store_true")
    args = parser.parse_args(argv)
    warm_up()
    result = bench_aeb(args.aeb)
    if not args.skip_own:
        bench_own(args.own)
        bench_own(args.signal)
    if result is not None:
        base, mine = result
        if mine.f1 < base.f1:
            print(f"\nQUALITY GATE FAILED: wirewatch F1 {mine.f1:.3f} < trafilatura {base.f1:.3f}")
            return 1
        print(f"\nquality gate passed: wirewatch F1 {mine.f1:.3f} >= trafilatura {base.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
