import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.text.normalize import normalize

from .conftest import ROOT, load_script

CASES = [
    ("full-width digits and percent", "增长４．７７％", "增长4.77%"),
    ("full-width brackets", "（K4+137-K4+972)", "(K4+137-K4+972)"),
    ("ideographic space between Han", "经济效益　指标", "经济效益指标"),
    ("indented line", "       2024年年末,全中心", "2024年年末,全中心"),
    ("trailing spaces", "项目名称   \n下一行", "项目名称\n下一行"),
    ("broken sentence rejoined", "项目支出113.886135万元,主要用于2017年危桥改造\n\n项目建设。", "项目支出113.886135万元,主要用于2017年危桥改造项目建设。"),
    ("enumeration comma continues", "(20)古码头旅游路工程、\n\n株洲市渌口区烟棚子至S207公路资源产业路", "(20)古码头旅游路工程、株洲市渌口区烟棚子至S207公路资源产业路"),
    ("sentence end keeps the break", "已按计划实现绩效目标。\n(2)下一项", "已按计划实现绩效目标。\n(2)下一项"),
    ("heading keeps the break", "(1)2018年大中修项目\n项目支出125.1126万元,主要用于", "(1)2018年大中修项目\n项目支出125.1126万元,主要用于"),
    ("table rows stay apart", "总额 |\n238.93 |", "总额 |\n238.93 |"),
    ("operators", "≧100 ═ 95", "≥100 = 95"),
    ("date digits keep their character", "2019 年,3 月", "2019年,3月"),
    ("numbered paragraph cut by a page break", "(1)严控“三公”经费支出。2024年,“三公”经费支出2万元,同比减少33.67%。其中:因公出国(境)费0元,与上\n\n年持平;公务接待费2万元。", "(1)严控“三公”经费支出。2024年,“三公”经费支出2万元,同比减少33.67%。其中:因公出国(境)费0元,与上年持平;公务接待费2万元。"),
    ("CRLF", "一、概况\r\n二、情况", "一、概况\n二、情况"),
    ("many blank lines", "甲。\n\n\n\n乙。", "甲。\n\n乙。"),
]


@pytest.mark.parametrize("source,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize(source, expected):
    assert normalize(source).text == expected


def test_origin_maps_back_to_source(example_text):
    norm = normalize(example_text)
    assert len(norm.origin) == len(norm.text) + 1
    for i, ch in enumerate(norm.text):
        src = example_text[norm.origin[i]]
        assert ch == src or ch == src.translate({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}) or (src.isspace() and ch == " ") or src in "≧≦═【】〔〕"


def test_example_broken_lines_rejoined(example_text):
    text = normalize(example_text).text
    assert "主要用于2017年危桥改造项目建设。" in text
    assert "(20)株洲市渌口区南洲镇昭陵村古码头旅游路工程、株洲市渌口区烟棚子至S207公路资源产业路\n" in text
    assert "\n(1)2018年大中修项目\n" in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("公路养护（）１２３４５％ 　\n\r\t,，。、K+-|万元0123456789.")), max_size=200))
def test_offsets_never_break(source):
    norm = normalize(source)
    assert len(norm.origin) == len(norm.text) + 1
    assert norm.origin[: len(norm.text)] == sorted(norm.origin[: len(norm.text)])
    for i in range(len(norm.text)):
        assert 0 <= norm.origin[i] < len(source)
        s, e = norm.to_source(i, i + 1)
        assert e - s == 1


def test_pinyin_glosses_of_mirror_pages_are_removed_with_offsets_kept():
    from extractor.text.normalize import normalize

    source = "基礎數(shù)據(jù)表 (万元) 资金(a)"
    norm = normalize(source)
    assert norm.text == "基礎數據表 (万元) 资金(a)"  # only tone-marked syllables after a Han character
    start = norm.text.index("據")
    assert source[slice(*norm.to_source(start, start + 1))] == "據"


def test_traditional_text_is_detected_and_simplified_one_for_one():
    from extractor.text.traditional import is_traditional, to_simplified

    text = "遂溪縣水務局2022年度項目支出績效自評報告。項目總投資1002.6萬元,執行率100%。"
    assert is_traditional(text)
    simple = to_simplified(text)
    assert simple == "遂溪县水务局2022年度项目支出绩效自评报告。项目总投资1002.6万元,执行率100%。"
    assert len(simple) == len(text)
    # simplified text that holds a few mapped characters (乾安县, 於 as a name) is left alone
    plain = "乾安县交通运输局2023年度部门整体支出绩效自评报告,於某某负责,项目支出300万元。"
    assert not is_traditional(plain)


def test_a_traditional_mirror_reads_like_the_report(tmp_path):
    from extractor import extract

    path = tmp_path / "mirror.txt"
    path.write_text(
        "遂溪縣水務局2022年度項目支出績效自評報告\n一、基本情況\n"
        "項目總投資1002.6萬元,實際支出950萬元,預算執行率94.75%。\n", encoding="utf-8")
    report = extract(path).reports[0]
    assert (report.unit_name, report.fiscal_year, report.report_kind) == ("遂溪县水务局", 2022, "project")
    assert report.metadata_sources["characters"] == "traditional"
    amounts = [(m.raw, m.value) for m in report.mentions if m.kind == "amount"]
    assert amounts == [("1002.6万元", 1002.6), ("950万元", 950.0)]
    for m in report.mentions:
        assert report.text[m.start:m.end] == m.raw


def test_traditional_mirrors_convert_by_phrase_and_keep_every_offset():
    from extractor.text.traditional import to_simplified

    # OpenCC converts phrases first: 批覆 is 批复 (the copied table left 覆), 瞭解 is 了解
    assert to_simplified("關於項目的批覆,瞭解情況") == "关于项目的批复,了解情况"
    # a lone surrogate (a damaged file) cannot go to OpenCC: character by character instead
    assert to_simplified("萬元\ud800縣") == "万元\ud800县"
    assert to_simplified("") == ""


def test_telltales_are_what_opencc_changes_less_the_simplified_ones():
    from extractor.text.traditional import _characters

    table, telltale, detect = _characters()
    assert table["萬"] == "万" and table["縣"] == "县" and all(len(v) == 1 for v in table.values())
    assert telltale.search("績效") and not telltale.search("绩效")
    for ch in detect["also_simplified"]:
        assert not telltale.search(ch), ch


# ---- lines wrapped at a page's width (text copied from a PDF)
WRAPPED = (
    "一、项目基本情况\n"
    "2023年,我局共实施城乡居民医疗保险补助项目,年初预算数为\n"
    "120.5万元,全年预算数为120.5万元,全年执行数为118.2万元,执\n"
    "行率为98.1%。项目资金主要用于参保群众的医疗费用报销和大病\n"
    "保险补助,受益群众满意度达到95%以上,较好地实现了年度目标\n"
    "任务。二、绩效目标完成情况\n"
    "各项指标均已完成,项目实施效果良好,群众满意度较高,社会效\n"
    "益明显。\n"
)


def test_lines_wrapped_at_the_page_width_are_joined():
    text = normalize(WRAPPED).text
    assert "年初预算数为120.5万元" in text and "执行率为98.1%" in text and "年度目标任务" in text
    assert text.startswith("一、项目基本情况\n")  # a heading line is no full line
    assert "社会效益明显。" in text


def test_a_real_pdf_copy_wrapped_at_its_width_reads_its_sentences():
    # heldout3 k018: a PDF copied as text, every line broken at the page width
    source = (ROOT / "corpus" / "heldout3" / "k018.txt").read_text(encoding="utf-8")
    assert "本级项目8个,本\n级项目支出" in source
    assert "本级项目8个,本级项目支出385.58万元" in normalize(source).text


def test_paragraphs_one_a_line_and_cells_one_a_line_are_not_joined():
    paragraphs = "\n".join(["我局高度重视预算绩效管理工作" + "按照要求" * k + "开展自评" for k in range(1, 9)])
    assert normalize(paragraphs).text == paragraphs  # widths spread: no page width
    cells = "\n".join(["项目名称", "城乡居民医疗保险补助项目", "主管部门", "某县医疗保障局", "实施单位", "某县医疗保障局"] * 3)
    assert normalize(cells).text == cells


# ---- page chrome of a copied PDF: page numbers and the running header beside them
def test_page_number_and_running_header_go_and_the_cut_sentence_reads_on():
    source = ("某县财政局2023年度项目支出绩效自评报告\n一、项目基本情况\n"
              "全年预算数为120.5万元,全年执行数为\n- 2 -\n某县财政局2023年度项目支出绩效自评报告\n"
              "118.2万元,执行率为98.1%。\n第 3 页 共 9 页\n二、绩效目标完成情况\n")
    norm = normalize(source)
    assert "全年执行数为118.2万元" in norm.text
    assert norm.text.count("某县财政局2023年度项目支出绩效自评报告") == 1 and "第 3 页" not in norm.text
    start = norm.text.index("118.2")
    assert source[slice(*norm.to_source(start, start + 5))] == "118.2"


def test_a_bare_number_and_a_repeated_line_without_a_page_number_stay():
    cells = "序号\n1\n项目名称\n城乡居民医疗保险补助项目\n序号\n2\n项目名称\n乡村道路硬化项目"
    assert normalize(cells).text == cells


def test_chrome_in_a_real_flattened_form_no_longer_cuts_its_rows():
    # heldout3 k014 with a page break's chrome in its form (scripts/perturb.py chrome): the form
    # reads as without it
    perturb = load_script("perturb")
    source = (ROOT / "corpus" / "heldout3" / "k014.txt").read_text(encoding="utf-8")
    assert normalize(perturb.chrome(source)).text == normalize(source).text



def test_a_paragraphs_indented_first_line_wraps_like_the_others():
    """heldout2 g022 wrapped at a page's width (scripts/perturb.py): each paragraph's first line keeps
    its indent ("  我局承担…使用道" / "路建设项目…"); without it (normalization deletes it) the line is
    short of the page, yet the sentence goes on."""
    from .conftest import load_script

    source = load_script("perturb").rewrap((ROOT / "corpus" / "heldout2" / "g022.txt").read_text(encoding="utf-8"))
    assert "  我局承担临城县2021年度财政衔接资金统筹整合使用道\n路建设项目" in source
    assert "统筹整合使用道路建设项目实施任务" in normalize(source).text


@pytest.mark.parametrize("path", ["heldout5/r019.txt", "heldout3/k005.txt"])
def test_a_real_report_wrapped_at_a_page_width_reads_as_published(path):
    """scripts/perturb.py rewrap: heldout5 r019's lines holding figures hold more characters than the
    page's Han lines ("…专项资金合计12,358.67万" / "元,用于…") and its table's caption breaks "单" / "位:万元";
    heldout3 k005's lines keep spaces normalization deletes ("中共许昌市委 许昌市人民政府"), so they look
    short and spaced like a table's row. Each reads as the text as published."""
    source = (ROOT / "corpus" / path).read_text(encoding="utf-8")
    wrapped = load_script("perturb").rewrap(source)
    assert wrapped != source
    norm = normalize(wrapped)
    assert norm.text == normalize(source).text
    start = norm.text.index("万元")
    assert wrapped[slice(*norm.to_source(start, start + 2))] in ("万元", "万\n元")


WIDE_THEN_ROWS = WRAPPED + (
    "附件:某县财政局2023年度城乡居民医疗保险补助项目支出绩效自评表及其评分说明和佐证材料清单\n"
    "项目名称:城乡居民医疗保险补助项目\n"
    "1 城乡居民医疗保险补助项目 120.5 118.2 98.1% 10 9.81 社会效益明显\n"
    "2 农村饮水安全巩固提升工程 80 80 100% 10 10 群众满意度较高\n"
)


def test_a_line_wider_on_the_page_and_a_tables_rows_keep_their_breaks():
    # counterexamples beside a wrapped page: a line wider than the page (more characters and as
    # wide in Han) ends where it ends, and rows with blanks between figures stay rows
    text = normalize(WIDE_THEN_ROWS).text
    assert "益明显。" in text and "年初预算数为120.5万元" in text
    assert "佐证材料清单\n项目名称" in text
    assert "98.1% 10 9.81 社会效益明显\n2 农村饮水" in text


def test_list_items_shorter_than_any_page_are_not_a_page_width():
    # synthetic family (scripts/synth_project_lists.py colon_money): items of 15-17 characters, one a
    # line, under a count; no page holds so few characters a line (28 or more, GB/T 9704)
    items = ("2023年,我局共实施5个项目,具体如下:\n城乡居民医疗保险补助项目:118.2万元\n农村饮水安全巩固提升工程:80万元\n"
             "乡村道路硬化项目:40.1万元\n困难群众临时救助资金:29.5万元\n学校校舍维修改造项目:66万元\n")
    assert normalize(items).text == items


# ---- a page read as runs of text (scripts/perturb.py oneline): headings start lines again
def test_a_real_report_read_as_runs_has_its_headings_on_lines_again():
    """pool p0090 with each paragraph on one line: "…报告如下: 一、基本情况 (一)项目概况 1.项目立项背景及目的
    为认真贯彻…" reads its headings on their own lines, each character where it was."""
    source = load_script("perturb").oneline((ROOT / "corpus" / "pool" / "p0090.txt").read_text(encoding="utf-8"))
    assert "报告如下: 一、基本情况 (一)项目概况 1.项目立项背景及目的 为认真" in source
    norm = normalize(source)
    lines = norm.text.split("\n")
    assert {"一、基本情况", "(一)项目概况", "1.项目立项背景及目的"} <= set(lines)
    assert len(norm.text) == len(normalize(source.replace("\n", " ")).text)
    start = norm.text.index("(一)项目概况")
    assert source[slice(*norm.to_source(start, start + 7))] == "(一)项目概况"


def test_labels_inside_a_run_that_start_no_heading_stay():
    # pool p0202 as published: a heading's run is cut from its paragraph, not a list item from its figure
    text = normalize((ROOT / "corpus" / "pool" / "p0202.txt").read_text(encoding="utf-8")).text
    assert "\n(一)部门整体支出概况\n2020年,本部门决算收支完成情况如下: 1.2019年结余结转 29.32万元。\n" in text
    assert "\n4.年终结转结余 28.02万元。" in text
    # heldout6 s005: a spaced-out heading ("一、项 目 基 本 概 况") is one run, not a heading and a paragraph
    text = normalize((ROOT / "corpus" / "heldout6" / "s005.txt").read_text(encoding="utf-8")).text
    assert "一、项目基本概况" in text
    # a label after neither a sentence's end nor a heading, and a short line, stay
    run = "我局共实施项目2. 3个,资金" + "按照要求开展自评工作," * 12 + "完成年度目标。"
    assert normalize(run).text == run
    assert normalize("一、基本情况 (一)项目概况").text == "一、基本情况 (一)项目概况"


def test_a_cell_of_latin_letters_and_digits_is_no_full_line():
    """heldout7 s014 flattened one cell a line (scripts/perturb.py flatten): a mirror's spam glued to a
    cell ("日博365备用网址_365bet…委直属机关工作委员会") holds more characters than the page's lines but few
    wide ones; the next cell, a project's name, stays on its own line."""
    source = load_script("perturb").flatten((ROOT / "corpus" / "heldout7" / "s014.txt").read_text(encoding="utf-8"))
    assert "工作委员会\n红色物业联盟工作专项经费\n2059" in normalize(source).text


def test_a_figure_with_a_thousands_separator_is_no_clause_that_goes_on():
    # a table flattened one cell a line (heldout5 r019): "3,730.00" then "3,730.00" are two cells,
    # not a sentence whose comma asks for the next line
    text = "3\nM301.民营经济及中小微企业发展\n3,730.00\n3,730.00\n注1\n"
    assert "3730.00\n3730.00" in normalize(text).text  # two cells (the separators go: [delete.thousands])
    # a clause's own comma still joins a broken sentence
    assert "用于危桥改造,项目建设" in normalize("资金主要用于危桥改造,\n项目建设。\n").text


@pytest.mark.parametrize("name,stem", [("heldout3", "k009"), ("pool", "p0180")])
def test_a_cell_written_again_beside_a_page_break_is_no_running_header(name, stem):
    # heldout3 k009: "4753.66万元" (年初预算数, then 全年预算数 after the page break); pool p0180:
    # "其他项目收益专项债券" of the next row. Only the title the head writes, or a line beside two page
    # numbers, is a running header, and only words (four Han characters) make one
    perturb = load_script("perturb")
    source = (ROOT / "corpus" / name / f"{stem}.txt").read_text(encoding="utf-8")
    for layout in ("chrome", "footer"):
        assert normalize(perturb.perturb(source, layout)).text == normalize(source).text


def test_a_row_whose_ordinal_is_glued_to_its_name_is_a_new_line():
    from extractor.text.normalize import _figure_then_label
    # a PDF's table copied as text: "120.5" then "2李庄…" are two rows, not the figure 120.52
    assert _figure_then_label("1张家村道路硬化项目张家村 120.5", "2李庄河道综合治理工程李庄村 80")
    assert _figure_then_label("序号项目名称建设地点金额(万元)", "1张家村道路硬化项目张家村 120.5")
    # a figure wrapped at the page's width goes on with its digits, its unit or its counter
    assert not _figure_then_label("资金共计12", "34.5万元用于道路硬化")
    assert not _figure_then_label("今年共实施12", "3个项目")
    assert not _figure_then_label("根据(财预〔2020〕10号)", "2023年度")
