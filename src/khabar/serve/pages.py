"""The HTML pages: each renders the data of its ``/api`` twin through a Jinja2 template
(autoescaped: every piece of scraped text is escaped on the way out)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from khabar.serve import api
from khabar.serve import reader as queries
from khabar.serve.charts import timeline
from khabar.serve.params import Page, SearchFilters, paging, search_filters
from khabar.serve.spans import render_blocks

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


def pager(request: Request, page: Page, count: int) -> dict[str, str | None]:
    """Links to the previous and next page, keeping every other parameter."""

    def link(offset: int) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        params.append(("offset", str(offset)))
        return f"{request.url.path}?{urlencode(params)}"

    return {
        "previous": link(max(0, page.offset - page.limit)) if page.offset > 0 else None,
        "next": link(page.offset + page.limit) if count >= page.limit else None,
    }


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, filters: SearchFilters = Depends(search_filters), page: Page = Depends(paging)
) -> HTMLResponse:
    result = api.run_search(request, filters, page)
    db = api.connection(request)
    context: dict[str, Any] = {
        "filters": filters,
        "result": result,
        "pager": pager(request, page, len(result["hits"])),
        "outlets": queries.outlet_names(db),
    }
    if not filters.q and not filters.any_filter:
        context["totals"] = queries.totals(db)
        context["top_entities"] = queries.list_entities(db, limit=24)
    return render(request, "search.html", context)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int = Path(..., ge=1, le=2**62)) -> HTMLResponse:
    view = queries.get_article(api.connection(request), article_id)
    if view is None:
        raise HTTPException(404, f"لا يوجد مقال برقم {article_id}")
    entities = {entity.key: entity for entity in view.article.entities}
    return render(
        request,
        "article.html",
        {"view": view, "article": view.article, "blocks": render_blocks(view.article), "entities": entities},
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, type: str | None = api.TypeFilter, page: Page = Depends(paging)
) -> HTMLResponse:
    rows = queries.list_entities(api.connection(request), type=type, limit=page.limit, offset=page.offset)
    return render(
        request,
        "entities.html",
        {"rows": rows, "type": type, "types": api.ENTITY_TYPES, "pager": pager(request, page, len(rows))},
    )


@router.get("/entity/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str, page: Page = Depends(paging)) -> Response:
    db = api.connection(request)
    found = queries.find_entity_key(db, key)
    if found is not None and found != key:  # a QID or a name: go to the canonical page
        return RedirectResponse(request.url_for("entity_page", key=found), status_code=303)
    view = queries.get_entity(db, found, limit=page.limit, offset=page.offset) if found else None
    if view is None:
        raise HTTPException(404, "لا يوجد كيان بهذا المعرّف")
    return render(
        request,
        "entity.html",
        {"entity": view, "chart": timeline(view.timeline), "pager": pager(request, page, len(view.articles))},
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    return render(request, "outlets.html", {"outlets": queries.list_outlets(api.connection(request))})


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    type: str | None = Query(None, max_length=60),
    page: Page = Depends(paging),
) -> HTMLResponse:
    db = api.connection(request)
    rows = queries.list_events(db, type=type, limit=page.limit, offset=page.offset)
    return render(
        request,
        "events.html",
        {
            "rows": rows,
            "type": type,
            "chart": timeline(queries.events_per_day(db, type=type)),
            "pager": pager(request, page, len(rows)),
        },
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request, recent_days: int = api.RecentDays, page: Page = Depends(paging)
) -> HTMLResponse:
    rows = queries.list_stories(
        api.connection(request), recent_days=recent_days, limit=page.limit, offset=page.offset
    )
    return render(
        request,
        "stories.html",
        {"rows": rows, "recent_days": recent_days, "pager": pager(request, page, len(rows))},
    )


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int = Path(..., ge=1, le=2**62)) -> HTMLResponse:
    story = queries.get_story(api.connection(request), story_id)
    if story is None:
        raise HTTPException(404, f"لا توجد قصة برقم {story_id}")
    return render(request, "story.html", {"story": story})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API's routes from the OpenAPI schema, without any asset from a CDN."""
    schema = request.app.openapi()
    routes = [
        {
            "path": path,
            "method": method.upper(),
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": operation.get("parameters", []),
        }
        for path, methods in schema.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return render(request, "docs.html", {"routes": routes})
