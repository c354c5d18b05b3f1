"""Alembic environment: runs migrations on the connection clampdown hands it.

clampdown upgrades the store itself when it opens it (`clampdown.store.db.open_store`), so
there is no alembic.ini to keep; for `alembic revision` during development, run
`python -m clampdown.store.db revision MESSAGE` (it builds the same config).
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool

from clampdown.store.schema import metadata, migrated

config = context.config

OPTIONS: dict[str, Any] = {"target_metadata": metadata, "include_name": migrated}


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            render_as_batch=True,  # SQLite alters tables by copying them
            compare_type=True,
            **OPTIONS,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        context.configure(
            connection=conn, render_as_batch=True, compare_type=True, **OPTIONS
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), literal_binds=True, **OPTIONS
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
