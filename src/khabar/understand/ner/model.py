"""The committed CRF models: load once, tag the sentences of a document with BIO labels.

Two passes: the sentence model tags each sentence from its own words; the document model, when
present, re-tags them knowing how the first pass read the same words elsewhere in the document.
Both are trained with crfsuite (``train.py``) and applied with numpy (``fastcrf.py``), which
composes each token's attributes exactly as ``features.sentence_features`` and
``document.document_features`` do for crfsuite. When the neural tagger's weights are present
(``neural.py``), its tag and transition scores, times ``NEURAL_WEIGHT``, are added to the document
model's before decoding: a product of the two experts.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from khabar.understand.ner import document as second
from khabar.understand.ner import neural
from khabar.understand.ner.conll import spans
from khabar.understand.ner.document import KINDS
from khabar.understand.ner.fastcrf import Layout, Weights, WordScores, add_slot, viterbi
from khabar.understand.ner.features import (
    NEIGHBOUR_OFFSETS,
    sentence_features,
    word_info,
    word_ranks,
)
from khabar.understand.ner.gazetteer import load_gazetteer, named_positions
from khabar.understand.normalize import normalize_word

MODEL_FILE = "anercorp-crf.model"
DOCUMENT_MODEL_FILE = "anercorp-crf-doc.model"
# How much the network's scores count beside the CRF's (whose perceptron weights have a scale of
# their own), chosen on the last tenth of train with all three models trained on the rest: dev F1
# 0.746 (CRFs alone) → 0.762 (5) 0.764 (8) 0.764 (12) 0.764 (15) 0.769 (20) 0.763 (30) 0.752 (network
# alone); 15 sits inside the plateau rather than on its edge.
NEURAL_WEIGHT = 15.0
NETWORK_SWITCH = "KHABAR_NER_NETWORK"  # «0»: the CRFs alone
COMMON_RANK = 2000  # words at least this frequent are never made names by ``carry_names``


def model_path(name: str = MODEL_FILE) -> Path:
    return Path(str(resources.files("khabar").joinpath("data", "ner", name)))


@lru_cache(maxsize=2)
def load_tagger(name: str = MODEL_FILE):  # -> pycrfsuite.Tagger | None
    """A crfsuite tagger, or None when its model file is missing (training and cross-checks use it)."""
    import pycrfsuite

    path = model_path(name)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def crfsuite_tags(document: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(second-pass, first-pass) tags of the committed models through crfsuite's own tagger, from
    the attribute strings: the reference the numpy decoder is checked and timed against."""
    first_tagger, second_tagger = load_tagger(), load_tagger(DOCUMENT_MODEL_FILE)
    first = [list(first_tagger.tag(sentence_features(tokens))) if tokens else [] for tokens in document]
    final = [list(second_tagger.tag(x)) if x else [] for x in second.document_features(document, first)]
    return final, first


def _pair_rows(weights: Weights) -> dict[str, dict[str, tuple[int, int]]]:
    """Rows of the «bw=a|b» (b seen after a) and «bw+=a|b» (a seen before b) attributes as
    a → b → (row of the first, row of the second), ``unknown`` for one the model lacks."""
    table: dict[str, dict[str, tuple[int, int]]] = {}
    unknown = weights.unknown
    for attribute, row in weights.rows.items():
        for k, prefix in enumerate(("bw=", "bw+=")):
            if attribute.startswith(prefix):
                first, _, second_word = attribute[len(prefix) :].partition("|")
                rows = table.setdefault(first, {}).get(second_word, (unknown, unknown))
                table[first][second_word] = (row, rows[1]) if k == 0 else (rows[0], row)
    return table


def _by_neighbour(weights: Weights) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
    """(the rows of the attributes without a neighbour's prefix, and for each offset the rows of
    those with «offset:» keyed without it, as ``Weights.offset_rows`` gives them), in one pass."""
    prefixes = {str(offset): offset for offset in NEIGHBOUR_OFFSETS}
    own: dict[str, int] = {}
    seen_from: dict[int, dict[str, int]] = {offset: {} for offset in NEIGHBOUR_OFFSETS}
    for attribute, row in weights.rows.items():
        head, colon, rest = attribute.partition(":")
        if colon and head in prefixes:
            seen_from[prefixes[head]][rest] = row
        else:
            own[attribute] = row
    return own, seen_from


class SentencePass:
    """The first pass: a word's own attributes, its neighbours' within ±2, and a few per position."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights
        # A word's own attributes as they are, the shared ones as each neighbour sees them. Own
        # attributes never carry a neighbour's «-1:»-style prefix: those rows are left out of the
        # table they are read with, which makes it half as large.
        own, seen_from = _by_neighbour(weights)
        slots = [(0, own), *((1, seen_from[offset]) for offset in NEIGHBOUR_OFFSETS)]
        self.words = WordScores(weights, word_info, slots)
        self.bos, self.eos = weights.row("BOS"), weights.row("EOS")
        self.pairs = _pair_rows(weights)

    def scores(
        self, layout: Layout, flat: list[str], norms: list[str], named: list[tuple[int, str]]
    ) -> np.ndarray:
        rows = self.words.rows(flat)
        table = self.words.table
        scores = table[rows, 0]
        for slot, offset in enumerate(NEIGHBOUR_OFFSETS, 1):
            add_slot(scores, table, rows, layout, offset, slot)
        state, row = self.weights.state, self.weights.row
        # Pairs of words («bw=a|b»): the word before and this one, this one and the next; looked up
        # by their first word, for the tokens whose word starts a known pair (an unknown pair adds
        # nothing, so only those are added, in the same order).
        known, unknown = self.pairs, self.weights.unknown
        starts = known.keys() & set(norms)  # the document's words that start a pair
        followed = layout.followed()
        neither = (unknown, unknown)
        pair_rows = [
            (i, *known[word].get(norms[i + 1], neither))
            for i, word in enumerate(norms)
            if word in starts and followed[i]
        ]
        if pair_rows:
            pairs = np.array(pair_rows, dtype=np.intp)
            scores[pairs[:, 0] + 1] += state[pairs[:, 1]]
            scores[pairs[:, 0]] += state[pairs[:, 2]]
        scores[layout.firsts()] += state[self.bos]
        scores[layout.lasts()] += state[self.eos]
        for i, tag in named:
            scores[i] += state[row("mg=" + tag)]
            if layout.position[i] > 0:
                scores[i - 1] += state[row("1:mg=" + tag)]
            if layout.position[i] + 1 < layout.length[i]:
                scores[i + 1] += state[row("-1:mg=" + tag)]
        return scores


class DocumentPass:
    """The second pass: a third of the first pass's attributes, plus what the first pass said."""

    def __init__(self, weights: Weights, first_labels: list[str]) -> None:
        self.weights = weights
        self.words = WordScores(weights, word_info, second.slot_rows(weights.rows))
        self.bos, self.eos = weights.row("BOS"), weights.row("EOS")
        # Label-indexed tables for the first pass's reading of a token and of its neighbours.
        self.said = weights.prefixed("p=", first_labels)
        self.said_before = weights.prefixed("-1:p=", first_labels)
        self.said_after = weights.prefixed("1:p=", first_labels)
        self.elsewhere = np.vstack([weights.prefixed("d=", KINDS), np.zeros((1, len(weights.labels)))])
        # Each first-pass label's kind as an index in KINDS («B-PERS» → «PERS»).
        self.kind_of = np.array([KINDS.index(label[2:] or "O") for label in first_labels], dtype=np.intp)

    def scores(
        self,
        layout: Layout,
        flat: list[str],
        named: list[tuple[int, str]],
        first: np.ndarray,
        first_labels: list[str],
    ) -> np.ndarray:
        rows = self.words.rows(flat)
        table = self.words.table
        scores = table[rows, 0]
        add_slot(scores, table, rows, layout, -1, 1)
        add_slot(scores, table, rows, layout, 1, 2)
        state, row = self.weights.state, self.weights.row
        scores[layout.firsts()] += state[self.bos]
        scores[layout.lasts()] += state[self.eos]
        for i, tag in named:
            scores[i] += state[row("mg=" + tag)]
        scores += self.said[first]
        before = layout.neighbours(-1)
        scores[before] += self.said_before[first[before - 1]]
        after = layout.neighbours(1)
        scores[after] += self.said_after[first[after + 1]]
        scores += self.elsewhere[second.elsewhere_kinds(flat, self.kind_of[first])]
        return scores


class TwoPassTagger:
    def __init__(
        self, sentence_model: Path, document_model: Path | None, neural_weights: Path | None = None
    ) -> None:
        weights = Weights(sentence_model)
        self.labels = weights.labels
        self.first = SentencePass(weights)
        self.transitions = weights.transitions
        self.second: DocumentPass | None = None
        if document_model is not None:
            document_weights = Weights(document_model)
            self.second = DocumentPass(document_weights, self.labels)
            self.second_labels = document_weights.labels
            self.second_transitions = document_weights.transitions
        self.neural = neural.load(neural_weights) if neural_weights is not None else None
        self._said_index = np.array(neural.said_ids(self.labels), dtype=np.intp)
        if self.neural is not None and self.second is not None:
            # The network's tags in the document model's label order, and its CRF scores with them.
            order = [self.neural.tags.index(label) for label in self.second_labels]
            self._network_order = order
            self._network_start = self.neural.start[order]
            self._network_end = self.neural.end[order]
            self._network_transitions = self.neural.transitions[np.ix_(order, order)]

    def final_scores(
        self, document: list[list[str]], first_only: bool = False
    ) -> tuple[Layout, np.ndarray, list[str], np.ndarray, np.ndarray | None, list[tuple[int, str]]]:
        """(layout, per-token label scores, labels, transitions) of the last pass, before decoding,
        the first pass's label indices when a second pass followed, and the multi-word gazetteer
        names found (flat index, BIO tag)."""
        layout = Layout(document)
        flat = [token for tokens in document for token in tokens]
        norms = [normalize_word(token) for token in flat]  # the «w=» of word_info
        # Multi-word gazetteer names («الولايات المتحدة»), found once for both passes and the network.
        named = named_positions(
            [
                norms[start : start + length]
                for start, length in zip(layout.starts, layout.lengths, strict=True)
            ]
        )
        scores = self.first.scores(layout, flat, norms, named)
        if self.second is None or first_only:
            return layout, scores, self.labels, self.transitions, None, named
        first = viterbi(scores, layout, self.transitions)
        scores = self.second.scores(layout, flat, named, first, self.labels)
        return layout, scores, self.second_labels, self.second_transitions, first, named

    def tag(
        self, document: list[list[str]], first_only: bool = False, crf_only: bool = False
    ) -> list[list[str]]:
        """BIO tags of each sentence; ``first_only``: the sentence CRF's, ``crf_only``: both CRFs'
        without the network or the rules after decoding (what crfsuite's own tagger gives)."""
        if not any(document):
            return [[] for _ in document]
        layout, scores, labels, transitions, first, named = self.final_scores(document, first_only)
        with_network = self.neural is not None and first is not None and not crf_only
        if with_network:
            scores, transitions = self._with_network(document, first, named, layout, scores, transitions)
        tags = [labels[k] for k in viterbi(scores, layout, transitions)]
        rows = [
            tags[start : start + length] for start, length in zip(layout.starts, layout.lengths, strict=True)
        ]
        if crf_only or first_only:
            return rows
        rows = carry_names(document, rows) if with_network else rows
        return split_coordination(document, rows, named)

    def _with_network(
        self,
        document: list[list[str]],
        first: np.ndarray,
        named: list[tuple[int, str]],
        layout: Layout,
        scores: np.ndarray,
        transitions: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        flat_tokens = [token for tokens in document for token in tokens]
        said = self._said_index[first]  # the sentence CRF's labels as the network's tag indices
        mg = neural.gazetteer_ids(named, layout.size)
        emitted = self.neural.token_emissions(flat_tokens, layout, mg, said)[:, self._network_order]
        scores = scores + NEURAL_WEIGHT * emitted
        scores[layout.firsts()] += NEURAL_WEIGHT * self._network_start
        scores[layout.lasts()] += NEURAL_WEIGHT * self._network_end
        return scores, transitions + NEURAL_WEIGHT * self._network_transitions


def carry_names(document: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """A rare word read as a name of one type somewhere in the document is that name wherever it was
    left untagged («سعود بن لافي الحمادي» … «وحث الحمادي»).

    The network reads the sentence CRF's tags, not the document pass's memory of other sentences,
    and can outvote that memory; this puts it back. Only words of three letters or more and rarer
    than the ``COMMON_RANK`` most frequent news words (dev F1 with the network 0.7640 → 0.7655;
    500: 0.7543, 5000: 0.7654).
    """
    # The clitic-stripped form of each word type: those the second pass just found for its memory.
    keys = second.memory_keys([token for tokens in document for token in tokens])
    carried = _names_read(document, tags, keys)
    if not carried:
        return tags
    # Each word type's carried kind, or None.
    kind_of = {token: carried.get(base) for token, (base, _) in keys.items()}
    result: list[list[str]] = []
    for tokens, row in zip(document, tags, strict=True):
        row = list(row)
        for i, token in enumerate(tokens):
            kind = kind_of[token] if row[i] == "O" else None
            if kind:
                row[i] = ("I-" if i and row[i - 1][2:] == kind else "B-") + kind
        result.append(row)
    return result


def _names_read(
    document: list[list[str]], tags: list[list[str]], keys: dict[str, tuple[str, bool]]
) -> dict[str, str]:
    """The rare words (clitic-stripped: ``keys``) read inside names of exactly one type, with it."""
    ranks = word_ranks()
    memory: dict[str, set[str]] = {}
    for tokens, row in zip(document, tags, strict=True):
        if row.count("O") == len(row):
            continue  # no name here: spares ``spans`` its loop over the tags
        for kind, first, last in spans(row):
            for token in tokens[first:last]:
                base = keys[token][0]
                if len(base) >= 3 and ranks.get(base, COMMON_RANK) >= COMMON_RANK:
                    memory.setdefault(base, set()).add(kind)
    return {base: next(iter(kinds)) for base, kinds in memory.items() if len(kinds) == 1}


def split_coordination(
    document: list[list[str]], tags: list[list[str]], named: list[tuple[int, str]]
) -> list[list[str]]:
    """Two names joined by «و» are two names: «تويوتا وجنرال موتورز», «بوتين وميركل».

    Both models often run one span over the conjunction. In ANERcorp train a «و»-word after a
    name starts a new one of the same type 432 times and continues it 112 times; the exceptions
    are kept: a multi-word gazetteer name running through it («البوسنة والهرسك»), an organization
    going on with a common «وال» word («المجلس الاقتصادي والاجتماعي»), a name that starts with
    «و» itself («وليد», where «ليد» is none) and the Mauritanian «ولد». Dev F1 0.7694 → 0.7720.
    """
    single = load_gazetteer().single
    inside = {i for i, tag in named if tag.startswith("I-")}
    result: list[list[str]] = []
    start = 0
    for tokens, row in zip(document, tags, strict=True):
        row = list(row)
        for i in range(1, len(tokens)):
            if not row[i].startswith("I-") or row[i] == "I-MISC" or start + i in inside:
                continue
            word = normalize_word(tokens[i])
            if len(word) < 3 or word[0] != "و" or word == "ولد":
                continue
            rest = word[1:]
            if word in single and rest not in single:
                continue
            if row[i] == "I-ORG" and rest.startswith("ال") and rest not in single and rest[2:] not in single:
                continue
            row[i] = "B-" + row[i][2:]
        result.append(row)
        start += len(tokens)
    return result


@lru_cache(maxsize=1)
def load_two_pass() -> TwoPassTagger | None:
    """The committed models, or None when the sentence model is missing (recognition then yields
    nothing). ``KHABAR_NER_NETWORK=0`` leaves the network out: about 1.5x the understanding
    throughput for about 2.4 points of entity F1 (README)."""
    path = model_path()
    if not path.is_file():
        return None
    document_path = model_path(DOCUMENT_MODEL_FILE)
    network_path = model_path(neural.WEIGHTS_FILE)
    use_network = os.environ.get(NETWORK_SWITCH, "1") != "0" and network_path.is_file()
    return TwoPassTagger(
        path,
        document_path if document_path.is_file() else None,
        network_path if use_network else None,
    )


def tag_document(document: list[list[str]]) -> list[list[str]]:
    """BIO tags for every sentence (a list of tokens) of one document."""
    tagger = load_two_pass()
    if tagger is None:
        return [["O"] * len(tokens) for tokens in document]
    return tagger.tag(document)


def tag(tokens: list[str]) -> list[str]:
    """BIO tags for one sentence: «يجري الرئيس الروسي فلاديمير بوتين» → O O O B-PERS I-PERS."""
    return tag_document([tokens])[0]
