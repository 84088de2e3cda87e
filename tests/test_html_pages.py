"""HTML pages → articles: the two real pages in ../shared/html and khabar's synthetic pages."""

import difflib
import json
from pathlib import Path

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.read import iter_documents
from khabar.read.decode import decode
from khabar.records import Byline
from khabar.structure.html_meta import url_date
from khabar.structure.html_page import structure_html
from tests.conftest import SHARED

HTML = SHARED / "html"
SYNTHETIC = Path(__file__).parent / "data" / "html"
CNN_URL = "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html"
ASSABAH_TITLE = "الناشط الحقوقي السوداني خالد عبد الكريم ماسا لـ«الصباح»:  كل الشروط متوفرة لثورة سودانية ولا حاجة لنستورد شيئا"


def page(path: Path, url: str | None = None):
    return structure_html(decode(path.read_bytes()).text, url=url)


@pytest.fixture(scope="module")
def assabah():
    [article] = page(HTML / "assabah.com.tn.article.html")
    return article


@pytest.fixture(scope="module")
def cnn():
    [article] = page(HTML / "cnn-arabic-2013.article.html", url=CNN_URL)
    return article


@pytest.fixture(scope="module")
def aawsat():
    return page(SYNTHETIC / "aawsat-style-synthetic.html")


def test_assabah_title_is_the_one_in_sources(assabah) -> None:
    assert assabah.headline == ASSABAH_TITLE


@pytest.mark.parametrize("phrase", ["منذ بدء", "كل المجالات", "وماذا عن حقيقة"])
def test_assabah_body_keeps_article_text(assabah, phrase: str) -> None:
    assert phrase in assabah.text


@pytest.mark.parametrize("phrase", ["كورونا يقتل", "غائم جزئيا", "إضافة تعليق جديد"])
def test_assabah_body_leaves_out_widgets_and_comments(assabah, phrase: str) -> None:
    assert phrase not in assabah.text


def test_assabah_date_from_dc_date_attribute(assabah) -> None:
    assert assabah.published.date == "2019-02-08"


def test_cnn_body_is_close_to_expected_text(cnn) -> None:
    expected = (HTML / "cnn-arabic-2013.expected-text.txt").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, cnn.text, expected, autojunk=False).ratio()
    assert ratio > 0.95  # measured 0.9945: the dateline «دمشق، سوريا (CNN) --» moves to the byline


def test_cnn_title_is_the_expected_one(cnn) -> None:
    meta = json.loads((HTML / "cnn-arabic-2013.expected-meta.json").read_text(encoding="utf-8"))
    assert cnn.headline == meta["title"]


def test_cnn_dateline_and_credit(cnn) -> None:
    assert cnn.bylines == [Byline(author="CNN", dateline="دمشق، سوريا")]
    assert cnn.text.startswith("أكدت جهات سورية معارضة")


def test_cnn_date_from_url_path(cnn) -> None:
    assert (cnn.published.date, cnn.published.how) == ("2013-08-03", "url path")


def test_cnn_comment_policy_is_not_body(cnn) -> None:
    assert "لا تعبر عن رأي" not in cnn.text


def test_synthetic_page_has_two_articles(aawsat) -> None:
    assert [a.headline for a in aawsat] == [
        "بوتين يصل إلى باكو في زيارة دولة تستمر يومين",
        "الاتحاد الأوروبي يدرس حزمة عقوبات جديدة",
    ]


def test_synthetic_page_keeps_both_captions_with_credits(aawsat) -> None:
    captions = aawsat[0].captions
    assert [(c.credit, c.agency) for c in captions] == [("أ.ف.ب", "AFP"), ("رويترز", "Reuters")]
    assert captions[0].text == "الرئيس الروسي لدى وصوله إلى مطار باكو الدولي 18 أغسطس 2024"


def test_synthetic_page_teasers_each_apart(aawsat) -> None:
    teasers = aawsat[0].related
    assert [t.title for t in teasers] == [
        "الكرملين: لا أساس لمفاوضات سلام في الوقت الراهن",
        "يريفان تقترح جولة جديدة من محادثات ترسيم الحدود",
        "صادرات النفط عبر بحر قزوين ترتفع للشهر الثالث",
    ]
    assert [t.byline for t in teasers] == [Byline(author="«الشرق الأوسط»", dateline="موسكو")] * 3
    assert [t.caption.agency for t in teasers] == ["EPA", "Reuters", "AFP"]
    assert {t.section for t in teasers} == {"أوروبا"}
    assert (
        teasers[0].summary == "قال الناطق باسم الرئاسة الروسية إن الظروف الحالية لا تسمح ببدء مفاوضات جديدة."
    )


def test_synthetic_page_teaser_bylines_are_not_article_bylines(aawsat) -> None:
    assert aawsat[0].bylines == [Byline(author="سامر الحلبي", dateline="موسكو")]
    assert aawsat[1].bylines == [Byline(author="ليلى الراشد", dateline="بروكسل")]


def test_synthetic_page_no_teaser_or_comment_text_in_body(aawsat) -> None:
    body = aawsat[0].text
    for text in [
        "الكرملين: لا أساس",
        "يريفان تقترح",
        "الشرق الأوسط",
        "مقالات ذات صلة",
        "إضافة تعليق",
        "شارك",
    ]:
        assert text not in body


def test_synthetic_page_subheading_subtitle_section_date(aawsat) -> None:
    article = aawsat[0]
    assert [s.text for s in article.subheadings] == ["أرمينيا"]
    assert article.subtitle == "محادثات مع علييف تتناول الطاقة والنقل وممر الشمال والجنوب"
    assert (article.section, article.outlet) == ("العالم", "الشرق الأوسط")
    assert (article.published.date, article.published.how) == ("2024-08-18", "meta article:published_time")


def test_trafilatura_drops_the_captions_khabar_keeps() -> None:
    html = (SYNTHETIC / "aawsat-style-synthetic.html").read_text(encoding="utf-8")
    extracted = trafilatura.extract(html) or ""
    assert "وصل الرئيس الروسي" in extracted
    assert "مطار باكو الدولي" not in extracted
    assert "لقاء سابق بين الرئيسين" not in extracted


def test_windows_1256_page_from_meta_http_equiv() -> None:
    [document] = iter_documents([SYNTHETIC / "windows-1256-synthetic.html"])
    assert document.charset == "windows-1256"
    [article] = structure_html(decode(document.data, declared=document.charset).text)
    assert article.headline == "أمطار غزيرة تغلق طرقاً في عمّان"
    assert len(article.paragraphs) == 3
    assert "صحيفة المساء" not in article.text and "رياضة" not in article.text


def test_windows_1256_page_json_ld_date_section_author() -> None:
    [article] = page(SYNTHETIC / "windows-1256-synthetic.html")
    assert (article.published.date, article.published.how) == ("2012-01-15", "json-ld datePublished")
    assert article.section == "محليات"
    assert article.bylines == [Byline(author="هالة النمري")]


def test_url_date_forms() -> None:
    assert url_date("https://aawsat.com/2024/08/16/putin") == "2024-08-16"
    assert url_date("https://example.com/news/2024-08-16-putin.html") == "2024-08-16"
    assert url_date("https://example.com/news/12345") is None


def test_empty_and_textless_pages_give_no_article() -> None:
    assert structure_html("") == []
    assert structure_html("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>") == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    structure_html(text)


TAGS = st.sampled_from(
    ["p", "div", "article", "figure", "figcaption", "h1", "h3", "section", "br", "span", "li"]
)
CLASSES = st.sampled_from(["", "related", "byline", "caption", "comments", "share", "summary"])
WORDS = st.sampled_from(
    ["مقالات ذات صلة", "رائد جبر (موسكو)", "صورة (أ.ف.ب)", "قال الرئيس.", "<", "&amp;", "TT"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TAGS, CLASSES, WORDS, st.booleans()), max_size=30))
def test_arbitrary_markup_never_raises(parts: list[tuple[str, str, str, bool]]) -> None:
    html = "".join(f'<{t} class="{c}">{w}' + (f"</{t}>" if close else "") for t, c, w, close in parts)
    for article in structure_html(f"<html><body>{html}</body></html>"):
        for block in article.blocks:
            assert article.text[block.start : block.end] == block.text
