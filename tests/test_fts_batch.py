"""The sections search index is built once per batch (store/fts.py) and is never left wrong: after a
batch, after a document replaced inside a batch, after a batch that died half way."""
from __future__ import annotations

import shutil

from extractor import store
from extractor.ingest import ingest_paths, load_shards
from extractor.read import Limits
from extractor.store import fts
from extractor.store.rows import document_rows
from extractor.store.shards import ShardWriter
from extractor.pipeline import extract

from .conftest import CORPUS, EXAMPLE_STEM, EXAMPLE_TXT


def _index_is_whole(db) -> None:
    db.execute("insert into sections_fts(sections_fts) values ('integrity-check')")  # raises when corrupt
    assert db.execute("select count(*) from sections_fts").fetchone()[0] == db["sections"].count
    assert not fts.active(db)
    assert db.execute("select 1 from sqlite_master where type = 'trigger' and name = 'sections_ai'").fetchone()
    hits = db.execute("select count(*) from sections_fts where sections_fts match ?", [store.zh_match("养护")]).fetchone()[0]
    assert hits > 0


def test_a_batch_indexes_its_sections_at_its_end(tmp_path):
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, [CORPUS / f"{EXAMPLE_STEM}{s}" for s in (".txt", ".docx", ".pdf")], Limits())
    _index_is_whole(db)
    # later documents are indexed as before, one by one, outside a batch
    store.save_extraction(db, extract(CORPUS / f"{EXAMPLE_STEM}.gbk.txt"), "by-hand.txt")
    _index_is_whole(db)


def test_a_document_replaced_inside_a_batch_keeps_the_index_whole(tmp_path):
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, [EXAMPLE_TXT, EXAMPLE_TXT], Limits(), force=True)  # the same path twice
    _index_is_whole(db)
    assert db["documents"].count == 1


def test_shards_with_the_same_path_in_two_folders_load_whole(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        ingest_paths(ShardWriter(folder), [EXAMPLE_TXT], Limits())
    db = store.open_db(tmp_path / "r.db")
    load_shards(db, [a, b])
    _index_is_whole(db)
    assert db["documents"].count == 1


def test_a_batch_that_died_is_indexed_when_the_database_opens_again(tmp_path):
    path = tmp_path / "r.db"
    db = store.open_db(path)
    store.save_extraction(db, extract(EXAMPLE_TXT), "before.txt")
    assert fts.defer(db)
    store.save_rows(db, document_rows(extract(CORPUS / f"{EXAMPLE_STEM}.docx")), "during.docx")
    assert fts.active(db)
    db.conn.close()  # the writer is killed here: no catch-up
    db = store.open_db(path)
    _index_is_whole(db)


def test_a_failed_source_in_a_batch_removes_its_rows_cleanly(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_TXT, folder / "a.txt")
    db = store.open_db(tmp_path / "r.db")
    ingest_paths(db, [folder / "a.txt"], Limits())
    (folder / "a.txt").write_bytes(b"")  # now empty: its indexed rows go, inside the next batch
    shutil.copy(EXAMPLE_TXT, folder / "b.txt")
    ingest_paths(db, [folder / "b.txt", folder / "a.txt"], Limits())
    _index_is_whole(db)
    assert db["documents"].count == 1
