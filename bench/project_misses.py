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
import unicodedata
from collections import Counter
from pathlib import Path


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


def _text(db: sqlite3.Connection, file_name: str) -> str:
    """The document's text, each line as the scorer normalises names, '' when its file is gone."""
    row = db.execute("select path from documents where file_name = ?", (file_name,)).fetchone()
    try:
        raw = Path(row[0]).read_text(encoding="utf-8") if row and row[0] else ""
    except (OSError, UnicodeDecodeError):
        raw = ""
    # the lines kept, so that a figure ending one line does not run into the next line's digits
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
        text = _text(db, gold["file"])
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
                out[f"  none found: {_context(text, norm_name(wp['name']), wp.get('amount_wan'))}"] += 1
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
