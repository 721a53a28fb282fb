import pytest

from extractor.text.normalize import normalize
from extractor.text.segment import segment


def _sections(text):
    return segment(normalize(text).text)


def test_example_top_level(example_report):
    top = [(s.number_label, s.heading, s.template_id) for s in example_report.sections if s.level == 1]
    assert top == [
        ("一、", "部门(单位)基本情况", "department_overall:basic_info"),
        ("二、", "一般公共预算支出情况", "department_overall:general_budget"),
        (None, "政府性基金预算支出情况", "department_overall:fund_budget"),
        (None, "国有资本经营预算支出情况", "department_overall:state_capital_budget"),
        (None, "社会保险基金预算支出情况", "department_overall:social_insurance_budget"),
        (None, "资金使用及绩效情况", "department_overall:performance"),
        ("七、", "存在的问题及原因分析", "department_overall:problems"),
        (None, "下一步改进措施", "department_overall:improvements"),
        ("九、", "部门整体支出绩效自评结果拟应用和公开情况", "department_overall:result_use"),
        ("十、", "其他需要说明的情况", "department_overall:other"),
    ]
    assert example_report.template == "department_overall"


def test_example_hierarchy(example_report):
    by_heading = {s.heading: s for s in example_report.sections}
    assert by_heading["单位主要职能"].level == 2
    assert by_heading["运行成本方面"].level == 3
    assert by_heading["严控“三公”经费支出"].level == 4
    s330 = by_heading["S330项目二期"]
    assert s330.number_label == "(18)" and s330.level == 4
    assert example_report.text[s330.start:s330.end].startswith("(18)S330项目二期\n\n项目支出1974.46905万元")
    # a section ends where the next one of its level or higher begins
    for a, b in zip(example_report.sections, example_report.sections[1:]):
        assert a.start < b.start
        assert a.end >= b.start or a.level >= b.level


@pytest.mark.parametrize(
    "line,level_style,label,heading",
    [
        ("第三部分 名词解释", 1, "第三部分", "名词解释"),
        ("一、部门基本情况", 1, "一、", "部门基本情况"),
        ("（一）部门概况", 1, "(一)", "部门概况"),
        ("1.执行率情况。", 1, "1.", "执行率情况"),
        ("(3)安全监管落实到位。今年以来", 1, "(3)", "安全监管落实到位"),
    ],
    ids=["part", "cn", "paren-cn", "arabic", "paren-arabic"],
)
def test_heading_styles(line, level_style, label, heading):
    [s] = _sections(line)
    assert (s.level, s.number_label, s.heading) == (level_style, label, heading)


def test_decimal_is_not_a_heading():
    assert _sections("1.5公里道路已完工") == []


def test_levels_follow_styles_in_use():
    secs = _sections("一、基本情况\n(一)概况\n1.职能\n(1)机构\n二、支出")
    assert [s.level for s in secs] == [1, 2, 3, 4, 1]
    assert secs[0].end == secs[4].start


def test_heading_labels_are_shared_with_normalize_without_importing_segment():
    import ast
    from pathlib import Path

    from extractor.text import headings

    start = headings.heading_start_re()
    for line in ["第一部分 单位概况", "一、基本情况", "(一)基本支出", "1.年初预算", "(1)项目", "①产出指标"]:
        assert start.match(line), line
    for line in ["1.5公里道路已完工", "一是加强管理", "2024年"]:
        assert not start.match(line), line
    assert [style for style, _ in headings.styles()] == ["part", "cn", "paren_cn", "arabic", "paren_arabic", "circled"]
    for module in ("normalize", "headings"):  # normalize runs before segment: it never imports it
        tree = ast.parse((Path(headings.__file__).parent / f"{module}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "segment" not in imported and "recognize" not in imported, module


def test_resolved_templates_returns_new_records_and_leaves_its_input_alone():
    from extractor.text.segment import resolved_templates

    sections = _sections("一、项目概况\n二、部门概况\n三、绩效自评结论")
    before = [(s.heading, s.template_id) for s in sections]
    template, resolved = resolved_templates(sections, "project", None)
    assert template == "project"
    assert [(s.heading, s.template_id) for s in sections] == before
    assert [s.template_id for s in resolved] == ["project:basic_info", None, "project:conclusion"]


def test_a_number_alone_on_its_line_heads_the_next_line():
    # p0143.txt (信访 2021): "(1)" on a line of its own, its heading on the next
    secs = _sections("1.项目绩效目标完成情况。\n(1)\n信访补贴项目绩效目标完成情况综述。项目全年预算数2.03万元。\n"
                     "(2)信访事务(宣传费)项目绩效目标完成情况综述。项目全年预算数2万元。\n")
    assert [(s.number_label, s.heading, s.level) for s in secs] == [
        ("1.", "项目绩效目标完成情况", 1), ("(1)", "信访补贴项目绩效目标完成情况综述", 2),
        ("(2)", "信访事务(宣传费)项目绩效目标完成情况综述", 2)]


def test_a_year_right_after_an_arabic_number_opens_a_heading():
    # p0197.txt (大坪乡 2021): "1.2021年第一批…建设项目,…" is item 1, not the decimal 1.2021
    secs = _sections("(一)项目概况\n1.2021年第一批统筹整合使用财政涉农资金虹鳟鱼鲟鱼养殖基地建设项目,项目实施确保巩固拓展大坪乡脱贫成果。\n"
                     "2.2021年第一批统筹整合使用财政涉农资金基础设施建设项目,通过项目的实施,提升项目村出行条件。\n"
                     "增长1.2021万元。\n")
    assert [s.number_label for s in secs] == ["(一)", "1.", "2."]
