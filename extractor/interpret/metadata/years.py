"""The fiscal year where no title states it: a form header, a project period, the filing date, or
the years the body writes most.

"(2023年度)" under a form title, "项目起止时间2021年1月起至2021年12月止", "填报日期:2022年2月3日"
(filed after the year it covers: 2021), and "2023年度" counted in the body. Page chrome (发布日期…)
is never read. Patterns live in patterns/metadata.toml ([year]).
"""
from __future__ import annotations

from collections import Counter

from ... import rules
from .chrome import chrome_free
from .title import year_value

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def form_header_year(text: str, after: int | None) -> int | None:
    """The year of a "(2023年度)" form header just after a title ending at ``after``, else the
    first one in the head of the text."""
    head = _conf()["head"]
    rx = _re(_conf()["year"]["form_header"])
    if after is not None:
        end = after + head["form_header_window"]
        m = rx.search(text, after, end) or _re(_conf()["year"]["header_line"]).search(text, after, end)
        if m:
            return year_value(m.group("year"))
    m = rx.search(chrome_free(text[: head["max_chars"]]))
    return year_value(m.group("year")) if m else None


def title_header_year(text: str, after: int) -> int | None:
    """The year of a "(2023年度)" form header right after a title ending at ``after``."""
    m = _re(_conf()["year"]["form_header"]).search(text, after, after + _conf()["head"]["form_header_window"])
    return year_value(m.group("year")) if m else None


def year_end(text: str) -> int | None:
    """The year whose end the body states its figures at ("截至2024年12月31日")."""
    m = _re(_conf()["year"]["year_end"]).search(chrome_free(text))
    return int(m.group("year")) if m else None


def published_year(text: str) -> int | None:
    """The year before the page's publication date (a report is published after its year)."""
    head = text[: _conf()["head"]["max_chars"]]
    m = _re(_conf()["year"]["published"]).search(head)
    if m is None:  # "2024年05月10日 来源:…": a date opening a chrome line (not the portal's today, 星期…)
        m = next((d for d in _re(_conf()["year"]["dated_chrome"]).finditer(head) if d.group("label") != "星期"), None)
    return int(m.group("year")) - 1 if m else None


def period_year(text: str) -> int | None:
    """The year of a project period that starts and ends in it (项目起止时间2021年1月起至2021年12月止), or of
    a labelled period from January to December of one year (评价时间:2017年1月1日至2017年12月31日, 2019.1.1~2019.12.31)."""
    for key in ("period", "period_whole"):
        for m in _re(_conf()["year"][key]).finditer(text):
            if m.group("start") == m.group("end"):
                return int(m.group("start"))
    return None


def filed_year(text: str) -> int | None:
    """The year a report filed on 填报日期 covers: the year before, unless filed late in the year."""
    m = _re(_conf()["year"]["filed"]).search(text)
    if not m:
        return None
    late = m.group("month") and int(m.group("month")) >= _conf()["year"]["filed_same_year_from"]
    return int(m.group("year")) - (0 if late else 1)


def dated_line_year(text: str) -> int | None:
    """The year a report dated by a line of its own ("2016年5月" on a cover or over a signature) covers:
    the year before, unless dated late in the year (as a filing date)."""
    m = _re(_conf()["year"]["dated_line"]).search(chrome_free(text))
    if not m:
        return None
    late = int(m.group("month")) >= _conf()["year"]["filed_same_year_from"]
    return int(m.group("year")) - (0 if late else 1)


def forward_year(text: str) -> int | None:
    """The year before the one the report looks forward to ("在编制2024年部门预算时" → 2023)."""
    m = _re(_conf()["year"]["forward"]).search(chrome_free(text))
    return int(m.group("year")) - 1 if m else None


def body_year(text: str) -> int | None:
    """The year the body writes most ("2023年度", else "2023年"), page chrome and the years it looks
    forward to (编制2024年部门预算, [year] forward; a section 四、2024年工作计划, forward_section) left out; of
    years written as often, the year before the page's publication if it is one, else the latest."""
    body = chrome_free(text)
    for key in ("forward_section", "forward"):
        body = _re(_conf()["year"][key]).sub(lambda m: " " * len(m.group(0)), body)
    for key in ("body", "body_fallback"):
        years = Counter(year_value(m.group("year")) for m in _re(_conf()["year"][key]).finditer(body))
        if years:
            top = years.most_common(1)[0][1]
            tied = [y for y, n in years.items() if n == top]
            # ties: the year before the page's publication when it is one of them (a page published
            # 2018-09 that writes "2016年新增决算、2017年新增独立预决算单位" reports on 2017, heldout7 s013),
            # else the latest: the earlier is the background ("2023年中央下达…,2023年完成支付…;2024年结转2023年…
            # 资金…执行率34.3%", heldout7 s002 reports on 2024), the years looked forward to being left out
            published = published_year(text) if len(tied) > 1 else None
            return published if published in tied else max(tied)
    return None


def event_year(text: str) -> int | None:
    """The one year the body's dated events fall in ("2020年11月10日,…改建"), page chrome left out;
    None when they fall in several years or the body dates none."""
    years = {int(m.group("year")) for m in _re(_conf()["year"]["event"]).finditer(chrome_free(text))}
    return years.pop() if len(years) == 1 else None
