"""The desk: a self-contained report page and a local read-only web page over the warehouse.

Both read through the store on sealed read-only connections, render
server-side with jinja2 (autoescape on: scraped text is never markup) and draw
charts with plotly.js from the installed plotly package::

    info = build_report(db, Path("report.html"), since=date(2026, 9, 1))
    app = create_app(db)          # a FastAPI app; `wirewatch ui` serves it with uvicorn

Limits (rows, series, lock wait) are data in ``wirewatch.desk.tuning``.
This package never imports Prefect or the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirewatch.desk.report import ReportInfo, build_report, check_report_path
    from wirewatch.desk.web import create_app

__all__ = ["ReportInfo", "build_report", "check_report_path", "create_app"]

_WHERE = {
    "ReportInfo": "report",
    "build_report": "report",
    "check_report_path": "report",
    "create_app": "web",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
