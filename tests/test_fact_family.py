"""Budget facts from the prose of project reports, read generally: the synthetic family of
scripts/synth_facts.py (each phrasing mined from the development texts, docs/fact_phrasings.md,
in 万元 and 元, with distractors that must not be read) has known truth, and the facts reader gets
every stated fact right and reads no distractor; the guards behind it on single sentences."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from .conftest import built_text, load_script

synth = load_script("synth_facts")


def _by_tested_key() -> dict[str, list]:
    out = defaultdict(list)
    for file, text, truth in synth.family():
        out[truth["tested"]].append((file, text, truth))
    return out


# Known misses (key, its phrasing, the distractor); strict: a known miss that is read fails. None now: the
# project's 已全部拨付 and another fund's (此外,…已全部拨付到位), once two values of one weak verb that gave none,
# are told apart by binding.other_money (see the sentences below).
KNOWN: set[tuple[str, str, str]] = set()


@pytest.mark.parametrize("key", synth.KEYS)
def test_every_fact_of_the_family_is_read(key):
    # the texts testing one key's phrasings (each text states all six keys). First seen with the code
    # before this work (6d0ae15): 2489 of 2808 facts right, 263 missing, 56 wrong (a prior year's or a
    # target's rate read as the report's, a part's money before 已全部使用完毕); every one now but KNOWN.
    # Round 12 (branch spent12) added seven phrasings of a figure completed across its clauses and four
    # distractors inside the spending sentence: the code before it read 3225 of 3348 (113 missing, 10 wrong:
    # a 上年同期 or 计划投资 clause before the spending one barred the rest of the sentence)
    wrong = []
    for file, text, truth in _by_tested_key()[key]:
        facts = {f.key: f.value for f in built_text(text).facts}
        for k, want in truth["facts"].items():
            got = facts.get(k)
            known = (k, truth["phrasings"][k], truth["distractor"]) in KNOWN
            if known and got is not None:
                wrong.append((file, k, "a known miss is read: drop it from KNOWN", want, got))
            elif not known and (got is None or abs(got - want) > 1e-6):
                wrong.append((file, k, truth["phrasings"][k], truth["distractor"], want, got))
    assert wrong == []


def test_the_family_is_fixed_and_its_truth_is_in_its_text():
    fam = synth.family()
    assert fam == synth.family() and len({f for f, _, _ in fam}) == len(fam)
    assert {t["phrasings"][t["tested"]] for _, _, t in fam} == {p[0] for p in synth.PHRASINGS}
    assert {t["distractor"] for _, _, t in fam} - {None} == {d[0] for d in synth.DISTRACTORS}
    for _, text, truth in fam:
        for key, value in truth["facts"].items():
            written = synth._written(key, Decimal(repr(value)), truth["unit"], 0)
            number = written.rstrip("万元%分")
            assert number.replace(",", "") in text.replace(",", ""), (key, written)


def _fact(text: str, key: str):
    return {f.key: f.value for f in built_text(text).facts}.get(key)


HEAD = "某县交通运输局2023年度农村公路养护项目支出绩效自评报告\n一、项目基本情况\n"


@pytest.mark.parametrize("body, key, want", [
    # a figure of last year, named by a word, is no fact; the report's own wins
    ("上年同期实际支出149.6万元,执行率86%。本年实际支出300万元,预算执行率95%。", "execution_rate", 95),
    ("上年同期实际支出149.6万元,执行率86%。", "execution_rate", None),
    ("去年该项目实际支出149.6万元。", "budget_executed", None),
    # a comparison's base and money carried in from last year are this year's figures
    ("与上年相比,实际支出300万元,预算执行率95%。", "budget_executed", 300),
    ("上年结转资金50万元,全年预算数350万元,实际支出300万元。", "budget_executed", 300),
    ("2022年预算100万元,本年实际支出120万元。", "budget_executed", 120),
    ("上年同期相比,实际支出300万元,预算执行率96%。", "execution_rate", 96),
    # a rate under an earlier year written out stands alone (pool p0241), and loses to this year's
    ("2022年下达资金共计547.6万元,实际支出547.6万元,资金执行率100%。", "execution_rate", 100),
    ("2022年预算执行率为80%。2023年预算执行率为96%。", "execution_rate", 96),
    # a target or a plan is not a result
    ("年度绩效目标为:预算执行率≥95%,资金支出300万元。", "budget_executed", None),
    ("年度绩效目标为:预算执行率≥95%,资金支出300万元。", "execution_rate", None),
    ("项目计划完成投资500万元。", "budget_executed", None),
    ("项目按计划完成,实际支出300万元,预算执行率95%。", "budget_executed", 300),
    ("预算计划执行情况:实际支出300万元,预算执行率96%。", "budget_executed", 300),
    # the figure before the verb that closes its clause
    ("项目资金99万元已全部拨付,执行率100%。", "budget_executed", 99),
    ("项目资金99万元已全部拨付到位。", "budget_executed", None),  # 拨付 alone: passed on, not spent
    ("补助资金191.59万元已全部发放到户。", "budget_executed", 191.59),
    ("补贴资金356.78万元已全部兑付到户。", "budget_executed", 356.78),
    ("全年共兑现补贴资金288万元。", "budget_executed", 288),
    # rates and scores
    ("实际支出120万元,资金支付进度为96%。", "execution_rate", 96),
    ("经自评,该项目得分85分,自评等级为优。", "self_score", 85),
    ("经评价小组评定,该项目综合评定为95分。", "self_score", 95),
    ("绩效自评结论:项目得分95分,评价等级为优。", "self_score", 95),
    ("其中项目决策得分15分,过程管理得分18分。", "self_score", None),
    # a comma and a time between the figure and its verb; a part's money before it is no fact
    ("项目资金共计300万元,截至2023年12月31日已全部使用完毕,执行率100%。", "budget_executed", 300),
    ("项目资金共计300万元,其中中央资金200万元,目前已全部使用完毕,执行率100%。", "budget_executed", None),
    # a purpose clause takes the figure's subject: the verb after it completes the figure (heldout9 u020's
    # gold: "…54.6万元,用于村级文化协管员补助、农家书屋…,全部执行完毕" is executed); a clause with a subject of
    # its own does not (heldout5 r029)
    ("项目资金300万元,用于道路养护,已全部使用完毕。", "budget_executed", 300),
    ("项目资金300万元,县财政局已全部下达,项目经费已全部支出。", "budget_executed", None),
    # money besides the project's, completed by the same verb, is not the project's
    ("项目资金354.22万元已全部拨付,执行率为100%。此外,省级配套资金212.5万元已全部拨付到位,用于项目后续建设。",
     "budget_executed", 354.22),
    # an earlier year's clause, then the key stated again: the report year's (one sentence, one figure a year)
    ("截至12月底,上年同期支出142.05万元,实际发放补助资金473.5万元,支出率100%。", "budget_executed", 473.5),
    ("截至12月底,上年同期支出142.05万元,实际发放补助资金473.5万元,支出率100%。", "execution_rate", 100),
    ("上年同期支出142.05万元,支出率90%。", "execution_rate", None),
    # a plan's clause, then a label of its own: the plan governs its clause only
    ("截至12月底,项目计划投资461.4万元,实际支付722.86万元,预算完成率94%。", "budget_executed", 722.86),
    ("项目计划投资461.4万元,计划完成投资400万元。", "budget_executed", None),
    # 执行 right before an amount; a bare 支出率 opening its clause; 全年可用预算
    ("项目年初预算300万元,全年预算350万元,全年执行336万元,执行率96%。", "budget_executed", 336),
    ("项目资金已支出288万元,支出率96%。", "execution_rate", 96),
    ("全年可用预算300万元,实际支出288万元。", "budget_full_year", 300),
    # (round 17) a time after the comma with 已 before it: "…,已于…底前全部支出完毕" as "…,于…支出完毕"
    ("项目资金100万元,已于2023年12月底前全部支出完毕。", "budget_executed", 100),
])
def test_a_sentence_states_the_fact_or_not(body, key, want):
    assert _fact(HEAD + body + "\n", key) == want


@pytest.mark.parametrize("body, span", [
    ("2023年共下达专项债资金600万元,于2024年2月1日支出完毕,主要支出内容为:工程进度款。", "600万元,于2024年2月1日支出完毕"),
    ("该项目资金100万元已全部执行到位。", "100万元已全部执行到位"),
    ("项目实际支出300万元。", "实际支出300万元"),
])
def test_a_fact_spans_its_figure_and_its_label_in_text_order(body, span):
    # a figure before the verb that completes it: the stored span opens at the figure (it once ran from the
    # verb back to the figure's end, an empty slice of the text)
    report = built_text(HEAD + body + "\n")
    fact = next(f for f in report.facts if f.key == "budget_executed")
    assert report.text[fact.start:fact.end] == span
