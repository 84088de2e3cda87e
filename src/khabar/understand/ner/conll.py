"""CoNLL-style NER files (``token TAG`` a line, blank line between sentences) and their scoring.

Scoring follows seqeval's default (CoNLL-2000) convention: an entity is a maximal run of B-/I-
tags of one type (an I- after O or after another type opens a new entity); a prediction counts
only when span and type match exactly; precision, recall and F1 are micro-averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Sentence = tuple[list[str], list[str]]


def read_conll(path: Path | str) -> list[Sentence]:
    """Sentences as (tokens, tags); a malformed line (no tag) is read as tag O."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) token spans of a BIO sequence, end exclusive."""
    result: list[tuple[str, int, int]] = []
    kind: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind is not None and not continues:
            result.append((kind, start, i))
            kind = None
        if prefix in ("B", "I") and label and not continues:
            kind, start = label, i
    return result


@dataclass(slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def evaluate(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, Score]:
    """Per-type and ``overall`` (micro) scores, as seqeval's classification report computes them."""
    true_spans: set[tuple[int, str, int, int]] = set()
    pred_spans: set[tuple[int, str, int, int]] = set()
    for n, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        true_spans.update((n, *span) for span in spans(g))
        pred_spans.update((n, *span) for span in spans(p))
    kinds = sorted({span[1] for span in true_spans | pred_spans})
    scores = {kind: _score(true_spans, pred_spans, kind) for kind in kinds}
    scores["overall"] = _score(true_spans, pred_spans, None)
    return scores


def _score(true_spans: set, pred_spans: set, kind: str | None) -> Score:
    t = {s for s in true_spans if kind is None or s[1] == kind}
    p = {s for s in pred_spans if kind is None or s[1] == kind}
    hit = len(t & p)
    precision = hit / len(p) if p else 0.0
    recall = hit / len(t) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(t))
