"""Points written on the labels of a form's indicator block (interpret/forms/points.py): 湖北
财政项目绩效自评表 年度绩效目标(80分) over 产出指标(60分) / 效益指标 / 满意度指标, read in one cell or cut
into pieces by a flattening, and judged by the project template's constraint (the levels' points do
not exceed the block's: score_mismatch). Excerpts of corpus/findings and pool (non-blind)."""
from __future__ import annotations

from .conftest import ROOT, built_text, findings_of

CORPUS = ROOT / "corpus"


def points(report) -> dict:
    return {v.line: v.value for f in report.forms for v in f.values if v.block == "points"}


def test_block_points_below_its_levels_one_line_scrambled():
    """findings f013 (a DOC flattened to one spaced line, "年度 绩效 目标 (80 分) 产出指标 (60 分) …
    效益指标 (40 分)"): the levels add to 100 against the block's 80."""
    r = built_text((CORPUS / "findings/f013.txt").read_text(encoding="utf-8"), "excerpt.txt")
    assert points(r) == {"年度绩效目标": 80, "产出指标": 60, "效益指标": 40}
    [f] = [f for f in findings_of(r, "score_mismatch") if "年度绩效目标" in f.message]
    assert "80" in f.message and "100" in f.message
    for f_ in r.forms:
        for v in f_.values:
            if v.block == "points":
                assert v.line in "".join(r.text[v.start:v.end].split())


def test_counterexample_block_points_equal_to_its_levels():
    """pool p0236, the same template: 80 = 60 + 10 + 10, no finding."""
    r = built_text((CORPUS / "pool/p0236.txt").read_text(encoding="utf-8"), "excerpt.txt")
    assert points(r) == {"年度绩效目标": 80, "产出指标": 60, "效益指标": 10, "满意度指标": 10}
    assert not [f for f in findings_of(r, "score_mismatch") if "年度绩效目标" in f.message]


FORM = """财政项目绩效自评表
项目名称 培训项目 主管部门 某局
预算执行情况(万元)(20分) 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)
年度财政资金总额 100 100 100% 20
年度绩效目标(80分) 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分
产出指标(60分) 数量指标 培训人数 100人 100人 60
{rest}
总分 100
"""


def test_counterexample_a_level_missed_only_lowers_the_sum():
    """A level whose points are not written (效益指标 without them): 60 ≤ 80 is no finding; the same
    form with 效益指标(40分) is one."""
    quiet = built_text(FORM.format(rest="效益指标 社会效益指标 受益人数 50人 50人 20"), "excerpt.txt")
    assert points(quiet) == {"年度绩效目标": 80, "产出指标": 60}
    assert not [f for f in findings_of(quiet, "score_mismatch") if "年度绩效目标" in f.message]
    loud = built_text(FORM.format(rest="效益指标(40分) 社会效益指标 受益人数 50人 50人 20"), "excerpt.txt")
    assert [f for f in findings_of(loud, "score_mismatch") if "年度绩效目标" in f.message]
