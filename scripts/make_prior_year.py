"""Write the 2023 report the 2024 渌口区 report implies, and a variant that disagrees.

The 2024 report says 人员经费 1048.772537万元, 较上年增加47.793949万元; so 2023 must say
1000.978588万元. Likewise 运行经费 288.585732 − 100.332732 = 188.253 and 项目支出
9151.246516 − 4757.69 = 4393.556516. The disagreeing variant states 人员经费 1010.978588万元.
Output: corpus/synthetic/prior-year/{agree,disagree}/2023年度渌口区交通事务中心整体支出绩效自评报告.txt
"""
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "synthetic" / "prior-year"
NAME = "2023年度渌口区交通事务中心整体支出绩效自评报告.txt"

PERSONNEL = Decimal("1048.772537") - Decimal("47.793949")
OPERATING = Decimal("288.585732") - Decimal("100.332732")
PROJECT = Decimal("9151.246516") - Decimal("4757.69")

TEMPLATE = """2023年度渌口区交通事务中心整体支出
绩效自评报告
一、部门（单位）基本情况
（一）单位主要职能
负责全区编码公路的养护工作。
（二）人员情况。
2023年年末，全中心编制人数68人，实有人数77人。
二、一般公共预算支出情况
（一）基本支出情况
基本支出{basic}万元。其中人员经费{personnel}万元，运行经费{operating}万元。
（二）项目支出情况
项目支出{project}万元，其中基本建设类项目{project}万元。
三、政府性基金预算支出情况
无
四、国有资本经营预算支出情况
无
五、社会保险基金预算支出情况
无
六、部门整体支出绩效情况
公路建设养护关系千家万户的生命财产安全，经统计，群众满意度为90%。
七、存在的问题及原因分析
部门整体绩效目标不够明确和量化。
八、下一步改进措施
树立绩效管理观念。
九、部门整体支出绩效自评结果拟应用和公开情况
此次绩效自评报告在政府门户网站上予以公布。
十、其他需要说明的情况
无
"""


def _plain(d: Decimal) -> str:
    return f"{d.normalize():f}"


def write(folder: str, personnel: Decimal) -> Path:
    path = OUT / folder / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(
        basic=_plain(personnel + OPERATING), personnel=_plain(personnel),
        operating=_plain(OPERATING), project=_plain(PROJECT),
    )
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write("agree", PERSONNEL))
    print(write("disagree", PERSONNEL + 10))
