"""Settling the unit among its candidates by the roles the report gives them, after the ranking.

The ranks of describe order cues by how strongly each names the reporting unit in general; some
readings of one report contradict a cue however strong it is. Two rules look at every candidate
together, each a general fact about who reports, and each measured alone by
``bench/metadata_replay.py`` (on the first-seen runs of retired blind sets, and over every
non-blind set):

* ``publisher_yields``: page chrome (发布机构, 来源, a breadcrumb) names who publishes the page; a
  superior publishes its subordinates' reports. When the report itself (its title, a form field, an
  alias, a signature, a dated or self-named body cue) names another unit of the same place, that
  unit reports (发布机构 保山市文化和旅游局 over 保山市图书馆's report: heldout6 s016, heldout7 s010,
  first seen wrong); never to a giver (我局 read as 腾冲市财政局 in a report of 腾冲市农业农村局,
  heldout6 s029). It replaced describe's demotion of a publisher the text never names
  (R_CHROME_UNSEEN), which it subsumes on every non-blind set with gold, and covers one it names too.
* ``giver_yields``: a unit the text writes as the maker of the form or the giver of the money
  (承德市财政局制, …财政局下达…; ``[unit_role.giver]``), or a finance bureau by its name
  (``[unit_role.giver_name]``), that only one cue names does not report;
  another place-named unit the report names does (heldout6 s030, first seen 承德市财政局 for
  平泉市人民检察院).

* ``office_yields``: an office inside a unit (党建与党政综合办公室, listed after 石渠县德荣玛乡人民政府内设…;
  a bare 办公室) is no reporting unit when the report names a unit by its place; that unit reports
  (heldout9 u017, first seen 党建与党政综合办公室 read from "内设以下部门:").

* ``field_yields``: a title's unit that runs on past the unit a form field names as the project's
  (项目单位:焦作市人民医院 under a title read as 焦作市人民医院门急诊楼及医学研究中心, heldout15 x013): the field.

Each takes the candidates ``(rank, order, value, source)`` and the winner by rank, and returns the
candidate that wins instead, or None (the winner stands). Before them, ``drop_evaluators`` takes out
of the candidates every unit the report casts as its evaluator (a 会计师事务所, the firm "受…委托"
writing the report: ``[unit_role.evaluator]``): it never reports, whatever cue names it (heldout9 u007,
first seen 湖南源涛联合会计师事务所 for 津市市教育局).
"""
from __future__ import annotations

from typing import NamedTuple

import regex

from ... import rules
from .lexicon import level_start, region_of

_re = rules.compiled

class Cue(NamedTuple):
    """One candidate value of a metadata field: its rank (lower is stronger), its order (breaks
    ties), the value and the source that gave it."""

    rank: int
    order: int
    value: object
    source: str


CHROME = ("source_line", "breadcrumb")
# cues that name the report's own unit: every cue ranked up to the self-words (我局, 97); a sentence's
# subject (100), an evaluated unit (102), a 主管部门 cell (120) may name any other
OWN_MAX_RANK = 97
# cues a giver may yield to: the report's own and a sentence's subject, not 主管部门 or relaxed chrome
OTHER_MAX_RANK = 102


def _conf() -> dict:
    return rules.load("metadata")


def publisher_yields(cands: list[Cue], winner: Cue, text: str) -> Cue | None:
    """A unit of the publisher's place that the report names itself, when page chrome won."""
    if winner.source not in CHROME:
        return None
    place = region_of(winner.value)
    if not place:
        return None
    # a branch of the publisher (开远市公安局交通警察大队 under 开远市公安局) reports also when only a
    # sentence's subject names it
    own = [c for c in cands if c.source not in CHROME and c.value != winner.value and region_of(c.value) == place
           and (c.rank <= OWN_MAX_RANK or (c.rank <= OTHER_MAX_RANK and c.value.startswith(winner.value)))
           and not winner.value.startswith(c.value) and not _gives(c.value, text)]
    return min(own, key=lambda c: (c.rank, c.order)) if own else None


def giver_yields(cands: list[Cue], winner: Cue, text: str) -> Cue | None:
    """Another place-named unit the report names, when the winner made its form or gave its money
    and no second cue names it."""
    if not _gives(winner.value, text):
        return None
    if any(c.value == winner.value and c.source != winner.source for c in cands):
        return None  # named by two cues: its own report
    others = [c for c in cands if c.value != winner.value and c.rank <= OTHER_MAX_RANK and region_of(c.value)
              and not _gives(c.value, text)]
    return min(others, key=lambda c: (c.rank, c.order)) if others else None


def _gives(unit: str, text: str) -> bool:
    """Whether ``unit`` gives money by its name (a finance bureau, ``[unit_role.giver_name]``) or
    ``text`` writes it as the maker of a form or the giver of money (``[unit_role.giver]``)."""
    if _re(_conf()["unit_role"]["giver_name"]).search(unit):
        return True
    rx = _re(_conf()["unit_role"]["giver"])
    for m in regex.finditer(regex.escape(unit), text):
        if rx.match(text, m.end()):
            return True
    return False


def drop_evaluators(cands: list[Cue], text: str) -> list[Cue]:
    """``cands`` without the units the report casts as its evaluator (evaluates)."""
    return [c for c in cands if not evaluates(c.value, text)]


def evaluates(unit: str, text: str) -> bool:
    """Whether ``unit`` evaluates rather than reports: a firm whose name says so (会计师事务所, 咨询有限公司:
    ``[unit_role.evaluator]`` name), or one the text writes as commissioned (受津市市财政局委托,湖南…所:
    ``[unit_role.evaluator]`` before) that is no organ of government (局, 厅, 委, 政府: organs)."""
    conf = _conf()["unit_role"]["evaluator"]
    if _re(conf["name"]).search(unit):
        return True
    if unit.endswith(tuple(conf["organs"])):
        return False  # "受县财政局委托,县教育局对…开展了自评": an organ of government carries out its own
    before = _re(conf["before"])
    for m in regex.finditer(regex.escape(unit), text):
        if before.search(text[max(0, m.start() - conf["before_chars"]): m.start()]):
            return True
    return False


def office_yields(cands: list[Cue], winner: Cue, text: str) -> Cue | None:
    """The best place-named unit of the report, when the winner is an office inside a unit: named
    without a place and listed as a part of a unit (…内设以下部门:X), or a bare office word (办公室)."""
    if region_of(winner.value) or level_start(winner.value) or not _internal(winner.value, text):
        return None
    placed = [c for c in cands if c.value != winner.value and c.rank <= OTHER_MAX_RANK and region_of(c.value)
              and not _gives(c.value, text)]
    return min(placed, key=lambda c: (c.rank, c.order)) if placed else None


def field_yields(cands: list[Cue], winner: Cue) -> Cue | None:
    """The unit a form field names as the project's (项目单位, 实施单位: ``[unit_role.runs_on]`` fields), when the
    title's unit starts with it and runs on into the project ("焦作市人民医院门急诊楼及医学研究中心项目…" under
    项目单位:焦作市人民医院, heldout15 x013): the title's grammar cut the name at a suffix of the project's."""
    conf = _conf()["unit_role"]["runs_on"]
    if winner.source != "title":
        return None
    fields = [c for c in cands if c.source.startswith("form:") and c.source.endswith(tuple(conf["fields"]))
              and region_of(c.value)
              and winner.value.startswith(c.value) and len(winner.value) > len(c.value)
              and not winner.value[len(c.value):].startswith(tuple(conf["own_words"]))]
    return min(fields, key=lambda c: (c.rank, c.order)) if fields else None


def _internal(unit: str, text: str) -> bool:
    """Whether ``text`` lists ``unit`` among a unit's parts (``[unit_role.office]`` listed), or it is a
    bare office word (``[unit_role.office]`` bare)."""
    conf = _conf()["unit_role"]["office"]
    if unit in conf["bare"]:
        return True
    listed = _re(conf["listed"])
    reach = conf["listed_chars"]
    return any(listed.search(text[max(0, m.start() - reach): m.start()]) for m in regex.finditer(regex.escape(unit), text))
