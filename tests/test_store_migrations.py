"""Schema versions: a step in MIGRATIONS lifts an older database; a newer database is refused."""

import sqlite3

import pytest

from khabar.store import migrations, open_store


def test_an_older_database_is_lifted_by_the_next_step(tmp_path, monkeypatch):
    open_store(tmp_path / "k.db").close()
    latest = migrations.SCHEMA_VERSION
    steps = {**migrations.MIGRATIONS, latest + 1: "ALTER TABLE articles ADD COLUMN language TEXT;"}
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", latest + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    with open_store(tmp_path / "k.db") as store:
        assert store.version == latest + 1
        columns = [row[1] for row in store.connection.execute("PRAGMA table_info(articles)")]
        versions = [
            row[0] for row in store.connection.execute("SELECT version FROM schema_version ORDER BY version")
        ]
    assert "language" in columns
    assert versions == list(range(1, latest + 2))


def test_a_database_from_a_newer_khabar_is_refused(tmp_path):
    connection = sqlite3.connect(tmp_path / "k.db")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(migrations.SchemaTooNew):
        open_store(tmp_path / "k.db")


def _putin_page():
    from khabar.records import Article, Page, blocks_from_texts

    article = Article(
        headline="زيارة إلى باكو",
        outlet="test",
        blocks=blocks_from_texts([("paragraph", "التقى علييف وبوتين في باكو لبحث العلاقات.")]),
    )
    return Page(source="putin", articles=[article], content_hash="putin")


def test_step_3_reindexes_so_a_name_behind_a_bare_conjunction_is_found(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    old_terms = {"وبوتين": ("وبوتين",)}
    from khabar.store import prepare

    with monkeypatch.context() as patch:  # a version-2 database, indexed with version 2's terms
        patch.setattr(migrations, "SCHEMA_VERSION", 2)
        patch.setattr(prepare, "_word_terms", lambda word: old_terms.get(word) or tuple(word.split()))
        with open_store(path) as store:
            store.add_pages([_putin_page()])
            assert store.version == 2
            assert not store.search("بوتين")
    with open_store(path) as store:
        assert store.version == 3
        hits = store.search("بوتين")
        assert [hit.headline for hit in hits] == ["زيارة إلى باكو"]
        assert store.search("باكو")
