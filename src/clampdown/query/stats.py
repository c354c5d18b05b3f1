"""Aggregates for the overview and `/api/stats`: acts per month, type and country, and fines.

Counts are of cases (acts), not of reports: forty copies of one wire story are one block.
Fine totals add only fines that were imposed (status done) and whose amount converts at the
reference rate of the act's date; how many could not be converted is reported beside them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, select
from sqlalchemy.engine import Connection

from clampdown.model import RESPONSE_TYPES
from clampdown.query.cases import case_conditions
from clampdown.query.common import actor_e, number, target_e
from clampdown.query.filters import CaseFilter
from clampdown.store.schema import cases, documents, events

TOP = 20


def month_of(col: Any) -> Any:
    """YYYY-MM of a date column, the same on SQLite and PostgreSQL."""
    return func.substr(cast(col, String), 1, 7)


def stats(conn: Connection, f: CaseFilter, top: int = TOP) -> dict[str, Any]:
    terms = case_conditions(conn, f)
    month = month_of(cases.c.date_lo)
    by_month = [
        {"month": m, "type": t, "cases": n}
        for m, t, n in conn.execute(
            select(month, cases.c.type, func.count())
            .where(*terms, cases.c.date.is_not(None))
            .group_by(month, cases.c.type)
            .order_by(month, cases.c.type)
        )
    ]
    by_type = {
        t: n
        for t, n in conn.execute(
            select(cases.c.type, func.count()).where(*terms).group_by(cases.c.type)
        )
    }
    by_country = [
        {"country": c, "cases": n}
        for c, n in conn.execute(
            select(cases.c.country, func.count())
            .where(*terms)
            .group_by(cases.c.country)
            .order_by(func.count().desc(), cases.c.country)
        )
    ]
    n_cases = sum(by_type.values())
    return {
        "filter": f.to_dict(),
        "totals": {
            "cases": n_cases,
            "events": conn.scalar(select(func.count()).select_from(events)) or 0,
            "documents": conn.scalar(select(func.count()).select_from(documents)) or 0,
            "undated_cases": n_cases - sum(r["cases"] for r in by_month),
        },
        "by_month": by_month,
        "by_type": by_type,
        "by_country": by_country,
        "top_targets": _top(conn, terms, "target", top),
        "top_actors": _top(conn, terms, "actor", top),
        "fines": {
            "by_target": _fines(conn, f, terms, "target", top),
            "by_actor": _fines(conn, f, terms, "actor", top),
        },
    }


def _side(which: str) -> tuple[Any, Any]:
    return (cases.c.target_id, target_e) if which == "target" else (cases.c.actor_id, actor_e)


def _top(conn: Connection, terms: list[Any], which: str, top: int) -> list[dict[str, Any]]:
    """Who is pressured most, or presses most: platforms' responses are left out, so an
    authority is not "targeted" by a platform's compliance."""
    col, ent = _side(which)
    q = (
        select(col, ent.c.name, ent.c.role, func.count().label("n"))
        .select_from(cases.join(ent, ent.c.id == col))
        .where(*terms, cases.c.type.not_in(sorted(RESPONSE_TYPES)))
        .group_by(col, ent.c.name, ent.c.role)
        .order_by(func.count().desc(), ent.c.name)
        .limit(top)
    )
    return [{"id": i, "name": name, "role": role, "cases": n} for i, name, role, n in
            conn.execute(q)]


def _fines(
    conn: Connection, f: CaseFilter, terms: list[Any], which: str, top: int
) -> list[dict[str, Any]]:
    col, ent = _side(which)
    status = [] if f.status else [cases.c.status == "done"]
    eur = func.sum(cases.c.amount_eur)
    q = (
        select(
            col,
            ent.c.name,
            ent.c.role,
            func.count().label("n"),
            eur.label("eur"),
            func.sum(cases.c.amount_usd).label("usd"),
            func.sum(
                case((cases.c.amount_eur.is_(None) & cases.c.amount.is_not(None), 1), else_=0)
            ).label("unconverted"),
        )
        .select_from(cases.join(ent, ent.c.id == col))
        .where(*terms, *status, cases.c.type == "FINE")
        .group_by(col, ent.c.name, ent.c.role)
        .order_by(func.coalesce(eur, 0).desc(), ent.c.name)
        .limit(top)
    )
    return [
        {
            "id": r[0],
            "name": r.name,
            "role": r.role,
            "fines": r.n,
            "eur": number(r.eur) or 0,
            "usd": number(r.usd) or 0,
            "unconverted": int(r.unconverted or 0),
        }
        for r in conn.execute(q)
    ]
