"""Single files: a plain-text dump (``.txt``) → kind ``text``; ``.html``/``.htm`` (also ``.gz``) →
kind ``html`` with the page's own charset declaration; other names are sniffed from their content.

Bytes are kept undecoded: decoding belongs to the pipeline (``read.decode``), which takes the
charset found here as ``declared``.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Literal

from khabar.read.decode import looks_like_html
from khabar.read.html_charset import meta_charset
from khabar.read.opening import read_bytes, strip_gz
from khabar.records import Document

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

Kind = Literal["text", "html"]


def read_page(path: str | Path) -> Document:
    """One file → one Document (source = the path); an unreadable file → a Document with a problem."""
    name = str(path)
    try:
        data = read_bytes(path)
    except (OSError, EOFError, zlib.error) as error:
        return Document(source=name, problem=f"unreadable: {error}"[:200])
    kind = page_kind(name, data)
    charset = meta_charset(data) if kind == "html" else None
    return Document(source=name, data=data, kind=kind, charset=charset)


def page_kind(name: str, data: bytes) -> Kind:
    """By suffix when it says (``.txt``, ``.html.gz``), otherwise by looking at the content."""
    lowered = strip_gz(name.lower())
    if lowered.endswith(TEXT_SUFFIXES):
        return "text"
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    return "html" if looks_like_html(data[:4096]) else "text"
