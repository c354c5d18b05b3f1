"""Bulk writes and lookups below SQLAlchemy's per-row machinery, for the ingest hot path.

Ingest writes tens of rows per document; through Core's executemany each row costs more
Python than the database spends storing it, and `INSERT ... RETURNING` is executed one row
at a time on SQLite. Here rows are plain tuples handed to the driver's executemany, and ids
are allocated up front (PostgreSQL: from the table's sequence; SQLite: after MAX(id), safe
because a writing transaction holds SQLite's write lock from BEGIN IMMEDIATE).

Only this module knows the two dialects' differences: the placeholder style, and that
SQLite stores dates as ISO text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, text
from sqlalchemy.engine import Connection


def _sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def placeholder(conn: Connection) -> str:
    return "?" if _sqlite(conn) else "%s"


def to_db(conn: Connection, value: Any) -> Any:
    """A Python value as the driver should receive it (SQLite keeps dates as ISO text)."""
    if _sqlite(conn):
        if isinstance(value, datetime):
            return value.isoformat(sep=" ", timespec="microseconds")
        if isinstance(value, date):
            return value.isoformat()
    return value


def from_db_date(value: Any) -> date | None:
    """A date column as read through the raw driver (text on SQLite)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def allocate_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """`n` fresh primary keys for `table`, for rows inserted in this transaction."""
    if n <= 0:
        return []
    if _sqlite(conn):
        top = conn.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table.name}").scalar()
        return list(range(int(top or 0) + 1, int(top or 0) + 1 + n))
    rows = conn.execute(
        text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
        {"t": table.name, "n": n},
    ).scalars()
    return [int(r) for r in rows]


def _prepared(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """Rows as the driver takes them; only date columns need work, and only on SQLite."""
    dated = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date | DateTime)]
    if not dated or not _sqlite(conn):
        return [tuple(r) for r in rows]
    out = []
    for row in rows:
        cells = list(row)
        for i in dated:
            v = cells[i]
            if v is not None:
                cells[i] = v.isoformat() if type(v) is date else to_db(conn, v)
        out.append(tuple(cells))
    return out


def insert_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """INSERT many rows of `columns`; with `ignore_conflicts`, rows that would break a
    unique key are skipped (both dialects know ON CONFLICT DO NOTHING)."""
    data = _prepared(conn, table, columns, rows)
    if not data:
        return
    ph = placeholder(conn)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([ph] * len(columns))})"
    )
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    conn.exec_driver_sql(sql, data)


def update_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    key: str = "id",
) -> None:
    """UPDATE `columns` of rows by `key`; each row is the new values followed by the key."""
    data = _prepared(conn, table, [*columns, key], rows)
    if not data:
        return
    ph = placeholder(conn)
    sets = ", ".join(f"{c} = {ph}" for c in columns)
    conn.exec_driver_sql(f"UPDATE {table.name} SET {sets} WHERE {key} = {ph}", data)


def update_changed(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    before: Mapping[Any, Sequence[Any]],
    *,
    key: str = "id",
) -> int:
    """UPDATE of each row (new values of `columns`, then its key) only the columns whose
    value differs from the one `before` holds for its key (stored values, in the same
    order and as read back); a row that did not change is not written. Returns how many
    rows were. An UPDATE rewrites the index entries of every indexed column it sets, to
    its own value or not: a page written, and written again to the database file at the
    checkpoint, for nothing."""
    by_columns: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        old = before.get(row[-1])
        changed = tuple(i for i, v in enumerate(row[:-1]) if old is None or old[i] != v)
        if changed:
            by_columns.setdefault(changed, []).append(
                (*(row[i] for i in changed), row[-1]))
    for changed, data in sorted(by_columns.items()):
        update_rows(conn, table, [columns[i] for i in changed], data, key=key)
    return sum(len(d) for d in by_columns.values())


def select_near(
    conn: Connection, sql_select: str, wanted: Sequence[Sequence[Any]], cols: str, join_on: str
) -> list[Any]:
    """Rows of `sql_select` joined to a VALUES list `wanted(cols)` on `join_on`.

    One statement looks up a whole batch's worth of (key, date range) pairs through an
    index; SQLite names the columns of a VALUES list only in a CTE, so that is the form.
    """
    if not wanted:
        return []
    ph = placeholder(conn)
    width = len(wanted[0])
    row = "(" + ", ".join([ph] * width) + ")"
    if not _sqlite(conn):
        # PostgreSQL types untyped VALUES parameters as text; the columns say what they are.
        row = "(" + ", ".join(f"{ph}::{t}" for t in _pg_types(wanted[0])) + ")"
    if _sqlite(conn):
        params = tuple(v.isoformat() if type(v) is date else v for w in wanted for v in w)
    else:
        params = tuple(v for w in wanted for v in w)
    sql = (
        f"WITH wanted({cols}) AS (VALUES {', '.join([row] * len(wanted))}) "
        f"{sql_select} JOIN wanted ON {join_on}"
    )
    return list(conn.exec_driver_sql(sql, params).all())


def _pg_types(sample: Sequence[Any]) -> list[str]:
    out = []
    for v in sample:
        if isinstance(v, bool):
            out.append("boolean")
        elif isinstance(v, int):
            out.append("bigint")
        elif isinstance(v, float):
            out.append("double precision")
        elif isinstance(v, date):
            out.append("date")
        else:
            out.append("text")
    return out
