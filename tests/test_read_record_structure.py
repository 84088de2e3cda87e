"""Named record fields (JSONL, SaudiNewsNet) → one article: headline, bylines, paragraphs, date."""

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Byline
from khabar.structure.record import record_date, structure_record

FIELDS = {
    "title": "بوتين يقوم بزيارة لأذربيجان",
    "author": "موسكو: رائد جبر",
    "content": "يجري الرئيس الروسي زيارة دولة.\n\n  ويلتقي نظيره الأذربيجاني.  \nوتستمر يومين.",
    "date": "2015-07-21 02:51:32",
    "outlet": "aawsat",
    "url": "https://aawsat.com/x/1",
}


def test_title_becomes_headline() -> None:
    [article] = structure_record(FIELDS)
    assert article.headline == "بوتين يقوم بزيارة لأذربيجان"


def test_author_field_becomes_bylines_with_dateline() -> None:
    [article] = structure_record(FIELDS)
    assert article.bylines == [Byline(author="رائد جبر", dateline="موسكو")]


def test_content_splits_into_stripped_paragraphs() -> None:
    [article] = structure_record(FIELDS)
    assert article.paragraphs == [
        "يجري الرئيس الروسي زيارة دولة.",
        "ويلتقي نظيره الأذربيجاني.",
        "وتستمر يومين.",
    ]
    assert article.text[article.blocks[1].start : article.blocks[1].end] == "ويلتقي نظيره الأذربيجاني."


def test_date_field_becomes_published_with_how() -> None:
    [article] = structure_record(FIELDS)
    assert (article.published.date, article.published.how) == ("2015-07-21", "record field 'date'")


def test_url_and_outlet_arguments_win_over_fields() -> None:
    [article] = structure_record(FIELDS, url="https://example.org/a", outlet="الشرق الأوسط")
    assert (article.url, article.outlet) == ("https://example.org/a", "الشرق الأوسط")


def test_empty_record_gives_no_article() -> None:
    assert structure_record({"author": "لندن: رنيم حنوش", "content": " \n "}) == []


def test_record_date_forms() -> None:
    assert record_date("2024-08-19T10:00:00Z") == "2024-08-19"
    assert record_date("19/08/2024") == "2024-08-19"
    assert record_date("أمس") is None


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "author", "content", "date", "url", "outlet"]), st.text(max_size=80)
    )
)
def test_arbitrary_fields_never_raise(fields: dict[str, str]) -> None:
    for article in structure_record(fields):
        assert article.headline or article.blocks
