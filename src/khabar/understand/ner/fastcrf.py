"""The trained CRFs applied with numpy: crfsuite's weights, crfsuite's answers, several times faster.

crfsuite's tagger looks up every attribute string of every token (about 80 a token, in each of the
two passes). Here the weights of a word's attributes are summed once per word type, for each
position the word can be seen from (itself, a neighbour two to the left, …), and kept as vectors
of label scores; a token's scores are then a few vector additions, and Viterbi runs over all the
sentences of a document at once. Tags are those crfsuite gives (``tests/test_ner_fastcrf.py``
compares both on ANERcorp).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
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
        self.labels: list[str] = list(tagger.labels())
        label_index = {label: k for k, label in enumerate(self.labels)}
        transitions, features = read_dump(tagger)
        self.rows: dict[str, int] = {}
        rows = self.rows.setdefault
        where_rows = [rows(attribute, len(self.rows)) for attribute, _, _ in features]
        where_labels = [label_index[label] for _, label, _ in features]
        # One extra row of zeros stands for every attribute the model never saw.
        self.unknown = len(self.rows)
        self.state = np.zeros((len(self.rows) + 1, len(self.labels)))
        self.state[where_rows, where_labels] = [weight for _, _, weight in features]
        self.transitions = np.zeros((len(self.labels), len(self.labels)))
        for previous, label, weight in transitions:
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


Weighted = tuple[str, str, float]  # (attribute or previous label, label, weight)


def read_dump(tagger) -> tuple[list[Weighted], list[Weighted]]:  # tagger: pycrfsuite.Tagger
    """(transitions, state features) of a crfsuite model, read from its text dump in file order.

    What ``Tagger.info()`` gives, a few times faster: its parser runs a regular expression per line,
    over 300,000 lines, and loading the models was a second of every cold start.
    """
    with tempfile.TemporaryDirectory() as folder:
        name = str(Path(folder) / "model.txt")
        tagger.dump(name)
        lines = Path(name).read_bytes().decode("utf-8").split("\n")
    sections: dict[str, list[Weighted]] = {"TRANSITIONS": [], "STATE_FEATURES": []}
    current: list[Weighted] | None = None
    for line in lines:
        line = line.lstrip().rstrip("\r\n")
        if line.endswith(" = {") and line[:-4] in _SECTIONS:
            current = sections.get(line[:-4])
        elif line == "}":
            current = None
        elif line and current is not None:
            # «(12) -1:w=بوتين --> B-PERS: 1.234567»: the number last, the label before it.
            head, _, weight = line.rpartition(": ")
            head, _, label = head.rpartition(" --> ")
            current.append((head.partition(") ")[2], label, float(weight)))
    return sections["TRANSITIONS"], sections["STATE_FEATURES"]


_SECTIONS = ("FILEHEADER", "LABELS", "ATTRIBUTES", "TRANSITIONS", "STATE_FEATURES")


class AttributeCodes:
    """A number for every attribute string that some loaded model knows (0: none does), shared by
    the word tables of both passes: a new word's attributes are looked up once for the two.

    The look-ups are the cost of a new word: the tables are large and the strings new, so each one
    is a few cache misses; the second pass meets the same new words as the first, right after.
    """

    def __init__(self) -> None:
        self.code: dict[str, int] = {}
        self._last: tuple[Callable, list[str], int, list[tuple[np.ndarray, np.ndarray]]] | None = None
        # Each word of the last answer: its lists' codes (all of them or not), for a caller asking
        # about some of the same words (the network: the CRFs' new words and those past its cache).
        self._recent: tuple[Callable | None, dict[str, tuple[list[list[int]], bool]]] = (None, {})

    def add(self, attributes: Iterable[str]) -> None:
        code = self.code
        for attribute in attributes:
            code.setdefault(attribute, len(code) + 1)
        self._last = None
        self._recent = (None, {})

    def coded(
        self, words: list[str], attributes: Callable[[str], Sequence[Sequence[str]]], parts: int | None = None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each of the attribute lists ``attributes`` gives a word (the first ``parts`` of them
        when given): the codes of every word's list one after another, each word's led by a 0, and
        a mask of those leading places. The last answer is kept, for the second pass asking about
        the same words, and the codes of its words, for a question about some of them."""
        last = self._last
        if (
            last is not None
            and last[0] is attributes
            and (parts is None or parts <= last[2])
            and last[1] == words
        ):
            return last[3][:parts] if parts is not None else last[3]
        get = self.code.get
        recent = self._recent[1] if self._recent[0] is attributes else {}
        lists_of: dict[str, tuple[list[list[int]], bool]] = {}
        per_word = []
        for word in words:
            found = recent.get(word)
            if found is None or not (found[1] if parts is None else len(found[0]) >= parts):
                info = attributes(word)
                found = ([[get(a, 0) for a in attributes_] for attributes_ in info[:parts]], parts is None)
            lists_of[word] = found
            per_word.append(found[0])
        count = (len(per_word[0]) if parts is None else parts) if per_word else 0
        coded = []
        for part in range(count):
            lists = [word_lists[part] for word_lists in per_word]
            lengths = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists)) + 1
            leading = np.zeros(int(lengths.sum()), dtype=bool)
            leading[np.cumsum(lengths) - lengths] = True
            ids = np.zeros(len(leading), dtype=np.intp)
            ids[~leading] = [c for codes in lists for c in codes]
            coded.append((ids, leading))
        self._last = (attributes, list(words), count, coded)
        self._recent = (attributes, lists_of)
        return coded


CODES = AttributeCodes()  # one numbering for every model loaded in this process


class Vocabulary:
    """A number for every word type met, shared by the word tables of both passes: the second pass
    gets a document's numbers from the first without looking its tokens up again. Past
    ``MAX_WORDS`` it starts again, and ``generation`` tells the tables to forget their rows."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []
        self.generation = 0
        self._last: tuple[Sequence[str], np.ndarray, np.ndarray] | None = None

    def forget(self) -> None:
        """Start the numbering again: every table scores its words anew."""
        self.index.clear()
        self.words.clear()
        self.generation += 1
        self._last = None

    def numbers(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(each word's number, the numbers of its distinct words in order of first occurrence)."""
        last = self._last
        if last is not None and (last[0] is words or last[0] == words):
            return last[1], last[2]
        types = dict.fromkeys(words)
        if len(self.index) + len(types) > MAX_WORDS:
            self.forget()
        index = self.index
        new = [word for word in types if word not in index]
        index.update(zip(new, range(len(index), len(index) + len(new)), strict=True))
        self.words.extend(new)
        numbers = np.fromiter(map(index.__getitem__, words), dtype=np.intp, count=len(words))
        distinct = np.fromiter(map(index.__getitem__, types), dtype=np.intp, count=len(types))
        self._last = (list(words), numbers, distinct)
        return numbers, distinct


WORDS = Vocabulary()  # one numbering of the words for every word table in this process


class WordScores:
    """Per word type, the label scores of its attributes as seen from each position (its slots).

    A word has two attribute lists (``attributes(word)``: its own, and the compact ones its
    neighbours see); each slot reads one of them through an attribute → row table of its own (a
    neighbour slot reads unprefixed names, a slot of the document pass only some families). The
    words a document brings that were never seen are scored together: their attributes coded once
    (``AttributeCodes``), then one gather and one ``reduceat`` per slot. Rows are numbered by the
    shared ``Vocabulary``; ``scored`` says which rows this table has filled.
    """

    def __init__(
        self,
        weights: Weights,
        attributes: Callable[[str], Sequence[Sequence[str]]],
        slots: Sequence[tuple[int, dict[str, int]]],
        codes: AttributeCodes = CODES,
        vocabulary: Vocabulary = WORDS,
    ) -> None:
        self.weights = weights
        self.attributes = attributes
        self.slots = slots
        self.codes = codes
        for _, rows in slots:
            codes.add(rows)
        self._rows_of_code: list[np.ndarray] = []
        self.vocabulary = vocabulary
        self.generation = vocabulary.generation
        self.table = np.zeros((1024, len(slots), len(weights.labels)))
        self.scored = np.zeros(1024, dtype=bool)

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """Each word's row of ``table``, scoring the words not seen before first."""
        numbers, distinct = self.vocabulary.numbers(words)
        if self.generation != self.vocabulary.generation:
            self.scored[:] = False
            self.generation = self.vocabulary.generation
        if len(self.vocabulary.words) > len(self.scored):
            self._grow(len(self.vocabulary.words))
        missing = distinct[~self.scored[distinct]]
        if len(missing):
            self._add(missing)
        return numbers

    def _grow(self, size: int) -> None:
        size = max(2 * len(self.scored), size)
        table = np.zeros((size, *self.table.shape[1:]))
        table[: len(self.table)] = self.table
        scored = np.zeros(size, dtype=bool)
        scored[: len(self.scored)] = self.scored
        self.table, self.scored = table, scored

    def _add(self, numbers: np.ndarray) -> None:
        everyone = self.vocabulary.words
        words = [everyone[k] for k in numbers.tolist()]
        coded = self.codes.coded(words, self.attributes)
        state, unknown = self.weights.state, self.weights.unknown
        for slot, ((part, _), rows_of_code) in enumerate(zip(self.slots, self.rows_of_code(), strict=True)):
            # Word by word, the unknown row then the rows of the attributes this slot knows, in
            # list order: the rows crfsuite adds up, in its order (a float sum depends on it); the
            # leading unknown row keeps every segment of ``reduceat`` non-empty.
            ids, leading = coded[part]
            rows = rows_of_code[ids]
            kept = leading | (rows != unknown)
            starts = np.flatnonzero(leading[kept])
            self.table[numbers, slot] = np.add.reduceat(state[rows[kept]], starts, axis=0)
        self.scored[numbers] = True

    def rows_of_code(self) -> list[np.ndarray]:
        """For each slot, the row of each attribute code (``unknown`` where the slot does not know
        it); made again when another model has added codes."""
        size = len(self.codes.code) + 1
        if not self._rows_of_code or len(self._rows_of_code[0]) != size:
            code = self.codes.code
            self._rows_of_code = []
            for _, rows in self.slots:
                found = np.full(size, self.weights.unknown, dtype=np.intp)
                found[[code[a] for a in rows]] = list(rows.values())
                self._rows_of_code.append(found)
        return self._rows_of_code


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
        self._followed: list[bool] | None = None

    def neighbours(self, offset: int) -> np.ndarray:
        """Tokens that have a neighbour ``offset`` away inside their own sentence."""
        found = self._neighbours.get(offset)
        if found is None:
            shifted = self.position + offset
            found = self._neighbours[offset] = np.flatnonzero((shifted >= 0) & (shifted < self.length))
        return found

    def followed(self) -> list[bool]:
        """Whether each token has a next one in its own sentence."""
        if self._followed is None:
            self._followed = (self.position + 1 < self.length).tolist()
        return self._followed

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
    """Viterbi over sentences given longest first: token k is at (rows[k], positions[k]).

    Arrays are laid out time first and previous label last, so each step works on contiguous
    memory and reuses its buffers: a step is four numpy calls, and a document has hundreds of steps.
    The maxima and the first-best previous labels are those of the plain recurrence, exactly.
    """
    size, longest, labels = len(lengths), int(lengths[0]), scores.shape[1]
    running = (size - np.searchsorted(lengths[::-1], np.arange(longest), side="right")).tolist()
    grid = np.zeros((longest, size, labels))
    grid[positions, rows] = scores
    into = np.ascontiguousarray(transitions.T)  # [label, previous label]
    best = grid[0].copy()
    back = np.zeros((longest, size, labels), dtype=np.intp)
    candidates = np.empty((size, labels, labels))
    before, flat = best[:, None, :], candidates.reshape(-1)
    # Where each (sentence, label) row of ``candidates`` starts in ``flat``: the maximum is read
    # at the argmax, which costs far less than a second reduction over a 9-wide axis.
    rows_at = np.arange(size * labels) * labels
    for t in range(1, longest):
        k = running[t]
        step, chosen = candidates[:k], back[t, :k]
        np.add(before[:k], into, out=step)
        step.argmax(axis=2, out=chosen)
        highest = flat.take(rows_at[: k * labels] + chosen.reshape(-1))
        np.add(highest.reshape(k, labels), grid[t, :k], out=best[:k])
    # Back from each sentence's best last label; ``running[t]`` sentences are still going at ``t``.
    path = np.zeros((longest, size), dtype=np.intp)
    path[lengths - 1, np.arange(size)] = best.argmax(axis=1)
    flat_back = back.reshape(longest, size * labels)
    starts = np.arange(size) * labels
    for t in range(longest - 1, 0, -1):
        k = running[t]
        path[t - 1, :k] = flat_back[t].take(starts[:k] + path[t, :k])
    return path[positions, rows]
