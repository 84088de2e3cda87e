"""The numpy convolutional tagger and its combination with the CRFs: shapes, determinism, the sample
page's names, odd input."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.understand.ner import model, neural
from khabar.understand.ner.features import word_forms
from khabar.understand.ner.gazetteer import load_gazetteer
from khabar.understand.ner.tokens import sentences, tokenize
from tests.conftest import SAMPLE_PAGE

WEIGHTS = model.model_path(neural.WEIGHTS_FILE)
TAGGER = neural.load(WEIGHTS)
DOCUMENT = [
    "يجري الرئيس الروسي فلاديمير بوتين زيارة إلى أذربيجان".split(),
    "وقال الكرملين إن".split(),
    [],
    "القوات الأوكرانية في كورسك".split(),
]


def _said(document: list[list[str]]) -> list[list[str]]:
    """The sentence CRF's tags: the network reads them beside the words."""
    return model.load_two_pass().tag(document, first_only=True)


def _tagged_words(text: str) -> dict[str, str]:
    document = [[t.text for t in s] for s in sentences(text, tokenize(text))]
    tags = TAGGER.tag_document(document, _said(document))
    return {
        word: tag
        for tokens, row in zip(document, tags, strict=True)
        for word, tag in zip(tokens, row, strict=True)
    }


def test_weights_load_and_stay_small():
    assert TAGGER is not None
    assert WEIGHTS.stat().st_size < 15_000_000


def test_emissions_have_one_row_per_token_and_one_column_per_tag():
    scores = TAGGER.flat_emissions(DOCUMENT, _said(DOCUMENT))
    assert scores.shape == (15, len(TAGGER.tags))


def _word_input(word: str) -> np.ndarray:
    """A word's embedding (its form, else its clitic-stripped form) beside its summed bag."""
    norm, base = word_forms(word)
    index = TAGGER.words.get(norm) or TAGGER.words.get(base) or neural.UNK
    ids = [TAGGER.attributes[a] for a in neural.bag_attributes(word) if a in TAGGER.attributes]
    return np.concatenate([TAGGER.embeddings[index], TAGGER.bag[ids].sum(axis=0)])


def test_the_padding_attribute_row_is_zero():
    assert not TAGGER.bag[0].any()


def _gazetteer_ids(tokens: list[str]) -> list[int]:
    tags = load_gazetteer().longest_matches([word_forms(token)[0] for token in tokens])
    return [neural.MG_TAGS.index(tag) if tag in neural.MG_TAGS else 0 for tag in tags]


def _reference(tokens: list[str], said: list[str]) -> np.ndarray:
    """The network written out position by position, as PyTorch's Conv1d computes it."""
    x = np.stack(
        [
            np.concatenate([_word_input(t), TAGGER.mg[m], TAGGER.said[s]])
            for t, m, s in zip(tokens, _gazetteer_ids(tokens), neural.said_ids(said), strict=True)
        ]
    )
    n = len(tokens)
    h1 = np.zeros((n, TAGGER.conv1.shape[0]), dtype=np.float32)
    for j in range(n):
        h1[j] = TAGGER.bias1 + sum(
            TAGGER.conv1[:, :, k] @ x[j + k - 2] for k in range(5) if 0 <= j + k - 2 < n
        )
    h1 = np.maximum(h1, 0)
    h2 = np.zeros((n, TAGGER.conv2.shape[0]), dtype=np.float32)
    for j in range(n):
        h2[j] = TAGGER.bias2 + sum(
            TAGGER.conv2[:, :, k] @ h1[j + k - 1] for k in range(3) if 0 <= j + k - 1 < n
        )
    return np.maximum(h2, 0) @ TAGGER.w_out + TAGGER.b_out


def test_shifted_products_equal_the_convolutions_written_out():
    said = _said(DOCUMENT)
    flat = TAGGER.flat_emissions(DOCUMENT, said)
    expected = np.concatenate(
        [_reference(tokens, tags) for tokens, tags in zip(DOCUMENT, said, strict=True) if tokens]
    )
    assert np.allclose(flat, expected, atol=1e-3)


def test_one_tag_per_token_and_empty_sentences_stay_empty():
    assert [len(row) for row in TAGGER.tag_document(DOCUMENT, _said(DOCUMENT))] == [8, 3, 0, 4]


def test_forward_pass_is_deterministic_and_independent_of_batching():
    said = _said(DOCUMENT)
    together = TAGGER.flat_emissions(DOCUMENT, said)
    alone = TAGGER.flat_emissions([DOCUMENT[1]], [said[1]])
    assert np.allclose(together[8:11], alone, atol=1e-5)
    assert np.array_equal(together, TAGGER.flat_emissions(DOCUMENT, said))


def test_the_crf_reading_is_an_input():
    said = _said(DOCUMENT)
    other = [["B-ORG"] * len(tokens) for tokens in DOCUMENT]
    assert not np.allclose(TAGGER.flat_emissions(DOCUMENT, said), TAGGER.flat_emissions(DOCUMENT, other))


def test_tags_a_titled_person_and_a_place():
    assert TAGGER.tag_document([DOCUMENT[0]], _said([DOCUMENT[0]]))[0] == [
        "O",
        "O",
        "O",
        "B-PERS",
        "I-PERS",
        "O",
        "O",
        "B-LOC",
    ]


def test_tags_the_sample_page_names():
    tags = _tagged_words(SAMPLE_PAGE.read_text(encoding="utf-8"))
    assert (tags["بوتين"][2:], tags["أذربيجان"][2:], tags["كورسك"][2:]) == ("PERS", "LOC", "LOC")


def test_the_networks_start_scores_count_at_each_sentence_start(monkeypatch):
    # Two labels: the start score puts the second on the first token, the emission the first after it.
    tagger = neural.load(WEIGHTS)
    monkeypatch.setattr(tagger, "tags", ["O", "B-PERS"])
    monkeypatch.setattr(
        tagger, "flat_emissions", lambda document, said, layout=None: np.array([[0.0, 0.0], [1.0, 0.0]])
    )
    monkeypatch.setattr(tagger, "transitions", np.array([[0.0, -5.0], [0.0, 0.0]]))
    monkeypatch.setattr(tagger, "start", np.array([-1.0, 0.0]))
    monkeypatch.setattr(tagger, "end", np.zeros(2))
    assert tagger.tag_document([["a", "b"]], [["O", "O"]]) == [["B-PERS", "O"]]


def test_the_network_only_adds_to_the_crf_scores(monkeypatch):
    tagger = model.load_two_pass()
    assert tagger.neural is not None
    monkeypatch.setattr(model, "NEURAL_WEIGHT", 0.0)
    assert tagger.tag(DOCUMENT) == tagger.tag(DOCUMENT, crf_only=True)


def test_the_combination_tags_the_sample_page_names():
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    document = [[t.text for t in s] for s in sentences(text, tokenize(text))]
    tags = model.tag_document(document)
    found = {
        word: tag
        for tokens, row in zip(document, tags, strict=True)
        for word, tag in zip(tokens, row, strict=True)
    }
    assert (found["بوتين"][2:], found["أذربيجان"][2:], found["كورسك"][2:], found["أرمينيا"][2:]) == (
        "PERS",
        "LOC",
        "LOC",
        "LOC",
    )


def test_packed_strings_round_trip():
    assert neural.unpack_strings(neural.pack_strings(["بوتين", "<unk>", ""])) == ["بوتين", "<unk>", ""]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=15), max_size=6))
def test_never_raises_on_arbitrary_tokens(document):
    tags = TAGGER.tag_document(document, [["O"] * len(tokens) for tokens in document])
    assert [len(row) for row in tags] == [len(tokens) for tokens in document]
    assert all(tag in TAGGER.tags for row in tags for tag in row)


def test_a_rare_name_read_once_is_carried_to_its_untagged_occurrences():
    document = [["قال", "سعود", "الحمادي", "إن"], ["وحث", "الحمادي", "على"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"]]
    assert model.carry_names(document, tags)[1] == ["O", "B-PERS", "O"]


def test_common_words_are_not_carried():
    document = [["قال", "الرئيس"], ["الرئيس", "قال"]]
    assert model.carry_names(document, [["O", "B-PERS"], ["O", "O"]])[1] == ["O", "O"]


def test_words_past_the_cache_are_scored_the_same(monkeypatch):
    said = _said(DOCUMENT)
    expected = TAGGER.flat_emissions(DOCUMENT, said)
    fresh = neural.load(WEIGHTS)
    monkeypatch.setattr(neural, "CACHED_WORDS", 5)
    assert np.allclose(fresh.flat_emissions(DOCUMENT, said), expected, atol=1e-5)
    assert len(fresh._cache) == 5


def test_kept_inputs_leave_the_scores_as_they_were(monkeypatch):
    said = _said(DOCUMENT)
    monkeypatch.setattr(neural, "CACHED_WORDS", 5)
    monkeypatch.setattr(neural, "CACHED_INPUTS", 0)
    without = neural.load(WEIGHTS)
    expected = [without.flat_emissions(DOCUMENT, said) for _ in range(2)]
    monkeypatch.setattr(neural, "CACHED_INPUTS", 3)
    kept = neural.load(WEIGHTS)
    got = [kept.flat_emissions(DOCUMENT, said) for _ in range(2)]
    assert len(kept._input_row) == 3
    assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))


def test_the_network_can_be_left_out(monkeypatch):
    monkeypatch.setenv(model.NETWORK_SWITCH, "0")
    model.load_two_pass.cache_clear()
    try:
        tagger = model.load_two_pass()
        assert tagger.neural is None
        assert tagger.tag(DOCUMENT) == tagger.tag(DOCUMENT, crf_only=True)
    finally:
        model.load_two_pass.cache_clear()
