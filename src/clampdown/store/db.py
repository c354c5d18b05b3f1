"""Opening the event store: which database, how to connect, and bringing its schema up to date.

SQLite needs no set-up (a `clampdown.db` file in the working directory, or the file or URL in
`CLAMPDOWN_DB`); PostgreSQL is a `postgresql://` URL. The schema is versioned with alembic
and upgraded when the store is opened, so a store written by an older clampdown keeps
working.

SQLite is configured for safe, fast batch writes: foreign keys enforced, write-ahead log
with `synchronous=NORMAL` (a killed process loses no committed transaction), and real
`BEGIN` statements, so that migrations and batches are atomic (Python's sqlite3 module
otherwise commits DDL implicitly).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from clampdown.errors import StoreError

DEFAULT_FILE = "clampdown.db"
ENV_VAR = "CLAMPDOWN_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000  # wait this long for another writer before giving up
CACHE_KIB = 64 * 1024  # SQLite page cache per connection
MMAP_BYTES = 1 << 30  # SQLite memory-mapped reads, up to this much of the file
WAL_CHECKPOINT_PAGES = 16_000  # about 64 MB of write-ahead log between checkpoints


class StoreNotFound(StoreError):
    """A command that only reads was pointed at a store that does not exist."""


def database_url(value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL for `value`, else `CLAMPDOWN_DB`, else ./clampdown.db.

    A plain path means a SQLite file; `postgresql://` and `postgres://` URLs use the
    psycopg (version 3) driver unless they name another.
    """
    env = os.environ if environ is None else environ
    raw = (value or env.get(ENV_VAR) or DEFAULT_FILE).strip()
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return raw


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for an in-memory database)."""
    db = make_url(url).database
    return Path(db) if db and db != ":memory:" else None


def make_engine(url: str, *, write: bool = False) -> Engine:
    """An engine for `url`. With `write`, SQLite transactions take the write lock at BEGIN
    (IMMEDIATE), so two writers queue instead of failing halfway through a batch."""
    try:
        if is_sqlite(url):
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(engine, "BEGIN IMMEDIATE" if write else "BEGIN")
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as e:
        raise StoreError(
            f"{display_url(url)}: not a database URL clampdown can use ({e}); give a file "
            "path for SQLite or a postgresql:// URL"
        ) from None
    return engine


def _configure_sqlite(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, DDL included
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        # A large store's indexes do not fit SQLite's default 2 MB page cache; reading
        # pages through mmap and a 64 MB cache saves a system call per page touched.
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        # Each batch rewrites index pages all over a large file; checkpointing the log less
        # often writes a page touched by several batches to the database once, not each time.
        cur.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Bring the schema on `conn` to the newest version (no-op when it is there)."""
    if current_revision(conn) == head_revision():
        return
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def open_store(url: str, *, write: bool = False, must_exist: bool = False) -> Engine:
    """Connect to the store at `url`, creating or upgrading its schema.

    Raises StoreNotFound when `must_exist` and a SQLite file is missing (reading commands
    should not leave an empty database behind), StoreError when it cannot be opened.
    """
    if must_exist and is_sqlite(url):
        path = sqlite_path(url)
        if path is not None and not path.exists():
            raise StoreNotFound(
                f"{path}: no store there; run `clampdown ingest FILES` first, or point "
                f"--db or {ENV_VAR} at an existing store"
            )
    from clampdown.store.disputes import ensure_linked

    engine = make_engine(url, write=write)
    try:
        with engine.begin() as conn:
            upgrade(conn)
            # A store not yet linked into disputes (new, or written before they existed)
            # is linked now; one opened for writing under other rules, linked again.
            ensure_linked(conn, relink_on_change=write)
    except (DBAPIError, SQLAlchemyError) as e:
        engine.dispose()
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise StoreError(
            f"{display_url(url)}: cannot open the store ({reason}); check the path or URL, "
            "and that the server is running"
        ) from None
    return engine


def _main(argv: list[str]) -> None:
    """`python -m clampdown.store.db revision MESSAGE [URL]`: start a new migration."""
    if len(argv) < 2 or argv[0] != "revision":
        sys.exit("usage: python -m clampdown.store.db revision MESSAGE [DATABASE_URL]")
    url = database_url(argv[2] if len(argv) > 2 else None)
    command.revision(alembic_config(url), message=argv[1], autogenerate=True)


if __name__ == "__main__":
    _main(sys.argv[1:])
