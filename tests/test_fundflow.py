"""The fund-flow arithmetic of project reports (issue 14, item 2): 实际支出 ≤ 到位 (+ 上年结转) and
结余 = 到位 − 实际支出 in one sentence (checks/fundflow.py) and in a 项目绩效自评表's label → value cells
(checks.toml [[form_identity]]); 到位 = its sources (prose_list, sum_mismatch). Real excerpts
(corpus/findings/f017, f014, corpus/pool/p0024) as written and with one figure changed; synthetic text
with known truth."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent


def run(tmp_path, text: str):
    path = tmp_path / "excerpt.txt"
    path.write_text(text, encoding="utf-8")
    return extract(path).reports[0]


def rules(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


def spans_hold(report, finding):
    for ev in finding.evidence:
        assert report.text[ev["start"]:ev["end"]] == ev["raw"]
    return [ev["raw"] for ev in finding.evidence]


# corpus/findings/f017.txt line 17, as written
F017 = "1. 过程。项目资金预算140.11万元,到位140.11万元,实际支出140.11万元,执行率100%;资金严格按照财政各类文件规定支出使用,无违规现象。\n"


def test_a_consistent_flow_is_judged_and_passes(tmp_path):
    assert rules(run(tmp_path, F017), "balance_mismatch") == []


def test_spent_above_what_arrived_in_a_real_sentence(tmp_path):
    r = run(tmp_path, F017.replace("实际支出140.11万元", "实际支出150.11万元"))
    [f] = rules(r, "balance_mismatch")
    assert f.severity == "error"
    assert spans_hold(r, f) == ["150.11万元", "140.11万元"]
    assert "实际支出≤到位" in f.message and "多10" in f.message


def test_the_issue_example_spent_above_arrived_and_balance_zero(tmp_path):
    r = run(tmp_path, "一、项目资金情况\n项目资金已到位170万元,实际支出179.6万元,结余0万元。\n")
    found = rules(r, "balance_mismatch")
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    over, balance = found
    assert spans_hold(r, over) == ["179.6万元", "170万元"]
    assert spans_hold(r, balance) == ["0万元", "170万元", "179.6万元"]
    assert "170−179.6" in balance.message


@pytest.mark.parametrize("text,flagged", [
    ("项目资金到位200万元,实际支出180万元,结余20万元。\n", False),
    ("项目资金到位200万元,实际支出180万元,结余25万元。\n", True),
    ("上年结转资金30万元,本年到位200万元,实际支出220万元,结余10万元。\n", False),
    ("上年结转资金30万元,本年到位200万元,实际支出240万元。\n", True),
])
def test_synthetic_flows_with_known_truth(tmp_path, text, flagged):
    assert bool(rules(run(tmp_path, text), "balance_mismatch")) == flagged


@pytest.mark.parametrize("text", [
    "计划到位资金200万元,实际支出300万元。\n",                       # a plan
    "项目资金到位约200万元,实际支出300万元。\n",                      # approximate
    "2019-2021年累计到位资金200万元,实际支出300万元。\n",             # cumulative, several years
    "中央、省级等资金到位200万元,实际支出300万元。\n",               # maybe only some of the sources
    "中央资金到位100万元,省级资金到位100万元,实际支出300万元。\n",  # two funds
    "项目资金到位200万元,结转使用100万元,实际支出300万元。\n",      # a 结转 of unknown direction
    "结转资金30万元,本年到位200万元,实际支出220万元。\n",            # a balance before the spending
    "实际支出300万元,到位资金200万元。\n",                            # spending before arrival: not one flow
    "项目资金到位200万元,实际支出300元。\n",                          # two written units
    "实际到位资金127.22万元(其中:年中追加41.89万元),基本支出为110.45万元。\n",  # a spending line, not the spending
    "本年到位资金100万元,实际支出150万元,超支部分由单位自有资金解决。\n",      # other money covered it
    "2023年到位资金100万元,截至2024年6月实际支出150万元。\n",                 # two years
    "A项目资金到位100万元,B项目实际支出150万元。\n",                          # two projects
    "项目资金到位100万元,中央资金支出150万元。\n",                            # another fund's spending
])
def test_flows_that_are_not_judged(tmp_path, text):
    assert rules(run(tmp_path, text), "balance_mismatch") == []


# corpus/pool/p0056.txt: 实际下达 as what arrived, a 资金结转 after the spending as what is left
P0056 = ("提升改造项目投资估算67,463.91万元,截止2023年12月31日,财政实际下达并纳入评价的项目资金共计36,950.00万元,"
         "项目实际使用资金19,078.00万元,资金结转17,872.00万元,资金使用率51.63%。\n")


def test_a_real_flow_with_its_balance(tmp_path):
    assert rules(run(tmp_path, P0056), "balance_mismatch") == []
    r = run(tmp_path, P0056.replace("17,872.00万元", "17,972.00万元"))
    [f] = rules(r, "balance_mismatch")
    assert f.severity == "error"
    assert spans_hold(r, f) == ["17972.00万元", "36950.00万元", "19078.00万元"]  # thousands separators normalized away


# corpus/findings/f014.txt: the 服务贸易 项目绩效自评表 as label → value cells (计划投资额 570, 实际到位资金
# 398.88, 实际使用情况 395.86)
def f014(spent: str = "395.86") -> str:
    lines = (ROOT / "corpus/findings/f014.txt").read_text(encoding="utf-8").splitlines()[:90]
    assert lines[70] == "395.86"
    lines[70] = spent
    return "\n".join(lines) + "\n"


def test_a_project_forms_funds_as_written(tmp_path):
    assert rules(run(tmp_path, f014()), "balance_mismatch") == []


def test_a_project_forms_spending_above_what_arrived(tmp_path):
    r = run(tmp_path, f014("425.86"))
    [f] = rules(r, "balance_mismatch")
    assert f.severity == "error"
    assert spans_hold(r, f) == ["425.86", "398.88"]


# corpus/pool/p0024.txt line 25: 到位 = its sources (sum_mismatch of the prose 其中 list)
P0024 = ("截至2024年末,示范项目资金已到位36,982.43万元,其中:中央财政补助资金10,000万元,地方财政配套补助资金21,106.24万元,"
         "其他资金渠道5,876.19万元。\n")


def test_arrived_funds_against_their_sources(tmp_path):
    assert rules(run(tmp_path, P0024), "sum_mismatch") == []
    r = run(tmp_path, P0024.replace("21,106.24万元", "21,906.24万元"))
    [f] = rules(r, "sum_mismatch")
    assert f.severity == "error" and "36982.43" in f.message
