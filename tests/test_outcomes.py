"""Fetch outcomes and their classes: every member classed, summaries counted as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from wirewatch.app.printing import any_source_answered
from wirewatch.extract import BoilerplateModel
from wirewatch.fetch import SourceFetch, is_final
from wirewatch.models import FetchOutcome, FetchRecord, RunSummary
from wirewatch.run import FetchInfo
from wirewatch.run.infos import RunStart, summarize

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)

# The strings in ``fetches.outcome`` (and in run summaries): they must not change.
STORED = {
    "ok", "not_modified", "http_error", "timeout", "connect_error", "robots_disallowed",
    "too_large", "decode_error", "extract_empty", "discovery_error", "blocked_address",
}  # fmt: skip


def test_the_stored_strings_are_unchanged() -> None:
    assert {o.value for o in FetchOutcome} == STORED | {"no_robots_txt"}
    assert all(FetchOutcome(v) == v and str(FetchOutcome(v)) == v for v in STORED)


@pytest.mark.parametrize("outcome", list(FetchOutcome))
def test_every_outcome_has_every_class(outcome: FetchOutcome) -> None:
    for cls in ("is_final", "is_error", "answered", "is_clean"):
        assert isinstance(getattr(outcome, cls), bool), (outcome, cls)


def test_the_classes() -> None:
    final = {o for o in FetchOutcome if o.is_final}
    assert final == {
        "ok", "not_modified", "robots_disallowed", "too_large", "decode_error",
        "extract_empty", "blocked_address",
    }  # fmt: skip
    errors = {o for o in FetchOutcome if o.is_error}
    assert errors == {
        "http_error", "timeout", "connect_error", "robots_disallowed", "too_large",
        "discovery_error", "blocked_address",
    }  # fmt: skip
    answered = {o for o in FetchOutcome if o.answered}
    assert answered == {"ok", "not_modified", "no_robots_txt", "http_error", "too_large"}
    assert {o for o in FetchOutcome if o.is_clean} == {"ok", "not_modified", "no_robots_txt"}


def test_http_errors_are_final_below_500() -> None:
    assert is_final("http_error", 404) and is_final("http_error", 410)
    assert not is_final("http_error", 500) and not is_final("http_error", None)
    assert is_final("ok", 200) and not is_final("timeout", None)


def test_summary_counts_one_fetch_of_each_outcome() -> None:
    records = [
        FetchRecord(f"f{i}", "wire", f"http://w.test/{o}", NOW, o, status_code=500, error="e")
        for i, o in enumerate(sorted(STORED))
    ] + [FetchRecord("r", "wire", "http://w.test/robots.txt", NOW, "http_error", 404, kind="robots")]
    fetch = FetchInfo((SourceFetch("wire", [], [], records, skipped_known=0),))
    start = RunStart("run1", NOW, {}, BoilerplateModel())
    summary = summarize(start, sources=1, status="completed", fetch=fetch)
    assert summary.fetched == 12
    assert summary.fetch_outcomes["no_robots_txt"] == 1
    # Counted as errors: all but ok, not_modified, the missing robots.txt and the extract errors.
    assert summary.fetch_errors == 7
    # One line per outcome that is not clean: everything but ok, not_modified, no robots.txt.
    assert len(summary.errors) == 9
    assert not any("/ok:" in e or "/not_modified:" in e or "robots.txt" in e for e in summary.errors)


@pytest.mark.parametrize(
    ("outcomes", "answered"),
    [
        ({"timeout": 3, "connect_error": 1}, False),
        ({"robots_disallowed": 2, "discovery_error": 1, "blocked_address": 1}, False),
        ({"timeout": 3, "http_error": 1}, True),
        ({"no_robots_txt": 1}, True),
        ({"ok": 0, "timeout": 1}, False),
        ({"too_large": 1}, True),
    ],
)
def test_a_run_answered_when_any_source_did(outcomes: dict[str, int], answered: bool) -> None:
    summary = RunSummary(run_id="r", started_at=NOW, sources=2, fetch_outcomes=outcomes)
    assert any_source_answered(summary) is answered
    assert any_source_answered(replace(summary, sources=0))
