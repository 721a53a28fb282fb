"""The project vocabulary of patterns/projects.toml, compiled once (see the file for each key)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ... import rules


@dataclass(frozen=True)
class Vocabulary:
    """Everything patterns/projects.toml says, compiled."""

    group_label: regex.Pattern
    group_fields: tuple[tuple[str, regex.Pattern], ...]
    item_context: regex.Pattern
    item_not_name: regex.Pattern
    name_stop: str
    item_name_label: regex.Pattern
    connector: regex.Pattern
    part: regex.Pattern
    clause_end: str
    window: int
    amount_classes: tuple[tuple[str, regex.Pattern], ...]
    after_class: str
    after_label: regex.Pattern
    inline_trigger: regex.Pattern
    inline_head: regex.Pattern
    inline_separators: str
    inline_sentence_end: str
    inline_min_items: int
    inline_lead: regex.Pattern
    inline_trail: regex.Pattern
    inline_not_name: tuple[regex.Pattern, ...]
    inline_min_chars: int
    goal: tuple[tuple[str, regex.Pattern], ...]
    road_code: regex.Pattern
    stake_range: regex.Pattern
    completion: regex.Pattern
    piece_split: regex.Pattern
    output_kinds: frozenset[str]
    lead: regex.Pattern
    trail: regex.Pattern
    scope: regex.Pattern
    satisfaction: regex.Pattern
    satisfaction_activity: str
    purpose: regex.Pattern
    title: dict
    title_suffix: regex.Pattern
    title_word: regex.Pattern
    title_subjects: tuple[regex.Pattern, ...]
    title_lead: regex.Pattern
    title_year: regex.Pattern
    title_year_tail: regex.Pattern
    title_org: regex.Pattern
    title_region_before_year: regex.Pattern
    title_trail: regex.Pattern
    title_paren: regex.Pattern
    title_file: regex.Pattern
    title_split_head: regex.Pattern
    generic_name: regex.Pattern
    title_year_kept: regex.Pattern
    title_next_line: regex.Pattern
    title_glued: regex.Pattern
    title_glued_not: regex.Pattern
    title_category: regex.Pattern
    title_collection: regex.Pattern
    title_department: regex.Pattern
    subject_keeps_year: frozenset[int]
    subject_verbatim: frozenset[int]
    semi_item: regex.Pattern
    semi_lead: regex.Pattern
    semi_opener: regex.Pattern
    semi_min_items: int
    form_code: regex.Pattern
    form_next_label: regex.Pattern
    form_total: regex.Pattern


def _words(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def vocab() -> Vocabulary:
    """patterns/projects.toml as a :class:`Vocabulary`, loaded and compiled once per process."""
    conf = rules.load("projects")
    g, it, lab, goal, road, out, ti, fo, il = (
        conf[k] for k in ("group", "item", "labels", "goal", "road", "output", "title", "form", "inline")
    )
    region, org = ti["region"], ti["organisation"]
    return Vocabulary(
        group_label=regex.compile(rf"(?P<label>{_words(g['labels'])})"),
        group_fields=tuple((k, regex.compile(v)) for k, v in g["fields"].items()),
        item_context=regex.compile(it["context"]),
        item_not_name=regex.compile(it["not_name"]),
        name_stop=it["name_stop"],
        item_name_label=regex.compile(it["name_label"]),
        connector=regex.compile(lab["connector"]),
        part=regex.compile(lab["part"]),
        clause_end=lab["clause_end"],
        window=int(lab["window"]),
        amount_classes=tuple((c["id"], regex.compile(c["pattern"])) for c in lab["class"]),
        after_class=lab["after"]["class"],
        after_label=regex.compile(lab["after"]["pattern"]),
        inline_trigger=regex.compile(il["trigger"]),
        inline_head=regex.compile(il["head"]),
        inline_separators=il["separators"],
        inline_sentence_end=il["sentence_end"],
        inline_min_items=int(il["min_items"]),
        inline_lead=regex.compile(il["lead"]),
        inline_trail=regex.compile(il["trail"]),
        inline_not_name=tuple(regex.compile(p) for p in il["not_name"]),
        inline_min_chars=int(il["min_chars"]),
        goal=tuple((k, regex.compile(goal[k])) for k in ("partial", "not_achieved", "achieved")),
        road_code=regex.compile(road["code"]),
        stake_range=regex.compile(road["stake_range"]),
        completion=regex.compile(out["completion"]),
        piece_split=regex.compile(f"[{regex.escape(out['piece_separators'])}]"),
        output_kinds=frozenset(out["kinds"]),
        lead=regex.compile(rf"^(?:{_words(out['lead'])})+"),
        trail=regex.compile(rf"(?:{_words(out['trail'])})+$"),
        scope=regex.compile(out["scope"]),
        satisfaction=regex.compile(out["satisfaction"]),
        satisfaction_activity=out["satisfaction_activity"],
        purpose=regex.compile(out["purpose"]),
        title=ti,
        title_suffix=regex.compile(ti["suffix"]),
        title_word=regex.compile(ti["title_word"]),
        title_subjects=tuple(regex.compile(p) for p in ti["subject"]),
        title_lead=regex.compile(ti["lead"]),
        title_year=regex.compile(ti["year"]),
        title_year_tail=regex.compile(ti["year_tail"]),
        title_org=regex.compile(rf"^(?:{region}+|[省市州县区]){org}"),
        title_region_before_year=regex.compile(rf"^(?:{region}|{ti['town']})+(?=(?:19|20)\d{{2}}年)"),
        title_trail=regex.compile(ti["trail"]),
        title_paren=regex.compile(ti["paren"]),
        title_file=regex.compile(ti["file_name"]),
        title_split_head=regex.compile(ti["split_head"]),
        generic_name=regex.compile(ti["generic"]),
        title_year_kept=regex.compile(ti["year_kept"]),
        title_next_line=regex.compile(ti["next_line"]),
        title_glued=regex.compile(ti["glued"]),
        title_glued_not=regex.compile(ti["glued_not"]),
        title_category=regex.compile(ti["category"]),
        title_collection=regex.compile(ti["collection"]),
        title_department=regex.compile(ti["department"]),
        subject_keeps_year=frozenset(int(i) for i in ti["subject_keeps_year"]),
        subject_verbatim=frozenset(int(i) for i in ti["subject_verbatim"]),
        semi_item=regex.compile(il["semi_item"]),
        semi_lead=regex.compile(il["semi_lead"]),
        semi_opener=regex.compile(il["semi_opener"]),
        semi_min_items=int(il["semi_min_items"]),
        form_code=regex.compile(fo["code_prefix"]),
        form_next_label=regex.compile(fo["next_label"]),
        form_total=regex.compile(fo["total_line"]),
    )
