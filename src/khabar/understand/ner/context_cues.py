"""Name-likeness learned from unlabeled news: how often a word follows a title, an organization
head or a place preposition across SaudiNewsNet.

ANERcorp shows each rare name once or twice; the unlabeled corpus shows it dozens of times, often
right after «الرئيس» or «وزير» (a person), «شركة» or «وزارة» (an organization), «مدينة» or «في»
(a place). The share of such contexts, bucketed, is a CRF feature for every occurrence of the word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

CUES_FILE = "context-cues.tsv"
CUE_CLASSES = {"TITLE": "P", "ORG_HEAD": "O", "LOC_HEAD": "L", "LOC_PREP": "L", "SPEECH": "S"}
MIN_COUNT = 3


def harvest(sentences: Iterable[list[str]], triggers: dict[str, str]) -> dict[str, str]:
    """normalized word → cue buckets such as «P2 L0 O1 S0» (share of contexts, 0–3)."""
    total: Counter[str] = Counter()
    cued: dict[str, Counter[str]] = {key: Counter() for key in set(CUE_CLASSES.values())}
    for words in sentences:
        for i, word in enumerate(words):
            total[word] += 1
            seen = set()
            for j in (i - 1, i - 2):
                if j >= 0:
                    kind = CUE_CLASSES.get(triggers.get(words[j], ""))
                    if kind and (kind != "L" or j == i - 1):
                        seen.add(kind)
            for kind in seen:
                cued[kind][word] += 1
    table: dict[str, str] = {}
    for word, count in total.items():
        if count < MIN_COUNT:
            continue
        buckets = []
        for kind in sorted(cued):
            share = cued[kind][word] / count
            buckets.append(
                kind + ("0" if share < 0.02 else "1" if share < 0.1 else "2" if share < 0.3 else "3")
            )
        if any(b[1] != "0" for b in buckets):
            table[word] = " ".join(buckets)
    return table


def write_word_table(table: dict[str, str], path: Path) -> None:
    """A word → space-separated buckets table as TSV, sorted (context cues, harvested types)."""
    path.write_text("".join(f"{w}\t{c}\n" for w, c in sorted(table.items())), encoding="utf-8")


def read_word_table(name: str) -> dict[str, tuple[str, ...]]:
    """A packaged ``data/ner`` word table written by ``write_word_table``; empty when missing."""
    source = resources.files("khabar").joinpath("data", "ner", name)
    if not source.is_file():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, buckets = line.partition("\t")
        table[word] = tuple(buckets.split())
    return table


@lru_cache(maxsize=1)
def load_cues() -> dict[str, tuple[str, ...]]:
    return read_word_table(CUES_FILE)
