"""JSON answers of the read endpoints: serialised once, kept by the response cache.

Handlers return plain dicts that already hold only JSON types, so they are dumped straight
to bytes; FastAPI's per-request validation against the response models would cost more than
the query. The models still describe the answers in the OpenAPI document, and a test checks
every endpoint's answers against them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from clampdown.api.errors import not_found
from clampdown.api.state import state_of
from clampdown.query.cache import key_of

if TYPE_CHECKING:
    from sqlalchemy import Connection


def cache_key(request: Request) -> str:
    return key_of(request.url.path, request.url.query)


async def json_answer(request: Request, read: Callable[[Connection], Any]) -> Response:
    """What `read` returns on a read-only connection, as a JSON response, from the cache
    while the store is unchanged.

    A kept answer is sent from the event loop; only a miss goes to a worker thread, where
    the (blocking) queries of `read` run. An exception raised by `read` (a 404, a bad
    cursor) propagates and is not kept.
    """

    def make() -> bytes:
        with state_of(request).read().connect() as conn:
            answer = read(conn)
        return json.dumps(answer, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False).encode("utf-8")

    cache = state_of(request).cache
    if cache is None:
        return Response(await run_in_threadpool(make), media_type="application/json")
    key = cache_key(request)
    version, body = cache.lookup(key)
    if body is None:
        body = await run_in_threadpool(make)
        cache.store(key, version, body)
    return Response(body, media_type="application/json")


async def record_answer(
    request: Request, get: Callable[[Connection], Any], what: str, key: object, hint: str
) -> Response:
    """The record `get` reads, as `json_answer` gives it, or a 404 naming `what` `key` and
    where such records are listed (`hint`)."""

    def found(conn: Connection) -> Any:
        record = get(conn)
        if record is None:
            raise not_found(what, key, hint)
        return record

    return await json_answer(request, found)
