"""Datasette in this process: our metadata keyed to the database's name, the plugin's settings,
and the rendered pages under /rendered/.

Datasette runs here rather than as ``datasette serve`` so the metadata goes straight to it (no
temporary file left in /tmp) and the plugin's configuration (where the rendered pages are,
whether reviewers may mark findings) is set from the command line in one place.
"""
from __future__ import annotations

import ipaddress
import json
from pathlib import Path

METADATA = Path(__file__).resolve().parents[2] / "datasette-metadata.json"
TEMPLATE_DB = "performance"  # the database name datasette-metadata.json is written for
# Long cells (a report's whole text, a section's body) are cut in table and query views; the row
# page shows them whole.
SETTINGS = {"sql_time_limit_ms": 3000, "truncate_cells_html": 140, "default_page_size": 50}


def metadata_for(db_path: Path) -> dict:
    """datasette-metadata.json with its database entry renamed to this file's Datasette name."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    if name != TEMPLATE_DB:
        meta["databases"] = {name: meta["databases"][TEMPLATE_DB]}
        meta["description_html"] = meta["description_html"].replace(f'"/{TEMPLATE_DB}/', f'"/{name}/')
    return meta


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plugin_config(host: str, rendered: Path | None) -> dict:
    """The extractor plugin's settings: where the rendered pages are, and whether the findings
    queue may write reviewers' marks (only on a loopback address)."""
    config = {"review_writes": is_loopback(host)}
    if rendered:
        config["rendered_url"] = "/rendered/"
    return config


def datasette_app(db_path: Path, host: str = "127.0.0.1", rendered: Path | None = None):
    """A configured Datasette instance for this database (its startup hooks run on the first
    request, as ``ds.app()`` arranges)."""
    from datasette.app import Datasette

    meta = metadata_for(db_path)
    meta.setdefault("plugins", {})["extractor"] = plugin_config(host, rendered)
    ds = Datasette(
        [str(db_path)], metadata=meta, settings=SETTINGS,
        static_mounts=[("rendered", str(rendered))] if rendered else None,
    )
    return ds


def serve(db_path: Path, host: str, port: int, rendered: Path | None = None) -> None:
    """Serve the database until Ctrl-C."""
    import uvicorn

    ds = datasette_app(db_path, host, rendered)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
