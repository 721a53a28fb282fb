"""Projects, budget groups and work outputs of a report.

Ways a report names its projects, tried in this order:

1. enumerated.py: an enumerated list of numbered items under a budget-group heading ("1.年初预算
   项目200万元专项资金,…") or under a project-performance heading ("(二)项目支出绩效情况");
2. tables.py: the rows of a table with a 项目名称 column and a money column with its unit
   ("项目名称 | 发行金额(亿元)"), its cells between pipes, one a line, or separated by tabs and
   spaces (the spaces normalization removed between Han cells come back as cell boundaries);
   table_cells.py says what the cells say where the header does not (the names' column, the unit,
   cells written together); then named.py: sibling numbered items anywhere whose headings name projects ("(一)馆藏档案日常维护
   项目", "1、哈拉布拉乡…建设项目,…实际已支付186.98万元"), two or more with amounts; a list
   sentence naming at least as many (inline.py: "共安排支出项目4个,即A120万元、…,共219万元")
   speaks for them instead;
   listed.cued_projects: a list after a cue that the money is split into projects ("资金共分为10个
   项目" … "为桂花村美丽乡村建设25万元,对村集体组织帮助0.71万元,…"; "分项目如下:①…");
3. forms.py: self-assessment forms (``report.forms``): the form's 项目名称 with its total line's
   executed amount; the project rows of a grid (专项资金, one a row, this year's final figure);
4. single.py: a single-project report: one project named by a 项目名称 cell (fields.py reads it in
   every flattening: "项目名称:X", pipes, one cell a line, glued to the next label), the title (year,
   unit, place and report words removed), a bracketed name under or after the title, or a subject
   sentence, else (no title) the allotment sentence naming it ("市财政下达…保山站房规模扩大工程建设经费260万元",
   projects:single_allotted, which a list of projects outranks), else the fund named right before
   the report's money (projects:single_fund: "下达农村综合改革转移支付预算共计50万元"); its amount is the report's executed amount (the budget_executed fact: 全年执行数,
   实际支出, 已拨付…万元 beside its 执行率, 共支出…万元), else its best-labelled amount (the
   full-year budget, else the stated total); a project report stating money, none of it labelled
   as the project's, gives the name alone (amount None), one stating no money gives none;
   paired.py: a title naming two projects (A项目和B项目), each with its money after its name, lists both;
   inline.fund_list: a single project whose money is one item of a list of funds with their money in
   one sentence ("专项资金:A经费36.4万元、B17万元、…") gives way to the funds listed (projects:fund_list);
5. inline.py, when nothing above named a project: ";"-separated clauses after a sentence counting
   the projects ("共有8个支出项目…其中,法院执行年初预算数6万元,年末结算支出6万元,…;案件审判…"), else
   an inline list: name + amount pairs after a
   trigger word in a sentence about project spending ("项目支出包括委员活动经费36.3万元,…"), or
   a ";"-separated list of projects; listed.py's lines of marked items ("一是…项目,完成投资…万元;二是…"),
   quoted names with their money in brackets ("“…调查项目”(723万元)和“…”(577万元)") and funds named
   as the subject of a project-spending section's sentences ("我处殡葬执法工作经费,…实际支出51.77万元").
   listed.works_projects last: a sentence, or a run of lines one item each, listing four or more
   projects or funds (…项目, …经费) with their money, without a cue ("A项目:118.2万元" / "B经费:80万元");
6. lastresort.py, when still nothing: a report of the project kind that states money is named by the
   best title-like line of its head (a line with a report word, its mirror wrapper cut, read by the
   title grammar; or a part heading naming a fund), a full name or one its body writes
   (projects:last_resort; bench/last_resort.py measures it alone).

evidence.py decides whether a list read from a project report's prose stands: a cue counting or
announcing projects (共N个项目, 项目9个…分别为:, 项目支出包括:), items adding up to a stated total, or
a works list (four or more items with money, at least half named …项目/…经费/…资金: projects, not
works or towns);
without it, the one project its title or 项目名称 cell names (confirmed by a second source: the cell,
or the text writing the name twice) replaces the list (a project's works, funds or towns with money).
A cued list also outranks a project report's single name, and so do sites of it: items each the
title's name with its own place before it ("指标1:龙江镇博文村老年人日间照料中心项目,…总投资216.42万元" under
"老年人日间照料中心项目绩效自评报告", evidence.instances). counted.py lists names the text counts
without money each ("共实施3个项目,分别为A、B、C"), only when exactly that many items end in a project word.

guard.py is the precision guard every project passes, whatever way found it: the well-formedness
gate (cleaned_name, [[guard.trim]]: a portal label, a function character opening the name, a title's
unit and year, a report's time word, a kind bracket are cut; a name left too short or generic is
refused) and no chrome, heading, sentence, report title or spam as a name; it also mends a single
project's name: a title fragment opening with a conjunction, a
title naming only its unit and kind (残联中央转移支付: the fund the text names instead), a title's
shortened name the text writes in full.

items.py holds what numbered items share (heading name, body, the Project an item makes).
outputs.py finds work quantities (runs opened by 完成: "完成…沥青调补241立方;垮方清理962立方;…")
and satisfaction rates ("群众满意度为90%") and links them to projects. amounts.py gives amounts
their meaning from their labels; attributes.py reads goal attainment and road codes; every word
list and regex lives in patterns/projects.toml (vocabulary.py). Every project carries the rule
that found it (``rule_id``, projects:<way>) and its page. The stage reads the report and
returns new records; it changes nothing in the report.
"""
from .attributes import goal_status, road_code, stake_range
from .extract import extract_projects
from .forms import form_project_name
from .outputs import find_outputs
from .single import project_name_from_title
from .spent import spent_facts

__all__ = [
    "extract_projects", "find_outputs", "form_project_name", "goal_status", "project_name_from_title",
    "road_code", "spent_facts", "stake_range",
]
