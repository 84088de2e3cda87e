"""Photo captions: «الرئيس الروسي فلاديمير بوتين 16 أغسطس 2024 (إ.ب.أ)» → text, credit, agency."""

from __future__ import annotations

import re

from khabar.records import Caption
from khabar.structure.agencies import normalize_agency
from khabar.structure.cues import cues

# The credit sits in the last parentheses of the line, or after «تصوير:»-style prefixes.
_PAREN_CREDIT = re.compile(r"^(?P<text>.*?\S)\s*[(\[](?P<credit>[^()\[\]]{1,60})[)\]]\s*$", re.S)
_PREFIX_CREDIT = re.compile(
    r"^(?P<text>.*?\S)\s*[-–—|]?\s*\(?(?P<prefix>تصوير|صورة|الصورة|Photo)\s*[:：]\s*(?P<credit>[^()]{1,60}?)\)?\s*$"
)


def parse_caption(line: str) -> Caption | None:
    """A caption when the line ends with a photo credit, else None.

    >>> parse_caption("الرئيس الروسي فلاديمير بوتين 16 أغسطس 2024 (إ.ب.أ)").agency
    'EPA'
    >>> parse_caption("قال إن القوات تتقدم (الخميس)") is None
    True
    """
    line = line.strip()
    # Cheap gate first: a caption ends with its credit in brackets or names a photographer.
    if not line or (
        line[-1] not in ")]" and "تصوير" not in line and "صورة" not in line and "Photo" not in line
    ):
        return None
    if len(line.split()) > cues()["caption_max_words"]:
        return None
    match = _PAREN_CREDIT.match(line)
    if match:
        credit = match["credit"].strip()
        agency = normalize_agency(credit)
        if agency is not None:
            return Caption(text=match["text"].strip(), credit=credit, agency=agency)
        prefixed = _PREFIX_CREDIT.match(f"{match['text']} {credit}") if ":" in credit else None
        if prefixed:
            name = prefixed["credit"].strip()
            return Caption(text=match["text"].strip(), credit=credit, agency=normalize_agency(name))
        return None
    match = _PREFIX_CREDIT.match(line)
    if match:
        credit = match["credit"].strip()
        return Caption(text=match["text"].strip(), credit=credit, agency=normalize_agency(credit))
    return None


def caption_key(caption: Caption) -> tuple[str, str | None]:
    """Captions are printed twice on many pages; this key finds the second copy."""
    return (re.sub(r"\s+", " ", caption.text), caption.credit)
