"""The local web page: FastAPI, server-rendered jinja2 pages, read-only per request.

Each request opens one sealed read-only connection, reads what its page shows,
closes it and only then renders, so a scheduled run waits at most one short
read. When a run holds the file longer than ``tuning.LOCK_WAIT_SECONDS``, the
page answers 503 with a sentence instead of hanging. plotly.js is served from
the installed plotly package; nothing is fetched from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from wirewatch.desk import charts, tuning
from wirewatch.desk.diff import diff_words
from wirewatch.desk.pages import environment, plotly_js_path, render
from wirewatch.errors import (
    SearchIndexUnavailable,
    UsageError,
    WarehouseError,
    WarehouseLocked,
    WirewatchError,
)
from wirewatch.store import desk as reads
from wirewatch.warehouse import Connection, connect

if TYPE_CHECKING:
    from wirewatch.search import Filters

__all__ = ["create_app"]

KINDS = ("in_person", "call", "announced")
STATUSES = ("pending", "sent", "failed", "skipped")
PERIODS = ("day", "week", "month")
LOCKED = (
    "The warehouse is busy: a run is writing to it and did not let go within {seconds:g} s. "
    "Try again in a moment."
)


class BadInput(UsageError):
    """A filter the page cannot read (a malformed day or pair)."""


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadInput(f"{name}: expected a day as YYYY-MM-DD, got {value!r}") from exc


def _country(value: str | None, name: str) -> str | None:
    if not value:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise BadInput(f"{name}: expected a two-letter country code (CN, RU), got {value!r}")
    return code


def _pair(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    parts = [p for p in value.replace(",", "-").replace(" ", "-").split("-") if p]
    if len(parts) != 2:
        raise BadInput(f"pair: expected two country codes as CN-RU, got {value!r}")
    a, b = (_country(p, "pair") for p in parts)
    assert a is not None and b is not None
    return (a, b) if a < b else (b, a)


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise BadInput(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def create_app(db: Path, *, queries_file: Path | None = None) -> FastAPI:
    """The web page over the warehouse ``db`` (read-only); serve it with uvicorn.

    ``queries_file`` is ``queries.yaml``, read per request so an edit shows at once;
    its saved queries are listed and usable as ``@name`` in search and attention.
    """
    from wirewatch.queries import QueriesConfig, load_queries, resolve_query

    def saved() -> QueriesConfig:
        return load_queries(queries_file) if queries_file is not None else QueriesConfig()

    app = FastAPI(title="wirewatch", docs_url=None, redoc_url=None, openapi_url=None)
    index_dir = _index_dir(db)

    @contextmanager
    def reading() -> Iterator[Connection]:
        with connect(db, read_only=True, wait_seconds=tuning.LOCK_WAIT_SECONDS) as con:
            yield con

    def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        html = render(name, path=request.url.path, warehouse=db.name, **context)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})

    @app.exception_handler(WirewatchError)
    def _failed(request: Request, exc: WirewatchError) -> HTMLResponse:
        if isinstance(exc, WarehouseLocked):
            status, message = 503, LOCKED.format(seconds=tuning.LOCK_WAIT_SECONDS)
        elif isinstance(exc, UsageError):
            status, message = 400, str(exc)
        elif isinstance(exc, WarehouseError):
            status, message = 503, str(exc)
        else:
            status, message = 500, str(exc)
        return page("ui_error.html", request, status=status, title="Cannot answer", message=message)

    @app.get("/static/plotly.min.js")
    def _plotly() -> FileResponse:
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    def front(request: Request | None, first: date | None, form: dict[str, str]) -> HTMLResponse:
        """The front page without a query: the stories carried by the most sources."""
        with reading() as con:
            top = reads.top_stories(con, since=first, limit=tuning.SEARCH_STORIES)
            copies = reads.story_copies(con, [s["story_id"] for s in top])
        top = [{**s, "copies": copies.get(s["story_id"], [])} for s in top]
        html = render("ui_search.html", path="/", warehouse=db.name, title="Search", form=form,
                      hits=[], top=top, notice=None)
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    # Compile the templates and read the front page once now, so the first visitor pays for neither.
    for name in PAGES:
        environment().get_template(name)
    with suppress(WirewatchError):  # a missing or busy warehouse is said by the page itself
        front(None, None, dict.fromkeys(SEARCH_FIELDS, ""))

    @app.get("/", response_class=HTMLResponse)
    def search_page(
        request: Request,
        q: str = "",
        country: str = "",
        source: str = "",
        agency: str = "",
        since: str = "",
        until: str = "",
    ) -> HTMLResponse:
        form = {"q": q, "country": country, "source": source, "agency": agency,
                "since": since, "until": until}
        first, last = _day(since, "since"), _day(until, "until")
        code = _country(country, "country")
        if not q.strip():
            return front(request, first, form)
        resolved = resolve_query(q, saved())
        try:
            given = resolved.filters.overridden(
                since=first, until=last, country=code, source=source, agency=agency
            )
        except ValueError as exc:  # pydantic's: until before since, say
            raise BadInput(str(exc).splitlines()[-1].strip()) from exc
        found, notice = _search(index_dir, resolved.query, given.to_search())
        with reading() as con:
            copies = reads.story_copies(con, [h.story_id for h in found])
        hits = [{"hit": h, "copies": copies.get(h.story_id, [])} for h in found]
        return page("ui_search.html", request, title="Search", form=form, hits=hits, top=[],
                    notice=notice)

    @app.get("/story/{story_id}", response_class=HTMLResponse)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        with reading() as con:
            story = reads.story(con, story_id)
            copies = reads.story_copies(con, [story_id]).get(story_id, [])
            texts = reads.story_texts(con, story_id)
            updated = [aid for aid, row in texts.items() if row["version"] > 1]
            versions = {aid: [row] for aid, row in texts.items()}
            versions.update(reads.story_versions(con, updated))  # only copies updated in place
        if story is None:
            return page("ui_error.html", request, status=404, title="No such story",
                        message=f"There is no story {story_id!r} in the warehouse.")
        columns = _columns(story, copies, versions)
        return page("ui_story.html", request, title=story["title"] or story_id, story=story,
                    columns=columns)

    @app.get("/meetings", response_class=HTMLResponse)
    def meetings_page(
        request: Request,
        country: str = "",
        pair: str = "",
        kind: str = "",
        since: str = "",
        until: str = "",
    ) -> HTMLResponse:
        form = {"country": country, "pair": pair, "kind": kind, "since": since, "until": until}
        where = reads.MeetingFilter(
            since=_day(since, "since"),
            until=_day(until, "until"),
            country=_country(country, "country"),
            pair=_pair(pair),
            kind=_choice(kind, KINDS, "kind"),
        )
        with reading() as con:
            found = reads.meetings(con, where, limit=tuning.MEETING_ROWS)
            reports = reads.meeting_reports(con, [m["meeting_id"] for m in found])
        rows = [{**m, "reports_list": reports.get(m["meeting_id"], [])} for m in found]
        return page("ui_meetings.html", request, title="Meetings", form=form, meetings=rows,
                    kinds=KINDS, limit=tuning.MEETING_ROWS)

    @app.get("/alerts", response_class=HTMLResponse)
    def alerts_page(request: Request, status: str = "", since: str = "") -> HTMLResponse:
        form = {"status": status, "since": since}
        chosen = _choice(status, STATUSES, "status")
        with reading() as con:
            found = reads.latest_alerts(
                con, since=_day(since, "since"), status=chosen, limit=tuning.MEETING_ROWS
            )
        return page("ui_alerts.html", request, title="Alerts", form=form, alerts=found,
                    statuses=STATUSES, since=_day(since, "since"))

    @app.get("/attention", response_class=HTMLResponse)
    def attention_page(
        request: Request, q: list[str] = Query(default=[]), by: str = "week"  # noqa: B008
    ) -> HTMLResponse:
        queries = [text for text in q if text.strip()]
        period = _choice(by, PERIODS, "by") or "week"
        figure = None
        notice = None
        if queries:
            from wirewatch.desk.attention import attention_by_label

            try:
                series = attention_by_label(db, queries, saved(), by=period)
            except SearchIndexUnavailable as exc:
                notice = str(exc)
            else:
                figure = charts.attention_figure(series, period=period)
        return page("ui_attention.html", request, title="Attention", queries=queries or [""],
                    by=period, periods=PERIODS, figure=figure, notice=notice)

    @app.get("/queries", response_class=HTMLResponse)
    def queries_page(request: Request) -> HTMLResponse:
        listed = [
            {"name": q.name, "query": q.query, "description": q.description,
             "filters": _filter_words(q.filters.model_dump())}
            for q in saved().queries
        ]
        return page("ui_queries.html", request, title="Saved queries", saved=listed)

    return app


PAGES = ("ui_search.html", "ui_story.html", "ui_meetings.html", "ui_alerts.html",
         "ui_attention.html", "ui_queries.html", "ui_error.html")


SEARCH_FIELDS = ("q", "country", "source", "agency", "since", "until")


def _index_dir(db: Path) -> Path | None:
    try:
        from wirewatch.search import index_dir_for
    except ImportError:  # pragma: no cover - the search package ships with wirewatch
        return None
    return index_dir_for(db)


def _filter_words(filters: Mapping[str, Any]) -> str:
    """A saved query's filters as ``country: BY, RU; since: 2026-09-01``."""
    words = []
    for name, value in filters.items():
        if value in (None, (), [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, tuple | list) else str(value)
        words.append(f"{name}: {shown}")
    return "; ".join(words)


def _search(index_dir: Path | None, q: str, filters: Filters) -> tuple[list[Any], str | None]:
    """The best-ranked copy of each matching story, or none and a sentence saying why."""
    from wirewatch.search import SearchIndex

    if index_dir is None:
        return [], "There is no search index."
    try:
        index = SearchIndex.open(index_dir)
    except SearchIndexUnavailable as exc:
        return [], str(exc)
    return index.search_stories(q, filters, limit=tuning.SEARCH_STORIES), None


def _columns(
    story: Mapping[str, Any],
    copies: list[dict[str, Any]],
    versions: Mapping[str, list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """One column per copy: its current text diffed against the reference copy, then its versions.

    The reference is the originating agency's own copy, else the story's best copy.
    """
    def current(article_id: str) -> dict[str, Any]:
        found = versions.get(article_id) or [{"title": "", "text": "", "version": 0}]
        return found[-1]

    reference = next((c for c in copies if c["origin"]), None) or next(
        (c for c in copies if c["article_id"] == story["best_article_id"]), copies[0] if copies else None
    )
    if reference is None:
        return []
    ref_text = current(reference["article_id"])["text"] or ""
    columns = []
    ordered = [reference] + [c for c in copies if c is not reference]
    for copy in ordered:
        mine = current(copy["article_id"])
        segments, cut = diff_words(ref_text, mine["text"] or "", limit=tuning.DIFF_WORDS)
        history = versions.get(copy["article_id"], [])
        changes = []
        for older, newer in zip(history, history[1:], strict=False):
            change, _ = diff_words(older["text"] or "", newer["text"] or "", limit=tuning.DIFF_WORDS)
            changes.append({"from": older, "to": newer, "segments": change})
        columns.append({
            "article": copy,
            "reference": copy is reference,
            "segments": segments,
            "truncated": cut,
            "versions": len(history),
            "changes": changes,
        })
    return columns
