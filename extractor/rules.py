"""Load the vocabularies in patterns/ (TOML files that describe their own syntax)."""
from __future__ import annotations

import hashlib
import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import regex

from .errors import PatternError


def patterns_dir() -> Path:
    """patterns/ beside the package (editable installs, checkouts) or as installed package data."""
    override = os.environ.get("EXTRACTOR_PATTERNS")
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parent.parent / "patterns"
    if beside.is_dir():
        return beside
    from importlib.resources import files

    return Path(str(files("extractor._patterns")))


# Full-width ASCII forms (１ → 1, （ → (, ％ → %): a Unicode fact, shared by every stage that folds text.
FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_CHAR = re.compile("[\uff01-\uff5e]")


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII forms folded; most lines have none, and a search is much
    cheaper than ``translate`` over Chinese text."""
    return text.translate(FULL_WIDTH) if _FULL_WIDTH_CHAR.search(text) else text


@lru_cache(maxsize=None)
def compiled(pattern: str) -> regex.Pattern:
    """A regex from a pattern file, compiled once per process."""
    return regex.compile(pattern)


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Parse patterns/<name>.toml, naming the file in any error."""
    path = patterns_dir() / f"{name}.toml"
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as e:
        raise PatternError(f"{path}: pattern file missing") from e
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"{path}: {e}") from e


# Read only after extraction (linking, export): editing them must not re-extract an archive.
NOT_EXTRACTION = {"units.toml", "dictionary.toml"}


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of the pattern files extraction reads: stored per document so changed
    patterns re-extract."""
    h = hashlib.sha256()
    for path in sorted(p for p in patterns_dir().glob("*.toml") if p.name not in NOT_EXTRACTION):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]
