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


def test_a_title_as_wide_as_the_page_does_not_run_into_a_portal_line():
    # heldout11 w020 laid out as a PDF's page (28 characters a line): its title as wide as the page, then
    # "浏览次数:51 字体:【", which no sentence goes on into
    body = ("我部门编制2018年部门预算单位共1个。其中:财政全供给单位1个;部分供给单位0个;特殊供给单位0个;自收自支单位0个。"
            "财政全供给单位中行政单位0个;参公管理事业单位0个;非参公管理事业单位0个。截止2017年11月统计,部门基本情况如下:"
            "在职人员编制16人,其中:行政编制0人,事业编制16人。在职实有15人,其中:财政全供养15人,财政部分供养0人。")
    lines = [body[k:k + 28] for k in range(0, len(body), 28)]
    text = "临沧市儿童福利院关于2018年预算项目绩效情况的补充说明\n浏览次数:51 字体:【\n一、预算单位基本情况\n" + "\n".join(lines) + "\n"
    out = normalize(text).text
    assert "补充说明\n浏览次数" in out and "特殊供给单位" in out.replace("\n", "") and "\n" not in out[out.index("我部门"):out.index("人。")]
