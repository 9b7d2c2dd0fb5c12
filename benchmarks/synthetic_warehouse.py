"""A synthetic wirewatch warehouse: multilingual newswire over two years, generated, not fetched.

The articles are ``search_bench.py``'s corpus (English, Russian, Chinese and French
copy, Zipf filler around the names and themes a desk follows, five copies a story
within 36 hours, 5% of them at version 2); this script loads it into a migrated
warehouse the way a run would leave it: sources, articles, article_versions,
article_urls, stories (counts, best copy), article_countries and meetings (one per
story naming two or more countries). Reusable by other benchmarks and reports::

    .venv/bin/python benchmarks/synthetic_warehouse.py --articles 1000000 --db /tmp/w.duckdb
    from synthetic_warehouse import build_warehouse    # (articles, db) -> seconds

The corpus is cached as Parquet under data/bench/ (as search_bench.py does).
The SQL here builds test data for a benchmark; it is not wirewatch code.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]

from wirewatch.store import open_warehouse, rebuild_summaries  # noqa: E402

LOAD = """
INSERT INTO sources
SELECT DISTINCT source, source, source || ' (synthetic)', language, NULL FROM corpus;

INSERT INTO articles
SELECT article_id, source, 'https://' || source || '.example/' || article_id,
       'https://' || source || '.example/' || article_id, source || '.example',
       title, text, NULL, agency, NULL, published, NULL, language,
       published + INTERVAL 20 MINUTE, published + INTERVAL 20 MINUTE, version,
       md5(text), story_id, NULL, version
FROM corpus;

INSERT INTO article_versions
SELECT article_id, v.version, md5(text || v.version), title, text, NULL,
       published + INTERVAL 20 MINUTE + to_hours(v.version - 1)
FROM corpus, LATERAL (SELECT unnest(range(1, corpus.version + 1)) AS version) v;

INSERT INTO article_urls
SELECT url, article_id, first_seen_at FROM articles;

INSERT INTO article_countries
SELECT DISTINCT article_id, unnest(countries) FROM corpus;

INSERT INTO stories
SELECT story_id, arg_min(title, published), min(published) + INTERVAL 20 MINUTE,
       max(published) + INTERVAL 20 MINUTE, count(*), count(DISTINCT source),
       arg_min(article_id, published)
FROM corpus GROUP BY story_id;

INSERT INTO meetings
SELECT md5(pair[1] || pair[2] || day)[:16], any_value(story_id), pair[1], pair[2],
       CASE WHEN hash(any_value(story_id)) % 3 = 0 THEN 'call' ELSE 'in_person' END,
       day, NULL, [], 0.9, min(seen), any_value(best)
FROM (
    SELECT story_id, list_sort(any_value(countries))[1:2] AS pair,
           CAST(min(published) AS DATE) AS day, min(published) + INTERVAL 20 MINUTE AS seen,
           arg_min(article_id, published) AS best
    FROM corpus WHERE len(countries) >= 2 GROUP BY story_id
)
GROUP BY pair, day;
"""


def corpus_path(articles: int) -> Path:
    """Where search_bench.py caches the corpus of ``articles`` (generated when missing)."""
    path = ROOT / "data" / "bench" / f"search-corpus-{articles}.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        bench = Path(__file__).resolve().parent / "search_bench.py"
        subprocess.run(
            [sys.executable, str(bench), "--generate", str(path), "--articles", str(articles)],
            check=True,
        )
    return path


def build_warehouse(articles: int, db: Path) -> float:
    """Write a synthetic warehouse of ``articles`` to ``db`` (replaced); returns seconds taken."""
    started = time.perf_counter()
    corpus = corpus_path(articles)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with open_warehouse(db):  # migrated exactly as a run migrates it
        pass
    con = duckdb.connect(str(db))
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"CREATE TEMP VIEW corpus AS SELECT * FROM read_parquet('{corpus}')")
        con.execute("BEGIN TRANSACTION")
        con.execute(LOAD)
        rebuild_summaries(con)  # what the load keeps, for the rows written here
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True, help="warehouse file to write (replaced)")
    args = parser.parse_args()
    seconds = build_warehouse(args.articles, args.db)
    con = duckdb.connect(str(args.db), read_only=True)
    try:
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "stories", "article_countries", "meetings")
        }
    finally:
        con.close()
    size = args.db.stat().st_size / 1e6
    print(f"built {args.db} in {seconds:.0f} s ({size:,.0f} MB): {counts}")


if __name__ == "__main__":
    main()
