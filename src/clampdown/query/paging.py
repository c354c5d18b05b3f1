"""Sorting and cursor pagination that stay fast and stable on a store that keeps growing.

An offset makes the database walk every skipped row and shifts when rows are added; a
cursor (the sort value and id of the last row seen) continues exactly where a page ended.
Sort columns may be empty (an undated case): empty values always come last, in either
direction, on SQLite and PostgreSQL alike, and the id breaks ties.
"""

from __future__ import annotations

import base64
import decimal
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, or_

from clampdown.query.filters import FilterError


@dataclass(frozen=True, slots=True)
class Sort:
    """One sort order: a named column, its direction, and the id column breaking ties."""

    name: str
    column: Any
    id_column: Any
    descending: bool

    @property
    def token(self) -> str:
        return ("-" if self.descending else "") + self.name

    def order_by(self) -> list[Any]:
        col = self.column.desc() if self.descending else self.column.asc()
        idc = self.id_column.desc() if self.descending else self.id_column.asc()
        return [col.nulls_last(), idc]

    def after(self, cursor: tuple[Any, int]) -> ColumnElement[bool]:
        """Rows after the one whose (sort value, id) is `cursor`, in this order."""
        value, last_id = cursor
        beyond_id = self.id_column < last_id if self.descending else self.id_column > last_id
        if value is None:
            return and_(self.column.is_(None), beyond_id)
        beyond = self.column < value if self.descending else self.column > value
        return or_(beyond, and_(self.column == value, beyond_id), self.column.is_(None))


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page of a listing to read, as the API, the dashboard, feeds and the command
    line ask for it: how many rows, the sort (`-name` descending; None: the listing's
    default), the cursor of the page before, and how far to count the matches (None: all)."""

    limit: int
    sort: str | None = None
    cursor: str | None = None
    count_cap: int | None = None


def parse_sort(token: str | None, columns: dict[str, Any], id_column: Any, default: str) -> Sort:
    """`date`, `-date` ... into a Sort; raises FilterError listing the accepted names."""
    text = (token or default).strip()
    descending = text.startswith("-")
    name = text.lstrip("-+")
    if name not in columns:
        accepted = ", ".join(f"{n}, -{n}" for n in columns)
        raise FilterError("sort", f"{text!r} is not a sort order; use one of {accepted}")
    return Sort(name, columns[name], id_column, descending)


def encode_cursor(sort: Sort, value: Any, row_id: int) -> str:
    """An opaque token for "after this row", bound to the sort it was made for."""
    if isinstance(value, date):
        value = {"d": value.isoformat()}
    raw = json.dumps([sort.token, value, row_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def next_cursor(order: Sort, rows: Sequence[Any], limit: int) -> str | None:
    """The cursor after a page of `limit` rows, read with one row more to tell whether
    another page follows (None where none does)."""
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    value = getattr(last, order.column.name)
    if isinstance(value, str) and isinstance(order.column.type, Date):  # a day read as text
        value = date.fromisoformat(value[:10])
    return encode_cursor(order, value, last.id)


def decode_cursor(token: str, sort: Sort) -> tuple[Any, int]:
    """The (sort value, id) a cursor stands for; raises FilterError for a forged or stale one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        made_for, value, row_id = json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        raise FilterError("cursor", "not a cursor this server gave; start from the first "
                          "page without `cursor`") from None
    if made_for != sort.token:
        raise FilterError("cursor", f"made for sort={made_for}, not sort={sort.token}; keep "
                          "the sort when following `next_cursor`")
    if not isinstance(row_id, int) or isinstance(row_id, bool) or not 0 <= row_id <= MAX_ID:
        raise FilterError("cursor", "not a cursor this server gave")
    if isinstance(value, dict) and set(value) == {"d"}:
        try:
            value = date.fromisoformat(value["d"])
        except (TypeError, ValueError):
            raise FilterError("cursor", "not a cursor this server gave") from None
    elif value is not None and not isinstance(value, int | float | str):
        raise FilterError("cursor", "not a cursor this server gave")
    if value is not None and not _fits(value, sort.column):
        raise FilterError("cursor", "not a cursor this server gave")
    return value, row_id


# The largest id a store can hold: its id columns are INTEGER, 32 bits on PostgreSQL (and
# larger numbers make the query fail there, not match nothing). Path ids stop here too.
MAX_ID = 2**31 - 1


def _fits(value: Any, column: Any) -> bool:
    """Whether a cursor's value can be compared with the sort column in SQL at all (a
    forged one of another type, or too large, would make the database fail)."""
    try:
        expected = column.type.python_type
    except (AttributeError, NotImplementedError):
        return isinstance(value, str) and len(value) <= 1000
    if expected is date:
        return isinstance(value, date)
    if issubclass(expected, int | float | decimal.Decimal):
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        if isinstance(value, int) or issubclass(expected, int):
            # INTEGER columns hold 32 bits on PostgreSQL, and SQLite takes no Python int
            # past 64; this server writes a FLOAT column's value as a float.
            return abs(value) <= MAX_ID
        return math.isfinite(value)  # fines in undecillions of roubles are real
    return isinstance(value, str) and len(value) <= 1000
