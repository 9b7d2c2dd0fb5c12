"""The templates and what they share: one jinja2 environment with autoescape always on.

Every scraped string reaches a page through a template expression, so it is
escaped; charts go through :func:`wirewatch.desk.charts.chart_json`; plotly.js
comes from the installed plotly package, never a CDN.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from wirewatch.desk.charts import KIND_LABELS, chart_json

__all__ = ["environment", "plotly_js", "plotly_js_path", "render"]


def plotly_js_path() -> Path:
    """The plotly.js bundle shipped inside the installed plotly package."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


@cache
def plotly_js() -> str:
    """The plotly.js bundle's text (read once per process)."""
    return plotly_js_path().read_text(encoding="utf-8")


def _when(value: Any) -> str:
    """A moment as ``YYYY-MM-DD HH:MM`` UTC, a day as ``YYYY-MM-DD``, nothing as a dash."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _minutes(value: Any) -> str:
    """A lag in minutes as ``+3 h 25 min`` / ``-1 h 35 min``."""
    if value is None:
        return "–"
    total = round(float(value))
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    if hours:
        return f"{sign}{hours} h {minutes:02d} min"
    return f"{sign}{minutes} min"


def _host(url: Any) -> str:
    return urlsplit(str(url or "")).netloc


def _safe_url(url: Any) -> str:
    """A link target only when it is http(s): a scraped ``javascript:`` URL is not a link."""
    text = str(url or "")
    return text if urlsplit(text).scheme in ("http", "https") else "#"


@cache
def environment() -> jinja2.Environment:
    """The desk's jinja2 environment: package templates, autoescape on for every template."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wirewatch.desk", "templates"),
        autoescape=True,  # every template, whatever its name: scraped text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["chartjson"] = chart_json
    env.filters["when"] = _when
    env.filters["minutes"] = _minutes
    env.filters["host"] = _host
    env.filters["safe_url"] = _safe_url
    env.globals["kind_label"] = lambda kind: KIND_LABELS.get(kind, kind)
    return env


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)
