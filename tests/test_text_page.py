"""The text-page structurer on the canonical sample page and on pages of our own making."""

import json

import pytest

from khabar import parse
from khabar.structure.text_page import structure_text
from tests.conftest import ROOT, SAMPLE_EXPECTED, SAMPLE_PAGE

CAPTION_KEYS = ("text", "credit", "agency")


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page():
    return parse(SAMPLE_PAGE.read_bytes(), source=SAMPLE_PAGE.name, understand=False)


def _caption(caption: dict | None) -> dict | None:
    return None if caption is None else {key: caption[key] for key in CAPTION_KEYS}


def test_sample_page_holds_two_articles(page, expected):
    assert [a.headline for a in page.articles] == [a["headline"] for a in expected["articles"]]


@pytest.mark.parametrize("field", ["headline", "subtitle", "paragraphs", "subheadings"])
def test_sample_page_text_fields(page, expected, field):
    for article, want in zip(page.articles, expected["articles"], strict=True):
        assert article.to_dict()[field] == want[field]


def test_sample_page_captions_once_each_with_agency(page, expected):
    for article, want in zip(page.articles, expected["articles"], strict=True):
        assert [_caption(c) for c in article.to_dict()["captions"]] == want["captions"]


def test_sample_page_five_teasers_kept_apart(page, expected):
    got = page.articles[0].to_dict()["related"]
    want = expected["articles"][0]["related"]
    assert len(got) == 5
    for teaser, wanted in zip(got, want, strict=True):
        assert {**teaser, "caption": _caption(teaser["caption"])} == wanted
    assert page.articles[1].related == []


def test_teaser_text_never_leaks_into_body(page, expected):
    body = page.articles[0].text
    for teaser in expected["articles"][0]["related"]:
        assert teaser["summary"] not in body
        assert teaser["title"] not in body
        assert teaser["caption"]["text"] not in body
    # No teaser byline among the article's own authors.
    assert page.articles[0].bylines == []


def test_sample_page_publication_dates(page, expected):
    assert [a.published.date for a in page.articles] == [a["published"]["date"] for a in expected["articles"]]
    assert all(a.published.how.startswith("inferred") for a in page.articles)


def test_page_json_has_every_expected_key(page, expected):
    data = json.loads(page.to_json())
    for article, want in zip(data["articles"], expected["articles"], strict=True):
        assert set(want) <= set(article)


def test_boilerplate_and_repeated_headline_dropped(page):
    for article in page.articles:
        assert "TT" not in article.text.split("\n")
        assert article.headline not in article.paragraphs


def test_block_spans_point_into_article_text(page):
    for article in page.articles:
        for block in article.blocks:
            assert article.text[block.start : block.end] == block.text


def test_subheading_position(page):
    article = page.articles[0]
    assert [(s.text, s.before_paragraph) for s in article.subheadings] == [("أرمينيا", 6)]


def test_windows_1256_page_parses_identically(page):
    encoded = SAMPLE_PAGE.read_text(encoding="utf-8").encode("cp1256")
    again = parse(encoded, understand=False)
    assert again.encoding == "cp1256"
    assert [a.to_dict() for a in again.articles] == [a.to_dict() for a in page.articles]


def test_iso_8859_6_and_crlf_and_bom_parse_identically(page):
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    # ISO-8859-6 has no «» nor Persian-style letters; compare on a page made of what it can encode.
    simple = "بوتين يقوم بزيارة لأذربيجان\n\nيجري الرئيس الروسي زيارة دولة إلى أذربيجان.\n"
    assert (
        parse(simple.encode("iso8859_6"), understand=False).articles[0].headline
        == "بوتين يقوم بزيارة لأذربيجان"
    )
    crlf_bom = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    assert [a.to_dict() for a in parse(crlf_bom, understand=False).articles] == [
        a.to_dict() for a in page.articles
    ]


def test_diacritics_are_kept():
    page = parse("عنوان\n\nوتأتي الزيارة للدولة التي تُعدّ شريكاً مقرباً.", understand=False)
    assert "تُعدّ" in page.articles[0].text


def test_demo_page_structure():
    articles = structure_text((ROOT / "examples" / "demo-page.txt").read_text(encoding="utf-8"))
    assert [a.headline for a in articles] == [
        "وزراء الزراعة العرب يجتمعون في الرياض لبحث الأمن الغذائي",
        "الأردن يطلق مشروعاً لحصاد مياه الأمطار",
    ]
    first = articles[0]
    assert first.subtitle == "خطة مشتركة لمواجهة الجفاف وارتفاع أسعار الحبوب"
    assert [(b.author, b.dateline) for b in first.bylines] == [("سلمى الحربي", "الرياض")]
    assert [(c.credit, c.agency) for c in first.captions] == [("واس", "SPA")]
    assert [(t.section, t.title, t.byline.dateline) for t in first.related] == [
        ("اقتصاد", "مزارعو القصيم يبدأون موسم حصاد القمح", "بريدة"),
        ("اقتصاد", "ارتفاع واردات الحبوب عبر موانئ البحر الأحمر", "جدة"),
    ]
    assert [s.text for s in first.subheadings] == ["الجفاف"]


def test_page_without_repeated_headline_is_one_article():
    text = "انطلاق معرض الكتاب في جدة\n\nافتتح أمير المنطقة المعرض مساء أمس.\n\nويستمر المعرض عشرة أيام."
    (article,) = structure_text(text)
    assert article.headline == "انطلاق معرض الكتاب في جدة"
    assert article.subtitle is None
    assert article.paragraphs == ["افتتح أمير المنطقة المعرض مساء أمس.", "ويستمر المعرض عشرة أيام."]
