"""Tokens with character offsets, split like ANERcorp: words keep their clitics, punctuation apart."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word: letters, digits, tatweel and Arabic diacritics; anything else non-space is one token.
_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670]+|[^\w\s]")
_SENTENCE_END = frozenset(".!?؟…")
MAX_SENTENCE = 120


class Token(NamedTuple):  # a tuple: millions are made, and tuples are cheapest to build
    text: str
    start: int
    end: int


_new = tuple.__new__  # builds a Token without the named tuple's own __new__, a Python function


def tokenize(text: str) -> list[Token]:
    return [_new(Token, (m.group(), m.start(), m.end())) for m in _TOKEN.finditer(text)]


def sentences(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Sentences end at . ! ? ؟ … or a line break; very long ones are cut, as CRFs see short sequences."""
    result: list[list[Token]] = []
    current: list[Token] = []
    for i, token in enumerate(tokens):
        if current and "\n" in text[current[-1].end : token.start]:
            result.append(current)
            current = []
        current.append(token)
        ends = token.text in _SENTENCE_END and not (
            i + 1 < len(tokens) and tokens[i + 1].text in _SENTENCE_END
        )
        if ends or len(current) >= MAX_SENTENCE:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result
