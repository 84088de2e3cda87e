"""Photo-credit and wire names to one agency name: «إ.ب.أ» → EPA, «أ.ف.ب» → AFP, «رويترز» → Reuters."""

from __future__ import annotations

import re
from functools import cache

from khabar.structure.cues import load_table

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_DROP = re.compile(r"[\s.\-_/«»\"'·•،,]+")


def credit_key(credit: str) -> str:
    """Fold a credit for lookup: dots, spaces, hamza forms and case do not matter."""
    return _DROP.sub("", credit.translate(_FOLD)).casefold()


@cache
def _agency_index() -> dict[str, str]:
    table = load_table("structure/agencies.json")
    index: dict[str, str] = {}
    for agency, names in table.items():
        if agency.startswith("_"):
            continue
        for name in names:
            index[credit_key(name)] = agency
    return index


def normalize_agency(credit: str | None) -> str | None:
    """The agency a credit names, or None when it names none we know.

    >>> normalize_agency("إ.ب.أ"), normalize_agency("أسوشيتيد برس"), normalize_agency("فلان")
    ('EPA', 'AP', None)
    """
    if not credit:
        return None
    index = _agency_index()
    key = credit_key(credit)
    if key in index:
        return index[key]
    # «رويترز/غيتي», «أ.ف.ب - غيتي»: the first known part names the agency.
    for part in re.split(r"[/|+،,]| - | و", credit):
        part_key = credit_key(part)
        if part_key in index:
            return index[part_key]
    return None
