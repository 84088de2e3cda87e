"""Arabic normalization for matching and search.

One stable API, shared by entity linking and the store's full-text search: fold the spelling
variants that Arabic news writes interchangeably (أحمد/احمد, مصطفى/مصطفي, القاهرة/القاهره), drop
tatweel and diacritics, and strip clitic prefixes only when what remains is still a plausible
word — never a light stemmer, which turns «بوتين» into «بوت».
"""

from __future__ import annotations

import re
from functools import lru_cache

# Hamza-bearing alefs and wasla fold to bare alef; alef maqsura to yaa; taa marbuta to haa.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ـ": None,  # tatweel
    }
)
# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TOKEN = re.compile(r"[^\W_]+")

# Article-bearing proclitics, longest first; bare و ف ب ل ك are stripped only against a lexicon.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فال", "وال", "بال", "كال", "لل", "ال")
MIN_STEM = 3
_CLITIC_STARTS = frozenset("وفبلكا")  # the letters a clitic sequence or the article starts with


def normalize(text: str) -> str:
    """Fold spelling variants: «إيران» → «ايران», «موسى» → «موسي», «القاهرة» → «القاهره»."""
    if not text:
        return ""
    return _DIACRITICS.sub("", text).translate(_FOLD)


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str:
    """``normalize`` for one token, remembered: news repeats its words, and every step normalizes them."""
    return normalize(word)


def strip_clitics(token: str, known: frozenset[str] | set[str] | None = None) -> str:
    """Remove the clitics و ف ب ل ك and the article ال from the front of a token.

    Without ``known``, only article-bearing prefixes (ال، وال، بال، لل، ...) are removed, and only
    when three letters or more remain: «والكرملين» → «كرملين», while «بوتين», «وليد» and «الله»
    stay whole, since a bare و/ب/ل is as often the name's first letter. With ``known`` (a set of
    normalized names), any grammatical clitic sequence is removed when the remainder is known:
    «لموسكو» → «موسكو», «وبوتين» → «بوتين».
    """
    if not token:
        return token
    if known is not None:
        if normalize(token) in known:
            return token
        for cut in clitic_cuts(token):
            if normalize(token[cut:]) in known:
                return token[cut:]
    for prefix in _ARTICLE_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            return token[len(prefix) :]
    return token


def clitic_cuts(token: str) -> list[int]:
    """Prefix lengths, longest first, that are grammatical clitic sequences: و/ف, then ب/ل/ك, then ال.

    >>> clitic_cuts("وبالكرملين")
    [4, 2, 1]
    """
    if token[:1] not in _CLITIC_STARTS:
        return []  # most words: no clitic letter and no article at their start
    cuts: list[int] = []
    i = 0
    if len(token) > i and token[i] in "وف":
        i += 1
        cuts.append(i)
    if len(token) > i and token[i] in "بلك":
        i += 1
        cuts.append(i)
        if token[i - 1] == "ل" and token[i : i + 1] == "ل":  # لل = ل + ال
            cuts.append(i + 1)
    if token[i : i + 2] == "ال":
        cuts.append(i + 2)
    return [c for c in reversed(cuts) if len(token) - c >= 2]  # built in increasing order


def search_tokens(text: str) -> list[str]:
    """Index/search terms: normalized tokens with the article and conjunction clitics removed.

    >>> search_tokens("والقاهرة إيران وبوتين")
    ['قاهره', 'ايران', 'بوتين']
    """
    tokens: list[str] = []
    for match in _TOKEN.finditer(normalize(text)):
        tokens.append(_search_term(match.group()))
    return tokens


@lru_cache(maxsize=200_000)
def _search_term(token: str) -> str:
    """The article-bearing prefixes go always; a bare و ف ب ل ك only when the rest is a more frequent
    word of SaudiNewsNet than the whole: «وبوتين» → «بوتين», «لموسكو» → «موسكو», «وزير» stays."""
    token = strip_clitics(token).lower()
    from khabar.understand.ner.features import word_ranks  # the frequency list ships with the NER model

    rest = more_frequent_rest(token, word_ranks())
    return strip_clitics(rest) if rest is not None else token


def more_frequent_rest(token: str, ranks: dict[str, int]) -> str | None:
    """The token without a clitic sequence when the rest (three letters or more) is a more
    frequent word (lower rank) than the whole, longest cut first: «وبوتين» → «بوتين»; else None."""
    own = ranks.get(token, len(ranks))
    for cut in clitic_cuts(token):
        rest = token[cut:]
        if len(rest) >= MIN_STEM and ranks.get(rest, len(ranks)) < own:
            return rest
    return None
