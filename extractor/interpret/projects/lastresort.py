"""The last-resort name of a single-project report: a report of the project kind that states money
and got no project from any other source (forms, tables, lists, its title candidates, a 项目名称
field) is named by the best title-like line in the head of its text. The head is its first
``title.last.head_lines`` lines (a line wider than a title read as its runs of text), page chrome
skipped ([[guard.not_name]] guard.chrome); a line holding a report word
([title.last_report_word]: 自评报告, 自评表, 评价报告, 自评结果…), its mirror wrapper cut
([[title.last_chrome]]: "(精选7篇)", "范文篇1", ".docx_第1页"), is read by the title grammar
(single.project_name_from_title); a part heading naming a fund ([title.last_part_heading]:
"一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)") names it as written. The first line that gives
a name passing the well-formedness gate (guard.cleaned_name) wins; its amount is the report's
executed amount, else what its 执行率 says was spent, else its best-labelled amount, else None;
its name is given the fuller form or the head the body writes (guard.fuller_name, guard.body_head).
A department report, a report of unknown kind and one whose excerpt states no money get none
(dev d010, d011). bench/last_resort.py measures its precision alone over every non-blind project report."""
from __future__ import annotations

from collections.abc import Collection

from ... import rules
from ...model import Project, Report
from .amounts import best_amount
from .guard import MIN_HEAD, body_head, body_lines, cleaned_name, fuller_name, head_cut, heads_before
from .single import named_without_amount, run_lines, project_name_from_title
from .spent import executed_amount, rate_spent_amount
from .vocabulary import vocab


def last_resort_name(report: Report, runs: Collection[int] = ()) -> tuple[str, str] | None:
    """(name, the head line it was read from) of the report's last-resort name, or None."""
    v = vocab()
    seen = 0
    for line_runs in run_lines(report.text, runs):
        for line in line_runs:
            compact = rules.compiled(r"\s+").sub("", line).strip("|")
            if not compact:
                continue
            seen += 1
            if v.guard_chrome_line.search(compact) and not v.last_report_word.search(compact):
                continue
            name = _name_of(compact, report)
            if name:
                return name, compact
        if seen >= v.last_head_lines:
            break
    return None


def _name_of(line: str, report: Report) -> str | None:
    """The name one head line gives (a title line or a part heading naming a fund), or None."""
    v = vocab()
    part = v.last_part_heading.match(line)
    if part:
        return _full(cleaned_name(part.group("name")), report)
    if len(line) > v.last_max_chars or not v.last_report_word.search(line):
        return None
    line = v.guard_label.sub("", v.title_page_chunk.sub("", line))  # "2.…", "•标题:…" before the title
    for _ in range(len(v.last_chrome)):
        for chrome in v.last_chrome:
            line = chrome.sub("", line)
    found = project_name_from_title(line, report.unit_name, report.region)
    return _full(cleaned_name(found), report) if found else None


def _full(name: str | None, report: Report) -> str | None:
    """``name`` when it is a full name: ``title.last.full_han`` Han characters or more once the generic
    words ending it are taken off ([title.last_generic_tail]), or written in a line of the body
    ("雪亮工程"); None for a short one only the title gives ("委项目", "残联项目", "抗疫资金项目")."""
    v = vocab()
    if not name:
        return None
    stem = v.last_generic_tail.sub("", name)
    if len(rules.compiled(r"\p{Han}").findall(stem)) >= v.last_full_han:
        return name
    return name if any(name in line for line in body_lines(report)) else None


def _majority_head(report: Report, name: str) -> str:
    """A short title's name given the head most uses of it in the body write before it: "社会救助" (an
    essay site's title "社会救助绩效评价报告范文", heldout7 s018) → "生活无著人员社会救助", the body writing
    "我县生活无著人员社会救助工作", "落实生活无著人员社会救助制度"… six times of eight ("中央财政社会救助补助
    资金" once). A use's head is the run of Han characters before it (at most ``guard.head.reach``), cut
    after its last place, organisation or year word ([guard.head_not]); the longest ending shared by
    more than half of the uses, and by at least ``guard.fuller_min``, is added. The name as is otherwise."""
    v = vocab()
    heads = [head_cut(h) for h in heads_before(report, name)]
    uses = len(heads)
    endings: dict[str, int] = {}
    for head in heads:
        for n in range(MIN_HEAD, len(head) + 1):
            endings[head[-n:]] = endings.get(head[-n:], 0) + 1
    shared = [e for e, n in endings.items() if n >= v.guard_fuller_min and 2 * n > uses]
    best = max(shared, key=len, default=None)
    if best and not v.title_province.match(best):
        return best + name
    return name


def last_resort_project(report: Report, runs: Collection[int] = ()) -> Project | None:
    """The project of a project report that states money, named by last_resort_name; None for any
    other report or when no head line names one."""
    if report.report_kind != "project" or not named_without_amount(report):
        return None
    found = last_resort_name(report, runs)
    if found is None:
        return None
    amount, amount_i = executed_amount(report)
    if amount is None and (spent := rate_spent_amount(report)) is not None:
        amount, amount_i = report.mentions[spent].value, spent
    if amount is None:
        amount_i = best_amount(report, 0, len(report.text), require_label=True, skip_parts=True, skip_doubt=True)
        amount = report.mentions[amount_i].value if amount_i is not None else None
    name = _majority_head(report, body_head(report, fuller_name(report, found[0])))  # as the body writes it
    return Project(ordinal=1, name=name, amount=amount, amount_mention=amount_i, start=0,
                   end=len(report.text), rule_id="projects:last_resort")
