"""The neural NER tagger at run time: a convolutional network under a CRF, evaluated with numpy.

It is the second opinion of the recognizer: ``model.TwoPassTagger`` adds its tag scores to the
CRFs' before decoding (they make different mistakes: together they score higher than either).
Each token is its word embedding (word2vec on SaudiNewsNet, fine-tuned on ANERcorp) beside a bag of
the CRF's cheap attributes (affixes, letter trigrams, shape, word clusters, harvested types,
gazetteer and cue-word membership), the multi-word gazetteer tag of its position and the tag the
sentence CRF gave it. Two convolutions (5 then 3 tokens wide) read a window of 7 tokens. A
BiLSTM scored as well on dev but runs its recurrence step by step, several times slower. Training
lives in ``neural_train`` (PyTorch); this module never imports torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from khabar.understand.ner.fastcrf import CODES, WORDS, Layout, viterbi
from khabar.understand.ner.features import word_forms, word_info
from khabar.understand.ner.gazetteer import named_positions

WEIGHTS_FILE = "neural.npz"
# Attribute families of ``features.word_info`` fed to the network as a bag (the rest are either
# the word itself, which has its embedding, or too sparse to learn from 125k tokens); the letter
# trigrams («3g=») stand in for a character CNN at the cost of a sum.
BAG_PREFIXES = ("pre=", "p2=", "p3=", "x1=", "x2=", "x3=", "x4=", "sh=", "len=", "def", "c1=", "c2=", "c3=")
BAG_PREFIXES += ("c=", "g=", "t=", "q=", "rk=", "ag=", "3g=")
UNK = 1  # word id 0 is padding
GAP = 2  # zero rows around each sentence: the first convolution reaches two tokens each way
CACHED_WORDS = 50_000  # word types whose projections are kept: 4 kB each, 200 MB at most
# The next rarer word types past those, whose inputs alone are kept (600 bytes each, 60 MB at most,
# about 75 with their keys): their projections are still made again in each document's batch (the
# low bits of a product depend on the batch), but not their attributes, embeddings and bags.
CACHED_INPUTS = 100_000
TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MG_TAGS = ("O", "B-LOC", "I-LOC", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MG_INDEX = {tag: k for k, tag in enumerate(MG_TAGS)}


def bag_attributes(word: str) -> list[str]:
    return [a for a in word_info(word)[0] if a.startswith(BAG_PREFIXES)]


def gazetteer_ids(named: list[tuple[int, str]], size: int) -> np.ndarray:
    """Index in ``MG_TAGS`` of each of ``size`` tokens, from the (token, tag) matches found."""
    ids = np.zeros(size, dtype=np.intp)
    for i, tag in named:
        ids[i] = MG_INDEX.get(tag, 0)
    return ids


def said_ids(tags: list[str]) -> list[int]:
    """Index in ``TAGS`` of the sentence CRF's tag of each token (0, «O», for anything else)."""
    return [TAGS.index(tag) if tag in TAGS else 0 for tag in tags]


def pack_strings(strings: list[str]) -> np.ndarray:
    """A list of strings as one UTF-8 byte array (no pickling needed to load it)."""
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def unpack_strings(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


@dataclass
class NeuralTagger:
    """Two convolutions (5 then 3 tokens wide) and a linear layer, applied with numpy.

    The first convolution is linear in a token's inputs, so each word type's contribution at each
    of the five kernel offsets is computed once and cached; a document is then a few gathers and
    matrix products over all its tokens, with no loop over positions.
    """

    words: dict[str, int]
    attributes: dict[str, int]
    tags: list[str]
    embeddings: np.ndarray  # (V, E)
    bag: np.ndarray  # (F, B)
    mg: np.ndarray  # (len(MG_TAGS), M)
    said: np.ndarray  # (len(TAGS), S)
    conv1: np.ndarray  # (H, E+B+M+S, 5)
    bias1: np.ndarray  # (H,)
    conv2: np.ndarray  # (H2, H, 3)
    bias2: np.ndarray  # (H2,)
    w_out: np.ndarray  # (H2, K)
    b_out: np.ndarray  # (K,)
    transitions: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __post_init__(self) -> None:
        e, b, m = self.embeddings.shape[1], self.bag.shape[1], self.mg.shape[1]
        h = self.conv1.shape[0]
        # (E+B, 5·H): one matrix product gives a new word's contribution at all five kernel columns.
        self._w_word = np.ascontiguousarray(self.conv1[:, : e + b].transpose(1, 2, 0)).reshape(e + b, 5 * h)
        self._mg_proj = np.einsum("mj,hjk->mkh", self.mg, self.conv1[:, e + b : e + b + m]).astype(np.float32)
        self._said_proj = np.einsum("sj,hjk->skh", self.said, self.conv1[:, e + b + m :]).astype(np.float32)
        self._w2 = np.ascontiguousarray(self.conv2.transpose(2, 1, 0))  # (3, H, H2)
        self._cache: dict[str, int] = {}  # word type → its row of ``_table`` (row 0: all zeros)
        self._input_row: dict[str, int] = {}  # word type past the cache → its row of ``_inputs``
        self._inputs = np.zeros((0, e + b), dtype=np.float32)
        # Kernel column first: (5, W, H), so a column's rows for many tokens are one ``take``.
        self._table = np.zeros((5, 1024, h), dtype=np.float32)
        # Both position-dependent inputs at once: row mg · len(TAGS) + said; a last row of zeros
        # stands for the padding beyond a sentence's edges.
        position = (self._mg_proj[:, None] + self._said_proj[None]).reshape(-1, 5, h)
        self._position = np.ascontiguousarray(
            np.concatenate([position, np.zeros((1, 5, h), np.float32)]).transpose(1, 0, 2)
        )
        # The row of each word number of the shared ``fastcrf.WORDS`` (-1: not looked up yet), for
        # the vocabulary generation and cache size it was filled at.
        self._row_of = np.full(1024, -1, dtype=np.intp)
        self._row_of_state = (WORDS.generation, 0)
        self._bag_of = np.zeros(0, dtype=np.intp)
        CODES.add(self.attributes)  # every bag attribute gets a code, known to a CRF or not

    def _word_rows(self, tokens: list[str]) -> np.ndarray:
        """Each token's row of ``_table``: its word-dependent contribution at each kernel column.

        The first ``CACHED_WORDS`` word types met are kept (news repeats its common words, and those
        come first); rarer ones past that are computed again each time rather than evicting, into
        rows past the kept ones. Tokens are numbered by the CRFs' shared ``fastcrf.WORDS``, which
        has just numbered the same document: a word type is looked up once per document.
        """
        cache = self._cache
        numbers, distinct = WORDS.numbers(tokens)
        if self._row_of_state != (WORDS.generation, len(cache)):
            self._row_of[:] = -1  # a new numbering, or the cache emptied from outside
        if len(WORDS.words) > len(self._row_of):
            grown = np.full(max(2 * len(self._row_of), len(WORDS.words)), -1, dtype=np.intp)
            grown[: len(self._row_of)] = self._row_of
            self._row_of = grown
        row_of = self._row_of
        unknown = distinct[row_of[distinct] < 0].tolist()
        if unknown:
            everyone = WORDS.words
            missing_numbers = []
            for k in unknown:
                row = cache.get(everyone[k])
                if row is None:
                    missing_numbers.append(k)
                else:
                    row_of[k] = row
            if missing_numbers:
                missing = [everyone[k] for k in missing_numbers]
                first = len(cache) + 1
                kept = min(max(CACHED_WORDS - len(cache), 0), len(missing))
                x = self._inputs_of(missing, kept)  # (n, E+B)
                projections = (x @ self._w_word).reshape(len(missing), 5, -1).transpose(1, 0, 2)
                needed = first + len(missing)
                if needed > self._table.shape[1]:
                    # At once to the full size: ``zeros`` takes memory only as rows are written,
                    # and no row is copied again at each doubling.
                    size = max(needed, CACHED_WORDS + 1025)
                    grown = np.zeros((5, size, self._table.shape[2]), np.float32)
                    grown[:, :first] = self._table[:, :first]
                    self._table = grown
                # The kept words' rows for good, the others' past them for this document only.
                self._table[:, first:needed] = projections
                cache.update(zip(missing[:kept], range(first, first + kept), strict=True))
                row_of[missing_numbers] = np.arange(first, needed)
                overflow = missing_numbers[kept:]
                rows = row_of[numbers]
                row_of[overflow] = -1
                self._row_of_state = (WORDS.generation, len(cache))
                return rows
        self._row_of_state = (WORDS.generation, len(cache))
        return row_of[numbers]

    def _inputs_of(self, words: list[str], kept: int) -> np.ndarray:
        """(n, E+B): ``_word_inputs`` of ``words``, the same numbers, those of the words past the
        first ``kept`` (whose projections are not kept) read from or added to ``_inputs``.

        Only the inputs are kept for these words, not their projections: a word's projection is
        made in the batch of its document's new words, and the product's low bits depend on the
        batch, so keeping the inputs alone leaves every score as it was.
        """
        known = self._input_row
        rows = [known.get(word, -1) for word in words[kept:]] if known else [-1] * (len(words) - kept)
        if kept == 0 and min(rows, default=0) >= 0:
            return self._inputs[rows]
        fresh = [i for i, row in enumerate(rows, kept) if row < 0]
        new = list(range(kept)) + fresh
        x = np.empty((len(words), self._inputs.shape[1]), dtype=np.float32)
        x[new] = self._word_inputs([words[i] for i in new])
        old = [i for i, row in enumerate(rows, kept) if row >= 0]
        if old:
            x[old] = self._inputs[[rows[i - kept] for i in old]]
        room = CACHED_INPUTS - len(known)
        if room > 0 and fresh:
            stored = fresh[:room]
            start = len(known)
            if start + len(stored) > len(self._inputs):
                # At once to the full size, as ``_table``: memory is taken only as rows are written.
                grown = np.zeros((max(CACHED_INPUTS, start + len(stored)), x.shape[1]), np.float32)
                grown[:start] = self._inputs[:start]
                self._inputs = grown
            self._inputs[start : start + len(stored)] = x[stored]
            known.update(zip([words[i] for i in stored], range(start, start + len(stored)), strict=True))
        return x

    def _bag_rows(self) -> np.ndarray:
        """The bag row of each attribute code of ``fastcrf.CODES`` (-1 for none), made again when a
        model has added codes."""
        size = len(CODES.code) + 1
        if len(self._bag_of) != size:
            code = CODES.code
            self._bag_of = np.full(size, -1, dtype=np.intp)
            self._bag_of[[code[a] for a in self.attributes]] = list(self.attributes.values())
        return self._bag_of

    def _word_inputs(self, words: list[str]) -> np.ndarray:
        """(n, E+B): each word's embedding beside the sum of its attribute vectors.

        A word's own attributes come coded by ``fastcrf.CODES`` (the CRF passes have just coded the
        same new words): its bag adds, in list order, the rows of the attributes given one at
        training (only bag attributes were), after the all-zero padding row that keeps every
        segment of ``reduceat`` non-empty.
        """
        lookup = self.words
        rows = []
        for word in words:
            norm, base = word_forms(word)
            rows.append(lookup.get(norm) or lookup.get(base) or UNK)
        ids, leading = CODES.coded(words, word_info, parts=1)[0]
        bag_rows = self._bag_rows()[ids]
        bag_rows[leading] = 0
        kept = bag_rows >= 0
        bags = np.add.reduceat(self.bag[bag_rows[kept]], np.flatnonzero(leading[kept]), axis=0)
        return np.concatenate([self.embeddings[rows], bags], axis=1)

    def flat_emissions(
        self,
        document: list[list[str]],
        said: list[list[str]],
        named: list[tuple[int, str]] | None = None,
        layout: Layout | None = None,
    ) -> np.ndarray:
        """Tag scores (tokens, K) for the tokens of ``document`` in order. ``named`` (flat index,
        multi-word gazetteer tag) and ``layout`` are what the CRF pass already found, when given."""
        layout = layout or Layout(document)
        flat = [token for tokens in document for token in tokens]
        if named is None:
            named = named_positions([[word_forms(token)[0] for token in tokens] for tokens in document])
        mg = gazetteer_ids(named, len(flat))
        said_flat = np.array([k for tags in said for k in said_ids(tags)], dtype=np.intp)
        return self.token_emissions(flat, layout, mg, said_flat)

    def token_emissions(
        self, flat: list[str], layout: Layout, mg: np.ndarray, said: np.ndarray
    ) -> np.ndarray:
        """Tag scores (tokens, K) of the document's tokens in order, given each one's multi-word
        gazetteer tag and sentence-CRF tag as indices in ``MG_TAGS`` and ``TAGS``."""
        if not flat:
            return np.zeros((0, len(self.tags)), dtype=np.float32)
        # Sentences laid end to end with two zero rows before each and after the last: a token's
        # neighbours up to two away are then at fixed offsets, and no window reaches into the
        # next sentence.
        sentence_of = np.repeat(np.arange(len(layout.lengths)), layout.lengths)
        padded = np.arange(len(flat)) + GAP * (sentence_of + 1)
        size = len(flat) + GAP * (len(layout.lengths) + 1)
        words = np.zeros(size, dtype=np.intp)  # row 0 of ``_table``: zeros
        words[padded] = self._word_rows(flat)
        positions = np.full(size, len(self._position[0]) - 1, dtype=np.intp)  # its last row: zeros
        positions[padded] = mg * len(TAGS) + said
        # Row j of ``first``: the window centred on token j, each kernel column k read from the
        # token k - 2 away (a zero row past the sentence's edge), the word's part and the
        # position's added first, then the columns in order.
        first = None
        for k in range(5):
            around = padded + (k - 2)
            part = self._table[k].take(words[around], axis=0)
            part += self._position[k].take(positions[around], axis=0)
            if first is None:
                first = part
            else:
                first += part
        hidden = np.zeros((size, first.shape[1]), dtype=np.float32)
        hidden[padded] = np.maximum(first + self.bias1, 0.0)
        second = hidden[0 : size - 2] @ self._w2[0]  # row j: the window centred on j + 1
        second += hidden[1 : size - 1] @ self._w2[1]
        second += hidden[2:size] @ self._w2[2]
        return np.maximum(second[padded - 1] + self.bias2, 0.0) @ self.w_out + self.b_out

    def tag_document(self, document: list[list[str]], said: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence of one document by this network alone (training scores it
        so; the package adds its scores to the CRF's in ``model.TwoPassTagger``)."""
        if not any(document):
            return [[] for _ in document]
        layout = Layout(document)
        scores = self.flat_emissions(document, said, layout=layout)
        scores[layout.firsts()] += self.start  # start and end scores belong to a sentence's edges
        scores[layout.lasts()] += self.end
        tags = [self.tags[k] for k in viterbi(scores, layout, self.transitions)]
        return [tags[start : start + n] for start, n in zip(layout.starts, layout.lengths, strict=True)]


def load(path: Path) -> NeuralTagger:
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    words = unpack_strings(arrays.pop("words"))
    attributes = unpack_strings(arrays.pop("attributes"))
    tags = unpack_strings(arrays.pop("tags"))
    floats = {name: value.astype(np.float32) for name, value in arrays.items()}
    return NeuralTagger(
        words={word: i for i, word in enumerate(words)},
        attributes={a: i for i, a in enumerate(attributes)},
        tags=tags,
        **floats,
    )
