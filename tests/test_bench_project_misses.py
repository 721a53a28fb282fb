"""bench/project_misses.py: the causes it gives for missed projects, on a database built from
synthetic gold and found rows with known truth (it prints counts only, so blind sets can use it)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import load_script

project_misses = load_script("project_misses", "bench")


def _db(found: dict[str, list[tuple[str, float | None]]], texts: dict[str, Path] | None = None) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "create table documents(id integer primary key, file_name text, path text);"
        "create table reports(id integer primary key, document_id integer);"
        "create table projects(id integer primary key, report_id integer, name text, amount real, rule_id text);"
    )
    for i, (file_name, rows) in enumerate(found.items(), 1):
        db.execute("insert into documents values (?, ?, ?)", (i, file_name, str((texts or {}).get(file_name, ""))))
        db.execute("insert into reports values (?, ?)", (i, i))
        for name, amount in rows:
            db.execute("insert into projects(report_id, name, amount, rule_id) values (?, ?, ?, ?)",
                       (i, name, amount, "projects:single"))
    return db


def _gold(tmp_path: Path, docs: dict[str, list[dict]]) -> Path:
    for file_name, projects in docs.items():
        (tmp_path / f"{Path(file_name).stem}.json").write_text(
            json.dumps({"file": file_name, "report_kind": "project", "projects": projects}, ensure_ascii=False),
            encoding="utf-8",
        )
    return tmp_path


def test_each_cause_is_told_apart(tmp_path):
    gold = _gold(tmp_path, {
        "a.txt": [{"name": "农村公路养护工程项目", "amount_wan": 120}],  # matched
        "b.txt": [{"name": "城区供水管网改造项目", "amount_wan": 88}],  # right name, other amount
        "c.txt": [{"name": "高标准农田建设项目", "amount_wan": 50}],  # the found name holds it (place kept)
        "d.txt": [{"name": "乡村振兴衔接资金项目", "amount_wan": 30}],  # nothing found
        "e.txt": [{"name": "学生营养改善计划", "amount_wan": 12}],  # only a distant name, plus it is extra
        "f.txt": [{"name": "2023年高龄补贴", "amount_wan": 9}],  # a year and a kind word apart
        "g.txt": [{"name": "城乡居民医疗保险补助经费", "amount_wan": 7}],  # a near name
        "h.txt": [{"name": "校舍维修", "amount_wan": 9.8}, {"name": "校门改造", "amount_wan": 10}],  # a list, none found
    })
    db = _db({
        "a.txt": [("农村公路养护工程项目", 120.0)],
        "b.txt": [("城区供水管网改造项目", None)],
        "c.txt": [("某某县某某镇高标准农田建设项目", 50.0)],
        "d.txt": [],
        "e.txt": [("办公楼维修", 12.0)],
        "f.txt": [("高龄补贴项目", 9.0)],
        "g.txt": [("城乡居民医保补助资金", 7.0)],
        "h.txt": [],
    })
    got = project_misses.causes(db, gold)
    assert got["gold projects (project reports)"] == 9
    assert got["missed: name matches, amount missing (project)"] == 1
    assert got["missed: one name holds the other (project)"] == 1
    assert got["missed: names differ by a year or kind word only (project)"] == 1
    assert got["missed: near name 0.6-0.85 (project)"] == 1
    assert got["missed: report has no project found (report's only gold project) (project)"] == 1
    assert got["missed: report has no project found (one of a gold list) (project)"] == 2
    assert got["missed: only distant names (project)"] == 1
    assert got["extra: gold lists projects (project)"] == 5  # b, c, e, f and g found rows matched nothing


def test_a_distant_or_unfound_gold_name_is_placed_in_its_text(tmp_path):
    # where the gold name stands in the text and whether a found project has its amount: counts only
    gold = _gold(tmp_path, {
        "e.txt": [{"name": "学生营养改善计划", "amount_wan": 12}],
        "h.txt": [{"name": "校舍维修项目", "amount_wan": 9.8}, {"name": "校门改造项目", "amount_wan": 10}],
    })
    texts = {"e.txt": tmp_path / "e.txt", "h.txt": tmp_path / "h.txt"}
    texts["e.txt"].write_text("资金用于学生营养改善计划12万元和办公楼维修。", encoding="utf-8")
    texts["h.txt"].write_text("序号 | 项目名称 | 建设地点 | 金额(万元)\n1 | 校舍维修项目 | 城关镇张家村民委员会办公楼 | 9.8\n"
                              "2 | 校门改造项目 | 10\n", encoding="utf-8")
    got = project_misses.causes(_db({"e.txt": [("办公楼维修", 12.0)], "h.txt": []}, texts), gold)
    assert got["  distant: a found project has its amount, name written in the text"] == 1
    assert got["  distant: inside a sentence, amount 0-10 after"] == 1
    assert got["  distant: nearest found by single"] == 1
    assert got["  none found: name written in the text"] == 2
    assert got["  none found: after a cell bar, amount 11-40 after"] == 1
    assert got["  none found: after a cell bar, amount 0-10 after"] == 1


def test_a_missed_row_is_placed_in_its_table():
    # a table one cell a line with bars, numbered, under a header naming no project column (资金用途)
    raw = "序号 |\n资金用途 |\n实施单位 |\n金额(万元) |\n1 |\n张家村道路硬化项目 |\n某镇人民政府 |\n120.5 |\n"
    shape = project_misses._row_shape(raw, "张家村道路硬化项目", 120.5)
    assert shape == ["row: 1 cells, 0 figures", "row: line above ends in a cell bar", "row: cell before an ordinal",
                     "row: amount 1 cell lines after", "row: header above: 序号 without a known name header"]
    known = raw.replace("资金用途", "项目名称")
    assert project_misses._row_shape(known, "张家村道路硬化项目", 120.5)[-1] == "row: header above: a known name header"


def test_a_missed_name_is_placed_in_its_sentence():
    text = "2023年安排资金用于张家村道路硬化项目120.5万元,李庄河道综合治理项目计划投资80万元。"
    assert project_misses._sentence_shape(text, "张家村道路硬化项目", 120.5) == [
        "sentence: name after 用于", "sentence: between name and amount nothing"]
    assert project_misses._sentence_shape(text, "李庄河道综合治理项目", 80) == [
        "sentence: name after another word", "sentence: between name and amount other words"]
