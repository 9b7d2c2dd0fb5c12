"""The report in a real browser: charts drawn, every alert listed, scraped markup shown as text.

One demo warehouse for the module (the real flow over the loopback newswire),
with one headline replaced by markup that would run script if it were not
escaped, and one report written from it; headless Chromium opens the file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from PIL import Image, ImageStat

from wirewatch.desk import build_report

pytestmark = [pytest.mark.browser]

HOSTILE = (
    '</script><script>window.__pwned = 1; alert("x")</script>'
    '<img src="x" onerror="window.__pwned = 2"> Leaders meet <b>again</b>'
)


@pytest.fixture(scope="module")
def report(demo_desk: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    con = duckdb.connect(str(demo_desk.db))
    try:
        # The headline of the most widely carried alerted meeting's best copy, and of its story.
        (article_id, story_id) = con.execute(
            "SELECT m.best_article_id, a.story_id FROM meetings m JOIN articles a "
            "ON a.article_id = m.best_article_id JOIN stories s ON s.story_id = a.story_id "
            "JOIN alerts USING (meeting_id) ORDER BY s.source_count DESC, m.event_date LIMIT 1"
        ).fetchone()
        con.execute("UPDATE articles SET title = ? WHERE article_id = ?", [HOSTILE, article_id])
        con.execute("UPDATE stories SET title = ? WHERE story_id = ?", [HOSTILE, story_id])
    finally:
        con.close()
    out = tmp_path_factory.mktemp("report") / "report.html"
    build_report(demo_desk.db, out)
    yield out


@pytest.fixture(scope="module")
def opened(browser: Any, report: Path) -> Any:
    browser.get(report.as_uri())
    return browser


def _alerted_meetings(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT m.country_a || '-' || m.country_b, CAST(m.event_date AS VARCHAR) "
            "FROM alerts JOIN meetings m USING (meeting_id)"
        ).fetchall()
    finally:
        con.close()
    return sorted(rows)


def test_every_chart_is_drawn(opened: Any) -> None:
    drawn = opened.execute_script(
        "return Array.from(document.querySelectorAll('div.chart')).map(function (d) {"
        "  return [d.id, d.querySelectorAll('svg.main-svg .trace, svg.main-svg .hm').length,"
        "          d.querySelectorAll('svg.main-svg .point, svg.main-svg image').length]; });"
    )
    names = {name for name, _, _ in drawn}
    assert {"chart-timeline", "chart-matrix", "chart-mentions", "chart-agencies", "chart-lags"} <= names
    # Every chart has its series drawn; the dots, bars and grid cells are there.
    assert all(traces > 0 for _, traces, _ in drawn), drawn
    assert all(marks > 0 for name, _, marks in drawn if name != "chart-lags"), drawn


def test_every_alert_is_listed_with_its_delivery_state(opened: Any, demo_desk: Any) -> None:
    from selenium.webdriver.common.by import By

    rows = opened.find_elements(By.CSS_SELECTOR, "#alerts tr.alert-row")
    listed = sorted(
        (row.find_elements(By.TAG_NAME, "td")[1].text, row.find_elements(By.TAG_NAME, "td")[3].text)
        for row in rows
    )
    assert listed == _alerted_meetings(demo_desk.db)
    assert all("file: sent" in row.text for row in rows)


def test_a_headline_with_markup_is_shown_as_text_and_runs_nothing(opened: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    with pytest.raises(NoAlertPresentException):
        opened.switch_to.alert  # noqa: B018 - reading it is the check
    assert opened.execute_script("return window.__pwned === undefined")
    assert HOSTILE.strip() in opened.find_element(By.ID, "alerts").text
    assert HOSTILE.strip() in opened.find_element(By.ID, "stories").text
    # The page did not lose its later sections to a script element closed early.
    assert opened.find_element(By.ID, "first").is_displayed()


def test_the_page_is_not_blank(opened: Any, tmp_path: Path) -> None:
    shot = Image.open(io.BytesIO(opened.get_screenshot_as_png())).convert("L")
    stats = ImageStat.Stat(shot)
    assert shot.size[0] >= 1000
    assert stats.stddev[0] > 20, stats.stddev  # a blank or single-colour page is near 0
    assert len(shot.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50


def test_the_report_loads_nothing_from_elsewhere(opened: Any, report: Path) -> None:
    loaded = opened.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });"
    )
    assert [name for name in loaded if not name.startswith(("file:", "data:", "blob:"))] == []
    assert opened.execute_script("return typeof Plotly") == "object"  # embedded, not fetched
