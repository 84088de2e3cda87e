"""Types harvested from unlabeled news by a context-only tagger (``ag=`` attributes)."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from khabar.understand.ner.features import word_info
from khabar.understand.ner.harvest import buckets, context_attributes, load_harvest
from khabar.understand.ner.train import with_dropout


def test_context_attributes_never_show_the_word_itself():
    attrs = context_attributes(["قال", "الرئيس", "بوتين", "اليوم"])
    assert not any(a.startswith(("w=", "s=")) for a in attrs[2])
    assert "-1:w=الرئيس" in attrs[2]
    assert "1:w=اليوم" in attrs[2]


def test_sentence_edges_are_marked():
    attrs = context_attributes(["موسكو"])
    assert attrs == [["BOS", "EOS"]]


def test_buckets_turn_shares_into_levels():
    counts = Counter({("بوتين", "ALL"): 10, ("بوتين", "PERS"): 9, ("بوتين", "LOC"): 1})
    assert buckets(counts) == {"بوتين": "LOC1 MISC0 ORG0 PERS3"}


def test_rare_and_never_typed_words_are_left_out():
    counts = Counter({("نادر", "ALL"): 2, ("نادر", "PERS"): 2, ("قال", "ALL"): 50})
    assert buckets(counts) == {}


def test_committed_table_knows_a_frequent_name():
    assert load_harvest()["اوباما"] == ("PERS2",)


def test_harvested_type_is_a_word_attribute():
    assert "ag=PERS2" in word_info("بوتين")[0]


def test_dropout_copy_keeps_labels_and_drops_only_identity():
    xs = [[["w=بوتين", "s=بوتين", "c1=3", "bw=قال|بوتين"]]]
    doubled, ys = with_dropout(xs, [["B-PERS"]], 1.0)
    assert ys == [["B-PERS"], ["B-PERS"]]
    assert doubled[1] == [["c1=3"]]


@given(st.lists(st.text(min_size=1, max_size=12), max_size=12))
def test_context_attributes_never_crash(tokens):
    assert len(context_attributes(tokens)) == len(tokens)
