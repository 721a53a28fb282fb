"""bench/completion_spent.py: the net that finds sentences with a completion verb near a money figure (it
mines the development texts; the reader is patterns/facts.toml), on synthetic text with known truth."""
from __future__ import annotations

import re

from .conftest import load_script

load_script("corpus_sets", "bench")  # completion_spent imports it by name
bench = load_script("completion_spent", "bench")


def test_sentences_end_at_stops_and_line_breaks():
    text = "下达资金600万元,于2月1日支出完毕。目前已全部使用\n结余0万元"
    assert [text[s:e] for s, e in bench.sentences(text)] == [
        "下达资金600万元,于2月1日支出完毕", "目前已全部使用", "结余0万元"]


def test_the_net_holds_completion_verbs_not_purposes():
    found = [m.group() for m in re.finditer(bench.VERB, "全部已到位,全部已使用;支出完毕;全部用于道路;实际支出;完成投资;支付完成率")]
    assert found == ["全部已使用", "支出完毕", "实际支出", "完成投资"]
    assert re.search(bench.AMOUNT, "800元/人") is None and re.search(bench.AMOUNT, "600万元")
