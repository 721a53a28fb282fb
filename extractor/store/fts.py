"""The sections search index built once per batch instead of once per document.

FTS5 builds an index segment per transaction: indexing each document as it is written cost the
single writer 0.65 ms per page on a 200-report batch, indexing the batch's sections in one
statement at its end 0.15 ms (bench/ingest.py archive). ``defer`` drops the trigger that indexes a
section as it is inserted and keeps its SQL in ``sections_fts_pending``; the writer records the
id range of the sections each document adds (``pending``); ``catch_up`` indexes them in one
statement and restores the trigger.

The index must never be told to delete a row it does not hold (FTS5 would corrupt itself), so a
document whose sections are still pending is indexed before it is deleted (``before_delete``). A
batch that dies half way leaves the table behind: ``open_db`` catches up before anything else
writes. A reader meanwhile finds the batch's sections only once the batch ends.
"""
from __future__ import annotations

PENDING = "sections_fts_pending"
TRIGGER = "sections_ai"  # sqlite-utils' name for the insert trigger of sections_fts


def active(db) -> bool:
    """Whether a batch has deferred the index (its sections are indexed at its end)."""
    return db.execute("select 1 from sqlite_master where type = 'table' and name = ?", [PENDING]).fetchone() is not None


def defer(db) -> bool:
    """Stop indexing sections as they are inserted; returns whether it did (a database without the
    search index, or one already deferred, is left alone)."""
    if active(db):
        return False
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [TRIGGER]).fetchone()
    if row is None:
        return False
    with db.atomic():
        db.execute(f"create table [{PENDING}] (lo integer, hi integer, trigger_sql text)")
        db.execute(f"insert into [{PENDING}] (lo, hi, trigger_sql) values (null, null, ?)", [row[0]])
        db.execute(f"drop trigger [{TRIGGER}]")
    return True


def pending(db, lo: int, hi: int) -> None:
    """Record that sections ``lo``..``hi`` were inserted unindexed (inside the writer's transaction)."""
    if hi >= lo:
        db.execute(f"insert into [{PENDING}] (lo, hi) values (?, ?)", [lo, hi])


def before_delete(db, report_ids: list[int]) -> None:
    """Index the pending sections first when any of these reports' sections is pending."""
    if not report_ids or not active(db):
        return
    marks = ",".join("?" * len(report_ids))
    hit = db.execute(
        f"select 1 from sections s join [{PENDING}] p on s.id between p.lo and p.hi"
        f" where s.report_id in ({marks}) limit 1", report_ids).fetchone()
    if hit:
        _index_pending(db)


def _index_pending(db) -> None:
    db.execute(
        f"insert into sections_fts (rowid, heading, search_text) select s.id, s.heading, s.search_text"
        f" from sections s where exists (select 1 from [{PENDING}] p where s.id between p.lo and p.hi)")
    db.execute(f"delete from [{PENDING}] where lo is not null")


def catch_up(db) -> None:
    """Index every pending section and restore the insert trigger, in one transaction (idempotent)."""
    if not active(db):
        return
    with db.atomic():
        _index_pending(db)
        sql = db.execute(f"select trigger_sql from [{PENDING}] where lo is null").fetchone()
        if sql and sql[0] and not db.execute(
                "select 1 from sqlite_master where type = 'trigger' and name = ?", [TRIGGER]).fetchone():
            db.execute(sql[0])
        db.execute(f"drop table [{PENDING}]")
