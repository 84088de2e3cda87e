"""Dedup rules: normalized-text hash, MinHash of word 5-grams with LSH bands, Jaccard ≥ 0.8."""

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.dedup.exact import normalized_text, text_hash
from khabar.dedup.near import BANDS, band_keys, confirm, jaccard, shingles, signature
from tests.test_store_helpers import spread


def test_hamza_and_spacing_variants_hash_the_same():
    assert text_hash("التقى أحمد   وزير\nالخارجية") == text_hash("التقى احمد وزير الخارجية")


def test_different_texts_hash_differently():
    assert text_hash("زار بوتين أذربيجان") != text_hash("زار بوتين أرمينيا")


def test_a_text_without_words_has_no_hash():
    assert text_hash("  \n ") is None


def test_normalized_text_collapses_whitespace():
    assert normalized_text("القاهرة\n\nوالرياض") == "القاهره والرياض"


def test_shingles_are_word_five_grams():
    assert shingles("زار الرئيس الروسي فلاديمير بوتين أذربيجان") == {
        "زار الرئيس الروسي فلاديمير بوتين",
        "الرئيس الروسي فلاديمير بوتين اذربيجان",
    }


def test_a_short_text_is_one_shingle():
    assert shingles("بوتين في باكو") == {"بوتين في باكو"}


def test_signature_has_128_values_and_twenty_band_keys():
    sig = signature("زار الرئيس الروسي فلاديمير بوتين أذربيجان")
    assert len(sig) == 128
    assert len(band_keys(sig)) == BANDS


def test_band_keys_are_the_same_in_every_run():
    text = spread(1)[0]["content"]
    assert band_keys(signature(text)) == band_keys(signature(text))


def test_a_copy_with_one_word_dropped_is_confirmed_near():
    text = spread(1)[0]["content"]
    words = text.split()
    edited = " ".join(words[: len(words) // 2] + words[len(words) // 2 + 1 :])
    assert confirm(text, edited)


def test_a_near_copy_shares_a_band():
    text = spread(1)[0]["content"]
    words = text.split()
    edited = " ".join(words[: len(words) // 2] + words[len(words) // 2 + 1 :])
    assert set(band_keys(signature(text))) & set(band_keys(signature(edited)))


def test_two_different_articles_are_not_confirmed():
    first, second = spread(2)
    assert not confirm(first["content"], second["content"])


def test_empty_sets_are_not_similar():
    assert jaccard(set(), set()) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_the_rule_never_crashes(text):
    assert len(band_keys(signature(text))) == BANDS
    assert isinstance(confirm(text, text[::-1]), bool)
    assert text_hash(text) is None or len(text_hash(text)) == 32
