"""The one loader of patterns/: TOML files of rules and vocabularies, validated as they load.

A *rule* is a TOML table with an ``id`` and a ``pattern``::

    [binding.gap_stop]
    id = "binding.gap_stop"
    pattern = '[，,。；;\\n|]'
    examples = ["基本支出1337万元，人员经费"]       # the pattern must find a match in each
    counterexamples = ["基本支出1337万元"]          # and none in these
    match = "search"                                # or "prefix", "fullmatch" (default search)

``load(name)`` returns the file as plain dicts and lists in which every rule table has become a
:class:`Rule`: a ``str`` (the pattern itself, so code that formats or joins patterns keeps
working) that also carries its ``id``, examples and counterexamples and a compiled ``regex``.
The loader checks every rule's keys, that its id is unique in the file and that it compiles,
and raises :class:`PatternError` naming the file and the key. ``tests/test_rules.py`` turns every
example and counterexample of every file into a test case.

Placeholders: a pattern may use ``{name}`` for an entry of the file's ``[macros]`` table (itself a
string or a rule); the loader expands them before compiling. Regex repetition braces ``{2,4}``
are not placeholders (they hold digits only).
"""
from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .errors import PatternError

RULE_KEYS = {"id", "pattern", "examples", "counterexamples", "match"}
MATCH_MODES = ("search", "prefix", "fullmatch")  # prefix: must match at the start (regex.match)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


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


class Rule(str):
    """A pattern from patterns/ with its provenance: behaves as the pattern string."""

    id: str
    file: str
    key: str
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    match: str
    data: dict  # the table's other keys (a rule entry may carry settings of its own)

    def __new__(cls, pattern: str, *, id: str, file: str, key: str, examples=(), counterexamples=(),
                match: str = "search", data: dict | None = None):
        self = super().__new__(cls, pattern)
        self.id, self.file, self.key = id, file, key
        self.examples, self.counterexamples = tuple(examples), tuple(counterexamples)
        self.match = match
        self.data = data or {}
        return self

    def __getitem__(self, key):
        """A rule read as the table it was (``entry["id"]``, ``entry["pattern"]``, its own keys)."""
        if isinstance(key, str):
            if key == "pattern":
                return str(self)
            if key in ("id", "examples", "counterexamples", "match"):
                return getattr(self, key)
            return self.data[key]
        return str.__getitem__(self, key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    @property
    def regex(self) -> regex.Pattern:
        return compiled(str(self))

    def matches(self, text: str) -> bool:
        """Whether the rule accepts ``text`` in its own mode (search, prefix or fullmatch)."""
        return bool(getattr(self.regex, "match" if self.match == "prefix" else self.match)(text))


@dataclass(frozen=True)
class Case:
    """One example or counterexample of a rule, as the tests run it."""

    file: str
    rule: Rule
    text: str
    expected: bool  # True: the rule must match; False: it must not


def _where(file: str, key: str) -> str:
    return f"patterns/{file}: [{key}]" if key else f"patterns/{file}"


def _as_rule(table: dict, file: str, key: str, macros: dict[str, str]) -> Rule:
    where = _where(file, key)
    for name in ("id", "pattern"):
        if not isinstance(table.get(name), str) or not table[name]:
            raise PatternError(f"{where}: a rule needs a non-empty string `{name}`")
    for name in ("examples", "counterexamples"):
        value = table.get(name)
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise PatternError(f"{where}: rule {table['id']!r} needs `{name}`, a list of strings")
    if not table["examples"]:
        raise PatternError(f"{where}: rule {table['id']!r} has no examples")
    mode = table.get("match", "search")
    if mode not in MATCH_MODES:
        raise PatternError(f"{where}: rule {table['id']!r}: match must be one of {MATCH_MODES}")
    pattern = _expand(table["pattern"], macros, where)
    try:
        compiled(pattern)
    except regex.error as e:
        raise PatternError(f"{where}: rule {table['id']!r} does not compile: {e}") from e
    data = {k: v for k, v in table.items() if k not in RULE_KEYS}
    return Rule(pattern, id=table["id"], file=file, key=key, examples=table["examples"],
                counterexamples=table["counterexamples"], match=mode, data=data)


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    def sub(m: re.Match) -> str:
        if m[1] not in macros:
            return m[0]  # not a macro of this file: the consumer fills it (str.format) or it is text
        return macros[m[1]]
    return _PLACEHOLDER.sub(sub, pattern) if "{" in pattern else pattern


def _convert(value: Any, file: str, key: str, macros: dict[str, str], ids: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if isinstance(value.get("pattern"), str) and "id" in value:
            rule = _as_rule(value, file, key, macros)
            if rule.id in ids:
                raise PatternError(f"{_where(file, key)}: rule id {rule.id!r} is also used at [{ids[rule.id]}]")
            ids[rule.id] = key
            return rule
        return {k: _convert(v, file, f"{key}.{k}" if key else k, macros, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v, file, f"{key}[{i}]", macros, ids) for i, v in enumerate(value)]
    return value


def parse(text: str, file: str) -> dict:
    """Parse and validate one pattern file's text; ``file`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"patterns/{file}: {e}") from e
    raw_macros = data.get("macros", {})
    if not isinstance(raw_macros, dict):
        raise PatternError(f"patterns/{file}: [macros] must be a table")
    macros: dict[str, str] = {}
    ids: dict[str, str] = {}
    for name, value in raw_macros.items():  # macros may use earlier macros
        converted = _convert(value, file, f"macros.{name}", macros, ids)
        if not isinstance(converted, str):
            raise PatternError(f"patterns/{file}: [macros] {name} must be a string or a rule")
        macros[name] = str(converted)
    out = {k: v for k, v in data.items() if k != "macros"}
    result = _convert(out, file, "", macros, ids)
    if macros:
        result["macros"] = macros
    return result


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """patterns/<name>.toml (``name`` may hold a folder: ``forms/project``), validated."""
    path = patterns_dir() / f"{name}.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise PatternError(f"{path}: pattern file missing") from e
    return parse(text, f"{name}.toml")


def require(conf: dict, dotted: str, kind: type | tuple[type, ...], file: str) -> Any:
    """``conf[a][b]…`` for ``dotted`` = "a.b…", checked to be of ``kind``; a PatternError naming
    the file and the key when it is missing or of another type."""
    value: Any = conf
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise PatternError(f"patterns/{file}: missing [{dotted}]")
        value = value[part]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise PatternError(f"patterns/{file}: [{dotted}] must be {names}, not {type(value).__name__}")
    return value


def all_files() -> list[str]:
    """Every pattern file's name as ``load`` takes it, folders included, sorted."""
    root = patterns_dir()
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.toml"))


def rules_of(data: Any) -> list[Rule]:
    """Every rule in a loaded file, in file order."""
    out: list[Rule] = []
    if isinstance(data, Rule):
        out.append(data)
    elif isinstance(data, dict):
        for k, v in data.items():
            if k != "macros":
                out.extend(rules_of(v))
    elif isinstance(data, list):
        for v in data:
            out.extend(rules_of(v))
    return out


def cases() -> list[Case]:
    """Every example and counterexample of every rule in patterns/, for the tests."""
    out = []
    for name in all_files():
        for rule in rules_of(load(name)):
            out += [Case(name, rule, t, True) for t in rule.examples]
            out += [Case(name, rule, t, False) for t in rule.counterexamples]
    return out


# Read only after extraction (linking, export): editing them must not re-extract an archive.
NOT_EXTRACTION = {"units.toml", "dictionary.toml"}


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of the pattern files extraction reads: stored per document so changed
    patterns re-extract."""
    h = hashlib.sha256()
    root = patterns_dir()
    for path in sorted(p for p in root.rglob("*.toml") if p.name not in NOT_EXTRACTION):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]
