"""Helpers shared by the store, ingest, search and export tests (no tests here).

Records are read from ../shared at run time and written to a temporary JSONL; nothing of the
corpus is copied into the project.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import SAUDINEWSNET

DAY = "2015-07-21"


@cache
def day_records(day: str = DAY) -> tuple[dict[str, Any], ...]:
    with zipfile.ZipFile(SAUDINEWSNET / f"{day}.zip") as archive:
        return tuple(json.loads(archive.read(f"{day}.json")))


def spread(count: int, day: str = DAY) -> list[dict[str, Any]]:
    """``count`` records taken evenly across the day, so several outlets appear."""
    records = day_records(day)
    step = max(1, len(records) // count)
    return [dict(record) for record in records[::step][:count]]


def first_with(word: str, day: str = DAY) -> dict[str, Any]:
    return next(dict(r) for r in day_records(day) if word in r["content"])


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


DUMPED = {
    "pages": "SELECT * FROM pages ORDER BY id",
    "articles": "SELECT * FROM articles ORDER BY id",
    "bylines": "SELECT * FROM bylines ORDER BY id",
    "captions": "SELECT * FROM captions ORDER BY id",
    "entities": "SELECT * FROM entities ORDER BY id",
    "failures": "SELECT * FROM failures ORDER BY id",
    "duplicates": "SELECT * FROM duplicates ORDER BY id",
    "minhash_bands": "SELECT * FROM minhash_bands ORDER BY key, article_id",
    "fts": "SELECT rowid FROM articles_fts ORDER BY rowid",
}


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the main tables, ids included (they are given in input order)."""
    connection = sqlite3.connect(db)
    try:
        return {name: connection.execute(sql).fetchall() for name, sql in DUMPED.items()}
    finally:
        connection.close()
