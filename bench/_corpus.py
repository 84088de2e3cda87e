"""Benchmark inputs read from ../shared at run time (never copied into the project)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SAMPLE_PAGE = SHARED / "samples" / "pages" / "aawsat-2024-08-16-putin-azerbaijan.txt"
SAUDINEWSNET = SHARED / "corpora" / "saudinewsnet"


def saudinewsnet_records(limit: int | None = None) -> Iterator[dict]:
    """SaudiNewsNet records in archive order, up to ``limit``."""
    count = 0
    for archive in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.namelist():
                for record in json.loads(zipped.read(member)):
                    yield record
                    count += 1
                    if limit is not None and count >= limit:
                        return


def text_dump(record: dict) -> str:
    """A record laid out like a crawler's text dump: headline, byline, paragraphs."""
    return f"{record['title']}\n\n{record.get('author') or ''}\n\n{record['content']}"
