"""Story alerts: a new story matching a saved query alerts once per story and channel."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wirewatch import run, warehouse
from wirewatch.alert import StoryView, plan_story_alerts, render
from wirewatch.config import AlertsConfig, load_alerts
from wirewatch.errors import ConfigError
from wirewatch.extract import BoilerplateModel
from wirewatch.models import Extracted, PageResult
from wirewatch.run import ExtractInfo, FetchInfo, session
from wirewatch.settings import Settings
from wirewatch.store import list_alerted_meetings, list_alerts

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
TIES = (
    "MINSK, Nov 19 -- Belarusian President Aliaksandr Verin and Russian President Viktor "
    "Samarin discussed Union State programmes by phone on Wednesday, the press service said. "
    "The leaders agreed to harmonise customs rules and to meet again before the new year."
)
TIES_COPY = TIES.replace("MINSK, Nov 19 --", "MOSCOW, Nov 19 (Northwire) --") + " Read more on our site."
FILLER = (
    "HARBIN, Nov 19 -- Work began on the city's ice and snow park on Wednesday, with some "
    "3,000 builders cutting blocks from the frozen river for the winter festival."
)
TRADE = (
    "MINSK, Nov 20 -- Belarus raised potash supplies to Russia by a fifth in October, the "
    "ministry said, as rail deliveries through Smolensk resumed after repairs."
)


def page(fetch_id: str, source: str, url: str, title: str, text: str) -> PageResult:
    paragraphs = tuple(text.split(". "))
    return PageResult(
        fetch_id=fetch_id,
        source=source,
        url=url,
        final_url=url,
        fetched_at=NOW,
        extracted=Extracted(
            url=url, site=url.split("/")[2], title=title, text="\n\n".join(paragraphs),
            paragraphs=paragraphs, published=NOW, language="en",
        ),
    )


@pytest.fixture
def settings(tmp_path: Path, config_dir: Path, db_path: Path) -> Settings:
    (config_dir / "alerts.yaml").write_text(
        """
rules:
  - name: meetings
    kinds: [in_person, call]
  - name: watch-belarus-russia
    kind: story
    queries: [belarus-russia, minsk]
    channels: [file]
  - name: trade-to-desk
    kind: story
    queries: ["@trade"]
    channels: [desk]
channels:
  - {name: file, type: jsonl, path: alerts.jsonl}
  - {name: desk, type: jsonl, path: desk.jsonl}
""",
        encoding="utf-8",
    )
    (config_dir / "queries.yaml").write_text(
        """
queries:
  - {name: belarus-russia, query: "Belarus* AND Russia*"}
  - {name: minsk, query: "Minsk"}
  - {name: trade, query: "potash OR supplies"}
""",
        encoding="utf-8",
    )
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - {name: neman, publisher: Neman, language: en, sections: ['http://127.0.0.1:9/']}\n"
        "  - {name: north, publisher: North, language: en, sections: ['http://127.0.0.1:9/']}\n",
        encoding="utf-8",
    )
    return Settings.load(
        db=db_path, config_dir=config_dir, data_dir=tmp_path / "data", sources_file=sources
    )


def one_run(settings: Settings, pages: list[PageResult], *, die_before_alerts: bool = False) -> int:
    """A run over ``pages``; returns the alerts it sent."""
    with session(settings, pool=False) as current:
        extracted = ExtractInfo(tuple(pages), BoilerplateModel())
        current.record(
            run.load_pages(settings, run_id=current.run_id, fetched=FetchInfo(), extracted=extracted)
        )
        run.index_articles(settings, run_id=current.run_id)  # the flow's index step
        if die_before_alerts:
            raise KeyboardInterrupt
        current.record(run.queue_story_alerts(settings, run_id=current.run_id))
        return current.record(run.deliver_alerts(settings)).sent


def sent(settings: Settings, channel_file: str) -> list[dict[str, object]]:
    path = settings.data_dir / channel_file
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines]


def test_a_new_matching_story_alerts_once_per_story_and_channel_across_reruns(
    settings: Settings,
) -> None:
    ties = page("f1", "neman", "http://neman.example/ties", "Verin, Samarin talk by phone", TIES)
    filler = page("f2", "neman", "http://neman.example/ice", "Ice park work begins", FILLER)
    assert one_run(settings, [ties, filler]) == 1  # matched two queries of one rule: one alert
    [first] = sent(settings, "alerts.jsonl")
    assert first["story"]["query"] == "belarus-russia"  # type: ignore[index]
    assert first["story"]["title"] == "Verin, Samarin talk by phone"  # type: ignore[index]
    assert first["message"]["title"].startswith("@belarus-russia: ")  # type: ignore[index]
    assert sent(settings, "desk.jsonl") == []  # the desk rule watches trade only

    assert one_run(settings, [ties, filler]) == 0  # nothing new

    # Another site republishes the same story: a new article, not a new story.
    copy = page("f3", "north", "http://north.example/belarus-russia", "Belarus, Russia talk", TIES_COPY)
    assert one_run(settings, [copy]) == 0
    with warehouse.connect(settings.db, read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT story_id) FROM articles").fetchone() == (3, 2)

    # A new story matching both rules: once on each channel.
    trade = page("f4", "neman", "http://neman.example/potash", "Potash supplies to Russia up", TRADE)
    assert one_run(settings, [trade]) == 2
    assert len(sent(settings, "alerts.jsonl")) == 2 and len(sent(settings, "desk.jsonl")) == 1
    assert sent(settings, "desk.jsonl")[0]["story"]["query"] == "trade"  # type: ignore[index]
    with warehouse.connect(settings.db, read_only=True) as con:
        assert con.execute(
            "SELECT kind, count(*), count(DISTINCT story_id), bool_and(status = 'sent') "
            "FROM alerts GROUP BY kind"
        ).fetchall() == [("story", 3, 2, True)]
    columns, listed = list_alerts(settings.db, since=NOW.date(), status="sent")
    shown = [dict(zip(columns, row, strict=True)) for row in listed]
    # Listed with the story's best copy now (the republished copy won the tie on date).
    assert sorted((r["kind"], r["query"], r["channel"], r["title"]) for r in shown) == [
        ("story", "@belarus-russia", "file", "Belarus, Russia talk"),
        ("story", "@belarus-russia", "file", "Potash supplies to Russia up"),
        ("story", "@trade", "desk", "Potash supplies to Russia up"),
    ]
    # The compact listing (one line per alerted subject) shows each story once.
    columns, compact = list_alerted_meetings(settings.db, since=NOW.date(), status=None)
    rows = [dict(zip(columns, row, strict=True)) for row in compact]
    assert sorted((r["kind"], r["title"], r["sent"], r["channels"]) for r in rows) == [
        ("story", "Belarus, Russia talk", 1, 1),
        ("story", "Potash supplies to Russia up", 2, 2),
    ]


def test_a_run_killed_before_its_alerts_leaves_them_to_the_next_run(settings: Settings) -> None:
    ties = page("f1", "neman", "http://neman.example/ties", "Verin, Samarin talk by phone", TIES)
    with pytest.raises(KeyboardInterrupt):
        one_run(settings, [ties], die_before_alerts=True)
    assert sent(settings, "alerts.jsonl") == []
    assert one_run(settings, []) == 1  # the story is new to story alerts until a run completes
    assert one_run(settings, []) == 0


def test_story_rules_validate_their_fields_and_query_names(
    settings: Settings, config_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "alerts.yaml"
    for text, expected in (
        ("rules:\n  - {name: s, kind: story}\n", "needs queries"),
        ("rules:\n  - {name: s, kind: story, queries: [x], countries: [BY]}\n", "countries apply to meeting"),
        ("rules:\n  - {name: m, queries: [x]}\n", "queries apply to story rules"),
        ("rules:\n  - {name: s, kind: stories, queries: [x]}\n", "rules.0.kind"),
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=expected):
            load_alerts(bad)
    (config_dir / "alerts.yaml").write_text(
        "rules:\n  - {name: s, kind: story, queries: [belarus-russa]}\nchannels: []\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="names saved query 'belarus-russa', which is not in queries.yaml"):
        Settings.load(config_dir=config_dir, data_dir=tmp_path, sources_file=settings.sources_file)


def test_meeting_rules_never_plan_story_alerts_and_story_rules_no_meetings() -> None:
    config = AlertsConfig.model_validate(
        {
            "rules": [
                {"name": "m"},
                {"name": "s", "kind": "story", "queries": ["a", "b"], "channels": ["x"]},
                {"name": "t", "kind": "story", "queries": ["b"]},
            ],
            "channels": [{"name": "x", "type": "console"}, {"name": "y", "type": "console"}],
        }
    )
    planned = plan_story_alerts({"s1": ["b"], "s2": ["c"], "s3": ["a", "b"]}, config, now=NOW)
    assert planned == [
        ("s1", "x", "s", "b", None),
        ("s1", "y", "t", "b", None),
        ("s3", "x", "s", "a", None),
        ("s3", "y", "t", "b", None),
    ]
    story = StoryView(
        story_id="s1", query="b", title="T", url="http://x/1", agency="TASS",
        published_at=NOW, first_seen_at=NOW, source_count=2, article_count=3,
    )
    message = render(story)
    assert message.title == "@b: T" and message.data["agency"] == "TASS"
    assert message.kind == "story" and "Reported by 2 sources (3 articles)" in message.body


def test_too_old_meetings_and_stories_are_recorded_skipped_once_and_never_sent(
    settings: Settings,
) -> None:
    # Every page here was published on 2026-11-20; the run happens now, weeks later.
    alerts_file = settings.config_dir / "alerts.yaml"
    text = alerts_file.read_text(encoding="utf-8")
    alerts_file.write_text(
        text.replace("kinds: [in_person, call]", "kinds: [in_person, call]\n    max_age_days: 7")
        .replace("channels: [file]", "channels: [file]\n    max_age_days: 7"),
        encoding="utf-8",
    )
    aged = Settings.load(
        db=settings.db, config_dir=settings.config_dir, data_dir=settings.data_dir,
        sources_file=settings.sources_file,
    )
    ties = page("f1", "neman", "http://neman.example/ties", "Verin, Samarin talk by phone", TIES)
    summaries = []
    for _ in range(2):  # a rerun finds them recorded and queues nothing
        with session(aged, pool=False) as current:
            extracted = ExtractInfo((ties,), BoilerplateModel())
            current.record(
                run.load_pages(aged, run_id=current.run_id, fetched=FetchInfo(), extracted=extracted)
            )
            current.record(run.detect_pending(aged))
            run.index_articles(aged, run_id=current.run_id)
            current.record(run.queue_story_alerts(aged, run_id=current.run_id))
            current.record(run.deliver_alerts(aged))
        summaries.append(current.summary)
    first, again = summaries
    # One call (BY-RU) on two channels, one story on one: three skipped, none sent.
    assert (first.alerts_created, first.alerts_skipped, first.alerts_sent) == (0, 3, 0)
    assert (again.alerts_skipped, again.alerts_sent) == (0, 0)
    assert sent(settings, "alerts.jsonl") == [] and sent(settings, "desk.jsonl") == []
    columns, listed = list_alerts(settings.db, since=date(1970, 1, 1), status="skipped")
    shown = [dict(zip(columns, row, strict=True)) for row in listed]
    assert sorted((r["kind"], r["channel"]) for r in shown) == [
        ("call", "desk"), ("call", "file"), ("story", "file")
    ]
    assert all(r["skip_reason"].startswith("too old: published 2026-11-") for r in shown)
    columns, compact = list_alerted_meetings(settings.db, since=date(1970, 1, 1), status=None)
    rows = [dict(zip(columns, row, strict=True)) for row in compact]
    assert sorted((r["kind"], r["skipped"], r["channels"]) for r in rows) == [
        ("call", 2, 2), ("story", 1, 1)
    ]


def test_the_run_summary_counts_the_index_step_and_the_story_alerts(settings: Settings) -> None:
    import io

    from rich.console import Console

    from wirewatch.app.printing import print_summary

    ties = page("f1", "neman", "http://neman.example/ties", "Verin, Samarin talk by phone", TIES)
    filler = page("f2", "neman", "http://neman.example/ice", "Ice park work begins", FILLER)
    with session(settings, pool=False) as current:
        extracted = ExtractInfo((ties, filler), BoilerplateModel())
        current.record(
            run.load_pages(settings, run_id=current.run_id, fetched=FetchInfo(), extracted=extracted)
        )
        current.record(run.index_articles(settings, run_id=current.run_id))
        current.record(run.queue_story_alerts(settings, run_id=current.run_id))
        current.record(run.deliver_alerts(settings))
    summary = current.summary
    assert (summary.articles_indexed, summary.stories_matched) == (2, 1)
    assert (summary.alerts_created, summary.story_alerts_created, summary.alerts_sent) == (1, 1, 1)
    printed = io.StringIO()
    print_summary(Console(file=printed, width=200), summary)
    lines = printed.getvalue().splitlines()
    assert "index: 2 articles indexed, 0 removed" in lines
    assert (
        "alert: 1 queued (0 for meetings, 1 for stories: 1 of 2 new stories matched a saved "
        "query), 1 sent, 0 failed; 0 skipped as too old"
    ) in lines
