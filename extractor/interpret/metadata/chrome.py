"""Page chrome of a published report: the portal's "发布机构: …" / "来源: …" lines and breadcrumbs.

A report saved from a government portal keeps the page around it: "发布机构: 红河州数据发展中心",
"来源:市人社 浏览次数:", "首页 >> 部门信息公开 >> 牟定县交通运输局 >> 正文". These name the publishing
unit; an internal office ("来源:财务科") never does. Lines of chrome also carry dates that are no
fiscal year (发布日期:2021-10-12). The vocabulary lives in patterns/metadata.toml ([source_line],
[breadcrumb], [year] chrome).
"""
from __future__ import annotations

from ... import rules
from .lexicon import clean_unit, is_unit, level_start, region_of

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def head_lines(text: str) -> list[str]:
    """The first lines of the text, where page chrome and titles are looked for."""
    head = _conf()["head"]
    return text[: head["max_chars"]].split("\n")[: head["max_lines"]]


def source_lines(text: str) -> list[tuple[str, bool]]:
    """(value, whether it is a unit name) of each "发布机构: …" / "来源: …" line in the head; a
    value that is no full unit name ("市人社") is kept as a weaker cue."""
    conf = _conf()["source_line"]
    out = []
    for line in head_lines(text):
        for m in _re(conf["pattern"]).finditer(line):
            v = m.group("value")
            cut = min((i for w in conf["next_labels"] if (i := v.find(w)) != -1), default=None)
            if cut is not None:
                v = v[:cut]
            elif m.group("colon"):
                continue  # "来源: 点击:" — the value is the next label
            v = clean_unit(v)
            if not v or any(w in v for w in conf["reject"]) or is_internal_office(v):
                continue
            out.append((v, is_unit(v)))
    return out


def is_internal_office(name: str) -> bool:
    """An office inside the unit (财务科, 办公室, 计财股) named as the publisher: not the unit."""
    if not _re(_conf()["source_line"]["office"]).match(name):
        return False
    return not (region_of(name) or level_start(name))


def breadcrumb(text: str) -> str | None:
    """The last unit in a breadcrumb line of the head ("首页 >> … >> 牟定县交通运输局 >> 正文")."""
    conf = _conf()["breadcrumb"]
    for line in head_lines(text):
        parts = [p.strip() for p in _re(conf["separator"]).split(line)]
        if len(parts) < conf["min_parts"]:
            continue
        units = [clean_unit(p) for p in parts if is_unit(clean_unit(p))]
        if units:
            return units[-1]
    return None


def chrome_free(text: str) -> str:
    """The text without lines of page chrome (publication dates, index numbers, view counts)."""
    chrome = _conf()["year"]["chrome"]
    return "\n".join(l for l in text.split("\n") if not any(w in l for w in chrome))
