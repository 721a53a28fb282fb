"""Report metadata read generally: the synthetic family of scripts/synth_metadata.py (title grammars ×
unit shapes × year forms × distractors, docs/metadata_families.md) has known truth, and the pipeline
reads unit_name, fiscal_year and report_kind right in every layout; the mechanisms behind it on real
excerpts (corpus/pool, corpus/heldout4) and on the family's own phrasings."""
from __future__ import annotations

from collections import defaultdict

import pytest

from extractor.interpret.metadata import describe
from extractor.interpret.metadata.chrome import outside_chrome
from extractor.interpret.metadata.lexicon import branch_end, names_unit, suffix_ends
from extractor.interpret.metadata.title import is_title, parse_title
from extractor.interpret.metadata.years import body_year, forward_year

from .conftest import built_text, by_layout, load_script

synth = load_script("synth_metadata")


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_every_text_of_a_layout_gives_its_unit_year_and_kind(layout):
    # the family (1232 texts, 1424 with round 10's open_note and placeholder grammars, 1472 with round 12's
    # role grammar and evaluator and office distractors: the code before round 12 read 1436 units — a
    # role stated as 立项与管理使用单位…均为X, 项目组织实施单位为X(以下简称…) or 下达到X, the firm calling itself
    # 我所, an office after 内设以下部门: lost the unit): with the code
    # before this work 1115 units and 1086 years were right
    # (a 关于印发…的通知 wrapper gave its issuer; a unit in 【】, a branch 分局/大队, a parent named only
    # by page chrome, a bare year before a project lost the unit; the next year's 部门预算 or 工作计划,
    # a date opening a chrome line were read as the year, 二〇二三年度 under a title was not; a unit
    # the body mentions, X县财政局2023年度下达我局资金, outranked the subject); all now
    for file, text, truth in by_layout(synth.family())[layout]:
        report = built_text(text)
        got = (report.unit_name, report.fiscal_year, report.report_kind)
        assert got == (truth["unit"], truth["year"], truth["kind"]), (file, truth["distractor"])


def test_the_family_is_fixed_and_crosses_every_grammar_shape_and_distractor():
    fam = synth.family()
    assert fam == synth.family() and len({f for f, _, _ in fam}) == len(fam)
    seen = defaultdict(set)
    for _, text, truth in fam:
        # the placeholder grammar writes the unit apart: its place, 部门(单位) and the year, then the rest
        assert truth["unit"] in text or truth["grammar"] == "placeholder" and "部门(单位)" in text
        for key in ("grammar", "year_form", "distractor", "shape"):
            seen[key].add(truth[key])
    assert seen["grammar"] == set(synth.GRAMMARS) and seen["year_form"] == set(synth.YEAR_FORMS)
    assert seen["distractor"] == set(synth.DISTRACTORS)
    assert len(seen["shape"]) == len({u[1] for u in synth.UNITS})


# ------------------------------------------------------------------ title grammar
def test_a_notice_wrapping_the_report_gives_the_reports_unit_not_its_issuer():
    t = "新化县人民政府关于印发《新化县教育局2023年度部门整体支出绩效自评报告》的通知"
    info = parse_title(t)
    assert is_title(t) and (info.unit, info.year, info.kind) == ("新化县教育局", 2023, "department")
    assert (info.start, info.end) == (0, len(t))
    # a report the unit writes about itself is no wrapper: its unit stays before 关于
    assert parse_title("攸县财政局关于2021年度部门整体支出绩效自评情况的报告").unit == "攸县财政局"
    # a notice of the report names its unit; a unit sending its own report is its issuer
    assert parse_title("关于新化县教育局2023年度部门整体支出绩效自评报告的公示").unit == "新化县教育局"
    info = parse_title("新化县人民医院关于报送2023年度项目支出绩效自评报告的报告")
    assert (info.unit, info.year, info.kind) == ("新化县人民医院", 2023, "project")


def test_a_unit_in_brackets_opening_the_title_is_read_without_them_and_a_label_is_dropped():
    assert parse_title("[中共新化县委组织部]2023年度部门整体支出绩效自评报告").unit == "中共新化县委组织部"
    assert parse_title("[永德县明朗中学]项目支出绩效自评报告").unit == "永德县明朗中学"
    assert parse_title("[绩效公开]永德县明朗中学2023年项目支出绩效自评报告").unit == "永德县明朗中学"


def test_a_bare_year_between_the_unit_and_a_projects_words():
    info = parse_title("永德县明朗中学2020义务教育薄弱学校改造补助资金项目支出绩效自评报告")
    assert (info.unit, info.year) == ("永德县明朗中学", 2020)
    assert parse_title("惠州市交通运输局2021部门整体绩效自评报告").year == 2021  # pool
    assert parse_title("关于粤财预2021号文件的绩效自评报告").year is None


def test_a_site_a_project_improves_is_no_unit_of_a_title_without_year():
    assert parse_title("永德县义务教育薄弱学校改造补助资金绩效自评报告").unit is None


# ------------------------------------------------------------------ units and branches
def test_a_branch_is_read_whole_not_as_its_parent():
    run = "株洲市生态环境局渌口分局承担了"
    ends = suffix_ends(run)
    assert run[:branch_end(run, len("株洲市生态环境局"), ends)] == "株洲市生态环境局渌口分局"
    run = "开远市公安局交通警察大队"
    assert run[:branch_end(run, len("开远市公安局"), suffix_ends(run))] == run
    run = "新化县教育局主要负责"  # no branch after it: the unit as it is
    assert branch_end(run, len("新化县教育局"), suffix_ends(run)) == len("新化县教育局")


def test_a_parent_named_only_in_its_branchs_name_is_not_named():
    assert not names_unit("株洲市生态环境局渌口分局承担了…", "株洲市生态环境局")
    assert names_unit("株洲市生态环境局下达资金,株洲市生态环境局渌口分局承担了…", "株洲市生态环境局")


# ------------------------------------------------------------------ page chrome
def test_a_publisher_the_report_never_names_yields_to_the_unit_it_names():
    text = ("索引号:000014348/2024-01865 发布机构:新化县卫生健康局\n来源:新化县卫生健康局 发布日期:2024-05-10\n"
            "新化县人民医院\n2023年部门整体支出绩效自评报告\n一、部门基本情况\n新化县人民医院承担了全县医疗救治工作。\n")
    meta = describe(text)
    assert meta.unit_name == "新化县人民医院" and meta.metadata_sources["unit_name"] == "title"
    assert "新化县卫生健康局" not in outside_chrome(text) and len(outside_chrome(text)) == len(text)


def test_a_publisher_keeps_its_rank_when_the_report_names_no_place_named_unit():
    # heldout4 q021: 发布机构 保山市商务局 over a report naming no unit of its own (its body's "支付市电商服务
    # 中心2018年…" is no place-named unit): the publisher is the unit
    text = ("索引号 01525522-5-/2020-0628009 发布机构 保山市商务局\n公开目录 自评报告 发布日期 2020-06-28\n"
            "2019年度项目绩效自评报告(电子商务进农村示范项目资金)\n一、项目基本情况\n"
            "工程建设其他费38976.00元;支付市电商服务中心2018年、2019年场地补助经费50万元。\n")
    assert describe(text).unit_name == "保山市商务局"


# ------------------------------------------------------------------ years
def test_the_next_years_budget_is_no_fiscal_year():
    text = "本年度年初预算数为1234.56万元。\n在编制2024年部门预算时,我局将进一步细化绩效目标。\n"
    assert body_year(text) is None and forward_year(text) == 2023
    # pool p0231, a template's note: "可参照2014年预算编制中…" looks forward from 2013
    assert forward_year("新增目标的项目可参照2014年预算编制中我厅已审核同类型项目目标重新设置或调整填报。") == 2013
    # the year's own budget is the fiscal year
    assert body_year("2023年部门预算项目支出87.5万元,2023年部门预算执行率98%。") == 2023


def test_a_report_dated_only_by_its_publication_and_its_next_budget():
    text = ("新化县教育局部门整体支出绩效自评报告\n发布时间:2024-05-10 10:20 浏览次数:\n一、部门基本情况\n"
            "本年度年初预算数为1234.56万元。在编制2024年部门预算时,我局将进一步细化绩效目标。\n")
    assert describe(text).fiscal_year == 2023


def test_a_unit_the_report_names_as_what_it_was_before_is_not_what_it_calls_itself():
    # pool p0220: "我司是2014年11月由郴汽集团兼并原永兴县运输公司后成立的": 我司 is not the former company
    text = ("2022年度银城公交老年人免费乘车补贴专项资金绩效评价报告\n"
            "根据要求,我司认真开展了2022年城市公交补贴专项资金绩效评价工作。\n一、公司基本情况\n"
            "我司是2014年11月由郴汽集团兼并原永兴县运输公司后成立的,是一家以从事道路运输业为主的企业。\n"
            "我公司始终坚持安全第一。\n")
    assert describe(text).unit_name is None
    assert describe(text.replace("兼并原永兴县运输公司", "组建永兴县运输公司")).unit_name == "永兴县运输公司"


def test_the_year_alone_under_a_title_and_in_chinese_numerals():
    text = "新化县教育局部门整体支出绩效自评报告\n二〇二三年度\n一、部门基本情况\n我局主要负责全县教育工作。\n"
    assert describe(text).fiscal_year == 2023
    assert body_year("二〇二三年度我局全面完成目标。二〇二三年度预算执行良好。二〇二四年三月十五日") == 2023
    # a column header "2022年度" far below the title is no header of the report
    far = "新化县教育局部门整体支出绩效自评报告\n一、部门基本情况\n" + "我局主要负责全县教育工作。" * 8 + "\n2022年度\n"
    assert describe(far).fiscal_year == 2022  # read as the body's year, not as a header
    assert describe(far).metadata_sources["fiscal_year"] == "body"


def test_a_section_looking_forward_is_no_fiscal_year():
    text = ("一、部门基本情况\n2023年年初预算数为1234.56万元。\n四、2024年工作计划\n2024年,我局将继续加强管理,"
            "2024年还将完善制度。\n五、其他\n")
    assert body_year(text) == 2023
    assert body_year(text.replace("四、2024年工作计划", "四、2024年工作开展情况")) == 2024


def test_a_date_opening_a_chrome_line_is_the_publication_not_the_fiscal_year():
    text = ("新化县教育局部门整体支出绩效自评报告\n2024年05月10日 来源:新化县教育局\n一、部门基本情况\n"
            "我局主要负责全县教育工作。\n")
    meta = describe(text)
    assert (meta.fiscal_year, meta.metadata_sources["fiscal_year"]) == (2023, "chrome")
    # pool p0013's header "2024年03月19日 星期二": the portal's today, neither a publication nor a year
    assert describe(text.replace("2024年05月10日 来源:新化县教育局", "2024年03月19日 星期二 |")).fiscal_year is None


def test_a_unit_before_a_funds_words_is_not_cut_as_a_township():
    # "…组织部乡村振兴…": 乡 starts 乡村振兴, no township 委组织部乡 (the check is for 麦积区社|棠镇)
    assert parse_title("中共新化县委组织部乡村振兴衔接资金产业发展项目支出绩效自评报告").unit == "中共新化县委组织部"
    assert parse_title("新化县人民医院乡村振兴衔接资金项目支出绩效自评报告").unit == "新化县人民医院"
    assert parse_title("隆回县七江镇乡村振兴专项资金绩效自评报告").unit == "隆回县七江镇"


# ------------------------------------------------------------------ the publisher and the units a body mentions
_CHROME_ONLY = "2023年度部门整体支出绩效自评报告\n发布机构:新化县人民医院 发布日期:2024-05-10\n一、部门基本情况\n"


@pytest.mark.parametrize("body", [
    "新化县财政局2023年度下达我院资金500万元。",  # who funds it (a dated unit)
    "新化县卫生健康局是我院主管部门。我院主要负责全县医疗救治工作。",  # its superior (a subject)
    "按照新化县财政局统一部署,新化县卫生健康局组织开展了2023年度绩效自评工作。",  # another subject
    "根据新化县卫生健康局要求,我院对2023年度部门整体支出开展了自评。",
])
def test_a_publisher_naming_the_unit_itself_outranks_other_units_the_body_mentions(body):
    # the unit only the page chrome names yields to what the report calls its own (a title, 我院's unit,
    # a branch of the publisher), not to any place-named unit its sentences open with
    assert describe(_CHROME_ONLY + body + "\n").unit_name == "新化县人民医院"


def test_the_reports_superior_and_funder_are_not_what_it_calls_itself():
    text = ("株洲市渌口区2023年农村公路日常养护绩效自评报告\n一、项目基本情况\n"
            "株洲市生态环境局渌口分局承担了本级农村公路日常养护的组织实施工作。\n"
            "渌口区财政局2023年度下达我局资金500万元。\n株洲市生态环境局是我局的主管部门。\n")
    assert describe(text).unit_name == "株洲市生态环境局渌口分局"
    # pool p0195: the unit the funds went to ("…人民政府2023年度下达上级资金…") stays the dated unit
    assert describe("一、绩效目标分解下达情况\n(一)金寨县麻埠镇人民政府2023年度下达上级资金转移支付755.19万元。\n"
                    ).unit_name == "金寨县麻埠镇人民政府"


def test_self_words_of_a_department_and_a_school():
    # 我部 of a 中共…组织部 (not 我部门), 我校 of a 中学
    text = ("2023年度部门整体支出绩效自评报告\n发布机构:中共新化县委员会\n一、部门基本情况\n"
            "中共新化县委组织部承担了全县组织工作。我部内设机构5个。\n")
    assert describe(text).unit_name == "中共新化县委组织部"
    text = ("2023年度项目支出绩效自评报告\n来源:永德县教育体育局\n一、项目基本情况\n"
            "永德县明朗中学承担了本级义务教育薄弱学校改造的组织实施工作。我校成立了自评工作小组。\n")
    assert describe(text).unit_name == "永德县明朗中学"


def test_a_unit_before_the_site_its_project_improves():
    info = parse_title("湖南省株洲市攸县交通运输局义务教育薄弱学校改造补助资金项目支出绩效自评报告")
    assert info.unit == "湖南省株洲市攸县交通运输局"
    assert parse_title("银川市兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目绩效自评报告").unit is None
