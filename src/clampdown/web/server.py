"""What the dashboard's pages need of the running server, and its cache of whole pages.

The server (`clampdown.api.app`) builds the application, mounts these pages and keeps its
state on `app.state.clampdown`. The pages reach that state through the `Server` protocol
below rather than by importing the API, so the dashboard sits beneath the API and the two
never import each other.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, cast

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from clampdown.query.cache import ResponseCache, key_of
from clampdown.query.cases import Page
from clampdown.query.filters import CaseFilter
from clampdown.query.paging import PageRequest

HTML = "text/html; charset=utf-8"


class Limits(Protocol):
    """The server's bounds a page applies (`ServeSettings` has them)."""

    @property
    def default_page_size(self) -> int: ...

    @property
    def max_page_size(self) -> int: ...

    @property
    def max_count_rows(self) -> int: ...

    @property
    def max_query_chars(self) -> int: ...

    @property
    def max_query_values(self) -> int: ...


class Server(Protocol):
    """The part of the server's state (`clampdown.api.state.ServerState`) pages use."""

    @property
    def settings(self) -> Limits: ...

    @property
    def cache(self) -> ResponseCache | None: ...

    def read(self) -> Engine: ...

    def cases_page(self, conn: Connection, f: CaseFilter, page: PageRequest) -> Page: ...


def state_of(request: Request) -> Server:
    return cast(Server, request.app.state.clampdown)


def kept(view: Callable[..., Response]) -> Callable[..., Response]:
    """A dashboard page, kept like JSON answers until the store changes (pages with a
    non-200 status are not kept). The page takes the parameters `view` takes (FastAPI reads
    them through `functools.wraps`) and runs on a worker thread: views are plain functions."""

    @functools.wraps(view)
    def page(request: Request, **params: Any) -> Response:
        cache = state_of(request).cache
        if cache is None:
            return view(request, **params)
        key = key_of(request.url.path, request.url.query)
        version, body = cache.lookup(key)
        if body is not None:
            return Response(body, media_type=HTML)
        response = view(request, **params)
        if response.status_code == 200:
            cache.store(key, version, bytes(response.body), HTML)
        return response

    return page
