"""Why projects are missed, in counts only, so a blind set can be diagnosed without reading it.

    python bench/project_misses.py DB --gold corpus/heldout4/gold

For every gold project the scorer did not match (name similarity ≥ 0.85 after the scorer's
normalisation, and the same amount), the nearest project found in the same report decides the
cause: none found in the report at all; the name matches but the amount differs or is missing; a
near name (0.6–0.85, usually a prefix or suffix too many or too few); or only distant names. Found
projects that match nothing are counted as extra, split by whether the gold lists any project for
that report. A gold project with only distant names or none found is also placed (indented lines):
whether its name is written in the text, what stands before it (a line start, a list mark, a cell
bar, a comma, a colon, a sentence), where its amount is written from it, whether a found project
carries its amount, and which reader found the nearest name. Only counts are printed, never a name,
so the output says nothing about the texts.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sqlite3
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import regex

_TABLE = tomllib.loads((Path(__file__).resolve().parent.parent / "patterns" / "projects.toml").read_text(encoding="utf-8"))["table"]


def norm_name(s: str | None) -> str:
    """The scorer's name normalisation (../shared/eval/score.py)."""
    s = unicodedata.normalize("NFKC", s or "")
    for ch in " \t\r\n\u3000“”\"'‘’《》<>":
        s = s.replace(ch, "")
    return s.rstrip("、，,。.；;")


def same_amount(want, got) -> bool:
    """The scorer's amount test: no gold amount matches anything."""
    return want is None or (got is not None and math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-6))


def bare(name: str) -> str:
    """A name without a leading year and a trailing 项目/资金 word, to tell conventions from misses."""
    name = re.sub(r"^(?:\d{4}(?:年度|年)?|\d{4}-\d{4}年)", "", name)
    return re.sub(r"(?:项目|专项资金|资金)$", "", name)


def _raw(db: sqlite3.Connection, file_name: str) -> str:
    """The document's file as written, '' when it is gone."""
    row = db.execute("select path from documents where file_name = ?", (file_name,)).fetchone()
    try:
        return Path(row[0]).read_text(encoding="utf-8") if row and row[0] else ""
    except (OSError, UnicodeDecodeError):
        return ""


def _text(raw: str) -> str:
    """The text, each line as the scorer normalises names: the lines kept, so that a figure ending one
    line does not run into the next line's digits."""
    return "\n".join(norm_name(line) for line in raw.splitlines())


_MARK = re.compile(r"(?:\d{1,2}[.、．]|[(（][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、是]|[①-⑳]|第[一二三四五六七八九十]{1,2}[,，、])$")


def _figures(amount: float) -> list[str]:
    """How an amount in 万元 may be written: 万元 figures with 0–6 decimals, and 元."""
    out = {f"{amount:.{d}f}".rstrip("0").rstrip(".") for d in range(7)}
    out |= {f"{amount:.{d}f}" for d in range(1, 7)}
    yuan = amount * 10000
    out |= {f"{yuan:.{d}f}".rstrip("0").rstrip(".") for d in range(3)}
    out |= {f"{yuan:,.{d}f}" for d in range(3)}
    # only writings of this very amount (9.8 rounded to no decimals is another figure, 10)
    exact = [f for f in out if math.isclose(float(f.replace(",", "")), amount, abs_tol=1e-9)
             or math.isclose(float(f.replace(",", "")), yuan, abs_tol=1e-6)]
    return sorted(exact, key=len, reverse=True)


def _context(text: str, name: str, amount) -> str:
    """Where a gold name stands (counts only): what precedes it and where its amount is written."""
    at = text.find(name)
    if at < 0:
        return "name not written"
    before = text[max(0, at - 6):at]
    if not before or before.endswith("\n"):
        lead = "line start"
    elif _MARK.search(before):
        lead = "after a list mark"
    elif before.endswith(("|", "\t")):
        lead = "after a cell bar"
    elif before.endswith(("、", "，", ",", "；", ";")):
        lead = "after a comma"
    elif before.endswith(("：", ":")):
        lead = "after a colon"
    else:
        lead = "inside a sentence"
    if amount is None:
        return f"{lead}, no gold amount"
    end = at + len(name)
    spots = [m.start() for f in _figures(float(amount)) for m in re.finditer(re.escape(f) + r"(?![\d.])", text)
             if not (m.start() > 0 and text[m.start() - 1].isdigit())]
    if not spots:
        where = "amount not written"
    else:
        near = min(spots, key=lambda s: abs(s - end))
        gap = near - end
        if 0 <= gap <= 10:
            where = "amount 0-10 after"
        elif 0 <= gap <= 40:
            where = "amount 11-40 after"
        elif 0 <= gap <= 200:
            where = "amount within 41-200 after"
        elif near < at and at - near <= 200:
            where = "amount before the name"
        else:
            where = "amount far away"
    return f"{lead}, {where}"


_CELLS = re.compile(r"\s*\|\s*|\t+| {2,}|\u3000+")
_FIGURE = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d.])")
_HEAD_REACH = 80  # lines above a row where its table's header may stand (one cell a line, bars between)


def _row_shape(raw: str, name: str, amount) -> list[str]:
    """How the table row a gold name opens is laid out (counts only): its cells, its figures, the line
    above, the cell before it and the cells between it and its amount, and whether a header line
    above has a cell the project tables know as a name or a money column ([table.name_header],
    [table.money_header]). ``raw``: the text with its spaces kept. A line of nothing but a bar (a
    table flattened one cell a line with bar lines between cells) is no cell."""
    lines = raw.splitlines()
    at = next((i for i, line in enumerate(lines) if name in norm_name(line)), None)
    if at is None:
        return ["row: name not on one line of the raw text"]
    cells = [c for c in _CELLS.split(lines[at].strip().strip("|")) if c.strip()]
    figures = len(_FIGURE.findall(lines[at]))
    out = [f"row: {min(len(cells), 5)}{'+' if len(cells) >= 5 else ''} cells, "
           f"{min(figures, 3)}{'+' if figures >= 3 else ''} figures"]
    above = lines[at - 1].rstrip() if at else ""
    out.append("row: line above " + ("is a bar alone" if above.strip() == "|" else "ends in a cell bar" if above.endswith("|")
                                     else "is a figure" if _FIGURE.fullmatch(above.strip()) else "empty" if not above.strip() else "other"))
    filled = [i for i in range(len(lines)) if lines[i].strip().strip("|").strip()]
    before = [i for i in filled if i < at]
    if len(cells) == 1 and before:
        prev = lines[before[-1]].strip().strip("|").strip()
        out.append("row: cell before " + ("an ordinal" if regex.fullmatch(r"\d{1,3}|[一二三四五六七八九十]{1,3}", prev) else "other"))
    if amount is not None:
        figs = set(_figures(float(amount)))
        after = [i for i in filled if i > at][:12]
        k = next((n for n, i in enumerate(after) if any(f in lines[i] for f in figs)), None)
        out.append(f"row: amount {'not in the next 12 cell lines' if k is None else f'{min(k, 4)}{chr(43) if k >= 4 else str()} cell lines after'}")
    name_rx = regex.compile(_TABLE["name_header"]["pattern"])
    money_rx = regex.compile(_TABLE["money_header"]["pattern"])
    head = "none"
    for line in reversed(lines[max(0, at - _HEAD_REACH):at]):
        header_cells = [c.strip() for c in _CELLS.split(line.strip().strip("|")) if c.strip()]
        if any(name_rx.fullmatch(c) for c in header_cells):
            head = "a known name header" + (" with a money header on its line" if any(money_rx.search(c) for c in header_cells) else "")
            break
        if any(("名称" in c or "项目" in c) and len(c) <= 8 and not _FIGURE.search(c) for c in header_cells):
            head = "a short cell with 项目/名称 the name header does not know"
            break
        if any(c in ("序号", "编号") for c in header_cells):
            head = "序号 without a known name header"
            break
    out.append(f"row: header above: {head}")
    return out


_VERBS = ("用于", "实施", "安排", "下达", "拨付", "投入", "完成", "开展", "建设", "支付", "发放", "落实", "争取", "申报", "包括", "为")


def _sentence_shape(text: str, name: str, amount) -> list[str]:
    """Around a gold name standing inside a sentence (counts only): the word before it (a verb of
    spending or allotting, 的, a number, another Han word) and what stands between it and its amount."""
    at = text.find(name)
    before = text[max(0, at - 4):at]
    verb = next((v for v in _VERBS if before.endswith(v)), None)
    lead = (f"after {verb}" if verb else "after 的" if before.endswith("的") else "after a figure or unit"
            if before[-1:].isdigit() or before.endswith(("元", "%")) else "after another word")
    out = [f"sentence: name {lead}"]
    if amount is not None:
        end = at + len(name)
        figs = _figures(float(amount))
        spot = min((m.start() for f in figs for m in re.finditer(re.escape(f) + r"(?![\d.])", text[end:end + 60])
                    if not (m.start() > 0 and text[end + m.start() - 1].isdigit())), default=None)
        if spot is not None:
            gap = text[end:end + spot]
            kind = ("nothing" if not gap else "a fund word" if re.fullmatch(r"(?:专项)?(?:资金|经费|补助资金|补助)", gap)
                    else "a verb" if re.fullmatch(r"(?:共|合计|总)?(?:投资|投入|支出|拨付|安排|下达|使用|计)(?:资金)?", gap)
                    else "a bracket" if gap.startswith("(") else "a comma and words" if re.search(r"[,，;；]", gap)
                    else "other words")
            out.append(f"sentence: between name and amount {kind}")
    return out


def causes(db: sqlite3.Connection, gold_dir: Path) -> Counter:
    """Counts of each cause over the gold files in ``gold_dir``."""
    out = Counter()
    for f in sorted(gold_dir.glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        kind = gold.get("report_kind") or "?"
        rows = db.execute(
            "select p.name, p.amount, p.rule_id from projects p join reports r on r.id = p.report_id"
            " join documents d on d.id = r.document_id where d.file_name = ?",
            (gold["file"],),
        ).fetchall()
        rules = {(name, amount): rule for name, amount, rule in rows}
        found = [(name, amount) for name, amount, _ in rows]
        pool = list(found)
        raw = _raw(db, gold["file"])
        text = _text(raw)
        flat = text.replace("\n", "")  # a name wrapped over two lines is written too
        want = gold.get("projects") or []
        out[f"gold projects ({kind} reports)"] += len(want)
        missed = []
        for wp in want:
            for i, (name, amount) in enumerate(pool):
                ratio = difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(name)).ratio()
                if ratio >= 0.85 and same_amount(wp.get("amount_wan"), amount):
                    del pool[i]
                    break
            else:
                missed.append(wp)
        moneyless = not gold.get("amounts_wan") and not gold.get("table_amounts_wan")
        for wp in missed:
            if not found:
                # an excerpt stating no money at all: the dev gold lists no project there (d010: "no
                # amounts in the excerpt, so no project entry"), and the extractor follows it
                if moneyless and wp.get("amount_wan") is None:
                    why = " (no money in the excerpt: dev d010 lists none)"
                else:
                    # one project or a list: a single-project report's project is a different
                    # mechanism from a list of several
                    why = " (report's only gold project)" if len(want) == 1 else " (one of a gold list)"
                out[f"missed: report has no project found{why} ({kind})"] += 1
                out[f"  none found: name {'written' if norm_name(wp['name']) in flat else 'not written'} in the text"] += 1
                where = _context(text, norm_name(wp['name']), wp.get('amount_wan'))
                out[f"  none found: {where}"] += 1
                if where.startswith(("line start", "after a cell bar")):
                    for shape in _row_shape(raw, norm_name(wp["name"]), wp.get("amount_wan")):
                        out[f"    {shape}"] += 1
                elif where.startswith("inside a sentence"):
                    for shape in _sentence_shape(text, norm_name(wp["name"]), wp.get("amount_wan")):
                        out[f"    {shape}"] += 1
                continue
            best = max(found, key=lambda p: difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(p[0])).ratio())
            ratio = difflib.SequenceMatcher(None, norm_name(wp["name"]), norm_name(best[0])).ratio()
            a, b = norm_name(wp["name"]), norm_name(best[0])
            if ratio >= 0.85:
                why = "amount missing" if best[1] is None else "amount differs"
                out[f"missed: name matches, {why} ({kind})"] += 1
            elif difflib.SequenceMatcher(None, bare(a), bare(b)).ratio() >= 0.85:
                # the two differ only by a year or a 项目/资金 kind word (a naming convention)
                out[f"missed: names differ by a year or kind word only ({kind})"] += 1
            elif a in b or b in a:
                out[f"missed: one name holds the other ({kind})"] += 1
            elif ratio >= 0.6:
                out[f"missed: near name 0.6-0.85 ({kind})"] += 1
            else:
                out[f"missed: only distant names ({kind})"] += 1
                # which of these is it: the name cut elsewhere around the right money, a name the
                # text writes that no reader took, or a name the annotator composed
                paid = wp.get("amount_wan") is not None and any(
                    p[1] is not None and same_amount(wp["amount_wan"], p[1]) for p in found)
                written = a in flat
                out[f"  distant: {'a found project has its amount' if paid else 'no found project has its amount'}"
                    f", name {'written' if written else 'not written'} in the text"] += 1
                out[f"  distant: {_context(text, a, wp.get('amount_wan'))}"] += 1
                out[f"  distant: nearest found by {(rules.get(best) or '?').split(':')[-1]}"] += 1
        for _ in pool:
            out[f"extra: gold lists {'projects' if want else 'no project'} ({kind})"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--gold", required=True, type=Path)
    args = ap.parse_args()
    with sqlite3.connect(args.db) as db:
        for cause, n in sorted(causes(db, args.gold).items()):
            print(f"{n:4d}  {cause}")


if __name__ == "__main__":
    main()
