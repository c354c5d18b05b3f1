"""Answers kept until the store changes: the same filtered page is computed once per ingest.

The store changes only when `clampdown ingest` (or /api/ingest) commits, and dashboards and
feed readers ask the same questions over and over. Each answer is kept, as the JSON bytes
sent, under its path and query string and the store's version: for SQLite the
`data_version` pragma, which moves whenever another connection commits, so an answer is
never served after the data it came from changed; for other databases a clock that ticks
every `response_cache_ttl_s`. The cache is a bounded LRU, and large answers are not kept.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

MAX_ENTRY_BYTES = 512 * 1024


class StoreVersion:
    """A number that changes whenever the store's data may have changed."""

    def __init__(self, sqlite_file: Path | None, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        if sqlite_file is not None:
            uri = f"file:{quote(str(sqlite_file.resolve()))}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)

    @property
    def exact(self) -> bool:
        """True when the version moves with every commit (SQLite), not with a clock."""
        return self._conn is not None

    def current(self) -> int:
        if self._conn is None:
            return int(time.monotonic() / self.ttl_s)
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class ResponseCache:
    """LRU of (key, version) -> bytes, safe to share between worker threads."""

    def __init__(self, version: StoreVersion, max_entries: int) -> None:
        self.version = version
        self.max_entries = max_entries
        self._data: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def lookup(self, key: str) -> tuple[int, bytes | None]:
        version, found = self.lookup_typed(key)
        return version, None if found is None else found[0]

    def lookup_typed(self, key: str) -> tuple[int, tuple[bytes, str] | None]:
        """The store's version now, and the answer kept for `key` at that version if any.

        Take the version before computing a missing answer and `store` under it: a commit
        during the computation then makes the next request miss, never serve stale data.
        """
        version = self.version.current()
        if self.max_entries <= 0:
            return version, None
        with self._lock:
            found = self._data.get(key)
            if found is not None and found[0] == version:
                self._data.move_to_end(key)
                self.hits += 1
                return version, (found[1], found[2])
            self.misses += 1
        return version, None

    def store(self, key: str, version: int, body: bytes,
              media_type: str = "application/json") -> None:
        if self.max_entries <= 0 or len(body) > MAX_ENTRY_BYTES:
            return
        with self._lock:
            self._data[key] = (version, body, media_type)
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def key_of(path: str, query: str) -> str:
    """The cache key of a request: its path and its decoded query pairs, sorted."""
    items = sorted(parse_qsl(query, keep_blank_values=True))
    return path + "?" + "&".join(f"{k}={v}" for k, v in items)


class CacheHitMiddleware:
    """Sends a kept answer before routing, so a repeated request costs a dictionary lookup.

    Only answers that a handler kept (read endpoints and dashboard pages with status 200)
    are ever found here, under the exact path and query they were made for; everything
    else, and every miss, goes on to the application unchanged.
    """

    def __init__(self, app: Any, cache_of: Callable[[], ResponseCache | None]) -> None:
        self.app = app
        self.cache_of = cache_of

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        cache = None
        if scope["type"] == "http" and scope["method"] == "GET":
            cache = self.cache_of()
        if cache is not None:
            key = key_of(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            _, found = cache.lookup_typed(key)
            if found is not None:
                body, media_type = found
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", media_type.encode()),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
