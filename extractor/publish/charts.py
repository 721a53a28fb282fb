"""Small server-side SVG bar charts for the Datasette charts page: no JavaScript, no CDN."""
from __future__ import annotations

from html import escape

from .dictionary import labels


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart as an SVG string; labels and values are escaped."""
    if not rows:
        return f"<h2>{escape(title)}</h2><p>暂无数据 / No data yet.</p>"
    bar_h, gap, value_w = 22, 6, 120
    label_w = min(360, max(120, max(_text_width(str(label)) for label, _ in rows) + 16))
    top = max(v for _, v in rows) or 1
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1, int((width - label_w - value_w) * (value / top))) if value > 0 else 1
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" font-size="13">{escape(str(label))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#4C78A8"><title>{escape(str(label))}: {value:g}{escape(unit)}</title></rect>'
            f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.0f}" font-size="13">{_number(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return f'<h2>{escape(title)}</h2><figure class="chart">{"".join(parts)}</figure>'


def _text_width(text: str) -> int:
    """Rough width in pixels of ``text`` at 13 px: a Han character is square, a Latin one half that."""
    return int(sum(13 if ord(c) > 0x2E7F else 7.5 for c in text))


def _number(value: float) -> str:
    """A bar's value label: thousands separated, two decimals unless whole."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def chart_results(rows: dict[str, list[tuple]]) -> list[tuple[str, list[tuple[str, float]], str]]:
    """Each chart's title and unit (patterns/dictionary.toml [charts.<name>]) with its rows as
    (label, value) pairs, from the rows the store gave for each chart name, in that order."""
    out = []
    for name, found in rows.items():
        spec = labels(f"charts.{name}")
        try:
            values = [(r[0], float(r[1] or 0)) for r in found]
        except (TypeError, ValueError):  # not a chart of numbers: shown empty
            values = []
        out.append((spec["title"], values, spec["unit"]))
    return out


def charts_page(results: list[tuple[str, list[tuple[str, float]], str]], database: str) -> str:
    """The whole charts page: one bar chart per (title, rows, unit), under a link to the database."""
    body = "".join(bar_chart(title, rows, unit) for title, rows, unit in results)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>图表 · Charts</title>'
        '<link rel="stylesheet" href="/-/static/app.css"></head><body><div class="container">'
        f'<p class="crumbs"><a href="/">home</a> / <a href="/{escape(database)}">{escape(database)}</a></p>'
        f'<h1>图表 · Charts</h1>{body}</div></body></html>'
    )
