"""Bytes to clean text: encoding detection, line endings, Unicode NFC.

Arabic pages still arrive in windows-1256 and ISO-8859-6; both put Arabic letters in the high half of
the byte range at different places, so the choice is made by which decoding yields Arabic letters,
not by a generic guess that confuses them with Cyrillic or Greek.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A news page is never this big; past it the input is a dump or an accident, not a page.
MAX_PAGE_BYTES = 10 * 1024 * 1024

# Letters, plus the presentation forms that text copied from PDFs and old sites still carries («ﻣﺎ ﺣﻜﻢ»).
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFC]")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|article)\b", re.I | re.S
)
_HTML_START_TEXT = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|article)\b", re.I | re.S
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ALIASES = {
    "windows-1256": "cp1256",
    "cp1256": "cp1256",
    "iso-8859-6": "iso8859_6",
    "iso8859-6": "iso8859_6",
    "arabic": "iso8859_6",
    "utf8": "utf-8",
}


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str | None
    problem: str | None = None


def decode(data: bytes | str, declared: str | None = None) -> Decoded:
    """Decode page bytes to NFC text with ``\\n`` line endings, or name the problem.

    >>> decode("بوتين".encode("cp1256")).text
    'بوتين'
    """
    if isinstance(data, str):
        return _finish(data, "str")
    if len(data) > MAX_PAGE_BYTES:
        return Decoded("", None, f"too-large: {len(data):,} bytes (limit {MAX_PAGE_BYTES:,})")
    if not data.strip():
        return Decoded("", None, "empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(codec), codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        return Decoded("", None, "binary: NUL bytes")
    if declared:
        codec = _ALIASES.get(declared.strip().lower(), declared.strip().lower())
        try:
            return _finish(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong header is common; fall through to detection
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _finish(*_guess_single_byte(data))


def _guess_single_byte(data: bytes) -> tuple[str, str]:
    candidates: list[tuple[int, str, str]] = []
    for codec in ("cp1256", "iso8859_6"):
        text = data.decode(codec, errors="replace")
        score = len(_ARABIC_LETTER.findall(text)) - 5 * text.count("\ufffd")
        candidates.append((score, codec, text))
    score, codec, text = max(candidates)
    if score <= 0:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best), best.encoding
        return data.decode("utf-8", errors="replace"), "utf-8?"
    return text, codec


def _finish(text: str, encoding: str) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return Decoded("", encoding, "empty")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 50) or sample.count("\ufffd") > max(8, len(sample) // 20):
        return Decoded("", encoding, "binary: control characters")
    return Decoded(text, encoding)


def looks_like_html(data: bytes | str) -> bool:
    """True when the input starts like an HTML document rather than a text dump."""
    head = data[:2048]
    if isinstance(head, bytes):
        return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))
    return bool(_HTML_START_TEXT.match(head.lstrip("\ufeff")))


def has_arabic(text: str, minimum: int = 10) -> bool:
    """At least ``minimum`` Arabic letters: a cheap gate before structuring a page at all (most
    pages of a mixed crawl are in other languages, and structuring them is wasted work)."""
    count = 0
    for _ in _ARABIC_LETTER.finditer(text):
        count += 1
        if count >= minimum:
            return True
    return False


def arabic_share(text: str) -> float:
    """Share of Arabic letters among all letters: 0.0 for an English page."""
    sample = text[:50000]
    letters = sum(map(str.isalpha, sample))  # C-level passes, no Python loop per character
    if not letters:
        return 0.0
    return (len(sample) - len(_ARABIC_LETTER.sub("", sample))) / letters
