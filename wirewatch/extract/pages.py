"""Fetched pages in, :class:`~wirewatch.models.PageResult` out; per-site templates learned from them.

A run extracts every page with the templates known when it started, then
learns from the batch and strips what the batch taught it, so the first run
on a new site is cleaned as well as later ones::

    results = [extract_page(p, sources.get(p.source), templates_of(model)) for p in pages]
    model = learn_boilerplate(model, results)
    results = apply_boilerplate(results, model)
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from wirewatch.config import SourceConfig
from wirewatch.errors import ExtractError
from wirewatch.extract.boilerplate import BoilerplateModel
from wirewatch.extract.core import extract_document
from wirewatch.hosts import host_key
from wirewatch.models import FetchOutcome, Page, PageResult

__all__ = [
    "apply_boilerplate",
    "extract_page",
    "extract_pages",
    "learn_boilerplate",
    "page_hosts",
    "templates_of",
]


def extract_page(
    page: Page, source: SourceConfig | None, templates: BoilerplateModel | None
) -> PageResult:
    """Extract one fetched page; an extraction error becomes the result's outcome, not an exception."""
    result = PageResult(
        fetch_id=page.fetch_id,
        source=page.source,
        url=page.url,
        final_url=page.final_url,
        fetched_at=page.fetched_at,
    )
    try:
        extracted = extract_document(
            page.body, page.final_url, charset=page.charset, source=source, boilerplate=templates
        )
    except ExtractError as exc:
        return replace(result, error_outcome=exc.outcome, error=str(exc))
    if extracted.published is None and page.hint_published is not None:
        extracted = replace(extracted, published=page.hint_published)
    if not extracted.title and page.hint_title:
        extracted = replace(extracted, title=page.hint_title)
    return replace(result, extracted=extracted)


def extract_pages(
    pages: Sequence[Page],
    sources: Mapping[str, SourceConfig],
    templates: BoilerplateModel | None,
) -> list[PageResult]:
    """Extract pages in order, each with its source's patterns (a picklable top-level function)."""
    return [extract_page(p, sources.get(p.source), templates) for p in pages]


def templates_of(model: BoilerplateModel, hosts: Iterable[str] | None = None) -> BoilerplateModel:
    """Only the learned templates (what extraction needs), not every line counted so far.

    ``hosts`` narrows it to the sites of the pages at hand: less to send to a worker.
    """
    part = model if hosts is None else model.subset(hosts)
    return BoilerplateModel.from_rows(
        r for r in part.to_rows() if r["is_template"] or not r["line_hash"]
    )


def page_hosts(pages: Iterable[Page]) -> set[str]:
    """The hosts pages were served from (the key their templates are learned under)."""
    return {host_key(p.final_url) for p in pages}


def learn_boilerplate(model: BoilerplateModel, results: Sequence[PageResult]) -> BoilerplateModel:
    """A copy of ``model`` that has also observed every extracted page of ``results``."""
    learned = copy.deepcopy(model)
    for r in results:
        if r.extracted is not None:
            learned.observe(host_key(r.final_url), r.extracted.paragraphs, page=r.final_url)
    return learned


def apply_boilerplate(results: Sequence[PageResult], model: BoilerplateModel) -> list[PageResult]:
    """Drop the lines ``model`` takes as template; a page left with nothing is ``extract_empty``."""
    return [_apply(r, model) for r in results]


def _apply(result: PageResult, model: BoilerplateModel) -> PageResult:
    ex = result.extracted
    if ex is None:
        return result
    host = host_key(result.final_url)
    kept = tuple(p for p in ex.paragraphs if not model.is_boilerplate(host, p))
    if len(kept) == len(ex.paragraphs):
        return result
    if not kept:
        return replace(
            result,
            extracted=None,
            error_outcome=FetchOutcome.EXTRACT_EMPTY,
            error="every paragraph is site template",
        )
    return replace(result, extracted=replace(ex, paragraphs=kept, text="\n\n".join(kept)))
