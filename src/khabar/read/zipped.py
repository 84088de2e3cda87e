"""JSON lists of records: a ``.json`` file holding a list, or a ``.zip`` of such files (SaudiNewsNet:
one zip a day, one JSON list inside) → ``record`` Documents.

Sources are ``path#<index>`` for a JSON file and ``path!member#<index>`` for a zip member. Each
member is decoded whole (a JSON list has no streaming boundary), one member at a time.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from khabar.read.jsonl import line_document
from khabar.read.opening import read_bytes
from khabar.read.records_map import merged_field_map, record_document
from khabar.read.stats import ReadStats
from khabar.records import Document

_decoder = msgspec.json.Decoder()


def iter_json(
    path: str | Path,
    *,
    field_map: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the records of a ``.json`` file: a list of objects, or a single object."""
    stats = stats if stats is not None else ReadStats()
    name = str(path)
    try:
        data = read_bytes(path)
    except (OSError, EOFError, zlib.error) as error:
        yield _counted(Document(source=name, kind="record", problem=f"unreadable: {error}"[:200]), stats)
        return
    yield from _records(name, "#", data, merged_field_map(field_map), stats)


def iter_zip(
    path: str | Path,
    *,
    field_map: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield the records of every ``.json`` member of a zip; other members are skipped and counted."""
    stats = stats if stats is not None else ReadStats()
    mapping = merged_field_map(field_map)
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        yield _counted(Document(source=name, kind="record", problem=f"bad-zip: {error}"[:200]), stats)
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not info.filename.lower().endswith((".json", ".jsonl")):
                stats.skip("zip-member-not-json")
                continue
            member = f"{name}!{info.filename}"
            try:
                data = archive.read(info)
            except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
                yield _counted(
                    Document(source=member, kind="record", problem=f"bad-zip-member: {error}"[:200]), stats
                )
                continue
            if info.filename.lower().endswith(".jsonl"):
                yield from _jsonl_records(member, data, mapping, stats)
            else:
                yield from _records(member, "#", data, mapping, stats)


def _records(
    source: str, mark: str, data: bytes, mapping: dict[str, str], stats: ReadStats
) -> Iterator[Document]:
    try:
        value: Any = _decoder.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        yield _counted(Document(source=source, kind="record", problem=f"bad-json: {error}"[:200]), stats)
        return
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        yield _counted(record_document(f"{source}{mark}{index}", item, mapping), stats)


def _jsonl_records(source: str, data: bytes, mapping: dict[str, str], stats: ReadStats) -> Iterator[Document]:
    for number, line in enumerate(data.splitlines(), start=1):
        document = line_document(f"{source}:{number}", line, mapping, stats)
        if document is not None:
            yield _counted(document, stats)


def _counted(document: Document, stats: ReadStats) -> Document:
    stats.count(document.problem)
    return document
