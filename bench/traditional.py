"""Traditional → simplified: OpenCC (PyPI ``opencc``, as extractor.text.traditional uses it)
against the table copied from OpenCC's TSCharacters that it replaced (patterns/traditional.toml
[map] as of commit e5592d5, read with git).

    .venv/bin/python bench/traditional.py [--repeat 20] [-v]

Measures, on every traditional mirror in corpus/**/*.txt (the texts ``is_traditional`` flags)
and on texts built from every simplified corpus text (OpenCC s2t, s2tw and s2hk, then back):

* characters converted correctly: on built texts, the characters that differ from the simplified
  original after the round trip; on real mirrors (no original to compare with), the characters
  where the two converters disagree, listed with their context for judging by eye (-v);
* length: our offsets need one character out for one in (OpenCC converts phrases first);
* speed: µs per 1,000 characters of each converter.
The figures are recorded in the docstring of extractor/text/traditional.py.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

import opencc

from extractor.text.traditional import is_traditional, to_simplified

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_sets import is_blind  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILT_FROM = ("s2t.json", "s2tw.json", "s2hk.json")
TABLE_COMMIT = "e5592d5"  # the last commit with the copied table in patterns/traditional.toml


def old_table():
    """The copied table's converter (character by character), read from git history."""
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{TABLE_COMMIT}:patterns/traditional.toml"],
                          capture_output=True, text=True, check=True).stdout
    table = tomllib.loads(text)["map"]
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return lambda t: pattern.sub(lambda m: table[m.group()], t)


def corpus_texts() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(traditional mirrors, simplified texts) of corpus/**/*.txt as (name, text)."""
    mirrors, simplified = [], []
    for path in sorted(p for p in (ROOT / "corpus").rglob("*.txt") if not is_blind(p)):  # blind texts are never read
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        (mirrors if is_traditional(text) else simplified).append((str(path.relative_to(ROOT)), text))
    return mirrors, simplified


def dictionary_lengths() -> str:
    """How many entries of OpenCC's t2s dictionaries map a string to one of another length
    (dumped with the opencc_dict tool the wheel ships)."""
    clib = Path(opencc.__file__).parent / "clib"
    tool, share = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    if not tool.exists():
        return "opencc_dict not in the wheel: not checked"
    env = {"LD_LIBRARY_PATH": str(clib / "lib64")}
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("TSPhrases", "TSCharacters", "CJK_Compatibility_Ideographs"):
            out = Path(tmp) / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(out), "-f", "ocd2", "-t", "text"],
                           env=env, check=True, capture_output=True)
            rows = [line.rstrip("\n").split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
            changing = [k for k, v in rows if any(len(c) != len(k) for c in v.split(" "))]
            parts.append(f"{name} {len(changing)} of {len(rows)}")
    return ", ".join(parts)


def differences(a: str, b: str) -> list[int]:
    """Offsets where two equally long texts differ."""
    return [i for i, (x, y) in enumerate(zip(a, b)) if x != y]


def per_kchar_us(convert, texts: list[str], repeat: int) -> float:
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            convert(t)
    return (time.perf_counter() - t0) / repeat / chars * 1000 * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement with its context")
    args = ap.parse_args()
    table = old_table()

    class t2s:  # the converter as extraction uses it
        convert = staticmethod(to_simplified)

    mirrors, simplified = corpus_texts()
    print(f"opencc {getattr(opencc, '__version__', '?')}; {len(mirrors)} traditional mirrors "
          f"({sum(len(t) for _, t in mirrors)} characters), {len(simplified)} simplified texts "
          f"({sum(len(t) for _, t in simplified)} characters)\n")

    print(f"dictionary entries that change a length: {dictionary_lengths()}\n")
    print("real mirrors: table vs OpenCC t2s")
    disagree: Counter = Counter()
    length_changed = 0
    for name, text in mirrors:
        ours, theirs = table(text), t2s.convert(text)
        if len(theirs) != len(text):
            length_changed += 1
            print(f"  {name}: OpenCC changes the length {len(text)} → {len(theirs)}")
            continue
        for i in differences(ours, theirs):
            disagree[(text[i], ours[i], theirs[i])] += 1
            if args.verbose:
                print(f"  {name}:{i} {text[max(0, i - 6):i + 6]!r}: table {ours[i]}, OpenCC {theirs[i]}"
                      f" → {theirs[max(0, i - 6):i + 6]!r}")
    print(f"  texts whose length OpenCC changes: {length_changed} of {len(mirrors)}")
    print(f"  characters where they disagree: {sum(disagree.values())} "
          + ", ".join(f"{src}→table {a} / OpenCC {b} ×{n}" for (src, a, b), n in disagree.most_common()))

    print("\nbuilt mirrors (simplified corpus text → OpenCC s2t / s2tw / s2hk → back), characters wrong:")
    for config in BUILT_FROM:
        s2t = opencc.OpenCC(config)
        wrong_ours: Counter = Counter()
        wrong_theirs: Counter = Counter()
        changed = total = 0
        for _, original in simplified:
            trad = s2t.convert(original)
            if len(trad) != len(original):
                changed += 1
                continue
            total += len(original)
            ours, theirs = table(trad), t2s.convert(trad)
            if len(theirs) != len(trad):
                changed += 1
            for i in differences(original, ours):
                wrong_ours[(trad[i], original[i], ours[i])] += 1
            for i in differences(original, theirs):
                wrong_theirs[(trad[i], original[i], theirs[i])] += 1
        print(f"  {config}: {total} characters; length changed in {changed} texts")
        for label, wrong in (("table", wrong_ours), ("OpenCC t2s", wrong_theirs)):
            print(f"    {label:<11} {sum(wrong.values()):5} wrong: "
                  + ", ".join(f"{t}→{got} (was {orig}) ×{n}" for (t, orig, got), n in wrong.most_common(12)))

    texts = [t for _, t in mirrors] or [t for _, t in simplified]
    print(f"\nspeed over the real mirrors ({args.repeat} rounds):")
    print(f"  table                  {per_kchar_us(table, texts, args.repeat):8.1f} µs per 1,000 characters")
    print(f"  OpenCC t2s             {per_kchar_us(t2s.convert, texts, args.repeat):8.1f} µs per 1,000 characters")
    big = "".join(t for _, t in simplified)
    print(f"  on simplified text (what most documents are; the table runs only on detected mirrors):")
    print(f"  table                  {per_kchar_us(table, [big], max(1, args.repeat // 4)):8.1f} µs per 1,000 characters")
    print(f"  OpenCC t2s             {per_kchar_us(t2s.convert, [big], max(1, args.repeat // 4)):8.1f} µs per 1,000 characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
