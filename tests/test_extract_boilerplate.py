"""Boilerplate learned per host: learning rule, safety for news, persistence."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from wirewatch.extract import BoilerplateModel, extract_document
from wirewatch.extract.boilerplate import MIN_HOST_PAGES, line_key

MIGRATION = Path(__file__).parent.parent / "warehouse" / "migrations" / "002_site_templates.sql"
HOST = "news.example.org"
FOOTER = "Our newsroom is open around the clock: call the duty editor"
PROMPT = "Tap the bell to get alerts for this topic"


def story(n: int) -> list[str]:
    """Distinct news paragraphs for page n, framed by the host's furniture."""
    return [
        f"Officials in district {n} opened a new water treatment plant on day {n}, the city said.",
        f"The plant will serve about {n * 1000 + 17} households once the pipes are connected in stage {n}.",
        "he said.",
        PROMPT,
        FOOTER,
    ]


def trained(pages: int = 12) -> BoilerplateModel:
    model = BoilerplateModel()
    for n in range(pages):
        model.observe(HOST, story(n))
    return model


def test_recurring_lines_become_template() -> None:
    model = trained()
    assert model.is_boilerplate(HOST, FOOTER)
    assert model.is_boilerplate(HOST, PROMPT)
    assert model.is_boilerplate(
        HOST.upper(), "  " + FOOTER.upper() + " "
    )  # case and spacing folded
    assert not model.is_boilerplate(HOST, story(3)[0])
    assert not model.is_boilerplate("other.example.org", FOOTER)
    assert not model.is_boilerplate(None, FOOTER)
    assert model.pages(HOST) == 12
    assert FOOTER in model.template(HOST)


def test_too_few_pages_learn_nothing() -> None:
    model = trained(MIN_HOST_PAGES - 1)
    assert not model.is_boilerplate(HOST, FOOTER)


def test_a_repeated_news_paragraph_is_not_learned() -> None:
    # Three updates of one story repeat a background paragraph, among many other pages.
    background = (
        "The dam, built in the 1960s, supplies water to three provinces and has been "
        "under repair since a flood damaged its spillway two years ago, officials said."
    )
    model = BoilerplateModel()
    for n in range(30):
        lines = story(n)[:2]
        if n in (4, 5, 6):
            lines.append(background)
        model.observe(HOST, lines)
    assert not model.is_boilerplate(HOST, background)


def test_a_long_recurring_line_needs_a_higher_share() -> None:
    long_line = "A long recurring paragraph " + "x" * 250
    model = BoilerplateModel()
    for n in range(20):
        model.observe(HOST, story(n)[:2] + ([long_line] if n % 2 == 0 else []))
    assert not model.is_boilerplate(HOST, long_line)  # 50% < 60%
    for n in range(20, 30):
        model.observe(HOST, story(n)[:2] + [long_line])
    assert model.is_boilerplate(HOST, long_line)  # 20/30


def test_a_page_observed_twice_counts_once() -> None:
    model = BoilerplateModel()
    for _version in range(12):
        model.observe(
            HOST,
            ["Background paragraph of a running story, updated again."],
            page=f"https://{HOST}/a/1",
        )
    for n in range(12):
        model.observe(HOST, story(n)[:2], page=f"https://{HOST}/b/{n}")
    assert model.pages(HOST) == 13
    assert not model.is_boilerplate(HOST, "Background paragraph of a running story, updated again.")


def test_lines_repeated_within_one_page_count_once() -> None:
    model = BoilerplateModel()
    for n in range(10):
        model.observe(HOST, story(n)[:2] + (["Repeated on one page"] * 5 if n == 0 else []))
    assert not model.is_boilerplate(HOST, "Repeated on one page")


def test_template_is_sticky_once_learned() -> None:
    model = trained(10)
    assert model.is_boilerplate(HOST, FOOTER)
    # later pages no longer show the footer to observe (it is dropped before)
    for n in range(10, 60):
        model.observe(HOST, story(n)[:2])
    assert model.is_boilerplate(HOST, FOOTER)
    model.forget(HOST)
    assert not model.is_boilerplate(HOST, FOOTER)


def test_learned_template_is_dropped_from_extraction() -> None:
    model = trained()
    body = "".join(f"<p>{line}</p>" for line in story(99))
    page = f"<html><body><article><h1>Water plant opens</h1>{body}</article></body></html>".encode()
    without = extract_document(page, f"https://{HOST}/a/99")
    assert FOOTER in without.text
    with_model = extract_document(page, f"https://{HOST}/a/99", boilerplate=model)
    assert FOOTER not in with_model.text and PROMPT not in with_model.text
    assert "water treatment plant" in with_model.text


def test_rows_round_trip_and_pickle() -> None:
    model = trained()
    rows = model.to_rows()
    assert {r["line_hash"] for r in rows} >= {"", line_key(FOOTER)}
    host_row = next(r for r in rows if r["line_hash"] == "")
    assert host_row["pages"] == 12
    again = BoilerplateModel.from_rows(rows)
    assert again == model
    assert again.is_boilerplate(HOST, FOOTER)
    assert pickle.loads(pickle.dumps(model)) == model


def test_rows_fit_the_warehouse_table() -> None:
    model = trained()
    con = duckdb.connect(":memory:")
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    columns = ["host", "line_hash", "line", "pages", "is_template", "last_seen_at"]
    con.executemany(
        f"INSERT INTO site_templates ({', '.join(columns)}) VALUES (?, ?, ?, ?, ?, ?)",
        [[row[c] for c in columns] for row in model.to_rows()],
    )
    fetched = con.execute(f"SELECT {', '.join(columns)} FROM site_templates").fetchall()
    loaded = BoilerplateModel.from_rows(dict(zip(columns, row, strict=True)) for row in fetched)
    assert loaded.is_boilerplate(HOST, FOOTER)
    assert loaded.pages(HOST) == 12
    assert not loaded.is_boilerplate(HOST, story(1)[0])
    con.close()


def test_observe_timestamps_are_timezone_aware() -> None:
    model = BoilerplateModel()
    when = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
    model.observe(HOST, ["A line worth counting"], now=when)
    assert all(r["last_seen_at"] == when for r in model.to_rows())


def test_subset_keeps_only_the_named_hosts() -> None:
    model = trained()
    model.observe("other.example.org", ["Some other line"])
    part = model.subset([HOST])
    assert part.hosts == [HOST]
    assert part.is_boilerplate(HOST, FOOTER)
    assert model.subset(["missing.example"]).hosts == []


def test_host_spellings_share_one_template() -> None:
    model = BoilerplateModel()
    for n in range(12):
        model.observe("WWW.News.Example.org:443", story(n))
    assert model.is_boilerplate("news.example.org", FOOTER)
    assert model.is_boilerplate("www.news.example.org", FOOTER)


def test_static_patterns_spare_news_sentences() -> None:
    from wirewatch.extract.boilerplate import is_static_boilerplate

    for line in (
        "Print media in the region has declined.",
        "Subscribers to the service rose by a tenth.",
        "Sources said the talks would resume next week.",
        "More from the ministry came later.",
        "Home prices rose for a third month.",
        "Reuters reported the same on Monday.",
    ):
        assert not is_static_boilerplate(line), line
    for line in (
        "Share this article: Facebook | Twitter | WeChat",
        "Copyright 2024 Example News. All rights reserved.",
        "(END)",
        "Subscribe to our newsletter",
        "(With input from Reuters)",
        "Читайте также",
        "京ICP证010042号",
    ):
        assert is_static_boilerplate(line), line
