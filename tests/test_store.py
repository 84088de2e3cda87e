"""The store: schema and version, idempotent ingest, duplicates linked to the first copy, failures."""

import sqlite3

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.records import Article, Entity, Mention, Page, blocks_from_texts
from khabar.store import open_store
from khabar.store.migrations import SCHEMA_VERSION
from khabar.store.prepare import index_terms
from khabar.understand.normalize import search_tokens
from tests.test_store_helpers import spread, write_jsonl


def _slice(tmp_path, records=None):
    return write_jsonl(tmp_path / "slice.jsonl", records if records is not None else spread(40))


def test_a_new_database_has_the_schema_version(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        assert store.version == SCHEMA_VERSION
    connection = sqlite3.connect(tmp_path / "k.db")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    steps = connection.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert steps == [(version,) for version in range(1, SCHEMA_VERSION + 1)]  # one row per step


def test_reopening_does_not_migrate_again(tmp_path):
    open_store(tmp_path / "k.db").close()
    open_store(tmp_path / "k.db").close()
    connection = sqlite3.connect(tmp_path / "k.db")
    assert connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_the_database_opens_with_sqlite_utils(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        store.ingest([_slice(tmp_path)], workers=0, understand=False)
    db = sqlite_utils.Database(tmp_path / "k.db")
    assert {"pages", "articles", "entities", "mentions", "temporal_expressions", "quotes", "events"} <= set(
        db.table_names()
    )
    assert db["articles"].count == 40
    assert sorted(fk.other_table for fk in db["articles"].foreign_keys) == ["pages", "stories"]


def test_every_record_of_a_slice_becomes_one_article(tmp_path):
    with open_store(tmp_path / "k.db") as store:
        summary = store.ingest([_slice(tmp_path)], workers=0, understand=False)
        assert (summary.pages, summary.articles, sum(summary.duplicates.values())) == (40, 40, 0)


def test_a_second_ingest_adds_nothing(tmp_path):
    path = _slice(tmp_path)
    with open_store(tmp_path / "k.db") as store:
        store.ingest([path], workers=0, understand=False)
        before = store.counts()
        summary = store.ingest([path], workers=0, understand=False)
        assert (summary.skipped, summary.pages, summary.articles) == (40, 0, 0)
        assert store.counts() == before


def test_a_repeated_article_is_linked_to_its_first_copy(tmp_path):
    records = spread(5)
    repeat = dict(records[1], url=records[1]["url"] + "?again")
    with open_store(tmp_path / "k.db") as store:
        summary = store.ingest([_slice(tmp_path, [*records, repeat])], workers=0, understand=False)
        assert summary.duplicates == {"exact": 1}
        row = store.connection.execute(
            "SELECT d.kind, d.position, a.url FROM duplicates d JOIN articles a ON a.id = d.original_article_id"
        ).fetchone()
    assert row == ("exact", 0, records[1]["url"])


def test_a_copy_with_other_hamza_spelling_is_an_exact_duplicate(tmp_path):
    record = spread(1)[0]
    respelled = dict(record, url="x", content=record["content"].replace("أ", "ا").replace("إ", "ا"))
    with open_store(tmp_path / "k.db") as store:
        assert store.ingest(
            [_slice(tmp_path, [record, respelled])], workers=0, understand=False
        ).duplicates == {"exact": 1}


def test_an_edited_copy_is_a_near_duplicate_with_its_jaccard(tmp_path):
    record = spread(1)[0]
    words = record["content"].split()
    edited = dict(record, url="x", content=" ".join(words[:-3]))
    with open_store(tmp_path / "k.db") as store:
        store.ingest([_slice(tmp_path, [record, edited])], workers=0, understand=False)
        kind, original, similarity = store.connection.execute(
            "SELECT kind, original_article_id, jaccard FROM duplicates"
        ).fetchone()
    assert (kind, original) == ("near", 1)
    assert 0.8 <= similarity < 1.0


def test_a_record_without_content_is_a_failure_with_its_reason(tmp_path):
    records = [*spread(2), {"source": "aawsat", "url": "u", "title": "", "content": ""}]
    with open_store(tmp_path / "k.db") as store:
        summary = store.ingest([_slice(tmp_path, records)], workers=0, understand=False)
        assert summary.failures == {"empty-record": 1}
        assert store.connection.execute("SELECT source, reason FROM failures").fetchall() == [
            (f"{tmp_path / 'slice.jsonl'}:3", "empty-record")
        ]


def test_a_line_that_is_not_json_is_recorded_and_the_run_goes_on(tmp_path):
    path = _slice(tmp_path, spread(2))
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with open_store(tmp_path / "k.db") as store:
        summary = store.ingest([path], workers=0, understand=False)
    assert (summary.articles, summary.failures) == (2, {"bad-json": 1})


def test_annotations_are_stored_with_their_spans(tmp_path):
    article = Article(
        headline="بوتين في باكو", blocks=blocks_from_texts([("paragraph", "وصل بوتين إلى باكو.")])
    )
    article.entities = [Entity(key="Q7747", type="PERS", name="بوتين", wikidata="Q7747", roles=["الرئيس"])]
    article.mentions = [Mention(start=4, end=9, text="بوتين", type="PERS", entity="Q7747")]
    with open_store(tmp_path / "k.db") as store:
        store.add_pages([Page(source="p1", articles=[article], content_hash="h1")])
        mention = store.connection.execute('SELECT start, "end", text, entity_key FROM mentions').fetchone()
        roles = store.connection.execute("SELECT roles FROM entities").fetchone()[0]
    assert mention == (4, 9, "بوتين", "Q7747")
    assert roles == '["الرئيس"]'


def test_a_page_with_a_stored_content_hash_is_a_page_duplicate(tmp_path):
    article = Article(
        headline="بوتين في باكو", blocks=blocks_from_texts([("paragraph", "وصل بوتين إلى باكو.")])
    )
    with open_store(tmp_path / "k.db") as store:
        summary = store.add_pages(
            [
                Page(source="a", articles=[article], content_hash="h"),
                Page(source="b", articles=[article], content_hash="h"),
            ]
        )
    assert (summary.pages, summary.duplicates) == (1, {"page": 1})


def test_index_terms_are_the_search_tokens_of_the_whole_text():
    text = spread(1)[0]["content"]
    assert index_terms(text) == " ".join(search_tokens(text))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("أاإلقهرةو ـَ\n\t.،x1"), max_size=60) | st.text(max_size=60))
def test_index_terms_never_differ_from_search_tokens(text):
    assert index_terms(text) == " ".join(search_tokens(text))


def test_a_page_kept_despite_a_problem_is_counted_by_reason(tmp_path):
    article = Article(
        headline="بوتين في باكو", blocks=blocks_from_texts([("paragraph", "وصل بوتين إلى باكو.")])
    )
    page = Page(source="a", articles=[article], content_hash="h", problem="understand-error: KeyError: 'x'")
    with open_store(tmp_path / "k.db") as store:
        summary = store.add_pages([page])
        stored = store.connection.execute("SELECT problem FROM pages").fetchone()[0]
    assert (summary.articles, summary.problems) == (1, {"understand-error": 1})
    assert stored == "understand-error: KeyError: 'x'"
