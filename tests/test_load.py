"""The load stage on a scratch warehouse: versions, URL variants, moved articles, meetings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from wirewatch import store, warehouse
from wirewatch.dedupe import StoryIndex
from wirewatch.models import Extracted, Meeting, PageResult

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
BODY = (
    "ALDWIN, Nov 19 -- The port authority of Aldwin opened a fourth container terminal on "
    "Thursday, raising the harbour's yearly capacity to two million boxes, officials said. "
)


def page(fetch_id: str, url: str, text: str, final_url: str | None = None) -> PageResult:
    paragraphs = (text, "Work on a fifth berth begins next spring, the authority added in a statement.")
    return PageResult(
        fetch_id=fetch_id,
        source="coast",
        url=url,
        final_url=final_url or url,
        fetched_at=NOW,
        extracted=Extracted(
            url=url, site="coast.example", title="Port opens terminal", text="\n\n".join(paragraphs),
            paragraphs=paragraphs, published=NOW,
        ),
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with warehouse.connect(db, read_only=True) as con:
        return con.execute(sql).fetchall()


def load_batch(db: Path, index: StoryIndex, batch: list[PageResult]) -> store.ArticleLoad:
    with warehouse.open_warehouse(db) as con, warehouse.transaction(con):
        return store.load_page_results(con, batch, index=index, now=NOW)


def test_variants_versions_and_moved_articles(db_path: Path) -> None:
    index = StoryIndex()
    first = load_batch(db_path, index, [page("f1", "http://coast.example/a1", BODY)])
    assert (first.new, first.stories_new) == (1, 1)
    # A new article and a URL variant (same text, same source) of the first one, in one batch.
    other = BODY.replace("fourth", "fifth").replace("two million", "three million")
    second = load_batch(
        db_path, index,
        [page("f2", "http://coast.example/b1", other), page("f3", "http://coast.example/a1-copy", BODY)],
    )
    assert (second.new, second.url_variants) == (1, 1)
    urls = dict(rows(db_path, "SELECT url, article_id FROM article_urls"))
    assert urls["http://coast.example/a1-copy"] == urls["http://coast.example/a1"]
    assert urls["http://coast.example/b1"] != urls["http://coast.example/a1"]
    # The first article updated under a new slug, its old URL redirecting there: a new version.
    moved = load_batch(
        db_path, index,
        [page("f4", "http://coast.example/a1", BODY + " Update.", final_url="http://coast.example/a1-updated")],
    )
    assert (moved.new, moved.updated) == (0, 1)
    assert rows(db_path, "SELECT count(*), max(version) FROM articles") == [(2, 2)]


def test_a_meeting_no_article_reports_any_more_goes_unless_alerted(db_path: Path) -> None:
    load_batch(db_path, StoryIndex(), [page("f1", "http://coast.example/a1", BODY)])
    (aid, story), = rows(db_path, "SELECT article_id, story_id FROM articles")

    def detect(version: int, day: int) -> list[str]:
        meeting = Meeting(countries=("BY", "CN"), kind="in_person", event_date=date(2026, 11, day), confidence=0.9)
        found = store.Detection(aid, version, story, NOW, (meeting,), ("BY", "CN"))
        with warehouse.open_warehouse(db_path) as con, warehouse.transaction(con):
            return store.store_detections(con, [found], now=NOW)

    detect(1, 18)
    detect(2, 17)  # the corrected date replaces the wrong one
    assert rows(db_path, "SELECT event_date FROM meetings") == [(date(2026, 11, 17),)]
    with warehouse.open_warehouse(db_path) as con:
        con.execute(
            "INSERT INTO alerts (alert_id, meeting_id, channel, status, attempts, created_at) "
            "SELECT 'x', meeting_id, 'file', 'sent', 1, ? FROM meetings", [NOW],
        )
    detect(3, 16)  # the alerted meeting stays on record
    assert rows(db_path, "SELECT event_date FROM meetings ORDER BY 1") == [
        (date(2026, 11, 16),), (date(2026, 11, 17),)
    ]


def test_each_story_gets_one_event_and_keeps_it(db_path: Path) -> None:
    index = StoryIndex()

    def load(batch: list[PageResult]) -> int:
        with warehouse.open_warehouse(db_path) as con, warehouse.transaction(con):
            store.load_page_results(con, batch, index=index, now=NOW)
            return store.assign_events(con)

    assert load([page("f1", "http://coast.example/a1", BODY)]) == 1
    first = rows(db_path, "SELECT story_id, event_id FROM story_events")
    weather = (
        "HELM, Nov 19 -- Heavy snow closed the mountain pass above Helm for a second day on "
        "Thursday, and the road service said ploughs would not reach the summit before Saturday."
    )
    snow = page("f2", "http://coast.example/w1", weather)
    assert snow.extracted is not None
    snow = replace(
        snow,
        extracted=replace(snow.extracted, title="Snow closes pass", text=weather, paragraphs=(weather,)),
    )
    assert load([snow]) == 1
    assert load([]) == 0  # every story has its event: nothing to do, nothing changes
    events = rows(db_path, "SELECT story_id, event_id FROM story_events ORDER BY event_id")
    assert set(first) <= set(events) and len({e for _, e in events}) == 2
    assert set(rows(db_path, "SELECT story_id, event_id FROM story_coverage")) == set(events)


def test_an_article_answering_304_after_its_listing_moved_is_not_asked_again(db_path: Path) -> None:
    # The listing's <updated> moved, the page answered 304: it did not change. The next
    # run must not ask again while the listing keeps that date (the soak found one
    # conditional GET a run for every such page while it was listed).
    from wirewatch.fetch import changed_since
    from wirewatch.models import Candidate, FetchRecord

    url = "http://coast.example/news/1.html"
    first, moved = NOW, datetime(2026, 11, 21, 9, tzinfo=UTC)

    def record(outcome: str, status: int, etag: str | None) -> FetchRecord:
        return FetchRecord(
            fetch_id=f"f-{outcome}", source="coast", url=url, requested_at=NOW, outcome=outcome,
            status_code=status, etag=etag, kind="article",
        )  # fmt: skip

    with warehouse.open_warehouse(db_path) as con:
        store.record_fetches(con, "r1", [record("ok", 200, '"v1"')], source_updated={url: first})
        store.record_fetches(
            con, "r2", [record("not_modified", 304, None)], source_updated={url: moved}
        )
        known = store.read_known_urls(con, ["coast"])[url]
    assert (known.etag, known.loaded) == ('"v1"', True)  # validators kept
    listed = Candidate(url=url, source="coast", via="feed", updated=moved)
    assert not changed_since(listed, known)


def test_summaries_follow_loads_updates_and_detections(db_path: Path) -> None:
    """An update that moves an article to another day, week and month, and detection that
    changes its countries, leave the summaries equal to a recomputation (and the trends too)."""
    late = page("f1", "http://coast.example/a1", BODY)
    assert late.extracted is not None
    late = replace(late, extracted=replace(late.extracted, published=datetime(2026, 10, 31, 23, 50, tzinfo=UTC)))
    other = BODY.replace("fourth", "fifth").replace("two million", "three million")
    load_batch(db_path, StoryIndex(), [late, page("f2", "http://coast.example/b1", other)])
    ids = dict(rows(db_path, "SELECT url, article_id FROM articles"))
    aid, story = rows(db_path, f"SELECT article_id, story_id FROM articles WHERE article_id = '{ids['http://coast.example/a1']}'")[0]

    def detect(version: int, countries: tuple[str, ...]) -> None:
        found = store.Detection(aid, version, story, NOW, (), countries)
        with warehouse.open_warehouse(db_path) as con, warehouse.transaction(con):
            store.store_detections(con, [found], now=NOW)

    def summaries() -> list[tuple[object, ...]]:
        return rows(db_path, "SELECT unit, period, stories FROM summary_stories ORDER BY 1, 2")

    detect(1, ("BY", "CN"))
    assert store.summary_drift(db_path) == dict.fromkeys(
        ("summary_stories", "summary_country_days", "summary_agency_country_days"), 0
    )
    assert ("month", date(2026, 10, 1), 1) in summaries()
    # Version 2 is dated a day later: 1 November, another month (and still the same ISO week).
    moved = page("f3", "http://coast.example/a1", BODY + " The terminal was opened on Saturday.")
    assert moved.extracted is not None
    moved = replace(moved, extracted=replace(moved.extracted, published=datetime(2026, 11, 1, 0, 10, tzinfo=UTC)))
    assert load_batch(db_path, StoryIndex(), [moved]).updated == 1
    detect(2, ("CN",))
    assert store.summary_drift(db_path) == dict.fromkeys(
        ("summary_stories", "summary_country_days", "summary_agency_country_days"), 0
    )
    assert ("month", date(2026, 10, 1), 1) not in summaries()
    assert rows(db_path, "SELECT day, country, articles FROM summary_country_days") == [(date(2026, 11, 1), "CN", 1)]
