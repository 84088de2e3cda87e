"""WARC and WARC.gz crawls (Common Crawl's CC-NEWS, one's own crawls) → ``html`` Documents, streamed.

fastwarc (ChatNoir's resiliparse project, C++) reads the records: several times faster than warcio
and it reads plain and gzip-per-record files alike. One ``response`` record with an HTML payload
becomes one Document: source ``path#<WARC-Record-ID>``, url from ``WARC-Target-URI``, charset from
the HTTP ``Content-Type`` (else the page's ``<meta charset>``). Other records are counted as skipped.

fastwarc stops at the first damaged record; crawls are large and the rest must not be lost, so on a
damage (a parse error, a short block, a wrong ``WARC-Block-Digest``) we yield a Document with the
problem and restart at the next record boundary found in the raw bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator

from khabar.read.decode import looks_like_html
from khabar.read.html_charset import header_charset, meta_charset
from khabar.read.stats import ReadStats
from khabar.records import Document

GZIP_MEMBER = b"\x1f\x8b\x08"
WARC_VERSION = b"WARC/1."
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN_CHUNK = 1 << 20


def iter_warc(path: str | Path, *, stats: ReadStats | None = None) -> Iterator[Document]:
    """Yield a Document per HTML response record, lazily: memory stays at one record at a time."""
    stats = stats if stats is not None else ReadStats()
    name = str(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        yield _counted(Document(source=name, kind="html", problem=f"unreadable: {error.strerror}"), stats)
        return
    with handle:
        compressed = handle.read(3) == GZIP_MEMBER
        position: int | None = 0
        while position is not None:
            handle.seek(position)
            position = yield from _read_from(handle, name, position, compressed, stats, resync=position > 0)


def _read_from(
    handle: BinaryIO, name: str, base: int, compressed: bool, stats: ReadStats, *, resync: bool
) -> Iterator[Document]:
    """Read records from ``base`` on; return where to resume after a damaged record, or None at the end.

    After a resync, a false boundary (the marker bytes inside compressed data) fails at once: that
    is not a record, so it is passed over without a Document.
    """
    start = base
    records = 0
    try:
        for record in ArchiveIterator(handle, parse_http=False):
            start = base + record.stream_pos
            stats.position = start
            records += 1
            record_type = str(record.record_type)
            if record_type != "response":
                stats.skip(f"warc-record-type: {record_type}")
                continue
            record_id = record.record_id or f"@{start}"
            block = record.reader.read()
            problem = _block_problem(record.headers, block)
            if problem:
                url = record.headers.get("WARC-Target-URI")
                yield _counted(
                    Document(source=f"{name}#{record_id}", kind="html", url=url, problem=problem), stats
                )
                return _next_record(handle, start + 1, compressed)
            document = _response_document(
                f"{name}#{record_id}", record.headers.get("WARC-Target-URI"), block, stats
            )
            if document is not None:
                yield _counted(document, stats)
    except (OSError, ValueError, EOFError, zlib.error) as error:
        if not (resync and records == 0):
            problem = f"corrupt-warc-record: {error}"[:200]
            yield _counted(Document(source=f"{name}#@{start}", kind="html", problem=problem), stats)
        return _next_record(handle, start + 1, compressed)
    return None


def _block_problem(headers: object, block: bytes) -> str | None:
    declared = headers.get("Content-Length")  # type: ignore[attr-defined]
    if declared is not None and declared.isdigit() and len(block) != int(declared):
        return f"truncated-warc-record: {len(block)} of {declared} bytes"
    digest = headers.get("WARC-Block-Digest")  # type: ignore[attr-defined]
    if digest and digest.lower().startswith("sha1:"):
        actual = base64.b32encode(hashlib.sha1(block).digest()).decode("ascii")
        if actual != digest[5:].strip().upper():
            return "corrupt-warc-record: block digest mismatch"
    return None


def _response_document(source: str, url: str | None, block: bytes, stats: ReadStats) -> Document | None:
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        head, separator, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    status = lines[0].split(" ", 2) if lines else []
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, colon, value = line.partition(":")
        if colon:
            headers[key.strip().lower()] = value.strip()
    if len(status) < 2 or not status[1].startswith("2"):
        stats.skip(f"http-status: {status[1] if len(status) > 1 else 'none'}")
        return None
    content_type = headers.get("content-type", "")
    if content_type and not content_type.lower().startswith(HTML_TYPES):
        stats.skip(f"not-html: {content_type.split(';')[0].strip().lower()[:40]}")
        return None
    try:
        body = _undo_transfer(body, headers)
    except (OSError, ValueError, EOFError, zlib.error) as error:
        return Document(source=source, kind="html", url=url, problem=f"bad-http-encoding: {error}"[:200])
    if not content_type and not looks_like_html(body[:4096]):
        stats.skip("not-html: unlabelled")
        return None
    charset = header_charset(content_type) or meta_charset(body)
    return Document(source=source, data=body, kind="html", url=url, charset=charset)


def _undo_transfer(body: bytes, headers: dict[str, str]) -> bytes:
    """Crawlers may store the payload as sent: chunked, then gzip- or deflate-encoded."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip"):
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body, -zlib.MAX_WBITS if body[:1] != b"\x78" else zlib.MAX_WBITS)
    return body


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return bytes(out) if out else body  # not really chunked: keep as stored
        size_text = body[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return bytes(out) if out else body
        if size == 0:
            return bytes(out)
        out += body[line_end + 2 : line_end + 2 + size]
        position = line_end + 2 + size + 2


def _next_record(handle: BinaryIO, after: int, compressed: bool) -> int | None:
    """The offset of the next record start at or after ``after``: a gzip member for ``.warc.gz``,
    a ``WARC/1.x`` version line otherwise; None when there is none."""
    marker = GZIP_MEMBER if compressed else WARC_VERSION
    position = after
    while True:
        handle.seek(position)
        chunk = handle.read(_SCAN_CHUNK + len(marker))
        if len(chunk) < len(marker):
            return None
        found = chunk.find(marker)
        # a version line is "WARC/1.0\r\n" or "WARC/1.1\r\n"; the bytes may also occur in a body
        while (
            found >= 0
            and not compressed
            and chunk[found + len(marker) + 1 : found + len(marker) + 3] != b"\r\n"
        ):
            found = chunk.find(marker, found + 1)
        if found >= 0:
            return position + found
        position += _SCAN_CHUNK


def _counted(document: Document, stats: ReadStats) -> Document:
    stats.count(document.problem)
    return document
