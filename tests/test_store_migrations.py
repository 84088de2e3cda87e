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
