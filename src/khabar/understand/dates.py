"""Understanding step «dates»: every temporal expression of the body, resolved.

Expressions are anchored on the article's publication date; when it is unknown, only absolute
dates are kept (a relative «أمس» without an anchor is skipped, never guessed).
"""

from __future__ import annotations

import datetime as dt

from khabar.records import Article
from khabar.understand.temporal import tag

__all__ = ["annotate", "anchor_of", "tag"]


def anchor_of(article: Article) -> dt.date | None:
    """The publication day as a date, or None when absent or malformed."""
    value = article.published.date
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def annotate(article: Article) -> None:
    """Fill ``article.dates`` with spans over ``article.text`` (headline and captions excluded)."""
    article.dates = tag(article.text, anchor_of(article))
