"""Linking to canonical identities and within-article coreference, on the sample page."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import khabar
from khabar.records import Article, blocks_from_texts
from khabar.understand.entities import annotate
from khabar.understand.ner.aliases import load_aliases
from khabar.understand.ner.linking import candidates, link
from tests.conftest import SAMPLE_PAGE


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    page = khabar.parse(SAMPLE_PAGE.read_bytes(), understand=False)
    for article in page.articles:
        annotate(article)
    return page.articles


def _keys(article: Article, surface: str) -> set[str]:
    return {m.entity for m in article.mentions if m.text == surface}


def _article(text: str) -> Article:
    article = Article(blocks=blocks_from_texts([("paragraph", text)]))
    annotate(article)
    return article


def test_putin_full_name_and_surname_link_to_one_wikidata_entity(sample_articles):
    first = sample_articles[0]
    assert _keys(first, "فلاديمير بوتين") == _keys(first, "بوتين") == {"Q7747"}


@pytest.mark.parametrize(
    ("surface", "qid"),
    [("أذربيجان", "Q227"), ("روسيا", "Q159"), ("أوكرانيا", "Q212"), ("أرمينيا", "Q399")],
)
def test_countries_on_the_sample_page_link_to_wikidata(sample_articles, surface, qid):
    assert _keys(sample_articles[0], surface) == {qid}


def test_kremlin_is_an_organization_on_the_sample_page(sample_articles):
    assert {m.type for m in sample_articles[0].mentions if m.text == "الكرملين"} == {"ORG"}


def test_kremlin_in_guillemets_is_recognized_every_time(sample_articles):
    article = sample_articles[0]
    quoted = article.text.count("«الكرملين»")
    assert quoted >= 2
    assert (
        sum(1 for m in article.mentions if m.text == "الكرملين" and article.text[m.start - 1] == "«")
        == quoted
    )


def test_kursk_is_a_place_in_the_second_article(sample_articles):
    assert {m.type for m in sample_articles[1].mentions if m.text == "كورسك"} == {"LOC"}


def test_zelensky_links_to_his_wikidata_item(sample_articles):
    # Q3874799 is Volodymyr Zelenskyy on Wikidata (Q3881, named in issue 5, is Lusaka).
    assert _keys(sample_articles[1], "فولوديمير زيلينسكي") == {"Q3874799"}


def test_role_is_kept_on_the_mention_and_the_entity(sample_articles):
    article = sample_articles[0]
    putin = next(e for e in article.entities if e.key == "Q7747")
    first = next(m for m in article.mentions if m.entity == "Q7747")
    assert (first.role, putin.roles) == ("الرئيس الروسي", ["الرئيس الروسي"])


def test_every_mention_span_matches_the_text(sample_articles):
    for article in sample_articles:
        assert all(article.text[m.start : m.end] == m.text for m in article.mentions)


def test_full_name_surname_and_bare_role_are_one_entity():
    article = _article(
        "وصل فلاديمير بوتين إلى باكو. وقال بوتين إن العلاقات جيدة. وأكد الرئيس الروسي أهمية الزيارة."
    )
    putin = [m for m in article.mentions if m.entity == "Q7747"]
    assert [(m.text, m.role) for m in putin] == [
        ("فلاديمير بوتين", None),
        ("بوتين", None),
        ("الرئيس الروسي", "الرئيس الروسي"),
    ]


def test_unlinked_person_gets_a_stable_local_key_and_surname_joins_it():
    article = _article("قال المتحدث ميخايلو بودولياك إن الهجوم مستمر. وأضاف بودولياك أن كييف مستعدة.")
    keys = {m.entity for m in article.mentions if "بودولياك" in m.text}
    assert keys == {"local:PERS:ميخايلو بودولياك"}


def test_prefixed_capital_links_without_its_clitic():
    article = _article("وصل الوفد لموسكو أمس.")
    assert [(m.text, m.entity) for m in article.mentions] == [("موسكو", "Q649")]


def test_linked_country_carries_iso_code_and_english_name():
    article = _article("زار الوزير أذربيجان.")
    azerbaijan = next(e for e in article.entities if e.key == "Q227")
    assert (azerbaijan.iso, azerbaijan.name_en, azerbaijan.name) == ("AZ", "Azerbaijan", "أذربيجان")


def test_capital_carries_its_geonames_id():
    assert (link("موسكو", "LOC").geonames, link("موسكو", "LOC").wikidata) == (524901, "Q649")


def test_alias_spelling_variants_link_alike():
    assert link("ايران", "LOC").key == link("إيران", "LOC").key == "Q794"


def test_person_alias_never_links_a_place_mention():
    assert link("بوتين", "LOC") is None


def test_lam_alif_lam_prefix_restores_the_article():
    assert "الامم المتحده" in candidates("للأمم المتحدة")


def test_alias_table_covers_every_country_of_the_gazetteer():
    countries = [e for e in load_aliases().by_key.values() if e.iso and e.type == "LOC" and not e.geonames]
    assert len(countries) >= 240


@given(st.text(max_size=40), st.sampled_from(["PERS", "LOC", "ORG", "MISC"]))
def test_link_never_crashes(name, kind):
    link(name, kind)


def test_large_city_carries_its_geonames_id(sample_articles):
    kursk = next(e for e in sample_articles[1].entities if e.name == "كورسك")
    assert (kursk.geonames, kursk.name_en, kursk.iso) == (538560, "Kursk", "RU")
