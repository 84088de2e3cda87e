"""The numpy decoder gives crfsuite's answers: same weights, same tags, on real and odd input."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.pipeline import parse
from khabar.understand.ner import fastcrf, model
from khabar.understand.ner.conll import read_conll
from khabar.understand.ner.document import chunk
from khabar.understand.ner.fastcrf import Layout, viterbi
from khabar.understand.ner.tokens import sentences, tokenize
from tests.conftest import SAMPLE_PAGE, SHARED


def test_same_tags_as_crfsuite_on_anercorp_test() -> None:
    documents = [
        [tokens for tokens, _ in block] for block in chunk(read_conll(SHARED / "ner/anercorp/test.txt"))
    ]
    tagger = model.load_two_pass()
    for document in documents[:15]:
        second, first = model.crfsuite_tags(document)
        assert tagger.tag(document, first_only=True) == first
        assert tagger.tag(document, crf_only=True) == second


def test_same_tags_as_crfsuite_on_sample_page() -> None:
    text = parse(SAMPLE_PAGE.read_bytes()).articles[0].text
    document = [[token.text for token in sentence] for sentence in sentences(text, tokenize(text))]
    second, _ = model.crfsuite_tags(document)
    tags = model.load_two_pass().tag(document, crf_only=True)
    assert tags == second
    assert any(tag != "O" for sentence in tags for tag in sentence)


def test_viterbi_finds_the_best_path_of_each_sentence() -> None:
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(3, 3))
    lengths = [4, 1, 3]
    layout = Layout([["x"] * n for n in lengths])
    scores = rng.normal(size=(sum(lengths), 3))
    decoded = viterbi(scores, layout, transitions)
    start = 0
    for n in lengths:
        emission = scores[start : start + n]

        def total(path: tuple[int, ...], emission: np.ndarray = emission) -> float:
            return sum(emission[t, y] for t, y in enumerate(path)) + sum(
                transitions[a, b] for a, b in itertools.pairwise(path)
            )

        best = max(itertools.product(range(3), repeat=n), key=total)
        assert tuple(decoded[start : start + n]) == best
        start += n


def test_empty_document_and_empty_sentences() -> None:
    assert model.tag_document([]) == []
    assert model.tag_document([[], ["بوتين"], []])[0] == []
    assert len(model.tag_document([[], ["بوتين"], []])[1]) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=12), max_size=30), max_size=6))
def test_any_tokens_get_one_tag_each(document: list[list[str]]) -> None:
    tags = model.tag_document(document)
    assert [len(t) for t in tags] == [len(s) for s in document]
    assert all(tag == "O" or tag[:2] in ("B-", "I-") for sentence in tags for tag in sentence)


def test_decoding_in_small_groups_changes_nothing(monkeypatch) -> None:
    document = [tokens for tokens, _ in read_conll(SHARED / "ner/anercorp/test.txt")[:40]]
    whole = model.tag_document(document)
    monkeypatch.setattr(fastcrf, "SENTENCES_PER_GROUP", 3)
    assert model.tag_document(document) == whole


def test_weights_read_as_pycrfsuite_reads_them() -> None:
    import pycrfsuite

    for name in (model.MODEL_FILE, model.DOCUMENT_MODEL_FILE):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model.model_path(name)))
        info = tagger.info()
        transitions, features = fastcrf.read_dump(tagger)
        assert [((a, label), w) for a, label, w in features] == list(info.state_features.items())
        assert {(a, label): w for a, label, w in transitions} == info.transitions


def _one_by_one(scores: fastcrf.WordScores, word: str) -> np.ndarray:
    """A word's slot scores the plain way: each slot's known attributes summed on their own."""
    weights = scores.weights
    sums = []
    for part, rows in scores.slots:
        found = [weights.unknown, *(rows[a] for a in scores.attributes(word)[part] if a in rows)]
        sums.append(np.add.reduceat(weights.state[found], [0], axis=0)[0])
    return np.array(sums)


def test_words_scored_together_score_as_one_by_one() -> None:
    """The batch of a document's new words gives each the very floats of its own sum, in both
    passes, the second reusing the first pass's attribute codes."""
    tagger = model.load_two_pass()
    first = model.SentencePass(fastcrf.Weights(model.model_path()))
    second = model.DocumentPass(fastcrf.Weights(model.model_path(model.DOCUMENT_MODEL_FILE)), tagger.labels)
    for tokens, _ in read_conll(SHARED / "ner/anercorp/test.txt")[:60]:
        for scores in (first.words, second.words):
            rows = scores.rows(tokens)
            for word, row in zip(tokens, rows, strict=True):
                assert np.array_equal(scores.table[row], _one_by_one(scores, word))
