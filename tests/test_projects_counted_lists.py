"""Round 21: projects a report counts or announces in one sentence, read whatever the names end in.

- an evaluation's objects counted in their own clause, without 等: "对2019年禁毒工作专项经费、20座社区公厕改造建设经费、
  扶持企业科技基金及扶持企业发展专项基金3个项目进行重点评价" (heldout13 w010): the count vouches for the list
  ([counted.before]); the year before the first item is the list's;
- the items of "用于以下项目:" marked on its own line, each with its money: "用于以下项目:1、贫困母亲“两癌”救助
  1.5万元,2、贫困母亲安居房援建1.5万元。" (heldout11 w004): each name cut before its money ([counted.announce]).
"""
import itertools

import pytest

from .conftest import ROOT, built_text

NAMES = ("禁毒工作专项经费", "20座社区公厕改造建设经费", "扶持企业科技基金及扶持企业发展专项基金", "农村饮水安全巩固提升工程",
         "残疾人康复补助资金", "城区排水管网改造项目")
OPENERS = ("我局委托第三方,对", "本次重点评价对", "区财政局对")
YEARS = ("", "2019年", "2023年度")
COUNTS = {2: ("2", "两"), 3: ("3", "三"), 4: ("4", "四")}
VERBS = ("进行重点评价", "开展了绩效评价", "进行了绩效自评")
TITLE = "集美区财政局2019年度项目支出重点绩效评价报告\n"
TAIL = ",涉及区本级财政资金7300万元。\n二、评价结论\n各项目均达到预期目标。"


def _projects(text: str, name: str = "x.txt") -> list[tuple[str, float | None]]:
    return [(p.name, p.amount) for p in built_text(text, name).projects]


def _cases():
    for n, opener, year, verb in itertools.product((2, 3, 4), OPENERS, YEARS, VERBS):
        names = NAMES[n - 1:2 * n - 1] if n < 4 else NAMES[:4]
        for count in COUNTS[n]:
            yield names, opener, year, count, verb


@pytest.mark.parametrize("names, opener, year, count, verb", list(_cases()))
def test_an_evaluations_objects_counted_in_their_clause(names, opener, year, count, verb):
    text = f"{TITLE}一、基本情况\n{opener}{year}{'、'.join(names)}{count}个项目{verb}{TAIL}"
    assert _projects(text) == [(name, None) for name in names]


@pytest.mark.parametrize("names, count", [
    (NAMES[:3], "2"),  # the count is not the list's: three names, two counted
    (NAMES[:3], "4"),
])
def test_a_count_the_list_does_not_hold_reads_no_list(names, count):
    text = f"{TITLE}一、基本情况\n本次重点评价对{'、'.join(names)}{count}个项目进行重点评价{TAIL}"
    assert _projects(text) != [(name, None) for name in names]


def test_a_comma_inside_the_clause_is_no_list_of_its_objects():
    # the objects' clause holds no comma: "对A,B、C3个项目" is a sentence going on, not a list of three
    text = f"{TITLE}一、基本情况\n本次重点评价对{NAMES[0]},{NAMES[1]}、{NAMES[2]}3个项目进行重点评价{TAIL}"
    assert (NAMES[0], None) not in _projects(text)


def test_words_before_a_count_that_are_no_names():
    # 针对 is no evaluation's 对, and items ending in no project word are none
    text = f"{TITLE}一、基本情况\n针对资金拨付、项目验收2个项目进行重点评价{TAIL}"
    assert _projects(text) == []


ITEM_NAMES = ("贫困母亲“两癌”救助", "贫困母亲安居房援建", "留守儿童关爱服务")
MARKS = (("1、", "2、", "3、"), ("(1)", "(2)", "(3)"), ("①", "②", "③"))
SEPARATORS = (",", ";", "。")
CUES = ("用于以下项目:", "资金安排的项目如下:", "主要实施了以下项目:")


@pytest.mark.parametrize("n, marks, sep, cue", list(itertools.product((2, 3), MARKS, SEPARATORS, CUES)))
def test_announced_items_on_the_cues_own_line_each_with_its_money(n, marks, sep, cue):
    money = ("1.5", "2", "0.8")
    items = sep.join(f"{marks[k]}{ITEM_NAMES[k]}{money[k]}万元" for k in range(n))
    text = (f"一、项目基本情况\n2018年度州财政妇女儿童专项资金下达3万元,{cue}{items}。\n"
            "二、绩效目标完成情况\n各项目均已完成。")
    assert _projects(text) == [(ITEM_NAMES[k], float(money[k])) for k in range(n)]


def test_announced_items_followed_by_an_unmarked_one_are_not_taken_as_all():
    # pool p0133: "分项目如下:①A应到位68万元,实际到位21万元,…;②B…;④D…到位率0%;5E…" — the marks miss the fifth;
    # the marked items alone are not the list (the cued list reads all of them)
    items = ";".join(f"{m}{n}1.5万元" for m, n in zip(("①", "②", "③"), ITEM_NAMES)) + ";4社区养老服务补助2万元"
    text = f"一、项目基本情况\n资金下达5万元,分项目如下:{items}。\n"
    assert _projects(text) == [(name, 1.5) for name in ITEM_NAMES] + [("社区养老服务补助", 2.0)]


def test_announced_items_without_money_are_none():
    text = "一、项目基本情况\n资金下达3万元,用于以下项目:1、贫困母亲“两癌”救助,2、贫困母亲安居房援建。\n"
    assert ("贫困母亲安居房援建", None) not in _projects(text)


H11, H13 = ROOT / "corpus" / "heldout11", ROOT / "corpus" / "heldout13"


def _real(folder, stem: str) -> list[tuple[str, float | None]]:
    return _projects((folder / f"{stem}.txt").read_text(encoding="utf-8"), f"{stem}.txt")


def test_real_counted_objects():
    assert _real(H13, "w010") == [("禁毒工作专项经费", None), ("20座社区公厕改造建设经费", None),
                                  ("扶持企业科技基金及扶持企业发展专项基金", None)]


def test_real_announced_items():
    assert _real(H11, "w004") == [("贫困母亲“两癌”救助", 1.5), ("贫困母亲安居房援建", 1.5)]
