"""How the title grammar reads titles nobody tuned to: synthetic reports crossing units, names and title forms.

    .venv/bin/python bench/title_probes.py [--misses]

Each probe is a report whose title is built from known parts (a unit of one of many kinds, a project name, one
of the usual title forms) over a short body stating the year's money; the truth is the parts. Prints, per
family, how many reports give back the unit, the year, the kind and (for project reports) the project with its
money; ``--misses`` lists the reports that do not. A measure of generality, not a test: the families are wider
than tests/test_titles_forms.py and tests/test_titles_sites.py, and a miss here is a title form to look at.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extractor.model import Page, RawDocument  # noqa: E402
from extractor.pipeline import build_report  # noqa: E402

DEPARTMENT_BODY = ("\n一、部门基本情况\n本部门编制人数45人,实有人数43人。\n二、部门整体支出情况\n"
                   "2023年度支出合计1230万元,其中基本支出800万元,项目支出430万元。\n")
PROJECT_BODY = "\n一、项目基本情况\n项目年初预算100万元。\n二、项目资金使用情况\n截至2023年底,已支出85万元,预算执行率85%。\n"

UNITS = ["中共汝城县委宣传部", "汝城县人民政府办公室", "郴州市北湖区人民路街道办事处", "汝城县热水镇人民政府", "汝城县第一中学",
         "汝城县疾病预防控制中心", "郴州市公安局交通警察支队", "汝城县人民法院", "汝城县人民检察院", "共青团汝城县委员会",
         "汝城县妇女联合会", "汝城县融媒体中心", "汝城县供销合作社联合社", "汝城县残疾人联合会", "汝城县机关事务服务中心",
         "郴州市生态环境局汝城分局", "汝城县国有九龙江林场", "汝城县人民医院", "中国共产党汝城县纪律检查委员会",
         "汝城县住房和城乡建设局", "汝城县自然资源局", "汝城县应急管理局", "汝城县退役军人事务局", "汝城县医疗保障局",
         "汝城县文化旅游广电体育局", "汝城县科学技术协会", "汝城县工商业联合会", "汝城县档案馆", "汝城县图书馆",
         "汝城县地方公路管理段", "汝城县农业综合执法大队", "汝城县城市管理和综合执法局", "汝城县政务服务中心",
         "汝城县卫生健康局", "汝城县畜牧水产事务中心"]
DEPARTMENT_FORMS = ["{u}2023年度部门整体支出绩效自评报告", "2023年度{u}部门整体支出绩效自评报告",
                    "{u}2023年部门整体支出绩效评价报告", "{u}关于2023年度部门整体支出绩效自评的报告"]
PROJECT_UNITS = ["汝城县交通运输局", "汝城县农业农村局", "汝城县教育局", "汝城县热水镇人民政府", "汝城县卫生健康局",
                 "中共汝城县委组织部", "汝城县水利局", "汝城县民政局"]
PROJECTS = ["农村公路养护项目", "高标准农田建设项目", "义务教育学生营养改善计划", "基本公共卫生服务项目", "困难群众救助补助资金",
            "农村饮水安全巩固提升工程", "村级组织运转经费", "美丽乡村建设专项资金", "森林防火专项经费", "农村危房改造补助资金"]
PROJECT_FORMS = ["{u}2023年度{p}绩效自评报告", "2023年度{u}{p}绩效自评报告", "{u}2023年{p}支出绩效自评报告",
                 "{u}关于2023年度{p}绩效自评的报告"]


def _report(text: str):
    return build_report(RawDocument(path="probe.txt", format="txt", pages=[Page(1, text)]))


def department_probes():
    for unit, form in itertools.product(UNITS, DEPARTMENT_FORMS):
        title = form.format(u=unit)
        r = _report(title + DEPARTMENT_BODY)
        yield title, (r.unit_name, r.fiscal_year, r.report_kind) == (unit, 2023, "department")


def project_probes():
    for unit, name, form in itertools.product(PROJECT_UNITS, PROJECTS, PROJECT_FORMS):
        title = form.format(u=unit, p=name)
        r = _report(title + PROJECT_BODY)
        ok = ((r.unit_name, r.fiscal_year, r.report_kind) == (unit, 2023, "project")
              and [(p.name, p.amount) for p in r.projects] == [(name, 85.0)])
        yield title, ok


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the titles read wrong")
    args = ap.parse_args(argv)
    for family, probes in (("department titles (unit, year, kind)", department_probes),
                           ("project titles (unit, year, kind, project and money)", project_probes)):
        results = list(probes())
        right = sum(ok for _, ok in results)
        print(f"{family:55s} {right:4d} of {len(results)}")
        if args.misses:
            for title, ok in results:
                if not ok:
                    print("   miss", title)


if __name__ == "__main__":
    main()
