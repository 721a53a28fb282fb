"""Copies of one report across documents, after a batch: reports.duplicate_of and the
``conflicting_copies`` findings (rules in extractor/checks/copies.py, settings in
patterns/checks.toml [rules.conflicting_copies]).

Runs after unit linking, since a group is one linked unit's reports of a year and kind. Only the
groups holding reports the batch touched are decided again (``mark_copies(db, touched)``), so a
batch costs what it brought; ``mark_copies(db)`` decides every group again.
"""
from __future__ import annotations

from .. import store
from ..checks.copies import Copy, main_figure_keys, resolve

GROUPS_AT_ONCE = 500  # reports whose texts are held in memory at once (whole groups)


def mark_copies(db, touched=None) -> tuple[int, int]:
    """Decide the copy groups of ``touched`` report ids (None: all); returns (copies, conflicts)."""
    groups = store.copy_groups(db, touched)
    keys = main_figure_keys()
    copies = conflicts = 0
    chunk: list[list[int]] = []

    def flush():
        nonlocal copies, conflicts
        records = {r["id"]: r for r in store.copy_records(db, [i for g in chunk for i in g], keys)}
        duplicate_of, findings = {}, {}
        for group in chunk:
            members = [_copy(records[i]) for i in group if i in records]
            d, f = resolve(members)
            duplicate_of.update(d)
            findings.update(f)
        store.save_copies(db, duplicate_of, findings)
        copies += sum(1 for v in duplicate_of.values() if v is not None)
        conflicts += sum(len(v) for v in findings.values())
        chunk.clear()

    size = 0
    for group in groups:
        chunk.append(group)
        size += len(group)
        if size >= GROUPS_AT_ONCE:
            flush()
            size = 0
    if chunk:
        flush()
    return copies, conflicts


def _copy(r: dict) -> Copy:
    return Copy(report_id=r["id"], text=r["text"] or "", format=r["format"], ocr=bool(r["ocr"]),
                ingested_at=r["ingested_at"], path=r["path"] or "", file_name=r["file_name"],
                figures=r["figures"], subjects=frozenset(r["subjects"]))
