"""Sentences and the spelling-tolerant word patterns that quotes and events both read with.

A full stop inside quote marks does not end a sentence («قال: «انتهى. لن نعود».»), and a paragraph
break always does. Patterns accept the spelling variants of the press (اكد for أكد, نفي for نفى)
and optional diacritics, so the lexicons can list one spelling per word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import TypeVar

# A letter of an Arabic word, diacritics included: the edge of a whole-word match.
WORD = r"[\w\u0610-\u061a\u064b-\u065f\u0670]"

_SENTENCE_END = re.compile(r"[.!؟?](?=\s|$)|\n")
_QUOTE_MARK = re.compile('[«»“”"\n]')


# The spellings the cue tables of quotes and events treat as one: hamza alefs, alef maqsura, taa
# marbuta, tatweel and short vowels (lighter than ``normalize``, which the tables were written for).
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_SHORT_VOWELS = re.compile("[\u064b-\u0652]")


def fold(word: str) -> str:
    """A cue-table key: «أكّد» → «اكد», «الرئاسة» → «الرئاسه»."""
    return _SHORT_VOWELS.sub("", word).translate(_FOLD)


_Spanned = TypeVar("_Spanned")
_START = attrgetter("start")


def starting_in(items: list[_Spanned], low: int, high: int) -> list[_Spanned]:
    """The items (sorted by ``.start``, e.g. an article's mentions) that start in [low, high): a
    bisection, so a long article does not cost every sentence or quote a pass over all of them."""
    return items[bisect_left(items, low, key=_START) : bisect_left(items, high, key=_START)]


def tolerant(word: str) -> str:
    """A regex for ``word`` that accepts the spelling variants of the press (اكد for أكد, نفي for نفى)
    and optional diacritics between letters."""
    parts = []
    for char in word:
        if char in "أإآا":
            parts.append("[أإآا]")
        elif char in "ىي":
            parts.append("[ىي]")
        elif char in "ةه":
            parts.append("[ةه]")
        elif char == "\u0651":  # shadda is kept: «بيّن» (he explained) is not «بين» (between)
            parts.append("\u0651")
            continue
        elif "\u064b" <= char <= "\u0652":
            continue
        else:
            parts.append(re.escape(char))
    return "[\u064b-\u0652]*".join(parts) + "[\u064b-\u0652]*"


def alternation(words: list[str] | set[str]) -> str:
    """A trie-shaped alternation of tolerant words («ا(?:تفاق(?:ية)?|جتماع)»): the engine tests each
    letter once instead of every word in turn. A longer word still wins over its prefix («أنهم»
    over «أن»), as the longest-first alternation did."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            unit = _unit(char)
            if unit is not None:
                node = node.setdefault(unit, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


_MARKS = "[\u064b-\u0652]*"


def _unit(char: str) -> str | None:
    """The regex for one letter of a lexicon word; None for a short vowel, which is optional."""
    if char in "أإآا":
        return "[أإآا]"
    if char in "ىي":
        return "[ىي]"
    if char in "ةه":
        return "[ةه]"
    if char == "\u0651":  # shadda is kept: «بيّن» (he explained) is not «بين» (between)
        return "\u0651"
    if "\u064b" <= char <= "\u0652":
        return None
    return re.escape(char)


def _emit(node: dict[str, dict]) -> str:
    branches = [unit + _MARKS + _emit(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def whole(pattern: str) -> str:
    return rf"(?<!{WORD})(?:{pattern})(?!{WORD})"


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``[open, close]`` positions of balanced quote marks (nested guillemets allowed)."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    straight_open: int | None = None
    for mark in _QUOTE_MARK.finditer(text):
        char, index = mark.group(), mark.start()
        if char == "«" or char == "“":
            stack.append(index)
        elif (char == "»" or char == "”") and stack:
            spans.append((stack.pop(), index))
        elif char == '"':
            if straight_open is None:
                straight_open = index
            else:
                spans.append((straight_open, index))
                straight_open = None
        elif char == "\n":
            stack.clear()
            straight_open = None
    return sorted(spans)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)``; a full stop inside quote marks does not end a sentence."""
    # Nested quotations merged into disjoint runs, so one bisection tells whether a stop is quoted.
    runs: list[list[int]] = []
    for open_, close in quoted_spans(text):
        if runs and open_ <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], close)
        else:
            runs.append([open_, close])
    opens = [run[0] for run in runs]
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() != "\n" and runs:
            index = bisect_right(opens, match.start() - 1) - 1
            if index >= 0 and runs[index][0] < match.start() < runs[index][1]:
                continue
        end = match.end() if match.group() != "\n" else match.start()
        span = trim(text, start, end)  # no copy of the sentence just to see it is blank
        if span[0] < span[1]:
            spans.append(span)
        start = match.end()
    span = trim(text, start, len(text))
    if span[0] < span[1]:
        spans.append(span)
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the white space at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
