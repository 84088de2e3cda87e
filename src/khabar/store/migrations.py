"""Schema versions: a fresh database gets ``schema.sql``; an older one is brought up step by step.

The version lives in ``PRAGMA user_version`` (cheap to read, atomic with the DDL) and, for people
browsing the file in Datasette, in the ``schema_version`` table too.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from importlib import resources

SCHEMA_VERSION = 3

# version → SQL that lifts a database from version - 1 to it; 1 is the whole schema.
MIGRATIONS: dict[int, str] = {
    # 2: stories — reports of one event across outlets (khabar.dedup.stories), written by ingest.
    2: """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,               -- the smallest article id of the story
    headline TEXT,                        -- the earliest article's headline
    first_published TEXT,
    last_published TEXT,
    size INTEGER NOT NULL,                -- articles in the story (duplicates not counted)
    outlets INTEGER NOT NULL              -- distinct outlets among them
);
CREATE INDEX IF NOT EXISTS stories_last_published ON stories (last_published, size);
CREATE INDEX IF NOT EXISTS stories_size ON stories (size);
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories (id);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story_id);
-- What the last clustering saw: a rerun with the same articles skips clustering.
CREATE TABLE IF NOT EXISTS story_runs (
    max_article_id INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
""",
    # 3: search terms also lose a bare و ف ب ل ك before a known word («وبوتين» → «بوتين»): the
    # full-text index is emptied here and refilled from the stored texts (``REINDEX_AT``).
    3: """
DROP TABLE IF EXISTS articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline,
    body,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
""",
}
# Versions after whose SQL the full-text index is rebuilt from ``articles`` in the same transaction.
REINDEX_AT = frozenset({3})


def reindex(connection: sqlite3.Connection) -> None:
    """Fill ``articles_fts`` from every stored article with today's search terms."""
    from khabar.store.prepare import index_terms

    rows = connection.execute("SELECT id, headline, text FROM articles ORDER BY id").fetchall()
    connection.executemany(
        "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
        (
            (article_id, index_terms(headline or ""), index_terms(text or ""))
            for article_id, headline, text in rows
        ),
    )


class SchemaTooNew(RuntimeError):
    """The database was written by a newer khabar than this one."""


def schema_sql() -> str:
    return resources.files("khabar.store").joinpath("schema.sql").read_text(encoding="utf-8")


def current_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database to ``SCHEMA_VERSION`` in one transaction per step; return the version."""
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"database schema version {version} is newer than this khabar's {SCHEMA_VERSION}")
    while version < SCHEMA_VERSION:
        target = version + 1
        script = schema_sql() if target == 1 else MIGRATIONS[target]
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        # executescript would commit an open transaction first: only the opening script goes
        # through it, the rest of the step uses execute inside the same transaction.
        connection.executescript(f"BEGIN IMMEDIATE;\n{script}\n")
        try:
            if target in REINDEX_AT:
                reindex(connection)
            connection.execute("INSERT INTO schema_version (version, applied) VALUES (?, ?)", (target, stamp))
            connection.execute(f"PRAGMA user_version = {target}")
            connection.execute("COMMIT")
        except BaseException:
            connection.rollback()
            raise
        version = target
    return version
