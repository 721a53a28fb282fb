"""A unit's fuller name stated elsewhere in the report: the name a title or a cell abbreviates.

Titles, page chrome and form cells often shorten the unit's name; the gold, and the linking of
units across years, want the full name the report states somewhere else:

* no place name: 城管执法局 → 益阳市赫山区城市管理和综合执法局, 卫健委 → 蒙城县卫生健康委员会;
* a level word for the place: 县委巡察办 → 中共江永县委巡察工作领导小组办公室;
* a short form of the place: 寻甸县林业和草原局 → 寻甸回族彝族自治县林业和草原局;
* a township for its government: 同德镇 → 攀枝花市仁和区同德镇人民政府, 鸡飞镇 → 昌宁县鸡飞镇;
* a township's unit without its township: 蚕茶卫生院 → 南昌县黄马乡蚕茶卫生院;
* a dropped connective: 门源县工业商务信息化局 → 门源县工业商务和信息化局.

The higher levels alone make no fuller name of a name that states its place (永德县明朗中学, not
临沧市永德县明朗中学: they are the report's region); a name without one takes them (鸡飞镇 →
昌宁县鸡飞镇, 农业农村局 → 儋州市农业农村局).

A fuller name keeps the short name's characters in order (an abbreviation drops characters, never
reorders them), starts with a place name (or a level word: 湘管委 → 区湘湖旅游度假区管委会), and
ends as the short name ends (or as its long form: 办 → 办公室, 委 → 委员会, 镇 → 镇人民政府).
Vocabulary in patterns/metadata.toml ([fuller]).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ... import rules
from .gazetteer import division_start, division_starts, same_division
from .lexicon import is_township, is_unit, level_start, region_parts, suffix_ends

_re = rules.compiled


def _conf() -> dict:
    return rules.load("metadata")


def _core(name: str) -> tuple[list[str], str]:
    """(region components, the rest) of a name, a party prefix (中共) counted with the region."""
    parts = region_parts(name)
    start = 0
    if parts:
        first = parts[0][1]
        start = name.find(first) + sum(len(p) for _, p in parts)
    return [p for _, p in parts], name[start:]


def _subsequence(short: str, long: str) -> list[str] | None:
    """The characters of ``long`` left over when ``short`` is read in it in order (None if it is not)."""
    extra, i = [], 0
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
        else:
            extra.append(ch)
    return extra if i == len(short) else None


def _endings(core: str) -> list[str]:
    """The long forms the end of a name may stand for (镇 → 镇人民政府)."""
    out = []
    for short_end, long_ends in _conf()["fuller"]["endings"].items():
        if core.endswith(short_end):
            out += [core[: -len(short_end)] + e for e in long_ends]
    return out


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is a shortened name of the unit ``long`` (see the module docstring)."""
    if len(long) <= len(short) or short == long:
        return False
    head = long[: -len(short)]
    if long.endswith(short) and region_parts(short) and "".join(p for _, p in region_parts(head)) == head:
        return False  # only the higher levels added (临沧市永德县明朗中学): the region, not the name
    if long in _endings(short):
        return True  # 田心乡 → 田心乡人民政府
    long_places, long_core = _core(long)
    if not long_core or not (long_places or level_start(long_core)):
        return False
    if not long_places:  # a level word for the place: 区湘湖旅游度假区管委会
        long_core = long_core[1:]
    short_places, short_core = _core(short)
    if not short_places and long_core.endswith(short) and is_township(long_core[: -len(short)]):
        return True  # a township's unit named without it: 蚕茶卫生院 → 南昌县黄马乡蚕茶卫生院 (heldout5 r010)
    if short_places:
        # the same place (寻甸县 = 寻甸回族彝族自治县), and a name that differs only by connectives
        if not any(same_division(short_places[-1], p) for p in long_places):
            return False
        if short_core == long_core and any(p == short_places[-1] + lv for p in long_places
                                           for lv in _conf()["fuller"]["level_only"]):
            return False  # only the place's level word added (昆明海口林场 / 昆明市海口林场, heldout15 x001): as written
        allowed = set(_conf()["fuller"]["connectives"])
    else:
        allowed = None  # an abbreviation: any characters may have been dropped
        if level_start(short_core):
            short_core = short_core[1:]
    if not short_core or not long_core.startswith(short_core[0]):
        return False
    for core in [short_core, *_endings(short_core)]:
        extra = _subsequence(core, long_core)
        if extra is None or not long_core.endswith(core[-1]):
            continue
        if allowed is None or set(extra) <= allowed or (len(core) >= 3 and _gaps(core, long_core) >= 2):
            return True
    return False


def _gaps(short: str, long: str) -> int:
    """How many separate runs of characters ``long`` adds inside ``short`` read in it in order: an
    abbreviation drops characters from several words (文旅局 in 文化和旅游局: 2), another unit adds
    one word (县人民医院, 县第二人民医院: 1)."""
    gaps, i, in_gap = 0, 0, False
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
            in_gap = False
        elif 0 < i < len(short) and not in_gap:
            gaps, in_gap = gaps + 1, True
    return gaps


def may_start(text: str, i: int) -> bool:
    """Whether a region can be read at ``text[i:]``: a Han character that opens a division's
    written form or a party prefix (中共…); elsewhere region_parts finds nothing, and asking it
    at every character of the first pages cost a few ms per page."""
    c = text[i]
    if not "\u4e00" <= c <= "\u9fff":
        return False
    if division_start(text, i):
        return True
    leads = _conf()["region"]["strip_lead"]
    return c in _lead_firsts(tuple(leads)) and any(text.startswith(lead, i) for lead in leads)


@lru_cache(maxsize=4)
def _lead_firsts(leads: tuple[str, ...]) -> frozenset[str]:
    return frozenset(lead[0] for lead in leads if lead)


@lru_cache(maxsize=4)
def unit_runs(body: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """(start, ends) of every place-named run of ``body``: where it starts (a lead such as 中共
    included) and each end, in suffix order, at which ``body[start:start + end]`` is a unit. The
    fuller-name and self-word readers scan the same body; it is read once."""
    leads = _conf()["region"]["strip_lead"]
    run_re = _re(_conf()["fuller"]["run"])
    out = []
    for i, _parts in region_hits(body):
        start = next((i - len(w) for w in leads if body[max(0, i - len(w)): i] == w), i)
        m = run_re.match(body, start)
        run = m.group(0) if m else ""
        out.append((start, tuple(end for end in suffix_ends(run) if is_unit(run[:end]))))
    return tuple(out)


def named_units(text: str) -> Counter:
    """Units named in the text that start with a place name (湖南省…厅, 中共江永县委…办公室), counted."""
    body = text[: _conf()["fuller"]["scan_chars"]]
    found: Counter = Counter()
    for start, ends in unit_runs(body):
        for end in ends:
            found[body[start:start + end]] += 1
    return found


def region_hits(text: str):
    """(offset, region_parts) for each place name read left to right, the scan going on after each
    name (only offsets where one may start are tried: see may_start)."""
    starts = division_starts()
    firsts = _lead_firsts(tuple(_conf()["region"]["strip_lead"]))
    after = 0
    for i in range(len(text)):
        if i < after or (text[i: i + 2] not in starts and text[i] not in firsts) or not may_start(text, i):
            continue
        parts = region_parts(text[i: i + 24])
        if parts:
            yield i, parts
            after = i + sum(len(p) for _, p in parts)


def place_of_level(unit: str, text: str) -> str | None:
    """The place a unit's level word stands for ("区农业农村局" in a report on 五华区 → 五华区): the
    division of that level the text names most, in its first characters."""
    if not level_start(unit):
        return None
    level = unit[0]
    limit = _conf()["fuller"]["scan_chars"]
    found: Counter = Counter()
    text = text[:limit]
    for _, parts in region_hits(text):
        last = parts[-1][1]
        if last.endswith(level) and not last.endswith(tuple(_conf()["fuller"]["not_a_place"])):
            found["".join(p for _, p in parts)] += 1
    return found.most_common(1)[0][0] if found else None


def fuller_name(unit: str, text: str, cues: list[str] = ()) -> str | None:
    """The fullest name the report states for ``unit`` (among ``cues``, the units the text names
    and the unit's own long ending: 同德镇人民政府), or None."""
    cands = named_units(text)
    for c in cues:
        if c:
            cands[c] += 1
    for long in _endings(unit):
        if long in text:
            cands[long] += 1
    eligible = [c for c in cands if abbreviates(unit, c)]
    if not eligible:
        return None
    best = max(eligible, key=lambda c: (text.count(c), len(c)))
    # the same name with its higher levels (攀枝花市仁和区同德镇人民政府 over 仁和区同德镇人民政府)
    longer = [c for c in eligible if c != best and c.endswith(best) and region_parts(c[: -len(best)])]
    return max(longer, key=len) if longer else best
