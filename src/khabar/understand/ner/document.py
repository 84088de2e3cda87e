"""Document-level consistency: a second CRF pass that sees how the first pass tagged each word
elsewhere in the same document.

A name is usually introduced in full and in context («الرئيس الروسي فلاديمير بوتين»), then
repeated bare («بوتين»): the second pass lets the bare repetition borrow the confident first
reading. The second model is trained on first-pass tags obtained by cross-validation on train.
"""

from __future__ import annotations

from collections import Counter

from khabar.understand.ner.features import sentence_features, word_info


def _base(token: str) -> str:
    return word_info(token)[0][1][2:]  # the "s=" attribute: clitic-stripped, normalized


def document_features(document: list[list[str]], first_pass: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass attributes for every sentence of one document, given the first-pass tags."""
    memory: dict[str, Counter[str]] = {}
    for tokens, tags in zip(document, first_pass, strict=True):
        for token, tag in zip(tokens, tags, strict=True):
            if len(token) > 2 and token[0].isalpha():
                memory.setdefault(_base(token), Counter())[tag[2:] or "O"] += 1
    result: list[list[list[str]]] = []
    for tokens, tags in zip(document, first_pass, strict=True):
        features = sentence_features(tokens)
        n = len(tokens)
        for i, attrs in enumerate(features):
            attrs.append("p=" + tags[i])
            if i > 0:
                attrs.append("-1:p=" + tags[i - 1])
            if i + 1 < n:
                attrs.append("1:p=" + tags[i + 1])
            seen = memory.get(_base(tokens[i]))
            if seen:
                own = tags[i][2:] or "O"
                others = seen.copy()
                others[own] -= 1  # what the rest of the document said, not this token
                named = {kind: count for kind, count in others.items() if kind != "O" and count > 0}
                if named:
                    attrs.append("d=" + max(named, key=named.get))
                elif others["O"] > 0:
                    attrs.append("d=O")
        result.append(features)
    return result


def chunk(sentences: list, size: int = 20) -> list[list]:
    """Pseudo-documents for ANERcorp, whose files have no document boundaries."""
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]
