"""The store's writer: one SQLite file, filled in input order, one transaction per batch.

Ingest is idempotent and crash-safe by construction: every processed document leaves its
``source`` in exactly one of ``pages``, ``failures`` or ``duplicates`` in the same transaction as
everything else it wrote, a rerun skips the sources already there, and ids are plain rowids given
in input order, so a run killed at any moment and run again ends with the very same database.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from khabar.dedup.near import THRESHOLD as NEAR_THRESHOLD
from khabar.dedup.near import jaccard, shingles
from khabar.records import Article, Document, Page, block_spans
from khabar.store.export import export
from khabar.store.migrations import migrate
from khabar.store.prepare import ArticleKeys, Prepared, article_keys, prepare, prepare_crashed
from khabar.store.search import SearchHit, search
from khabar.store.stories import update_stories

BATCH_SIZE = 256  # documents per transaction
MAX_NEAR_CANDIDATES = 32  # exact Jaccard checks per article, earliest candidates first
TABLES = (
    "pages", "articles", "captions", "bylines", "teasers", "entities", "mentions",
    "temporal_expressions", "quotes", "events", "failures", "duplicates",
)  # fmt: skip


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did: new pages and articles, copies linked as duplicates, failures."""

    pages: int = 0
    articles: int = 0
    documents: int = 0  # documents processed in this run (skipped ones excluded)
    skipped: int = 0  # documents already in the store from an earlier run
    duplicates: Counter[str] = field(default_factory=Counter)  # by kind: page, exact, near
    failures: Counter[str] = field(default_factory=Counter)  # by reason
    problems: Counter[str] = field(default_factory=Counter)  # stored pages with a non-fatal problem
    read_skipped: Counter[str] = field(default_factory=Counter)  # items the readers passed over

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "pages": self.pages,
            "articles": self.articles,
            "skipped": self.skipped,
            "duplicates": dict(sorted(self.duplicates.items())),
            "failures": dict(sorted(self.failures.items())),
            "problems": dict(sorted(self.problems.items())),
            "read_skipped": dict(sorted(self.read_skipped.items())),
        }


def failure_reason(problem: str | None) -> str:
    """«structure-error: ValueError: …» → «structure-error»: the part a summary groups by."""
    reason = (problem or "").split(":", 1)[0].strip()
    return reason or "no-article"


def connect(path: str | Path) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) in WAL mode with foreign keys on."""
    connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode survives a killed process (only power loss can drop the last commit).
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


class Store:
    """A khabar database: ``ingest`` paths into it, ``search`` it, ``export`` it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.connection = connect(self.path)
        try:
            self.version = migrate(self.connection)
        except BaseException:  # not a database, or a newer schema: leave nothing open
            self.connection.close()
            raise

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(self, query: str, **filters: Any) -> list[SearchHit]:
        """Ranked, highlighted articles for an Arabic query (see ``khabar.store.search.search``)."""
        return search(self.connection, query, **filters)

    def export(self, fmt: str, out: str | Path, with_: Iterable[str] = ()) -> dict[str, Path]:
        """Write articles (and requested relations) as jsonl, parquet or csv."""
        return export(self.connection, fmt, out, with_)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, for summaries and tests."""
        return {
            table: self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        }

    # ---- ingest -------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        understand: bool = True,
        batch_size: int = BATCH_SIZE,
        progress: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Read, parse, dedup and store everything under ``paths``; safe to rerun at any time."""
        from khabar.read import ReadStats, iter_documents

        stats = ReadStats()
        summary = self.ingest_documents(
            iter_documents(paths, stats=stats),
            workers=workers,
            understand=understand,
            batch_size=batch_size,
            progress=progress,
        )
        summary.read_skipped.update(stats.skipped)
        return summary

    def ingest_documents(
        self,
        documents: Iterable[Document],
        *,
        workers: int | None = None,
        understand: bool = True,
        batch_size: int = BATCH_SIZE,
        progress: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Ingest a stream of documents in order; documents whose source is stored are skipped."""
        from khabar.engine.local import LocalEngine

        summary = IngestSummary()
        known = self._known_sources()

        def fresh() -> Iterator[Document]:
            for document in documents:
                if document.source in known:
                    summary.skipped += 1
                    continue
                known.add(document.source)  # a source named twice in one run counts once
                yield document

        engine = LocalEngine(workers)
        results = engine.map(fresh(), partial(prepare, understand=understand), prepare_crashed)
        while batch := list(islice(results, max(1, batch_size))):
            self._write_batch(batch, summary)
            if progress is not None:
                progress(summary)
        update_stories(self.connection)
        return summary

    def add_pages(self, pages: Iterable[Page], *, batch_size: int = BATCH_SIZE) -> IngestSummary:
        """Store pages parsed elsewhere (another engine, a test): keyed here, deduped and written
        like ``ingest`` does; pages whose source is already stored are skipped."""
        summary = IngestSummary()
        known = self._known_sources()
        batch: list[Prepared] = []
        for page in pages:
            source = page.source or "<input>"
            if source in known:
                summary.skipped += 1
                continue
            known.add(source)
            batch.append(Prepared(page, [article_keys(article) for article in page.articles]))
            if len(batch) >= batch_size:
                self._write_batch(batch, summary)
                batch = []
        if batch:
            self._write_batch(batch, summary)
        update_stories(self.connection)
        return summary

    def _known_sources(self) -> set[str]:
        known: set[str] = set()
        for table in ("pages", "failures", "duplicates"):
            known.update(row[0] for row in self.connection.execute(f"SELECT source FROM {table}"))
        return known

    def _write_batch(self, batch: list[Prepared], summary: IngestSummary) -> None:
        counts = IngestSummary()
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            for prepared in batch:
                self._write_page(cursor, prepared, counts)
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        # Counted only once committed, so the summary never reports rows that were rolled back.
        summary.documents += len(batch)
        summary.pages += counts.pages
        summary.articles += counts.articles
        summary.duplicates.update(counts.duplicates)
        summary.failures.update(counts.failures)
        summary.problems.update(counts.problems)

    def _write_page(self, cursor: sqlite3.Cursor, prepared: Prepared, counts: IngestSummary) -> None:
        page = prepared.page
        source = page.source or "<input>"
        if not page.articles:
            reason = failure_reason(page.problem)
            cursor.execute(
                "INSERT INTO failures (source, reason, detail, content_hash) VALUES (?, ?, ?, ?)",
                (source, reason, page.problem, page.content_hash),
            )
            counts.failures[reason] += 1
            return
        original = None
        if page.content_hash:
            original = cursor.execute(
                "SELECT id FROM pages WHERE content_hash = ? ORDER BY id LIMIT 1", (page.content_hash,)
            ).fetchone()
        if original is not None:
            first = cursor.execute(
                "SELECT min(id) FROM articles WHERE page_id = ?", (original[0],)
            ).fetchone()[0]
            head = page.articles[0]
            cursor.execute(
                "INSERT INTO duplicates (source, position, kind, headline, url, original_page_id,"
                " original_article_id, jaccard) VALUES (?, 0, 'page', ?, ?, ?, ?, 1.0)",
                (source, head.headline, head.url or page.url, original[0], first),
            )
            counts.duplicates["page"] += 1
            return
        cursor.execute(
            "INSERT INTO pages (source, url, outlet, content_hash, encoding, problem) VALUES (?, ?, ?, ?, ?, ?)",
            (source, page.url, page.outlet, page.content_hash, page.encoding, page.problem),
        )
        page_id = cursor.lastrowid
        counts.pages += 1
        if page.problem:  # e.g. an annotator failed: the articles are kept, the reason counted
            counts.problems[failure_reason(page.problem)] += 1
        for position, (article, keys) in enumerate(zip(page.articles, prepared.keys, strict=True)):
            copy = _find_copy(cursor, article, keys)
            if copy is not None:
                kind, original_id, similarity = copy
                cursor.execute(
                    "INSERT INTO duplicates (source, position, kind, headline, url, original_page_id,"
                    " original_article_id, jaccard)"
                    " SELECT ?, ?, ?, ?, ?, page_id, id, ? FROM articles WHERE id = ?",
                    (source, position, kind, article.headline, article.url, similarity, original_id),
                )
                counts.duplicates[kind] += 1
                continue
            _insert_article(cursor, page_id, position, article, keys)
            counts.articles += 1


def _find_copy(cursor: sqlite3.Cursor, article: Article, keys: ArticleKeys) -> tuple[str, int, float] | None:
    """The first stored copy of an article: same normalized text, else a confirmed near copy."""
    if keys.text_hash:
        row = cursor.execute(
            "SELECT id FROM articles WHERE text_hash = ? ORDER BY id LIMIT 1", (keys.text_hash,)
        ).fetchone()
        if row is not None:
            return "exact", row[0], 1.0
    if not keys.band_keys:
        return None
    marks = ",".join("?" * len(keys.band_keys))
    candidates = cursor.execute(
        f"SELECT DISTINCT article_id FROM minhash_bands WHERE key IN ({marks}) ORDER BY article_id LIMIT ?",
        (*keys.band_keys, MAX_NEAR_CANDIDATES),
    ).fetchall()
    if not candidates:
        return None
    mine = shingles(article.text or article.headline or "")
    for (candidate_id,) in candidates:
        headline, text = cursor.execute(
            "SELECT headline, text FROM articles WHERE id = ?", (candidate_id,)
        ).fetchone()
        similarity = jaccard(mine, shingles(text or headline or ""))
        if similarity >= NEAR_THRESHOLD:
            return "near", candidate_id, round(similarity, 4)
    return None


def _insert_article(
    cursor: sqlite3.Cursor, page_id: int, position: int, article: Article, keys: ArticleKeys
) -> None:
    blocks = json.dumps(block_spans(article.blocks))
    cursor.execute(
        "INSERT INTO articles (page_id, position, headline, subtitle, section, url, outlet, published,"
        " published_how, text, blocks, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            page_id,
            position,
            article.headline,
            article.subtitle,
            article.section,
            article.url,
            article.outlet,
            article.published.date,
            article.published.how,
            article.text,
            blocks,
            keys.text_hash,
        ),
    )
    article_id = cursor.lastrowid
    cursor.executemany(
        "INSERT INTO captions (article_id, position, text, credit, agency, date) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, i, c.text, c.credit, c.agency, c.date) for i, c in enumerate(article.captions)],
    )
    cursor.executemany(
        "INSERT INTO bylines (article_id, position, author, dateline) VALUES (?, ?, ?, ?)",
        [(article_id, i, b.author, b.dateline) for i, b in enumerate(article.bylines)],
    )
    cursor.executemany(
        "INSERT INTO teasers (article_id, position, title, section, summary, caption_text, caption_credit,"
        " caption_agency, byline_author, byline_dateline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                i,
                t.title,
                t.section,
                t.summary,
                t.caption.text if t.caption else None,
                t.caption.credit if t.caption else None,
                t.caption.agency if t.caption else None,
                t.byline.author if t.byline else None,
                t.byline.dateline if t.byline else None,
            )
            for i, t in enumerate(article.related)
        ],
    )
    # OR IGNORE: an annotator that lists one entity twice must not fail the batch.
    cursor.executemany(
        "INSERT OR IGNORE INTO entities (article_id, key, type, name, name_en, wikidata, iso, geonames, roles)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, e.key, e.type, e.name, e.name_en, e.wikidata, e.iso, e.geonames, _json(e.roles))
            for e in article.entities
        ],
    )
    cursor.executemany(
        'INSERT INTO mentions (article_id, start, "end", text, type, entity_key, role) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [(article_id, m.start, m.end, m.text, m.type, m.entity, m.role) for m in article.mentions],
    )
    cursor.executemany(
        'INSERT INTO temporal_expressions (article_id, start, "end", text, value, granularity, relative,'
        " begin, end_date, calendar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                d.start,
                d.end,
                d.text,
                d.value,
                d.granularity,
                int(d.relative),
                d.begin,
                d.end_date,
                d.calendar,
            )
            for d in article.dates
        ],
    )
    cursor.executemany(
        'INSERT INTO quotes (article_id, start, "end", text, kind, verb, speaker, speaker_text, speaker_start,'
        " speaker_end, medium) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                q.start,
                q.end,
                q.text,
                q.kind,
                q.verb,
                q.speaker,
                q.speaker_text,
                q.speaker_start,
                q.speaker_end,
                q.medium,
            )
            for q in article.quotes
        ],
    )
    cursor.executemany(
        'INSERT INTO events (article_id, type, start, "end", text, mode, trigger, actors, recipients, place,'
        " begin, end_date, factuality, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                e.type,
                e.start,
                e.end,
                e.text,
                e.mode,
                e.trigger,
                _json(e.actors),
                _json(e.recipients),
                e.place,
                e.begin,
                e.end_date,
                e.factuality,
                e.confidence,
            )
            for e in article.events
        ],
    )
    cursor.executemany(
        "INSERT OR IGNORE INTO minhash_bands (key, article_id) VALUES (?, ?)",
        [(key, article_id) for key in keys.band_keys],
    )
    cursor.execute(
        "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
        (article_id, keys.fts_headline, keys.fts_body),
    )


def open_store(path: str | Path = "khabar.db") -> Store:
    """Open (creating and migrating as needed) the khabar database at ``path``."""
    return Store(path)


def _json(value: object) -> str:
    """JSON text that keeps Arabic readable in Datasette (no \\u escapes)."""
    return json.dumps(value, ensure_ascii=False)
