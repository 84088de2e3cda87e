"""Query parameters shared by the pages and their JSON twins, validated once.

FastAPI checks types and bounds (422 → a clean 400 page); dates are checked here as real
calendar days, because a form sends ``date_from=`` empty and «2024-13-45» matches a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Query

MAX_LIMIT = 100
MAX_OFFSET = 10_000


class BadParameter(ValueError):
    """A parameter FastAPI accepted by type but that means nothing (an impossible date)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(name, "تاريخ غير صالح، الصيغة YYYY-MM-DD") from None


@dataclass(slots=True)
class Page:
    limit: int
    offset: int


def paging(
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="How many rows (1–100)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Rows to skip."),
) -> Page:
    return Page(limit, offset)


@dataclass(slots=True)
class SearchFilters:
    q: str
    outlet: str | None
    date_from: str | None
    date_to: str | None
    entity: str | None

    @property
    def any_filter(self) -> bool:
        return bool(self.outlet or self.date_from or self.date_to or self.entity)

    def to_dict(self) -> dict[str, str | None]:
        return {
            "q": self.q,
            "outlet": self.outlet,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "entity": self.entity,
        }


def search_filters(
    q: str = Query("", max_length=200, description="Arabic words; every word must match."),
    outlet: str | None = Query(None, max_length=100, description="Only this outlet."),
    date_from: str | None = Query(None, max_length=10, description="Published on or after (YYYY-MM-DD)."),
    date_to: str | None = Query(None, max_length=10, description="Published on or before (YYYY-MM-DD)."),
    entity: str | None = Query(None, max_length=200, description="Mentions this entity (key, QID or name)."),
) -> SearchFilters:
    return SearchFilters(
        q=q.strip(),
        outlet=outlet or None,
        date_from=_day("date_from", date_from),
        date_to=_day("date_to", date_to),
        entity=entity or None,
    )
