"""Document-level consistency: a second CRF pass that sees how the first pass tagged each word
elsewhere in the same document.

A name is usually introduced in full and in context («الرئيس الروسي فلاديمير بوتين»), then
repeated bare («بوتين»): the second pass lets the bare repetition borrow the confident first
reading. The second model is trained on first-pass tags obtained by cross-validation on train.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.understand.ner.features import word_forms, word_info
from khabar.understand.ner.gazetteer import load_gazetteer

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
    keys = [_memory_key(token) for token in tokens]
    memory: dict[str, dict[str, int]] = {}
    for (base, counted), tag in zip(keys, tags, strict=True):
        if counted:
            counts = memory.setdefault(base, {})
            kind = tag[2:] or "O"
            counts[kind] = counts.get(kind, 0) + 1
    readings: list[str | None] = []
    for (base, _), tag in zip(keys, tags, strict=True):
        seen = memory.get(base)
        readings.append(_elsewhere(seen, tag[2:] or "O") if seen else None)
    return readings


@lru_cache(maxsize=200_000)
def _memory_key(token: str) -> tuple[str, bool]:
    """The word a token is remembered under, and whether it counts (words of three letters or more)."""
    return _base(token), len(token) > 2 and token[0].isalpha()


def _elsewhere(counts: dict[str, int], own: str) -> str | None:
    """What the rest of the document made of this word (this token's own reading discounted):
    the most frequent entity type, else «O» if it was only ever read as no name."""
    best, best_count = None, 0
    for kind, count in counts.items():
        if kind == own:
            count -= 1
        if kind != "O" and count > best_count:
            best, best_count = kind, count
    if best:
        return best
    return "O" if counts.get("O", 0) - (own == "O") > 0 else None


def chunk(sentences: list, size: int | None = None) -> list[list]:
    """Pseudo-documents for ANERcorp, whose files have no document boundaries."""
    size = size or DOCUMENT_SIZE
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]
