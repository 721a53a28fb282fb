"""Headings and lists: numbers that repeat, skip or go back at any level, template headings left
unnumbered (``section_numbering``), and the sections of the report's template it lacks
(``missing_section``), judged only against a template the report follows (checks/templates.py).
"""
from __future__ import annotations

import regex

from .. import rules
from ..model import Finding, Section
from .context import Ctx, finding, rule, rule_config
from .doubt import document_starts, same_document
from ..text.headings import styles
from ..text.numerals import label_like as expected_label, label_number
from .templates import Followed, followed_template, heading_matches, is_truncated
from .tolerance import finite


# ----------------------------------------------------------------------------- section_numbering
@rule("section_numbering")
def section_numbering(ctx: Ctx) -> list[Finding]:
    """One warning listing every numbering problem: headings (every level) and in-line lists whose
    numbers repeat, skip or go back; template headings left unnumbered among numbered ones."""
    followed = followed_template(ctx.report)
    problems: list[tuple[str, dict]] = []
    problems += heading_problems(ctx, followed)
    problems += dropped_numerals(ctx)
    listed = list_problems(ctx)
    problems += listed
    problems += dense_list_problems(ctx, {e.get("start") for _, e in listed})
    if not problems:
        return []
    problems.sort(key=lambda p: p[1].get("start") or 0)
    sep = ctx.msg("section_numbering", "separator")
    return [finding(ctx, "section_numbering", ctx.msg("section_numbering", "numbering",
                                                      problems=sep.join(m for m, _ in problems)),
                    evidence=[e for _, e in problems], actual=float(len(problems)))]


def heading_problems(ctx: Ctx, followed: Followed | None) -> list[tuple[str, dict]]:
    """Numbered headings that do not follow their previous sibling (the run of one level under
    one parent; a heading numbered 1 starts a new run: a table of contents, then the body), and,
    at the level of the report's template, its headings left unnumbered among numbered ones."""
    sections = sorted((s for s in ctx.report.sections or [] if isinstance(s, Section) and finite(s.level)
                       and finite(s.start)), key=lambda s: s.start)
    toc = contents_block(ctx, sections)
    sections = [s for s in sections if not toc[0] <= s.start < toc[1]]
    sections, boundaries = judged_headings(ctx, sections)
    template_level = followed.level if followed else None
    model = next((s.number_label for s in sections
                  if s.level == template_level and label_number(s.number_label) is not None), None)
    required = [e for e in (followed.entries() if followed else []) if not e.get("optional")]
    out = []
    last: dict[int, tuple[int, Section]] = {}  # level → (number, heading) of the run's last heading
    starts, at = document_starts(ctx.text), 0
    for s in sorted([*sections, *boundaries], key=lambda h: h.start):
        if not same_document(starts, at, s.start):
            last.clear()  # another report (or its form) begins: its headings start their own runs
        at = s.start
        for level in [lv for lv in last if lv > s.level]:
            del last[level]  # a heading closes the runs below it
        if any(s is b for b in boundaries):
            continue  # a heading in a table row: not judged, but its children start their own runs
        n = label_number(s.number_label)
        if n is None:
            if (s.level == template_level and model and s.number_label is None
                    and any(heading_matches(s.heading, e) for e in required)):
                number = last.get(s.level, (0, None))[0] + 1
                out.append((ctx.msg("section_numbering", "unnumbered", heading=s.heading,
                                    expected=expected_label(model, number)), ctx.ev_section(s)))
                last[s.level] = (number, s)
            continue
        if expected_label(s.number_label, n + 1) in line_of(ctx.text, s.start):
            continue  # a line that lists its own next number is an in-line list ("1、持续性项目 R 2、新增性项目 □")
        previous = last.get(s.level)
        if (previous is not None and previous[1].number_label
                and expected_label(previous[1].number_label, 1) != expected_label(s.number_label, 1)):
            previous = None  # another marker family at this level ("1." after "(一)") starts its own run
        last[s.level] = (n, s)
        # a 1 starts a new run (a table of contents, then the body), but not right after another
        # 1 of another heading: "(一)部门基本情况" then "(一)部门机构设置" (a running header repeats its own);
        # a 1 a whole section after another 1 begins another report or part, no repeat
        first_again = (previous is not None and n == 1 and previous[0] == 1
                       and previous[1].heading.strip() != s.heading.strip()
                       and s.start - previous[1].start <= int(rule_config("section_numbering").get("first_again_chars", 300)))
        if previous is None and n == 2 and (parent := _parent(sections, s)) is not None \
                and same_document(starts, parent.start, s.start) \
                and (bare := _unnumbered_first(ctx, parent, s)) is not None:
            # the first child under its parent is a heading line left without its number, the next one
            # numbered 2: "二、…\n资金投入情况分析。\n1.…\n(二)绩效目标完成情况分析" (heldout10 v002)
            out.append((ctx.msg("section_numbering", "unnumbered", heading=bare,
                                expected=expected_label(s.number_label, 1)), ctx.ev_section(s)))
            continue
        if previous is None or (n == 1 and not first_again) or n == previous[0] + 1:
            continue
        prev_n, prev_s = previous
        between = range(prev_n + 1, n) if n > prev_n + 1 else [n - 1]
        if written_between(ctx, s.number_label, between, prev_s.start, s.start):
            continue  # the numbers between are items segmenting did not take for headings
        parents = {x.number_label for x in sections if x.level < s.level and x.number_label}
        if n <= prev_n and parent_between(ctx, parents, prev_s.start, s.start):
            continue  # a parent heading segmenting did not take (in a table row): a new run, not a repeat
        out.append((problem(ctx, s.number_label, s.heading, prev_n, n), ctx.ev_section(s)))
    return out


def dropped_numerals(ctx: Ctx) -> list[tuple[str, dict]]:
    """Headings whose numeral was lost ("、绩效目标完成情况" after "二、…"): the next number of the last
    numbered heading of the 一、 style before them is expected."""
    rule_ = rule_config("section_numbering").get("dropped_numeral")
    if rule_ is None:
        return []
    numbered = sorted((s for s in ctx.report.sections or [] if isinstance(s, Section) and s.number_label
                       and s.number_label.endswith("、") and label_number(s.number_label) is not None
                       and finite(s.start)), key=lambda s: s.start)
    out, dropped = [], {}  # dropped headings counted after each numbered one: the next is one on
    for m in rule_.regex.finditer(ctx.text) if numbered else []:
        before = [s for s in numbered if s.start < m.start()]
        if not before:
            continue
        last = before[-1]
        dropped[last.start] = dropped.get(last.start, 0) + 1
        expected = expected_label(last.number_label, label_number(last.number_label) + dropped[last.start])
        start, end = m.start("heading") - 1, m.end("heading")
        ev = {"type": "text", "start": start, "end": end, "raw": ctx.text[start:end], "report": "current"}
        out.append((ctx.msg("section_numbering", "unnumbered", heading=ctx.text[start:end], expected=expected), ev))
    return out


def parent_between(ctx: Ctx, parents: set, start: int, end: int) -> bool:
    """Whether a label of a parent heading's family (二、 for 一、) starts a line, a cell or an item
    run into a line between ``start`` and ``end``."""
    families = {sid for model in parents for sid, pattern in styles() if pattern.fullmatch(model)}
    for sid, pattern in styles():
        if sid not in families:
            continue
        # a line or a cell, or an item run into a line after a sentence end or a space ("…以上。 三、项目绩效情况")
        lead = rf"(?:^|\||[{regex.escape(sentence_ends())} \t\u3000])[ \t\u3000]*"
        for line in regex.finditer(lead, ctx.text[start + 1:end], flags=regex.M):
            if pattern.match(ctx.text, start + 1 + line.end(), end):
                return True
    return False


def line_of(text: str, start: int) -> str:
    """The line of ``text`` that ``start`` lies on, from ``start`` to its end."""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def _parent(sections: list[Section], s: Section) -> Section | None:
    """The judged heading right above ``s`` one level up whose section holds it, None when ``s`` opens
    the report's text at its level (an excerpt may begin anywhere in a run)."""
    above = [p for p in sections if p.level < s.level and p.start < s.start <= p.end and p.number_label]
    return max(above, key=lambda p: p.start) if above else None


def _unnumbered_first(ctx: Ctx, parent: Section, child: Section) -> str | None:
    """The line right under ``parent``'s heading line when it reads as a heading left unnumbered (short,
    words only, [rules.section_numbering] bare_heading) and nothing numbered 1 like ``child`` is written
    between them; None otherwise."""
    text = ctx.text
    line_end = text.find("\n", parent.start)
    if line_end < 0 or line_end >= child.start:
        return None
    rest = text[line_end + 1:child.start]
    first = next((ln.strip() for ln in rest.split("\n") if ln.strip()), "")
    bare = rule_config("section_numbering").get("bare_heading")
    if not first or bare is None or not bare.regex.fullmatch(first):
        return None
    if written_between(ctx, child.number_label, [1], parent.start, child.start):
        return None
    return first.rstrip("。.:")


def judged_headings(ctx: Ctx, sections: list[Section]) -> tuple[list[Section], list[Section]]:
    """The headings whose numbers are judged: the marker starts its line (not a label inside a
    sentence), the line is no table row ("|"), it lies in no form the report read (a flattened
    form's cells "1.建设…;2.…" then "1.启动…" are no headings), and it is no copy of an earlier
    heading line (a running header repeated on each page) nor a contents line (a leader and a page
    number after the heading); and the headings written at the start
    of a table row outside the forms, not judged but closing the runs below them."""
    forms = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    out, seen, boundaries = [], set(), []
    for s in sections:
        before = ctx.text[ctx.text.rfind("\n", 0, s.start) + 1:s.start]
        line = line_of(ctx.text, s.start)
        if s.number_label and before.strip(" \t\u3000|") == "" and "|" in line \
                and not any(a <= s.start < b for a, b in forms):
            boundaries.append(s)  # a heading written in a table row: it still closes the runs below it
            continue
        if s.number_label and (before.strip(" \t\u3000") or "|" in line):
            continue
        if s.number_label and any(a <= s.start < b for a, b in forms):
            continue
        copy = (s.number_label or "", line.strip())
        if s.number_label and copy in seen:
            continue
        toc = rule_config("section_numbering").get("toc_line")
        if s.number_label and toc is not None and toc.regex.search(line):
            continue  # a contents line (heading, leader, page) without a 目录 line above it
        seen.add(copy)
        out.append(s)
    return out, boundaries


def problem(ctx: Ctx, label: str, heading: str, prev_n: int, n: int) -> str:
    """The message for number ``n`` after ``prev_n``: repeated, skipped or going back."""
    case = "repeated" if n == prev_n else ("skipped" if n > prev_n else "out_of_order")
    return ctx.msg("section_numbering", case, label=label, heading=heading,
                   expected=expected_label(label, prev_n + 1))


def written_between(ctx: Ctx, label: str, numbers, start: int, end: int) -> bool:
    """Whether each of ``numbers`` is written like ``label`` where an item starts (a line, or
    after a sentence end) between two headings: a list run in line ("…。2.…。3.…"), or a label
    alone on its line before its text ("1.\n贯彻执行…", then "2.负责…"), which segmenting does not
    take for headings. So "四、" after "二、" with "三、" in the text between is no skip. Headings run
    into one line ("…以上。二、项目资金…。三、项目绩效…完成四、评价结论…。五、…") count when at least one
    of them starts an item and the others are written between, in order (normalization removed the
    space before "四、")."""
    span = ctx.text[start:end]
    loose, at = 0, 0
    for k in numbers:
        if k < 1:
            return False
        item = regex.escape(expected_label(label, k))
        # after a line start, a sentence end or a space
        if m := regex.search(rf"(?:^|[{regex.escape(sentence_ends())} \t\u3000])[ \t\u3000]*{item}(?!\d)",
                             span, flags=regex.M):
            at = max(at, m.end())
            continue
        if len(numbers) > 1 and (m := regex.compile(rf"{item}(?!\d)").search(span, at)):
            loose, at = loose + 1, m.end()
            continue
        # the number written as a label in another punctuation ("三." for "三、", "(3)" for "3.")
        # where a cell or a line starts: a heading segmenting read otherwise, so the run is in doubt
        numeral = regex.escape(regex.sub(r"[^0-9\p{Han}]", "", expected_label(label, k)))
        if not numeral or not regex.search(
                rf"(?:^|[|{regex.escape(sentence_ends())}])[ \t\u3000]*[(（]?{numeral}[、.．)）]", span, flags=regex.M):
            return False
    return loose < len(numbers)


def contents_block(ctx: Ctx, sections: list[Section]) -> tuple[int, int]:
    """The span of a table of contents (目录 on a line of its own, then headings up to the first
    line of body text), whose headings are not judged: a contents page may list only some levels
    (the 2023 五华区 report lists (二)(二)(五)(五) of different parents). (0, 0) when none."""
    conf = rule_config("section_numbering")
    marker = conf.get("contents_marker")
    if marker is None:
        return (0, 0)
    m = marker.regex.search(ctx.text)
    if m is None:
        return (0, 0)
    starts = {s.start for s in sections}
    body_chars = int(conf.get("contents_body_chars", 30))
    pos = m.end()
    while pos < len(ctx.text):
        nl = ctx.text.find("\n", pos)
        end = len(ctx.text) if nl < 0 else nl
        line = ctx.text[pos:end].strip()
        heading = any(pos <= st < end + 1 for st in starts)
        if line and not heading and len(line) >= body_chars:
            return (m.start(), pos)
        pos = end + 1
    return (m.start(), len(ctx.text))


# ----------------------------------------------------------------------------- in-line lists
def sentence_ends() -> str:
    """The characters after which an in-line list item may start (``[rules.section_numbering]``)."""
    return rule_config("section_numbering").get("item_after", "。；;！？!?")


def list_styles() -> list:
    """The number styles of patterns/sections.toml that in-line lists are read in."""
    wanted = rule_config("section_numbering").get("list_styles", [])
    return [s for s in rules.load("sections").get("style", []) if getattr(s, "id", None) in wanted]


def list_items(text: str, start: int, end: int, styles) -> list[tuple[str, int, str, int, int]]:
    """(style, number, label, start, end of a short snippet) of every list item in text[start:end]
    that starts it, follows a sentence end, or (bracketed styles) follows a space; an unbracketed
    item numbered 1 after a space is listed with number 0: it only ends the list before it. An item
    numbered 1 after a colon ([rules.section_numbering] list_opens_after) opens a new list."""
    ends = sentence_ends()
    spaced = set(rule_config("section_numbering").get("list_after_space_styles", []))
    openers = rule_config("section_numbering").get("list_opens_after", "")
    positions = [(start, False)]
    colons = set()  # after a colon only an item numbered 1 counts: it opens a list ("目标一:1、…;2、…")
    for i in range(start, end):
        if text[i] in ends:
            positions.append((i + 1, False))
        elif text[i] in openers:
            positions.append((i + 1, False))
            colons.add(i + 1)
        elif text[i] in " \t\u3000" and i + 1 < end and text[i + 1] not in " \t\u3000":
            positions.append((i + 1, True))
    out, seen = [], set()
    for pos, after_space in positions:
        while pos < end and text[pos] in " \t\u3000":
            pos += 1
        if pos in seen:
            continue
        seen.add(pos)
        for style in styles:
            m = style.regex.match(text, pos, end)
            if m and m.end() < end:
                n = label_number(m.group("label"))
                # after a space only bracketed items count; any other item numbered 1 there ends
                # the list before it (a flattened form's cells: "…3、按时申报… 1 1、提供佐证; 2、…")
                if after_space and style.id not in spaced:
                    if n == 1:
                        out.append((style.id, 0, m.group("label"), pos, pos))
                        break
                    continue
                if pos in colons and n != 1:
                    break
                if n is not None:
                    stop = min(end, m.end() + int(rule_config("section_numbering").get("snippet_chars", 12)))
                    cut = next((i for i in range(m.end(), stop) if text[i] in ends or text[i] == "|"), stop)
                    out.append((style.id, n, m.group("label"), pos, cut))
                break
    return out


def list_problems(ctx: Ctx) -> list[tuple[str, dict]]:
    """In-line numbered lists (1.…。2.…。4.…。4.…) whose numbers repeat, skip or go back: a run
    starts at 1 and is judged once it has ``list_min_items`` items."""
    styles = list_styles()
    if not styles:
        return []
    need = int(rule_config("section_numbering").get("list_min_items", 3))
    text, out, pos = ctx.text, [], 0
    forms = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    for line in regex.split(r"[\n|]", text):  # a line, or a table cell of a line read from a table
        start, pos = pos, pos + len(line) + 1
        if any(a <= start < b for a, b in forms):
            continue  # a form's cell lists targets or results, not the report's sections
        runs: dict[str, tuple[int, int, int]] = {}  # style → (last number, items so far, its start)
        for style, n, label, s, e in list_items(text, start, start + len(line), styles):
            if n == 0:
                runs.pop(style, None)
                continue
            if n == 1:
                runs[style] = (1, 1, s)
                continue
            if style not in runs:
                continue
            last, count, at = runs[style]
            runs[style] = (n, count + 1, s)
            if n == last + 1 or count + 1 < need:
                continue
            if n > last + 1 and numerals_written(text, label, range(last + 1, n), at, s):
                continue  # the numbers skipped are written between, after a comma ("…开放, 3.完成…")
            snippet = text[s + len(label):e]
            out.append((problem(ctx, label, snippet, last, n),
                        {"type": "text", "start": s, "end": e, "label": text[s:e]}))
    return out


def dense_list_problems(ctx: Ctx, judged: set) -> list[tuple[str, dict]]:
    """An in-line list whose items were run together without a sentence end between them ("1.屋面防水更新
    2.给排水…改造3.除了…4.…11.一楼…更新 13.实验室购器材…", heldout11 w012, its 12 left out): the marks of
    [rules.section_numbering] dense_mark in one paragraph, wherever they stand, numbered 1, 2, 3… in order for at
    least dense_min_items of them and then one number skipped. Marks run together so many times in order
    are a list, not figures; a run that breaks any other way is left alone. ``judged``: starts of items
    list_problems already reported."""
    conf = rule_config("section_numbering")
    mark, need = conf.get("dense_mark"), int(conf.get("dense_min_items", 5))
    paragraph = conf.get("dense_paragraph")
    if mark is None or paragraph is None:
        return []
    text, out = ctx.text, []
    forms = [(f.start, f.end) for f in ctx.report.forms or [] if finite(f.start) and finite(f.end)]
    # a paragraph or a table cell ([rules.section_numbering] dense_paragraph): normalization may have put
    # the first items on lines of their own ("1.屋面防水更新…\n2.给排水…改造3.除了…")
    for para in paragraph.regex.finditer(text):
        start, end = para.start(), para.end()
        if any(a <= start < b for a, b in forms):
            continue
        last, count = 0, 0
        for m in mark.regex.finditer(text, start, end):
            n = int(m.group("n"))
            if n == 1:
                last, count = 1, 1
            elif last and n == last + 1:
                last, count = n, count + 1
            elif (last and n == last + 2 and count >= need and m.start() not in judged
                  and text[start:m.start()].rsplit("\n", 1)[-1].strip()):  # a line-start mark is a heading's
                e = min(end, m.end() + int(conf.get("snippet_chars", 12)))
                label = m.group()
                out.append((problem(ctx, label, text[m.end():e], last, n),
                            {"type": "text", "start": m.start(), "end": e, "label": text[m.start():e]}))
                last, count = 0, 0
    return out


def numerals_written(text: str, label: str, numbers, start: int, end: int) -> bool:
    """Whether each of ``numbers`` is written as a label of ``label``'s numerals, in any of the marks
    (、 . ．) or brackets, between ``start`` and ``end`` and not inside a longer number: an item the
    list reader did not take for one (after a comma, or in another mark: "1.… 2.…, 3.… 4、…")."""
    span = text[start:end]
    for k in numbers:
        numeral = regex.escape(regex.sub(r"[^0-9\p{Han}]", "", expected_label(label, k)))
        before = r"(?<![0-9.．])" if numeral[:1].isdigit() else r"(?<!\p{Han})"
        if not numeral or not regex.search(rf"{before}[(（]?{numeral}[、.．)）](?![0-9])", span):
            return False
    return True


# ----------------------------------------------------------------------------- missing_section
@rule("missing_section")
def missing_section(ctx: Ctx) -> list[Finding]:
    """The sections of the report's template that no heading found (info), when the report follows
    the template (enough of its headings); a text that stops mid-sentence is not asked for the
    sections after its last heading."""
    conf = rule_config("missing_section")
    followed = followed_template(ctx.report)
    if followed is None:
        return []
    entries = [e for e in followed.entries() if not e.get("optional")]
    present = set(followed.found)
    found = [e for e in entries if e.get("id") in present]
    if not entries or len(found) / len(entries) < float(conf.get("min_template_share", 0.5)):
        return []
    missing = [e for e in entries if e.get("id") not in present]
    if missing and is_truncated(ctx.text, ctx.report.sections or []):
        last = max(i for i, e in enumerate(entries) if e.get("id") in present)
        missing = [e for e in missing if entries.index(e) < last]
    first = min(i for i, e in enumerate(entries) if e.get("id") in present)
    if missing and (label_number(followed.found[entries[first]["id"]].number_label) or 1) > 1:
        missing = [e for e in missing if entries.index(e) > first]  # an excerpt that starts at 三、
    if not missing:
        return []
    sep = ctx.msg("missing_section", "separator")
    headings = sep.join(ctx.msg("missing_section", "heading", heading=e["heading"]) for e in missing)
    evidence = [ctx.ev_section(s) for s in followed.found.values()]
    return [finding(ctx, "missing_section", ctx.msg("missing_section", "missing", template=followed.template.get(
        "title", followed.id), headings=headings), evidence=evidence, actual=float(len(missing)))]
