"""The inventory of the ways the prose of project reports states budget facts (docs/fact_phrasings.md):
every non-blind development text that reads as a project report (no 整体支出/部门整体 in its head),
scanned for each form of statement (a label before the figure, the figure before its verb, the
connectors, the rate and score phrasings, and the distractors that are no fact); prints, per form,
how many texts hold it and the first examples. A mining aid for scripts/synth_facts.py, not a reader.

    PYTHONPATH=. python bench/fact_phrasings.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from corpus_sets import ROOT, texts

SETS = ["heldout", "heldout2", "heldout3", "heldout4"]  # heldout4 retired to development; 5-7 are blind
AM = r'\d[\d,]*(?:\.\d+)?\s*(?:万元|元)'
PC = r'\d+(?:\.\d+)?\s*%'
DEPARTMENT_HEAD = re.compile("整体支出|部门整体")
FORMS = {
    # label before figure
    'L 年初预算(数/安排)': r'年初(?:批复)?预算(?:数|安排|资金)?[^，,。;\d]{0,8}?(?:为|共|共计|合计)?\s*'+AM,
    'L 全年预算(数)': r'全年(?:可执行)?预算(?:数|资金)?[^，,。;\d]{0,8}?'+AM,
    'L 调整后预算/调整预算': r'调整(?:后)?预算[^，,。;\d]{0,8}?'+AM,
    'L 预算(资金)总额/项目预算': r'(?:项目)?预算(?:资金)?(?:总额)?(?:为|共|共计|合计)\s*'+AM,
    'L 下达/安排…资金': r'(?:下达|安排|批复)[^，,。;\d]{0,15}?(?:资金|经费|预算)[^，,。;\d]{0,4}?'+AM,
    'L 到位资金/实际到位': r'(?:到位资金|实际到位|资金到位|已到位)[^，,。;\d]{0,6}?'+AM,
    'L 计划投资/总投资 (distractor)': r'(?:计划投资|总投资)[^，,。;\d]{0,6}?'+AM,
    'L 实际支出': r'实际支出[^，,。;\d]{0,8}?'+AM,
    'L 执行数/执行金额': r'执行(?:数|金额|资金)[^，,。;\d]{0,6}?'+AM,
    'L (共/累计/已)支出': r'(?:共|累计|合计|已|共计)(?:实际)?支出[^，,。;\d]{0,8}?'+AM,
    'L 支出(bare verb)': r'(?<![预算基本项目人员公用])支出(?:资金|金额)?(?:为|共计|合计)?\s*'+AM,
    'L 拨付': r'拨付[^，,。;\d]{0,8}?'+AM,
    'L 发放': r'发放[^，,。;\d]{0,10}?'+AM,
    'L 完成投资': r'完成(?:项目)?投资(?:额)?[^，,。;\d]{0,6}?'+AM,
    'L 使用': r'使用(?:资金|金额)?[^，,。;\d]{0,6}?'+AM,
    'L 支付': r'支付[^，,。;\d]{0,8}?'+AM,
    'L 兑付': r'兑付[^，,。;\d]{0,8}?'+AM,
    'L 报账': r'报账[^，,。;\d]{0,8}?'+AM,
    'F 万元(已)(全部)拨付(到位)': AM+r'[^，,。;\d]{0,6}?(?:已|均已)?(?:全部|全额|足额)?拨付',
    'F 万元(已)(全部)到位': AM+r'[^，,。;\d]{0,6}?(?:已|均已)?(?:全部|全额|足额)?(?:到位)',
    'F 万元全部执行到位/执行完毕/支出完毕': AM+r'[^，,。;\d]{0,6}?(?:执行到位|执行完毕|支出完毕|使用完毕|支付完毕)',
    'F 万元(已)(全部)用于/使用': AM+r'[^，,。;\d]{0,6}?(?:全部|已)(?:用于|使用)',
    'C 共计/合计/累计 + figure': r'(?:共计|合计|累计)\s*'+AM,
    'C 为 + figure': r'为\s*'+AM,
    'C 达 + figure': r'达(?:到)?\s*'+AM,
    'R 资金执行率': r'资金执行率[^，,。;\d]{0,4}?'+PC,
    'R 预算执行率': r'预算执行率[^，,。;\d]{0,4}?'+PC,
    'R 执行率(达/为)': r'(?<![预算资金])执行率(?:达到|达|为|是)\s*'+PC,
    'R 支付进度/支出进度/执行进度': r'(?:支付|支出|执行)进度[^，,。;\d]{0,4}?'+PC,
    'R 完成率/到位率/支付率': r'(?:预算完成|资金到位|到位|支付|拨付)率[^，,。;\d]{0,4}?'+PC,
    'S 自评得分': r'自评(?:总)?得分[^，,。;\d]{0,4}?\d+(?:\.\d+)?\s*分',
    'S 自评分数/自评分': r'自评(?:分数|总分|分)[^，,。;\d]{0,4}?\d+(?:\.\d+)?\s*分',
    'S 综合评分/综合得分': r'综合(?:评价)?(?:评分|得分)[^，,。;\d]{0,4}?\d+(?:\.\d+)?\s*分',
    'S 评定为/评为…分': r'(?:评定|评为|评价为|确定为)[^，,。;]{0,10}?\d+(?:\.\d+)?\s*分',
    'S 得分为/最终得分': r'(?:最终|总)?得分(?:为|是)\s*\d+(?:\.\d+)?\s*分',
    'S (X分)自评等级/评价结果为优': r'\d+(?:\.\d+)?\s*分[,，]\s*(?:自评|评价)?(?:等级|结果|等次)',
    'D 上年/2022年 figure': r'(?:上年|上一年|去年|20\d\d年)[^，,。;\d]{0,10}?(?:预算|支出|拨付|执行)[^，,。;\d]{0,6}?'+AM,
    'D 其中 parts': r'其中[:：]?[^，,。;\d]{0,12}?'+AM,
    'D 绩效目标 sentence': r'(?:目标|计划)[^，,。;\d]{0,10}?(?:执行率|支出|投资)[^，,。;\d]{0,6}?(?:'+AM+'|'+PC+')',
}


def project_texts() -> list[Path]:
    """The non-blind development texts that read as project reports."""
    files = list(texts(ROOT / "corpus" / "pool"))
    for name in SETS:
        files += texts(ROOT / "corpus" / name)
    files += sorted((ROOT.parent / "shared" / "corpus" / "real").glob("*.txt"))
    return [f for f in files if not DEPARTMENT_HEAD.search(f.read_text("utf-8", "replace")[:600])]


def inventory(files: list[Path]) -> list[tuple[str, int, list[str]]]:
    """(form, number of texts holding it, up to three examples) per form."""
    read = [f.read_text("utf-8", "replace").replace("，", ",").replace("：", ":").replace("；", ";") for f in files]
    rows = []
    for form, pattern in FORMS.items():
        rx = re.compile(pattern)
        hits = [m.group()[:40] for t in read if (m := rx.search(t))]
        rows.append((form, len(hits), hits[:3]))
    return rows


def main() -> None:
    """Print the inventory as a Markdown table."""
    files = project_texts()
    print(f"{len(files)} project texts\n")
    print("| form | texts | examples |\n|---|---|---|")
    for form, n, ex in inventory(files):
        cells = " / ".join(e.replace("\n", " ").replace("|", " ") for e in ex)
        print(f"| {form} | {n} | {cells} |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
