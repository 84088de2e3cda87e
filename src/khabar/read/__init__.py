"""Read: turn what users hold — text dumps, HTML pages, WARC crawls, JSONL/JSON/zip records, in
files, folders or globs — into a lazy stream of ``Document``s for the pipeline.

>>> from khabar.read import iter_documents, ReadStats
>>> stats = ReadStats()
>>> for document in iter_documents(["crawl.warc.gz", "pages/", "records/*.jsonl"], stats=stats):
...     page = parse_document(document)

Every reader is a generator: a WARC of a million records streams one record at a time. Nothing
here raises on bad input; a bad item is a Document with ``problem`` set, or a counted skip.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.read.files import read_page
from khabar.read.jsonl import iter_jsonl
from khabar.read.opening import open_binary, strip_gz
from khabar.read.paths import expand_paths
from khabar.read.stats import ReadStats
from khabar.read.warc import iter_warc
from khabar.read.zipped import iter_json, iter_zip
from khabar.records import Document

__all__ = ["ReadStats", "input_format", "iter_documents", "iter_path"]

ZIP_MAGIC = b"PK\x03\x04"


def iter_documents(
    paths: Iterable[str | Path],
    *,
    field_map: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Documents from any mix of files, folders (recursive) and globs, each file by its format.

    ``field_map`` maps khabar record fields to a source's keys (``{"date": "published_at"}``), on
    top of the default that fits SaudiNewsNet; ``stats`` collects counts across all inputs.
    """
    stats = stats if stats is not None else ReadStats()
    for path in expand_paths(paths, stats):
        yield from iter_path(path, field_map=field_map, stats=stats)


def iter_path(
    path: str | Path,
    *,
    field_map: dict[str, str] | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document]:
    """Documents of one file, read by the reader its format calls for."""
    stats = stats if stats is not None else ReadStats()
    fmt = input_format(path)
    if fmt == "warc":
        yield from iter_warc(path, stats=stats)
    elif fmt == "jsonl":
        yield from iter_jsonl(path, field_map=field_map, stats=stats)
    elif fmt == "json":
        yield from iter_json(path, field_map=field_map, stats=stats)
    elif fmt == "zip":
        yield from iter_zip(path, field_map=field_map, stats=stats)
    else:
        document = read_page(path)
        stats.count(document.problem)
        yield document


def input_format(path: str | Path) -> str:
    """``warc``, ``jsonl``, ``json``, ``zip`` or ``page`` (text/HTML): by name, else by content."""
    name = strip_gz(str(path).lower())
    if name.endswith(".warc"):
        return "warc"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")):
        return "page"
    return _sniff(path)


def _sniff(path: str | Path) -> str:
    try:
        with open(path, "rb") as raw:
            if raw.read(4) == ZIP_MAGIC:
                return "zip"
        with open_binary(path) as handle:
            head = handle.read(4096)
    except (OSError, EOFError, zlib.error):
        return "page"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    return "page"
