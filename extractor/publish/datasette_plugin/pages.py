"""The plugin's pages, each inside Datasette's base template (its styling, its navigation):

    /-/findings            the findings queue: most severe first, evidence quoted inline, a form
                           per finding to mark it confirmed or a false alarm (POST /-/findings/mark)
    /-/unit/<id>           one unit across years: main facts side by side, a chart, findings,
                           projects, and links to each report
    /-/review/<report id>  a report's text with every extracted span highlighted (the live
                           version of `extractor render`'s review page)
    /-/charts              spending by year and unit, findings by rule, mentions by kind
    /rendered/             the rendered reports' index (with serve --rendered)

Every read goes through extractor.store under Datasette's time limit; the one write (a mark) goes
through Datasette's write connection, only when the plugin's ``review_writes`` is on (serve sets
it when bound to a loopback address) and the request comes from this machine.
"""
from __future__ import annotations

import functools
import ipaddress
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import sqlite_utils
from datasette import Response
from datasette.utils import sqlite_timelimit
from markupsafe import Markup

from ... import store
from ...errors import NoSuchFinding, NoSuchReport
from ..charts import bar_chart, chart_results
from ..dictionary import fact_label, labels, value_label
from ..render import layered_html, legend, review_findings, review_marks
from ..render.blocks import findings_by_severity, report_title
from ..render.links import Links
from .cells import number
from .quotes import finding_card, previous_mentions

CSS = Path(__file__).resolve().parent / "static" / "extractor.css"
PAGE_SIZE = 100
QUEUE_VIEWS = {"open": "待审核 to review", "reviewed": "已审核 reviewed", "all": "全部 all"}


def _config(datasette) -> dict:
    return datasette.plugin_config("extractor") or {}


async def _read(datasette, fn):
    """Run ``fn(db)`` (a sqlite_utils Database over Datasette's read connection) under the time limit."""
    database = datasette.get_database()
    limit = datasette.setting("sql_time_limit_ms")

    def run(conn):
        with sqlite_timelimit(conn, limit):
            return fn(sqlite_utils.Database(conn))

    return database, await database.execute_fn(run)


async def _page(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    database = datasette.get_database()
    context = {"database": database.name, "rendered_url": _config(datasette).get("rendered_url"), **context}
    return Response.html(await datasette.render_template(template, context, request=request), status=status)


async def _not_found(datasette, request, message: str) -> Response:
    return await _page(datasette, request, "extractor_message.html", {"title": "未找到 · Not found", "message": message}, 404)


def our_tables(view):
    """A page of a database without extractor's tables (or of an older schema) says so, instead
    of failing with a server error."""
    @functools.wraps(view)
    async def wrapped(datasette, request):
        try:
            return await view(datasette, request)
        except sqlite3.OperationalError as e:
            return await _page(datasette, request, "extractor_message.html", {
                "title": "不是 extractor 的数据库 · Not an extractor database",
                "message": f"{e}: 用 extractor ingest 建立数据库 / build the database with `extractor ingest`"}, 500)
    return wrapped


# ------------------------------------------------------------------ findings queue
def writes_allowed(datasette, request) -> bool:
    """Marks are written only when serve allowed it and the request comes from this machine."""
    if not _config(datasette).get("review_writes"):
        return False
    client = (request.scope.get("client") or ("",))[0]
    try:
        return ipaddress.ip_address(client).is_loopback
    except ValueError:
        return client in ("testclient", "localhost")


def _queue_args(request) -> dict:
    args = request.args
    view = args.get("view") or "open"
    return {
        "reviewed": view if view in QUEUE_VIEWS else "open", "severity": args.get("severity") or "",
        "rule": args.get("rule") or "", "unit": (args.get("unit") or "").strip(),
        "report": int(args["report"]) if (args.get("report") or "").isdigit() else None,
        "page": max(1, int(args.get("page") or 1)) if (args.get("page") or "1").isdigit() else 1,
    }


@our_tables
async def findings_queue(datasette, request):
    """GET /-/findings: the queue, filtered by view (open / reviewed / all), severity, rule, unit."""
    q = _queue_args(request)

    def read(db):
        rows = store.findings_queue(db, reviewed=q["reviewed"], severity=q["severity"], rule=q["rule"],
                                    unit=q["unit"], report_id=q["report"], limit=PAGE_SIZE + 1, offset=(q["page"] - 1) * PAGE_SIZE)
        previous = store.browse.mention_reports(db, previous_mentions(rows))
        return rows, previous, store.queue_counts(db), store.finding_rules(db)

    _, (rows, previous, counts, rules) = await _read(datasette, read)
    more = len(rows) > PAGE_SIZE
    filters = {k: v for k, v in (("view", q["reviewed"]), ("severity", q["severity"]), ("rule", q["rule"]),
                                 ("unit", q["unit"]), ("report", q["report"])) if v}
    return await _page(datasette, request, "extractor_findings.html", {
        "cards": [finding_card(r, previous) for r in rows[:PAGE_SIZE]], "counts": counts, "rules": rules, "q": q,
        "views": QUEUE_VIEWS, "severities": [(s, value_label("severity", s)) for s in ("error", "warning", "info")],
        "statuses": [(s, value_label("review_status", s)) for s in store.STATUSES],
        "writable": writes_allowed(datasette, request), "here": request.full_path,
        "next_url": f"/-/findings?{urlencode({**filters, 'page': q['page'] + 1})}" if more else None,
        "prev_url": f"/-/findings?{urlencode({**filters, 'page': q['page'] - 1})}" if q["page"] > 1 else None,
    })


def _safe_next(url: str | None) -> str:
    """Where to go after a mark: a path of this site only."""
    return url if url and url.startswith("/") and not url.startswith("//") else "/-/findings"


async def mark_finding(datasette, request):
    """POST /-/findings/mark: save (or clear) a reviewer's mark, then back to the page it came from."""
    if request.method != "POST":
        return Response.redirect("/-/findings")
    form = await request.post_vars()
    # Datasette's CSRF check (asgi-csrf) lets through a POST that carries no cookie at all, as a
    # cross-site form posted to 127.0.0.1 would: a mark needs the token cookie and the form field,
    # which asgi-csrf has then compared.
    if not (request.cookies.get("ds_csrftoken") and form.get("csrftoken")):
        return Response.text("CSRF token missing: mark findings from the /-/findings page", status=403)
    back = _safe_next(form.get("next"))
    if not writes_allowed(datasette, request):
        datasette.add_message(request, "只读：标注需在本机运行 extractor serve（127.0.0.1）/ Read-only: marking needs"
                                       " `extractor serve` on 127.0.0.1", datasette.ERROR)
        return Response.redirect(back)
    fingerprint, status, note = form.get("fingerprint", ""), form.get("status", ""), form.get("note", "")
    reviewer = (request.actor or {}).get("id", "") if request.actor else ""

    def write(conn):
        db = sqlite_utils.Database(conn)
        if status == "clear":
            store.clear_review(db, fingerprint)
            return None
        return store.save_review(db, fingerprint, status, note, reviewer)

    if status not in (*store.STATUSES, "clear"):
        datasette.add_message(request, f"未知状态 unknown status {status!r}", datasette.ERROR)
        return Response.redirect(back)
    try:
        mark = await datasette.get_database().execute_write_fn(write, block=True)
    except NoSuchFinding as e:
        datasette.add_message(request, str(e), datasette.ERROR)
        return Response.redirect(back)
    if mark:
        datasette.add_message(request, f"已标注 marked {value_label('review_status', status)}: {mark['rule']}"
                                       f" · {mark['unit_name'] or ''} {mark['fiscal_year'] or ''}", datasette.INFO)
    else:
        datasette.add_message(request, "已取消标注 mark removed", datasette.INFO)
    return Response.redirect(back)


# ------------------------------------------------------------------ unit page
def _fact_table(reports: list[dict], facts: dict[int, dict], keys: list[str]) -> tuple[list[dict], list[dict]]:
    """Columns (one per year and kind, its reports) and rows (one per fact key, its value in each
    column: the first report of the column that states it)."""
    columns: list[dict] = []
    for r in reports:
        key = (r["fiscal_year"], r["report_kind"])
        if not columns or columns[-1]["key"] != key:
            columns.append({"key": key, "year": r["fiscal_year"], "kind": value_label("report_kind", r["report_kind"]),
                            "reports": []})
        columns[-1]["reports"].append(r)
    rows = []
    for key in keys:
        cells, unit = [], ""
        for col in columns:
            found = next((facts[r["id"]][key] for r in col["reports"] if key in facts.get(r["id"], {})), None)
            cells.append(number(found["value"]) if found and found["value"] is not None else "")
            unit = unit or (found or {}).get("unit") or ""
        if any(cells):
            rows.append({"label": fact_label(key), "key": key, "unit": unit, "cells": cells})
    return columns, rows


@our_tables
async def unit_page(datasette, request):
    """GET /-/unit/<id>: one unit across years."""
    unit_id = int(request.url_vars["unit_id"])
    spec = labels("datasette.unit_page")
    keys = list(spec["facts"])

    def read(db):
        unit = store.browse.unit(db, unit_id)
        if unit is None:
            return None
        reports = store.browse.unit_reports(db, unit_id)
        facts = store.browse.report_facts(db, [r["id"] for r in reports], keys)
        findings = store.findings_queue(db, reviewed="all", unit_id=unit_id, limit=500)
        previous = store.browse.mention_reports(db, previous_mentions(findings))
        return (unit, reports, facts, findings, previous, store.browse.unit_series(db, unit_id),
                store.browse.unit_projects(db, unit_id))

    database, found = await _read(datasette, read)
    if found is None:
        return await _not_found(datasette, request, f"没有编号为 {unit_id} 的单位 / no unit {unit_id}")
    unit, reports, facts, findings, previous, series, projects = found
    columns, rows = _fact_table(reports, facts, keys)
    chart_key = spec["chart_fact"]
    chart_rows = []
    for col in columns:
        values = [facts[r["id"]][chart_key]["value"] for r in col["reports"] if chart_key in facts.get(r["id"], {})]
        if values and values[0] is not None:
            chart_rows.append((f"{col['year'] or '?'} {col['kind']}", float(values[0])))
    chart = Markup(bar_chart(f"{fact_label(chart_key)}（万元）", chart_rows, " 万元", width=560)) if chart_rows else None
    return await _page(datasette, request, "extractor_unit.html", {
        "unit": unit, "reports": reports, "columns": columns, "rows": rows, "chart": chart,
        "cards": [finding_card(f, previous) for f in findings], "series": series, "projects": projects,
        "kind_label": lambda k: value_label("report_kind", k),
        "goal_label": lambda g: value_label("goal_status", g), "number": number,
    })


# ------------------------------------------------------------------ review page
@our_tables
async def review_page(datasette, request):
    """GET /-/review/<report id>: the report's text with every extracted span highlighted."""
    report_id = int(request.url_vars["report_id"])

    def read(db):
        try:
            stored = store.load_report(db, report_id)
        except NoSuchReport:
            return None
        return stored, store.browse.report_header(db, report_id)

    database, found = await _read(datasette, read)
    if found is None:
        return await _not_found(datasette, request, f"没有编号为 {report_id} 的报告 / no report {report_id}")
    stored, header = found
    links = Links(stored)
    marks = review_marks(stored, links)
    return await _page(datasette, request, "extractor_review.html", {
        "rid": report_id, "title": report_title(stored), "header": header,
        "text": layered_html(links.text, marks), "legend": legend(stored, marks),
        "findings": review_findings(links, findings_by_severity(stored)),
    })


# ------------------------------------------------------------------ charts, css, rendered index
async def charts(datasette, request):
    """GET /-/charts: the store's rows of each chart (a database without our tables, or a query
    cut off by the time limit, shows an empty chart)."""
    def read(db):
        return {name: store.chart_rows(db.conn, name) for name in store.CHARTS}

    _, rows = await _read(datasette, read)
    charts_html = [Markup(bar_chart(title, values, unit)) for title, values, unit in chart_results(rows)]
    return await _page(datasette, request, "extractor_charts.html", {"charts": charts_html})


async def stylesheet(datasette, request):
    """GET /-/extractor.css: the pages' and the cells' styles."""
    return Response(CSS.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


async def rendered_index(datasette, request):
    """GET /rendered/: the rendered reports' index page, or a word on how to get one."""
    base = _config(datasette).get("rendered_url")
    if base:
        return Response.redirect(f"{base}index.html")
    return await _not_found(datasette, request, "没有渲染的报告：先运行 extractor render --db FILE --out rendered，"
                                                "再用 extractor serve --rendered rendered / No rendered reports:"
                                                " run `extractor render` and serve with --rendered")


ROUTES = [
    (r"^/-/findings$", findings_queue),
    (r"^/-/findings/mark$", mark_finding),
    (r"^/-/unit/(?P<unit_id>\d+)$", unit_page),
    (r"^/-/review/(?P<report_id>\d+)$", review_page),
    (r"^/-/charts$", charts),
    (r"^/-/extractor\.css$", stylesheet),
    (r"^/rendered/?$", rendered_index),
]
