"""Records whose fields are already named (JSONL, SaudiNewsNet) → one article.

The content field of such records is plain text with paragraphs on their own lines; the author
field often holds a dateline with the name («لندن: رنيم حنوش»), parsed by the byline parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from khabar.records import Article, Published, blocks_from_texts
from khabar.structure.bylines import parse_byline
from khabar.structure.cues import is_boilerplate

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_SPACES = re.compile(r"[ \t\u00a0]+")


def structure_record(
    fields: Mapping[str, str], url: str | None = None, outlet: str | None = None
) -> list[Article]:
    """One article from named fields, or none when the record has neither title nor content.

    >>> [article] = structure_record({"title": "قمة في باكو", "author": "موسكو: رائد جبر",
    ...                               "content": "يصل بوتين اليوم.\\nويلتقي علييف.", "date": "2024-08-18 10:00"})
    >>> article.headline, article.bylines[0].dateline, article.paragraphs, article.published.date
    ('قمة في باكو', 'موسكو', ['يصل بوتين اليوم.', 'ويلتقي علييف.'], '2024-08-18')
    """
    headline = _clean(fields.get("title") or "") or None
    paragraphs = [
        line
        for line in (_clean(raw) for raw in (fields.get("content") or "").splitlines())
        if line and not is_boilerplate(line)
    ]
    if headline is None and not paragraphs:
        return []
    article = Article(
        headline=headline,
        blocks=blocks_from_texts([("paragraph", text) for text in paragraphs]),
        bylines=parse_byline(fields.get("author")),
        url=url or fields.get("url") or None,
        outlet=outlet or fields.get("outlet") or None,
        section=_clean(fields.get("section") or "") or None,
    )
    date = record_date(fields.get("date"))
    if date:
        article.published = Published(date=date, how="record field 'date'")
    return [article]


def record_date(value: str | None) -> str | None:
    """``2015-07-21 02:51:32``, ``2024-08-19T10:00:00Z`` or ``19/08/2024`` → ``YYYY-MM-DD``."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAY_FIRST.match(value)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
