"""Units the body states in a role (extractor/interpret/metadata/stated.py) and the guards that keep an
evaluator or an office from reporting (vote.drop_evaluators, vote.office_yields), on real excerpts of
heldout9 (retired in round 12, not blind; every one first seen with no unit or a wrong one) and on the
counterexamples each guard exists for."""
from extractor.interpret.metadata import describe
from extractor.interpret.metadata.body import alias_units
from extractor.interpret.metadata.stated import placed_townships, role_units
from extractor.interpret.metadata.vote import Cue, evaluates, office_yields

from .conftest import built_text

# heldout9 u007: a commissioned evaluation; the firm calls itself 我所, the project names its implementer
U007_HEAD = ("关于2015—2018年度津市市学前教育专项资金的绩效评价报告\n"
             "为加强政府预算绩效管理,根据…等文件,受津市市财政局委托,湖南源涛联合会计师事务所(以下简称“我所”)于2019年9月"
             "9日至30日对2015—2018年度津市市学前教育专项资金(以下简称“学前教育专项”)进行了绩效评价,现将评价结果报告如下。\n"
             "一、项目基本情况\n")
U007_ROLE = "津市市学前教育发展专项资金是指津市市人民政府用于全市学前教育事业发展的资金。项目组织实施单位为津市市教育局(以下简称“市教育局”)。\n"


def test_the_implementer_a_body_sentence_states_is_the_unit_and_the_evaluator_never():
    meta = describe(U007_HEAD + U007_ROLE)
    assert meta.unit_name == "津市市教育局" and meta.metadata_sources["unit_name"] == "body:实施单位"
    # first seen: the firm's alias (以下简称“我所”) won; with no other unit named, none is the unit
    assert describe(U007_HEAD).unit_name is None


def test_an_evaluator_is_known_by_its_name_or_by_its_commission():
    assert evaluates("湖南源涛联合会计师事务所", "")
    assert evaluates("四川某某工程造价咨询有限公司", "")
    assert evaluates("湖南某某管理中心", "受津市市财政局委托,湖南某某管理中心对项目进行了评价")
    assert not evaluates("津市市教育局", U007_HEAD + U007_ROLE)
    assert not evaluates("安庆市燃气集团有限公司", "安庆市燃气集团有限公司配套资金10892.92万元")


def test_joined_roles_name_one_unit():
    # heldout9 u008: the owner, the user and the builder are one unit
    text = ("一、基本情况\n(一)项目概况。\n该项目估算总投资3988万元。立项与管理使用单位及实施建设单位均为缙云县教育局。\n"
            "2.债券发行年度:2024年,2000万")
    assert describe(text).unit_name == "缙云县教育局"


def test_a_contractor_and_a_superior_are_no_implementer():
    text = "项目主管部门为宁乡市交通运输局,实施单位为宁乡市公路建设养护中心。施工单位为湖南省建工集团有限公司。"
    found = {u: name for u, _rank, name, _pos in role_units(text)}
    assert found == {"宁乡市交通运输局": "主管部门", "宁乡市公路建设养护中心": "实施单位"}
    assert describe(text).unit_name == "宁乡市公路建设养护中心"  # the superior is weaker than the implementer
    assert describe("项目主管部门为宁乡市交通运输局。").unit_name == "宁乡市交通运输局"  # alone, it stands


def test_the_unit_the_funds_were_handed_down_to():
    # heldout9 u020: a county fund report whose only unit is the one the finance bureau passed the money to
    text = ("3.项目资金管理情况分析\n固镇县20xx年中央补助地方公共文化服务体系建设资金按照规定,加强资金使用效益,安徽省财政厅"
            "下达资金后,县财政局及时将专项资金分配下达到固镇县文旅局,按专项资金管理办法规范使用。")
    assert describe(text).unit_name == "固镇县文旅局"
    # money handed back to a finance bureau, or to 我单位, names no recipient
    assert role_units("结余资金已拨付至个旧市财政局。上级下达给我单位资金1.53万元。") == []


def test_an_office_inside_a_unit_yields_to_the_unit():
    # heldout9 u017: 内设以下部门: read as a form's 部门: field
    text = ("一、单位概况\n石渠县德荣玛乡人民政府内设党政综合办事机构和直属事业机构,党政综合办事机构内设以下部门:"
            "党建与党政综合办公室、社会事务与经济发展办公室、综合行政执法办公室、寺庙管理所。\n")
    assert describe(text).unit_name == "石渠县德荣玛乡人民政府"
    cands = [Cue(80, 90, "党建与党政综合办公室", "form:部门"), Cue(100, 6, "石渠县德荣玛乡人民政府", "body")]
    assert office_yields(cands, cands[0], text)[2] == "石渠县德荣玛乡人民政府"
    # an office a form names as the unit, listed nowhere as a part of another, stands (heldout4 q024)
    form = "2020年度长江禁捕项目自评表\n单位名称:农业工作科\n填报日期:\n"
    cands = [Cue(30, 10, "农业工作科", "form:单位名称"), Cue(100, 40, "某某区农业农村局", "body")]
    assert office_yields(cands, cands[0], form) is None


def test_a_unit_dated_with_its_scope_and_a_masked_year():
    # heldout9 u005: a sample on an essay site, its years masked as 20xx
    text = ("项目事前绩效自评报告篇一\n\n呼和浩特市人民政府办公室(含所属二级单位)20xx年度财政拨款预算项目共计24个,其中:"
            "呼和浩特市人民政府办公室18个,呼和浩特市人民政府办公室综合服务中心3个。\n\n"
            "呼和浩特市人民政府办公室20xx年度24个项目均完成了项目支出绩效自评。\n")
    assert describe(text).unit_name == "呼和浩特市人民政府办公室"


def test_a_township_government_placed_by_its_county_elsewhere():
    # heldout9 u002: 双塔山镇 is written after 双滦区 once; its government acts in a later sentence
    placed = "双滦区双塔山镇中营子村达顺源肉牛奶牛综合养殖场工程投资预算约30万元。\n"
    acts = "二、项目验收情况\n2021年11月15日,双塔山镇人民政府已经对中营子达顺源肉牛奶牛养殖场项目进行验收,验收合格。\n"
    assert placed_townships(placed) == {"双塔山镇"}
    assert describe(placed + acts).unit_name == "双塔山镇人民政府"
    assert describe(acts).unit_name is None  # a township nobody places is no place-named unit


def test_a_collection_titles_kind_yields_to_the_reports_own_wording():
    # heldout9 u017: an essay site's collection 乡镇项目绩效自评报告(精选4篇) over a 乡's department-wide report
    head = "欢迎阅读乡镇项目绩效自评报告(精选4篇),内容由多美网整理,希望对大家有所帮助。\n乡镇项目绩效自评报告 篇1\n"
    body = ("根据《甘孜州州级预算绩效目标管理办法》文件精神,我乡成立了书记任组长的绩效评价工作小组,对我乡20XX年度部门预算整体"
            "支出绩效进行了全面综合评价。经相关业务股室全面综合评价,我乡20XX年度部门整体支出绩效自评分为85分。"
            "现将自评情况汇报如下:\n一、单位概况\n石渠县德荣玛乡人民政府内设党政综合办事机构和直属事业机构。\n")
    report = built_text(head + body)
    assert report.title == "乡镇项目绩效自评报告" and report.report_kind == "department"
    # a heading alone (一、单位概况 opens project reports too: pool p0029) leaves the collection's kind
    assert built_text(head + "一、单位概况\n湘阴县残疾人联合会是一个履行“代表、服务、管理”三种职能的组织。\n").report_kind == "project"
    # the same title naming no collection keeps its rank over the body's wording
    assert built_text("乡镇项目绩效自评报告\n" + body).report_kind == "project"


def test_an_organ_of_government_commissioned_by_its_superior_still_reports():
    text = "受新化县财政局委托,新化县教育局对2023年度义务教育补助资金开展了绩效自评。\n一、项目基本情况\n"
    assert not evaluates("新化县教育局", text)
    assert evaluates("新化县某某管理中心", "受新化县财政局委托,新化县某某管理中心对项目进行了评价")


def test_a_unit_saying_who_it_is_names_itself_and_a_kind_of_unit_names_none():
    # [[unit.alias]] self_is: "本部门为…" with a place is the unit; a kind of unit or its rank is none
    assert [u for u, _ in alias_units("一、部门基本情况\n本部门为长丰县水利局,内设机构5个。")] == ["长丰县水利局"]
    for text in ("我局是县政府工作部门。", "本单位为全额拨款事业单位,内设机构3个。", "本单位为县财政局下属事业单位,"):
        assert alias_units(text) == [], text
