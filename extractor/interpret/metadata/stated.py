"""Units the body states in a role: the project's owner or implementer, the recipient of its funds,
a township's government placed by its county elsewhere in the text.

A report nobody titled often names its unit only in a sentence about the project: "项目组织实施单位为
津市市教育局(以下简称“市教育局”)", "立项与管理使用单位及实施建设单位均为缙云县教育局", "由区农业农村局实施…",
"县财政局及时将专项资金分配下达到固镇县文旅局". Each ``[[unit.role]]`` of patterns/metadata.toml is a
role phrase followed by a run of Han characters (group ``run``); the unit is the longest unit name
the run starts with (lexicon.trim_to_unit), named by its place (or a level word: 县交通运输局). A
role carries its rank in describe's order (an implementer is stronger than a recipient of funds; a
主管部门, the project's superior, is weakest). A unit whose name says it gives the money (a finance
bureau, [unit_role.giver_name]) is no recipient.
"""
from __future__ import annotations

from ... import rules
from .fuller import region_hits
from .lexicon import is_township, level_start, region_of, trim_to_unit

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def role_units(text: str) -> list[tuple[str, int, str, int]]:
    """(unit, rank, role name, position) of each unit a body sentence states in a role (``[[unit.role]]``),
    in the first ``[kind] body_max_chars`` of ``text``."""
    body = text[: _conf()["kind"]["body_max_chars"]]
    giver = _re(_conf()["unit_role"]["giver_name"])
    out = []
    for role in _conf()["unit"]["role"]:
        for m in _re(role["pattern"]).finditer(body):
            u = trim_to_unit(m.group("run"))
            if not u or not (region_of(u) or level_start(u)):
                continue
            if role.get("receives") and giver.search(u):
                continue  # "拨付至个旧市财政局": the money goes back to who gives it
            out.append((u, role["rank"], role["name"], m.start("run")))
    return out


def placed_townships(text: str) -> set[str]:
    """The townships ``text`` writes after a place name ("双滦区双塔山镇中营子村" → 双塔山镇): a unit
    opening with one of them ("双塔山镇人民政府") is named by its place, even where it is written alone."""
    out = set()
    for i, parts in region_hits(text):
        end = i + sum(len(p) for _, p in parts)
        for k in range(2, 8):
            if is_township(text[end:end + k]):
                out.add(text[end:end + k])
                break
    return out


def township_unit(unit: str, townships: set[str]) -> bool:
    """Whether ``unit`` opens with one of ``townships`` (placed_townships) and goes on past it."""
    return any(unit.startswith(t) and len(unit) > len(t) for t in townships)
