"""The date vocabulary, loaded once from the TSV tables under ``khabar/data/dates/``.

Every entry is stored in its *matching form*: the text after ``normalize`` (hamza-carrying alifs
to bare alif, alif maqsura to ya, ta marbuta to ha, Arabic-Indic digits to ASCII). ``normalize``
maps one character to one character, so offsets found in the normalized text are offsets in the
original text too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},  # ٠١٢… Arabic-Indic
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # ۰۱۲… Extended (Persian/Urdu)
    }
)
_HAS_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def normalize(text: str) -> str:
    """Fold spelling variants one character for one, so spans survive: «أغسطس ٢٠٢٤» → «اغسطس 2024».

    A chain of ``str.replace`` runs in C; ``str.translate`` with a table is several times slower
    on Arabic text, and this runs on every article."""
    for old, new in _FOLDS:
        text = text.replace(old, new)
    if _HAS_DIGIT.search(text):
        text = text.translate(_DIGITS)
    return text


@dataclass(frozen=True, slots=True)
class Vocabulary:
    months: dict[str, int] = field(default_factory=dict)  # Gregorian, all regional variants
    months_alone: frozenset[str] = frozenset()  # names that are safely a month with nothing around
    hijri_months: dict[str, int] = field(default_factory=dict)
    hijri_alone: frozenset[str] = frozenset()
    weekdays: dict[str, int] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[str, int]] = field(default_factory=dict)
    cues: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → {cue: offset or unit}


DATA = Path(__file__).resolve().parents[2] / "data" / "dates"


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _key(word: str) -> str:
    return " ".join(normalize(word).split())


@cache
def vocabulary() -> Vocabulary:
    months = {_key(r[0]): int(r[1]) for r in _rows("months.tsv")}
    months_alone = frozenset(_key(r[0]) for r in _rows("months.tsv") if r[3].strip() == "yes")
    hijri = {_key(r[0]): int(r[1]) for r in _rows("hijri_months.tsv")}
    hijri_alone = frozenset(_key(r[0]) for r in _rows("hijri_months.tsv") if r[2].strip() == "yes")
    cues: dict[str, dict[str, str]] = {}
    for cue, kind, value in _rows("relative.tsv"):
        cues.setdefault(kind, {})[_key(cue)] = value.strip()
    return Vocabulary(
        months=months,
        months_alone=months_alone,
        hijri_months=hijri,
        hijri_alone=hijri_alone,
        weekdays={_key(r[0]): int(r[1]) for r in _rows("weekdays.tsv")},
        ordinals={_key(r[0]): int(r[1]) for r in _rows("ordinals.tsv")},
        numbers={_key(r[0]): int(r[1]) for r in _rows("numbers.tsv")},
        units={_key(r[0]): (r[1], int(r[2])) for r in _rows("units.tsv")},
        cues=cues,
    )
