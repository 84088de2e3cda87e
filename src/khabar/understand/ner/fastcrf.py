"""The trained CRFs applied with numpy: crfsuite's weights, crfsuite's answers, several times faster.

crfsuite's tagger looks up every attribute string of every token (about 80 a token, in each of the
two passes). Here the weights of a word's attributes are summed once per word type, for each
position the word can be seen from (itself, a neighbour two to the left, …), and kept as vectors
of label scores; a token's scores are then a few vector additions, and Viterbi runs over all the
sentences of a document at once. Tags are those crfsuite gives (``tests/test_ner_fastcrf.py``
compares both on ANERcorp).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

# Word types whose score vectors are kept; past it the table starts again (news vocabularies
# grow without end over a long ingest, and a re-summed vector costs only microseconds).
MAX_WORDS = 250_000  # about 150 MB of float64 score vectors for both passes at most
SENTENCES_PER_GROUP = 256  # sentences decoded together: bounds Viterbi's padded arrays


class Weights:
    """One crfsuite model as arrays: each attribute's row of label weights, and the transitions."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        label_index = {label: k for k, label in enumerate(self.labels)}
        self.rows: dict[str, int] = {}
        where_rows, where_labels, values = [], [], []
        for (attribute, label), weight in info.state_features.items():
            where_rows.append(self.rows.setdefault(attribute, len(self.rows)))
            where_labels.append(label_index[label])
            values.append(weight)
        # One extra row of zeros stands for every attribute the model never saw.
        self.unknown = len(self.rows)
        self.state = np.zeros((len(self.rows) + 1, len(self.labels)))
        self.state[where_rows, where_labels] = values
        self.transitions = np.zeros((len(self.labels), len(self.labels)))
        for (previous, label), weight in info.transitions.items():
            self.transitions[label_index[previous], label_index[label]] = weight

    def offset_rows(self, offset: int) -> dict[str, int]:
        """Rows of the attributes a token sees on its neighbour ``offset`` away, keyed without the
        «-1:»-style prefix, so a neighbour's attributes are looked up without building new strings."""
        prefix = f"{offset}:"
        return {a[len(prefix) :]: row for a, row in self.rows.items() if a.startswith(prefix)}

    def row(self, attribute: str) -> int:
        return self.rows.get(attribute, self.unknown)

    def prefixed(self, prefix: str, values: Sequence[str]) -> np.ndarray:
        """Rows of ``prefix + value`` for each value: «p=» with each label gives a label → scores table."""
        return self.state[[self.row(prefix + value) for value in values]]


class WordScores:
    """Per word type, the label scores of its attributes as seen from each position (its slots).

    ``slots(word)`` gives one attribute list per slot and ``lookups`` the attribute → row table each
    slot's list is read with (a neighbour slot can read unprefixed names in a table of its own).
    """

    def __init__(
        self,
        weights: Weights,
        slots: Callable[[str], Sequence[Sequence[str]]],
        lookups: Sequence[dict[str, int]],
    ) -> None:
        self.weights = weights
        self.slots = slots
        self.lookups = lookups
        self.index: dict[str, int] = {}
        self.table = np.zeros((1024, len(lookups), len(weights.labels)))

    def rows(self, words: Sequence[str]) -> np.ndarray:
        index = self.index
        if len(index) + len(words) > MAX_WORDS:
            index.clear()
        rows = []
        for word in words:
            row = index.get(word)
            if row is None:
                row = self._add(word)
            rows.append(row)
        return np.array(rows, dtype=np.intp)

    def _add(self, word: str) -> int:
        row = len(self.index)
        if row == len(self.table):
            grown = np.zeros((2 * row, *self.table.shape[1:]))
            grown[:row] = self.table
            self.table = grown
        # Every slot's rows start with the zero row, so no slot is empty for reduceat.
        unknown = self.weights.unknown
        found: list[int] = []
        starts: list[int] = []
        for lookup, attributes in zip(self.lookups, self.slots(word), strict=True):
            starts.append(len(found))
            found.append(unknown)
            found.extend([lookup[a] for a in attributes if a in lookup])
        self.table[row] = np.add.reduceat(self.weights.state[found], starts, axis=0)
        self.index[word] = row
        return row


class Layout:
    """Where each token of a document sits: its sentence, its position, the sentence's length."""

    def __init__(self, document: Sequence[Sequence[str]]) -> None:
        self.lengths = np.array([len(tokens) for tokens in document], dtype=np.intp)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)[:-1])).astype(np.intp)
        self.size = int(self.lengths.sum())
        sentence_of = np.repeat(np.arange(len(document)), self.lengths)
        self.position = np.arange(self.size) - self.starts[sentence_of]
        self.length = self.lengths[sentence_of]
        self._neighbours: dict[int, np.ndarray] = {}  # both passes ask for the same offsets

    def neighbours(self, offset: int) -> np.ndarray:
        """Tokens that have a neighbour ``offset`` away inside their own sentence."""
        found = self._neighbours.get(offset)
        if found is None:
            shifted = self.position + offset
            found = self._neighbours[offset] = np.flatnonzero((shifted >= 0) & (shifted < self.length))
        return found

    def firsts(self) -> np.ndarray:
        return self.starts[self.lengths > 0]

    def lasts(self) -> np.ndarray:
        return (self.starts + self.lengths - 1)[self.lengths > 0]


def add_slot(scores: np.ndarray, table: np.ndarray, rows: np.ndarray, layout: Layout, offset: int, slot: int):
    """Add to each token the scores of its neighbour ``offset`` away, from that word's ``slot``."""
    where = layout.neighbours(offset)
    scores[where] += table[rows[where + offset], slot]


def viterbi(scores: np.ndarray, layout: Layout, transitions: np.ndarray) -> np.ndarray:
    """Best label index for every token, each sentence decoded on its own, many sentences at once.

    Sentences are ordered longest first and decoded in groups: within a group the sentences still
    running at each step are a prefix of the batch, so shorter ones cost nothing once ended, and a
    huge document never pads thousands of short sentences to its longest one.
    """
    best_labels = np.zeros(layout.size, dtype=np.intp)
    order = np.argsort(-layout.lengths, kind="stable")
    for first in range(0, len(order), SENTENCES_PER_GROUP):
        members = order[first : first + SENTENCES_PER_GROUP]
        lengths = layout.lengths[members]
        if not lengths.size or lengths[0] == 0:
            break
        before = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        tokens = np.arange(int(lengths.sum())) + np.repeat(layout.starts[members] - before, lengths)
        rows = np.repeat(np.arange(len(members)), lengths)
        best_labels[tokens] = _decode(scores[tokens], rows, layout.position[tokens], lengths, transitions)
    return best_labels


def _decode(
    scores: np.ndarray, rows: np.ndarray, positions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray
) -> np.ndarray:
    """Viterbi over sentences given longest first: token k is at (rows[k], positions[k])."""
    size, longest, labels = len(lengths), int(lengths[0]), scores.shape[1]
    running = size - np.searchsorted(lengths[::-1], np.arange(longest), side="right")
    grid = np.zeros((size, longest, labels))
    grid[rows, positions] = scores
    best = grid[:, 0].copy()
    back = np.zeros((longest, size, labels), dtype=np.intp)
    for t in range(1, longest):
        k = running[t]
        candidates = best[:k, :, None] + transitions  # previous label × label
        back[t, :k] = candidates.argmax(axis=1)
        best[:k] = candidates.max(axis=1) + grid[:k, t]
    path = np.zeros((size, longest), dtype=np.intp)
    current = best.argmax(axis=1)
    every = np.arange(size)
    for t in range(longest - 1, -1, -1):
        k = running[t]
        path[:k, t] = current[:k]
        if t:
            current[:k] = back[t, every[:k], current[:k]]
    return path[rows, positions]
