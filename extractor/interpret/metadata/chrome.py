"""Page chrome of a published report: the portal's "发布机构: …" / "来源: …" lines and breadcrumbs.

A report saved from a government portal keeps the page around it: "发布机构: 红河州数据发展中心",
"来源:市人社 浏览次数:", "首页 >> 部门信息公开 >> 牟定县交通运输局 >> 正文". These name the publishing
unit; an internal office ("来源:财务科") never does. Lines of chrome also carry dates that are no
fiscal year (发布日期:2021-10-12). The vocabulary lives in patterns/metadata.toml ([source_line],
[breadcrumb], [year] chrome).
"""
from __future__ import annotations

from ... import rules
from .lexicon import clean_unit, is_unit, level_start, region_of, trim_to_unit

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def head_line_spans(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first lines of the text that hold text, with the blank ones between them,
    where page chrome and titles are looked for: [head] max_lines lines with text within max_chars
    (blank lines do not count: a web page's paragraphs come out with a blank line after each)."""
    head = _conf()["head"]
    out, pos, counted = [], 0, 0
    for line in text[: head["max_chars"]].split("\n"):
        if counted >= head["max_lines"]:
            break
        out.append((pos, line))
        pos += len(line) + 1
        counted += bool(line.strip())
    return out


def head_lines(text: str) -> list[str]:
    """The lines of head_line_spans, without their offsets."""
    return [line for _, line in head_line_spans(text)]


def source_lines(text: str) -> list[tuple[str, bool, str]]:
    """(value, whether it is a unit name, label) of each "发布机构: …" / "来源: …" line in the head,
    or of a label alone on its line with the value on the next ("• 发布机构" / "• 保山市文化和旅游局");
    a value that is no full unit name ("市人社") is kept as a weaker cue."""
    conf = _conf()["source_line"]
    lines = head_lines(text)
    found = []
    for i, line in enumerate(lines):
        for m in _re(conf["pattern"]).finditer(line):
            found.append((m.group("label"), m.group("value"), bool(m.group("colon"))))
        m = _re(conf["label_line"]).match(line)
        if m:
            nxt = next((l for l in lines[i + 1:] if l.strip()), "")
            v = _re(conf["bullet"]).sub("", nxt)
            if _re(conf["value"]).fullmatch(v):
                found.append((m.group("label"), v, False))
    out = []
    for label, v, colon in found:
        v = _outside_brackets(v)
        cut = min((i for w in conf["next_labels"] if (i := v.find(w)) != -1), default=None)
        if cut is not None:
            v = v[:cut]
        v = clean_unit(v)
        if not is_unit(v) and (cut is not None or colon):
            v = trim_to_unit(v) or ""  # "信息来源:谢家集区农业农村水利局文字大小:" — a label glued on
        if not v or any(w in v for w in conf["reject"]) or is_internal_office(v):
            continue
        out.append((v, is_unit(v), label))
    return out


def _outside_brackets(v: str) -> str:
    """A value up to its first 、 outside brackets (a list of publishers: the first is the unit)."""
    depth = 0
    for i, ch in enumerate(v):
        depth += (ch == "(") - (ch == ")")
        if ch == "、" and depth == 0:
            return v[:i]
    return v


def is_internal_office(name: str) -> bool:
    """An office inside the unit (财务科, 办公室, 计财股) named as the publisher: not the unit."""
    if not _re(_conf()["source_line"]["office"]).match(name):
        return False
    return not (region_of(name) or level_start(name))


def breadcrumb(text: str) -> str | None:
    """The last unit in a breadcrumb line of the head ("首页 >> … >> 牟定县交通运输局 >> 正文"), or the
    owner a portal's greeting names ("欢迎来到南县政协网站!")."""
    conf = _conf()["breadcrumb"]
    for line in head_lines(text):
        m = _re(conf["welcome"]).search(line)
        if m and is_unit(clean_unit(m.group("value"))):
            return clean_unit(m.group("value"))
        parts = [p.strip() for p in _re(conf["separator"]).split(line)]
        if len(parts) < conf["min_parts"]:
            continue
        units = [clean_unit(p) for p in parts if is_unit(clean_unit(p))]
        if units:
            return units[-1]
    return None


def chrome_free(text: str) -> str:
    """The text without lines of page chrome (publication dates, index numbers, view counts, a line
    opening with a date before 来源 / 星期: [year] dated_chrome)."""
    chrome = _conf()["year"]["chrome"]
    dated = _re(_conf()["year"]["dated_chrome"])
    return "\n".join(l for l in text.split("\n") if not any(w in l for w in chrome) and not dated.match(l))


def is_chrome_line(line: str) -> bool:
    """A line of page chrome: a publication or source line ("来源: … 发布时间: …") or a breadcrumb
    ("首页 > 信息公开 > …")."""
    conf = _conf()
    return bool(_re(conf["source_line"]["pattern"]).search(line) or any(w in line for w in conf["year"]["chrome"])
                or len(_re(conf["breadcrumb"]["separator"]).split(line)) >= conf["breadcrumb"]["min_parts"])


def outside_chrome(text: str) -> str:
    """The text with its head's lines of page chrome blanked (spaces, so offsets keep): publication
    dates and index numbers (chrome_free), "发布机构: …" / "来源: …" lines, a label alone on its line
    with the value under it, and breadcrumbs. What the document says itself, not its portal."""
    conf = _conf()
    lines = text.split("\n")
    head = len(head_lines(text))
    drop = set()
    for i, line in enumerate(lines[:head]):
        if is_chrome_line(line):
            drop.add(i)
        elif _re(conf["source_line"]["label_line"]).match(line):
            drop.update((i, i + 1))
    return "\n".join(" " * len(l) if i in drop else l for i, l in enumerate(lines))
