"""Bylines and datelines in the forms the Arabic press prints them.

«رائد جبر (موسكو)», «لندن: رنيم حنوش», «صنعاء: عرفات مدابش - الرياض: ناصر الحقباني»,
«ماجد القرني - جدة», «طوكيو- أ ف ب», «إيلين مور من لندن».
"""

from __future__ import annotations

import re
from functools import cache

from khabar.records import Byline
from khabar.structure.agencies import credit_key, normalize_agency
from khabar.structure.cues import cues, ends_with_terminal_punctuation, load_table

_SPACES = re.compile(r"[\s\u00a0\u200f\u200e]+")
_PAREN_FORM = re.compile(r"^(?P<author>[^()]+?)\s*\((?P<place>[^()]{2,40})\)$")
_DASH = re.compile(r"\s*[-–—ـ_|]+\s*")
_MIDDLE_SPLIT = re.compile(
    r"^(?P<author>.+?)(?:\s+[-–—ـ]\s*|\s*[-–—ـ]\s+|\s{2,}|\s*[،,]\s*(?=\S+$))(?P<place>[^-–—ـ]+)$"
)
_FROM_FORM = re.compile(r"^(?P<author>.+?)\s+من\s+(?P<place>\S+(?:\s\S+)?)$")
_TRAILING_DATE = re.compile(r"\s*\|.*$")
# A standalone byline line is short; longer lines are paragraphs and skip the parsing.
_BYLINE_MAX_CHARS = 90


@cache
def _places() -> frozenset[str]:
    return frozenset(credit_key(p) for p in load_table("structure/datelines.json")["places"])


@cache
def _outlets() -> frozenset[str]:
    return frozenset(credit_key(p) for p in load_table("structure/datelines.json")["outlets"])


@cache
def _AUTHOR_PREFIX() -> re.Pattern[str]:  # noqa: N802 (a compiled constant, built once from data)
    prefixes = "|".join(map(re.escape, cues()["author_prefixes"]))
    return re.compile(rf"^(?:{prefixes})\s*[:：-]\s*(?P<author>[^:()]+)$")


def is_place(text: str) -> bool:
    return credit_key(text) in _places()


def _is_outlet_or_agency(text: str) -> bool:
    return credit_key(text) in _outlets() or normalize_agency(text) is not None


def clean(text: str) -> str:
    text = text.replace("&nbsp;", " ")
    text = _TRAILING_DATE.sub("", text)
    return _SPACES.sub(" ", text).strip(" :-–—ـ_")


def _clean_part(text: str) -> str:
    part = clean(text)
    if part[:1] in "([" and part[-1:] in ")]":
        part = part[1:-1].strip()
    return part


def parse_byline(text: str | None) -> list[Byline]:
    """All author/dateline pairs a byline field holds; empty when it holds none.

    >>> parse_byline("لندن: رنيم حنوش")
    [Byline(author='رنيم حنوش', dateline='لندن')]
    >>> parse_byline("رائد جبر (موسكو)")
    [Byline(author='رائد جبر', dateline='موسكو')]
    """
    if not text:
        return []
    raw = text.replace("&nbsp;", " ").replace("：", ":")
    raw = _TRAILING_DATE.sub("", raw)
    raw = _SPACES.sub(" ", raw.replace("\t", "  ")).strip()
    if not raw:
        return []
    # Keep double spaces (they separate «صنعاء: فلان  عدن: فلان») until the colon split is done.
    spaced = re.sub(
        r"[ \u00a0]{2,}", "  ", text.replace("&nbsp;", " ").replace("\t", "  ").replace("：", ":")
    )
    spaced = _TRAILING_DATE.sub("", spaced).strip(" \u00a0:-–—ـ_")
    if ":" in spaced:
        colon = _colon_form(spaced)
        if colon:
            return colon
    raw = clean(raw)
    if not raw or len(raw.split()) > cues()["byline_max_words"] + 4:
        return []
    match = _PAREN_FORM.match(raw)
    if match:
        return [Byline(author=_clean_part(match["author"]) or None, dateline=_clean_part(match["place"]))]
    match = _FROM_FORM.match(raw)
    if match and is_place(match["place"]):
        return [Byline(author=_clean_part(match["author"]), dateline=_clean_part(match["place"]))]
    parts = [p for p in (_clean_part(p) for p in _DASH.split(raw)) if p]
    if len(parts) > 1:
        return [_from_parts(parts)]
    return [Byline(author=raw)]


def _colon_form(text: str) -> list[Byline]:
    """«CITY: AUTHOR» repeated: «صنعاء: عرفات مدابش - الرياض: ناصر الحقباني»."""
    pieces = text.split(":")
    if len(pieces) < 2 or not pieces[0].strip() or not pieces[-1].strip(" -–—ـ"):
        return []
    bylines: list[Byline] = []
    place = pieces[0]
    for middle in pieces[1:-1]:
        middle = middle.strip()
        match = _MIDDLE_SPLIT.match(middle)
        if match:
            author, next_place = match["author"], match["place"]
        else:
            words = middle.split()
            author, next_place = " ".join(words[:-1]), words[-1] if words else ""
        bylines.append(Byline(author=_clean_part(author) or None, dateline=_clean_part(place) or None))
        place = next_place
    bylines.append(Byline(author=_clean_part(pieces[-1]) or None, dateline=_clean_part(place) or None))
    return [b for b in bylines if b.author or b.dateline]


def _from_parts(parts: list[str]) -> Byline:
    """«ماجد القرني - جدة», «طوكيو- أ ف ب», «تحرير - صلاح سالم - جدة»: tell places from names."""
    places = [p for p in parts if is_place(p)]
    others = [p for p in parts if not is_place(p)]
    people = [p for p in others if not _is_outlet_or_agency(p)]
    if not places and len(parts) == 2 and not people:
        return Byline(author=parts[1], dateline=parts[0])
    author_parts = people or others
    author = " - ".join(author_parts) if author_parts else None
    dateline = " - ".join(places) if places else None
    if author is None and places and len(places) > 1:
        # «الرياض - الرياض»: a place repeated in the author slot is the outlet's name.
        author, dateline = places[-1], places[0]
    return Byline(author=author, dateline=dateline)


def byline_line(line: str) -> Byline | None:
    """A standalone line of a text page that is a byline, in the strict forms only.

    «رائد جبر (موسكو)», ««الشرق الأوسط» (وارسو)», «لندن: رنيم حنوش».
    """
    if len(line) > _BYLINE_MAX_CHARS:
        return None
    line = clean(line)
    words = line.split()
    if not words or len(words) > cues()["byline_max_words"]:
        return None
    match = _PAREN_FORM.match(line)
    if match and len(match["place"].split()) <= 3 and normalize_agency(match["place"]) is None:
        if len(match["author"].split()) <= 5 and not ends_with_terminal_punctuation(
            match["author"].replace("»", "")
        ):
            return Byline(author=_clean_part(match["author"]), dateline=_clean_part(match["place"]))
        return None
    prefixed = _AUTHOR_PREFIX().match(line)
    if prefixed and 1 <= len(prefixed["author"].split()) <= 4:
        # «حوار: آسيا العتروس», «بقلم: فلان»: the cue names the author, not a place.
        return Byline(author=_clean_part(prefixed["author"]))
    if line.count(":") == 1:
        place, author = (part.strip() for part in line.split(":"))
        if place and author and len(place.split()) <= 3 and len(author.split()) <= 5:
            if is_place(place.split(" - ")[0]) or author.startswith("«"):
                return Byline(author=_clean_part(author), dateline=_clean_part(place))
    return None
