"""The document pass's memory of how the first pass read each word elsewhere in the document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.understand.ner.document import _memory_key, elsewhere_readings

WORDS = ["بوتين", "وبوتين", "موسكو", "لموسكو", "في", "فيَ", "الرئيس", "والرئيس", "،", "ab", "abc", "2015"]
TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def _reference(tokens: list[str], tags: list[str]) -> list[str | None]:
    """The rule in plain Python: the other readings of the word, this token's discounted; the most
    frequent type, the first read winning a tie; else «O» if read as no name elsewhere."""
    memory: dict[str, dict[str, int]] = {}
    for token, tag in zip(tokens, tags, strict=True):
        base, counted = _memory_key(token)
        if counted:
            counts = memory.setdefault(base, {})
            counts[tag[2:] or "O"] = counts.get(tag[2:] or "O", 0) + 1
    readings: list[str | None] = []
    for token, tag in zip(tokens, tags, strict=True):
        counts = memory.get(_memory_key(token)[0], {})
        own = tag[2:] or "O"
        best, best_count = None, 0
        for kind, count in counts.items():
            count -= kind == own
            if kind != "O" and count > best_count:
                best, best_count = kind, count
        readings.append(best or ("O" if counts.get("O", 0) - (own == "O") > 0 else None))
    return readings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS)), max_size=40))
def test_elsewhere_readings_follow_the_rule(pairs: list[tuple[str, str]]) -> None:
    tokens, tags = [p[0] for p in pairs], [p[1] for p in pairs]
    assert elsewhere_readings(tokens, tags) == _reference(tokens, tags)


def test_a_tie_goes_to_the_type_read_first() -> None:
    tokens = ["بوتين", "بوتين", "بوتين"]
    assert elsewhere_readings(tokens, ["B-LOC", "B-PERS", "O"]) == ["PERS", "LOC", "LOC"]
