"""Search index speed and size on a synthetic multilingual newswire (generated, not fetched).

The corpus: ``--articles`` copies of ``articles / 5`` stories over two years, in
English (50%), Russian (20%, inflected: Путин, Путина, Путиным...), Chinese (20%,
no spaces) and French (10%); Zipf-distributed filler words around the names and
themes a desk follows, each story tagged with its countries, copies spread over
agencies and sources within 36 hours. It is written once to a Parquet cache
(``--cache``) so a second run measures the same articles.

Wall times on a shared machine wait for a core; CPU times (process_time) are
what the work costs, so both are printed. Measured: the full build through ``rebuild_index`` (articles per second of wall
time and per CPU second: the writer uses one indexing thread besides Python's),
the index size per article (and the peak memory of the process), and for ten typical queries the median latency of
the top 20 stories (``search_stories``, snippets included) and of every matching
article id (``matching_ids``, for attention), plus listing held versions (drift check).

    .venv/bin/python benchmarks/search_bench.py [--articles 1000000] [--reps 7]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from wirewatch.search import Filters, SearchDocument, SearchIndex, compute_drift, rebuild_index

ROOT = Path(__file__).resolve().parents[1]
COPIES_PER_STORY = 5
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_DAYS = 730
LANGUAGES = (("en", 0.5), ("ru", 0.2), ("zh", 0.2), ("fr", 0.1))
BAR_ARTICLES_PER_S = 2_000
BAR_LATENCY_S = 1.0



def _words(text: str) -> list[str]:
    return text.split()


# Names a desk follows: (English, Russian stem + endings, Chinese, country).
TOPICS = [
    ("Putin", "Путин", "普京", "RU"),
    ("Xi Jinping", "Си Цзиньпин", "习近平", "CN"),
    ("Lukashenko", "Лукашенко", "卢卡申科", "BY"),
    ("Erdogan", "Эрдоган", "埃尔多安", "TR"),
    ("Modi", "Моди", "莫迪", "IN"),
    ("Macron", "Макрон", "马克龙", "FR"),
    ("Tokayev", "Токаев", "托卡耶夫", "KZ"),
    ("Lula", "Лула", "卢拉", "BR"),
    ("Biden", "Байден", "拜登", "US"),
    ("Kishida", "Кисида", "岸田文雄", "JP"),
]
THEMES = [
    ("state visit", "государственный визит", "国事访问", "visite d'État"),
    ("talks", "переговоры", "会谈", "entretiens"),
    ("sanctions", "санкции", "制裁", "sanctions"),
    ("trade", "торговля", "贸易", "commerce"),
    ("summit", "саммит", "峰会", "sommet"),
    ("negotiations", "переговоров", "谈判", "négociations"),
    ("cooperation", "сотрудничество", "合作", "coopération"),
    ("China", "Китай", "中国", "Chine"),
]
EN_WORDS = _words(
    "the of and to in a said on for with that was is by at as from his it be has have will "
    "president minister government foreign talks meeting country countries official officials "
    "year week people state national security economic economy trade relations cooperation "
    "agreement visit leaders leader party support development region regional international "
    "military defence energy oil gas prices market bank growth policy talks press statement "
    "ministry spokesman capital city border agency news report reported according sides both "
    "new first last two three million billion percent after before during while also would "
    "could should more than about over under between against across such other its their "
    "negotiation negotiating negotiated election parliament council committee court law bill "
    "sanction sanctioned investment investments project projects railway port bridge summit"
)
RU_STEMS = _words(
    "президент министр правительств переговор встреч визит стран государств сотрудничеств "
    "экономик торговл отношени соглашени развити безопасност регион делегаци заявлени "
    "министерств граница агентств проект инвестици энергетик рынок банк рост политик "
    "парламент совет комитет суд закон санкци саммит договор партнер"
)
RU_ENDINGS = ("", "а", "у", "ом", "е", "ы", "ов", "ами", "ах", "ой", "ие", "ия", "ии", "ей")
RU_FUNCTION = _words("и в на с по что как для не от к о из за это также его их")
PUTIN_FORMS = ("", "а", "у", "ым", "е")
FR_WORDS = _words(
    "le la les de des du et en un une a est pour avec sur par dans au aux qui que président "
    "ministre gouvernement pays visite rencontre accord coopération sécurité économie relations"
)
ZH_CHARS = "".join(
    dict.fromkeys(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
        "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
        "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
        "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
        "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
        "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研"
    )
)
COUNTRIES = _words("RU CN BY TR IN FR KZ BR US JP DE GB IT ES UA PL IR SA AE EG ZA NG KE VN TH ID MY PK KR KP")
AGENCIES = {
    "en": ["Reuters", "AP", "AFP", "Xinhua", "TASS", "BelTA", "Kyodo", "Yonhap", "Anadolu"],
    "ru": ["TASS", "RIA Novosti", "Interfax", "BelTA"],
    "zh": ["Xinhua", "China News Service", "CCTV"],
    "fr": ["AFP"],
}
SOURCES_PER_LANGUAGE = 12
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
RU_SYLLABLES = [c + v for c in "бвгдзклмнпрстфхчш" for v in ("а", "е", "и", "о", "у", "ы")]
SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("story_id", pa.string()),
        ("version", pa.int32()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("agency", pa.string()),
        ("source", pa.string()),
        ("language", pa.string()),
        ("countries", pa.list_(pa.string())),
        ("published", pa.timestamp("s", tz="UTC")),
    ]
)


def _zipf(n: int, s: float = 1.07) -> np.ndarray:
    weights = 1.0 / (np.arange(1, n + 1, dtype=np.float64) + 2.7) ** s
    return weights / weights.sum()


def _pseudo(rng: np.random.Generator, syllables: list[str], count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        n = int(rng.integers(2, 5))
        words.add("".join(syllables[int(i)] for i in rng.integers(0, len(syllables), n)))
    return sorted(words)


class Writer:
    """Makes story texts in one language: Zipf filler around topic names and themes."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.en = np.array(EN_WORDS + _pseudo(rng, SYLLABLES, 40_000), dtype=object)
        self.fr = np.array(FR_WORDS + _pseudo(rng, SYLLABLES, 30_000), dtype=object)
        ru_stems = RU_STEMS + _pseudo(rng, RU_SYLLABLES, 12_000)
        self.ru = np.array([s + e for s in ru_stems for e in RU_ENDINGS[:4]], dtype=object)
        self.ru_fn = np.array(RU_FUNCTION, dtype=object)
        self.zh = np.array(list(ZH_CHARS), dtype=object)
        self.p = {k: _zipf(len(v)) for k, v in (("en", self.en), ("fr", self.fr), ("ru", self.ru), ("zh", self.zh))}

    def name(self, lang: str, topic: int) -> str:
        en, ru, zh, _ = TOPICS[topic]
        if lang == "ru":
            return ru + (str(self.rng.choice(PUTIN_FORMS)) if ru.isalpha() and ru[-1] not in "оа" else "")
        return zh if lang == "zh" else en

    def theme(self, lang: str, theme: int) -> str:
        return THEMES[theme][{"en": 0, "ru": 1, "zh": 2, "fr": 3}[lang]]

    def filler(self, lang: str, count: int) -> list[str]:
        words = self.en if lang == "en" else self.fr if lang == "fr" else self.ru if lang == "ru" else self.zh
        picked = self.rng.choice(len(words), size=count, p=self.p[lang])
        out = list(words[picked])
        if lang == "ru":  # function words between inflected ones
            slots = self.rng.integers(0, count, count // 4)
            for slot, fn in zip(slots, self.rng.choice(self.ru_fn, len(slots)), strict=True):
                out[int(slot)] = fn
        return out

    def story(self, lang: str, topics: list[int], themes: list[int]) -> tuple[str, str]:
        n = int(self.rng.integers(220, 420)) * (2 if lang == "zh" else 1)
        body = self.filler(lang, n)
        inserts = [self.name(lang, t) for t in topics for _ in range(int(self.rng.integers(2, 7)))]
        inserts += [self.theme(lang, t) for t in themes for _ in range(int(self.rng.integers(1, 4)))]
        for word, pos in zip(inserts, self.rng.integers(0, n, len(inserts)), strict=True):
            body[int(pos)] = word
        head = self.filler(lang, 12 if lang == "zh" else 7)
        for i, t in enumerate(topics[:1] + themes[:1]):
            head[i * 3] = self.name(lang, t) if i == 0 and topics else self.theme(lang, t)
        if lang == "zh":
            parts = ["".join(body[i : i + 17]) for i in range(0, n, 17)]
            return "".join(head), "".join(p + ("。" if k % 3 == 2 else "，") for k, p in enumerate(parts))
        sentences = [" ".join(body[i : i + 19]) for i in range(0, n, 19)]
        title = " ".join(head)
        return title[:1].upper() + title[1:], ". ".join(s[:1].upper() + s[1:] for s in sentences) + "."


def _hex(kind: str, n: int) -> str:
    return hashlib.sha1(f"{kind}{n}".encode()).hexdigest()[:16]


def generate(articles: int, path: Path, seed: int = 11) -> None:
    """Write the corpus to ``path`` (Parquet), story by story."""
    rng = np.random.Generator(np.random.PCG64(seed))
    writer = Writer(rng)
    stories = max(1, articles // COPIES_PER_STORY)
    langs = [code for code, _ in LANGUAGES]
    lang_p = np.array([share for _, share in LANGUAGES])
    topic_p = _zipf(len(TOPICS), 1.0)
    country_p = _zipf(len(COUNTRIES), 1.2)
    sources = {
        lang: [f"{lang}-source-{i:02d}" for i in range(SOURCES_PER_LANGUAGE)] for lang in langs
    }
    out = pq.ParquetWriter(path, SCHEMA, compression="zstd")
    rows: dict[str, list[object]] = {name: [] for name in SCHEMA.names}
    article = 0
    for story in range(stories):
        lang = str(rng.choice(langs, p=lang_p))
        n_topics = int(rng.choice([0, 1, 1, 2]))
        topics = sorted({int(t) for t in rng.choice(len(TOPICS), size=n_topics, p=topic_p)})
        themes = sorted({int(t) for t in rng.integers(0, len(THEMES), int(rng.integers(0, 3)))})
        title, text = writer.story(lang, topics, themes)
        countries = {TOPICS[t][3] for t in topics}
        countries |= {str(c) for c in rng.choice(COUNTRIES, size=int(rng.integers(0, 3)), p=country_p)}
        base = START + timedelta(seconds=float(rng.uniform(0, SPAN_DAYS * 86400)))
        copies = COPIES_PER_STORY if story < stories - 1 else articles - article
        for copy in range(copies):
            intro = "" if copy == 0 else " ".join(writer.filler(lang, 12)) + (" " if lang != "zh" else "")
            rows["article_id"].append(_hex("article", article))
            rows["story_id"].append(_hex("story", story))
            rows["version"].append(2 if rng.random() < 0.05 else 1)
            rows["title"].append(title)
            rows["text"].append(intro + text)
            rows["agency"].append(str(rng.choice(AGENCIES[lang])))
            rows["source"].append(str(rng.choice(sources[lang])))
            rows["language"].append(lang)
            rows["countries"].append(sorted(countries))
            rows["published"].append(base + timedelta(seconds=float(rng.uniform(0, 36 * 3600))))
            article += 1
        if len(rows["article_id"]) >= 20_000 or story == stories - 1:
            out.write_table(pa.table(rows, schema=SCHEMA))
            rows = {name: [] for name in SCHEMA.names}
    out.close()


def read_docs(path: Path) -> Iterator[SearchDocument]:
    """The corpus as SearchDocuments, batch by batch (what reindex reads from the warehouse)."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=10_000):
        for row in batch.to_pylist():
            yield SearchDocument(
                article_id=row["article_id"],
                story_id=row["story_id"],
                version=row["version"],
                title=row["title"],
                text=row["text"],
                agency=row["agency"],
                source=row["source"],
                language=row["language"],
                countries=tuple(row["countries"]),
                published=row["published"],
            )


QUERIES: list[tuple[str, str, Filters | None]] = [
    ("single word, frequent", "putin", None),
    ("single word", "sanctions", None),
    ("phrase", '"state visit"', None),
    ("boolean AND", "lukashenko AND china", None),
    ("boolean OR/NOT", "(xi OR putin) AND NOT sanctions", None),
    ("prefix", "negotiat*", None),
    (
        "country + date filter",
        "trade",
        Filters(countries=("CN",), since=datetime(2025, 1, 1, tzinfo=UTC), until=datetime(2025, 4, 1, tzinfo=UTC)),
    ),
    ("fields", "title:summit AND agency:xinhua", None),
    ("Russian (inflected)", "Путиным", None),
    ("Chinese (no spaces)", "习近平", None),
]


def _median_seconds(call: Callable[[], object], reps: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``call`` (CPU: what it costs on an idle core)."""
    call()  # warm-up: first touch of the files' pages
    walls, cpus = [], []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(args: argparse.Namespace) -> dict[str, object]:
    cache = args.cache or ROOT / "data" / "bench" / f"search-corpus-{args.articles}.parquet"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, __file__, "--generate", str(cache), "--articles", str(args.articles)],
            check=True,
        )
        print(f"generated {args.articles:,} articles in {time.perf_counter() - t0:.0f} s -> {cache}")
    workdir = Path(tempfile.mkdtemp(prefix="wirewatch-search-bench-"))
    index_dir = workdir / "index"
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        read = sum(1 for _ in read_docs(cache))
        read_wall, read_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        built = rebuild_index(index_dir, read_docs(cache))
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        main_cpu = time.thread_time() - m0
        size = _dir_bytes(index_dir)
        index = SearchIndex.open(index_dir)
        report: dict[str, object] = {
            "articles": built,
            "read_only_s": round(read_wall, 1),
            "read_only_cpu_s": round(read_cpu, 1),
            "build_s": round(wall, 1),
            "build_cpu_s": round(cpu, 1),
            "build_cpu_python_thread_s": round(main_cpu, 1),
            "articles_per_s": round(built / wall),
            "articles_per_cpu_s": round(built / cpu),
            "index_bytes": size,
            "bytes_per_article": round(size / built),
            "corpus_text_bytes_per_article": round(
                sum(len(d.text.encode()) + len(d.title.encode()) for d in read_docs(cache)) / read
            ),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
        rows = []
        for label, query, filters in QUERIES:
            top, top_cpu = _median_seconds(
                lambda q=query, f=filters: index.search_stories(q, f, limit=20), args.reps
            )
            every, every_cpu = _median_seconds(
                lambda q=query, f=filters: index.matching_ids(q, f), args.reps
            )
            rows.append(
                {
                    "query": label,
                    "text": query,
                    "matches": index.count(query, filters),
                    "top20_stories_ms": round(top * 1000, 1),
                    "top20_stories_cpu_ms": round(top_cpu * 1000, 1),
                    "all_ids_ms": round(every * 1000, 1),
                    "all_ids_cpu_ms": round(every_cpu * 1000, 1),
                }
            )
        report["queries"] = rows
        t0, c0 = time.perf_counter(), time.process_time()
        held = index.held_versions()
        report["held_versions_s"] = round(time.perf_counter() - t0, 2)
        report["held_versions_cpu_s"] = round(time.process_time() - c0, 2)
        t0, c0 = time.perf_counter(), time.process_time()
        drift = compute_drift(held, held)
        report["drift_s"] = round(time.perf_counter() - t0, 2)
        report["drift_cpu_s"] = round(time.process_time() - c0, 2)
        assert drift.total == 0 and len(held) == built
        return report
    finally:
        if args.keep:
            print(f"index kept in {index_dir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions per query (median)")
    parser.add_argument("--cache", type=Path, help="Parquet corpus (generated when missing)")
    parser.add_argument("--keep", action="store_true", help="keep the built index")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.articles, args.generate)
        return
    report = run(args)
    queries = report.pop("queries")
    for key, value in report.items():
        print(f"{key:32} {value:>14,}" if isinstance(value, int) else f"{key:32} {value:>14}")
    print(f"\n{'median ms (wall / cpu)':24} {'matches':>9} {'top-20 stories':>16} {'all ids':>16}  text")
    assert isinstance(queries, list)
    for row in queries:
        print(
            f"{row['query']:24} {row['matches']:>9,} {row['top20_stories_ms']:>8.1f} / {row['top20_stories_cpu_ms']:>5.1f}"
            f" {row['all_ids_ms']:>8.1f} / {row['all_ids_cpu_ms']:>5.1f}  {row['text']}"
        )
    slowest = max(max(r["top20_stories_ms"], r["all_ids_ms"]) for r in queries) / 1000
    rate = report["articles_per_cpu_s"]
    print(
        f"\nbars: build {rate:,} articles per CPU second (bar {BAR_ARTICLES_PER_S:,}): "
        f"{'ok' if isinstance(rate, int) and rate >= BAR_ARTICLES_PER_S else 'MISSED'}; "
        f"slowest median {slowest:.3f} s (bar {BAR_LATENCY_S} s): "
        f"{'ok' if slowest < BAR_LATENCY_S else 'MISSED'}"
    )
    print(json.dumps({**report, "queries": queries}))


if __name__ == "__main__":
    main()
