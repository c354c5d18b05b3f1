"""The server's own tables: saved watchlists and the webhook deliveries made for them.

They sit in the store's database but outside its migrations, created on first write by the
server (`open_writer`), because only a token-holding server ever writes them; their names
start with `watch_` so the store's tooling can tell them apart. A delivery's key is
(watchlist, case): a case is queued for a watchlist once, whatever happens later.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
)

from clampdown.store.db import open_store

watch_metadata = MetaData()

watchlists = Table(
    "watch_lists",
    watch_metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("filters", Text, nullable=False),  # JSON of the saved case filter
    Column("webhook", Text),  # URL that new matching cases are POSTed to
    Column("feed_key", String(64), nullable=False, unique=True),  # unguessable feed URL part
    Column("after_case_id", Integer, nullable=False),  # cases above this id are "new"
    Column("created_at", DateTime, nullable=False),
)

deliveries = Table(
    "watch_deliveries",
    watch_metadata,
    Column(
        "watchlist_id",
        Integer,
        ForeignKey("watch_lists.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("case_id", Integer, primary_key=True, autoincrement=False),
    Column("state", String(16), nullable=False),  # pending, delivered, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", Float, nullable=False),  # epoch seconds of the next try
    Column("last_error", Text),
    Column("delivered_at", DateTime),
    Index("ix_watch_deliveries_state", "state", "next_at"),
)


def open_writer(url: str) -> Engine:
    """A writing engine (the store's own), with the server's own tables created."""
    engine = open_store(url, write=True)
    with engine.begin() as conn:
        existing = set(inspect(conn).get_table_names())
        missing = [t for t in watch_metadata.sorted_tables if t.name not in existing]
        if missing:
            watch_metadata.create_all(conn, tables=missing)
    return engine
