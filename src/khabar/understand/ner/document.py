"""Document-level consistency: a second CRF pass that sees how the first pass tagged each word
elsewhere in the same document.

A name is usually introduced in full and in context («الرئيس الروسي فلاديمير بوتين»), then
repeated bare («بوتين»): the second pass lets the bare repetition borrow the confident first
reading. The second model is trained on first-pass tags obtained by cross-validation on train.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from khabar.understand.ner.features import word_forms, word_info
from khabar.understand.ner.gazetteer import load_gazetteer
from khabar.understand.ner.word_memo import WordMemo

KINDS = ("O", "PERS", "LOC", "ORG", "MISC")  # what the second pass's «d=» can say
DOCUMENT_SIZE = 20  # sentences per pseudo-document where a file marks no documents (ANERcorp)

# What the second pass sees besides the first pass's reading: the word, its clusters, gazetteer
# and cue attributes, and its immediate neighbours — about a third of the first pass's attributes,
# so tagging twice stays cheap.
_OWN = ("w=", "s=", "c1=", "c2=", "c3=", "g=", "q=", "t=", "x2=", "x3=")
_LEFT = ("-1:w=", "-1:c2=", "-1:t=")
_RIGHT = ("1:w=", "1:c2=")


@lru_cache(maxsize=50_000)
def _own(word: str) -> tuple[str, ...]:
    return tuple(a for a in word_info(word)[0] if a.startswith(_OWN))


@lru_cache(maxsize=50_000)
def _left(word: str) -> tuple[str, ...]:
    return tuple("-1:" + a for a in word_info(word)[1] if ("-1:" + a).startswith(_LEFT))


@lru_cache(maxsize=50_000)
def _right(word: str) -> tuple[str, ...]:
    return tuple("1:" + a for a in word_info(word)[1] if ("1:" + a).startswith(_RIGHT))


def slot_rows(rows: dict[str, int]) -> list[tuple[int, dict[str, int]]]:
    """The second pass's word slots (the word, its left neighbour, its right one) as ``WordScores``
    reads them: which list of ``word_info`` each reads (0: own, 1: shared), and the rows of the
    attributes ``_own``, ``_left`` and ``_right`` keep, keyed as they appear in that list."""
    own = {a: row for a, row in rows.items() if a.startswith(_OWN)}
    left = {a[len("-1:") :]: row for a, row in rows.items() if a.startswith(_LEFT)}
    right = {a[len("1:") :]: row for a, row in rows.items() if a.startswith(_RIGHT)}
    return [(0, own), (1, left), (1, right)]


def second_pass_attributes(tokens: list[str]) -> list[list[str]]:
    """The second pass's attributes of one sentence, before the first-pass tags are added."""
    multi = load_gazetteer().longest_matches([word_info(token)[0][0][2:] for token in tokens])
    n = len(tokens)
    result: list[list[str]] = []
    for i, token in enumerate(tokens):
        attrs = list(_own(token))
        if multi[i] != "O":
            attrs.append("mg=" + multi[i])
        if i > 0:
            attrs.extend(_left(tokens[i - 1]))
        else:
            attrs.append("BOS")
        if i + 1 < n:
            attrs.extend(_right(tokens[i + 1]))
        else:
            attrs.append("EOS")
        result.append(attrs)
    return result


def _base(token: str) -> str:
    return word_forms(token)[1]  # clitic-stripped, normalized


def document_features(document: list[list[str]], first_pass: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass attributes for every sentence of one document, given the first-pass tags."""
    readings = iter(
        elsewhere_readings(
            [token for tokens in document for token in tokens], [tag for tags in first_pass for tag in tags]
        )
    )
    result: list[list[list[str]]] = []
    for tokens, tags in zip(document, first_pass, strict=True):
        sentence = second_pass_attributes(tokens)
        n = len(tokens)
        for i, attrs in enumerate(sentence):
            attrs.append("p=" + tags[i])
            if i > 0:
                attrs.append("-1:p=" + tags[i - 1])
            if i + 1 < n:
                attrs.append("1:p=" + tags[i + 1])
            reading = next(readings)
            if reading:
                attrs.append("d=" + reading)
        result.append(sentence)
    return result


def elsewhere_readings(tokens: list[str], tags: list[str]) -> list[str | None]:
    """For each token of a document, what the first pass made of the same word elsewhere in it."""
    said = np.array([KINDS.index(tag[2:] or "O") for tag in tags], dtype=np.intp)
    return [KINDS[k] if k < len(KINDS) else None for k in elsewhere_kinds(tokens, said).tolist()]


def elsewhere_kinds(tokens: Sequence[str], said: np.ndarray) -> np.ndarray:
    """``elsewhere_readings`` as indices in ``KINDS`` (``len(KINDS)``: nothing to say), given each
    token's own reading as such an index.

    A word is remembered under its clitic-stripped form when the token has three letters or more.
    The rest of the document's readings of it (this token's own discounted) give the most frequent
    entity type, the type read first winning a tie; else «O» if it was read as no name elsewhere.
    """
    kinds = len(KINDS)
    size = len(tokens)
    # Each word type once: its memory key, and an id for that key.
    keys = memory_keys(tokens)
    types = dict(zip(keys, range(len(keys)), strict=True))
    bases: dict[str, int] = {}
    number = bases.setdefault
    pairs = keys.values()
    type_base = np.fromiter([number(base, len(bases)) for base, _ in pairs], dtype=np.intp, count=len(keys))
    type_counted = np.fromiter([counted for _, counted in pairs], dtype=bool, count=len(keys))
    of_type = np.fromiter(map(types.__getitem__, tokens), dtype=np.intp, count=size)
    base = type_base[of_type]
    counted = np.flatnonzero(type_counted[of_type])
    # How often each (word, kind) was read, and where first: the tie-break of the reading order.
    cells = base[counted] * kinds + said[counted]
    counts = np.bincount(cells, minlength=len(bases) * kinds).reshape(len(bases), kinds)
    first = np.full(len(bases) * kinds, size, dtype=np.intp)
    distinct, where = np.unique(cells, return_index=True)
    first[distinct] = counted[where]
    first = first.reshape(len(bases), kinds)
    own = np.zeros((size, kinds), dtype=np.intp)
    own[np.arange(size), said] = 1
    others = counts[base] - own
    # Among the entity types read elsewhere, the most frequent, then the first read.
    rank = np.where(others[:, 1:] > 0, others[:, 1:] * (size + 1) + (size - first[base, 1:]), -1)
    best = rank.argmax(axis=1)
    return np.where(rank[np.arange(size), best] >= 0, best + 1, np.where(others[:, 0] > 0, 0, kinds)).astype(
        np.intp
    )


_last_keys: tuple[list[str], dict[str, tuple[str, bool]]] = ([], {})


def memory_keys(tokens: Sequence[str]) -> dict[str, tuple[str, bool]]:
    """``_memory_key`` of each word type of a document, in order of first occurrence. The last
    document's are kept: ``model.carry_names`` asks again right after the second pass, and a
    look-up in the large caches behind them costs more than in this small table."""
    global _last_keys
    last = _last_keys
    if last[0] == tokens:
        return last[1]
    keys = MEMORY_KEYS.distinct(tokens)
    _last_keys = (list(tokens), keys)
    return keys


def _memory_key(token: str) -> tuple[str, bool]:
    """The word a token is remembered under, and whether it counts (words of three letters or more)."""
    return _base(token), len(token) > 2 and token[0].isalpha()


MEMORY_KEYS = WordMemo(_memory_key)  # each word type's memory key


def chunk(sentences: list, size: int | None = None) -> list[list]:
    """Pseudo-documents for ANERcorp, whose files have no document boundaries."""
    size = size or DOCUMENT_SIZE
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]
