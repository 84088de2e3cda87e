-- khabar store, schema version 1. Documented in docs/schema.md.
-- Ids are INTEGER PRIMARY KEYs assigned in input order (no AUTOINCREMENT, nothing is ever
-- deleted), so a rerun after a crash assigns exactly the ids an uninterrupted run would.

CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied TEXT NOT NULL
);

-- One row per input document that gave at least one article (a text dump, an HTML page,
-- a WARC record, a JSON record). ``source`` is the reader's name for it (path, path!member#n).
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    content_hash TEXT,
    encoding TEXT,
    problem TEXT
);
CREATE INDEX IF NOT EXISTS pages_content_hash ON pages (content_hash);

CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (id),
    position INTEGER NOT NULL,            -- 0-based order of the article on its page
    headline TEXT,
    subtitle TEXT,
    section TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,                       -- ISO date YYYY-MM-DD
    published_how TEXT,
    text TEXT NOT NULL,                   -- the body: blocks joined by a blank line
    blocks TEXT NOT NULL,                 -- JSON [[kind, start, end], ...] spans into text
    text_hash TEXT,                       -- hash of the normalized text (exact dedup)
    UNIQUE (page_id, position)
);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles (text_hash);
CREATE INDEX IF NOT EXISTS articles_outlet_published ON articles (outlet, published);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);

CREATE TABLE IF NOT EXISTS captions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    credit TEXT,
    agency TEXT,
    date TEXT
);
CREATE INDEX IF NOT EXISTS captions_article ON captions (article_id);

CREATE TABLE IF NOT EXISTS bylines (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    position INTEGER NOT NULL,
    author TEXT,
    dateline TEXT
);
CREATE INDEX IF NOT EXISTS bylines_article ON bylines (article_id);
CREATE INDEX IF NOT EXISTS bylines_author ON bylines (author);

-- Related-article teasers: kept apart from the body, never searched as the article.
CREATE TABLE IF NOT EXISTS teasers (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    section TEXT,
    summary TEXT,
    caption_text TEXT,
    caption_credit TEXT,
    caption_agency TEXT,
    byline_author TEXT,
    byline_dateline TEXT
);
CREATE INDEX IF NOT EXISTS teasers_article ON teasers (article_id);

-- Canonical entities of an article (key: Wikidata QID when linked, else a local key).
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    name_en TEXT,
    wikidata TEXT,
    iso TEXT,
    geonames INTEGER,
    roles TEXT NOT NULL DEFAULT '[]',     -- JSON list
    UNIQUE (article_id, key)
);
CREATE INDEX IF NOT EXISTS entities_key ON entities (key);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name);
CREATE INDEX IF NOT EXISTS entities_wikidata ON entities (wikidata);

-- Standoff spans [start, end) into articles.text.
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_key TEXT,
    role TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_key);

CREATE TABLE IF NOT EXISTS temporal_expressions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    granularity TEXT NOT NULL,
    relative INTEGER NOT NULL DEFAULT 0,
    begin TEXT,
    end_date TEXT,
    calendar TEXT NOT NULL DEFAULT 'gregorian'
);
CREATE INDEX IF NOT EXISTS temporal_expressions_article ON temporal_expressions (article_id);
CREATE INDEX IF NOT EXISTS temporal_expressions_begin ON temporal_expressions (begin);

CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    verb TEXT,
    speaker TEXT,                         -- entity key when linked
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    medium TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);

CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    type TEXT NOT NULL,                   -- PLOVER event type
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    mode TEXT,
    trigger TEXT,
    actors TEXT NOT NULL DEFAULT '[]',    -- JSON list of entity keys
    recipients TEXT NOT NULL DEFAULT '[]',
    place TEXT,
    begin TEXT,
    end_date TEXT,
    factuality TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS events_type ON events (type);

-- Documents that gave no article, with the reason (the first word of the problem) and detail.
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    detail TEXT,
    content_hash TEXT
);
CREATE INDEX IF NOT EXISTS failures_reason ON failures (reason);

-- A copy that was not stored again, linked to its first copy. kind: page (same content hash),
-- exact (same normalized text), near (MinHash candidate confirmed at Jaccard >= 0.8).
CREATE TABLE IF NOT EXISTS duplicates (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,            -- the copy's article position on its page (0 for a page)
    kind TEXT NOT NULL CHECK (kind IN ('page', 'exact', 'near')),
    headline TEXT,
    url TEXT,
    original_page_id INTEGER REFERENCES pages (id),
    original_article_id INTEGER REFERENCES articles (id),
    jaccard REAL,
    UNIQUE (source, position)
);
CREATE INDEX IF NOT EXISTS duplicates_original ON duplicates (original_article_id);

-- LSH band keys of each stored article: articles sharing a key are near-duplicate candidates.
CREATE TABLE IF NOT EXISTS minhash_bands (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

-- Full-text index over search tokens (normalized, clitic-stripped: «والقاهرة» → «قاهره»);
-- contentless: snippets are cut from articles.text, so results show the original spelling.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    headline,
    body,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
