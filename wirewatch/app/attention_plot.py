"""Attention charts: several queries side by side, readable on sparse data.

Few periods are drawn as grouped bars (a line through two points, or a single dot
on a daily axis, says little); more as lines with a step per period. The x axis
is labelled in the period's own terms (2026-11-17, 2026-W47, 2026-11). PNG is
drawn with matplotlib, like the trend plots; HTML with plotly, its JavaScript
embedded so the file opens offline.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from wirewatch.app.trends import check_plot_path
from wirewatch.attention import Attention
from wirewatch.errors import UsageError
from wirewatch.files import write_replacing

__all__ = ["plot_attention"]

# Up to this many periods a chart shows bars: each one is visible, even a lone period.
BARS_UP_TO = 16
# Tick labels shown on the x axis at most (every n-th period beyond that).
MAX_TICKS = 14


def _values(result: Attention, share: bool) -> list[tuple[str, list[float]]]:
    out = []
    for s in result.series:
        if share and s.shares is not None:
            out.append((s.query, [0.0 if v is None else 100 * v for v in s.shares]))
        else:
            out.append((s.query, [float(v) for v in s.stories]))
    return out


def plot_attention(result: Attention, path: Path, *, share: bool = False) -> bool:
    """Draw ``result`` to ``path`` (.png or .html); True when an existing file was replaced."""
    replaces = check_plot_path(path)
    if not result.periods:
        raise UsageError("nothing to plot: no story matched any query")
    title = f"Stories per {result.by}" + (" (% of all stories)" if share else "")
    if path.suffix.lower() == ".html":
        data = _plotly_html(result, title, share)
    else:
        data = _matplotlib_png(result, title, share)
    write_replacing(path, data, option="--plot")
    return replaces


def _plotly_html(result: Attention, title: str, share: bool) -> bytes:
    import plotly.graph_objects as go

    labels = result.labels()
    fig = go.Figure()
    bars = len(labels) <= BARS_UP_TO
    for name, ys in _values(result, share):
        if bars:
            fig.add_trace(go.Bar(x=labels, y=ys, name=name))
        else:
            fig.add_trace(go.Scatter(x=labels, y=ys, name=name, mode="lines", line_shape="hv"))
    fig.update_layout(
        title=title,
        barmode="group",
        xaxis={"title": result.by, "type": "category"},
        yaxis={"title": "% of stories" if share else "stories", "rangemode": "tozero"},
        legend={"orientation": "h"},
    )
    page = fig.to_html(include_plotlyjs=True, full_html=True, default_width="100%")
    return page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1).encode()


def _matplotlib_png(result: Attention, title: str, share: bool) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = result.labels()
    values = _values(result, share)
    positions = list(range(len(labels)))
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        fig, ax = plt.subplots(figsize=(10, 5))
        try:
            if len(labels) <= BARS_UP_TO:
                width = 0.8 / max(1, len(values))
                for k, (name, ys) in enumerate(values):
                    offset = (k - (len(values) - 1) / 2) * width
                    ax.bar([x + offset for x in positions], ys, width=width, label=name)
            else:
                for name, ys in values:
                    ax.step(positions, ys, where="mid", label=name)
            step = max(1, -(-len(labels) // MAX_TICKS))
            ax.set_xticks(positions[::step], labels[::step], rotation=45, ha="right")
            ax.set_ylim(bottom=0)
            ax.set_title(title)
            ax.set_xlabel(result.by)
            ax.set_ylabel("% of stories" if share else "stories")
            ax.legend(fontsize="small")
            fig.tight_layout()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=100)
        finally:
            plt.close(fig)
    return buffer.getvalue()
