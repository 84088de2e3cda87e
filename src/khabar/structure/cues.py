"""The structurer's data tables (``khabar/data/structure/*.json``), loaded once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

_EDGE_PUNCTUATION = " \t:：-–—|•·.،,!؟?…"


def load_table(name: str) -> Any:
    """A JSON data table shipped in the package under ``data/``."""
    path = resources.files("khabar") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def cues() -> dict[str, Any]:
    return load_table("structure/cues.json")


def line_key(line: str) -> str:
    """A line reduced for comparison with cue tables: «اقرأ أيضاً:» → «اقرأ أيضاً»."""
    return re.sub(r"\s+", " ", line.strip(_EDGE_PUNCTUATION))


@cache
def _related_headers() -> frozenset[str]:
    return frozenset(line_key(item) for item in cues()["related_headers"])


@cache
def _boilerplate_lines() -> frozenset[str]:
    return frozenset(line_key(item).casefold() for item in cues()["boilerplate_lines"])


# Cue lines are short; longer lines skip the normalization entirely (most lines are paragraphs).
_SHORT_LINE = 40


def is_related_header(line: str) -> bool:
    """«مقالات ذات صلة» and its kin open a block of related-article teasers."""
    return len(line) <= _SHORT_LINE and line_key(line) in _related_headers()


def is_boilerplate(line: str) -> bool:
    """Lines that carry no article content: the stray «TT», share and subscribe lines."""
    if len(line) <= _SHORT_LINE and line_key(line).casefold() in _boilerplate_lines():
        return True
    return line.lstrip().startswith(_boilerplate_prefixes())


@cache
def _boilerplate_prefixes() -> tuple[str, ...]:
    return tuple(cues()["boilerplate_prefixes"])


@cache
def sections_by_length() -> tuple[str, ...]:
    """Known section names, longest first so «العالم العربي» wins over «العالم»."""
    return tuple(sorted(cues()["sections"], key=len, reverse=True))


def ends_with_terminal_punctuation(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in cues()["terminal_punctuation"]
