"""The web app factory: a thin, read-only face on a khabar SQLite store.

Every HTML page has a JSON twin under ``/api``; the OpenAPI schema is at ``/openapi.json`` and a
plain page at ``/docs`` lists it (FastAPI's own docs pull scripts from a CDN, which this app never
does). Responses carry a Content-Security-Policy that allows only the app's own files, so even a
markup slip could not run a scraped page's script.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.serve.params import BadParameter
from khabar.serve.reader import Reader
from khabar.serve.spans import mark_pieces

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# Arabic titles of the error pages, by status.
ERROR_TITLES = {
    400: "طلب غير صالح",
    404: "غير موجود",
    405: "طريقة غير مسموح بها",
    500: "خطأ في الخادم",
}


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("khabar.serve").joinpath(name)))


def create_app(db_path: str | Path, *, read_only: bool = True) -> FastAPI:
    """The app over the database at ``db_path``; raises ``StoreMissing`` when there is none."""
    from khabar.serve import api, pages

    app = FastAPI(
        title="khabar",
        summary="Arabic news as structured knowledge: search, articles, entities, outlets, events.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = Reader(db_path, read_only=read_only)
    templates = Jinja2Templates(directory=str(_package_dir("templates")))
    templates.env.globals["mark_pieces"] = mark_pieces
    templates.env.tests["web_url"] = is_web_url
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {
                "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]),
                "message": error.get("msg", ""),
            }
            for error in exc.errors()
        ]
        return error_response(request, 400, problems)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        return error_response(request, 400, [{"parameter": exc.name, "message": exc.message}])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        return error_response(request, exc.status_code, [{"parameter": "", "message": detail or ""}])

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, [])

    return app


def is_web_url(value: object) -> bool:
    """Only http(s) links leave the app: a scraped ``javascript:`` URL is never made a link."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, problems: list[dict[str, str]]) -> Response:
    """A JSON error for the API, a clean Arabic page for everything else."""
    title = ERROR_TITLES.get(status, "خطأ")
    if wants_json(request):
        return JSONResponse({"status": status, "error": title, "problems": problems}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "title": title, "problems": problems}, status_code=status
    )
