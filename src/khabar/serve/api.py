"""The JSON API: one route per page, the same data, the field names of the records and the store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from khabar.serve import reader as queries
from khabar.serve.params import Page, SearchFilters, paging, search_filters
from khabar.store.search import search

router = APIRouter(prefix="/api", tags=["api"])

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
TypeFilter = Query(None, pattern="^(PERS|LOC|ORG|MISC)$", description="Entity type.")


def connection(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.reader.connection()


def run_search(request: Request, filters: SearchFilters, page: Page) -> dict[str, Any]:
    """Ranked hits for a query (the store's search), or the newest articles under the filters."""
    db = connection(request)
    if filters.q:
        hits = [
            hit.to_dict()
            for hit in search(
                db,
                filters.q,
                limit=page.limit,
                offset=page.offset,
                outlet=filters.outlet,
                date_from=filters.date_from,
                date_to=filters.date_to,
                entity=filters.entity,
            )
        ]
    elif filters.any_filter:
        hits = queries.list_articles(
            db,
            outlet=filters.outlet,
            date_from=filters.date_from,
            date_to=filters.date_to,
            entity=filters.entity,
            limit=page.limit,
            offset=page.offset,
        )
    else:
        hits = []
    return {
        **filters.to_dict(),
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if len(hits) == page.limit else None,
        "hits": hits,
    }


@router.get("/search")
def api_search(
    request: Request, filters: SearchFilters = Depends(search_filters), page: Page = Depends(paging)
) -> dict[str, Any]:
    """Articles matching every word of ``q`` (BM25, snippets with ``marks``); without ``q``, the
    newest articles under the filters."""
    return run_search(request, filters, page)


@router.get("/articles/{article_id}")
def api_article(request: Request, article_id: int = Path(..., ge=1, le=2**62)) -> dict[str, Any]:
    """One article as ``Article.to_dict()`` plus ``id``, ``page_id``, ``source`` and ``duplicates``."""
    view = queries.get_article(connection(request), article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    return view.to_dict()


@router.get("/entities")
def api_entities(
    request: Request, type: str | None = TypeFilter, page: Page = Depends(paging)
) -> dict[str, Any]:
    """Entities by the number of articles that mention them."""
    rows = queries.list_entities(connection(request), type=type, limit=page.limit, offset=page.offset)
    return {"type": type, "limit": page.limit, "offset": page.offset, "entities": rows}


@router.get("/entities/{key:path}")
def api_entity(request: Request, key: str, page: Page = Depends(paging)) -> dict[str, Any]:
    """An entity: names, IDs, mentions per day, co-occurring entities, articles, quotes, events."""
    db = connection(request)
    found = queries.find_entity_key(db, key)
    view = queries.get_entity(db, found, limit=page.limit, offset=page.offset) if found else None
    if view is None:
        raise HTTPException(404, f"no entity {key}")
    return {**view.to_dict(), "limit": page.limit, "offset": page.offset}


@router.get("/outlets")
def api_outlets(request: Request) -> dict[str, Any]:
    """Every outlet with its article count and first and last publication day."""
    return {"outlets": queries.list_outlets(connection(request))}


@router.get("/events")
def api_events(
    request: Request,
    type: str | None = Query(None, max_length=60, description="PLOVER event type."),
    page: Page = Depends(paging),
) -> dict[str, Any]:
    """Events, newest first, with their count per day."""
    db = connection(request)
    return {
        "type": type,
        "limit": page.limit,
        "offset": page.offset,
        "per_day": queries.events_per_day(db, type=type),
        "events": queries.list_events(db, type=type, limit=page.limit, offset=page.offset),
    }


RecentDays = Query(
    7, ge=1, le=3660, description="Stories whose last report is this many days from the newest."
)


@router.get("/stories")
def api_stories(
    request: Request, recent_days: int = RecentDays, page: Page = Depends(paging)
) -> dict[str, Any]:
    """The largest recent stories: articles of several outlets reporting the same event."""
    rows = queries.list_stories(
        connection(request), recent_days=recent_days, limit=page.limit, offset=page.offset
    )
    return {"recent_days": recent_days, "limit": page.limit, "offset": page.offset, "stories": rows}


@router.get("/stories/{story_id}")
def api_story(request: Request, story_id: int = Path(..., ge=1, le=2**62)) -> dict[str, Any]:
    """One story (its id is its smallest article id) with its articles, oldest first."""
    story = queries.get_story(connection(request), story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return story


@router.get("/stats")
def api_stats(request: Request) -> dict[str, int]:
    """Row counts of the store."""
    return queries.totals(connection(request))
