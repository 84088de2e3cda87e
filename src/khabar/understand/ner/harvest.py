"""Name types harvested from unlabeled news: what a context-only tagger makes of each word across
SaudiNewsNet.

ANERcorp shows a rare name once; SaudiNewsNet shows it dozens of times. A small CRF that sees only
a word's neighbours (never the word itself) is trained on ANERcorp and run over the corpus; the
share of each word's occurrences it tags PERS, LOC, ORG or MISC, bucketed, becomes a per-word
attribute (``ag=``). Because that tagger never sees the word, its verdict is as reliable on words
of the training set as on unseen ones, so the main CRF does not learn to over-trust it
(self-training without leaking the labels; cf. the harvested gazetteers of Ratinov & Roth 2009).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from khabar.understand.ner.context_cues import read_word_table

HARVEST_FILE = "harvested-types.tsv"
TYPES = ("LOC", "MISC", "ORG", "PERS")
MIN_COUNT = 3
EPOCHS = 10


def context_attributes(tokens: list[str]) -> list[list[str]]:
    """The neighbours' shared attributes (±2) of each token, none of its own."""
    from khabar.understand.ner.features import neighbour_attributes

    around = [neighbour_attributes(token) for token in tokens]
    n = len(tokens)
    result: list[list[str]] = []
    for i in range(n):
        attrs: list[str] = []
        if i >= 2:
            attrs.extend(around[i - 2][0])
        if i >= 1:
            attrs.extend(around[i - 1][1])
        else:
            attrs.append("BOS")
        if i + 1 < n:
            attrs.extend(around[i + 1][2])
        else:
            attrs.append("EOS")
        if i + 2 < n:
            attrs.extend(around[i + 2][3])
        result.append(attrs)
    return result


def train_context_tagger(sentences: list[tuple[list[str], list[str]]], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer("ap", verbose=False)
    for tokens, tags in sentences:
        trainer.append(context_attributes(tokens), tags)
    trainer.set_params({"max_iterations": EPOCHS, "feature.possible_transitions": True})
    trainer.train(str(path))


def count_types(texts: Iterable[str], path: Path) -> Counter[tuple[str, str]]:
    """(normalized, clitic-stripped word, type or «ALL») → how often the context tagger said so."""
    import pycrfsuite

    from khabar.understand.ner.features import word_info
    from khabar.understand.ner.tokens import sentences, tokenize

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        tokens = tokenize(text)
        for sentence in sentences(text, tokens):
            words = [token.text for token in sentence]
            for word, tag in zip(words, tagger.tag(context_attributes(words)), strict=True):
                if word[0].isalpha():
                    base = word_info(word)[0][1][2:]  # the "s=" attribute
                    counts[base, "ALL"] += 1
                    if tag != "O":
                        counts[base, tag[2:]] += 1
    return counts


def buckets(counts: Counter[tuple[str, str]]) -> dict[str, str]:
    """word → type buckets such as «LOC0 MISC0 ORG1 PERS3» (share of its occurrences, 0–3)."""
    table: dict[str, str] = {}
    for (word, kind), total in counts.items():
        if kind != "ALL" or total < MIN_COUNT:
            continue
        shares = [name + _bucket(counts[word, name] / total) for name in TYPES]
        if any(b[-1] != "0" for b in shares):
            table[word] = " ".join(shares)
    return table


def _bucket(share: float) -> str:
    return "0" if share < 0.05 else "1" if share < 0.2 else "2" if share < 0.5 else "3"


@lru_cache(maxsize=1)
def load_harvest() -> dict[str, tuple[str, ...]]:
    """The committed table: normalized, clitic-stripped word → its non-zero type buckets."""
    return {
        word: tuple(b for b in buckets if b[-1] != "0")
        for word, buckets in read_word_table(HARVEST_FILE).items()
    }
