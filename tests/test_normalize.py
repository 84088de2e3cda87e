"""Arabic normalization for matching and search."""

from hypothesis import given
from hypothesis import strategies as st

from khabar.understand.normalize import clitic_cuts, normalize, search_tokens, strip_clitics


def test_hamza_forms_of_alef_fold_to_bare_alef():
    assert normalize("أحمد إيران آسيا ٱلله") == "احمد ايران اسيا الله"


def test_alef_maqsura_folds_to_yaa():
    assert normalize("موسى") == "موسي"


def test_taa_marbuta_folds_to_haa():
    assert normalize("القاهرة") == "القاهره"


def test_tatweel_and_diacritics_are_dropped():
    assert normalize("الرئيـــس تُعدّ هجوماً") == "الرئيس تعد هجوما"


def test_article_prefix_is_stripped_without_a_lexicon():
    assert strip_clitics("والكرملين") == "كرملين"


def test_names_beginning_with_clitic_letters_stay_whole():
    assert [strip_clitics(w) for w in ("بوتين", "وليد", "الله", "فلسطين")] == [
        "بوتين",
        "وليد",
        "الله",
        "فلسطين",
    ]


def test_single_letter_clitic_is_stripped_when_the_name_is_known():
    assert strip_clitics("لموسكو", {"موسكو"}) == "موسكو"


def test_known_name_is_never_cut_even_if_its_remainder_is_known():
    assert strip_clitics("بوتين", {"بوتين", "وتين"}) == "بوتين"


def test_clitic_cuts_follow_arabic_clitic_order():
    assert clitic_cuts("وبالكرملين") == [4, 2, 1]


def test_search_tokens_fold_and_strip():
    assert search_tokens("والقاهرة، إيران!") == ["قاهره", "ايران"]


@given(st.text())
def test_normalize_never_crashes_and_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_strip_clitics_returns_a_suffix(text):
    assert text.endswith(strip_clitics(text, {"موسكو"}))


@given(st.text())
def test_search_tokens_never_crash(text):
    assert all(token for token in search_tokens(text))


def test_search_terms_drop_a_bare_conjunction_only_before_a_more_frequent_word():
    assert search_tokens("وبوتين ولموسكو ولبنان") == ["بوتين", "موسكو", "لبنان"]
    assert search_tokens("وزير بيان لندن فرنسا") == ["وزير", "بيان", "لندن", "فرنسا"]
