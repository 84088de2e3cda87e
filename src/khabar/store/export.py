"""Export the store's articles (and, on request, their entities, dates, quotes and events) as
JSONL, Parquet or CSV.

JSONL nests everything in one object per article, with the field names of ``Article.to_dict``.
Parquet and CSV are flat: ``articles`` goes to ``out`` and each requested relation to a sibling file
``<stem>.<table>.<ext>`` with an ``article_id`` column to join on.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import msgspec

Format = Literal["jsonl", "parquet", "csv"]
FORMATS: tuple[str, ...] = ("jsonl", "parquet", "csv")

# --with name → the tables it exports, under the field names of the record contract.
RELATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "entities": (("entities", "entities"), ("mentions", "mentions")),
    "dates": (("dates", "temporal_expressions"),),
    "quotes": (("quotes", "quotes"),),
    "events": (("events", "events"),),
}
# Columns stored as JSON text that JSONL turns back into lists.
_JSON_COLUMNS = {"roles", "actors", "recipients"}
_ARTICLE_SQL = (
    "SELECT a.id, a.page_id, p.source, a.position, a.headline, a.subtitle, a.section, a.url, a.outlet,"
    " a.published, a.published_how, a.text, a.blocks FROM articles AS a JOIN pages AS p ON p.id = a.page_id"
    " ORDER BY a.id"
)
_CHILD_SQL = {
    "captions": "SELECT article_id, text, credit, agency, date FROM captions ORDER BY article_id, position",
    "bylines": "SELECT article_id, author, dateline FROM bylines ORDER BY article_id, position",
    "teasers": (
        "SELECT article_id, title, section, summary, caption_text, caption_credit, caption_agency,"
        " byline_author, byline_dateline FROM teasers ORDER BY article_id, position"
    ),
}
_BATCH = 2000


class ExportError(ValueError):
    """A request the exporter cannot honour (unknown format or relation)."""


def parse_with(value: str | Iterable[str] | None) -> list[str]:
    """«entities,dates» → ['entities', 'dates']; an unknown name is an error that lists the known."""
    if value is None:
        return []
    names = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [name.strip() for name in names if name.strip()]
    unknown = [name for name in cleaned if name not in RELATIONS]
    if unknown:
        raise ExportError(f"unknown --with {', '.join(unknown)}; choose from {', '.join(RELATIONS)}")
    return list(dict.fromkeys(cleaned))


def export(
    connection: sqlite3.Connection, fmt: str, out: str | Path, with_: Iterable[str] = ()
) -> dict[str, Path]:
    """Write the export; return the written files by table name. Rows go out in id order."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    relations = parse_with(list(with_))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as handle:
            for article in iter_articles(connection, relations):
                handle.write(msgspec.json.encode(article).decode("utf-8"))
                handle.write("\n")
        return {"articles": out}
    written = {"articles": out}
    _write_table(connection, _flat_articles_sql(), fmt, out)
    for relation in relations:
        for name, table in RELATIONS[relation]:
            target = out.with_name(f"{out.stem}.{name}{out.suffix or '.' + fmt}")
            _write_table(connection, f"SELECT * FROM {table} ORDER BY article_id, id", fmt, target)
            written[name] = target
    return written


def iter_articles(connection: sqlite3.Connection, relations: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """Articles as nested dicts, in id order; captions, bylines and teasers always, relations on request."""
    tables = ["captions", "bylines", "teasers"]
    children = {name: _grouped(connection, _CHILD_SQL[name]) for name in tables}
    for relation in relations:
        for name, table in RELATIONS[relation]:
            children[name] = _grouped(
                connection, f"SELECT * FROM {table} ORDER BY article_id, id", drop_id=True
            )
    pending: dict[str, tuple[int, dict[str, Any]] | None] = {
        name: next(rows, None) for name, rows in children.items()
    }
    cursor = connection.execute(_ARTICLE_SQL)
    columns = [description[0] for description in cursor.description]
    for row in cursor:
        article = dict(zip(columns, row, strict=True))
        text = article["text"]
        blocks = json.loads(article.pop("blocks") or "[]")
        article["blocks"] = [{"kind": k, "text": text[s:e], "start": s, "end": e} for k, s, e in blocks]
        for name, rows in children.items():
            article[name] = []
            while (item := pending[name]) is not None and item[0] < article["id"]:
                pending[name] = next(rows, None)  # rows of a deleted article; never expected
            while (item := pending[name]) is not None and item[0] == article["id"]:
                article[name].append(item[1])
                pending[name] = next(rows, None)
        yield article


def _grouped(
    connection: sqlite3.Connection, sql: str, drop_id: bool = False
) -> Iterator[tuple[int, dict[str, Any]]]:
    cursor = connection.cursor()
    cursor.execute(sql)
    columns = [description[0] for description in cursor.description]
    for row in cursor:
        record = dict(zip(columns, row, strict=True))
        article_id = record.pop("article_id")
        if drop_id:
            record.pop("id", None)
        for key in _JSON_COLUMNS & record.keys():
            record[key] = json.loads(record[key] or "[]")
        yield article_id, record


def _flat_articles_sql() -> str:
    return (
        "SELECT a.id, a.page_id, p.source, a.position, a.headline, a.subtitle, a.section, a.url, a.outlet,"
        " a.published, a.published_how, a.text,"
        " (SELECT group_concat(coalesce(author, ''), ' | ') FROM bylines WHERE article_id = a.id) AS authors,"
        " (SELECT group_concat(coalesce(dateline, ''), ' | ') FROM bylines WHERE article_id = a.id) AS datelines,"
        " (SELECT count(*) FROM captions WHERE article_id = a.id) AS captions,"
        " (SELECT count(*) FROM teasers WHERE article_id = a.id) AS teasers"
        " FROM articles AS a JOIN pages AS p ON p.id = a.page_id ORDER BY a.id"
    )


def _write_table(connection: sqlite3.Connection, sql: str, fmt: str, target: Path) -> None:
    cursor = connection.execute(sql)
    columns = [description[0] for description in cursor.description]
    if fmt == "csv":
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            while rows := cursor.fetchmany(_BATCH):
                writer.writerows(rows)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(name)) for name in columns])
    with pq.ParquetWriter(target, schema) as writer:
        while rows := cursor.fetchmany(_BATCH):
            arrays = [
                pa.array([row[i] for row in rows], type=schema.field(i).type) for i in range(len(columns))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))


_INTEGER_COLUMNS = {
    "id", "page_id", "article_id", "position", "start", "end", "speaker_start", "speaker_end",
    "geonames", "relative", "captions", "teasers",
}  # fmt: skip
_REAL_COLUMNS = {"confidence", "jaccard"}


def _arrow_type(name: str) -> Any:
    import pyarrow as pa

    if name in _INTEGER_COLUMNS:
        return pa.int64()
    if name in _REAL_COLUMNS:
        return pa.float64()
    return pa.string()
