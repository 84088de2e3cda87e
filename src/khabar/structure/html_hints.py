"""The HTML structurer's hints (``data/html/selectors.json``): which elements are boilerplate, which
hold related-article teasers, bylines, captions, subtitles — read from tag names and class/id words.

Kept as data beside the algorithm, as trafilatura keeps its XPaths: a new site's pattern is a line
in the table, not a change of code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from selectolax.lexbor import LexborNode

from khabar.structure.cues import load_table


@cache
def hints() -> dict[str, Any]:
    return load_table("html/selectors.json")


@cache
def tag_set(name: str) -> frozenset[str]:
    return frozenset(hints()[name])


def class_and_id(node: LexborNode) -> str:
    """``class`` and ``id`` together, lower-cased: the words a site names its parts with."""
    attributes = node.attributes
    return f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()


def has_hint(node: LexborNode, table: str) -> bool:
    """True when the node's class or id contains one of the words of ``table`` (``related_hints``)."""
    names = class_and_id(node)
    if not names.strip():
        return False
    return any(word in names for word in hints()[table])
