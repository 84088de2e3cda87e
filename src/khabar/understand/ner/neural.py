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

from khabar.understand.ner.fastcrf import Layout, viterbi
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
        self._cache: dict[str, int] = {}
        self._table = np.zeros((1024, *self._mg_proj.shape[1:]), dtype=np.float32)  # (W, 5, H)
        # Both position-dependent inputs at once: row mg · len(TAGS) + said.
        self._position_proj = (self._mg_proj[:, None] + self._said_proj[None]).reshape(
            -1, *self._mg_proj.shape[1:]
        )

    def _word_parts(self, tokens: list[str]) -> np.ndarray:
        """(N, 5, H): each token's word-dependent contribution at each kernel column.

        The first ``CACHED_WORDS`` word types met are kept (news repeats its common words, and those
        come first); rarer ones past that are computed again each time rather than evicting.
        """
        cache = self._cache
        missing = [t for t in dict.fromkeys(tokens) if t not in cache]
        overflow: dict[str, int] = {}  # a word past the cache → its row in ``projections``
        if missing:
            x = self._word_inputs(missing)  # (n, E+B)
            projections = (x @ self._w_word).reshape(len(missing), *self._table.shape[1:])
            first = len(cache)
            room = max(CACHED_WORDS - first, 0)
            kept = min(room, len(missing))
            if first + kept > len(self._table):
                size = min(max(2 * len(self._table), first + kept), CACHED_WORDS)
                grown = np.zeros((size, *self._table.shape[1:]), np.float32)
                grown[:first] = self._table[:first]
                self._table = grown
            self._table[first : first + kept] = projections[:kept]
            for k, token in enumerate(missing[:kept]):
                cache[token] = first + k
            overflow = {token: k for k, token in enumerate(missing[kept:], kept)}
        if not overflow:
            return self._table[np.fromiter((cache[t] for t in tokens), dtype=np.intp, count=len(tokens))]
        # Once the cache is full (about 900 random articles in), most documents have a few words
        # past it: gather the cached rows at once, then put the others in their places.
        rows = np.fromiter((cache.get(t, -1) for t in tokens), dtype=np.intp, count=len(tokens))
        parts = self._table[rows]
        outside = np.flatnonzero(rows < 0)
        parts[outside] = projections[[overflow[tokens[i]] for i in outside.tolist()]]
        return parts

    def _word_inputs(self, words: list[str]) -> np.ndarray:
        """(n, E+B): each word's embedding beside the sum of its attribute vectors."""
        rows: list[int] = []
        ids: list[int] = []
        starts: list[int] = []
        lookup, attribute = self.words, self.attributes.get
        for word in words:
            norm, base = word_forms(word)
            rows.append(lookup.get(norm) or lookup.get(base) or UNK)
            starts.append(len(ids))
            ids.append(0)  # the padding row, all zeros: no word has an empty bag for reduceat
            # Only bag attributes were given rows at training, so the lookup is the filter.
            ids.extend([k for a in word_info(word)[0] if (k := attribute(a)) is not None])
        bags = np.add.reduceat(self.bag[ids], starts, axis=0)
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
        parts = self._word_parts(flat)  # (N, 5, H)
        parts += self._position_proj[mg * len(TAGS) + said]
        # Sentences laid end to end with two zero rows before each and after the last: a kernel
        # column is then one shifted slice, and no window reaches into the next sentence.
        sentence_of = np.repeat(np.arange(len(layout.lengths)), layout.lengths)
        padded = np.arange(len(flat)) + GAP * (sentence_of + 1)
        size = len(flat) + GAP * (len(layout.lengths) + 1)
        grid = np.zeros((size, *parts.shape[1:]), dtype=np.float32)
        grid[padded] = parts
        first = grid[0 : size - 4, 0] + grid[1 : size - 3, 1]  # row j: the window centred on j + 2
        first += grid[2 : size - 2, 2]
        first += grid[3 : size - 1, 3]
        first += grid[4:size, 4]
        hidden = np.zeros((size, first.shape[1]), dtype=np.float32)
        hidden[padded] = np.maximum(first[padded - 2] + self.bias1, 0.0)
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
