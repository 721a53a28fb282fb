"""Chinese full-text search: FTS5 over a column of search words.

SQLite's unicode61 tokenizer sees a run of Han characters as one token, and the trigram tokenizer
ignores queries shorter than three characters, so 公路 or 养护 would find nothing. ``index_text``
writes, for each run of Han characters, every character bigram and the words of three or more
characters jieba finds in search mode (农村公路养护 → 农村, 村公, 公路, 路养, 养护, 农村公路),
separated by spaces; jieba's two-character words are bigrams already, and writing them twice made
the index a third larger and slower to build. So Datasette's own search box finds any
two-character query and any dictionary word; ``zh_match`` turns any longer query into its bigrams
(``公路养护`` → ``"公路" "路养" "养护"``, all required) for the canned search query, and a single
character into a prefix query (``公`` → ``"公"*``): the words it begins (公路, 公开) and the
character standing alone. A character that only ends a run of Han characters (办公。) is not
found by itself: no bigram starts with it.
"""
from __future__ import annotations

import logging
from functools import lru_cache

import regex

_RUN = regex.compile(r"\p{Han}+|[A-Za-z0-9][A-Za-z0-9.]*")
# Quotes and title marks wrap terms (严控“三公”经费): a query never types them.
_QUOTES = regex.compile(r"[“”‘’\"'《》〈〉「」『』]")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _bigrams(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)] or [run]


@lru_cache(maxsize=1 << 15)
def _han_words(run: str) -> str:
    """Search words of one run of Han characters. Reports repeat the same phrases between their
    numbers (and across units and years), so a run is cut by jieba once per process."""
    words = _bigrams(run)
    # HMM guesses unknown words slowly; shorter words are bigrams (or single characters) already
    words.extend(w for w in _jieba().cut_for_search(run, HMM=False) if len(w) > 2)
    return " ".join(words)


def index_text(text: str) -> str:
    """Space-separated search words of ``text``: jieba words plus character bigrams."""
    return " ".join(run if run[0].isascii() else _han_words(run) for run in _RUN.findall(_QUOTES.sub("", text)))


def zh_match(query: str) -> str:
    """FTS5 MATCH expression requiring every bigram of every term of ``query`` (a lone Han
    character: every word it begins)."""
    terms = []
    for run in _RUN.findall(_QUOTES.sub("", query)):
        if run[0].isascii():
            terms.append(_quoted(run))
        elif len(run) == 1:
            terms.append(_quoted(run) + "*")
        else:
            terms.extend(_quoted(b) for b in _bigrams(run))
    return " ".join(dict.fromkeys(terms)) or '""'


def _quoted(token: str) -> str:
    return '"' + token.replace('"', "") + '"'

