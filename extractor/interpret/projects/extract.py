"""The projects stage's entry point: projects (enumerated, table rows, named items, from forms,
single, inline, in that order of preference), budget groups and outputs of one report."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from functools import cache

from ... import rules
from ...model import Output, Project, ProjectGroup, Report
from .enumerated import enumerated_projects
from .counted import counted_projects
from .evidence import cued, instances, list_stands, project_run, split_into_projects, split_run, works_list
from .fields import field_values
from .vocabulary import vocab
from .named import named_items
from .forms import extra_form_projects, form_projects
from .guard import guarded
from .lastresort import last_resort_project
from .inline import clause_projects, fund_list, inline_projects, semicolon_projects
from .listed import (cued_projects, labelled_projects, marked_projects, quoted_projects, section_projects,
                     works_projects)
from .outputs import attach_outputs, completion_runs, find_outputs
from .paired import paired_projects
from .single import single_project
from .spent import executed_amount
from .tables import line_table_projects, ordinal_line_table_projects, spaced_table_projects, table_projects


def extract_projects(report: Report, gaps: Collection[int] = (), runs: Collection[int] = ()
                     ) -> tuple[list[Project], list[ProjectGroup], list[Output]]:
    """(projects, budget groups, outputs) of the report, all new records; the report is unchanged.
    ``gaps``: offsets of the text where normalization removed a space (a table's cell boundaries);
    ``runs``: those where it removed no line break (a page read as runs of text: its title is one)."""
    counted = cache(lambda: counted_projects(report))  # read once, asked for by up to three branches
    projects, groups = enumerated_projects(report)
    if not projects:
        projects = (table_projects(report) or ordinal_line_table_projects(report) or line_table_projects(report)
                    or spaced_table_projects(report, gaps))
    if not projects:
        projects = named_items(report)
        if projects:
            # a list sentence naming the projects ("共安排支出项目4个,即A120万元、B59万元…") speaks
            # for them all; numbered items that restate them come second
            listed = inline_projects(report)
            if len(listed) >= len(projects):
                projects = listed
        projects = _unless_one(report, projects, runs)
        if report.report_kind in ("project", "department") and len(counted()) > len(projects):
            projects = _with_money(report, counted())  # the text counts more projects than the numbered items gave
    if not projects:
        # a list after a cue that the money is split into projects ("资金共分为10个项目")
        projects = cued_projects(report)
    if not projects:
        projects = form_projects(report.forms, unit_name=report.unit_name, text=report.text)
        if len(projects) == 1 and projects[0].amount is None and report.report_kind == "project":
            # the one form's budget block gave no line (written as prose, say): the report's
            # executed amount is its project's
            amount, at = executed_amount(report)
            if amount is not None:
                projects = [replace(projects[0], amount=amount, amount_mention=at)]
    else:
        projects += extra_form_projects(report.forms, projects, report.unit_name, report.text)
    single = False
    if not projects and report.report_kind != "department":
        p = single_project(report, runs)
        if p is not None:
            # a title naming two projects, each with its money in the text, lists both
            projects = paired_projects(report, p.name) or [p]
            single = len(projects) == 1
            # its money one item of a list of funds with their money: the report lists them all
            funds = fund_list(report, p.amount_mention) if single else []
            if funds:
                projects, single = funds, False
            if single:
                # a list of projects with money outranks a name only an allotment sentence gave, and
                # any single name when the text counts or announces its projects ("共支持3个项目,分别为…")
                listed = (clause_projects(report) or inline_projects(report) or marked_projects(report)
                          or quoted_projects(report) or semicolon_projects(report) or works_projects(report)
                          or labelled_projects(report))
                weak = p.rule_id == "projects:single_allotted"
                # a sum the text splits into named projects ("共收到…资金246.1万元,安排A项目120.5万元、B项目…")
                split = [] if len(listed) >= 2 else works_projects(report, lambda items: split_run(report, items))
                if len(listed) >= 2 and (list_stands(report, listed) if weak
                                           else cued(report, listed) or works_list(listed)
                                           or instances(p.name, listed) or split_into_projects(report, listed)):
                    projects, single = listed, False
                elif len(split) >= 2:
                    projects, single = split, False
                elif len(counted()) >= 2:
                    projects, single = _with_money(report, counted()), False  # names the text counts
    if not projects:
        projects = clause_projects(report) or inline_projects(report)
    if not projects:
        projects = (marked_projects(report) or quoted_projects(report) or semicolon_projects(report)
                    or section_projects(report) or works_projects(report)
                    # 2–3 items calling themselves projects in a project report; in a department's, items
                    # calling themselves projects that make up a sum it states (项目支出1627.66万元,A项目占…)
                    or works_projects(report, project_run if report.report_kind == "project"
                                      else lambda items: split_run(report, items)))
    if not projects:  # "项目一:…;项目二:…" lines, a cue counting them
        labelled = labelled_projects(report)
        projects = labelled if labelled and list_stands(report, labelled) else []
    if not projects and report.report_kind in ("project", "department") and len(counted()) >= 2:
        projects = _with_money(report, counted())  # marked items the text counts, whatever their names end in
    if not projects and (last := last_resort_project(report, runs)) is not None:
        projects, single = [last], True  # a project report stating money: its best title-like head line
    projects = guarded(projects)  # chrome, headings and sentences are no names
    runs = completion_runs(report)
    outputs = find_outputs(report, runs)
    attach_outputs(report, projects, outputs, single, runs)
    for p in projects:
        if p.start is not None:
            p.page = report.page_at(p.start)
    return projects, groups, outputs


def _with_money(report: Report, counted: list[Project]) -> list[Project]:
    """The projects a text counts, read with their money where a list gives it: "共实施5个项目,具体如下:\n一是
    A,全年支出118.2万元。\n二是B…" counts five names (counted.py) that a list of marked items also reads,
    each with its amount. The list replaces the counted names when it holds as many, all with money."""
    for reader in (clause_projects, inline_projects, marked_projects, quoted_projects, semicolon_projects):
        listed = reader(report)
        if len(listed) >= len(counted) and all(p.amount is not None for p in listed):
            return listed
    return counted


def _unless_one(report: Report, projects: list[Project], runs: Collection[int] = ()) -> list[Project]:
    """A list read from a project report's prose without evidence that it lists projects
    (evidence.list_stands) gives way to the report's one project named by its title or its
    项目名称 field: the items are that project's parts (its works, funds or towns). Else the list."""
    if not projects or list_stands(report, projects):
        return projects
    return [] if _one_project(report, runs) else projects


def _one_project(report: Report, runs: Collection[int] = ()) -> Project | None:
    """The single project a title, a bracketed name, a 项目名称 field or a subject sentence names,
    when two sources agree on it: a 项目名称 cell names it too (or a name containing it, or contained
    in it), or the text writes it more than once (the title and the body). A name only one title
    gives stands alone only when it is a full name: at least ``_FULL_NAME_HAN`` Han characters
    before its project word ("委项目" left of a generic title is none)."""
    p = single_project(report, runs)
    if p is None or p.rule_id != "projects:single":
        return None
    cells = [value for value, _, _ in field_values(report.text, frozenset(runs))]
    agreed = report.text.count(p.name) >= _AGREEING_USES or any(p.name in c or c in p.name for c in cells)
    stem = vocab().item_project_word.sub("", p.name)
    full = len(rules.compiled(r"\p{Han}").findall(stem)) >= _FULL_NAME_HAN
    return p if agreed or full else None


_AGREEING_USES = 2  # a name written this often in the text is confirmed by the text itself
_FULL_NAME_HAN = 4  # Han characters of a name standing alone, its project word aside
