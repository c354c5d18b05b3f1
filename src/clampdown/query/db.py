"""Read-only connections to the store, each query under a deadline (server and exports).

Reading a store must never change it, whatever a request holds, so the read engine opens
SQLite files with `mode=ro` and `PRAGMA query_only`, and PostgreSQL sessions as read-only
transactions. Every query runs under a deadline (`query_timeout_s`): SQLite's progress
handler interrupts a statement that passes it, PostgreSQL's `statement_timeout` does the same.
The server's write engine (`clampdown.api.watch_schema.open_writer`) exists only when a
token is configured, for ingest, watchlists and webhook bookkeeping.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from clampdown.errors import StoreError
from clampdown.store.db import (
    MMAP_BYTES,
    StoreNotFound,
    current_revision,
    display_url,
    head_revision,
    is_sqlite,
    open_store,
    sqlite_path,
)

POOL_SIZE = 16  # a connection per busy worker thread; SQLite readers never block each other
_PROGRESS_STEPS = 10_000  # SQLite VM steps between two looks at the clock
CACHE_KIB = 16_384  # per connection, for the b-tree pages SQLite decodes


def open_reader(url: str, timeout_s: float, *, upgrade: bool = False) -> Engine:
    """A read-only engine on an existing store whose schema is current.

    With `upgrade`, a store written by an older clampdown has its schema brought up to date
    first, as every `clampdown` command that reads does (`open_store`); that is the only
    write a reading server makes. Raises StoreNotFound for a missing SQLite file and
    StoreError when the store cannot be read or is of another schema version.
    """
    if upgrade:
        open_store(url, must_exist=True).dispose()
    if is_sqlite(url):
        engine = _sqlite_reader(url, timeout_s)
    else:
        engine = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={
                "options": "-c default_transaction_read_only=on "
                f"-c statement_timeout={int(timeout_s * 1000)}"
            },
        )
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except (DBAPIError, SQLAlchemyError) as e:
        engine.dispose()
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise StoreError(f"{display_url(url)}: cannot read the store ({reason})") from None
    if revision != head_revision():
        engine.dispose()
        raise StoreError(
            f"{display_url(url)}: the store is at schema version {revision or 'none'}, this "
            f"clampdown reads {head_revision()}; run `clampdown serve` or `clampdown cases` "
            "once with this store to upgrade it"
        )
    return engine


def _sqlite_reader(url: str, timeout_s: float) -> Engine:
    path = sqlite_path(url)
    if path is None or not path.exists():
        raise StoreNotFound(
            f"{path or url}: no store there; run `clampdown ingest FILES --db {path}` first"
        )
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5.0)

    engine = create_engine(
        "sqlite://",
        creator=connect,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_SIZE,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        dbapi_conn.execute("PRAGMA query_only=ON")
        # Reads go through one shared memory map instead of a read() per page per
        # connection; with many worker threads this is most of a filtered query's cost.
        dbapi_conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        dbapi_conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        deadline = [float("inf")]
        record.info["deadline"] = deadline
        record.info["timeout"] = [timeout_s]
        dbapi_conn.set_progress_handler(
            lambda: 1 if time.monotonic() > deadline[0] else 0, _PROGRESS_STEPS
        )

    @event.listens_for(engine, "checkout")
    def _on_checkout(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        record.info["timeout"][0] = timeout_s  # undo a longer limit an export asked for

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(conn: Connection, *_args: Any) -> None:
        info = conn.connection.info
        info["deadline"][0] = time.monotonic() + info["timeout"][0]

    return engine


def set_deadline(conn: Connection, seconds: float) -> None:
    """Give each query on `conn` `seconds`, reading its rows included, until the connection
    goes back to the pool (an export reads for longer than a page)."""
    timeout = conn.connection.info.get("timeout")
    if timeout is not None:
        timeout[0] = seconds
