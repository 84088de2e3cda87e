"""CRF features for one sentence of tokens.

What a token looks like (its normalized form, clitic-stripped form, prefixes, suffixes, shape),
what it is like (word clusters learned on SaudiNewsNet), what is known about it (gazetteer
membership, single- and multi-word), and the cue words around it (titles, organization and place
heads), in a ±2 window. Per-word attributes are cached: news repeats its words, and this keeps
recognition well above 20,000 tokens per second.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from khabar.understand.ner.clusters import load_clusters
from khabar.understand.ner.context_cues import load_cues
from khabar.understand.ner.gazetteer import load_gazetteer
from khabar.understand.ner.harvest import load_harvest
from khabar.understand.normalize import more_frequent_rest, normalize, strip_clitics

TRIGGER_FILE = "triggers.tsv"
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)  # where a token looks for its neighbours' compact attributes
_NONE: tuple[str, ...] = ()
SHARED_HARVEST = 0  # harvested type buckets the neighbours see
# Arabic letters only (no tatweel, digits or marks): alphanumeric, never a digit, never Latin.
_ARABIC_LETTERS = re.compile("[\u0621-\u063a\u0641-\u064a]+")


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, str]:
    source = resources.files("khabar").joinpath("data", "ner", TRIGGER_FILE)
    table: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, kind = line.partition("\t")
            table.setdefault(normalize(word), kind)
    return table


@lru_cache(maxsize=1)
def word_ranks() -> dict[str, int]:
    """Frequency rank of each word of the cluster vocabulary (the table is written most frequent first)."""
    return {word: rank for rank, word in enumerate(load_clusters())}


def stem(norm: str) -> str:
    """Strip clitics when the remainder is a more frequent word than the whole token.

    «والعراق» → «العراق», «لموسكو» → «موسكو», but «بوتين» stays (more frequent than «وتين»).
    Unknown tokens fall back to removing an article-bearing prefix only.
    """
    ranks = word_ranks()
    rest = more_frequent_rest(norm, ranks)
    if rest is not None:
        return rest
    if norm in ranks:
        return norm
    return strip_clitics(norm)


def _shape(word: str) -> str:
    if _ARABIC_LETTERS.fullmatch(word):  # most words: letters, none a digit, none Latin
        return "arabic" if len(word) > 3 else "short"
    if word.isdigit():
        return "digit"
    if any("a" <= ch.lower() <= "z" for ch in word):
        return "latin"
    if not any(ch.isalnum() for ch in word):
        return "punct:" + word[:2]
    return "arabic" if len(word) > 3 else "short"


# Kept for the words of the last few articles only: the numpy decoder keeps each word's summed
# scores, so these strings are needed once per word (and by training).
@lru_cache(maxsize=50_000)
def word_info(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(own attributes, compact attributes shared with the neighbours) for one raw token."""
    norm = normalize(word)
    base = stem(norm)
    clusters = load_clusters()
    gazetteer = load_gazetteer().single
    triggers = load_triggers()
    cue_table = load_cues()
    cl = clusters.get(norm) or clusters.get(base) or _NONE
    in_norm, in_base = gazetteer.get(norm), gazetteer.get(base)
    gaz = sorted(in_norm | in_base) if in_norm and in_base else sorted(in_norm or in_base or ())
    trig = triggers.get(norm) or triggers.get(base)
    pre = norm[: len(norm) - len(base)]
    own = [
        "w=" + norm,
        "s=" + base,
        "pre=" + pre,
        "p2=" + base[:2],
        "p3=" + base[:3],
        "x1=" + base[-1:],
        "x2=" + base[-2:],
        "x3=" + base[-3:],
        "x4=" + base[-4:],
        "sh=" + _shape(word),
        "len=" + str(min(len(base), 8)),
    ]
    if norm.startswith("ال") or base != norm and pre.endswith("ال"):
        own.append("def")
    clustered = [f"c{k}={c}" for k, c in enumerate(cl, 1)]
    own.extend(clustered or ["c=none"])
    named = ["g=" + kind for kind in gaz]
    own.extend(named)
    if trig:
        own.append("t=" + trig)
    # Only the non-zero shares: a zero bucket says little and costs a lookup per token in tagging.
    cues = ["q=" + cue for cue in cue_table.get(norm) or cue_table.get(base) or _NONE if cue[1] != "0"]
    own.extend(cues)
    harvested = load_harvest().get(base, _NONE)
    own.extend(["ag=" + share for share in harvested])
    rank = word_ranks().get(base)
    own.append("rk=" + (str(len(str(rank))) if rank is not None else "none"))
    # Letter trigrams inside the word: transliterated foreign names have telltale clusters.
    # Sorted, not a set's order: attribute order must not depend on the hash seed, or retraining
    # gives a different model each run (a common prefix leaves the order of the trigrams as is).
    own.extend(["3g=" + gram for gram in sorted({base[k : k + 3] for k in range(1, len(base) - 3)})])
    # «w=», «s=», «x2=», «p2=», then the first three clusters, gazetteer types and cues.
    shared = [own[0], own[1], own[6], own[3], *clustered[:3], *named, *cues]
    shared.extend(["ag=" + share for share in harvested[:SHARED_HARVEST]])
    if trig:
        shared.append("t=" + trig)
    return tuple(own), tuple(shared)


def word_forms(word: str) -> tuple[str, str]:
    """(normalized form, clitic-stripped form) of a raw token: its «w=» and «s=» attributes."""
    own = word_info(word)[0]
    return own[0][2:], own[1][2:]


@lru_cache(maxsize=50_000)
def neighbour_attributes(word: str) -> tuple[tuple[str, ...], ...]:
    """A word's compact attributes as a token ``offset`` positions away sees them, for each offset."""
    shared = word_info(word)[1]
    return tuple(tuple(f"{offset}:" + a for a in shared) for offset in NEIGHBOUR_OFFSETS)


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """Attribute lists (crfsuite's string form) for each token of one sentence."""
    infos = [word_info(token) for token in tokens]
    around = [neighbour_attributes(token) for token in tokens]
    norms = [info[0][0][2:] for info in infos]
    multi = load_gazetteer().longest_matches(norms)
    n = len(tokens)
    features: list[list[str]] = []
    for i in range(n):
        attrs = list(infos[i][0])
        if multi[i] != "O":
            attrs.append("mg=" + multi[i])
        if i >= 2:
            attrs.extend(around[i - 2][0])
        if i >= 1:
            attrs.extend(around[i - 1][1])
            if multi[i - 1] != "O":
                attrs.append("-1:mg=" + multi[i - 1])
            attrs.append("bw=" + norms[i - 1] + "|" + norms[i])
        else:
            attrs.append("BOS")
        if i + 1 < n:
            attrs.extend(around[i + 1][2])
            if multi[i + 1] != "O":
                attrs.append("1:mg=" + multi[i + 1])
            attrs.append("bw+=" + norms[i] + "|" + norms[i + 1])
        else:
            attrs.append("EOS")
        if i + 2 < n:
            attrs.extend(around[i + 2][3])
        features.append(attrs)
    return features


def crf_items(tokens: list[str], features: list[list[str]]) -> list[list[str]]:
    """What crfsuite is given for a sentence (one place to change if attributes get weights)."""
    return features
