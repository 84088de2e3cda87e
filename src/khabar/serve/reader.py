"""Read-only queries behind the pages: an article with its annotations, an entity with its
timeline and company, outlets, events. Search itself is the store's (``khabar.store.search``).

Rows come back as the record dataclasses of ``khabar.records`` where one exists, so the JSON of an
article here has exactly the field names of ``Page.to_json()`` and the CLI.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.records import (
    Article,
    Byline,
    Caption,
    Entity,
    Event,
    Mention,
    Published,
    Quote,
    Teaser,
    TemporalExpression,
    blocks_from_spans,
)
from khabar.store.search import filter_clauses


class StoreMissing(FileNotFoundError):
    """No khabar database at the given path."""


class Reader:
    """Hands each worker thread its own SQLite connection: read-only (``mode=ro`` and
    ``query_only``) unless the app was created writable."""

    def __init__(self, path: str | Path, *, read_only: bool = True) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreMissing(
                f"no khabar database at {self.path}; run `khabar ingest PATH --db {self.path}`"
            )
        self.read_only = read_only
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            mode = "ro" if self.read_only else "rw"
            uri = f"{self.path.resolve().as_uri()}?mode={mode}"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            if self.read_only:
                connection.execute("PRAGMA query_only = ON")
            self._local.connection = connection
        return connection


# ---- articles ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleView:
    """A stored article rebuilt as a record, with where it came from and its copies."""

    id: int
    page_id: int
    source: str | None
    article: Article
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    story: dict[str, Any] | None = None  # the story it belongs to (see ``get_story``), if any

    def to_dict(self) -> dict[str, Any]:
        data = self.article.to_dict()
        data.update(
            id=self.id, page_id=self.page_id, source=self.source, duplicates=self.duplicates, story=self.story
        )
        return data


def _rows(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cursor = connection.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def get_article(connection: sqlite3.Connection, article_id: int) -> ArticleView | None:
    rows = _rows(
        connection,
        "SELECT a.*, p.source AS source FROM articles AS a JOIN pages AS p ON p.id = a.page_id WHERE a.id = ?",
        (article_id,),
    )
    if not rows:
        return None
    row = rows[0]
    text = row["text"] or ""
    blocks = blocks_from_spans(text, json.loads(row["blocks"] or "[]"))
    by_article = (article_id,)
    article = Article(
        headline=row["headline"],
        subtitle=row["subtitle"],
        section=row["section"],
        url=row["url"],
        outlet=row["outlet"],
        published=Published(row["published"], row["published_how"] or "unknown"),
        blocks=blocks,
        captions=[
            Caption(r["text"], r["credit"], r["agency"], r["date"])
            for r in _rows(connection, "SELECT * FROM captions WHERE article_id = ? ORDER BY position", by_article)
        ],
        bylines=[
            Byline(r["author"], r["dateline"])
            for r in _rows(connection, "SELECT * FROM bylines WHERE article_id = ? ORDER BY position", by_article)
        ],
        related=[_teaser(r) for r in _rows(connection, "SELECT * FROM teasers WHERE article_id = ? ORDER BY position", by_article)],
        entities=[
            Entity(r["key"], r["type"], r["name"], r["name_en"], r["wikidata"], r["iso"], r["geonames"], json.loads(r["roles"] or "[]"))
            for r in _rows(connection, "SELECT * FROM entities WHERE article_id = ? ORDER BY id", by_article)
        ],
        mentions=[
            Mention(r["start"], r["end"], r["text"], r["type"], r["entity_key"], r["role"])
            for r in _rows(connection, "SELECT * FROM mentions WHERE article_id = ? ORDER BY start, id", by_article)
        ],
        dates=[
            TemporalExpression(
                r["start"], r["end"], r["text"], r["value"], r["granularity"], bool(r["relative"]),
                r["begin"], r["end_date"], r["calendar"],
            )
            for r in _rows(connection, "SELECT * FROM temporal_expressions WHERE article_id = ? ORDER BY start, id", by_article)
        ],
        quotes=[
            Quote(
                r["start"], r["end"], r["text"], r["kind"], r["verb"], r["speaker"], r["speaker_text"],
                r["speaker_start"], r["speaker_end"], r["medium"],
            )
            for r in _rows(connection, "SELECT * FROM quotes WHERE article_id = ? ORDER BY start, id", by_article)
        ],
        events=[_event(r) for r in _rows(connection, "SELECT * FROM events WHERE article_id = ? ORDER BY start, id", by_article)],
    )  # fmt: skip
    duplicates = _rows(
        connection,
        "SELECT source, position, kind, headline, url, jaccard FROM duplicates"
        " WHERE original_article_id = ? ORDER BY id",
        by_article,
    )
    story = get_story(connection, row["story_id"]) if row.get("story_id") is not None else None
    return ArticleView(article_id, row["page_id"], row["source"], article, duplicates, story)


def _teaser(row: dict[str, Any]) -> Teaser:
    caption = None
    if row["caption_text"]:
        caption = Caption(row["caption_text"], row["caption_credit"], row["caption_agency"])
    byline = None
    if row["byline_author"] or row["byline_dateline"]:
        byline = Byline(row["byline_author"], row["byline_dateline"])
    return Teaser(row["title"], row["section"], row["summary"], caption, byline)


def _event(row: dict[str, Any]) -> Event:
    return Event(
        type=row["type"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        mode=row["mode"],
        trigger=row["trigger"],
        actors=json.loads(row["actors"] or "[]"),
        recipients=json.loads(row["recipients"] or "[]"),
        place=row["place"],
        begin=row["begin"],
        end_date=row["end_date"],
        factuality=row["factuality"],
        confidence=row["confidence"],
    )


def list_articles(
    connection: sqlite3.Connection,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The newest articles under the same filters as search, for browsing without a query."""
    clauses, params = filter_clauses("", outlet=outlet, date_from=date_from, date_to=date_to, entity=entity)
    sql = ["SELECT id, headline, outlet, published, url FROM articles WHERE 1", *clauses]
    sql.append("ORDER BY published DESC, id DESC LIMIT ? OFFSET ?")
    params.extend([limit, offset])
    return _rows(connection, " ".join(sql), tuple(params))


# ---- entities ---------------------------------------------------------------------------------


@dataclass(slots=True)
class EntityView:
    """Everything the store knows of one entity across articles."""

    key: str
    type: str
    name: str
    name_en: str | None
    wikidata: str | None
    iso: str | None
    geonames: int | None
    roles: list[str]
    names: list[dict[str, Any]]  # [{"name": ..., "count": ...}], mention spellings, most used first
    articles_count: int
    mentions_count: int
    timeline: list[dict[str, Any]]  # [{"date": "2024-08-16", "count": 3}], mentions per publication day
    cooccurring: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


def find_entity_key(connection: sqlite3.Connection, key: str) -> str | None:
    """The stored key for a key, a Wikidata QID or an exact name."""
    row = connection.execute(
        "SELECT key FROM entities WHERE key = ? OR wikidata = ? OR name = ? ORDER BY key = ? DESC LIMIT 1",
        (key, key, key, key),
    ).fetchone()
    return row[0] if row else None


def get_entity(
    connection: sqlite3.Connection, key: str, *, limit: int = 20, offset: int = 0
) -> EntityView | None:
    heads = _rows(
        connection,
        "SELECT type, name, name_en, wikidata, iso, geonames, count(*) AS n FROM entities WHERE key = ?"
        " GROUP BY type, name, name_en, wikidata, iso, geonames ORDER BY n DESC LIMIT 1",
        (key,),
    )
    if not heads:
        return None
    head = heads[0]
    roles: list[str] = []
    for (raw,) in connection.execute("SELECT roles FROM entities WHERE key = ? AND roles <> '[]'", (key,)):
        for role in json.loads(raw):
            if role not in roles:
                roles.append(role)
    names = _rows(
        connection,
        "SELECT text AS name, count(*) AS count FROM mentions WHERE entity_key = ? GROUP BY text"
        " ORDER BY count DESC, text LIMIT 30",
        (key,),
    )
    articles_count = connection.execute("SELECT count(*) FROM entities WHERE key = ?", (key,)).fetchone()[0]
    mentions_count = connection.execute(
        "SELECT count(*) FROM mentions WHERE entity_key = ?", (key,)
    ).fetchone()[0]
    timeline = _rows(
        connection,
        "SELECT a.published AS date, count(*) AS count FROM mentions AS m JOIN articles AS a ON a.id = m.article_id"
        " WHERE m.entity_key = ? AND a.published IS NOT NULL GROUP BY a.published ORDER BY a.published",
        (key,),
    )
    cooccurring = _rows(
        connection,
        "SELECT other.key AS key, max(other.name) AS name, max(other.type) AS type, count(*) AS count"
        " FROM entities AS e JOIN entities AS other ON other.article_id = e.article_id AND other.key <> e.key"
        " WHERE e.key = ? GROUP BY other.key ORDER BY count DESC, other.key LIMIT 20",
        (key,),
    )
    articles = _rows(
        connection,
        "SELECT a.id, a.headline, a.outlet, a.published FROM entities AS e JOIN articles AS a ON a.id = e.article_id"
        " WHERE e.key = ? ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
        (key, limit, offset),
    )
    quotes = _rows(
        connection,
        'SELECT q.article_id, q.start, q."end", q.text, q.kind, q.verb, q.speaker_text, a.headline, a.published'
        " FROM quotes AS q JOIN articles AS a ON a.id = q.article_id WHERE q.speaker = ?"
        " ORDER BY a.published DESC, q.id LIMIT 20",
        (key,),
    )
    events = [
        _event_row(row)
        for row in _rows(
            connection,
            "SELECT ev.*, a.headline, a.published FROM events AS ev JOIN articles AS a ON a.id = ev.article_id"
            " WHERE ev.id IN (SELECT ev2.id FROM events AS ev2, json_each(ev2.actors) AS j WHERE j.value = ?"
            " UNION SELECT ev3.id FROM events AS ev3, json_each(ev3.recipients) AS j WHERE j.value = ?)"
            " ORDER BY coalesce(ev.begin, a.published) DESC, ev.id LIMIT 20",
            (key, key),
        )
    ]
    return EntityView(
        key=key,
        type=head["type"],
        name=head["name"],
        name_en=head["name_en"],
        wikidata=head["wikidata"],
        iso=head["iso"],
        geonames=head["geonames"],
        roles=roles,
        names=names,
        articles_count=articles_count,
        mentions_count=mentions_count,
        timeline=timeline,
        cooccurring=cooccurring,
        articles=articles,
        quotes=quotes,
        events=events,
    )


def list_entities(
    connection: sqlite3.Connection, *, type: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities by how many articles mention them."""
    where, params = ("WHERE type = ?", (type,)) if type else ("", ())
    return _rows(
        connection,
        f"SELECT key, max(name) AS name, max(type) AS type, max(wikidata) AS wikidata, count(*) AS articles"
        f" FROM entities {where} GROUP BY key ORDER BY articles DESC, key LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )


# ---- outlets, events, totals --------------------------------------------------------------------


def outlet_names(connection: sqlite3.Connection) -> list[str]:
    """Outlet names for the search form: a walk of the (outlet, published) index, cheap per request."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
        )
    ]


def list_outlets(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    return _rows(
        connection,
        "SELECT outlet, count(*) AS articles, count(DISTINCT page_id) AS pages,"
        " min(published) AS first, max(published) AS last,"
        " (SELECT count(*) FROM duplicates AS d JOIN articles AS o ON o.id = d.original_article_id"
        "  WHERE o.outlet IS a.outlet) AS duplicates"
        " FROM articles AS a GROUP BY outlet ORDER BY articles DESC, outlet",
    )


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    row["actors"] = json.loads(row.get("actors") or "[]")
    row["recipients"] = json.loads(row.get("recipients") or "[]")
    return row


def list_events(
    connection: sqlite3.Connection, *, type: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    where, params = ("WHERE ev.type = ?", (type,)) if type else ("", ())
    return [
        _event_row(row)
        for row in _rows(
            connection,
            f"SELECT ev.*, a.headline, a.published FROM events AS ev JOIN articles AS a ON a.id = ev.article_id"
            f" {where} ORDER BY coalesce(ev.begin, a.published) DESC, ev.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
    ]


def events_per_day(connection: sqlite3.Connection, *, type: str | None = None) -> list[dict[str, Any]]:
    where, params = ("AND ev.type = ?", (type,)) if type else ("", ())
    return _rows(
        connection,
        "SELECT coalesce(ev.begin, a.published) AS date, count(*) AS count FROM events AS ev"
        f" JOIN articles AS a ON a.id = ev.article_id WHERE coalesce(ev.begin, a.published) IS NOT NULL {where}"
        " GROUP BY 1 ORDER BY 1",
        params,
    )


def totals(connection: sqlite3.Connection) -> dict[str, int]:
    tables = ("articles", "pages", "entities", "mentions", "quotes", "events", "duplicates", "failures")
    return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


# ---- stories ----------------------------------------------------------------------------------

STORY_COLUMNS = "id, headline, first_published, last_published, size, outlets"


def has_stories(connection: sqlite3.Connection) -> bool:
    """False on a schema-1 file opened read-only (it is migrated only when opened for writing)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stories'")
    return found.fetchone() is not None


def get_story(connection: sqlite3.Connection, story_id: int) -> dict[str, Any] | None:
    """A story with its articles (id, headline, outlet, published, url), oldest first."""
    if not has_stories(connection):
        return None
    rows = _rows(connection, f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,))
    if not rows:
        return None
    story = rows[0]
    story["articles"] = _rows(
        connection,
        "SELECT id, headline, outlet, published, url FROM articles WHERE story_id = ?"
        " ORDER BY published IS NULL, published, id",
        (story_id,),
    )
    return story


def list_stories(
    connection: sqlite3.Connection, *, recent_days: int = 7, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """The largest stories whose last report is within ``recent_days`` of the newest story's."""
    if not has_stories(connection):
        return []
    return _rows(
        connection,
        f"SELECT {STORY_COLUMNS} FROM stories"
        " WHERE last_published IS NULL"
        " OR last_published >= date((SELECT max(last_published) FROM stories), ?)"
        " ORDER BY size DESC, outlets DESC, last_published DESC, id LIMIT ? OFFSET ?",
        (f"-{recent_days} days", limit, offset),
    )
