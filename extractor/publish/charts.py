"""Small server-side SVG bar charts for the Datasette charts page: no JavaScript, no CDN."""
from __future__ import annotations

from html import escape


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "", width: int = 640) -> str:
    """A horizontal bar chart as an SVG string; labels and values are escaped."""
    if not rows:
        return f"<h2>{escape(title)}</h2><p>暂无数据 / No data yet.</p>"
    bar_h, gap, label_w, value_w = 22, 6, 220, 120
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


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


CHART_QUERIES = [
    (
        "按年度的总支出（万元）· Total expenditure by year (万元)",
        "select cast(r.fiscal_year as text), sum(f.value) from facts f join reports r on r.id = f.report_id"
        " where f.key = 'total_expenditure' and r.fiscal_year is not null group by r.fiscal_year order by r.fiscal_year",
        "万元",
    ),
    (
        "按单位的总支出（万元）· Total expenditure by unit (万元)",
        "select coalesce(r.unit_name_normalized, r.unit_name, '?') || ' ' || coalesce(r.fiscal_year, ''), f.value"
        " from facts f join reports r on r.id = f.report_id where f.key = 'total_expenditure'"
        " order by f.value desc limit 20",
        "万元",
    ),
    (
        "按规则的核对发现 · Findings by rule",
        "select rule || ' (' || severity || ')', count(*) from findings group by rule, severity order by count(*) desc",
        "",
    ),
    (
        "按类型的数量 · Mentions by kind",
        "select kind, count(*) from mentions group by kind order by count(*) desc",
        "",
    ),
]


def charts_page(results: list[tuple[str, list[tuple[str, float]], str]], database: str) -> str:
    body = "".join(bar_chart(title, rows, unit) for title, rows, unit in results)
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>图表 · Charts</title>'
        '<link rel="stylesheet" href="/-/static/app.css"></head><body><div class="container">'
        f'<p class="crumbs"><a href="/">home</a> / <a href="/{escape(database)}">{escape(database)}</a></p>'
        f'<h1>图表 · Charts</h1>{body}</div></body></html>'
    )
