"""The tagger never raises and its spans always point at their own text."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Caption, blocks_from_texts
from khabar.understand.dates import annotate
from khabar.understand.published import caption_date, infer_published
from khabar.understand.temporal import tag

# pieces of real date grammar mixed with noise, so the generator reaches the readers
PIECES = st.sampled_from(
    [
        "16",
        "٢٠٢٤",
        "2015",
        "1436",
        "هـ",
        "أغسطس",
        "(آب)",
        "آب",
        "الحالي",
        "المقبل",
        "الماضي",
        "منذ",
        "من",
        "إلى",
        "و",
        "الجمعة",
        "اليوم",
        "أمس",
        "الأول",
        "السادس",
        "رمضان",
        "صفر",
        "/",
        "-",
        "عام",
        "الأسبوع",
        "ثلاثة",
        "أيام",
        "شهر",
        "يوم",
        " ",
        "\n",
        "،",
        "(",
        ")",
        "31",
        "0",
        "99",
        "جانفي",
        "كانون الثاني",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(PIECES, max_size=25).map(" ".join),
    st.lists(PIECES, max_size=25).map("".join),
)
ANCHORS = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(TEXTS, ANCHORS, st.booleans())
def test_tag_never_raises_and_spans_match(text: str, anchor: dt.date | None, future: bool) -> None:
    for expression in tag(text, anchor, future_bias=future):
        assert text[expression.start : expression.end] == expression.text
        assert expression.value


@settings(max_examples=150, deadline=None)
@given(TEXTS, ANCHORS)
def test_without_anchor_nothing_relative_is_returned(text: str, anchor: dt.date | None) -> None:
    assert not any(e.relative for e in tag(text, None))


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS, st.one_of(st.none(), st.text(max_size=12)))
def test_article_steps_never_raise(body: str, caption: str, published: str | None) -> None:
    article = Article(captions=[Caption(caption)], blocks=blocks_from_texts([("paragraph", body)]))
    article.published.date = published
    annotate(article)
    infer_published(article)
    caption_date(caption)
