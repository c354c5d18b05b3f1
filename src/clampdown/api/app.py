"""The FastAPI application: REST API, dashboard, feeds, and the webhook dispatcher.

`create_app` wires the pieces to one store. Every response carries headers that keep the
dashboard self-contained (a Content-Security-Policy that allows nothing from another site
and no script at all) and request bodies are refused above `max_request_bytes` before they
are read. FastAPI's interactive docs load scripts from a CDN, so they are off; the OpenAPI
document is at /openapi.json.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from clampdown.api.errors import install_error_handlers
from clampdown.api.settings import ServeSettings
from clampdown.api.state import ServerState
from clampdown.query.cache import CacheHitMiddleware

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


try:
    VERSION = version("clampdown")
except PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0"


class GuardMiddleware:
    """Security headers on every response; 413 for bodies over the limit (pure ASGI, so
    it adds next to nothing to each request)."""

    def __init__(self, app: Any, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body:
                await _too_large(send, self.max_body)
                return
        seen = 0
        too_large = False

        async def bounded_receive() -> Any:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def send_with_headers(message: Any) -> None:
            if too_large:
                return  # the app's answer to a cut-off body (a 400) gives way to the 413
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        with suppress(_BodyTooLarge):
            await self.app(scope, bounded_receive, send_with_headers)
        if too_large:  # a chunked body says its size only as it comes
            await _too_large(send, self.max_body)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Any, limit: int) -> None:
    body = (
        '{"error": {"status": 413, "message": "the request body is over max_request_bytes ('
        + str(limit) + ' bytes); send fewer documents per request", "field": null}}'
    ).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def create_app(
    url: str,
    *,
    token: str | None = None,
    settings: ServeSettings | None = None,
    deliver: bool = True,
) -> FastAPI:
    """The application for the store at `url` (a SQLAlchemy URL).

    The store is opened read-only at once, so a missing or outdated store fails here and not
    on the first request. With a `token`, writes are allowed to its holders, and with
    `deliver` a background thread posts new cases to watchlists' webhooks.
    """
    from clampdown.api import dispute_routes, routes, write_routes
    from clampdown.web import views

    state = ServerState(url=url, settings=settings or ServeSettings.from_env(), token=token)
    state.open()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = (
            state.settings.worker_threads
        )
        state.serving()
        stop = threading.Event()
        worker = None
        if token and deliver:
            from clampdown.api.webhooks import Dispatcher

            dispatcher = Dispatcher(state.writer(), state.settings)
            worker = threading.Thread(target=dispatcher.run_forever, args=(stop,),
                                      name="clampdown-webhooks", daemon=True)
            worker.start()
        restore = _stop_ingest_on_signals(state)
        try:
            yield
        finally:
            restore()
            stop.set()
            if worker is not None:
                worker.join(timeout=5)
            state.close()

    app = FastAPI(
        title="clampdown",
        version=VERSION,
        summary="Events of state pressure on online platforms, each with its evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.clampdown = state
    install_error_handlers(app)
    app.include_router(dispute_routes.router)  # before /api/export/{kind}
    app.include_router(routes.router)
    app.include_router(write_routes.router)
    app.include_router(write_routes.feeds)
    app.include_router(views.router)
    static = files("clampdown.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(CacheHitMiddleware, cache_of=lambda: state.cache)
    app.add_middleware(GuardMiddleware, max_body=state.settings.max_request_bytes)
    return app


def _stop_ingest_on_signals(state: ServerState) -> Any:
    """Make SIGTERM and SIGINT stop ingest extraction at once (the request answers 503),
    then do what the server does with them (finish the requests in flight, exit); without
    this a large ingest would hold the server's shutdown for minutes. Signal handlers can
    be set only on the main thread, where uvicorn runs; elsewhere (a test client) nothing
    changes. Returns what puts the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handler(sig: int, frame: Any) -> None:
        state.extraction.stop()
        before = previous[signal.Signals(sig)]
        if callable(before):
            before(sig, frame)
        elif before == signal.SIG_DFL:
            signal.signal(sig, signal.SIG_DFL)
            signal.raise_signal(sig)

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, before in previous.items():
            if signal.getsignal(sig) is handler:
                signal.signal(sig, before)

    return restore


URL_VAR = "CLAMPDOWN_SERVE_URL"


def app_from_env() -> FastAPI:
    """The application of one worker process of `clampdown serve --workers N`: the store
    URL comes from CLAMPDOWN_SERVE_URL; webhooks are posted by the parent process only."""
    from clampdown.api.settings import TOKEN_VAR

    return create_app(os.environ[URL_VAR], token=os.environ.get(TOKEN_VAR) or None,
                      deliver=False)
