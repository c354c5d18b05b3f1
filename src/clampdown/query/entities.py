"""Entities: platforms, authorities, officials and states, with what the record says of each.

An entity's page answers "what has been done to this platform" or "what has this authority
done": its cases on a timeline, counts by type, and fine totals in euros and dollars.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from clampdown.query.cases import list_cases
from clampdown.query.common import number
from clampdown.query.disputes import entity_disputes
from clampdown.query.filters import CaseFilter, FilterError
from clampdown.query.paging import PageRequest
from clampdown.store.schema import cases, entities, entity_names

ROLES = ("authority", "platform", "country", "person")
ENTITY_SORTS = ("cases", "-cases", "name", "-name")


def _entity(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "key": r.key,
        "name": r.name,
        "role": r.role,
        "kind": r.kind,
        "country": r.country,
        "known": bool(r.known),
    }


def _case_counts() -> Any:
    """(entity id, cases as actor, cases as target) over the whole store."""
    sides = union_all(
        select(cases.c.actor_id.label("eid"), literal(1).label("a"), literal(0).label("t"))
        .where(cases.c.actor_id.is_not(None)),
        select(cases.c.target_id.label("eid"), literal(0).label("a"), literal(1).label("t"))
        .where(cases.c.target_id.is_not(None)),
    ).subquery()
    return (
        select(
            sides.c.eid,
            func.sum(sides.c.a).label("as_actor"),
            func.sum(sides.c.t).label("as_target"),
        )
        .group_by(sides.c.eid)
        .subquery()
    )


def list_entities(
    conn: Connection,
    *,
    role: str | None,
    country: str | None,
    q: str | None,
    sort: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """A page of entities with their case counts; entities in no case are left out."""
    if role is not None and role not in ROLES:
        raise FilterError("role", f"{role!r} is not a role; use one of {', '.join(ROLES)}")
    sort = sort or "-cases"
    if sort not in ENTITY_SORTS:
        raise FilterError("sort", f"{sort!r} is not a sort order; use one of "
                          + ", ".join(ENTITY_SORTS))
    counts = _case_counts()
    n_cases = (counts.c.as_actor + counts.c.as_target).label("n_cases")
    terms = []
    if role:
        terms.append(entities.c.role == role)
    if country:
        terms.append(entities.c.country == country.upper())
    if q:
        aka = select(entity_names.c.entity_id).where(
            entity_names.c.surface.icontains(q, autoescape=True)
        )
        terms.append(or_(entities.c.name.icontains(q, autoescape=True), entities.c.id.in_(aka)))
    base = select(entities, counts.c.as_actor, counts.c.as_target, n_cases).select_from(
        entities.join(counts, counts.c.eid == entities.c.id)
    ).where(*terms)
    order = {
        "cases": [n_cases.asc(), entities.c.id],
        "-cases": [n_cases.desc(), entities.c.id],
        "name": [entities.c.name.asc(), entities.c.id],
        "-name": [entities.c.name.desc(), entities.c.id],
    }[sort]
    rows = conn.execute(base.order_by(*order).limit(limit).offset(offset)).all()
    total = conn.scalar(select(func.count()).select_from(base.subquery()))
    items = []
    for r in rows:
        item = _entity(r)
        item.update(n_cases=r.n_cases, as_actor=r.as_actor, as_target=r.as_target)
        items.append(item)
    return {"items": items, "total": total, "limit": limit, "offset": offset, "sort": sort}


def get_entity(conn: Connection, entity_id: int, *, limit: int) -> dict[str, Any] | None:
    """An entity with its names, totals, monthly timeline and latest cases, or None."""
    r = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    if r is None:
        return None
    out = _entity(r)
    out["names"] = sorted(
        conn.scalars(select(entity_names.c.surface).where(entity_names.c.entity_id == entity_id))
    )
    either = or_(cases.c.actor_id == entity_id, cases.c.target_id == entity_id)
    side = case((cases.c.actor_id == entity_id, 1), else_=0)
    by_type: dict[str, dict[str, int]] = {}
    for t, as_actor, n in conn.execute(
        select(cases.c.type, side, func.count()).where(either).group_by(cases.c.type, side)
    ):
        by_type.setdefault(t, {"as_actor": 0, "as_target": 0})[
            "as_actor" if as_actor else "as_target"
        ] += n
    month = func.substr(cast(cases.c.date_lo, String), 1, 7)
    timeline = [
        {"month": m, "type": t, "cases": n}
        for m, t, n in conn.execute(
            select(month, cases.c.type, func.count())
            .where(either, cases.c.date.is_not(None))
            .group_by(month, cases.c.type)
            .order_by(month, cases.c.type)
        )
    ]
    fines = {}
    for label, col in (("as_target", cases.c.target_id), ("as_actor", cases.c.actor_id)):
        n, eur, usd, unconverted = conn.execute(
            select(
                func.count(),
                func.sum(cases.c.amount_eur),
                func.sum(cases.c.amount_usd),
                func.sum(
                    case((cases.c.amount_eur.is_(None) & cases.c.amount.is_not(None), 1), else_=0)
                ),
            ).where(col == entity_id, cases.c.type == "FINE", cases.c.status == "done")
        ).one()
        fines[label] = {
            "cases": n,
            "eur": number(eur) or 0,
            "usd": number(usd) or 0,
            "unconverted": int(unconverted or 0),
        }
    out["totals"] = {
        "cases": sum(v["as_actor"] + v["as_target"] for v in by_type.values()),
        "by_type": by_type,
        "fines": fines,
    }
    out["timeline"] = timeline
    out["cases"] = list_cases(conn, CaseFilter(entity=str(entity_id)), PageRequest(limit)).to_dict()
    out["disputes"] = entity_disputes(conn, entity_id, limit=limit)
    return out
