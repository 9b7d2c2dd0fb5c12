"""The search package: query language, languages, updates, consistency, concurrency, damage.

Every corpus here is our own writing; every index lives in a temporary directory.
"""

from __future__ import annotations

import ast
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.errors import (
    QueryError,
    SearchError,
    SearchIndexCorrupt,
    SearchIndexLocked,
    SearchIndexMissing,
    UsageError,
)
from wirewatch.search import (
    Filters,
    Hit,
    SearchDocument,
    SearchIndex,
    Snippet,
    check_query,
    collapse_by_story,
    compute_drift,
    index_dir_for,
    rebuild_index,
)
from wirewatch.search.index import _translated
from wirewatch.search.schema import words_analyzer

REPO = Path(__file__).resolve().parents[1]


def _doc(
    n: int,
    title: str,
    text: str,
    *,
    story: int | None = None,
    version: int = 1,
    agency: str = "Xinhua",
    source: str = "xinhuanet",
    language: str = "en",
    countries: tuple[str, ...] = (),
    published: datetime | None = None,
) -> SearchDocument:
    return SearchDocument(
        article_id=f"{n:016x}",
        story_id=f"{(story if story is not None else n) + 0xA000:016x}",
        version=version,
        title=title,
        text=text,
        agency=agency,
        source=source,
        language=language,
        countries=countries,
        published=published or datetime(2026, 3, n % 28 + 1, 9, 0, tzinfo=UTC),
    )


CORPUS = [
    _doc(1, "Lukashenko arrives in Beijing", "Belarusian President Alexander Lukashenko began a state visit to China on Monday, his office said.", agency="BelTA", source="belta", countries=("BY", "CN")),
    _doc(2, "Talks on trade", "The visit of the delegation was brief. The state of trade talks remains unclear, officials said.", agency="Reuters", source="reuters", countries=("US",)),
    _doc(3, "Xi Jinping holds talks with Putin", "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Moscow on negotiations over energy.", countries=("CN", "RU")),
    _doc(4, "Путин провёл переговоры", "Владимир Путин провёл переговоры с премьер-министром. Встреча с Путиным прошла в Кремле, сообщили в администрации Путина.", agency="TASS", source="tass", language="ru", countries=("RU",)),
    _doc(5, "习近平会见白俄罗斯总统", "国家主席习近平在北京人民大会堂会见白俄罗斯总统卢卡申科。双方就深化合作进行了会谈。", agency="Xinhua", source="xinhua-cn", language="zh", countries=("BY", "CN")),
    _doc(6, "Markets close higher", "Shares rose in Tokyo as exporters gained; negotiating teams met in Geneva and negotiated a truce.", agency="Kyodo", source="kyodo", countries=("JP",)),
    _doc(7, "Summit in Astana", "Leaders gathered for a summit in Astana. The president of Kazakhstan hosted the meeting.", agency="China Daily", source="chinadaily", countries=("KZ",), published=datetime(2025, 11, 2, tzinfo=UTC)),
    _doc(8, "Analysts on Asia", "An analyst quoted the Chinese phrase 习近平 in an English report on Asia and <b>tags</b> & symbols.", agency="AP", source="apnews", countries=("CN",)),
]


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    return tmp_path / "wirewatch.duckdb.search"


@pytest.fixture
def index(index_path: Path) -> SearchIndex:
    rebuild_index(index_path, CORPUS)
    return SearchIndex.open(index_path)


def _ids(hits: list[Hit]) -> set[int]:
    return {int(h.article_id, 16) for h in hits}


def _found(index: SearchIndex, query: str, filters: Filters | None = None) -> set[int]:
    return _ids(index.search(query, filters, limit=50))


# --- query language --------------------------------------------------------------


def test_phrase_needs_the_words_adjacent_and_in_order(index: SearchIndex) -> None:
    assert _found(index, '"state visit"') == {1}
    assert _found(index, "state visit") == {1, 2}  # both words, anywhere: doc 2 too
    assert _found(index, '"visit state"') == set()


def test_boolean_operators_and_grouping(index: SearchIndex) -> None:
    assert _found(index, "talks AND putin") == {3}
    assert _found(index, "talks putin") == {3}  # AND is the default
    assert _found(index, "lukashenko OR putin") == {1, 3}
    assert _found(index, "talks AND NOT putin") == {2}  # tantivy's own parser returned nothing here
    assert _found(index, "talks -putin") == {2}
    assert _found(index, "(lukashenko OR putin) AND china") == {1}  # 3 says Chinese
    assert _found(index, "NOT talks") == {1, 4, 5, 6, 7, 8}  # alone: everything else
    assert _found(index, "talks and putin") == set()  # lower-case 'and' is a word


def test_prefix_finds_every_ending_through_the_stemmer(index: SearchIndex) -> None:
    assert _found(index, "negotiat*") == {3, 6}  # negotiations, negotiating, negotiated
    assert _found(index, "pres*") == {1, 3, 7}
    assert _found(index, "Путин*") == {4}
    assert _found(index, "agency:chin*") == {7}
    with pytest.raises(QueryError, match="too short"):
        index.search("p*")


def test_fields_restrict_where_a_term_must_be(index: SearchIndex) -> None:
    assert _found(index, "title:talks") == {2, 3}
    assert _found(index, "text:talks") == {2, 3}
    assert _found(index, "title:(lukashenko OR putin)") == {1, 3}
    assert _found(index, "agency:belta") == {1}
    assert _found(index, 'agency:"China Daily"') == {7}
    assert _found(index, "source:TASS") == {4}
    assert _found(index, "language:zh") == {5}
    assert _found(index, "country:by") == {1, 5}
    assert _found(index, "country:CN AND talks") == {3}


def test_headline_matches_rank_above_body_matches(index: SearchIndex) -> None:
    hits = index.search("talks")
    assert int(hits[0].article_id, 16) in {2, 3}
    assert hits[0].score > hits[-1].score


def test_russian_query_finds_every_inflection(index: SearchIndex) -> None:
    for form in ("Путин", "Путина", "Путиным", "путину"):
        hits = index.search(form)
        assert _ids(hits) == {4}, form
    snippet = index.search("Путин")[0].snippet
    marked = [snippet.text[a:b] for a, b in snippet.spans]
    assert {"Путин", "Путиным", "Путина"} <= set(marked)


def test_english_and_russian_stemmers_leave_each_others_words_alone() -> None:
    both = words_analyzer()
    english = "presidents visited negotiations countries running"
    russian = "президенты переговорами Путиным встречи"
    assert both.analyze(english) == ["presid", "visit", "negoti", "countri", "run"]
    assert both.analyze(russian) == ["президент", "переговор", "путин", "встреч"]


def test_chinese_is_found_without_spaces(index: SearchIndex) -> None:
    assert _found(index, "习近平") == {5, 8}  # 8: an English report quoting the name
    assert _found(index, "卢卡申科") == {5}
    assert _found(index, "会谈 AND language:zh") == {5}
    assert _found(index, "平近习") == set()  # the characters, but not in this order
    snippet = next(h for h in index.search("习近平") if h.article_id == f"{5:016x}").snippet
    assert [snippet.text[a:b] for a, b in snippet.spans] == ["习近平"]
    assert " " not in snippet.text  # the spaces added for indexing never show


def test_everything_query_with_filters(index: SearchIndex) -> None:
    assert _found(index, "*", Filters(agencies=("xinhua",))) == {3, 5}
    assert index.doc_count() == len(CORPUS)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "the query is empty"),
        ('"state visit', "unclosed quote"),
        ("(putin OR xi", "unclosed '('"),
        ("putin)", "unmatched ')' at column 6"),
        ("AND putin", "AND at column 1"),
        ("putin OR", "OR at column 7 of the query needs a term after it"),
        ("putin AND NOT", "NOT at column 11"),
        ("()", "empty parentheses"),
        ("titel:putin", "unknown field 'titel'"),
        ("title:", "needs a value"),
        ("title: putin", "needs a value"),
        ("!!! ---", "no searchable words"),
        ("(" * 40 + "a" + ")" * 40, "deeper than"),
        ("a " * 1_500, "longer than"),
        ("title:*", "needs a value"),
        ("title:(*)", "cannot follow a field"),
    ],
)
def test_malformed_queries_are_one_line_usage_errors(
    index: SearchIndex, query: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        index.search(query)
    assert isinstance(info.value, UsageError)  # the CLI's exit 2
    assert "\n" not in str(info.value)
    with pytest.raises(QueryError):
        check_query(query)  # the same without an index (saved queries in config)


def test_a_number_with_a_colon_is_text_not_a_field(index: SearchIndex) -> None:
    assert index.search("10:30") == []


_PIECES = st.sampled_from(
    ['"', "(", ")", "*", ":", "-", "+", " ", "AND", "OR", "NOT", "title:", "agency:", "country:",
     "putin", "Путин", "习近平", "state", "a", "~", "^2", "\\", "/", "[", "TO", "]", "{", "}", "\x00"]
)  # fmt: skip


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    path = tmp_path_factory.mktemp("search") / "index"
    rebuild_index(path, CORPUS)
    return SearchIndex.open(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.one_of(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=40)))
def test_random_queries_give_hits_or_a_query_error_never_a_crash(
    shared_index: SearchIndex, query: str
) -> None:
    try:
        hits = shared_index.search(query, Filters(countries=("cn",)), limit=5)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert all(isinstance(h, Hit) for h in hits)


# --- results -------------------------------------------------------------------


def test_snippet_marks_matches_for_plain_text_and_escaped_html(index: SearchIndex) -> None:
    hit = index.search("analyst AND symbols")[0]
    assert "<b>" in hit.snippet.text  # the text as written
    html = hit.snippet.to_html()
    assert "&lt;b&gt;tags&lt;/b&gt; &amp; <mark>symbols</mark>" in html
    assert "<b>" not in html
    assert hit.snippet.to_text("«", "»").startswith("An «analyst» quoted")
    assert Snippet("Путин и Путиным", ((0, 5), (8, 15))).to_text() == "[Путин] и [Путиным]"


def test_hit_carries_the_article_fields(index: SearchIndex) -> None:
    hit = index.search("lukashenko AND beijing")[0]
    assert hit.article_id == f"{1:016x}"
    assert hit.story_id == f"{1 + 0xA000:016x}"
    assert hit.title == "Lukashenko arrives in Beijing"
    assert (hit.agency, hit.source, hit.language, hit.countries) == ("BelTA", "belta", "en", ("BY", "CN"))
    assert hit.published == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert hit.version == 1


def test_filters_by_date_source_agency_country_and_language(index: SearchIndex) -> None:
    may = Filters(since=datetime(2026, 3, 4, tzinfo=UTC), until=datetime(2026, 3, 6, tzinfo=UTC))
    assert _found(index, "*", may) == {3, 4}  # until is exclusive: doc 5 is March 6
    assert _found(index, "*", Filters(since=datetime(2026, 1, 1))) == set(range(1, 9)) - {7}
    assert _found(index, "*", Filters(until=datetime(2026, 1, 1, tzinfo=UTC))) == {7}
    assert _found(index, "talks", Filters(sources=("REUTERS", "tass"))) == {2}
    assert _found(index, "*", Filters(countries=("by",), languages=("zh",))) == {5}
    assert _found(index, "*", Filters(agencies=("belta", "kyodo"))) == {1, 6}


def test_filters_do_not_change_the_ranking(index: SearchIndex) -> None:
    plain = index.search("talks")
    filtered = index.search("talks", Filters(countries=("cn", "us")))
    assert [(h.article_id, h.score) for h in plain] == [(h.article_id, h.score) for h in filtered]


def test_a_story_republished_four_times_comes_back_once(index_path: Path) -> None:
    story = [
        _doc(n, "Ministers sign accord", f"Copy {n}: the ministers signed an accord on railways.", story=1, source=f"site{n}")
        for n in (11, 12, 13, 14)
    ]
    story.append(_doc(15, "Accord on railways", "A railways accord was signed; the accord covers ports.", story=2))
    rebuild_index(index_path, story)
    index = SearchIndex.open(index_path)
    stories = index.search_stories("accord", limit=10)
    assert [h.story_id for h in stories] == [f"{2 + 0xA000:016x}", f"{1 + 0xA000:016x}"]
    articles = index.search("accord", limit=10)
    assert len(articles) == 5
    collapsed = collapse_by_story(articles)
    assert [(h.story_id, h.score) for h in collapsed] == [(h.story_id, h.score) for h in stories]
    assert index.search_stories("accord", limit=1) == stories[:1]


def test_matches_lists_every_matching_article_with_story_and_date(index_path: Path) -> None:
    docs = [_doc(n, f"Item {n}", "border talks" if n % 3 else "weather", story=n // 4) for n in range(1, 301)]
    docs.append(SearchDocument("not-a-hash", "story-z", 1, "Talks", "border talks", published=None))
    rebuild_index(index_path, docs)
    index = SearchIndex.open(index_path)
    found = index.matches("border")
    expected = {f"{n:016x}" for n in range(1, 301) if n % 3} | {"not-a-hash"}
    assert set(found.article_ids) == expected and len(found) == len(expected)
    rows = dict(zip(found.article_ids, zip(found.story_ids, found.published, strict=True), strict=True))
    assert rows["not-a-hash"] == ("story-z", None)
    assert rows[f"{5:016x}"] == (f"{1 + 0xA000:016x}", int(datetime(2026, 3, 6, 9, tzinfo=UTC).timestamp()))
    table = found.to_arrow()
    assert table.num_rows == len(expected) and table.column_names == ["article_id", "story_id", "published"]
    assert index.count("border") == len(expected)
    assert sorted(index.matching_ids("border")) == sorted(found.article_ids)
    assert len(index.matches("nothingmatches")) == 0 and index.matching_ids("zzz") == []


def test_story_dates_agree_with_matches_for_hex_and_other_ids(index_path: Path) -> None:
    docs = [_doc(n, f"Item {n}", "border talks" if n % 3 else "weather", story=n // 4) for n in range(1, 301)]
    docs.append(SearchDocument("not-a-hash", "story-z", 1, "Talks", "border talks", published=None))
    for n, hour in ((1, 8), (2, 9)):
        docs.append(SearchDocument(f"other-{n}", "story-y", 1, "Talks", "border talks",
                                   published=datetime(2026, 3, 2, hour, tzinfo=UTC)))
    rebuild_index(index_path, docs)
    index = SearchIndex.open(index_path)
    for query in ("border", "border AND NOT item", "item"):
        found = index.matches(query)
        dated = index.story_dates(query)
        expected: dict[object, list[int]] = {}
        for story, when in zip(found.story_ids, found.published, strict=True):
            if when is not None:  # undated articles count in no period
                expected.setdefault(story, []).append(when)
        got: dict[object, list[int]] = {}
        for code, when in zip(dated.stories.tolist(), dated.published.tolist(), strict=True):
            got.setdefault(code, []).append(when)
        # one code per story: the same groups of dates
        assert sorted(sorted(v) for v in got.values()) == sorted(sorted(v) for v in expected.values())
    assert len(index.story_dates("nothingmatches")) == 0


# --- writing, consistency ------------------------------------------------------


def test_updated_article_is_found_by_new_words_not_removed_ones(index_path: Path) -> None:
    index = SearchIndex.open(index_path, create=True)
    with index.writer() as writer:
        writer.upsert([_doc(1, "Port deal", "The port deal covers grain shipments.")])
        writer.commit()
        writer.upsert([_doc(1, "Port deal revised", "The port deal now covers fertiliser.", version=2)])
        writer.commit()
    assert _found(index, "grain") == set()
    assert _found(index, "fertiliser") == {1}
    assert _found(index, "revised") == {1}
    assert index.held_versions() == {f"{1:016x}": 2}
    assert index.doc_count() == 1


def test_upserting_the_same_versions_again_changes_nothing(index_path: Path) -> None:
    index = SearchIndex.open(index_path, create=True)
    for _ in range(3):
        with index.writer() as writer:
            writer.upsert(CORPUS)
            writer.upsert(CORPUS[:2])  # twice in one commit too
            writer.commit()
    assert index.doc_count() == len(CORPUS)
    assert _found(index, '"state visit"') == {1}
    assert len(index.search("talks")) == 2


def test_uncommitted_changes_are_discarded_when_the_writer_closes(index: SearchIndex) -> None:
    with index.writer() as writer:
        writer.upsert([_doc(30, "Unsaved", "zeppelin")])
        writer.delete([f"{1:016x}"])
    assert _found(index, "zeppelin") == set()
    assert 1 in _found(index, "lukashenko")
    with index.writer() as writer:
        assert writer.delete([f"{1:016x}", "unknown-id"]) == 2
        writer.commit()
    assert _found(index, "lukashenko") == set()
    with pytest.raises(SearchError, match="closed"):
        writer.upsert(CORPUS[:1])


def test_commit_label_survives_reopening_and_unlabelled_commits(index_path: Path) -> None:
    index = SearchIndex.open(index_path, create=True)
    assert index.commit_label is None
    with index.writer() as writer:
        writer.upsert(CORPUS[:1])
        writer.commit("run-7")
        writer.upsert(CORPUS[1:2])
        writer.commit()
    assert SearchIndex.open(index_path).commit_label == "run-7"
    rebuild_index(index_path, CORPUS, label="reindex-1")
    assert index.commit_label == "reindex-1"
    rebuild_index(index_path, CORPUS)
    assert index.commit_label is None


def test_drift_is_computed_against_the_warehouse_versions() -> None:
    held = {"a": 1, "b": 1, "c": 2, "gone": 1}
    wanted = {"a": 1, "b": 2, "c": 2, "new": 1}
    drift = compute_drift(held, wanted)
    assert (drift.missing, drift.stale, drift.extra) == (("new",), ("b",), ("gone",))
    assert drift.to_upsert == ("new", "b") and drift.total == 3
    assert compute_drift(wanted, wanted).total == 0


_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from wirewatch.search import SearchDocument, SearchIndex

    def doc(n, version=1):
        return SearchDocument(f"{n:016x}", f"{n:016x}", version, f"Title {n}", f"zebra number{n}",
                              published=datetime(2026, 1, 1, tzinfo=UTC))

    index = SearchIndex.open(sys.argv[1], create=True)
    writer = index.writer()
    while line := sys.stdin.readline():
        cmd, *args = line.split()
        if cmd == "add":
            writer.upsert(doc(int(n)) for n in args)
        elif cmd == "commit":
            writer.commit(*args)
        elif cmd == "batches":  # batches N: N commits of 10 new articles each, then report
            for batch in range(int(args[0])):
                writer.upsert(doc(1000 + batch * 10 + i) for i in range(10))
                writer.commit()
        print("ok", flush=True)
    """
)


@pytest.fixture
def child_writer(index_path: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(index_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=60)


def _tell(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "ok"


def test_readers_work_while_another_process_writes(
    index_path: Path, child_writer: subprocess.Popen[str]
) -> None:
    _tell(child_writer, "add 1 2 3")
    _tell(child_writer, "commit")
    _tell(child_writer, "add 4 5")  # written, not committed: the writer is open and busy
    reader = SearchIndex.open(index_path)
    assert _found(reader, "zebra") == {1, 2, 3}
    assert reader.count("zebra") == 3
    with pytest.raises(SearchIndexLocked, match="another process"):
        reader.writer()
    _tell(child_writer, "commit")
    reader.refresh()
    assert _found(reader, "zebra") == {1, 2, 3, 4, 5}


def test_readers_opened_during_many_commits_see_whole_commits(
    index_path: Path, child_writer: subprocess.Popen[str]
) -> None:
    _tell(child_writer, "add 1")
    _tell(child_writer, "commit")
    assert child_writer.stdin is not None and child_writer.stdout is not None
    child_writer.stdin.write("batches 30\n")
    child_writer.stdin.flush()
    seen = []
    for _ in range(300):  # bounded; each reader opens whatever commit is current
        reader = SearchIndex.open(index_path)
        count = reader.count("zebra")
        assert count % 10 == 1  # article 1 plus whole batches of 10, never part of one
        seen.append(count)
        if count == 301:
            break
    assert child_writer.stdout.readline().strip() == "ok"
    assert seen == sorted(seen)
    assert SearchIndex.open(index_path).count("zebra") == 301


def test_a_killed_writer_leaves_the_last_commit_and_drift_catches_up(
    index_path: Path, child_writer: subprocess.Popen[str]
) -> None:
    _tell(child_writer, "add 1 2 3")
    _tell(child_writer, "commit run-1")
    _tell(child_writer, "add 4 5 6")
    child_writer.send_signal(signal.SIGKILL)  # killed mid-run: 4-6 never committed
    child_writer.wait(timeout=60)

    # The warehouse committed run 2 (4-6, and version 2 of article 2); the index did not.
    warehouse = {f"{n:016x}": 1 for n in range(1, 7)} | {f"{2:016x}": 2}
    index = SearchIndex.open(index_path)
    assert index.commit_label == "run-1"  # != the warehouse's last run: check drift
    drift = compute_drift(index.held_versions(), warehouse)
    assert drift.missing == tuple(f"{n:016x}" for n in (4, 5, 6))
    assert drift.stale == (f"{2:016x}",) and drift.extra == ()

    by_id = {f"{n:016x}": _doc(n, f"Title {n}", f"zebra number{n}", version=warehouse[f"{n:016x}"]) for n in range(1, 7)}
    with index.writer() as writer:  # the lock died with the process
        writer.upsert(by_id[a] for a in drift.to_upsert)
        writer.delete(drift.extra)
        writer.commit("run-2")
    assert compute_drift(index.held_versions(), warehouse).total == 0
    assert SearchIndex.open(index_path).commit_label == "run-2"
    assert _found(index, "zebra") == set(range(1, 7))


# --- damage and rebuild --------------------------------------------------------


def test_a_missing_index_says_how_to_build_it(index_path: Path) -> None:
    with pytest.raises(SearchIndexMissing, match="wirewatch reindex"):
        SearchIndex.open(index_path)
    assert not index_path.exists()
    assert SearchIndex.open(index_path, create=True).doc_count() == 0


@pytest.mark.parametrize("damage", ["meta", "segment", "marker", "store"])
def test_a_damaged_index_is_reported_and_rebuilt(index_path: Path, damage: str) -> None:
    rebuild_index(index_path, CORPUS)
    if damage == "meta":
        (index_path / "meta.json").write_text("{garbage")
    elif damage == "segment":
        next(index_path.glob("*.idx")).unlink()
    elif damage == "marker":
        (index_path / "wirewatch-index.json").write_text('{"format": 0}')
    else:
        for store in index_path.glob("*.store"):
            with store.open("r+b") as f:
                f.truncate(10)
    with pytest.raises(SearchIndexCorrupt, match="rebuild it with `wirewatch reindex`") as info:
        SearchIndex.open(index_path)
    assert "\n" not in str(info.value)
    assert rebuild_index(index_path, CORPUS[:3]) == 3
    assert _found(SearchIndex.open(index_path), "lukashenko OR putin") == {1, 3}


def test_rebuild_never_wipes_a_directory_that_is_not_an_index(index_path: Path) -> None:
    index_path.mkdir()
    (index_path / "meta.json").write_text("{not an index}")
    (index_path / "notes.txt").write_text("an analyst's notes")
    with pytest.raises(SearchIndexCorrupt, match="notes.txt"):
        rebuild_index(index_path, CORPUS)
    assert (index_path / "notes.txt").read_text() == "an analyst's notes"


def test_rebuild_replaces_everything_in_one_commit(index: SearchIndex, index_path: Path) -> None:
    assert rebuild_index(index_path, [_doc(40, "Only one", "quartz")]) == 1
    index.refresh()
    assert index.doc_count() == 1 and _found(index, "quartz") == {40}


def test_rust_panics_and_unknown_tantivy_errors_become_search_errors(tmp_path: Path) -> None:
    class PanicException(BaseException):  # what pyo3 raises when tantivy's Rust code panics
        pass

    panic = pytest.raises(SearchError, match="failed while searching: assertion failed")
    with panic, _translated(tmp_path, "searching"):
        raise PanicException("assertion failed: limit > 0")
    other = pytest.raises(SearchError, match="failed while searching: Schema error")
    with other, _translated(tmp_path, "searching"):
        raise ValueError("Schema error: field x")
    with pytest.raises(KeyboardInterrupt), _translated(tmp_path, "searching"):
        raise KeyboardInterrupt


def test_the_index_lives_beside_its_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "warehouse" / "wirewatch.duckdb"
    assert index_dir_for(db) == tmp_path / "warehouse" / "wirewatch.duckdb.search"


# --- layering ------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_search_imports_no_other_stage_and_tantivy_stays_inside_it() -> None:
    package = REPO / "wirewatch" / "search"
    for module in package.glob("*.py"):
        for name in _imports(module):
            if name.startswith("wirewatch."):
                assert name.startswith(("wirewatch.search", "wirewatch.errors")), (module, name)
            assert not name.startswith("prefect"), (module, name)
    for module in (REPO / "wirewatch").rglob("*.py"):
        if package not in module.parents:
            assert not any(n.split(".")[0] == "tantivy" for n in _imports(module)), module
