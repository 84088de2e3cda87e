"""Rendering helpers of the web app: span pieces, snippet marks, timeline bars; never crash."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Mention, Quote, TemporalExpression, blocks_from_texts
from khabar.serve import create_app
from khabar.serve.charts import timeline
from khabar.serve.spans import mark_pieces, render_blocks
from khabar.store import open_store

TEXT_BLOCKS = [
    ("paragraph", "قال الرئيس الروسي فلاديمير بوتين إن «موسكو مستعدة» للحوار"),
    ("paragraph", "في 18 أغسطس"),
]


def sample_article() -> Article:
    article = Article(blocks=blocks_from_texts(TEXT_BLOCKS))  # type: ignore[arg-type]
    text = article.text
    start = text.index("فلاديمير بوتين")
    article.mentions = [Mention(start, start + len("فلاديمير بوتين"), "فلاديمير بوتين", "PERS", "Q7747")]
    moscow = text.index("موسكو")
    article.mentions.append(Mention(moscow, moscow + 5, "موسكو", "LOC", "Q649"))
    quote = text.index("«")
    article.quotes = [Quote(quote, text.index("»") + 1, "«موسكو مستعدة»", "direct", "قال")]
    day = text.index("18 أغسطس")
    article.dates = [TemporalExpression(day, day + 8, "18 أغسطس", "2024-08-18", "day")]
    return article


def test_pieces_of_each_block_join_back_to_the_block_text() -> None:
    blocks = render_blocks(sample_article())
    assert ["".join(piece.text for piece in block.pieces) for block in blocks] == [
        text for _, text in TEXT_BLOCKS
    ]


def test_a_mention_inside_a_quote_keeps_both() -> None:
    pieces = render_blocks(sample_article())[0].pieces
    moscow = next(piece for piece in pieces if piece.text == "موسكو")
    assert (moscow.mention.entity, moscow.quote.kind) == ("Q649", "direct")  # type: ignore[union-attr]


def test_a_date_piece_carries_its_value() -> None:
    pieces = render_blocks(sample_article())[1].pieces
    assert [(piece.text, piece.date.value) for piece in pieces if piece.date] == [("18 أغسطس", "2024-08-18")]


def test_spans_outside_the_text_are_dropped() -> None:
    article = Article(blocks=blocks_from_texts([("paragraph", "بوتين")]))
    article.mentions = [Mention(3, 99, "x", "PERS", "Q1")]
    assert [(piece.text, piece.mention) for piece in render_blocks(article)[0].pieces] == [("بوتين", None)]


def test_mark_pieces_cuts_at_the_marks() -> None:
    assert mark_pieces("زيارة بوتين لأذربيجان", [(6, 11)]) == [
        ("زيارة ", False),
        ("بوتين", True),
        (" لأذربيجان", False),
    ]


def test_timeline_fills_days_without_mentions() -> None:
    chart = timeline([{"date": "2015-07-21", "count": 2}, {"date": "2015-07-23", "count": 1}])
    assert [(bar.label, bar.count) for bar in chart.bars] == [
        ("2015-07-21", 2),
        ("2015-07-22", 0),
        ("2015-07-23", 1),
    ]


def test_timeline_over_years_counts_per_month() -> None:
    chart = timeline([{"date": "2015-07-21", "count": 2}, {"date": "2024-08-16", "count": 3}])
    assert chart.unit == "month" and chart.bars[0].label == "2015-07" and chart.bars[-1].count == 3


@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-5, 100), st.integers(-5, 100)), max_size=6))
def test_mark_pieces_never_crash_and_keep_the_text(text: str, marks: list[tuple[int, int]]) -> None:
    assert "".join(piece for piece, _ in mark_pieces(text, marks)) == text


spans = st.lists(st.tuples(st.integers(-3, 60), st.integers(-3, 60)), max_size=8)


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=3), spans, spans)
def test_render_blocks_never_crash_and_keep_the_text(
    paragraphs: list[str], mentions: list, quotes: list
) -> None:  # type: ignore[type-arg]
    article = Article(blocks=blocks_from_texts([("paragraph", p) for p in paragraphs]))
    article.mentions = [Mention(s, e, "", "PERS", "Q1") for s, e in mentions]
    article.quotes = [Quote(s, e, "", "direct") for s, e in quotes]
    assert ["".join(p.text for p in b.pieces) for b in render_blocks(article)] == paragraphs


@given(
    st.lists(st.fixed_dictionaries({"date": st.text(max_size=12), "count": st.integers(0, 50)}), max_size=10)
)
def test_timeline_never_crashes(points: list[dict]) -> None:  # type: ignore[type-arg]
    chart = timeline(points)
    assert all(0 <= bar.height <= chart.height for bar in chart.bars)


@pytest.fixture(scope="module")
def small_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("small") / "khabar.db"
    with open_store(path) as store:
        store.ingest_documents([], workers=0)
    return TestClient(create_app(path), raise_server_exceptions=False)


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=60),
    st.sampled_from(["/search", "/api/search", "/api/events", "/entities", "/api/entities/"]),
    st.text(max_size=12),
)
def test_arbitrary_parameters_never_give_a_server_error(
    small_client: TestClient, q: str, path: str, other: str
) -> None:
    params = {"q": q, "outlet": other, "date_from": other, "entity": q, "limit": other, "type": other}
    url = path + quote(q, safe="") if path.endswith("/") else path
    assert small_client.get(url, params=params).status_code < 500
