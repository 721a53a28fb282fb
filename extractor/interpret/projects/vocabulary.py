"""The project vocabulary of patterns/projects.toml, compiled once (see the file for each key)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from ... import rules
from ...errors import PatternError


@dataclass(frozen=True)
class Vocabulary:
    """Everything patterns/projects.toml says, compiled."""

    group_label: regex.Pattern
    group_fields: tuple[tuple[str, regex.Pattern], ...]
    item_context: regex.Pattern
    item_not_name: regex.Pattern
    name_stop: str
    item_name_label: regex.Pattern
    item_project_word: regex.Pattern
    item_topic_tail: regex.Pattern
    item_fund_lead: regex.Pattern
    item_other_fund: regex.Pattern
    item_name_run: regex.Pattern
    item_min_named: int
    connector: regex.Pattern
    wider: regex.Pattern  # [labels.wider]: a clause of money for a wider scope than the unit's
    part: regex.Pattern
    uses: regex.Pattern
    clause_end: str
    sentence_end: str
    heading_break: regex.Pattern
    window: int
    amount_classes: tuple[tuple[str, regex.Pattern], ...]
    after_class: str
    spending_classes: frozenset[str]
    after_label: regex.Pattern
    inline_trigger: regex.Pattern
    inline_head: regex.Pattern
    clause_head: regex.Pattern
    clause_name_label: regex.Pattern
    inline_separators: str
    inline_sentence_end: str
    inline_min_items: int
    inline_headless_min: int
    inline_headless_item: regex.Pattern
    inline_lead: regex.Pattern
    inline_trail: regex.Pattern
    inline_total_trail: regex.Pattern  # [inline.total_trail]: a piece stating a total
    inline_total: regex.Pattern
    inline_not_name: tuple[regex.Pattern, ...]
    funding_source: regex.Pattern
    inline_min_chars: int
    fund_list_lead: regex.Pattern
    fund_list_trail: regex.Pattern
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
    title_head_lines: int
    title_min_chars: int
    title_pair_reach: int
    title_name_only: bool
    title_pair: regex.Pattern
    title_pair_lead: regex.Pattern
    title_name_suffix: str  # appended to a name standing alone so it reads as a title
    title_suffix: regex.Pattern
    title_trailer: regex.Pattern
    title_word: regex.Pattern
    title_subjects: tuple[regex.Pattern, ...]
    title_lead: regex.Pattern
    title_spam_head: regex.Pattern
    title_year: regex.Pattern
    title_year_tail: regex.Pattern
    title_year_anywhere: regex.Pattern
    title_year_cut_before: regex.Pattern
    title_year_cut_after: regex.Pattern
    title_org: regex.Pattern
    title_org_joined: regex.Pattern  # [title.organisation_joined]: after an organisation, another joined to it
    title_region_before_year: regex.Pattern
    title_trail: regex.Pattern
    title_paren: regex.Pattern
    title_file: regex.Pattern
    title_split_head: regex.Pattern
    generic_name: regex.Pattern
    site_works: regex.Pattern
    title_place_end: regex.Pattern
    title_year_kept: regex.Pattern
    title_next_line: regex.Pattern
    title_glued: regex.Pattern
    title_glued_not: regex.Pattern
    title_page_chunk: regex.Pattern
    title_category: regex.Pattern
    title_collection: regex.Pattern
    title_department: regex.Pattern
    subject_keeps_year: frozenset[int]
    subject_verbatim: frozenset[int]
    subject_first: frozenset[int]
    title_kind_tail: regex.Pattern
    title_region_generic: regex.Pattern
    title_province: regex.Pattern
    title_unit_region: regex.Pattern
    title_town_head: regex.Pattern
    title_report_year: regex.Pattern
    title_year_inside: regex.Pattern
    title_org_end: regex.Pattern
    title_unit_generic: regex.Pattern
    title_transfer_project: regex.Pattern
    title_topic: regex.Pattern
    title_central_fund: regex.Pattern
    semi_item: regex.Pattern
    semi_lead: regex.Pattern
    semi_opener: regex.Pattern
    semi_min_items: int
    form_code: regex.Pattern
    form_next_label: regex.Pattern
    form_total: regex.Pattern
    form_lost_year: regex.Pattern
    form_whole_unit: regex.Pattern
    form_project_group: regex.Pattern
    table_name_header: regex.Pattern
    table_money_header: regex.Pattern
    table_spent_header: regex.Pattern
    table_actual_header: regex.Pattern
    table_run_on_head: regex.Pattern
    table_unit: regex.Pattern
    table_unit_line: regex.Pattern
    table_not_name: regex.Pattern
    table_figure_header: regex.Pattern
    table_placeholder_cell: regex.Pattern
    table_content_name: regex.Pattern
    table_glued_ordinal: regex.Pattern
    table_rate_header: regex.Pattern
    table_header_cell: regex.Pattern
    table_header_run: regex.Pattern
    table_min_rows: int
    table_unit_reach: int
    table_factors: dict
    listed_cue: regex.Pattern
    listed_reach: int
    listed_breakdown: regex.Pattern
    listed_lead: regex.Pattern
    listed_doc_number: regex.Pattern
    listed_name_tail: regex.Pattern
    listed_received: regex.Pattern
    listed_execution: regex.Pattern
    listed_project_section: regex.Pattern
    subject_weak: frozenset[int]
    title_rate_after: regex.Pattern
    title_only_money: regex.Pattern
    title_bare_project_word: regex.Pattern
    title_only_money_reach: int
    title_kind_only: regex.Pattern
    listed_line: regex.Pattern
    listed_markers: tuple[regex.Pattern, ...]
    listed_verb_lead: regex.Pattern
    listed_money_first: regex.Pattern
    listed_quoted: regex.Pattern
    listed_more: regex.Pattern
    listed_section_head: regex.Pattern
    listed_subject: regex.Pattern
    spending_classes_ordered: tuple[str, ...]
    guard_max_chars: int
    guard_transfer_tail: regex.Pattern
    guard_fund_word: str
    guard_fuller_min: int
    guard_fuller_extra: int
    guard_fuller_least: int
    guard_fuller_title_uses: int
    guard_fragment_ratio: float
    title_essay_site: regex.Pattern  # [title.essay_site]
    guard_chrome_line: regex.Pattern  # [[guard.not_name]] guard.chrome: a line of page chrome
    guard_not_name: tuple[regex.Pattern, ...]
    guard_trim: tuple[regex.Pattern, ...]  # [[guard.trim]]: deleted from every name (guard.cleaned_name)
    last_head_lines: int  # [title.last]: the last-resort name (lastresort.py)
    last_max_chars: int
    last_full_han: int
    last_generic_tail: regex.Pattern  # [title.last_generic_tail]
    guard_label: regex.Pattern  # [[guard.trim]] guard.trim.label: a bullet or a label before a name
    last_report_word: regex.Pattern
    last_part_heading: regex.Pattern
    last_chrome: tuple[regex.Pattern, ...]
    guard_fragment_head: regex.Pattern
    guard_money_name: regex.Pattern
    evidence_cue: regex.Pattern
    counted_cue: regex.Pattern
    counted_announce: regex.Pattern
    counted_after: regex.Pattern
    counted_before: regex.Pattern
    counted_marker: regex.Pattern
    counted_name_end: regex.Pattern
    counted_levels: dict[str, int]  # a marker style → its outline level ([counted] levels)
    evidence_sum_tolerance: float
    evidence_sum_share: float
    evidence_reach: int
    evidence_works_min: int
    evidence_works_share: float
    evidence_works_word: regex.Pattern
    evidence_project_name: regex.Pattern
    listed_money_note: regex.Pattern
    subject_field: frozenset[int]
    title_field_name_only: bool
    field_label: regex.Pattern
    field_next_label: regex.Pattern
    field_value_end: regex.Pattern
    field_continued: regex.Pattern
    field_spaced_label: regex.Pattern
    listed_labelled: regex.Pattern
    guard_body_bracket: regex.Pattern
    field_reach: int
    guard_head_reach: int
    title_version_tail: regex.Pattern
    title_dash_name: regex.Pattern
    title_quoted: regex.Pattern
    listed_joined_max: int
    title_bound_between: regex.Pattern
    guard_head_not: regex.Pattern


FILE = "projects.toml"


def _words(words) -> str:
    """Alternation of the words, longest first (ties in a fixed order, whatever the hash seed)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _rule(conf: dict, dotted: str) -> regex.Pattern:
    """The compiled rule at ``dotted`` (a PatternError naming the key if it is missing or bare)."""
    return rules.require(conf, dotted, rules.Rule, FILE).regex


def _rules(conf: dict, dotted: str) -> list[rules.Rule]:
    """The list of rule tables at ``dotted``."""
    found = rules.require(conf, dotted, list, FILE)
    if not all(isinstance(r, rules.Rule) for r in found):
        raise PatternError(f"patterns/{FILE}: [{dotted}] must be a list of rule tables")
    return found


def _int(conf: dict, dotted: str) -> int:
    return rules.require(conf, dotted, int, FILE)


def _float(conf: dict, dotted: str) -> float:
    return float(rules.require(conf, dotted, float, FILE))


def _str(conf: dict, dotted: str) -> str:
    return rules.require(conf, dotted, str, FILE)


@lru_cache(maxsize=1)
def vocab() -> Vocabulary:
    """patterns/projects.toml as a :class:`Vocabulary`, loaded and compiled once per process."""
    conf = rules.load("projects")
    out = conf["output"]
    subjects = _rules(conf, "title.subject")
    fields = rules.require(conf, "group.fields", dict, FILE)
    return Vocabulary(
        group_label=regex.compile(rf"(?P<label>{_words(rules.require(conf, 'group.labels', list, FILE))})"),
        group_fields=tuple((k, _rule(conf, f"group.fields.{k}")) for k in fields),
        item_context=_rule(conf, "item.context"),
        item_not_name=_rule(conf, "item.not_name"),
        name_stop=_str(conf, "item.name_stop"),
        item_name_label=_rule(conf, "item.name_label"),
        item_project_word=_rule(conf, "item.project_word"),
        item_topic_tail=_rule(conf, "item.topic_tail"),
        item_fund_lead=_rule(conf, "item.fund_lead"),
        item_other_fund=_rule(conf, "item.other_fund"),
        item_name_run=_rule(conf, "item.name_run"),
        item_min_named=_int(conf, "item.min_named"),
        connector=_rule(conf, "labels.connector"),
        part=_rule(conf, "labels.part"),
        wider=_rule(conf, "labels.wider"),
        uses=_rule(conf, "labels.uses"),
        clause_end=_str(conf, "labels.clause_end"),
        sentence_end=_str(conf, "labels.sentence_end"),
        heading_break=_rule(conf, "labels.heading_break"),
        window=_int(conf, "labels.window"),
        amount_classes=tuple((c.id, c.regex) for c in _rules(conf, "labels.class")),
        after_class=rules.require(conf, "labels.after", rules.Rule, FILE)["class"],
        spending_classes=frozenset(rules.require(conf, "labels.spending", list, FILE)),
        after_label=_rule(conf, "labels.after"),
        inline_trigger=_rule(conf, "inline.trigger"),
        inline_head=_rule(conf, "inline.head"),
        clause_head=_rule(conf, "inline.clause_head"),
        clause_name_label=_rule(conf, "inline.clause_name_label"),
        inline_separators=_str(conf, "inline.separators"),
        inline_sentence_end=_str(conf, "inline.sentence_end"),
        inline_min_items=_int(conf, "inline.min_items"),
        inline_headless_min=_int(conf, "inline.headless_min_items"),
        inline_headless_item=_rule(conf, "inline.headless_item"),
        inline_lead=_rule(conf, "inline.lead"),
        inline_trail=_rule(conf, "inline.trail"),
        inline_total_trail=_rule(conf, "inline.total_trail"),
        inline_total=_rule(conf, "inline.total"),
        inline_not_name=tuple(r.regex for r in _rules(conf, "inline.not_name")),
        funding_source=next(r.regex for r in _rules(conf, "inline.not_name") if r.id == "inline.not_name.source"),
        inline_min_chars=_int(conf, "inline.min_chars"),
        fund_list_lead=_rule(conf, "inline.fund_list_lead"),
        fund_list_trail=_rule(conf, "inline.fund_list_trail"),
        goal=tuple((k, _rule(conf, f"goal.{k}")) for k in ("partial", "not_achieved", "achieved")),
        road_code=_rule(conf, "road.code"),
        stake_range=_rule(conf, "road.stake_range"),
        completion=_rule(conf, "output.completion"),
        piece_split=regex.compile(f"[{regex.escape(_str(conf, 'output.piece_separators'))}]"),
        output_kinds=frozenset(out["kinds"]),
        lead=regex.compile(rf"^(?:{_words(out['lead'])})+"),
        trail=regex.compile(rf"(?:{_words(out['trail'])})+$"),
        scope=_rule(conf, "output.scope"),
        satisfaction=_rule(conf, "output.satisfaction"),
        satisfaction_activity=_str(conf, "output.satisfaction_activity"),
        purpose=_rule(conf, "output.purpose"),
        title_head_lines=_int(conf, "title.head_lines"),
        title_min_chars=_int(conf, "title.min_chars"),
        title_pair_reach=_int(conf, "title.pair_reach"),
        title_name_only=rules.require(conf, "title.name_only", bool, FILE),
        title_pair=_rule(conf, "title.pair"),
        title_pair_lead=_rule(conf, "title.pair_lead"),
        title_name_suffix=_str(conf, "title.name_suffix"),
        title_suffix=_rule(conf, "title.suffix"),
        title_trailer=_rule(conf, "title.trailer"),
        title_word=_rule(conf, "title.title_word"),
        title_subjects=tuple(r.regex for r in subjects),
        title_lead=_rule(conf, "title.lead"),
        title_spam_head=_rule(conf, "title.spam_head"),
        title_year=_rule(conf, "title.year"),
        title_year_tail=_rule(conf, "title.year_tail"),
        title_year_anywhere=_rule(conf, "title.year_anywhere"),
        title_year_cut_before=_rule(conf, "title.year_cut_before"),
        title_year_cut_after=_rule(conf, "title.year_cut_after"),
        title_org=_rule(conf, "title.organisation_prefix"),
        title_org_joined=_rule(conf, "title.organisation_joined"),
        title_region_before_year=_rule(conf, "title.region_before_year"),
        title_trail=_rule(conf, "title.trail"),
        title_paren=_rule(conf, "title.paren"),
        title_file=_rule(conf, "title.file_name"),
        title_split_head=_rule(conf, "title.split_head"),
        generic_name=_rule(conf, "title.generic"),
        site_works=_rule(conf, "title.site_works"),
        title_place_end=_rule(conf, "title.place_end"),
        title_year_kept=_rule(conf, "title.year_kept"),
        title_next_line=_rule(conf, "title.next_line"),
        title_glued=_rule(conf, "title.glued"),
        title_glued_not=_rule(conf, "title.glued_not"),
        title_page_chunk=_rule(conf, "title.page_chunk"),
        title_category=_rule(conf, "title.category"),
        title_collection=_rule(conf, "title.collection"),
        title_department=_rule(conf, "title.department"),
        subject_keeps_year=frozenset(k for k, r in enumerate(subjects) if r.get("keeps_year")),
        subject_verbatim=frozenset(k for k, r in enumerate(subjects) if r.get("verbatim")),
        subject_first=frozenset(k for k, r in enumerate(subjects) if r.get("first")),
        title_kind_tail=_rule(conf, "title.kind_tail"),
        title_region_generic=_rule(conf, "title.region_generic"),
        title_province=_rule(conf, "title.province"),
        title_unit_region=_rule(conf, "title.unit_region"),
        title_town_head=_rule(conf, "title.town_head"),
        title_report_year=_rule(conf, "title.report_year"),
        title_year_inside=_rule(conf, "title.year_inside"),
        title_org_end=_rule(conf, "title.org_end"),
        title_unit_generic=_rule(conf, "title.unit_generic"),
        title_transfer_project=_rule(conf, "title.transfer_project"),
        title_topic=_rule(conf, "title.topic"),
        title_central_fund=_rule(conf, "title.central_fund"),
        semi_item=_rule(conf, "inline.semi_item"),
        semi_lead=_rule(conf, "inline.semi_lead"),
        semi_opener=_rule(conf, "inline.semi_opener"),
        semi_min_items=_int(conf, "inline.semi_min_items"),
        form_code=_rule(conf, "form.code_prefix"),
        form_next_label=_rule(conf, "form.next_label"),
        form_total=_rule(conf, "form.total_line"),
        form_lost_year=_rule(conf, "form.lost_year"),
        form_whole_unit=_rule(conf, "form.whole_unit"),
        form_project_group=_rule(conf, "form.project_group"),
        table_name_header=_rule(conf, "table.name_header"),
        table_money_header=_rule(conf, "table.money_header"),
        table_spent_header=_rule(conf, "table.spent_header"),
        table_actual_header=_rule(conf, "table.actual_header"),
        table_run_on_head=_rule(conf, "table.run_on_head"),
        table_unit=_rule(conf, "table.unit"),
        table_unit_line=_rule(conf, "table.unit_line"),
        table_not_name=_rule(conf, "table.not_name"),
        table_figure_header=_rule(conf, "table.figure_header"),
        table_placeholder_cell=_rule(conf, "table.placeholder_cell"),
        table_content_name=_rule(conf, "table.content_name"),
        table_glued_ordinal=_rule(conf, "table.glued_ordinal"),
        table_rate_header=_rule(conf, "table.rate_header"),
        table_header_cell=_rule(conf, "table.header_cell"),
        table_header_run=regex.compile(f"(?:{_rule(conf, 'table.header_cell').pattern}){{2,}}"),
        table_min_rows=_int(conf, "table.min_rows"),
        table_unit_reach=_int(conf, "table.unit_reach"),
        table_factors={u: Decimal(f) for u, f in rules.require(conf, "table.factors", dict, FILE).items()},
        listed_cue=_rule(conf, "listed.cue"),
        listed_reach=_int(conf, "listed.reach"),
        listed_breakdown=_rule(conf, "listed.breakdown"),
        listed_lead=_rule(conf, "listed.lead"),
        listed_doc_number=_rule(conf, "listed.doc_number"),
        listed_name_tail=_rule(conf, "listed.name_tail"),
        listed_received=_rule(conf, "listed.received"),
        listed_execution=_rule(conf, "listed.execution"),
        listed_project_section=_rule(conf, "listed.project_section"),
        subject_weak=frozenset(k for k, r in enumerate(subjects) if r.get("weak")),
        title_rate_after=_rule(conf, "title.rate_after"),
        title_only_money=_rule(conf, "title.only_money"),
        title_bare_project_word=_rule(conf, "title.bare_project_word"),
        title_only_money_reach=_int(conf, "title.only_money_reach"),
        title_kind_only=_rule(conf, "title.kind_only"),
        listed_line=_rule(conf, "listed.line"),
        listed_markers=tuple(r.regex for r in _rules(conf, "listed.marker")),
        listed_verb_lead=_rule(conf, "listed.verb_lead"),
        listed_money_first=_rule(conf, "listed.money_first"),
        listed_quoted=_rule(conf, "listed.quoted"),
        listed_more=_rule(conf, "listed.more"),
        listed_section_head=_rule(conf, "listed.section_head"),
        listed_subject=_rule(conf, "listed.subject"),
        spending_classes_ordered=tuple(c.id for c in _rules(conf, "labels.class")
                                       if c.id in rules.require(conf, "labels.spending", list, FILE)),
        guard_max_chars=_int(conf, "guard.max_chars"),
        guard_transfer_tail=_rule(conf, "guard.transfer_tail"),
        guard_fund_word=rules.require(conf, "guard.transfer_tail", rules.Rule, FILE)["fund_word"],
        guard_fuller_min=_int(conf, "guard.fuller_min"),
        guard_fuller_extra=_int(conf, "guard.fuller_extra"),
        guard_fuller_least=_int(conf, "guard.fuller_least"),
        guard_fuller_title_uses=_int(conf, "guard.fuller_title_uses"),
        guard_fragment_ratio=_float(conf, "guard.fragment_ratio"),
        guard_not_name=tuple(r.regex for r in _rules(conf, "guard.not_name")),
        guard_trim=tuple(r.regex for r in _rules(conf, "guard.trim")),
        last_head_lines=_int(conf, "title.last.head_lines"),
        last_max_chars=_int(conf, "title.last.max_chars"),
        last_full_han=_int(conf, "title.last.full_han"),
        last_generic_tail=_rule(conf, "title.last_generic_tail"),
        guard_label=next(r.regex for r in _rules(conf, "guard.trim") if r.id == "guard.trim.label"),
        last_report_word=_rule(conf, "title.last_report_word"),
        last_part_heading=_rule(conf, "title.last_part_heading"),
        last_chrome=tuple(r.regex for r in _rules(conf, "title.last_chrome")),
        title_essay_site=_rule(conf, "title.essay_site"),
        guard_chrome_line=next(r.regex for r in _rules(conf, "guard.not_name") if r.id == "guard.chrome"),
        guard_fragment_head=_rule(conf, "guard.fragment_head"),
        guard_money_name=_rule(conf, "guard.money_name"),
        evidence_cue=_rule(conf, "evidence.cue"),
        counted_cue=_rule(conf, "counted.cue"),
        counted_announce=_rule(conf, "counted.announce"),
        counted_after=_rule(conf, "counted.after"),
        counted_before=_rule(conf, "counted.before"),
        counted_marker=_rule(conf, "counted.marker"),
        counted_name_end=_rule(conf, "counted.name_end"),
        counted_levels={style: k for k, styles in enumerate(rules.require(conf, "counted.levels", list, FILE))
                        for style in styles},
        evidence_sum_tolerance=_float(conf, "evidence.sum_tolerance"),
        evidence_sum_share=_float(conf, "evidence.sum_share"),
        evidence_reach=_int(conf, "evidence.reach"),
        evidence_works_min=_int(conf, "evidence.works_min"),
        evidence_works_share=_float(conf, "evidence.works_share"),
        evidence_works_word=_rule(conf, "evidence.works_word"),
        evidence_project_name=_rule(conf, "evidence.project_name"),
        listed_money_note=_rule(conf, "listed.money_note"),
        subject_field=frozenset(k for k, r in enumerate(subjects) if r.get("field")),
        field_label=_rule(conf, "field.label"),
        field_next_label=_rule(conf, "field.next_label"),
        field_value_end=_rule(conf, "field.value_end"),
        field_continued=_rule(conf, "field.continued"),
        field_spaced_label=_rule(conf, "field.spaced_label"),
        listed_labelled=_rule(conf, "listed.labelled"),
        guard_body_bracket=_rule(conf, "guard.body_bracket"),
        field_reach=_int(conf, "field.reach"),
        guard_head_reach=_int(conf, "guard.head.reach"),
        title_version_tail=_rule(conf, "title.version_tail"),
        title_dash_name=_rule(conf, "title.dash_name"),
        title_quoted=_rule(conf, "title.quoted"),
        listed_joined_max=_int(conf, "listed.joined_max"),
        title_bound_between=_rule(conf, "title.bound_between"),
        guard_head_not=_rule(conf, "guard.head_not"),
        title_field_name_only=bool(rules.require(conf, "title.field_name_only", bool, FILE)),
    )
