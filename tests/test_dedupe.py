"""Dedupe: canonical URLs, content hashes, story assignment, persistence and reruns."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.dedupe import (
    DedupeItem,
    StoryIndex,
    canonical_url,
    content_sha256,
    dedupe_items,
)
from wirewatch.dedupe.text import facts_of, similarity_text
from wirewatch.dedupe.tuning import MINHASH_BINS
from wirewatch.errors import UsageError
from wirewatch.ids import event_id_for

REPO = Path(__file__).resolve().parents[1]
ARTICLES: dict[str, Any] = yaml.safe_load(
    (REPO / "tests" / "data" / "dedupe" / "articles.yaml").read_text(encoding="utf-8")
)


def article(key: str, **changes: Any) -> DedupeItem:
    """A fixture article as the agency's original, with fields overridden by ``changes``."""
    data = ARTICLES[key]
    published = data["published"]
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    fields: dict[str, Any] = {
        "id": key,
        "url": f"https://www.agency.example.com/world/{key}.html",
        "title": key.replace("_", " "),
        "text": data["text"],
        "published_at": published,
        "source": "agency",
    }
    fields.update(changes)
    return DedupeItem(**fields)


def syndicated(key: str, new_id: str, *, keep: int, hours: float = 3) -> DedupeItem:
    """A partner site's copy: other headline, photo credit, a local first sentence,
    the dateline shortened, the end trimmed to ``keep`` paragraphs and a footer."""
    base = article(key)
    paras = base.text.split("\n")[:keep]
    paras[0] = paras[0].split("-- ", 1)[1]
    city = base.text.split(",", 1)[0]
    body = [
        "Readers in our region have been waiting for the outcome of these talks for months.",
        "[Photo/Agencies]",
        f"{city} - {paras[0]}",
        *paras[1:],
        "Copyright 2026 Riverside Gazette. All rights reserved.",
        "Follow us for more world news",
    ]
    assert base.published_at is not None
    return DedupeItem(
        id=new_id,
        url=f"https://m.riverside-gazette.example.org/news/{new_id}/?utm_source=feed",
        title="What the neighbours agreed - Riverside Gazette",
        text="\n".join(body),
        published_at=base.published_at + timedelta(hours=hours),
        source="riverside",
    )


# --- canonical URLs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.COM:80/News/a.html", "https://example.com/News/a.html"),
        ("https://m.example.com/news/a.html#comments", "https://example.com/news/a.html"),
        ("https://amp.example.com/news/a.html", "https://example.com/news/a.html"),
        ("https://example.com/news/a/amp/", "https://example.com/news/a"),
        ("https://example.com/amp/news/a", "https://example.com/news/a"),
        ("https://example.com/news/a.amp.html", "https://example.com/news/a.html"),
        ("https://example.com:443/news/a/", "https://example.com/news/a"),
        ("https://example.com:8080/news/a", "https://example.com:8080/news/a"),
        (
            "https://example.com/a?utm_source=x&utm_medium=y&fbclid=z&spm=1.2&ga_id=3&id=7",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a%7Eb", "https://example.com/a~b"),
        ("https://example.com", "https://example.com/"),
        ("https://Example.com./x", "https://example.com/x"),
    ],
)
def test_canonical_url_variants(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_prefers_same_site_page_canonical() -> None:
    url = "https://m.daily.example.com.cn/a/202512/15/WS1.html?from=timeline"
    assert (
        canonical_url(url, page_canonical="//www.daily.example.com.cn/a/202512/15/WS1.html")
        == "https://daily.example.com.cn/a/202512/15/WS1.html"
    )
    # Relative canonical, resolved against the page URL.
    assert canonical_url("https://news.example.com/x/1?ref=rss", page_canonical="/story/1") == (
        "https://news.example.com/story/1"
    )


@pytest.mark.parametrize(
    "declared",
    [
        "https://other-site.example.net/a",
        "https://news.example.com/",
        "mailto:desk@example.com",
        "",
    ],
)
def test_canonical_url_ignores_foreign_home_or_broken_canonical(declared: str) -> None:
    assert canonical_url("https://news.example.com/a/1", page_canonical=declared) == (
        "https://news.example.com/a/1"
    )


@pytest.mark.parametrize("url", ["", "   ", "not a url", "ftp://example.com/a", "https:///nohost"])
def test_canonical_url_rejects_non_http_urls(url: str) -> None:
    with pytest.raises(UsageError):
        canonical_url(url)


_url_parts = st.builds(
    lambda host, path, query, frag: f"https://{host}/{path}{query}{frag}",
    st.sampled_from(
        ["www.Example.com", "m.example.com", "example.com:443", "amp.news.example.org"]
    ),
    st.lists(st.sampled_from(["news", "2025", "a.html", "amp", "x y", "%7E"]), max_size=4).map(
        "/".join
    ),
    st.sampled_from(["", "?utm_source=a", "?b=1&a=2", "?fbclid=x&id=3", "?q=%20"]),
    st.sampled_from(["", "#top", "#"]),
)


@settings(max_examples=200, deadline=None)
@given(_url_parts)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


# --- content hash ----------------------------------------------------------------


def test_content_hash_ignores_case_and_whitespace_only() -> None:
    text = ARTICLES["unrelated"]["text"]
    reformatted = "  " + text.upper().replace("\n", "\n\n   ").replace(" ", "  ") + "\n"
    assert content_sha256(reformatted) == content_sha256(text)
    assert content_sha256(text.replace("2.5 million", "2.4 million")) != content_sha256(text)
    assert len(content_sha256(text)) == 64


# --- story assignment ------------------------------------------------------------


def test_exact_copy_and_url_variant_are_duplicates_of_the_first() -> None:
    original = article("talks_dec")
    repost = article(
        "talks_dec",
        id="repost",
        url="https://www.partner.example.net/world/repost.html",
        text=original.text.replace("\n", "\n\n").upper(),
        source="partner",
        published_at=datetime(2025, 12, 15, 12, tzinfo=UTC),
    )
    variant = article(
        "talks_dec",
        id="variant",
        url="http://m.agency.example.com/world/talks_dec.html?utm_campaign=x#top",
        published_at=datetime(2025, 12, 15, 13, tzinfo=UTC),
    )
    decisions = dedupe_items([original, repost, variant])
    assert [d.story_id for d in decisions] == ["talks_dec"] * 3
    assert [d.duplicate_of for d in decisions] == [None, "talks_dec", "talks_dec"]
    assert [d.new_story for d in decisions] == [True, False, False]
    assert decisions[2].canonical_url == decisions[0].canonical_url


def test_updated_version_at_the_same_url_stays_one_article() -> None:
    original = article("talks_dec")
    corrected = article(
        "talks_dec",
        id="talks_dec_v2",
        text=original.text.replace("4.2 billion", "4.3 billion")
        + "\nThis story has been corrected to show the trade figure.",
        published_at=datetime(2025, 12, 15, 15, tzinfo=UTC),
    )
    first, second = dedupe_items([original, corrected])
    assert second.story_id == first.story_id == "talks_dec"
    assert second.duplicate_of == "talks_dec"
    assert second.content_sha256 != first.content_sha256


def test_syndicated_copy_with_new_headline_footer_intro_and_trim_joins_the_story() -> None:
    items = [
        article("talks_dec"),
        article("unrelated"),
        syndicated("talks_dec", "copy-long", keep=5),
        syndicated("talks_dec", "copy-short", keep=2, hours=20),
    ]
    decisions = {d.id: d for d in dedupe_items(items)}
    assert decisions["copy-long"].story_id == "talks_dec"
    assert decisions["copy-short"].story_id == "talks_dec"
    assert decisions["copy-long"].duplicate_of is None  # a near-duplicate, not the same article
    assert decisions["unrelated"].story_id == "unrelated"


def test_same_leaders_meeting_again_two_months_later_is_another_story() -> None:
    decisions = dedupe_items([article("talks_dec"), article("talks_feb")])
    assert [d.story_id for d in decisions] == ["talks_dec", "talks_feb"]
    assert all(d.new_story for d in decisions)


def test_same_leaders_months_apart_stay_apart_even_without_dates_in_the_metadata() -> None:
    items = [article("talks_dec", published_at=None), article("talks_feb", published_at=None)]
    assert [d.story_id for d in dedupe_items(items)] == ["talks_dec", "talks_feb"]


def test_briefings_on_consecutive_days_are_separate_stories() -> None:
    items = [
        article("briefing_tue"),
        article("briefing_wed"),
        syndicated("briefing_tue", "tue-copy", keep=3, hours=2),
        syndicated("briefing_wed", "wed-copy", keep=2, hours=1),
    ]
    decisions = {d.id: d.story_id for d in dedupe_items(items)}
    assert decisions == {
        "briefing_tue": "briefing_tue",
        "briefing_wed": "briefing_wed",
        "tue-copy": "briefing_tue",
        "wed-copy": "briefing_wed",
    }


def test_stories_are_named_after_their_earliest_article_whatever_the_input_order() -> None:
    copy = syndicated("talks_dec", "copy", keep=4)
    decisions = dedupe_items([copy, article("talks_dec")])
    assert [d.story_id for d in decisions] == ["talks_dec", "talks_dec"]
    assert [d.id for d in decisions] == ["copy", "talks_dec"]  # input order kept


def test_short_texts_are_not_exact_copies_of_each_other() -> None:
    items = [
        article("unrelated", id="a", url="https://a.example.com/1", text="Photo gallery"),
        article("unrelated", id="b", url="https://b.example.com/2", text="Photo gallery"),
    ]
    decisions = dedupe_items(items)
    assert [d.story_id for d in decisions] == ["a", "b"]
    assert decisions[1].duplicate_of is None


def test_items_without_url_are_matched_on_text_only() -> None:
    items = [
        article("talks_dec", url=""),
        article("talks_feb", url=""),
        article("unrelated", url=""),
    ]
    decisions = dedupe_items(items)
    assert [d.story_id for d in decisions] == ["talks_dec", "talks_feb", "unrelated"]
    assert all(d.canonical_url == "" for d in decisions)


# --- determinism, persistence and reruns --------------------------------------------


def _batch() -> list[DedupeItem]:
    return [
        article("talks_dec"),
        article("unrelated"),
        syndicated("talks_dec", "copy-1", keep=4),
        article("briefing_tue"),
        syndicated("briefing_tue", "copy-2", keep=2),
        article("talks_feb"),
    ]


def test_same_items_give_the_same_decisions() -> None:
    assert dedupe_items(_batch()) == dedupe_items(_batch())


def test_known_ids_get_their_story_back() -> None:
    index = StoryIndex()
    first = index.assign(_batch())
    again = index.assign(list(reversed(_batch())))
    assert {d.id: d.story_id for d in again} == {d.id: d.story_id for d in first}
    assert not any(d.new_story for d in again)
    assert len(index) == len(_batch())


def _through_duckdb(
    rows: list[dict[str, Any]], earlier: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Store rows in the story_index table of migration 003 and read them all back."""
    con = duckdb.connect()
    con.execute((REPO / "warehouse" / "migrations" / "003_story_index.sql").read_text())
    for batch in (earlier or [], rows):
        if not batch:
            continue
        cols = ", ".join(batch[0])
        con.register("batch", pa.Table.from_pylist(batch))
        con.execute(f"INSERT OR REPLACE INTO story_index ({cols}) SELECT {cols} FROM batch")
        con.unregister("batch")
    cur = con.execute("SELECT * FROM story_index")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def test_rows_round_trip_through_the_story_index_table() -> None:
    index = StoryIndex()
    decisions = index.assign(_batch())
    rows = index.to_rows()
    assert len(rows) == len(_batch())
    assert StoryIndex.from_rows(rows).to_rows(only_new=False) == sorted(
        rows, key=lambda r: (r["published_at"], r["article_id"])
    )
    loaded = StoryIndex.from_rows(_through_duckdb(rows))
    assert loaded.to_rows(only_new=True) == []
    rerun = loaded.assign(_batch())
    assert [d.story_id for d in rerun] == [d.story_id for d in decisions]
    assert [d.duplicate_of for d in rerun] == [d.duplicate_of for d in decisions]


def test_copy_arriving_in_a_later_run_joins_the_existing_story() -> None:
    run1 = StoryIndex()
    run1.assign([article("talks_dec"), article("unrelated"), article("briefing_tue")])
    stored = _through_duckdb(run1.to_rows())

    run2 = StoryIndex.from_rows(stored)
    late = [
        syndicated("talks_dec", "late-copy", keep=3, hours=30),
        syndicated("briefing_tue", "late-briefing-copy", keep=2, hours=26),
        article(
            "talks_dec", id="late-variant", url="https://agency.example.com/world/talks_dec.html/"
        ),
        article("talks_feb"),
    ]
    decisions = {d.id: d for d in run2.assign(late)}
    assert decisions["late-copy"].story_id == "talks_dec"
    assert not decisions["late-copy"].new_story
    assert decisions["late-briefing-copy"].story_id == "briefing_tue"
    assert decisions["late-variant"].duplicate_of == "talks_dec"
    assert decisions["talks_feb"].story_id == "talks_feb" and decisions["talks_feb"].new_story
    new_rows = run2.to_rows()
    assert sorted(r["article_id"] for r in new_rows) == sorted(d.id for d in late)

    # A third run over the union converges on the same stories.
    run3 = StoryIndex.from_rows(_through_duckdb(new_rows, earlier=run1.to_rows()))
    assert {d.id: d.story_id for d in run3.assign(late)} == {
        k: v.story_id for k, v in decisions.items()
    }


def test_rows_of_another_sketch_version_keep_identity_but_not_similarity() -> None:
    index = StoryIndex()
    index.assign([article("talks_dec")])
    rows = [{**r, "sketch_version": -1} for r in index.to_rows()]
    loaded = StoryIndex.from_rows(rows)
    same_url = article("talks_dec", id="again", text=article("talks_dec").text + "\nUpdated.")
    copy = syndicated("talks_dec", "copy", keep=4)
    (copy_decision,) = loaded.assign([copy])
    assert copy_decision.new_story  # no sketch to compare with
    (again,) = loaded.assign([same_url])
    assert (again.story_id, again.duplicate_of) == ("talks_dec", "talks_dec")


def test_malformed_rows_raise_a_usage_error() -> None:
    with pytest.raises(UsageError):
        StoryIndex.from_rows([{"article_id": "x"}])


def test_sketches_do_not_depend_on_the_process() -> None:
    """Persisted sketches must match across processes (no use of Python's salted hash())."""
    text = ARTICLES["talks_dec"]["text"]
    code = (
        "import sys, json\n"
        "from wirewatch.dedupe.sketch import sketch_texts\n"
        "s = sketch_texts([sys.stdin.read()])[0]\n"
        "print(json.dumps([s.minhash.tolist(), s.shingles, s.anchors.tolist()]))\n"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])[0]) == MINHASH_BINS


# --- text facts ---------------------------------------------------------------------


def test_similarity_text_drops_credits_footers_and_crumbs() -> None:
    text = "\n".join(
        [
            "Home | World",
            "Xinhua | Updated: 2025-12-15 09:31",
            "A worker checks the new line in Saryagash. [Photo/Xinhua]",
            "The two leaders agreed to build a joint logistics hub near the border town.",
            "Copyright 1995 - 2025. All rights reserved. No part may be used without written permission.",
        ]
    )
    assert similarity_text(text) == (
        "The two leaders agreed to build a joint logistics hub near the border town."
    )


def test_facts_find_dates_weekdays_numbers_and_dateline() -> None:
    facts = facts_of(ARTICLES["briefing_wed"]["text"])
    assert facts.dateline_city == "BEIJING"
    assert facts.dateline_date == "03-11"
    assert {"03-11", "03-16"} <= facts.dates
    assert facts.weekdays == 1 << 2  # Wednesday
    assert {"16", "21"} <= facts.numbers
    explicit = facts_of("Some text.", dateline="MOSCOW, Dec 19 (TASS)")
    assert (explicit.dateline_city, explicit.dateline_date) == ("MOSCOW", "12-19")
    assert facts_of("Talks on 4 December and 2024-03-05.").dates == frozenset({"12-04", "03-05"})


# --- event level ----------------------------------------------------------------------


def test_event_ids_group_independent_write_ups_and_keep_stories_whole() -> None:
    from wirewatch.dedupe import event_ids

    items = [
        article("unrelated"),
        article("talks_dec"),
        syndicated("talks_dec", "copy", keep=3),
        article("unrelated_rewrite", url="https://fishing-weekly.example.com/peru-quota"),
        article("briefing_tue"),
    ]
    stories = [d.story_id for d in dedupe_items(items)]
    assert stories[3] == "unrelated_rewrite"  # other words: not a near-duplicate ...
    events = event_ids(items, stories)
    assert events[3] == events[0] == event_id_for("unrelated")  # ... but the same event
    assert events[1] == events[2] == event_id_for("talks_dec")
    assert len({events[0], events[1], events[4]}) == 3
    assert event_ids(items, stories) == events


def test_event_ids_keep_look_alike_events_weeks_apart_separate() -> None:
    from wirewatch.dedupe import event_ids

    later = article(
        "unrelated_rewrite",
        url="https://fishing-weekly.example.com/peru-quota-2",
        published_at=datetime(2026, 1, 20, tzinfo=UTC),
    )
    assert event_ids([article("unrelated"), later]) == [
        event_id_for("unrelated"),
        event_id_for("unrelated_rewrite"),
    ]
    assert event_ids([]) == []


def test_stored_events_keep_their_ids_and_new_write_ups_join_them() -> None:
    from wirewatch.dedupe import EventIndex

    first = EventIndex()
    batch1 = [article("unrelated"), article("talks_dec")]
    ids1 = first.assign(batch1)
    rows = first.to_rows()
    assert {r["story_id"] for r in rows} == {"unrelated", "talks_dec"}
    # A later batch, against the stored rows only: a rewrite joins the stored event,
    # an unrelated story starts its own, and nothing stored changes.
    second = EventIndex.from_rows(rows)
    rewrite = article("unrelated_rewrite", url="https://fishing-weekly.example.com/peru-quota")
    ids2 = second.assign([rewrite, article("briefing_tue")])
    assert ids2[0] == ids1[0] == event_id_for("unrelated")
    assert ids2[1] not in ids1
    assert second.event_of("talks_dec") == ids1[1]
    assert {r["story_id"] for r in second.to_rows()} == {"unrelated_rewrite", "briefing_tue"}
    # The same stories again: the same ids, nothing new.
    assert second.assign([rewrite, *batch1]) == [ids2[0], *ids1]
    assert len(second.to_rows(only_new=False)) == 4
    # All four in one batch give the same events as two batches.
    together = EventIndex().assign([*batch1, rewrite, article("briefing_tue")])
    assert together == [*ids1, *ids2]


def test_stored_events_never_merge_with_each_other() -> None:
    from wirewatch.dedupe import EventIndex

    index = EventIndex()
    index.assign([article("unrelated")])
    (row,) = index.to_rows()
    # A second stored event about the same happening (as if stored before events were kept).
    other = dict(row, story_id="older_copy", event_id="stored-event-2")
    both = EventIndex.from_rows([row, other])
    rewrite = article("unrelated_rewrite", url="https://fishing-weekly.example.com/peru-quota")
    assert both.assign([rewrite]) in ([event_id_for("unrelated")], ["stored-event-2"])
    assert (both.event_of("unrelated"), both.event_of("older_copy")) == (
        event_id_for("unrelated"),
        "stored-event-2",
    )


def _demo_week() -> tuple[list[DedupeItem], list[str]]:
    """The demo newswire's first edition (our own writing) as the load sees it, and its story ids."""
    from wirewatch.demo.content import load_content

    articles = load_content(REPO / "config" / "demo", history=False).articles_of_all(1)
    items = [
        DedupeItem(
            id=a.id,
            url=f"https://{a.site}.demo.test/{a.slug}/",
            title=a.headline,
            text="\n".join(a.paragraphs),
            published_at=a.published,
            source=a.site,
        )
        for a in articles
    ]
    return items, [d.story_id for d in dedupe_items(items)]


def test_event_ids_keep_different_meetings_of_one_kind_apart_on_the_demo_week() -> None:
    # Four meetings a week apart at most, sharing a leader or a country and the words of
    # diplomacy: an analyst must see four events, not one.
    from wirewatch.dedupe import event_ids

    items, stories = _demo_week()
    event = dict(zip((it.id for it in items), event_ids(items, stories), strict=True))
    meetings = [
        "newchina/china-belarus-presidents-hold-talks",
        "northwire/russia-belarus-presidents-phone-call",
        "nemanpress/belarus-president-to-visit-vietnam",
        "seaboard/south-korea-vietnam-leaders-video-summit",
    ]
    assert len({event[m] for m in meetings}) == 4
    # Copies and other write-ups of one meeting still share its event.
    assert event["nemanpress/belarus-russia-presidents-phone-conversation"] == event[meetings[1]]
    copies = [
        "eastherald/beijing-minsk-partnership-new-level",
        "seaboard/china-belarus-leaders-sign-deals",
    ]
    assert {event[c] for c in copies} == {event[meetings[0]]}


def test_event_index_keeps_different_meetings_apart_when_the_week_arrives_in_batches() -> None:
    # As a run loads them: each batch against the events stored before it.
    from wirewatch.dedupe import EventIndex

    items, stories = _demo_week()
    stored: list[dict[str, Any]] = []
    events: list[str] = []
    for start in range(0, len(items), 10):
        index = EventIndex.from_rows(stored)
        events += index.assign(items[start : start + 10], stories[start : start + 10])
        stored += index.to_rows()
    event = dict(zip((it.id for it in items), events, strict=True))
    meetings = [
        "newchina/china-belarus-presidents-hold-talks",
        "northwire/russia-belarus-presidents-phone-call",
        "nemanpress/belarus-president-to-visit-vietnam",
        "seaboard/south-korea-vietnam-leaders-video-summit",
    ]
    assert len({event[m] for m in meetings}) == 4
    assert event["nemanpress/belarus-russia-presidents-phone-conversation"] == event[meetings[1]]
