"""Learning templates page by page marks exactly the lines a full recount would mark."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.extract import BoilerplateModel
from wirewatch.extract.boilerplate import (
    LONG_LINE_CHARS,
    LONG_LINE_SHARE,
    MIN_HOST_PAGES,
    MIN_LINE_PAGES,
    MIN_LINE_SHARE,
)

# A few short lines and one long one, so that both share rules are exercised.
VOCABULARY = [f"furniture line number {i}" for i in range(6)] + ["x" * (LONG_LINE_CHARS + 5)]
PAGE = st.tuples(st.sampled_from(["a.test", "b.test"]), st.sets(st.sampled_from(VOCABULARY)))


def recounted(pages: list[tuple[str, set[str]]]) -> dict[str, set[str]]:
    """The plain rule: after every page, every line of the host that qualifies becomes template."""
    counts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    templates: dict[str, set[str]] = {}
    for host, lines in pages:
        totals[host] = totals.get(host, 0) + 1
        host_counts = counts.setdefault(host, {})
        for line in lines:
            host_counts[line] = host_counts.get(line, 0) + 1
        for line, seen in host_counts.items():
            needed = LONG_LINE_SHARE if len(line) > LONG_LINE_CHARS else MIN_LINE_SHARE
            if (
                totals[host] >= MIN_HOST_PAGES
                and seen >= MIN_LINE_PAGES
                and seen / totals[host] >= needed
            ):
                templates.setdefault(host, set()).add(line)
    return templates


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, max_size=60), st.integers(min_value=0, max_value=60))
def test_templates_equal_a_full_recount_after_every_page(
    pages: list[tuple[str, set[str]]], reload_at: int
) -> None:
    model = BoilerplateModel()
    for n, (host, lines) in enumerate(pages):
        if n == reload_at:  # a model read back from the warehouse goes on learning alike
            model = BoilerplateModel.from_rows(model.to_rows())
        model.observe(host, sorted(lines), page=f"http://{host}/{n}")
    expected = recounted(pages)
    for host in ("a.test", "b.test"):
        marked = {r["line"] for r in model.to_rows() if r["host"] == host and r["is_template"]}
        assert marked == expected.get(host, set())
