import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import rules
from extractor.text.numerals import han_to_decimal
from extractor.text.recognize import find_quantities, pipeline, recognize
from tests.test_robustness import HAN_DIGITS, to_han

CASES = [
    # (id, text, [(kind, value, unit, raw)])
    ("wan yuan", "基本支出1337.358269万元。", [("amount", 1337.358269, "万元", "1337.358269万元")]),
    ("yuan to wan", "结案6笔共计22120元", [("count", 6, "笔", "6笔"), ("amount", 2.212, "万元", "22120元")]),
    ("yi yuan", "农业总产值299亿元以上", [("amount", 2990000, "万元", "299亿元以上")]),
    ("thousands separator", "合计1,234,567.5元", [("amount", 123.45675, "万元", "1,234,567.5元")]),
    ("han numerals", "安排资金三千五百万元", [("amount", 3500, "万元", "三千五百万元")]),
    ("bare wan is money", "成本指标 100万\n", [("amount", 100, "万元", "100万")]),
    ("wan before counter is a count", "不少于100万名", [("count", 1000000, "名", "100万名")]),
    ("wan tons are not money", "146万吨以上", [("mass", 1460000, "t", "146万吨以上")]),
    ("percent", "占全年总支出的2.75%", [("percent", 2.75, "%", "2.75%")]),
    ("percent word", "≥100百分比", [("percent", 100, "%", "100百分比")]),
    ("percent in formula", "预算执行率(B/A×100%)", [("percent", 100, "%", "100%")]),
    ("km", "改造里程6.6km", [("length", 6.6, "km", "6.6km")]),
    ("gongli", "打草1406公里", [("length", 1406, "km", "1406公里")]),
    ("metres to km", "护栏安装2315米", [("length", 2.315, "km", "2315米")]),
    ("m after number", "建筑层高约4.3m。", [("length", 0.0043, "km", "约4.3m")]),
    # pool p0020 / p0048: 厘米 and mm are lengths; an X after a number is a times sign, so the
    # second number of "0.3X0.4米" keeps its unit (the first has none)
    ("centimetres", "铺10厘米厚C25混凝土地板", [("length", 0.0001, "km", "10厘米")]),
    ("millimetres", "平均降雨量1783mm,林地土壤", [("length", 0.001783, "km", "1783mm")]),
    ("times sign", "排水沟22米(0.3X0.4米),排水沟面安装成品篦子", [("length", 0.022, "km", "22米"), ("length", 0.0004, "km", "0.4米")]),
    ("road code stays a code", "X009线改造5公里", [("length", 5, "km", "5公里")]),
    ("square metres", "路面标线1680平方米", [("area", 1680, "m2", "1680平方米")]),
    ("m2 sign", "面积约1000㎡", [("area", 1000, "m2", "约1000㎡")]),
    ("cubic", "沥青调补241立方", [("volume", 241, "m3", "241立方")]),
    ("count han", "项目完成三座危桥加固", [("count", 3, "座", "三座")]),
    ("approx yu", "累计出动560余人次", [("count", 560, "人次", "560余人次")]),
    ("speed is not a length", "设计速度80公里/小时", [("speed", 80, "km/h", "80公里/小时")]),
    ("stake marks are positions", "X009(K7+620-K8+220)修复", []),
    ("road code is not a count", "S330项目二期", []),
    ("ordinal is not a count", "2020年第二批国省道中修项目", []),
    ("year is not a quantity", "2024年年末", []),
    ("date with dots is not an amount", "日期 2021.03.24", []),
    ("three public is a name", "严控“三公”经费支出", []),
    ("report code", "报表编号:510000_0013zp", []),
    # 大写 amounts, 角/分, and a decimal point damaged by a space (issue 13, item 6)
    ("capital yuan", "金额:壹万贰仟叁佰肆拾伍元", [("amount", 1.2345, "万元", "壹万贰仟叁佰肆拾伍元")]),
    ("capital round", "合同金额肆佰叁拾萬圆整。", [("amount", 430, "万元", "肆佰叁拾萬圆整")]),
    ("renminbi zheng", "人民币壹万贰仟叁佰肆拾伍元整", [("amount", 1.2345, "万元", "壹万贰仟叁佰肆拾伍元整")]),
    ("capital traditional digits", "貳拾萬元", [("amount", 20, "万元", "貳拾萬元")]),
    ("jiao fen han", "发放六十四万零一百四十三元一角七分", [("amount", 64.014317, "万元", "六十四万零一百四十三元一角七分")]),
    ("jiao fen digits", "共计1234元5角6分。", [("amount", 0.123456, "万元", "1234元5角6分")]),
    ("fen after ling", "壹拾元零伍分", [("amount", 0.001005, "万元", "壹拾元零伍分")]),
    ("half is no fen", "500元二分之一", [("amount", 0.05, "万元", "500元")]),
    ("damaged decimal", "项目资金35. 3万元", [("amount", 35.3, "万元", "35. 3万元")]),
    ("damaged decimal percent", "执行率约12. 5%", [("percent", 12.5, "%", "约12. 5%")]),
    ("list label at line start", "1. 3万元", [("amount", 3, "万元", "3万元")]),
    ("list label then amount", "主要有:\n35. 3万元项目", [("amount", 3, "万元", "3万元")]),
    # about-words between 万/亿 and 元, and decimals in Chinese numerals (writings met in reports at
    # large, not in the corpus: a mechanism for the family, not for one text)
    ("wan yu yuan", "共计约30万余元", [("amount", 30, "万元", "约30万余元")]),
    ("wan duo yuan", "补助3.6万多元", [("amount", 3.6, "万元", "3.6万多元")]),
    ("yi yu yuan", "投资1.2亿余元", [("amount", 12000, "万元", "1.2亿余元")]),
    ("duoyuanhua is a word", "发展100万多元化经营", []),
    ("han decimal", "资金一点五亿元", [("amount", 15000, "万元", "一点五亿元")]),
    ("han decimal wan", "三点二万元资金", [("amount", 3.2, "万元", "三点二万元")]),
    ("han decimal points", "下降一点五个百分点", [("percentage_point", 1.5, "pp", "一点五个百分点")]),
    ("list label after colon", "主要有:2. 3万元", [("amount", 3, "万元", "3万元")]),
    ("ordinal is no decimal", "第35. 3万元", [("amount", 3, "万元", "3万元")]),
    ("yuanman is a word", "项目一圆满完成", []),
    ("capital surname", "陆三座", [("count", 3, "座", "三座")]),
    ("han range is no number", "三四个乡镇", []),
    ("han range after ten", "十五六人", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quantities(text, expected):
    got = [(m.kind, m.value, m.unit, m.raw) for m in recognize(text)]
    assert len(got) == len(expected), got
    for (kind, value, unit, raw), (ekind, evalue, eunit, eraw) in zip(got, expected):
        assert (kind, unit, raw) == (ekind, eunit, eraw)
        assert value == pytest.approx(evalue, rel=1e-12, abs=1e-12)


def test_comparator_kept_apart():
    [m] = recognize("满意度≥95%")
    assert (m.raw, m.comparator, m.value) == ("95%", "≥", 95)
    [m] = recognize("托养照护服务不低于300处")
    assert m.comparator == "≥"


def _vocabulary_examples():
    conf = rules.load("quantities")
    for unit in conf["unit"]:
        for ex in unit.get("examples", []):
            yield pytest.param(unit["kind"], ex, True, id=f"{unit['id']}+{ex}")
        for ex in unit.get("counterexamples", []):
            yield pytest.param(unit["kind"], ex, False, id=f"{unit['id']}-{ex}")


@pytest.mark.parametrize("kind,text,present", list(_vocabulary_examples()))
def test_vocabulary_examples(kind, text, present):
    kinds = {q.kind for q in find_quantities(text)}
    assert (kind in kinds) == present


@pytest.mark.parametrize("s,value", [("十五", 15), ("一百零八", 108), ("三千五百万", 35_000_000), ("两", 2), ("十", 10), ("一亿二千万", 120_000_000)])
def test_han_numerals(s, value):
    assert han_to_decimal(s) == value


def test_spacy_pipeline_is_blank_chinese():
    nlp = pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["quantity_recognizer"]
    doc = nlp("项目支出30万元")
    [span] = doc.spans["quantities"]
    assert span.label_ == "amount" and span.text == "30万元"
    assert span._.quantity.value == 30


def test_example_report_counts(example_report):
    kinds = [m.kind for m in example_report.mentions]
    assert kinds.count("amount") == 52
    assert kinds.count("percent") == 11
    assert kinds.count("length") == 27


def test_example_report_offsets(example_report):
    for m in example_report.mentions:
        assert example_report.text[m.start:m.end] == m.raw


def test_patterns_file_parses():
    with open(rules.patterns_dir() / "quantities.toml", "rb") as f:
        assert tomllib.load(f)["unit"]


_CAPITAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.integers(min_value=1, max_value=10**10), st.integers(min_value=0, max_value=9),
       st.integers(min_value=0, max_value=9), st.booleans())
def test_capital_amounts_with_jiao_and_fen(yuan, jiao, fen, capital):
    """Any amount written out in (大写) numerals with 角 and 分 reads to its value in 万元."""
    written = to_han(yuan) + "元"
    if jiao:
        written += HAN_DIGITS[jiao] + "角"
    if fen:
        written += ("零" if not jiao else "") + HAN_DIGITS[fen] + "分"
    if capital:
        written = written.translate(_CAPITAL)
    text = f"发放资金{written}。"
    [m] = [m for m in recognize(text) if m.kind == "amount"]
    assert m.raw == written and text[m.start:m.end] == written
    assert m.value == pytest.approx((yuan + jiao / 10 + fen / 100) / 10_000, rel=1e-12)


@pytest.mark.parametrize("text, want", [
    # heldout9 u010: a gas flow in 万Nm3/h; the exclusions mask "Nm3" as a letter code, which the
    # bare 万's guard must still see as a following unit
    ("输送能力最大小时流量为2.5万Nm3/h,年供气规模为:1.14亿Nm3。", []),
    ("成本指标 100万 ", [100.0]),
    # heldout9 u009: a point typed as 、 before zero cents; a list of figures stays a list
    ("安排脱贫成果巩固工作补助经费167、00万元,主要用于督查", [167.0]),
    ("两个项目分别为5、10万元", [10.0]),
])
def test_a_bare_wan_before_a_masked_code_and_a_point_typed_as_a_comma(text, want):
    assert [q.value for q in find_quantities(text) if q.kind == "amount"] == want


@pytest.mark.xfail(strict=True, reason="a count after 一点 (这一点五个方面: 'this point', then five aspects) is lost "
                   "since round 15: the Chinese decimal 一点五 takes the run, and a count with a fraction is refused; "
                   "before, 五个 read as the count 5")
def test_a_count_after_yi_dian_is_read():
    assert [(m.kind, m.value, m.raw) for m in recognize("这一点五个方面")] == [("count", 5, "五个")]


# (round 22) 亿 without 元 is money as 万 without it is ("非标专项债1.1亿,支付进度100%", heldout15 x019); not a head count
@pytest.mark.parametrize("figure, value", (("1.1", 11000.0), ("2.5", 25000.0), ("12", 120000.0)))
@pytest.mark.parametrize("context, money", (
    ("投资完成情况:非标专项债{}亿,支付进度100%。", True),
    ("获批专项债券资金{}亿并已全部到位。", True),
    ("项目总投资{}亿。", True),
    ("受益人口{}亿人。", False),
    ("年客流量{}亿人次。", False),
))
def test_a_bare_yi_is_money_unless_a_counter_follows(figure, value, context, money):
    from extractor.text.recognize import recognize

    amounts = [m.value for m in recognize(context.format(figure)) if m.kind == "amount"]
    assert amounts == ([value] if money else [])
