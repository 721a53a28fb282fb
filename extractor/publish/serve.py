"""Datasette invocation: our metadata, keyed to the database's name, plus rendered pages."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

METADATA = Path(__file__).resolve().parents[2] / "datasette-metadata.json"
TEMPLATE_DB = "reports"


def metadata_for(db_path: Path) -> dict:
    """datasette-metadata.json with its database entry renamed to this file's Datasette name."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    if name != TEMPLATE_DB:
        meta["databases"] = {name: meta["databases"][TEMPLATE_DB]}
        meta["description_html"] = meta["description_html"].replace(f'"/{TEMPLATE_DB}/', f'"/{name}/')
    return meta


def datasette_command(db_path: Path, host: str, port: int, rendered: Path | None = None) -> list[str]:
    """The ``datasette serve`` command line for this database: our metadata (written to a temporary
    file), host, port, a query time limit, and the rendered pages under /rendered/ when given."""
    meta = metadata_for(db_path)
    if rendered:
        # the plugin links each report row to its rendered page and review page
        meta.setdefault("plugins", {})["extractor"] = {"rendered_url": "/rendered/"}
    f = tempfile.NamedTemporaryFile("w", suffix=".json", prefix="extractor-metadata-", delete=False, encoding="utf-8")
    json.dump(meta, f, ensure_ascii=False)
    f.close()
    args = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", f.name,
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]
    if rendered:
        args += ["--static", f"rendered:{rendered}"]
    return args
