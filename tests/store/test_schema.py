"""The schema: migrations build exactly the metadata, foreign keys hold, opening is safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from clampdown.api.watch_schema import watch_metadata
from clampdown.store.db import (
    StoreNotFound,
    alembic_config,
    current_revision,
    database_url,
    head_revision,
    make_engine,
    open_store,
)
from clampdown.store.schema import events, metadata, migrated


def test_migrations_build_the_declared_schema(db_url: str) -> None:
    engine = open_store(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                metadata)
        assert diff == []
        names = set(inspect(conn).get_table_names())
    assert {"documents", "events", "cases", "entities", "entity_names", "stories",
            "doc_bands", "ingest_runs", "alembic_version"} <= names
    engine.dispose()
    again = open_store(db_url)  # a second open finds it current and changes nothing
    with again.connect() as conn:
        assert current_revision(conn) == head_revision()
    again.dispose()


def test_the_servers_watch_tables_stay_outside_the_migrations(db_url: str) -> None:
    engine = open_store(db_url, write=True)
    with engine.begin() as conn:
        watch_metadata.create_all(conn)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_name": migrated}
        assert compare_metadata(MigrationContext.configure(conn, opts=opts), metadata) == []
        unfiltered = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    engine.dispose()
    assert {d[1].name for d in unfiltered if d[0] == "remove_table"} == {
        "watch_lists", "watch_deliveries"
    }


def test_foreign_keys_are_enforced(db_url: str) -> None:
    engine = open_store(db_url, write=True)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(events).values(
                key="k", doc_id=999, seq=0, case_id=999, type="FINE", status="done",
                date_completed=False, evidence="x", span_start=0, span_end=1,
            )
        )
    engine.dispose()


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    with pytest.raises(StoreNotFound, match="no store there"):
        open_store(database_url(str(path)), must_exist=True)
    assert not path.exists()


def test_database_urls() -> None:
    env = {"CLAMPDOWN_DB": "postgresql://u:p@localhost/db"}
    assert database_url(None, env) == "postgresql+psycopg://u:p@localhost/db"
    assert database_url("postgres://h/db", {}) == "postgresql+psycopg://h/db"
    assert database_url(None, {}).endswith("/clampdown.db")
    assert database_url("x.db", env).startswith("sqlite:///")


def test_an_older_store_is_upgraded_when_opened(db_url: str) -> None:
    """Migrations are versioned: a store left at the first revision is brought to head."""
    engine = make_engine(db_url, write=True)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.connect() as conn:
        assert current_revision(conn) == "0001"
        assert "ix_events_type_amount" not in _indexes(conn)
    engine.dispose()
    engine = open_store(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision() != "0001"
        assert "ix_events_type_amount" in _indexes(conn)
        assert "date_basis" in {c["name"] for c in inspect(conn).get_columns("events")}
    engine.dispose()


def _indexes(conn: Connection) -> set[str]:
    return {str(i["name"]) for i in inspect(conn).get_indexes("events")}
