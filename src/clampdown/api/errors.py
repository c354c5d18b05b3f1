"""Errors as the API reports them: one JSON shape, a status that fits, a message that helps.

Every failure of an API request answers `{"error": {"status", "message", "field"}}`; the
message says what is wrong and what to do, as the command line's messages do. Pages of the
dashboard get the same message as a small HTML page instead.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from clampdown.errors import StoreError
from clampdown.query.filters import FilterError


class APIError(Exception):
    """An error a handler raises on purpose, with its status and message."""

    def __init__(
        self, status: int, message: str, field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.message = message
        self.field = field
        self.headers = headers
        super().__init__(message)


def not_found(what: str, value: Any, hint: str) -> APIError:
    return APIError(404, f"no {what} {value} in this store; {hint}")


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/feeds") or path == "/openapi.json")


def error_response(
    request: Request, status: int, message: str, field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_html(request):
        from clampdown.web.render import error_page

        return error_page(request, status, message, headers)
    body = {"error": {"status": status, "message": message, "field": field}}
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    parts = []
    field = None
    for e in exc.errors()[:5]:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body", "header")]
        name = ".".join(loc) or "request"
        field = field or name
        msg = str(e.get("msg", "is not valid"))
        if e.get("type") == "missing":
            msg = "is required"
        elif e.get("input") is not None and e.get("type") not in ("json_invalid",):
            shown = repr(e["input"])
            if len(shown) <= 60:
                msg = f"{shown}: {msg}"
        parts.append(f"{name}: {msg}")
    return "; ".join(parts) or "the request is not valid", field


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(APIError)
    async def _api_error(request: Request, exc: APIError) -> Response:
        return error_response(request, exc.status, exc.message, exc.field, exc.headers)

    @app.exception_handler(FilterError)
    async def _filter_error(request: Request, exc: FilterError) -> Response:
        return error_response(request, 422, f"{exc.field}: {exc.message}", exc.field)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        message, field = _validation_message(exc)
        return error_response(request, 422, message, field)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page; the API is listed at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, None,
                              getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _db(request: Request, exc: OperationalError) -> Response:
        if "interrupted" in str(exc.orig) or "statement timeout" in str(exc.orig):
            return error_response(
                request, 503, "the query ran longer than query_timeout_s and was stopped; "
                "narrow the filter (type, target, since/until) and try again",
            )
        return error_response(request, 503, "the store could not be read; try again shortly")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug or a damaged store: still the documented shape (the server logs the
        # traceback); the status says it is the server's fault, not the request's.
        return error_response(
            request, 500, "the server failed to answer this request; it has been logged"
        )
