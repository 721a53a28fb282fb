"""Which texts of corpus/ a development script may run the extractor on, and one way to ingest them.

Blind texts are never read for tuning: the folders heldout12, heldout14 and heldout16 and, inside corpus/pool, every
excerpt whose gold is in corpus/pool/gold-validation (the texts live beside the others in
corpus/pool/; only their gold is apart).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND_FOLDERS = ("heldout12", "heldout14", "heldout16", "gold-validation")  # heldout4 retired in round 7, heldout5/6 in round 9, heldout7/8 in round 10, heldout9 in round 12, heldout13 in round 18, heldout10/11 in round 20, heldout15 in round 22
VALIDATION = ROOT / "corpus" / "pool" / "gold-validation"
# the folders with gold that scripts may tune on, in the order they were built: a set retiring from
# blind joins here and leaves BLIND_FOLDERS, and every script that walks development sets follows
DEVELOPMENT = ("pool", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
               "heldout8", "heldout9", "heldout13", "heldout10", "heldout11", "heldout15")


def is_blind(path: Path) -> bool:
    """Whether ``path`` (a folder or a text of corpus/) is blind.

    Only the folders below corpus/ count, so a checkout whose own directory is named like a blind
    set (a worktree called heldout11) does not make every path blind."""
    path = Path(path)
    parts = path.parts
    if "corpus" in parts:
        parts = parts[len(parts) - parts[::-1].index("corpus"):]
    if any(part in BLIND_FOLDERS for part in parts):
        return True
    return path.suffix == ".txt" and path.parent.name == "pool" and (VALIDATION / f"{path.stem}.json").exists()


def texts(folder: Path) -> list[Path]:
    """The folder's *.txt that are not blind, sorted (gold/ and sources.tsv are no documents)."""
    if is_blind(folder):
        sys.exit(f"{folder} is blind; not read")
    return [p for p in sorted(Path(folder).glob("*.txt")) if not is_blind(p)]


def ingest(folder: Path, db: Path) -> None:
    """Ingest the folder's non-blind texts into ``db`` (copied beside it, so nothing else is read)."""
    docs = db.parent / f"{db.stem}-docs"
    docs.mkdir(parents=True, exist_ok=True)
    for p in texts(folder):
        (docs / p.name).write_bytes(p.read_bytes())
    subprocess.run([sys.executable, "-m", "extractor", "ingest", str(docs), "--db", str(db), "--quiet"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
