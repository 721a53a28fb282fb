import pytest

from extractor import rules
from extractor.interpret.metadata import describe, fill_from_forms, from_path, is_unit, normalize_unit, region_of
from extractor.interpret.metadata.body import (alias_units, body_kind, dated_units, heading_kind, self_named_unit, self_word_units,
                                             subject_unit)
from extractor.interpret.metadata.fuller import abbreviates, fuller_name
from extractor.interpret.metadata.gazetteer import is_division, is_parent, official, same_division
from extractor.interpret.metadata.lexicon import unit_in_run
from extractor.interpret.metadata.years import dated_line_year, published_year, year_end
from extractor.interpret.metadata.chrome import is_internal_office
from extractor.interpret.metadata.fields import form_fields
from extractor.interpret.metadata.title import undertaking
from extractor.interpret.metadata.stated import role_units
from extractor.model import Form, Metadata, Page, RawDocument, Table
from extractor.text.normalize import normalize
from extractor.pipeline import build_report


def _describe(text: str, path: str = "doc.txt") -> Metadata:
    return describe(normalize(text).text, RawDocument(path=path, format="txt", pages=[Page(1, text)]))


def _check(report: Metadata, expected: dict):
    """Compare the expected fields; "sources" holds expected metadata_sources entries."""
    got = {k: getattr(report, k) for k in expected if k != "sources"}
    if "sources" in expected:
        got["sources"] = {k: report.metadata_sources.get(k) for k in expected["sources"]}
    assert got == expected


# (id, text, expected fields; "sources" checks metadata_sources entries)
CASES = [
    (
        # a unit's spending named without 整体; a project word before 支出 makes it a project report
        "department spending without 整体",
        "长丰县水利局2023年度部门支出绩效自评报告\n一、基本情况\n2023年预算100万元。",
        {"unit_name": "长丰县水利局", "fiscal_year": 2023, "report_kind": "department"},
    ),
    (
        "department project spending",
        "长丰县水利局2023年度部门项目支出绩效自评报告\n一、基本情况\n2023年预算100万元。",
        {"unit_name": "长丰县水利局", "fiscal_year": 2023, "report_kind": "project"},
    ),
    (
        # an evaluation another body wrote names the unit it evaluated; a unit's own report keeps its issuer
        "evaluated unit after 关于",
        "长丰县财政局关于长丰县水利局2023年度部门整体支出绩效评价的报告\n一、基本情况\n2023年预算100万元。",
        {"unit_name": "长丰县水利局", "fiscal_year": 2023, "report_kind": "department"},
    ),
    (
        "own report after 关于",
        "攸县财政局关于2021年度部门整体支出绩效自评情况的报告\n一、基本情况\n2021年预算100万元。",
        {"unit_name": "攸县财政局", "fiscal_year": 2021, "report_kind": "department"},
    ),
    (
        "unit signing after a dash",
        "2023年度部门整体支出绩效自评报告——长丰县水利局\n一、基本情况\n2023年预算100万元。",
        {"unit_name": "长丰县水利局", "fiscal_year": 2023, "report_kind": "department"},
    ),
    (
        "title broken over two lines",
        "附件4\n2024年度渌口区交通事务中心整体支出\n绩效自评报告\n一、部门（单位）基本情况\n（一）单位主要职能",
        {"unit_name": "渌口区交通事务中心", "fiscal_year": 2024, "report_kind": "department",
         "title": "2024年度渌口区交通事务中心整体支出绩效自评报告", "sources": {"unit_name": "title"}},
    ),
    (
        "unit before year",
        "红河州数据发展中心2024年度项目支出绩效单位自评报告\n一、基本情况\n2024年,红河州数据发展中心实施项目共15个",
        {"unit_name": "红河州数据发展中心", "fiscal_year": 2024, "report_kind": "project", "region": "红河州"},
    ),
    (
        "unit on the line before the title",
        "附件3\n保山市农业农村局\n2019年度部门整体支出绩效自评报告\n一、部门基本情况\n（一）部门概况",
        {"unit_name": "保山市农业农村局", "fiscal_year": 2019, "report_kind": "department", "region": "保山市"},
    ),
    (
        "report named in a body sentence",
        "为做好2022年财政衔接推进乡村振兴资金项目绩效管理工作，根据《河南省扶贫项目资金绩效管理办法》，"
        "现将2022年西平县交通运输局财政衔接推进乡村振兴资金项目绩效自评总结报告如下：\n一、绩效目标分解下达情况",
        {"unit_name": "西平县交通运输局", "fiscal_year": 2022, "report_kind": "project", "sources": {"unit_name": "body"}},
    ),
    (
        "region-only title, unit from breadcrumb, date is not the year",
        "牟定县人民政府\n首页 >> 部门信息公开 >> 牟定县交通运输局 >> 正文\n\n"
        "牟定县2020年第一批公路安全生命防护工程绩效自评报告\n\n日期：2021年03月24日   作者：   来源：    点击：[]\n\n"
        "一、绩效目标分解下达情况\n建设里程8公里，下达车购税补助56万元。",
        {"unit_name": "牟定县交通运输局", "fiscal_year": 2020, "report_kind": "project", "region": "牟定县",
         "sources": {"unit_name": "breadcrumb", "fiscal_year": "title"}},
    ),
    (
        "source line glued to the next chrome label",
        "2021年度市级就业资金配套项目资金绩效自评报告\n发布时间:2022-04-29 14:59 作者: 来源:市人社 浏览次数: 字体:【大】\n\n"
        "一、项目概况\n我局根据《益阳市财政局关于开展2021年度部门绩效自评工作的通知》精神开展自评。",
        {"unit_name": "市人社", "fiscal_year": 2021, "report_kind": "project", "sources": {"unit_name": "source_line"}},
    ),
    (
        "publishing office in page chrome",
        "预算绩效管理\n- 索引号: zsjfzzx/2025-00002\n- 发布机构: 红河州数据发展中心\n- 发布日期: 2025-04-29\n"
        "2024年度项目支出绩效自评报告\n一、基本情况",
        {"unit_name": "红河州数据发展中心", "fiscal_year": 2024, "report_kind": "project",
         "sources": {"unit_name": "source_line"}},
    ),
    (
        "form one cell per line, 本级 on the 主管部门",
        "报表编号:510000_0013zp |\n|\n部门预算项目支出绩效自评表(2023年度) |\n项目名称 |\n51000021R000000019951-工资性支出 |\n"
        "主管部门 |\n青神县发展和改革局本级 |\n实施单位 (盖章) |\n青神县发展和改革局 |\n项目基本情况 |",
        {"unit_name": "青神县发展和改革局", "fiscal_year": 2023, "report_kind": "project",
         "sources": {"unit_name": "form:实施单位"}},
    ),
    (
        "form flattened to one line with a code prefix",
        "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 "
        "实施单位 219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 年度总体目标 预期目标 实际完成情况",
        {"unit_name": "池州市贵池区棠溪镇人民政府", "unit_name_normalized": "贵池区棠溪镇人民政府",
         "fiscal_year": 2022, "report_kind": "project", "region": "池州市贵池区"},
    ),
    (
        "实施单位 beats 部门:",
        "2022年度项目支出绩效自评表 | 部门:临沧市永德县明朗中学 |\n|\n| 公开14表 | 项目名称 | 义务教育营养改善计划专项资金 | "
        "主管部门 | 永德县教育体育局 | 实施单位 | 永德县明朗中学 | 项目资金 (元) |",
        {"unit_name": "永德县明朗中学", "fiscal_year": 2022, "report_kind": "project", "region": "临沧市永德县"},
    ),
    (
        "资金使用单位 and a (2024年度) header, not the 中央主管部门",
        "就业补助资金绩效自评表\n就业补助资金绩效自评表 | |||||||\n(2024年度) | |||||||\n"
        "转移支付(项目)名称 | 就业补助资金 | ||||||\n中央主管部门 | 人力资源社会保障部 | ||||||\n"
        "地方主管部门 | 安徽省人力资源和社会保障厅 淮南市人力资源和社会保障局 |\n"
        "资金使用单位 | 淮南市田家庵区人力资源和社会保障局 | ||||\n资金投入情况 (万元) |",
        {"unit_name": "淮南市田家庵区人力资源和社会保障局", "unit_name_normalized": "田家庵区人力资源和社会保障局",
         "fiscal_year": 2024, "report_kind": "project", "region": "淮南市田家庵区"},
    ),
    (
        "主管部门 as the last resort",
        "项目支出绩效自评表\n(2021年度)\n项目名称 | 农村公路日常养护 |\n主管部门 | 汝城县交通运输局 |\n项目资金(万元) | 年初预算数 |",
        {"unit_name": "汝城县交通运输局", "fiscal_year": 2021, "report_kind": "project",
         "sources": {"unit_name": "form:主管部门"}},
    ),
    (
        "short source name, fuller name in the body",
        "您所在的位置: 首页\n>> ... >> 绩效评估\n\n2020年度绩效评价\n\n发布日期:2021-10-12 16:58 来源:市文化和广电旅游体育局\n"
        "浏览次数:\n\n项目全年预算数为1050万元,执行数为1050万元,完成预算的100%。项目绩效目标完成情况:一是2020年,"
        "东阳市文化和广电旅游体育局及其下属各单位组织开展了公共文化服务活动。",
        {"unit_name": "东阳市文化和广电旅游体育局", "fiscal_year": 2020, "report_kind": "project", "region": "东阳市"},
    ),
    (
        "county-less title, county in the body",
        "县司法局2020年度一村(社区)一法律顾问经费绩效自评报告\n进一步贯彻落实《紫金县县级全面实施预算绩效管理工作方案"
        "(2021--2022年)》紫财办[2021]6号文件精神,紫金县司法局对紫金县一村(社区)一法律顾问经费进行了自评,现将情况汇报如下:",
        {"unit_name": "紫金县司法局", "fiscal_year": 2020, "report_kind": "project", "region": "紫金县"},
    ),
    (
        "own report cited in a 决算 page tail: kind left empty",
        "| 项目完成指标\n|\n时效指标\n|\n2020年\n|\n\n2.部门绩效评价结果。\n\n本部门按要求对2020年部门整体支出绩效评价情况开展自评,"
        "《大英县民政局2020年部门整体支出绩效评价报告》见附件(附件1)。\n\n本部门自行组织开展了绩效评价,"
        "《大英县民政局2020年项目支出绩效评价报告》见附件(附件2)。\n\n第三部分\n名词解释\n\n1.财政拨款收入:指单位从同级财政部门取得的财政预算资金。",
        {"unit_name": "大英县民政局", "fiscal_year": 2020, "report_kind": None},
    ),
    (
        "unit introduced with 以下简称, year from 年度 budget",
        "一、部门基本情况\n(一)部门概况\n山东省残疾人联合会(以下简称“省残联”)是中国残疾人联合会的地方组织。\n"
        "(二)部门预决算情况\n2023年度年初收支预算为50289.2万元,全年预算为63501.78万元。\n"
        "2023年度项目支出年初预算安排37070.2万元。",
        {"unit_name": "山东省残疾人联合会", "fiscal_year": 2023, "report_kind": "department", "region": "山东省"},
    ),
    (
        "department report listing projects stays department",
        "2023年度醴陵市财政局部门整体支出绩效自评报告\n一、部门基本情况\n二、一般公共预算支出情况\n"
        "项目支出320万元,其中专项资金200万元,项目资金执行率100%。",
        {"unit_name": "醴陵市财政局", "fiscal_year": 2023, "report_kind": "department", "template": "department_overall"},
    ),
    (
        "部门整体及专项 is department",
        "桃源县民政局2020年部门整体及专项绩效目标评价\n2020年度桃源县民政局部门整体支出\n绩效自评报告\n一、部门概况",
        {"unit_name": "桃源县民政局", "fiscal_year": 2020, "report_kind": "department",
         "title": "2020年度桃源县民政局部门整体支出绩效自评报告"},
    ),
    (
        "unit before year, second title line 自评结果",
        "市公路局2020年度公路养护类项目\n自评结果\n一、自评结论\n(一)自评得分\n自评得分100分。",
        {"unit_name": "市公路局", "fiscal_year": 2020, "report_kind": "project", "region": None},
    ),
    (
        "year written in Chinese numerals",
        "二〇二二年度临湘市教育局部门整体支出绩效自评报告\n一、部门基本情况",
        {"unit_name": "临湘市教育局", "fiscal_year": 2022, "report_kind": "department"},
    ),
    (
        "社会 inside a unit name is no suffix",
        "2021年湘潭县民政局社会救助资金绩效自评报告\n一、基本情况",
        {"unit_name": "湘潭县民政局", "fiscal_year": 2021, "report_kind": "project"},
    ),
    (
        "signature at the end",
        "部门整体支出绩效自评报告\n一、部门基本情况\n2021年度部门预算收入1200万元。\n二、存在的问题\n无。\n\n宁乡市农业农村局\n2022年3月15日",
        {"unit_name": "宁乡市农业农村局", "fiscal_year": 2021, "report_kind": "department", "region": "宁乡市"},
    ),
    (
        "publication date alone never becomes the year",
        "发布日期:2021年10月12日\n一、部门基本情况\n2020年度部门预算收入800万元,2020年度支出760万元。",
        {"fiscal_year": 2020, "report_kind": "department"},
    ),
    (
        "prose 实施单位 is no form field",
        "2022年度农村公路养护项目绩效自评报告\n一、基本情况\n实施单位严格按照合同要求组织施工,项目资金全部到位。",
        {"unit_name": None, "fiscal_year": 2022, "report_kind": "project"},
    ),
    (
        "关于……的报告 with the unit before 关于",
        "攸县财政局关于2021年度部门整体支出绩效自评情况的报告\n一、部门基本情况",
        {"unit_name": "攸县财政局", "fiscal_year": 2021, "report_kind": "department"},
    ),
    (
        "a stop word inside the unit name",
        "2021年度醴陵市项目评审中心部门整体支出绩效自评报告\n一、部门基本情况",
        {"unit_name": "醴陵市项目评审中心", "fiscal_year": 2021, "report_kind": "department"},
    ),
    (
        "a project named after a site is no unit",
        "2021年度公路养护站建设项目绩效自评报告\n一、基本情况",
        {"unit_name": None, "fiscal_year": 2021, "report_kind": "project"},
    ),
    (
        "web site name after the title",
        "2021年度攸县交通运输局部门整体支出绩效自评报告_攸县人民政府门户网站\n一、部门基本情况",
        {"title": "2021年度攸县交通运输局部门整体支出绩效自评报告", "unit_name": "攸县交通运输局",
         "template": "department_overall"},
    ),
    (
        "unit introducing itself as a 工作部门",
        "一、部门基本情况\n(一)部门职能\n保山市农业农村局为保山市人民政府工作部门,正处级。\n2019年末实有在职人数326人。",
        {"unit_name": "保山市农业农村局", "fiscal_year": 2019, "report_kind": "department", "sources": {"unit_name": "body"}},
    ),
    (
        "unit on the line after the title, in brackets",
        "2021年度部门整体支出绩效自评报告\n(攸县林业局)\n一、部门基本情况",
        {"unit_name": "攸县林业局", "fiscal_year": 2021, "report_kind": "department"},
    ),
    (
        "填报单位 with 盖章 and a glued 填报日期",
        "附件2\n\n2021年度项目支出绩效自评表\n\n填报单位(盖章):攸县卫生健康局  填报日期: 2022年3月1日\n项目名称 | 基本公共卫生服务 |",
        {"unit_name": "攸县卫生健康局", "fiscal_year": 2021, "report_kind": "project", "sources": {"unit_name": "form:填报单位"}},
    ),
    (
        "province and city before the county",
        "湖南省株洲市攸县交通运输局2021年度部门整体支出绩效自评报告\n一、部门基本情况",
        {"unit_name": "湖南省株洲市攸县交通运输局", "unit_name_normalized": "攸县交通运输局", "region": "湖南省株洲市攸县"},
    ),
    (
        "file name with extension and a year without 年 on a mirror page",
        "秦岭文库(kunmingchi.com)你想要的内容这里独有!\n\n惠州市交通运输局2021部门整体绩效自评报告.pdf\n\n"
        "23 页 436.485 KB下载文档\n附件 1: 部门整体绩效自评报告 (参考格式) 部门名称:(公章) 填报日期:2022 年 5 月 20 "
        "一、部门基本情况 (一)部门职能。",
        {"unit_name": "惠州市交通运输局", "fiscal_year": 2021, "report_kind": "department",
         "title": "惠州市交通运输局2021部门整体绩效自评报告", "sources": {"unit_name": "title", "fiscal_year": "title"}},
    ),
    (
        "a code number before a title word is no year",
        "关于粤财预2021号文件的绩效自评报告\n一、基本情况\n2020年度部门预算收入800万元。",
        {"fiscal_year": 2020, "sources": {"fiscal_year": "body"}},
    ),
    (
        "title with a trailing note, cover field 部门(单位)名称, internal office as source",
        "岳阳市城市管理监督指挥中心2018绩效评价自评报告及评分表(整体支出和数字城管信息采集服务费专项支出)\n"
        "来源:财务科 2019-07-09 16:55\n浏览量:1 | | | |\n\n岳阳市2018年度部门整体支出\n\n绩效评价自评报告\n\n"
        "部门(单位)名称: 岳阳市城市管理监督指挥中心\n\n预算编码: 906017\n\n一、部门(单位)基本概况",
        {"unit_name": "岳阳市城市管理监督指挥中心", "fiscal_year": 2018, "report_kind": "department",
         "sources": {"unit_name": "title"}},
    ),
    (
        "cover field 部门(单位)名称 without a title unit",
        "岳阳市2018年度部门整体支出\n\n绩效评价自评报告\n\n部门(单位)名称: 岳阳市城市管理监督指挥中心\n\n一、部门(单位)基本概况",
        {"unit_name": "岳阳市城市管理监督指挥中心", "fiscal_year": 2018, "sources": {"unit_name": "form:部门(单位)名称"}},
    ),
    (
        "an internal office in page chrome is no unit",
        "2019年度部门整体支出绩效自评报告\n来源:办公室 浏览次数:12\n一、部门基本情况",
        {"unit_name": None, "fiscal_year": 2019, "report_kind": "department"},
    ),
    (
        "publishing office in the next cell of a pipe table",
        "索引号: | 11340722348722127R/202403-00037 | 组配分类: | 公立医疗卫生绩效考核 |\n"
        "发布机构: | 枞阳县卫生健康委员会 | 主题分类: | 卫生、体育、医疗 |\n"
        "枞阳县2023年度国家基本公共卫生\n服务项目绩效评价自评报告\n一、项目基本情况",
        {"unit_name": "枞阳县卫生健康委员会", "fiscal_year": 2023, "report_kind": "project",
         "sources": {"unit_name": "source_line"}},
    ),
    (
        "实施单位 glued to its value and to the next label",
        "稷山县项目支出绩效自评表 (2021年度) 项目名称国家基本公共卫生服务主管部门稷山县卫生健康和体育局年初预算数 0 "
        "项目资金 (万元) 年度资金总额实施单位稷山县翟店镇卫生院全年预算数全年执行数分值执行率得分 0 207.4538 10 100%",
        {"unit_name": "稷山县翟店镇卫生院", "fiscal_year": 2021, "report_kind": "project",
         "sources": {"unit_name": "form:实施单位"}},
    ),
    (
        "实施单位 value repeated by merged cells",
        "广水市财政预算支出项目绩效目标自评表 项目名称 项目主管单位 自评总分: 95 "
        "项目实施单位 广水市交通运输局 广水市交通运输局 项目负责人 孙章勇 1、常年性",
        {"unit_name": "广水市交通运输局", "sources": {"unit_name": "form:实施单位"}},
    ),
    (
        "title run into the body on a flattened mirror page, cited file name with .docx",
        "《炎陵县农业农村局2019年酃县白鹅资源保种经费的绩效自评报告.docx》由会员分享,可在线阅读。\n"
        "1、炎陵县农业农村局2019年酃县白鹅资源保种经费的绩效自评报告一、项目概况(一)项目单位基本情况。1.主要职能。",
        {"unit_name": "炎陵县农业农村局", "fiscal_year": 2019, "report_kind": "project",
         "title": "炎陵县农业农村局2019年酃县白鹅资源保种经费的绩效自评报告", "sources": {"unit_name": "title"}},
    ),
    (
        "cited file name with .docx alone",
        "《炎陵县农业农村局2019年酃县白鹅资源保种经费的绩效自评报告.docx》由会员分享,可在线阅读。\n正文略。",
        {"unit_name": "炎陵县农业农村局", "fiscal_year": 2019, "sources": {"unit_name": "body"}},
    ),
    (
        "unit only as the subject of a body sentence",
        "项目绩效自评报告\n\n时间:2024-06-12 13:25:38 自评报告 我要投稿\n\n一、项目基本情况\n\n(一)绩效目标情况\n\n"
        "  绵阳市科学技术局主要有部门预算项目支出、专项预算支出二类支出,项目资金总预算为2455.5万元。\n"
        "2021年部门预算项目支出87.5万元。",
        {"unit_name": "绵阳市科学技术局", "fiscal_year": 2021, "report_kind": "project", "sources": {"unit_name": "body"}},
    ),
    (
        "a higher authority's request is no subject",
        "项目绩效自评报告\n一、项目基本情况\n湖南省财政厅要求各单位开展2021年度绩效自评。",
        {"unit_name": None},
    ),
    (
        "a district ending in 山区 introduced with 以下简称",
        "2018年度项目支出绩效自评报告根据洪山区财政局工作方案的要求,我单位对委机关2018年度一般公共预算项目开展绩效自评。"
        "一、项目概况(一)单位职能:洪山区卫生和计划生育委员会(以下简称区卫计委)的主要职能:贯彻执行国家有关法律。",
        {"unit_name": "洪山区卫生和计划生育委员会", "fiscal_year": 2018, "region": "洪山区"},
    ),
    (
        "web page label 标题 before the title",
        "标      题 西藏自治区发展和改革委员会2020年度预算绩效管理考核自评报告\n索引号 000014349/2021-00107\n"
        "一、预算绩效管理工作开展情况",
        {"unit_name": "西藏自治区发展和改革委员会", "fiscal_year": 2020, "region": "西藏自治区"},
    ),
    (
        "bare 自治区 office in the title, the full name on the line under it",
        "自治区文化和旅游厅关于2021年度中央转移支付专项资金绩效自评的报告\n\n广西壮族自治区文化和旅游厅 | 2022-12-30\n"
        "现将中央非物质文化遗产保护专项资金转移支付2021年度绩效自评报告公开如下:",
        {"unit_name": "广西壮族自治区文化和旅游厅", "fiscal_year": 2021, "region": "广西壮族自治区",
         "sources": {"unit_name": "title+body"}},
    ),
    (
        "bracketed budget code before a 主管部门",
        "(临时救助)绩效目标自评表\n绩效目标自评表 (2019年度) |\n项目名称 |\n临时救助 |\n主管部门 |\n[155]濉溪县民政局 |\n",
        {"unit_name": "濉溪县民政局", "fiscal_year": 2019, "report_kind": "project"},
    ),
    (
        "year of a project period within one year",
        "财政支出项目绩效评价自评报告评价类型:项目实施过程评价报告日期:2022年8月22日一、项目基本概况"
        "项目起止时间2021年1月起至2021年12月止计划安排资金(万元)",
        {"fiscal_year": 2021, "sources": {"fiscal_year": "body"}},
    ),
    (
        "a project period over several years gives no year",
        "项目绩效自评报告\n一、项目基本情况\n项目起止时间2020年1月至2022年12月。",
        {"fiscal_year": None},
    ),
    (
        "who carried out the self-assessment of a 补助资金",
        "根据有关规定,广西壮族自治区住房和城乡建设厅、财政厅认真组织开展了2024年度中央财政城镇保障性安居工程补助资金"
        "绩效自评工作,自评情况如下:\n一、住房保障绩效自评",
        {"unit_name": "广西壮族自治区住房和城乡建设厅", "fiscal_year": 2024, "report_kind": "project"},
    ),
    (
        "the unit calling itself 我 + its name",
        "为贯彻落实预算绩效管理,现将工作自评如下:\n一、专项资金基本情况\n年初预算安排我公路建设养护中心20xx年"
        "预算绩效评价\"四好农村公路\"建设工程项目174万元。",
        {"unit_name": "公路建设养护中心", "sources": {"unit_name": "body"}},
    ),
    (
        "年度 starts no place name",
        "2023年度区交通事务中心整体支出绩效自评报告\n一、部门基本情况",
        {"unit_name": "区交通事务中心", "region": None, "fiscal_year": 2023},
    ),
    (
        "title run into the body whose list number lost its 、, under a file-name line",
        "河湖水系2022年整体绩效自评总结报告.docx\n许昌市河湖水系水源调度中心 2022 年整体和项目支出绩效自评总结报告"
        " 一 绩效管理工作开展情况。 我单位按照《中共许昌市委 许昌市人民政府关于全面实施 预算绩效管理的实施意见》",
        {"unit_name": "许昌市河湖水系水源调度中心", "fiscal_year": 2022, "sources": {"unit_name": "title"}},
    ),
    (
        "a portal's 信息公开 table without colons names the publishing unit",
        "索引号 | 01526035-8/20250418-00001 | 发布机构 | 腾冲市林业和草原局 |\n公开目录 | 财政预决算 | 发布日期 | 2025-04-18 |\n"
        "一、自评结论\n(一)部门整体绩效自评得分\n2024年度部门整体支出绩效自评项目总数为143个。\n"
        "资金来源 | 财政拨款 |",
        {"unit_name": "腾冲市林业和草原局", "sources": {"unit_name": "source_line"}},
    ),
    (
        "title lines with a document-sharing site's page labels",
        "2021年项目绩效自评报告表_第1页\n2021年项目绩效自评报告表_第2页\n已阅读5页,还剩1页未读 继续免费阅读\n"
        "2021年项目绩效自评报告表(实施单位用)填报单位:邵阳市疾病预防控制中心填报日期:2022年9月18日基本情况",
        {"fiscal_year": 2021, "report_kind": "project", "unit_name": "邵阳市疾病预防控制中心"},
    ),
    (
        "a form title with its first label glued after it, under a sharing site's file name",
        "《重庆市梁平区林业局2022年度部门整体绩效自评表.docx》由会员分享,可在线阅读。\n"
        "1、重庆市梁平区林业局2023年度部门整体绩效自评表主管部门重庆市梁平区林业局部门联系人李薇联系电话",
        {"unit_name": "重庆市梁平区林业局", "fiscal_year": 2023, "report_kind": "department"},
    ),
    (
        "no year but the filing date: the year before it",
        "部门整体支出绩效自评表\n单位(盖章):绥阳县太白镇人民政府 | 填报日期:2022年2月3日\n"
        "部门(单位)名称 | 绥阳县太白镇人民政府\n年度资金总额: | 1172.55 | 1268.72",
        {"fiscal_year": 2021, "sources": {"fiscal_year": "filed"}},
    ),
    (
        "filed in December: that year",
        "项目支出绩效自评表\n填表日期: 2021-12-20\n项目名称 | 农村公路养护\n年度资金总额 | 50 | 50 | 100%",
        {"fiscal_year": 2021, "sources": {"fiscal_year": "filed"}},
    ),
    (
        "a year in the text beats the filing date",
        "2023年度部门整体支出绩效自评表\n填报日期:2024年3月1日\n部门(单位)名称 | 攸县交通运输局",
        {"fiscal_year": 2023, "sources": {"fiscal_year": "title"}},
    ),
    (
        "neither report kind",
        "第三部分\n名词解释\n1.财政拨款收入:指单位从同级财政部门取得的财政预算资金。\n2.事业收入:指事业单位开展专业业务活动取得的收入。",
        {"report_kind": None, "unit_name": None, "fiscal_year": None},
    ),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_describe(text, expected):
    _check(_describe(text), expected)


def test_form_field_from_a_table():
    text = "2021年度项目支出绩效自评表\n一、项目概况"
    tables = [Table(0, 1, [["项目名称", "农村义务教育营养改善", "主管部门", "攸县教育局"], ["实施单位(盖章)", "", "攸县第一中学"]])]
    report = describe(normalize(text).text, RawDocument(path="form.docx", format="docx", pages=[Page(1, text)], tables=tables))
    assert report.unit_name == "攸县第一中学"
    assert report.metadata_sources["unit_name"] == "form:实施单位"


def test_file_name_as_title():
    r = _describe("一、部门基本情况\n基本支出1337万元。", path="/x/2024年度渌口区交通事务中心整体支出绩效自评报告.gbk.txt")
    assert (r.unit_name, r.fiscal_year, r.report_kind) == ("渌口区交通事务中心", 2024, "department")
    assert r.metadata_sources["unit_name"] == "path"


@pytest.mark.parametrize(
    "name,normalized",
    [
        ("株洲市渌口区交通事务中心", "渌口区交通事务中心"),
        ("219001-池州市贵池区棠溪镇人民政府", "贵池区棠溪镇人民政府"),
        ("青神县发展和改革局本级", "青神县发展和改革局"),
        ("云南省红河州数据发展中心", "红河州数据发展中心"),
        ("山东省残疾人联合会", "山东省残疾人联合会"),
        ("市公路局", "市公路局"),
        ("[155]濉溪县民政局", "濉溪县民政局"),
        ("【155】濉溪县民政局", "濉溪县民政局"),
    ],
    ids=["city before district", "code prefix", "本级", "province before prefecture", "province only", "no region",
         "bracketed code", "full-width bracketed code"],
)
def test_normalize_unit(name, normalized):
    assert normalize_unit(name) == normalized


_CONF = rules.load("metadata")


@pytest.mark.parametrize(
    "name,expected",
    [(n, True) for n in _CONF["unit"]["examples"]] + [(n, False) for n in _CONF["unit"]["counterexamples"]],
    ids=[f"unit:{n}" for n in _CONF["unit"]["examples"]] + [f"not unit:{n}" for n in _CONF["unit"]["counterexamples"]],
)
def test_is_unit(name, expected):
    assert is_unit(name) is expected


@pytest.mark.parametrize("name,region", list(_CONF["region"]["examples"].items()), ids=list(_CONF["region"]["examples"]))
def test_region_of(name, region):
    assert region_of(name) == (region or None)


@pytest.mark.parametrize("short,long", list(_CONF["fuller"]["examples"].items()), ids=list(_CONF["fuller"]["examples"]))
def test_abbreviates(short, long):
    assert abbreviates(short, long)


@pytest.mark.parametrize("short,long", list(_CONF["fuller"]["counterexamples"].items()),
                         ids=list(_CONF["fuller"]["counterexamples"]))
def test_not_abbreviates(short, long):
    assert not abbreviates(short, long)


def test_fuller_name_from_the_text():
    text = "2023年度县委巡察办整体支出\n绩效自评报告\n一、基本情况\n中共江永县委巡察工作领导小组办公室,作为县委巡察工作领导小组的日常办事机构"
    assert fuller_name("县委巡察办", text) == "中共江永县委巡察工作领导小组办公室"
    assert fuller_name("田心乡", "田心乡人民政府主要职能职责:(1)贯彻执行") == "田心乡人民政府"
    assert fuller_name("永德县明朗中学", "临沧市永德县明朗中学") is None


@pytest.mark.parametrize("run,unit", list(_CONF["unit"]["run_examples"].items()), ids=list(_CONF["unit"]["run_examples"]))
def test_unit_in_run(run, unit):
    assert unit_in_run(run) == (unit or None)


def test_gazetteer_forms():
    assert same_division("寻甸县", "寻甸回族彝族自治县")
    assert same_division("彭水自治县", "彭水苗族土家族自治县")
    assert official("红河州") == "红河哈尼族彝族自治州"
    assert is_parent("株洲市", "渌口区") and is_parent("株洲市", "株洲县")
    assert not is_division("隆尧")  # a county's bare short form is no region


def test_dated_and_implementer_units():
    assert dated_units("(一)金寨县麻埠镇人民政府2023年度下达上级资金转移支付755.19万元。") == [("金寨县麻埠镇人民政府", 3)]
    assert [u for u, _ in dated_units("我单位对环境监测站2021年度百岁宫大气监测专项项目使用管理情况认真开展了自评")] == ["环境监测站"]
    # a connective inside the name is no break (pool p0246): not 物资储备局
    assert [u for u, _ in dated_units("(一)项目概况\n红河州粮食和物资储备局2024年年初预算项目共14个")] == ["红河州粮食和物资储备局"]
    assert unit_in_run("红河州粮食和物资储备局", place_needed=False) == "红河州粮食和物资储备局"
    assert dated_units("根据《武山县财政局关于开展2024年度部门预算绩效自评工作的通知》要求") == []
    # the implementer is a role the body states (stated.role_units, once an alias)
    assert [u for u, *_ in role_units("根据中央及省、市相关文件要求,由区农业农村局实施五华区2023年高标准农田建设项目。")] == ["区农业农村局"]


def test_years_from_year_end_publication_and_header():
    assert year_end("人员情况:截至2024年12月31日,编制14人") == 2024
    assert published_year("来源:安居区市场监管局 发布时间:2022-08-15 18:21 浏览次数:") == 2021
    m = describe("寻甸县林业和草原局2023年异地造林补助资金项目支出绩效自评报告\n(2024年度)\n部门名称(公章):寻甸回族彝族自治县林业和草原局\n")
    assert (m.fiscal_year, m.unit_name) == (2024, "寻甸回族彝族自治县林业和草原局")


@pytest.mark.parametrize("text,kind", [
    ("一、项目基本情况\n原大瑞铁路初步设计批复保山站房4000平方米", "project"),
    ("一、单位基本情况\n(一)机构与职能", "department"),
    ("一、绩效目标分解下达情况\n(一)中央下达广西水污染防治资金预算", "project"),
    ("一、本部门项目绩效目标情况\n维持临塘乡2022年正常运转", "project"),
])
def test_heading_kind(text, kind):
    assert heading_kind(text) == kind


@pytest.mark.parametrize("sentence,unit", list(_CONF["unit"]["subject_examples"].items()),
                         ids=list(_CONF["unit"]["subject_examples"]))
def test_subject_unit(sentence, unit):
    assert subject_unit(sentence) == (unit or None)


@pytest.mark.parametrize("sentence,unit", list(_CONF["title"]["undertaking_examples"].items()),
                         ids=list(_CONF["title"]["undertaking_examples"]))
def test_undertaking(sentence, unit):
    units = [t.unit for t in undertaking(normalize(sentence).text) if t.unit]
    assert units == ([unit] if unit else [])


@pytest.mark.parametrize("sentence,unit", list(_CONF["unit"]["self_named_examples"].items()),
                         ids=list(_CONF["unit"]["self_named_examples"]))
def test_self_named_unit(sentence, unit):
    assert self_named_unit(normalize(sentence).text) == (unit or None)


@pytest.mark.parametrize("text,unit", list(_CONF["form"]["glued_examples"].items()), ids=list(_CONF["form"]["glued_examples"]))
def test_glued_form_field(text, unit):
    units = [u for u, *_ in form_fields(normalize(text).text, None)]
    assert units == ([unit] if unit else [])


@pytest.mark.parametrize("name,office", list(_CONF["source_line"]["office_examples"].items()),
                         ids=list(_CONF["source_line"]["office_examples"]))
def test_internal_office(name, office):
    assert is_internal_office(name) is office


def _after_forms(text: str, forms: list[Form]) -> Metadata:
    return fill_from_forms(_describe(text), forms, normalize(text).text)


def test_fill_from_forms_when_no_unit():
    r = _after_forms("项目支出绩效自评表\n项目名称 国家基本公共卫生服务", [Form(0, unit_name="稷山县翟店镇卫生院", fiscal_year=2021)])
    assert (r.unit_name, r.fiscal_year, r.region) == ("稷山县翟店镇卫生院", 2021, "稷山县")
    assert r.metadata_sources["unit_name"] == "forms"
    assert r.metadata_sources["fiscal_year"] == "forms"


def test_fill_from_forms_replaces_a_weak_cue():
    # a 主管部门 (rank 120) yields to the form's 实施单位; glued labels and repetitions are cut
    text = "项目支出绩效自评表\n(2021年度)\n项目名称 | 农村公路日常养护 |\n主管部门 | 汝城县交通运输局 |"
    r = _after_forms(text, [Form(0, unit_name="汝城县公路建设养护中心汝城县公路建设养护中心项目负责人")])
    assert r.unit_name == "汝城县公路建设养护中心"
    assert r.fiscal_year == 2021 and r.metadata_sources["fiscal_year"] == "title"


def test_fill_from_forms_keeps_a_titled_unit():
    text = "2023年度醴陵市财政局部门整体支出绩效自评报告\n一、部门基本情况"
    r = _after_forms(text, [Form(0, unit_name="醴陵市国库集中支付中心", fiscal_year=2022)])
    assert (r.unit_name, r.fiscal_year) == ("醴陵市财政局", 2023)
    assert r.metadata_sources["unit_name"] == "title"


def test_fill_from_forms_needs_the_forms_to_agree():
    forms = [Form(0, unit_name="攸县第一中学"), Form(1, unit_name="攸县第二中学")]
    r = _after_forms("部门整体支出绩效自评报告\n一、部门基本情况", forms)
    assert r.unit_name is None


def test_fill_from_forms_ignores_a_non_unit():
    r = _after_forms("项目支出绩效自评表\n项目名称 委托业务", [Form(0, unit_name="银川市教育局实施第位")])
    assert r.unit_name is None


def test_path_names_what_the_document_leaves_empty():
    m = from_path(Metadata(), "archive/2023/株洲市渌口区/渌口区交通事务中心/自评报告.txt")
    assert (m.fiscal_year, m.unit_name, m.region) == (2023, "渌口区交通事务中心", "株洲市渌口区")
    assert m.metadata_sources == {"fiscal_year": "path", "unit_name": "path", "region": "path"}


def test_path_never_overrides_the_document():
    described = _describe("2021年度攸县交通运输局部门整体支出绩效自评报告\n一、部门基本情况")
    m = from_path(described, "archive/2023/株洲市渌口区/渌口区交通事务中心/自评报告.txt")
    assert (m.fiscal_year, m.unit_name, m.region) == (2021, "攸县交通运输局", "攸县")
    assert m.metadata_sources == described.metadata_sources


def test_example_report(example_report):
    r = example_report
    assert r.unit_name == "渌口区交通事务中心"
    assert r.unit_name_normalized == "渌口区交通事务中心"
    assert r.fiscal_year == 2024
    assert r.report_kind == "department"
    assert r.region in ("渌口区", "株洲市渌口区")
    assert r.template == "department_overall"
    assert r.title == "2024年度渌口区交通事务中心整体支出绩效自评报告"
    assert r.metadata_sources["unit_name"] == "title"
    assert r.metadata_sources["fiscal_year"] == "title"


def test_build_report_sets_metadata():
    text = "保山市农业农村局\n2019年度部门整体支出绩效自评报告\n一、部门基本情况\n(一)部门概况\n保山市农业农村局为保山市人民政府工作部门。"
    r = build_report(RawDocument(path="d013.txt", format="txt", pages=[Page(1, text)]))
    assert (r.unit_name, r.fiscal_year, r.report_kind) == ("保山市农业农村局", 2019, "department")
    assert r.template == "department_overall"


def test_unit_never_holds_a_form_label_nor_its_stamp():
    """A form line glued by normalization is no unit name; its 主管部门 field is read instead; a
    unit written with (盖章) after it is the unit."""
    m = describe("2023年度项目支出绩效自评表\n项目名称乡村公路养护主管部门宁乡市交通运输局\n")
    assert (m.unit_name, m.metadata_sources["unit_name"]) == ("宁乡市交通运输局", "form:主管部门")
    m = describe("2022年度部门整体支出绩效自评报告\n填报单位:宁乡市文化馆(盖章)\n")
    assert m.unit_name == "宁乡市文化馆"


@pytest.mark.parametrize("text, unit", [
    # the subject after a leading clause, with a verb of the report's own work
    ("2022年度部门整体支出绩效自评报告\n一、基本情况\n为加强预算管理,宁乡市交通运输局对2022年度部门整体支出开展了绩效自评。\n",
     "宁乡市交通运输局"),
    ("2022年度部门整体支出绩效自评报告\n一、基本情况\n宁乡市交通运输局根据《预算法》要求,认真开展自评。\n", "宁乡市交通运输局"),
    ("2022年度部门整体支出绩效自评报告\n一、部门概况\n宁乡市交通运输局的主要职能是:负责全市交通运输工作。\n", "宁乡市交通运输局"),
    # after a list number (pool p0021)
    ("项目评价报告\n(二)实施情况。\n1.张店区市容环卫事业服务中心按照《张店区人民政府办公室关于印发的通知》文件规定,向街道拨付。\n",
     "张店区市容环卫事业服务中心"),
    # the implementer stated in a sentence, the unit naming itself with its name in brackets
    ("2022年度农村公路养护项目支出绩效自评报告\n一、项目概况\n项目主管部门为宁乡市交通运输局,实施单位为宁乡市公路建设养护中心。\n",
     "宁乡市公路建设养护中心"),
    ("2022年度部门整体支出绩效自评报告\n一、基本情况\n我局(宁乡市交通运输局)是县政府工作部门。\n", "宁乡市交通运输局"),
    # the unit on the line after the title's year line
    ("部门整体支出绩效自评报告\n(2022年度)\n宁乡市交通运输局\n一、基本情况\n", "宁乡市交通运输局"),
])
def test_unit_named_only_in_the_text(text, unit):
    assert describe(text).unit_name == unit


def test_financial_bureau_organising_is_no_subject():
    m = describe("2022年度部门整体支出绩效自评报告\n一、基本情况\n根据县财政局要求,各单位认真开展自评。\n")
    assert m.unit_name is None


@pytest.mark.parametrize("title, unit", [
    ("主管部门宁乡市交通运输局2022年度农村公路养护项目绩效自评报告\n", "宁乡市交通运输局"),
    ("宁乡市交通运输局所属宁乡市公路事务中心2022年度部门整体支出绩效自评报告\n", "宁乡市公路事务中心"),
    ("宁乡市交通运输局承担的2022年度农村公路养护项目支出绩效自评报告\n", "宁乡市交通运输局"),
])
def test_title_unit_cut_at_labels_and_parents(title, unit):
    assert describe(title).unit_name == unit


# corpus/pool/p0082.txt: the report says 我厅 and names the bureau in a cited rule and as 省应急管理厅
P0082 = ("根据省财政厅《关于印发<陕西省财政项目支出绩效评价管理办法>的通知》要求,我厅认真开展了2022年度部门预算绩效"
         "自评工作。\n一、部门概况\n1.部门主要职责\n据陕西省委办公厅、陕西省人民政府办公厅关于印发《陕西省应急管理厅职能"
         "配置内设机构和人员编制规定》(陕办字〔2019〕21号),省应急管理厅主要职责如下:")
# corpus/heldout/h009.txt: the finance bureau's notice is followed, the report's own bureau issued its own
H009 = ("按照《保山市财政局关于2020年市级部门整体支出和项目支出绩效自评及财政绩效评价有关事项的通知》(保财预〔2021〕66号),"
        "对2020年项目支出的准确性、真实性进行核实,并制发《保山市交通运输局关于做好2020年绩效自评和财政评价有关事项的通知》"
        "(保交财便〔2021〕4号)。我局高度重视。")
# corpus/pool/p0054.txt: 我局 (民政局, never named) and the issuers of a cited notice
P0054 = ("我局收到下达资金文件后,及时分配。根据《滁州市财政局 滁州市民政局关于分配2023年中央困难群众救助补助资金的通知》")


@pytest.mark.parametrize("text,unit", [(P0082, "陕西省应急管理厅"), (H009, "保山市交通运输局"), (P0054, None),
                                       ("我局商同达州市财政局下达资金。", None)])
def test_self_word_unit(text, unit):
    found = self_word_units(text)
    assert (found[0][0] if found else None) == unit


def test_chrome_line_is_no_title():
    # corpus/pool/p0167.txt: a portal's header glued to the page's own "绩效自评报告" is no title
    text = ("2021年师资培训专项经费绩效自评报告\n\n梅州教育局 edu.meizhou.gov.cn时间:2022-06-17 浏览次数:-绩效自评报告\n\n"
            "项目名称:师资培训专项经费\n\n一、基本情况\n\n(二)项目决策情况。\n\n梅州市教师发展中心严格按照《干部教育培训工作条例》"
            "等文件精神,于2021年初拟定了规划。")
    assert describe(text).unit_name == "梅州市教师发展中心"


@pytest.mark.parametrize("text,year", [
    # corpus/pool/p0177.txt: a cover dated 2016年5月 on its own line assesses 2015
    ("关于省级财政项目支出绩效自评情况报告\n项目名称 新型农业机械示范管理及质量专项\n2016年5月\n", 2015),
    ("湖北省农机局\n2021年12月20日\n", 2021),  # dated late in the year: that year
    ("2022年3月15日印发\n", None),  # not alone on its line
    ("发布日期:2022年3月15日\n", None),
])
def test_dated_line_year(text, year):
    assert dated_line_year(text) == year


def test_assessment_date_gives_the_year_before():
    # corpus/pool/p0170.txt: 评价时间 2016年4月 and no other year but the damaged title's
    text = "财政支出项目绩效评价报告\n\n项目单位: 文昌市教师进修学校 主管部门: 文昌市教育局 评价时间: 2016年4月20日至 2016年4月26\n"
    assert describe(text).fiscal_year == 2015


@pytest.mark.parametrize("text", [
    "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n略。\n\n宁远县水利局\n二〇二四年三月十日\n",  # a signature dated in words
    "2023年度部门整体支出绩效自评报告\n\n单位:宁远县水利局\n一、部门基本情况\n",  # a bare 单位 label
    "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n宁远县水利局作为全县水利行政主管部门。",  # 作为 after the subject
])
def test_unit_of_other_layouts(text):
    assert describe(text).unit_name == "宁远县水利局"


def test_a_money_unit_is_no_unit():
    assert describe("表1 (单位:万元)\n2023年度部门整体支出绩效自评报告\n").unit_name is None


def test_the_bureau_granting_funds_is_not_we():
    assert self_word_units("宁远县财政局下达我局资金50万元,我局及时拨付到项目。") == []


@pytest.mark.parametrize("text,unit", [
    # a county's government publishes its departments' reports on its portal (p0117, p0148)
    ("2023年度部门整体支出绩效自评报告\n来源: 宁远县人民政府 发布时间:2024-03-01\n一、部门基本情况\n宁远县水利局是县政府工作部门。",
     "宁远县水利局"),
    # a township's government publishes its own
    ("2023年度部门整体支出绩效自评报告\n来源:攀枝花市仁和区同德镇人民政府\n一、部门基本情况\n", "攀枝花市仁和区同德镇人民政府"),
])
def test_portal_owner_is_a_weak_publisher(text, unit):
    assert describe(text).unit_name == unit


@pytest.mark.parametrize("sentence", [
    "泸州市消防救援支队在编制2024年部门预算时,严格按照要求。",  # the unit dated with 在编制
    "2023年,泸州市消防救援支队紧紧围绕年度目标任务。",  # a time before the subject
    "截至2023年底,泸州市消防救援支队共有在职人员120人。",
])
def test_unit_named_only_in_the_body(sentence):
    assert describe("部门整体支出绩效自评报告\n一、基本情况\n" + sentence).unit_name == "泸州市消防救援支队"


def test_a_title_unit_ends_before_a_funding_documents_number():
    """pool p0234 (新疆 阜康): the issuer's short name 昌州财行 is glued to the unit before (2022)10号."""
    from extractor.interpret.metadata.title import unit_in_phrase

    title = "阜康市统计局昌州财行(2022)10号 国家统计局调查队专项经费项目支出绩效自评表"
    assert unit_in_phrase(title) == "阜康市统计局"
    assert unit_in_phrase("西平县交通运输局财政衔接推进乡村振兴资金项目") == "西平县交通运输局"


def test_body_kind_of_a_page_without_its_title():
    """pool p0249 (保山, 一、自评结论 without the title): "该项目" speaks of the report's one project."""
    text = ("一、自评结论\n(一)自评得分\n2022年度该项目的产出指标、效益指标、满意度指标均已完成年初预定目标,"
            "绩效自评分为98.14分。")
    assert body_kind(text) == "project"
    assert body_kind("一、部门概况\n我部门2022年度该项目支出…") == "department"


def test_form_field_stated_with_wei():
    """pool p0261 (海口 财政支出项目绩效自评报告 template): "主管部门为X", "项目业主为X" in prose."""
    text = ("主管部门为海口国家高新区管委会(行政主管部门)  \n\n项目业主为海口国家高新区管委会  \n\n"
            "项目负责人为赵兴亮联系电话:15208981602。")
    units = {(u, label) for u, label, _, _ in form_fields(text, None)}
    assert ("海口国家高新区管委会", "项目业主") in units
    assert not [u for u, _, _, _ in form_fields("实施单位为进一步加强管理,制定了制度。", None)]


@pytest.mark.parametrize("name", _CONF["unit"]["branch_examples"])
def test_parent_and_branch_is_one_unit(name):
    assert is_unit(name)


def test_dated_unit_with_its_branch():
    """pool p0252: a 决算 publication titled with a parent and its branch."""
    assert [u for u, _ in dated_units("随州市公安局曾都区分局2019年决算公开报告\n决算公开目录")] == ["随州市公安局曾都区分局"]


def test_accounts_page_holding_its_self_assessment():
    """pool p0255: a 决算公开说明 whose contents list the 部门整体支出绩效自评报告 it holds is read for its
    kind; a 决算 page citing a report in 《》 as an attachment (dev d014) holds none."""
    held = ("景东彝族自治县人民政府驻外办事联络处\n2018年度部门决算公开说明\n第一部分概况\n"
            "四、部门绩效自评情况\n(四)2018部门整体支出绩效自评报告\n(五)部门整体支出绩效自评表\n第五部分名词解释\n")
    assert describe(held).report_kind == "department"
    cited = ("2.部门绩效评价结果。\n本部门对2020年部门整体支出绩效评价情况开展自评,"
             "《大英县民政局2020年部门整体支出绩效评价报告》见附件(附件1)。\n第三部分 名词解释\n")
    assert describe(cited).report_kind is None


def test_department_assessment_named_without_bumen():
    """pool p0252: a 决算公开报告 whose contents list "整体支出绩效自评报告" (no 部门)."""
    text = ("随州市公安局曾都区分局2019年决算公开报告\n决算公开目录\n一、随州市公安局曾都区分局基本情况\n"
            "八、名词解释\n九、整体支出绩效自评报告\n十、决算公开表(含汇总表)\n")
    assert describe(text).report_kind == "department"
    assert body_kind("一、项目概况\n本项目…") == "project"
