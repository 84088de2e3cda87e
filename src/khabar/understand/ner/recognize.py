"""Recognition: character spans of PERS, LOC, ORG and MISC names in a text.

The CRF finds names in context; the alias table then adds the well-known names it missed
(«الكرملين» between guillemets, a country in a headline-like sentence). A mention never starts
with a clitic: «لموسكو» gives the span of «موسكو», «والكرملين» that of «الكرملين».
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from khabar.understand.ner import model
from khabar.understand.ner.aliases import load_aliases
from khabar.understand.ner.conll import spans
from khabar.understand.ner.features import word_ranks
from khabar.understand.ner.gazetteer import load_gazetteer
from khabar.understand.ner.tokens import Token, sentences, tokenize
from khabar.understand.ner.word_memo import WordMemo
from khabar.understand.normalize import clitic_cuts, normalize, normalize_word

_TANWEEN = ("\u064b", "\u064c", "\u064d")  # ً ٌ ٍ
NOT_IN_NAMES_FILE = "not-in-names.tsv"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    type: str


def recognize(text: str, tokens: list[Token] | None = None) -> list[Span]:
    """Name spans in reading order, non-overlapping, over ``text`` (``tokens``: its ``tokenize``)."""
    found: list[Span] = []
    if tokens is None:
        tokens = tokenize(text)
    document = sentences(text, tokens)
    heads = ALIAS_HEADS.distinct(token.text for token in tokens)
    tagged = model.tag_document([[token.text for token in sentence] for sentence in document])
    for sentence, tags in zip(document, tagged, strict=True):
        taken = [False] * len(sentence)
        for kind, first, last in spans(tags):
            first, last = _trimmed(sentence, kind, first, last)
            if last <= first or sentence[last - 1].text.endswith(_TANWEEN):
                continue  # «هجوماً أوكرانياً»: an indefinite adjective, never a name
            found.append(
                Span(
                    sentence[first].start + clitic_offset(sentence[first].text), sentence[last - 1].end, kind
                )
            )
            for i in range(first, last):
                taken[i] = True
        found.extend(_alias_matches(sentence, taken, heads))
    found.sort(key=lambda span: span.start)
    return [span for span in found if span.end > span.start]


@lru_cache(maxsize=1)
def _not_in_names() -> frozenset[str]:
    source = resources.files("khabar").joinpath("data", "ner", NOT_IN_NAMES_FILE)
    return frozenset(
        normalize(line) for line in source.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    )


def _trimmed(sentence: list[Token], kind: str, first: int, last: int) -> tuple[int, int]:
    """A CRF span without what never belongs to a name: punctuation at its edges («مؤسسة "»), a
    function word at its end («... بأن»), and, for a person, whatever follows a preposition glued
    to a later word («ريم سنجاري لفرانس برس» → «ريم سنجاري»; the alias table then finds the agency)."""
    if kind == "PERS":
        for i in range(first + 1, last):
            cut = clitic_offset(sentence[i].text)
            if sentence[i].text[0] in "لب" and cut and len(sentence[i].text) - cut >= 3:
                last = i
                break
    stop = _not_in_names()
    while last > first and (
        not sentence[last - 1].text[0].isalnum() or normalize_word(sentence[last - 1].text) in stop
    ):
        last -= 1
    while first < last and not sentence[first].text[0].isalnum():
        first += 1
    return first, last


@lru_cache(maxsize=100_000)
def clitic_offset(token: str) -> int:
    """How many leading characters of a name's first token are clitics (و ف ب ل ك), keeping ال.

    A cut is made only when the remainder is a known name or a more frequent word than the
    whole token: «لموسكو» → 1, «والكرملين» → 1, «بوتين» → 0.
    """
    return _clitic_cut(token, normalize(token))


def _clitic_cut(token: str, norm: str) -> int:
    """``clitic_offset`` given the token's ``normalize``d form. A cut is made only where that form
    maps the token character for character, so the rest's form is ``norm[cut:]``."""
    if len(norm) != len(token):  # diacritics or tatweel: offsets would drift; keep the token whole
        return 0
    ranks = word_ranks()
    known = load_gazetteer().single
    aliases = load_aliases().by_alias
    if norm in aliases or norm in known or norm in _alias_first_words():
        return 0  # «فرانس» of «فرانس برس» is whole, though «رانس» (Reims) is a name too
    own = ranks.get(norm, len(ranks))
    for cut in clitic_cuts(norm):
        prefix, rest = norm[:cut], norm[cut:]
        if prefix.endswith("ال") and not prefix.endswith("لل"):
            continue  # the article belongs to the name: «الكرملين»
        if len(rest) < 2 or unicodedata.category(rest[0]) != "Lo":
            continue
        if rest in aliases or rest in known or ranks.get(rest, len(ranks)) < own:
            return cut
    return 0


@lru_cache(maxsize=1)
def _alias_first_words() -> dict[str, int]:
    """First word of every alias → the most words an alias starting with it has."""
    longest: dict[str, int] = {}
    for alias in load_aliases().by_alias:
        words = alias.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def _alias_head(token: str) -> tuple[int, str, int]:
    """(clitic cut, normalized rest, most words of an alias starting with it) for one token;
    the last is 0 for the great majority of words, which start no alias."""
    if token.endswith(_TANWEEN):
        return 0, "", 0
    norm = normalize(token)
    cut = _clitic_cut(token, norm)
    head = norm[cut:]
    return cut, head, _alias_first_words().get(head, 0)


ALIAS_HEADS = WordMemo(_alias_head)  # each word type's alias head


def _alias_matches(
    sentence: list[Token], taken: list[bool], heads: dict[str, tuple[int, str, int]]
) -> list[Span]:
    """Alias-table names over tokens the CRF left untagged, longest first; ``heads``: the
    ``_alias_head`` of each token's text."""
    aliases = load_aliases().by_alias
    result: list[Span] = []
    free = 0  # the first token not inside a match
    # Only the few tokens that start some alias are tried.
    for i in [i for i, token in enumerate(sentence) if heads[token.text][2]]:
        if i < free or taken[i]:
            continue
        cut, head, longest = heads[sentence[i].text]
        for n in range(min(longest, len(sentence) - i), 0, -1):
            window = sentence[i : i + n]
            if any(taken[i : i + n]) or window[-1].text.endswith(_TANWEEN):
                continue
            entity = aliases.get(" ".join([head, *(normalize_word(token.text) for token in window[1:])]))
            if entity is not None:
                result.append(Span(window[0].start + cut, window[-1].end, entity.type))
                free = i + n
                break
    return result
