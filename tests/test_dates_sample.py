"""The sample page: every temporal expression of both bodies, resolved against 2024-08-16."""

import datetime as dt
import json
from pathlib import Path

import pytest

from khabar.records import Article, Caption, blocks_from_texts
from khabar.understand.dates import annotate
from khabar.understand.published import caption_date, infer_published

# the same path as conftest.SAMPLE_EXPECTED (conftest is not importable as a module here)
SAMPLE_EXPECTED = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "samples"
    / "pages"
    / "aawsat-2024-08-16-putin-azerbaijan.expected.json"
)
ANCHOR = "2024-08-16"


def _articles() -> list[Article]:
    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
    articles = []
    for item in expected["articles"]:
        articles.append(
            Article(
                headline=item["headline"],
                captions=[Caption(**caption) for caption in item["captions"]],
                blocks=blocks_from_texts([("paragraph", p) for p in item["paragraphs"]]),
            )
        )
    return articles


def _dates(index: int) -> list[tuple[str, str, str]]:
    article = _articles()[index]
    article.published.date = ANCHOR
    annotate(article)
    for expression in article.dates:
        assert article.text[expression.start : expression.end] == expression.text
    return [(e.text, e.value, e.granularity) for e in article.dates]


def test_first_article_every_expression_resolved() -> None:
    assert _dates(0) == [
        ("18 و19 أغسطس (آب) الحالي", "2024-08-18/2024-08-19", "range"),
        ("سبتمبر (أيلول) 2018", "2018-09", "month"),
        ("نوفمبر (تشرين الثاني) المقبل", "2024-11", "month"),
        ("فبراير (شباط) 2022", "2022-02", "month"),
        ("سبتمبر 2023", "2023-09", "month"),
        ("السادس من أغسطس الحالي", "2024-08-06", "day"),
    ]


def test_second_article_friday_is_the_publication_day() -> None:
    assert _dates(1) == [("الجمعة", "2024-08-16", "day")]


def test_relative_flags_on_the_first_article() -> None:
    article = _articles()[0]
    article.published.date = ANCHOR
    annotate(article)
    assert [e.relative for e in article.dates] == [True, False, True, False, False, True]


def test_without_publication_date_only_absolute_dates_are_kept() -> None:
    article = _articles()[0]
    annotate(article)
    assert [e.value for e in article.dates] == ["2018-09", "2022-02", "2023-09"]


@pytest.mark.parametrize("index", [0, 1])
def test_publication_date_inferred_from_captions_and_body(index: int) -> None:
    assert infer_published(_articles()[index]).date == ANCHOR


def test_inference_says_how_for_this_month() -> None:
    how = infer_published(_articles()[0]).how
    assert how == "inferred: latest dated caption; '18 و19 أغسطس (آب) الحالي' (this month) in the body agrees"


def test_inference_says_how_for_friday() -> None:
    how = infer_published(_articles()[1]).how
    assert how == "inferred: latest dated caption; 'الجمعة' (الجمعة) = 2024-08-16"


def test_explicit_publication_date_is_kept() -> None:
    article = _articles()[1]
    article.published.date = "2024-08-17"
    article.published.how = "metadata"
    assert infer_published(article).date == "2024-08-17"


def test_caption_date_with_year() -> None:
    assert caption_date("الرئيس الروسي فلاديمير بوتين 16 أغسطس 2024") == "2024-08-16"


def test_caption_date_without_year_needs_an_anchor() -> None:
    assert caption_date("بوتين مستقبلاً مواطنين روساً بعد إتمام صفقة التبادل في موسكو 1 أغسطس") is None


def test_caption_date_without_year_resolved_against_anchor() -> None:
    text = "بوتين مستقبلاً مواطنين روساً بعد إتمام صفقة التبادل في موسكو 1 أغسطس"
    assert caption_date(text, dt.date(2024, 8, 16)) == "2024-08-01"


def test_page_without_dates_infers_nothing() -> None:
    article = Article(blocks=blocks_from_texts([("paragraph", "قال الرئيس إن المحادثات مستمرة.")]))
    assert infer_published(article).date is None
