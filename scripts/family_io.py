"""Writing a synthetic family to a folder the extractor and the scorer read: each text as OUTDIR/<file>
and its gold as OUTDIR/gold/<stem>.json (the synth_* scripts' command line)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path


def write_family(out: Path, texts: Iterable[tuple[str, str, dict]], gold_json: Callable[[str, dict], dict]) -> int:
    """Write every (file, text, truth) of a family and its gold JSON into ``out``; the count written."""
    (out / "gold").mkdir(parents=True, exist_ok=True)
    n = 0
    for file, text, truth in texts:
        (out / file).write_text(text, encoding="utf-8")
        (out / "gold" / f"{Path(file).stem}.json").write_text(
            json.dumps(gold_json(file, truth), ensure_ascii=False, indent=1), encoding="utf-8")
        n += 1
    print(f"{n} texts in {out}")
    return n
