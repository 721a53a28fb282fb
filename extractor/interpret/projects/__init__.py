"""Projects, budget groups and work outputs of a report.

Four ways a report names its projects, tried in this order:

1. enumerated.py: an enumerated list of numbered items under a budget-group heading ("1.年初预算
   项目200万元专项资金,…") or under a project-performance heading ("(二)项目支出绩效情况");
2. forms.py: self-assessment forms (``report.forms``): the form's 项目名称 with its total line's
   executed amount;
3. single.py: a single-project report: one project named from the title, a bracketed name under
   or after the title ("…项目绩效自评报告(春节慰问经费项目)") or the subject sentence, with the
   executed amount (else the full-year budget); left out when no amount is stated;
4. inline.py: an inline list, when nothing above named a project: name + amount pairs after a
   trigger word in a sentence about project spending ("项目支出包括委员活动经费36.3万元,…"), or
   a ";"-separated list of projects.

outputs.py finds work quantities (runs opened by 完成: "完成…沥青调补241立方;垮方清理962立方;…")
and satisfaction rates ("群众满意度为90%") and links them to projects. amounts.py gives amounts
their meaning from their labels; attributes.py reads goal attainment and road codes; every word
list and regex lives in patterns/projects.toml (vocabulary.py). The stage reads the report and
returns new records; it changes nothing in the report.
"""
from .attributes import goal_status, road_code, stake_range
from .extract import extract_projects
from .forms import form_project_name
from .outputs import find_outputs
from .single import project_name_from_title

__all__ = [
    "extract_projects", "find_outputs", "form_project_name", "goal_status", "project_name_from_title",
    "road_code", "stake_range",
]
