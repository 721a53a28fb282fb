"""Round 21: a cover's, a form's or a portal's label split between two lines by a page's width ("…2020-0803011 发" /
"布机构 腾冲市农业农村局", heldout6 s029 wrapped like a PDF's text) is joined like a fact's label
([lines] split_labels), so the unit it names is read."""
import itertools

import pytest

from extractor.text.normalize import normalize

from .conftest import built_text

BODY = "\n2019年度畜禽粪污资源化利用项目绩效自评报告\n一、项目基本情况\n下达我市2019年畜禽粪污资源化利用项目资金为1000万元。\n"


@pytest.mark.parametrize("label, k", [(label, k) for label in ("发布机构", "发文机关", "发布单位", "来源单位")
                                      for k in range(1, len(label))])
def test_a_portal_label_split_by_the_page_width(label, k):
    text = f"索引号 01526101-9-/2020-0803011 {label[:k]}\n{label[k:]} 腾冲市农业农村局\n公开目录 财政预决算{BODY}"
    assert built_text(text).unit_name == "腾冲市农业农村局"


@pytest.mark.parametrize("label, k", [(label, k) for label in ("实施单位", "项目单位", "填报单位") for k in (1, 2, 3)])
def test_a_form_field_label_split_by_the_page_width(label, k):
    text = f"2019年度畜禽粪污资源化利用项目绩效自评表项目名称畜禽粪污资源化利用项目{label[:k]}\n{label[k:]}:腾冲市农业农村局\n"
    assert label in normalize(text).text


def test_a_short_line_is_no_page_line():
    # a cell one a line ("发" alone) is a table's, not a page's wrap: nothing is joined
    assert "发\n布机构" in normalize("发\n布机构 腾冲市农业农村局\n").text
