"""Search and attention end to end: the real flow over the loopback newswire, then the CLI.

The newswire is the demo's hand-written week plus two articles of this file's own
writing: a Russian one that names Путин only inflected (Путина, Путиным) and a
Chinese one written without spaces. The run's index step keeps the search index
beside the warehouse; these tests read it through `wirewatch search`,
`attention`, `check` and `reindex` as an analyst would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wirewatch import run
from wirewatch.app.printing import write_sources
from wirewatch.attention import attention_series
from wirewatch.demo import DemoNewswire, default_root, load_expected
from wirewatch.models import RunSummary
from wirewatch.run import RunParams
from wirewatch.search import index_dir_for

EXPECTED = load_expected(default_root() / "expected.yaml")
pytestmark = pytest.mark.usefixtures("prefect_harness")

RUSSIAN = """
  - slug: soveshchanie-po-tranzitu
    section: politika
    language: ru
    headline: Верин обсудил с послом транзит через порты
    published: 2026-11-19T11:00:00+03:00
    agency: BelTA
    dateline: "МИНСК, 19 ноября (БЕЛТА) –"
    caption: Порт на Балтике.
    credit: Агентство «Неман-пресс»
    paragraphs:
      - Президент Беларуси Александр Верин принял посла и обсудил транзит грузов через балтийские порты.
      - По словам посла, позиция Путина по транзиту остается неизменной, а договоренности с Путиным будут выполнены.
      - Стороны договорились продолжить консультации в начале следующего года.
"""
CHINESE = """
  - slug: zhongbai-jiaoyu-hezuo
    section: world
    language: zh
    headline: 中白两国签署教育合作协议
    published: 2026-11-19T18:00:00+08:00
    agency: Xinhua
    dateline: "新华社北京11月19日电"
    caption: 签字仪式现场。
    credit: 新华社
    paragraphs:
      - 中国和白俄罗斯教育部门19日在北京签署合作协议，双方将扩大留学生交流规模。
      - 根据协议，两国高校将联合培养工程和农业专业人才，并互设语言中心。
      - 双方表示，教育合作是两国全天候全面战略伙伴关系的重要组成部分。
"""
SYNDICATED_QUERY = '"all-weather comprehensive strategic partnership" OR "all-weather partnership"'


def content_root(tmp_path: Path) -> Path:
    """The demo content with the Russian and Chinese articles added."""
    root = tmp_path / "content"
    shutil.copytree(default_root(), root)
    for site, extra in (("nemanpress", RUSSIAN), ("newchina", CHINESE)):
        path = root / "articles" / f"{site}.yaml"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra, encoding="utf-8")
    return root


def ingest(wire: DemoNewswire, tmp_path: Path, config_dir: Path, db: Path) -> RunSummary:
    from flows.ingest import run_ingest

    sources = write_sources(wire.sources, tmp_path / "sources.yaml")
    return run_ingest(
        RunParams(config_dir=config_dir, db=db, data_dir=tmp_path / "data", sources_file=sources)
    )


def wirewatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args], capture_output=True, text=True, timeout=120
    )


def search_json(db: Path, query: str, *options: str) -> list[dict[str, Any]]:
    result = wirewatch("search", query, "--db", str(db), "--format", "json", *options)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[DemoNewswire]:
    with DemoNewswire(content_root(tmp_path), history=False) as newswire:
        yield newswire


def test_search_finds_stories_once_in_english_russian_and_chinese(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path
) -> None:
    summary = ingest(wire, tmp_path, config_dir, db_path)
    assert summary.status == "completed"
    assert index_dir_for(db_path).is_dir()

    # The wire story republished on four sites is one row with four copies.
    rows = search_json(db_path, SYNDICATED_QUERY)
    story_ids = [r["story_id"] for r in rows]
    assert len(story_ids) == len(set(story_ids))
    syndicated = [r for r in rows if r["copies"] == 1 + len(EXPECTED.syndicated.copies)]
    assert len(syndicated) == 1, rows
    assert syndicated[0]["sources"] == 4
    assert set(syndicated[0]) >= {
        "story_id", "title", "url", "agency", "published", "copies", "sources", "score", "snippet"
    }  # fmt: skip
    assert syndicated[0]["url"].startswith("http://127.")

    copies = wirewatch(
        "search", SYNDICATED_QUERY, "--db", str(db_path), "--copies", "--format", "csv"
    )
    assert copies.returncode == 0, copies.stderr
    story_lines = [ln for ln in copies.stdout.splitlines() if syndicated[0]["story_id"] in ln]
    assert len(story_lines) == 4

    # Russian: the nominative finds the inflected forms; Chinese: no spaces needed.
    russian = search_json(db_path, "Путин")
    assert [r["title"] for r in russian] == ["Верин обсудил с послом транзит через порты"]
    assert "Путин" in russian[0]["snippet"]
    chinese = search_json(db_path, "教育合作")
    assert [r["title"] for r in chinese] == ["中白两国签署教育合作协议"]
    assert search_json(db_path, "教育合作", "--language", "en") == []
    assert search_json(db_path, "Путин", "--since", "2026-11-20") == []

    # The table view shows the snippet with the match marked (plain text when piped).
    table = wirewatch("search", "Путин", "--db", str(db_path))
    assert table.returncode == 0, table.stderr
    assert "[Путина]" in table.stdout

    # Bad syntax is one sentence and bad usage; a missing index says how to build it.
    bad = wirewatch("search", '"state visit', "--db", str(db_path))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "quote" in bad.stderr
    other = tmp_path / "other.duckdb"
    shutil.copy(db_path, other)
    missing = wirewatch("search", "Verin", "--db", str(other))
    assert missing.returncode == 1 and "wirewatch reindex" in missing.stderr
    assert wirewatch("reindex", "--db", str(other)).returncode == 0
    assert search_json(other, "Путин") == russian

    # Attention: stories per day for several queries, and as a share of all stories.
    result = attention_series(db_path, ["Verin", "Путин"], by="day", share=True)
    assert result.labels()[0] <= "2026-11-17" and len(result.periods) == len(set(result.periods))
    verin = dict(zip(result.labels(), result.series[0].stories, strict=True))
    assert verin["2026-11-17"] >= 1  # the talks in Beijing, four copies: one story
    assert sum(result.series[1].stories) == 1
    shares = [s for s in result.series[0].shares or () if s is not None]
    assert shares and all(0 < s <= 1 for s in shares if s)
    weekly = wirewatch("attention", "Verin", "Путин", "--db", str(db_path), "--format", "json")
    assert weekly.returncode == 0, weekly.stderr
    assert {r["period"] for r in json.loads(weekly.stdout)} == {"2026-W47"}
    for name in ("chart.png", "chart.html"):
        drawn = wirewatch(
            "attention", "Verin", "Путин", "--by", "day", "--db", str(db_path),
            "--plot", str(tmp_path / name),
        )  # fmt: skip
        assert drawn.returncode == 0, drawn.stderr
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    page = (tmp_path / "chart.html").read_text(encoding="utf-8")
    assert "2026-11-19" in page and "<script" in page
    assert 'src="http' not in page and len(page) > 1_000_000  # plotly.js inside: opens offline

    assert wirewatch("check", "--db", str(db_path)).returncode == 0


def test_saved_queries_by_name_in_search_and_attention(
    wire: DemoNewswire, tmp_path: Path, config_dir: Path, db_path: Path
) -> None:
    (config_dir / "queries.yaml").write_text(
        "queries:\n"
        "  - name: putin-ru\n"
        "    query: Путин\n"
        "    filters: {language: ru}\n",
        encoding="utf-8",
    )
    assert ingest(wire, tmp_path, config_dir, db_path).status == "completed"
    named = search_json(db_path, "@putin-ru", "--config", str(config_dir))
    assert [r["title"] for r in named] == ["Верин обсудил с послом транзит через порты"]
    # An option given on the command line replaces the saved filter.
    assert search_json(db_path, "@putin-ru", "--config", str(config_dir), "--language", "en") == []
    typo = wirewatch("search", "@putin-rus", "--db", str(db_path), "--config", str(config_dir))
    assert typo.returncode == 2 and "did you mean @putin-ru" in typo.stderr

    from wirewatch.settings import load_saved_queries

    result = attention_series(
        db_path, ["@putin-ru", "Путин"], by="week", saved=load_saved_queries(config_dir)
    )
    assert [s.query for s in result.series] == ["@putin-ru", "Путин"]
    assert [sum(s.stories) for s in result.series] == [1, 1]
    table = wirewatch(
        "attention", "@putin-ru", "--db", str(db_path), "--config", str(config_dir), "--format", "csv"
    )
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[1:] == ["2026-W47,@putin-ru,1"]
    # The same listings as every other command: --wide, a table aligned when piped.
    wide = wirewatch(
        "attention", "@putin-ru", "--db", str(db_path), "--config", str(config_dir), "--wide"
    )
    assert wide.returncode == 0, wide.stderr
    assert [line.split() for line in wide.stdout.splitlines()[::2]] == [
        ["period", "query", "stories"], ["2026-W47", "@putin-ru", "1"]
    ]


def test_a_run_killed_before_its_index_commit_is_caught_up_by_the_next(
    wire: DemoNewswire,
    tmp_path: Path,
    config_dir: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert ingest(wire, tmp_path, config_dir, db_path).status == "completed"
    removed, added = '"without giving details"', "microelectronics"
    assert len(search_json(db_path, removed)) == 1
    assert search_json(db_path, added) == []

    # Edition 2 updates one article in place and adds one; the run dies after the
    # warehouse committed them, before the index did.
    wire.set_edition(2)

    def killed(settings: Any, **kwargs: Any) -> Any:
        raise RuntimeError("killed before the index commit")

    monkeypatch.setattr(run, "index_articles", killed)
    with pytest.raises(RuntimeError, match="killed before the index commit"):
        ingest(wire, tmp_path, config_dir, db_path)
    monkeypatch.undo()
    drift = wirewatch("check", "--db", str(db_path))
    assert drift.returncode == 1
    assert "2 articles (1 missing, 1 stale, 0 extra)" in drift.stdout

    # The next run has nothing new to fetch, yet catches the index up.
    rerun = ingest(wire, tmp_path, config_dir, db_path)
    assert rerun.status == "completed" and rerun.articles_updated == 0
    check = wirewatch("check", "--db", str(db_path))
    assert check.returncode == 0, check.stdout
    assert "drift: 0 articles" in check.stdout
    assert search_json(db_path, removed) == []
    assert len(search_json(db_path, added)) == 1
    assert len(search_json(db_path, "lunar soil bricks")) == 1
