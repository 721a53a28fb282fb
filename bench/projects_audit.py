"""Label-free audit of the projects the extractor finds over the whole development pool.

    python bench/projects_audit.py [--db X.db] [--pool corpus/pool] [--list]

A proxy for project precision and recall where no gold exists: corpus/pool holds 221 real
excerpts, and only some of them have project gold. This ingests the pool's *.txt into a temporary
database (or reads ``--db``, a database already ingested from the pool) and

- flags every extracted project name that does not look like a name (precision proxy): it holds a
  sentence verb or pronoun (用于, 主要, 我局…), a form or budget label (项目名称, 预算数, 执行率…),
  sentence punctuation, portal or mirror chrome (发布, 来源, 浏览…), a heading number at its head
  (一、, (一), 1、), more than 40 characters, or it ends on a function word (的, 和, 及…) as a name
  cut mid-phrase does;
- counts the excerpts that read as lists of projects with money (a project word followed by an
  amount in the same clause, three times or more) yet give no project, and the excerpts of project
  reports (the kind a person read, corpus/pool/sources.tsv) that give none, apart those that
  mention money (recall proxies: a project report whose excerpt states no money lists no project
  by the evaluation's convention, dev d010).

The word lists below are the audit's own, on purpose independent of patterns/projects.toml: a
measure that shared the extractor's vocabulary would approve its own mistakes. A flag is a reason
to read the name, not a verdict: some real names hold a comma or run past 40 characters.
"""
from __future__ import annotations

import argparse
import csv
import re
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # corpus_sets.py, beside this script, also when loaded by path
from corpus_sets import ingest, texts

ROOT = Path(__file__).resolve().parent.parent

FLAGS: dict[str, re.Pattern] = {
    "verb": re.compile(
        r"用于|主要|其中|包括|共计|合计|安排了|下达|拨付|已经|完成了|根据|按照|通过|进行|开展了|"
        r"我局|我单位|本单位|我镇|我县|我市|我区|我中心|我院|实际|加强|确保|落实|做好|取得|情况如下|如下"
    ),
    "label": re.compile(r"项目名称|预算数|执行数|执行率|资金来源|年初预算|全年预算|实际支出|万元|得分|分值|指标|自评表|绩效目标"),
    "punctuation": re.compile(r"[,，。;；:：!！?？|]"),
    "chrome": re.compile(r"发布|来源|浏览|点击|下载|上传|文档|页数|小编|索引号|分享|打印|关闭|字号|原创|文库|VIP|举报|首页|附件"),
    "heading": re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)"),
    "long": re.compile(r"^.{41,}$", re.S),
    "cut": re.compile(r"[的和及与、等在为对是了以或并将由从向第]$|^[的和及与、等在为对是了以或并将由从向]"),
}
MONEY_LIST = re.compile(r"(?:项目|工程|资金|经费|补助)[^。;；\n]{0,40}?\d[\d,.]*\s*(?:万元|元)")
MIN_LISTED = 3



def projects(db: Path) -> tuple[dict[str, list[tuple]], dict[str, int]]:
    """(file name → [(name, amount, rule_id), ...] of its reports' projects, file name → how many
    amounts its reports mention)."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple]] = {f: [] for (f,) in con.execute("select file_name from documents")}
    for f, n, a, r in con.execute(
        "select d.file_name, p.name, p.amount, p.rule_id from projects p join reports r on r.id = p.report_id"
        " join documents d on d.id = r.document_id order by p.id"
    ):
        out.setdefault(f, []).append((n, a, r))
    money = dict(con.execute(
        "select d.file_name, count(*) from mentions m join reports r on r.id = m.report_id"
        " join documents d on d.id = r.document_id where m.kind = 'amount' group by d.file_name"
    ).fetchall())
    con.close()
    return out, money


def flags_of(name: str) -> list[str]:
    """The audit flags a project name raises (empty: it looks like a name)."""
    return [k for k, pattern in FLAGS.items() if pattern.search(name or "")]


def audit(pool: Path, found: dict[str, list[tuple]], money: dict[str, int], show: bool) -> Counter:
    """Counts of flagged names and of excerpts that look like they list projects but give none."""
    kinds = {}
    tsv = pool / "sources.tsv"
    if tsv.exists():
        with tsv.open(encoding="utf-8") as fh:
            kinds = {row["file"]: row.get("kind") for row in csv.DictReader(fh, delimiter="\t")}
    c: Counter = Counter()
    for path in texts(pool):
        rows = found.get(path.name, [])
        c["texts"] += 1
        c["projects"] += len(rows)
        c["texts with projects"] += bool(rows)
        for name, amount, rule in rows:
            c["amount null"] += amount is None
            fl = flags_of(name)
            if fl:
                c["names flagged"] += 1
                for f in fl:
                    c[f"  flag {f}"] += 1
                if show:
                    print(f"FLAG {path.name} [{','.join(fl)}] {name!r} {amount} {rule}")
        text = path.read_text(encoding="utf-8", errors="replace")
        listed = len(MONEY_LIST.findall(text))
        if listed >= MIN_LISTED and not rows:
            c["money lists without projects"] += 1
            if show:
                print(f"LIST {path.name}: {listed} project-money clauses, no project")
        if kinds.get(path.name) == "project" and not rows:
            c["project reports without projects"] += 1
            if money.get(path.name):
                c["  of them with money"] += 1
            if show:
                print(f"NONE {path.name}: a project report, no project ({money.get(path.name, 0)} amounts)")
        c["project reports"] += kinds.get(path.name) == "project"
    return c


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pool", type=Path, default=ROOT / "corpus" / "pool")
    ap.add_argument("--db", type=Path, help="a database already ingested from the pool")
    ap.add_argument("--list", action="store_true", help="print every flagged name and every empty list")
    args = ap.parse_args(argv)
    if args.db:
        found, money = projects(args.db)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "pool.db"
            ingest(args.pool, db)
            found, money = projects(db)
    counts = audit(args.pool, found, money, args.list)
    order = ["texts", "texts with projects", "projects", "amount null", "names flagged"]
    order += sorted(k for k in counts if k.startswith("  flag"))
    order += ["money lists without projects", "project reports", "project reports without projects",
              "  of them with money"]
    for k in order:
        print(f"{counts.get(k, 0):5d}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
