"""Pieces every query module shares: entity aliases, name lookup, value conversion.

Names are looked up one way (`entity_ids`), so a filter finds the same entities in the API,
the dashboard, exports and `clampdown cases`.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.engine import Connection

from clampdown.query.paging import MAX_ID
from clampdown.store.schema import (
    dispute_aliases,
    dispute_cases,
    disputes,
    entities,
    entity_names,
)

actor_e = entities.alias("actor_e")
target_e = entities.alias("target_e")


def entity_ids(conn: Connection, value: str) -> list[int]:
    """Entities `value` names: a numeric id (as the dashboard links them), else
    `named_entity_ids`."""
    if value.isascii() and value.isdigit():
        # An id beyond the store's integers names nothing (and must not reach SQL).
        return [int(value)] if int(value) <= MAX_ID else []
    return named_entity_ids(conn, value)


def named_entity_ids(conn: Connection, name: str) -> list[int]:
    """Entities a user may mean by `name`: exact name, id or surface form (any case), else
    names containing it ("face" finds Facebook)."""
    q = name.strip().lower()
    exact = set(
        conn.scalars(
            select(entities.c.id).where(
                or_(func.lower(entities.c.name) == q, func.lower(entities.c.key) == q)
            )
        )
    )
    exact.update(
        conn.scalars(
            select(entity_names.c.entity_id).where(func.lower(entity_names.c.surface) == q)
        )
    )
    if exact:
        return sorted(exact)
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return sorted(
        conn.scalars(
            select(entities.c.id).where(func.lower(entities.c.name).like(like, escape="\\"))
        )
    )


def dispute_case_ids(key: str) -> Select[Any]:
    """The cases of the dispute `key` names, by its id or an id it had before (a dispute
    followed by a watchlist stays followed when an earlier step renames it)."""
    moved = select(dispute_aliases.c.dispute_key).where(dispute_aliases.c.alias == key)
    named = select(disputes.c.id).where(or_(disputes.c.key == key, disputes.c.key.in_(moved)))
    return select(dispute_cases.c.case_id).where(dispute_cases.c.dispute_id.in_(named))


def entity_ref(id_: int | None, name: str | None, key: str | None = None) -> dict[str, Any] | None:
    if id_ is None:
        return None
    out: dict[str, Any] = {"id": id_, "name": name}
    if key is not None:
        out["key"] = key
    return out


def iso(value: Any) -> Any:
    """Dates as ISO strings; everything else as it is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def number(value: float | None) -> float | int | None:
    """21000000.0 as 21000000, as the extraction output writes amounts."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def amounts(r: Any) -> dict[str, Any]:
    """The amount fields of a case, a dispute step or an event row, as every answer gives
    them: the amount, its range when only bounds are known, its currency, EUR and USD."""
    rng = None
    if r.amount_low is not None or r.amount_high is not None:
        rng = [number(r.amount_low), number(r.amount_high)]
    return {
        "amount": number(r.amount),
        "amount_range": rng,
        "currency": r.currency,
        "amount_eur": number(r.amount_eur),
        "amount_usd": number(r.amount_usd),
    }
