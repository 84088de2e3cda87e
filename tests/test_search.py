"""Arabic search: normalized and clitic-stripped matching, BM25 ranking, snippets of the original
text with the matches marked, filters by outlet, date and entity."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from khabar.cli import app
from khabar.records import Article, Entity, Page, blocks_from_texts
from khabar.store import open_store
from khabar.store.search import make_snippet, query_terms
from tests.test_store_helpers import first_with, spread, write_jsonl


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "k.db"
    records = spread(80) + [first_with("والقاهرة")]
    with open_store(path) as store:
        store.ingest([write_jsonl(path.with_suffix(".jsonl"), records)], workers=0, understand=False)
        putin = Article(
            headline="بوتين يزور باكو",
            outlet="test",
            blocks=blocks_from_texts(
                [("paragraph", "وصل الرئيس الروسي فلاديمير بوتين إلى باكو في زيارة دولة.")]
            ),
        )
        putin.entities = [Entity(key="Q7747", type="PERS", name="فلاديمير بوتين", wikidata="Q7747")]
        store.add_pages([Page(source="putin", articles=[putin], content_hash="putin")])
    return path


def test_a_query_without_hamza_finds_the_hamza_spelling(db):
    with open_store(db) as store:
        hits = store.search("احمد", limit=50)
    assert hits and all(
        "أحمد" in h.snippet or "احمد" in h.snippet or "أحمد" in (h.headline or "") for h in hits
    )


def test_a_definite_noun_finds_it_behind_the_conjunction(db):
    with open_store(db) as store:
        hits = store.search("القاهرة", limit=100)
    marked = {hit.snippet[s:e] for hit in hits for s, e in hit.marks}
    assert "والقاهرة" in marked


def test_the_snippet_is_the_original_text_with_the_match_marked():
    snippet, marks = make_snippet("قال أحمد إن الوفد وصل إلى القاهرة.", set(query_terms("احمد")))
    assert snippet == "قال أحمد إن الوفد وصل إلى القاهرة."
    assert [snippet[s:e] for s, e in marks] == ["أحمد"]


def test_a_long_text_gives_a_window_around_the_match():
    text = " ".join(["كلمة"] * 100 + ["والقاهرة"] + ["كلمة"] * 100)
    snippet, marks = make_snippet(text, set(query_terms("القاهرة")))
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert [snippet[s:e] for s, e in marks] == ["والقاهرة"]


def test_every_query_word_must_match(db):
    with open_store(db) as store:
        assert [h.id for h in store.search("بوتين باكو")] == [h.id for h in store.search("باكو بوتين")]
        assert store.search("بوتين زززز") == []


def test_results_are_ranked_best_first(db):
    with open_store(db) as store:
        scores = [hit.score for hit in store.search("السعودية", limit=20)]
    assert scores == sorted(scores)


def test_the_outlet_filter_keeps_only_that_outlet(db):
    with open_store(db) as store:
        hits = store.search("السعودية", limit=50, outlet="aawsat")
    assert hits and {hit.outlet for hit in hits} == {"aawsat"}


def test_the_date_filter_is_inclusive(db):
    with open_store(db) as store:
        assert store.search("السعودية", date_from="2015-07-21", date_to="2015-07-21")
        assert store.search("السعودية", date_from="2015-07-22") == []


def test_the_entity_filter_matches_key_or_name(db):
    with open_store(db) as store:
        by_key = [hit.headline for hit in store.search("بوتين", entity="Q7747")]
        by_name = [hit.headline for hit in store.search("بوتين", entity="فلاديمير بوتين")]
    assert by_key == by_name == ["بوتين يزور باكو"]


def test_the_headline_match_is_marked(db):
    with open_store(db) as store:
        hit = store.search("باكو", entity="Q7747")[0]
    assert [hit.headline[s:e] for s, e in hit.headline_marks] == ["باكو"]


def test_an_empty_or_punctuation_query_finds_nothing(db):
    with open_store(db) as store:
        assert store.search("") == []
        assert store.search('"* - ( OR') == []


def test_the_search_command_prints_json_lines(db):
    result = CliRunner().invoke(app, ["search", "بوتين", "--db", str(db), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    hit = json.loads(result.output.splitlines()[0])
    assert "<mark>بوتين</mark>" in hit["snippet_marked"]


def test_the_search_command_without_a_database_says_so(tmp_path):
    result = CliRunner().invoke(app, ["search", "بوتين", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_query_never_crashes(db, query):
    with open_store(db) as store:
        assert isinstance(store.search(query, limit=3), list)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.text(max_size=20))
def test_snippet_marks_always_fall_on_matching_words(text, query):
    terms = set(query_terms(query))
    snippet, marks = make_snippet(text, terms)
    for start, end in marks:
        assert 0 <= start < end <= len(snippet)
        assert set(query_terms(snippet[start:end])) & terms
