"""Exact duplicates: two articles are the same when their normalized text is the same.

Normalization (``khabar.understand.normalize``) folds the spelling variants outlets write
interchangeably (أحمد/احمد, القاهرة/القاهره), and whitespace is collapsed, so a copy re-typed with
other hamzas or line breaks still hashes the same.
"""

from __future__ import annotations

import hashlib

from khabar.understand.normalize import normalize


def normalized_text(text: str) -> str:
    """The text as dedup compares it: normalized spelling, one space between words."""
    return " ".join(normalize(text or "").split())


def text_hash(text: str) -> str | None:
    """A 128-bit hex digest of the normalized text; ``None`` for a text with no words (never a key)."""
    return normalized_hash(normalized_text(text))


def normalized_hash(folded: str) -> str | None:
    """The digest of a text already passed through ``normalized_text``."""
    if not folded:
        return None
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
