"""JSONL records: one JSON object a line → ``record`` Documents, source ``path:<line>``.

Lines are decoded one at a time from a stream, so a file of millions of records never sits in
memory; a line that is not JSON becomes a Document with a problem and the next line is read.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import msgspec

from khabar.read.opening import open_binary
from khabar.read.records_map import merged_field_map, record_document
from khabar.read.stats import ReadStats
from khabar.records import Document

_decoder = msgspec.json.Decoder()


def iter_jsonl(
    path: str | Path,
    *,
    field_map: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Yield one Document per non-blank line of a ``.jsonl`` (or ``.jsonl.gz``) file."""
    stats = stats if stats is not None else ReadStats()
    mapping = merged_field_map(field_map)
    name = str(path)
    try:
        handle = open_binary(path)
    except OSError as error:
        document = Document(source=name, kind="record", problem=f"unreadable: {error.strerror or error}")
        stats.count(document.problem)
        yield document
        return
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, start=1):  # noqa: B007 - number is used after the loop
                document = line_document(f"{name}:{number}", line, mapping, stats)
                if document is not None:
                    stats.count(document.problem)
                    yield document
        except (OSError, EOFError, zlib.error) as error:  # a truncated .gz: keep what was read
            document = Document(
                source=f"{name}:{number + 1}", kind="record", problem=f"truncated: {error}"[:200]
            )
            stats.count(document.problem)
            yield document


def line_document(source: str, line: bytes, mapping: dict[str, str], stats: ReadStats) -> Document | None:
    """One JSONL line as a record Document (a bad line: a Document with its problem; blank: None)."""
    if not line.strip():
        stats.skip("blank-line")
        return None
    try:
        value = _decoder.decode(line)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        return Document(source=source, kind="record", problem=f"bad-json: {error}"[:200])
    return record_document(source, value, mapping)
