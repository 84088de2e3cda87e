"""Open a path as bytes, transparently gunzipping ``.gz`` files (``page.html.gz``, ``x.jsonl.gz``)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: str | Path) -> BinaryIO:
    """A binary stream over the file's content, decompressed when it is gzip (by magic, not name)."""
    handle = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    magic = handle.read(2)
    handle.seek(0)
    if magic == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    return handle


def read_bytes(path: str | Path) -> bytes:
    with open_binary(path) as handle:
        return handle.read()


def strip_gz(name: str) -> str:
    """``page.html.gz`` → ``page.html``: the name that says what the content is."""
    return name[:-3] if name.lower().endswith(".gz") else name
