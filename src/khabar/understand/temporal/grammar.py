"""One precompiled regular expression that finds every candidate temporal expression.

The pattern runs over *normalized* text (see ``tables.normalize``) and is assembled from the data
tables, so adding a month spelling is a one-line change in a TSV. Each top-level alternative is a
named group; ``match.lastgroup`` says which kind of expression was found and ``tagger`` reads its
parts with the small ``PART_*`` patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from khabar.understand.temporal.tables import Vocabulary, normalize, vocabulary

G = r"[^\S\n]"  # horizontal space: an expression never crosses a paragraph
S = G + "+"
SP = G + "*"  # optional space
MARKS = "[\u064b-\u0652]*"  # tanween and short vowels after a word («غداً»)
END = MARKS + r"(?!\w)"


def _alternation(words: Iterable[str]) -> str:
    """A trie-shaped alternation («ي(?:ناير|و(?:نيو|ليو))»): the regex engine tests each letter
    once instead of every word in turn, which is most of the tagger's speed. Inner spaces match
    any spacing, and «الحادي و العشرين» is accepted for «الحادي والعشرين»."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _emit(trie, "") + ")"


def _emit(node: dict[str, dict], previous: str) -> str:
    branches = []
    for char in sorted(c for c in node if c):
        if char == " ":
            piece = S
        elif char == "و" and previous == " ":
            piece = "و" + SP
        else:
            piece = re.escape(char)
        branches.append(piece + _emit(node[char], char))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def _words(v: Vocabulary, kind: str) -> list[str]:
    return list(v.cues.get(kind, {}))


# first words of the expressions that do not open with a number or a month, weekday or ordinal
_OPENERS = (
    "منذ من بين يوم شهر عام عامي العامين سنتي الأعوام العام لعام سنة السنة لسنة هذا هذه "
    "الأسبوع الشهر لأسبوع لشهر أمس أول بعد البارحة اليوم الليلة غدا قبل"
).split()


@cache
def parts() -> dict[str, str]:
    v = vocabulary()
    p: dict[str, str] = {}
    p["WD"] = _alternation(v.weekdays) + END
    p["MON"] = _alternation(v.months) + END
    p["HMON"] = _alternation(v.hijri_months) + END
    p["ORD"] = _alternation(v.ordinals) + END
    p["NUMW"] = _alternation(v.numbers) + END
    p["UNIT"] = _alternation(v.units) + END
    p["SHIFT"] = _alternation(_words(v, "shift")) + END
    p["DAYNUM"] = r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?!\d)"
    p["DAY"] = f"(?:{p['DAYNUM']}|{p['ORD']})"
    p["YEAR"] = (
        r"(?<!\d)(?:1[89]\d\d|2[01]\d\d)(?!\d)(?:"
        + SP
        + _alternation(normalize(w) for w in _words(v, "ad"))
        + END
        + ")?"
    )
    p["HYEAR"] = r"(?<!\d)1[34]\d\d(?!\d)(?:" + SP + r"(?:هـ|ه|هجريه|هجري)(?!\w))?"
    p["HMARK"] = r"(?<=\d)" + SP + r"(?:هـ|ه|هجريه|هجري)(?!\w)"
    return p


@cache
def pattern() -> re.Pattern[str]:
    p = parts()
    wd, mon, hmon, day, shift = p["WD"], p["MON"], p["HMON"], p["DAY"], p["SHIFT"]
    year, hyear = p["YEAR"], p["HYEAR"]
    pair = rf"(?:{SP}[(\[]{SP}{mon}{SP}[)\]]|{SP}[-–/]{SP}{mon}|{S}{mon})"
    conj = rf"(?:{SP}[-–]{SP}|{SP}(?:إلى|الى|حتى|لغاية|و){SP})"
    # «أكتوبر من العام الماضي»: the year given as a shift
    year_part = rf"(?:{SP}[،,]?{SP}(?:(?:عام|سنه|لعام){S})?{year}|{S}من{S}(?:العام|السنه){S}{shift})"
    since = rf"(?:منذ{S})?"
    range_pre = rf"(?:(?:من|بين){S})?"
    weekday_pre = rf"(?:(?:يوم{S})?{wd}{SP}[،,]?{SP}(?:(?:الموافق|بتاريخ){S})?)?"
    days = rf"{day}(?:{conj}{day})*"
    month_of = rf"(?:من{S})?(?:شهر{S})?"
    year_noun = rf"(?:(?:عامي|العامين|سنتي|الاعوام|عام|العام|لعام|سنه|السنه|لسنه){S})"
    period_noun = r"(?:ال|ل)(?:اسبوع|شهر|عام|سنه)(?!\w)"
    numeric_dates = "|".join(
        rf"(?<!\d)\d{{1,2}}{SP}{sep}{SP}\d{{1,2}}{SP}{sep}{SP}(?:1[3-9]|2[01])\d\d(?!\d)|(?<!\d)(?:1[3-9]|2[01])\d\d{SP}{sep}{SP}\d{{1,2}}{SP}{sep}{SP}\d{{1,2}}(?!\d)"
        for sep in ("/", r"\.", "-")
    )
    alternatives = {
        "numeric": rf"{since}{weekday_pre}(?:{numeric_dates})(?:{SP}(?:هـ|ه|م)(?!\w))?",
        "dm": rf"{since}{range_pre}{weekday_pre}{days}{SP}{month_of}{mon}{pair}?(?:{conj}{days}{SP}{month_of}{mon}{pair}?)?(?:{year_part}|{S}{shift})?",
        "dmrel": rf"{since}{range_pre}{weekday_pre}{days}{S}(?:من{S})?(?:هذا{S})?الشهر(?:{S}{shift})?(?!\w)",
        "hdm": rf"{since}{weekday_pre}(?:{days}{SP}(?:من{S})?)?(?:شهر{S})?{hmon}(?:{SP}{hyear})?",
        "my": rf"{since}(?:شهر{S})?{mon}{pair}?(?:{year_part}|{S}{shift})?",
        "years": rf"{since}{range_pre}{year_noun}?(?:{year}|{hyear})(?:(?:{conj}|{SP}/{SP}){year_noun}?(?:{year}|{hyear}))?",
        "ago": rf"(?:منذ|قبل|بعد){S}(?:(?:نحو|حوالي|قرابه){S})?(?:(?:{p['NUMW']}|\d{{1,3}}){SP})?{p['UNIT']}(?!{SP}\d)",
        "period": rf"(?:(?:هذا|هذه){S}{period_noun}|{period_noun}{S}{shift})",
        "dayrel": rf"(?:امس{S}الاول|اول{S}(?:من{S})?امس|بعد{S}غد|امس|البارحه|اليوم|الليله|غدا){END}(?:{SP}\({SP}{wd}{SP}\)|{S}{wd}(?:{S}{shift})?)?",
        "wday": rf"(?:يوم{S})?{wd}(?:{S}{shift})?",
    }
    body = "|".join(f"(?P<{name}>{alt})" for name, alt in alternatives.items())
    # a cheap gate: most word starts cannot open an expression, and are dropped at their first letters
    v = vocabulary()
    openers = [*v.months, *v.hijri_months, *v.weekdays, *v.ordinals, *(normalize(w) for w in _OPENERS)]
    gate = rf"(?=[وفبل]{{0,2}}(?:\d|{_alternation(openers)}))"
    # the literals above are written as read; normalize folds them like the text («إلى» → «الي»)
    return re.compile(normalize(rf"(?<!\w){gate}(?:[وفبل]|وب|ول|وف|فب|فل)??(?:{body})"))


@cache
def part(name: str) -> re.Pattern[str]:
    """A single vocabulary pattern, for reading the pieces of a found expression."""
    return re.compile(parts()[name])
