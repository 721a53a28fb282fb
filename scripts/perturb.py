"""Perturbed copies of report texts whose figures are kept, for stressing the checks on layouts
the development texts do not have (bench/label_free.py).

    .venv/bin/python scripts/perturb.py OUT_DIR TEXT... [--kinds rewrap,chrome,nopipes,flatten,oneline,footer,traditional,glue]

Known truth: every perturbation keeps every figure, label and sentence of the text, and changes
only how it is laid out, so a finding the original does not raise is a false alarm (the checks
read the layout, not the report), and a finding the original raises that the copy loses is a
recall loss to layouts. The perturbations:

* ``rewrap``: lines longer than WIDTH characters re-broken every WIDTH characters, only between
  two CJK characters (never inside a number or a word of Latin letters), like a PDF's lines;
* ``chrome``: page chrome repeated every PAGE lines: the title line again, then a page number
  line "- N -", like a running header and footer read from each page;
* ``nopipes``: the cells of a table line separated by spaces instead of "|" (a table read as text);
* ``flatten``: every cell of a table line on its own line (a form flattened one cell per line,
  as copied from a spreadsheet or a PDF read cell by cell);
* ``oneline``: the lines of each paragraph joined by spaces, table cells too (a page read as
  runs of text: a whole form in one line);
* ``footer``: "第 N 页 共 M 页" and the title line repeated every PAGE lines;
* ``traditional``: the text in traditional characters (a mirror site's copy);
* ``yuan``: money a sentence writes in 万元 written in 元 instead (372.29万元 → 3722900元): same value,
  other digits and unit;
* ``spaced``: a space between each figure and its unit (15.00 万元, 95 %), as PDFs' text layers give;
* ``commas``: thousands separators in figures of four or more digits (1,234.56万元), years kept;
* ``ordinals``: list items numbered another way at a line's start (1、 ↔ 1., (1) → ①);
* ``title_split``, ``title_spaced``: the title over two lines, or its characters spaced out;
* ``wan``: money in prose written 万 without 元 (下达资金50万,);
* ``indent``, ``blanklines``: paragraphs indented with ideographic spaces, or a blank line after every
  line, as web pages come out as text;
* ``glue``: figures of adjacent cells written together (372.29372.29100%): the digits are kept, the
  cuts between them are lost, so only the readers' glued-run cutting can recover them.

Deterministic: the same text gives the same bytes.
"""
from __future__ import annotations

import argparse
import re
from decimal import Decimal
import sys
from pathlib import Path

WIDTH = 28
PAGE = 40
CJK = re.compile(r"[\u4e00-\u9fff]")


def rewrap(text: str, width: int = WIDTH) -> str:
    """Long lines broken every ``width`` characters, only between two CJK characters."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or "|" in line:
            out.append(line)
            continue
        cut, last = [], 0
        i = width
        while i < len(line):
            j = i
            while j < len(line) and not (CJK.match(line[j - 1]) and CJK.match(line[j])):
                j += 1
            if j >= len(line):
                break
            cut.append(line[last:j])
            last = j
            i = j + width
        cut.append(line[last:])
        out.append("\n".join(cut))
    return "\n".join(out)


def chrome(text: str, page: int = PAGE) -> str:
    """The title line and a page number line repeated every ``page`` lines (running header, footer)."""
    lines = text.split("\n")
    title = next((ln.strip() for ln in lines if ln.strip()), "")
    out, n = [], 1
    for i, ln in enumerate(lines):
        if i and i % page == 0:
            n += 1
            out += [f"- {n - 1} -", title]
        out.append(ln)
    return "\n".join(out)


def nopipes(text: str) -> str:
    """Table cells separated by two spaces instead of "|"."""
    return "\n".join("  ".join(c.strip() for c in ln.strip().strip("|").split("|")) if "|" in ln else ln
                     for ln in text.split("\n"))


def flatten(text: str) -> str:
    """Every cell of a table line on its own line (empty cells dropped)."""
    out = []
    for ln in text.split("\n"):
        if "|" in ln:
            out += [c.strip() for c in ln.split("|") if c.strip()]
        else:
            out.append(ln)
    return "\n".join(out)


def oneline(text: str) -> str:
    """Every line of a paragraph joined with a space (blank lines kept): a page read as runs of
    text, a form's cells and rows in one line ("年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 …")."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(" ".join(ln.strip().strip("|").replace("|", " ") for ln in par.split("\n") if ln.strip())
                         for par in paragraphs)


def footer(text: str, page: int = PAGE) -> str:
    """A footer "第 N 页 共 M 页" and a header (the title line) every ``page`` lines."""
    lines = text.split("\n")
    title = next((ln.strip() for ln in lines if ln.strip()), "")
    total = len(lines) // page + 1
    out = []
    for i, ln in enumerate(lines):
        if i and i % page == 0:
            out += [f"第 {i // page} 页 共 {total} 页", "", title]
        out.append(ln)
    return "\n".join(out)


def traditional(text: str) -> str:
    """The text in traditional characters (OpenCC s2t, one character for one), as a mirror site
    republishes it; the text unchanged when OpenCC is not installed."""
    try:
        import opencc
    except ImportError:
        return text
    return opencc.OpenCC("s2t").convert(text)


def glue(text: str) -> str:
    """Cells of a table row written together where the row's cells are figures ("372.29 | 372.29 |
    100%" → "372.29372.29100%"), as some PDFs and spreadsheets are read: the figures stay, their
    separation is lost (the readers' glued-run cutting meets it)."""
    return re.sub(r"(?<=[\d%])[ \t]*\|?[ \t]*(?=\d)", "", text)


def yuan(text: str) -> str:
    """Money written in 元 where the text writes 万元 in a sentence ("共支出372.29万元" → "共支出3722900元"),
    as many reports do: the value is the same, only its unit and digits change. A table's "(万元)"
    header and its bare cells stay as they are, and so does a figure glued to the next cell's
    ("50万元47.68": a form row keeps one unit for its cells)."""
    def to_yuan(m: re.Match) -> str:
        value = Decimal(m.group(1).replace(",", "")) * 10000
        digits = format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
        return f"{digits}元"
    return re.sub(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)万元(?![\d.])", to_yuan, text)


def spaced(text: str) -> str:
    """A space between every figure and its unit ("15.00 万元", "95 %", "3 个"), as a PDF's text layer
    often gives them; the figures and units stay."""
    return re.sub(r"(?<=\d)(?=万元|亿元|元|%|个|人|公里|平方米|亩|项|次)", " ", text)


def commas(text: str) -> str:
    """Thousands separators in money of four or more integer digits, as many forms print them:
    before its unit ("1234.56万元" → "1,234.56万元") or alone in a cell ("| 18821.06 |" → "| 18,821.06 |").
    Years, codes and digit runs glued to other cells ("10001000100%") stay."""
    def sep(m: re.Match) -> str:
        whole, frac = m.group("int"), m.group("frac") or ""
        if re.fullmatch(r"(?:19|20)\d\d", whole) and not frac:
            return m.group(0)
        return f"{int(whole):,}{frac}"
    unit = r"(?<![\d.])(?P<int>\d{4,})(?P<frac>\.\d+)?(?=\s?(?:万元|亿元|元))"
    cell = r"(?<=[|\s])(?P<int>\d{4,})(?P<frac>\.\d+)?(?=[ \t]*(?:\||$))"
    return re.sub(cell, sep, re.sub(unit, sep, text), flags=re.M)


def ordinals(text: str) -> str:
    """List items numbered another way at a line's start: "1、" ↔ "1." and "(1)" → "①", as reports
    number the same items differently; the items, their names and money stay."""
    circled = "①②③④⑤⑥⑦⑧⑨⑩"

    def swap(m: re.Match) -> str:
        lead = m.group(1)
        if m.group(2):  # (1) → ①
            n = int(m.group(2))
            return f"{lead}{circled[n - 1]}" if 1 <= n <= 10 else m.group(0)
        return f"{lead}{m.group(3)}{'.' if m.group(4) == '、' else '、'}"
    return re.sub(r"(?m)^([ \t]*)(?:[(（](\d{1,2})[)）]|(\d{1,2})([、.．])(?!\d))", swap, text)


def fullwidth(text: str) -> str:
    """Digits, Latin letters and ASCII punctuation in their full-width forms (１２３．４５万元, ：), as some
    word processors and OCR write them."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c != "|" else c for c in text)


def connectors(text: str) -> str:
    """In prose, a label's colon before a figure with its unit written "为" and a label's "为" written
    as a colon ("预算数:100万元" ↔ "预算数为100万元", "得分为84.47分" ↔ "得分:84.47分"), as reports word
    the same sentence both ways. Verbs ending in 为 (分为, 作为, 认为) and forms' lines stay."""
    figure = r"(?=\d+(?:\.\d+)?(?:万元|元|%|分|人|个))"
    either = re.compile(r"(?:(?<=[\u4e00-\u9fff])[:：]|(?<=[数额金费出入率分计])(?<![作成认因称定改划列核])(?<!共分|可分|被分)为)" + figure)

    def line(ln: str) -> str:
        if "|" in ln or not re.search(r"[，,。；;]", ln) or re.search(r"\d{6,}", ln):
            return ln  # a form's row, or a form run into one line (glued figures)
        return either.sub(lambda m: ":" if m.group() == "为" else "为", ln)
    return "\n".join(line(ln) for ln in text.split("\n"))


def cn_counts(text: str) -> str:
    """Small counts in Chinese numerals ("共3个项目" → "共三个项目", "在职8人" → "在职八人"), as prose often
    writes them."""
    digits = "零一二三四五六七八九十"
    return re.sub(r"(?<![\d.])(\d|10)(?=[个项名人户家所座])", lambda m: digits[int(m.group(1))], text)


PORTAL = ("首页 > 信息公开 > 财政预决算 > 绩效评价", "【字体:大 中 小】 【打印本页】 【关闭窗口】", "发布时间:2023-06-30 09:12 浏览次数:128")


def portal(text: str) -> str:
    """A portal page's chrome around the report: a breadcrumb and the font and print bar before it, the
    publishing time and hit count, and a share bar after it; none names a unit or a figure the report
    states (as the stored pages of government portals read)."""
    return "\n".join([PORTAL[0], PORTAL[1], PORTAL[2], "", text, "", "分享到: 微信 微博 QQ空间", "【关闭窗口】"])


def niandu(text: str) -> str:
    """"2023年度" written "2023年" (titles and sentences say either)."""
    return re.sub(r"((?:19|20)\d\d)年度", r"\1年", text)


def _title_line(lines: list[str]) -> int | None:
    """Index of the first of the first ten lines that names a report or a form (its title)."""
    return next((i for i, ln in enumerate(lines[:10]) if re.search(r"(?:报告|自评表)\s*$", ln.strip())
                 and 8 <= len(ln.strip()) <= 60), None)


def title_split(text: str) -> str:
    """The title broken over two lines before its report words ("2023年度XX局部门整体支出" /
    "绩效自评报告"), as a cover page sets a long title."""
    lines = text.split("\n")
    i = _title_line(lines)
    if i is not None:
        m = re.search(r"(?:项目支出|整体支出|支出)?绩效(?:自评|评价)", lines[i])
        if m and m.start() > 4:
            lines[i] = lines[i][:m.start()] + "\n" + lines[i][m.start():]
    return "\n".join(lines)


def title_spaced(text: str) -> str:
    """The title's characters spaced out ("绩 效 自 评 报 告"), as a PDF's text layer sets a
    justified title."""
    lines = text.split("\n")
    i = _title_line(lines)
    if i is not None:
        lines[i] = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", " ", lines[i])
    return "\n".join(lines)


def wan(text: str) -> str:
    """Money in prose written "万" without its 元 ("下达资金50万元," → "下达资金50万,"), as many sentences
    do; a table's cells and a figure glued to the next cell stay."""
    return "\n".join(re.sub(r"(?<=\d)万元(?=[，,。；;、）)])", "万", ln) if "|" not in ln else ln
                     for ln in text.split("\n"))


def indent(text: str) -> str:
    """Every line of prose opened by two ideographic spaces, as web pages indent paragraphs."""
    return "\n".join("\u3000\u3000" + ln if ln.strip() and "|" not in ln else ln for ln in text.split("\n"))


def blanklines(text: str) -> str:
    """A blank line after every line, as a web page's paragraphs come out as text."""
    return "\n\n".join(text.split("\n"))


KINDS = {"rewrap": rewrap, "chrome": chrome, "nopipes": nopipes, "flatten": flatten, "oneline": oneline,
         "footer": footer, "traditional": traditional, "glue": glue, "yuan": yuan, "spaced": spaced, "commas": commas,
         "ordinals": ordinals, "fullwidth": fullwidth, "connectors": connectors, "cn_counts": cn_counts,
         "portal": portal, "niandu": niandu, "title_split": title_split, "title_spaced": title_spaced,
         "indent": indent, "blanklines": blanklines, "wan": wan}


def figures(text: str) -> list[str]:
    """The figures of a text in order (the truth a perturbation keeps)."""
    return re.findall(r"\d+(?:\.\d+)?", text)


def perturb(text: str, kind: str) -> str:
    """``text`` laid out by perturbation ``kind`` (its figures kept; chrome adds page numbers)."""
    got = KINDS[kind](text)
    if kind not in ("chrome", "footer", "glue", "yuan", "commas", "ordinals", "fullwidth", "cn_counts", "portal", "wan"):
        assert figures(got) == figures(text), kind
    return got


def main(argv=None) -> int:
    """Write OUT_DIR/<kind>/<name>.txt for each text and kind."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("texts", type=Path, nargs="+")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    for kind in args.kinds.split(","):
        (args.out / kind).mkdir(parents=True, exist_ok=True)
        for p in args.texts:
            (args.out / kind / p.name).write_text(perturb(p.read_text(encoding="utf-8"), kind), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
