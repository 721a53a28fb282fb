"""datasette-metadata.json must describe exactly the tables and columns the store creates."""
import json
import re

import pytest

from extractor import store
from extractor.publish.datasette_plugin import prepare_connection
from extractor.publish.serve import METADATA, metadata_for

META = json.loads(METADATA.read_text(encoding="utf-8"))
DB_META = META["databases"]["performance"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return store.open_db(tmp_path_factory.mktemp("meta") / "reports.db")


def test_metadata_names_only_existing_tables_and_columns(db):
    tables = set(db.table_names())
    for name, spec in DB_META["tables"].items():
        assert name in tables, f"metadata describes missing table {name}"
        columns = set(db[name].columns_dict)
        for col in spec.get("columns", {}):
            assert col in columns, f"metadata describes missing column {name}.{col}"
        for key in ("label_column", "sort", "sort_desc"):
            if key in spec:
                assert spec[key] in columns
        for facet in spec.get("facets", []):
            assert facet in columns


def test_every_table_and_column_is_described_in_both_languages(db):
    for name in db.table_names():
        spec = DB_META["tables"].get(name)
        assert spec is not None, f"table {name} is not in datasette-metadata.json"
        if spec.get("hidden"):
            continue
        assert "/" in spec["description"] or "。" in spec["description"]
        for col in db[name].columns_dict:
            text = spec["columns"].get(col)
            assert text, f"column {name}.{col} is not described"
            assert re.search(r"[\u4e00-\u9fff].*/ ?[A-Za-z0-9]", text), f"{name}.{col} needs Chinese / English"


@pytest.mark.parametrize("query", sorted(DB_META["queries"]))
def test_canned_queries_compile_against_the_schema(db, query):
    """Every canned query runs against a fresh database of the current schema (a renamed column
    fails here) and, the database being empty, returns named columns and no rows; what each
    returns on real reports is asserted in tests/test_canned_queries.py."""
    prepare_connection(db.conn)
    sql = DB_META["queries"][query]["sql"]
    params = {p: "" for p in ("unit", "year")}
    if ":q" in sql:
        params = {"q": "公路"}
    cursor = db.conn.execute(sql, params)
    assert [c[0] for c in cursor.description] and all(c[0] for c in cursor.description)
    assert cursor.fetchall() == []


def test_metadata_follows_database_name(tmp_path):
    meta = metadata_for(tmp_path / "dev.db")
    assert list(meta["databases"]) == ["dev"]
    assert '"/dev/comparable_facts"' in meta["description_html"]


def test_database_name_and_canned_queries_read_first():
    """The database is `performance` (not /reports/reports); every canned query folds its SQL away
    and labels its columns in Chinese."""
    from extractor.publish.serve import TEMPLATE_DB

    assert list(META["databases"]) == [TEMPLATE_DB] == ["performance"]
    for name, query in DB_META["queries"].items():
        assert query.get("hide_sql") is True, name
        assert re.search(r'as "[\u4e00-\u9fff]', query["sql"]), f"{name}: columns not labelled in Chinese"
