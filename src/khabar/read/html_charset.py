"""The charset an HTML page declares about itself: ``<meta charset=...>`` or the http-equiv
Content-Type, sniffed from the raw bytes before decoding (as browsers do, in the first KB).

Used when no HTTP header said it: Arabic pages from the 2000s are often windows-1256 and say so
only here; detection alone confuses windows-1256 with ISO-8859-6 or Latin encodings.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096

_META = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""",
    re.IGNORECASE,
)
_HEADER = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)


def meta_charset(data: bytes | str) -> str | None:
    """``<meta charset="windows-1256">`` or ``<meta http-equiv="Content-Type" content="text/html;
    charset=windows-1256">`` → ``"windows-1256"``; None when absent or not a known codec."""
    head = data[:SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode("ascii", "ignore")
    match = _META.search(head)
    return _known(match.group(1)) if match else None


def header_charset(content_type: str | bytes | None) -> str | None:
    """The charset of an HTTP ``Content-Type`` header value, e.g. ``text/html; charset=UTF-8``."""
    if not content_type:
        return None
    raw = content_type.encode("latin-1", "ignore") if isinstance(content_type, str) else content_type
    match = _HEADER.search(raw)
    return _known(match.group(1)) if match else None


def _known(label: bytes) -> str | None:
    name = label.decode("ascii", "ignore").strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name
