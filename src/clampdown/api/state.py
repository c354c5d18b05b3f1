"""What one running server holds: its store connections, limits, token, cache and index.

Kept apart from the FastAPI app so routes, the dashboard and the webhook dispatcher reach
the same engines without import cycles. The writing engine is opened only when a
token-guarded request first needs it, so a read-only server never holds a write handle.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from clampdown.api.extraction import ExtractionWorkers
from clampdown.api.settings import ServeSettings
from clampdown.api.watch_schema import open_writer
from clampdown.query.cache import ResponseCache, StoreVersion
from clampdown.query.caseindex import CaseIndexHolder, indexed_page
from clampdown.query.cases import Page, list_cases
from clampdown.query.db import open_reader
from clampdown.query.filters import CaseFilter
from clampdown.query.paging import PageRequest
from clampdown.store.db import is_sqlite, sqlite_path


@dataclass
class ServerState:
    url: str
    settings: ServeSettings
    token: str | None = None
    reader: Engine | None = None
    _writer: Engine | None = None
    cache: ResponseCache | None = None
    index: CaseIndexHolder | None = None
    extraction: ExtractionWorkers = field(default_factory=ExtractionWorkers)
    _ingest_limiter: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self) -> None:
        if self.reader is None:
            self.reader = open_reader(self.url, self.settings.query_timeout_s, upgrade=True)
        if self.cache is None:
            path = sqlite_path(self.url) if is_sqlite(self.url) else None
            version = StoreVersion(path, self.settings.response_cache_ttl_s)
            self.cache = ResponseCache(version, self.settings.response_cache_entries)
        if self.index is None and self.cache.version.exact:
            self.index = CaseIndexHolder(self.reader, self.settings.case_index_max_rows)
            self.index.start(self.cache.version.current())

    def cases_page(self, conn: Connection, f: CaseFilter, page: PageRequest) -> Page:
        """A page of cases: from the in-memory index when it is as new as the store and the
        filter needs no text search, else by SQL. Both give the same rows in the same order
        (a test holds them to it); the index also counts exactly."""
        if self.index is not None and not f.q and self.cache is not None:
            idx = self.index.current(self.cache.version.current())
            if idx is not None:
                return indexed_page(conn, idx, f, page)
        return list_cases(conn, f, page)

    def read(self) -> Engine:
        if self.reader is None:
            self.open()
        assert self.reader is not None
        return self.reader

    def writer(self) -> Engine:
        """The store's writing engine (with the watch tables), opened on first use."""
        with self._lock:
            if self._writer is None:
                self._writer = open_writer(self.url)
            return self._writer

    def serving(self) -> None:
        """The application starts serving (again): ingest may extract, under a limiter of
        the event loop now running."""
        self.extraction.reopen()
        self._ingest_limiter = None

    def ingest_limiter(self) -> Any:
        """How many ingest requests extract at once (`ingest_workers`); made on first use,
        inside the event loop, as anyio wants."""
        if self._ingest_limiter is None:
            import anyio

            self._ingest_limiter = anyio.CapacityLimiter(self.settings.ingest_workers)
        return self._ingest_limiter

    def close(self) -> None:
        self.extraction.close()
        for engine in (self.reader, self._writer):
            if engine is not None:
                engine.dispose()
        self.reader = self._writer = None
        if self.cache is not None:
            self.cache.version.close()
            self.cache = None
        self.index = None


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.clampdown
    return state
