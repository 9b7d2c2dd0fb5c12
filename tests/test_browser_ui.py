"""The web page in a real browser, served by `wirewatch ui` in its own process.

One demo warehouse for the module (the real flow over the loopback newswire).
The last test runs the flow again while the page is being asked for.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PIL import Image, ImageStat

from wirewatch.demo import article_path, default_root, load_expected

pytestmark = [pytest.mark.browser]

EXPECTED = load_expected(default_root() / "expected.yaml")


@pytest.fixture(scope="module")
def ui(demo_desk: Any) -> Iterator[str]:
    """`wirewatch ui --port 0` over the module's warehouse; yields its address."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "ui", "--port", "0", "--db", str(demo_desk.db),
         "--config", str(demo_desk.config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("wirewatch ui: http://127.0.0.1:"), line + process.stderr.read()
        yield line.split()[2].rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _query(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _syndicated_story(demo_desk: Any) -> tuple[str, int]:
    """The syndicated demo story's id and how many copies it has (original and copies)."""
    wire = demo_desk.wire
    site_key, slug = EXPECTED.syndicated.original.split("/", 1)
    site = wire.content.site(site_key)
    article = next(a for a in wire.content.articles if a.site == site_key and a.slug == slug)
    url = wire.base_urls[site_key] + article_path(site, article)
    ((story_id,),) = _query(
        demo_desk.db,
        "SELECT a.story_id FROM article_urls u JOIN articles a USING (article_id) WHERE u.url = ?",
        [url],
    )
    return story_id, 1 + len(EXPECTED.syndicated.copies)


def _arrived(browser: Any, marker: str) -> None:
    """Wait until the form's answer has loaded (elements of the old page go stale)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(
        lambda d: marker in d.current_url
        and d.execute_script("return document.readyState") == "complete"
    )


def _not_blank(browser: Any) -> None:
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("L")
    stats = ImageStat.Stat(shot)
    assert stats.stddev[0] > 20, (browser.current_url, stats.stddev)


def test_search_finds_the_syndicated_story_once_with_its_copies(
    browser: Any, ui: str, demo_desk: Any
) -> None:
    from selenium.webdriver.common.by import By

    story_id, copies = _syndicated_story(demo_desk)
    browser.get(ui + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys('"all-weather" OR "new level"')
    box.submit()
    _arrived(browser, "q=")
    found = [
        item for item in browser.find_elements(By.CSS_SELECTOR, "#results li.story")
        if item.find_element(By.CSS_SELECTOR, "a.story-link").get_attribute("href").endswith(
            f"/story/{story_id}"
        )
    ]
    assert len(found) == 1  # once, however many of its copies matched
    assert len(found[0].find_elements(By.CSS_SELECTOR, "li.copy-line")) == copies
    assert found[0].find_elements(By.CSS_SELECTOR, ".snippet mark")  # where it matched
    _not_blank(browser)


def test_the_story_page_shows_every_copy_side_by_side(
    browser: Any, ui: str, demo_desk: Any
) -> None:
    from selenium.webdriver.common.by import By

    story_id, copies = _syndicated_story(demo_desk)
    browser.get(f"{ui}/story/{story_id}")
    columns = browser.find_elements(By.CSS_SELECTOR, "#copies article.copy")
    assert len(columns) == copies
    tops = {column.rect["y"] for column in columns}
    lefts = [column.rect["x"] for column in columns]
    assert len(tops) == 1 and lefts == sorted(lefts) and len(set(lefts)) == copies  # a row
    # The republished copies were trimmed and retitled: each shows what it cut or added.
    for column in columns[1:]:
        assert column.find_elements(By.CSS_SELECTOR, "ins, del")
    _not_blank(browser)


def test_the_meeting_filter_by_pair_lists_that_pair_only(
    browser: Any, ui: str, demo_desk: Any
) -> None:
    from selenium.webdriver.common.by import By

    ((pair, meetings), *_) = _query(
        demo_desk.db,
        "SELECT country_a || '-' || country_b AS pair, count(*) AS n FROM meetings "
        "GROUP BY ALL ORDER BY n DESC, pair",
    )
    (total,) = _query(demo_desk.db, "SELECT count(*) FROM meetings")[0]
    assert meetings < total  # the filter has something to leave out
    browser.get(f"{ui}/meetings")
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr.meeting-row")) == total
    field = browser.find_element(By.NAME, "pair")
    a, b = pair.split("-")
    field.send_keys(f"{b}-{a}".lower())  # either order, any case
    field.submit()
    _arrived(browser, "pair=")
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.meeting-row")
    assert [row.find_element(By.CSS_SELECTOR, "td.pair").text for row in rows] == [pair] * meetings
    assert all(row.find_elements(By.CSS_SELECTOR, "ul.copies a") for row in rows)  # its reports
    _not_blank(browser)


@pytest.mark.parametrize("path", ["/", "/meetings", "/alerts", "/queries"])
def test_each_page_answers_and_is_not_blank(browser: Any, ui: str, path: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(ui + path)
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert "Cannot answer" not in browser.title
    _not_blank(browser)


def test_attention_draws_a_saved_and_a_literal_query_side_by_side(browser: Any, ui: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(ui + "/queries")
    assert "@belarus-china" in browser.find_element(By.ID, "saved").text
    browser.get(ui + "/attention?q=%40belarus-china&q=Russia&by=day")
    legend = browser.execute_script(
        "return Array.from(document.querySelectorAll('#chart-attention .legendtext'))"
        ".map(function (t) { return t.textContent; });"
    )
    assert legend == ["@belarus-china", "Russia"]
    assert browser.find_elements(By.CSS_SELECTOR, "#chart-attention .trace .point")
    _not_blank(browser)


def test_the_page_keeps_answering_while_a_run_writes(ui: str, demo_desk: Any) -> None:
    answers: list[tuple[float, int]] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            for path in ("/", "/meetings", "/alerts"):
                try:
                    with urllib.request.urlopen(ui + path, timeout=30) as response:
                        answers.append((time.monotonic(), response.status))
                except urllib.error.HTTPError as exc:  # 503 while a write holds the file
                    answers.append((time.monotonic(), exc.code))
                    assert "busy" in exc.read().decode("utf-8")

    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    demo_desk.wire.set_edition(2)  # one article updated in place: the run has something to write
    started = time.monotonic()
    summary = demo_desk.ingest()
    finished = time.monotonic()
    stop.set()
    asker.join(timeout=60)
    assert summary.status == "completed"
    assert summary.articles_updated == 1
    during = [status for moment, status in answers if started <= moment <= finished]
    assert set(status for _, status in answers) <= {200, 503}
    assert during.count(200) >= 3, answers
