"""Checks on real excerpts of the retired held-out sets (corpus/heldout6, heldout7, heldout8; quoted
here) through the whole pipeline, each with a counterexample: the inconsistency their findings gold
names is found, and the layout that made a false finding makes none."""
from __future__ import annotations

from extractor.pipeline import extract


def run(tmp_path, text: str, name: str = "excerpt.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path).reports[0]


def rules(report, rule: str):
    return [f for f in report.findings if f.rule == rule]


# ----------------------------------------------------------------------------- in-line lists
S009_LIST = ("年度主要 工作内容 |\n1.完成全年度公益培训20场。 2.开展数字文化服务,公共文化场馆实行全年免费开放, "
             "3.完成传统文化进校园,进景区、进乡村、进机关、进工地。 4、完成送文化下乡20场次、组织开展大型群众文化活动4场次。 |\n")


def test_a_list_item_after_a_comma_is_no_skip(tmp_path):
    """heldout7 s009: "3." follows a comma (the list reader takes items after a sentence end only), so
    "4、" after "2." skips nothing; the same list without its 3 does."""
    assert rules(run(tmp_path, S009_LIST), "section_numbering") == []
    gapped = S009_LIST.replace("3.完成传统文化进校园", "完成传统文化进校园")
    [f] = rules(run(tmp_path, gapped), "section_numbering")
    assert "跳过了编号" in f.message and "应为“3、”" in f.message
