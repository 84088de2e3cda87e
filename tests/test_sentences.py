"""The sentence splitter shared by quotes and events."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from khabar.understand.sentences import alternation, quoted_spans, sentences, whole


def test_a_full_stop_inside_guillemets_does_not_end_the_sentence():
    text = "وقال: «انتهى الأمر. لن نعود». ثم غادر."
    assert [text[a:b] for a, b in sentences(text)] == ["وقال: «انتهى الأمر. لن نعود».", "ثم غادر."]


def test_a_paragraph_break_ends_the_sentence():
    text = "زار الوزير الرياض\n\nوالتقى نظيره"
    assert [text[a:b] for a, b in sentences(text)] == ["زار الوزير الرياض", "والتقى نظيره"]


def test_nested_guillemets_are_balanced():
    assert quoted_spans("قال «نشر على «إكس» أمس»") == [(4, 22), (13, 17)]


def test_patterns_accept_press_spellings():
    assert re.fullmatch(whole(alternation(["أكد"])), "اكد")


@given(st.text(max_size=300))
def test_sentences_are_trimmed_spans_in_order(text):
    spans = sentences(text)
    assert all(0 <= a < b <= len(text) and text[a:b] == text[a:b].strip() for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
