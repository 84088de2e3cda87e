"""Entity linking: a mention's text to a canonical entity of the alias table.

Tries the name as written, then without a clitic prefix, then with and without the article ال,
all after ``normalize`` («لأذربيجان» → «أذربيجان» → Q227). A person is never linked to a place
or the reverse; places and organizations may swap (a country named as an actor, «روسيا تنفي»),
and a name read as a person may be an organization of the table («فرانس برس»).
"""

from __future__ import annotations

from khabar.understand.ner.aliases import CanonicalEntity, load_aliases
from khabar.understand.normalize import clitic_cuts, normalize

_COMPATIBLE = {
    ("PERS", "PERS"),
    ("LOC", "LOC"),
    ("ORG", "ORG"),
    ("LOC", "ORG"),
    ("ORG", "LOC"),
    ("MISC", "ORG"),
    ("PERS", "ORG"),
}


def candidates(name: str) -> list[str]:
    """Normalized spellings to look up: «للأمم المتحدة» → «للامم المتحده», «امم المتحده», «الامم المتحده»."""
    norm = " ".join(normalize(name).split())
    forms = [norm]
    for cut in clitic_cuts(norm):
        rest = norm[cut:]
        forms.append(rest)
        if norm[:cut].endswith("لل"):
            forms.append("ال" + rest)
    if norm.startswith("ال"):
        forms.append(norm[2:])
    else:
        forms.append("ال" + norm)
    return forms


def link(name: str, kind: str) -> CanonicalEntity | None:
    """The canonical entity for a mention, or None: «بوتين» (PERS) → Q7747."""
    table = load_aliases()
    for form in candidates(name):
        entity = table.by_alias.get(form)
        if entity is not None and (kind, entity.type) in _COMPATIBLE:
            return entity
    return None
