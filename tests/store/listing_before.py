"""The command line's reads as they were before they went through `query/cases.py` and
`query/events.py`: a frozen copy of the old `clampdown.query.listing`, kept as the reference
`test_cli_reads_as_before.py` compares `clampdown events`, `cases` and `case` with.

Only the docstring and the date parsing of the old command (`_date`, `_until`) differ from
the module as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from clampdown.query.names import DEFAULT_LIMIT, CaseSort, EventSort
from clampdown.store.schema import cases, documents, entities, entity_names, events, stories


@dataclass(frozen=True, slots=True)
class Filters:
    """What `clampdown events` and `clampdown cases` can be narrowed by."""

    types: tuple[str, ...] = ()
    actor: str | None = None
    target: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None
    min_sources: int | None = None
    conflicts: bool = False  # cases only: those where sources disagree


def entity_ids(conn: Connection, name: str) -> list[int]:
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


def _common(
    conn: Connection, q: Select[Any], table: Any, f: Filters
) -> Select[Any] | None:
    """Apply the filters both listings share; None when a name matches no entity."""
    if f.types:
        q = q.where(table.c.type.in_([t.upper() for t in f.types]))
    for name, col in ((f.actor, table.c.actor_id), (f.target, table.c.target_id)):
        if name:
            ids = entity_ids(conn, name)
            if not ids:
                return None
            q = q.where(col.in_(ids))
    if f.country:
        q = q.where(table.c.country == f.country.upper())
    if f.since:
        q = q.where(table.c.date_hi >= f.since)
    if f.until:
        q = q.where(table.c.date_lo <= f.until)
    if f.status:
        q = q.where(table.c.status == f.status)
    return q


def _order(conn: Connection, col: ColumnElement[Any], desc: bool) -> ColumnElement[Any]:
    # SQLite sorts NULL first ascending and last descending; PostgreSQL the other way.
    # Undated or unconverted rows go last either way.
    if desc:
        return col.desc() if conn.dialect.name == "sqlite" else col.desc().nulls_last()
    return col.asc().nulls_last()


def list_events(
    conn: Connection,
    f: Filters,
    *,
    sort: EventSort = "date",
    desc: bool = True,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of events matching `f`, each with its case and document.

    Two steps: the page's event ids are chosen first, touching only the events table (and
    cases when a filter or the sort needs them), then the page's rows are read with their
    documents; so a sort over many matching rows carries no joined columns along.
    """
    needs_case = bool(f.min_sources) or sort == "sources"
    page = select(events.c.id)
    if needs_case:
        page = page.select_from(events.join(cases, cases.c.id == events.c.case_id))
    filtered = _common(conn, page, events, f)
    if filtered is None:
        return []
    page = filtered
    if f.min_sources:
        page = page.where(cases.c.n_sources >= f.min_sources)
    keys = {
        "date": events.c.date_lo, "amount": events.c.amount_eur, "type": events.c.type,
        "sources": cases.c.n_sources, "id": events.c.id,
    }
    page = page.order_by(_order(conn, keys[sort], desc), _order(conn, events.c.id, desc))
    ids = list(conn.scalars(page.limit(limit).offset(offset)))
    if not ids:
        return []
    q = select(
        events.c.id, events.c.case_id, documents.c.ext_id.label("doc"), events.c.type,
        events.c.actor, events.c.target, events.c.country, events.c.status, events.c.date,
        events.c.amount, events.c.amount_low, events.c.amount_high, events.c.currency,
        events.c.amount_eur, events.c.amount_usd, cases.c.n_sources.label("sources"),
        events.c.evidence, events.c.span_start, events.c.span_end,
    ).select_from(
        events.join(cases, cases.c.id == events.c.case_id).join(
            documents, documents.c.id == events.c.doc_id
        )
    ).where(events.c.id.in_(ids))
    rows = {r.id: r for r in conn.execute(q)}
    return [_event_dict(rows[i]) for i in ids]


def _event_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "case": r.case_id,
        "doc": r.doc,
        "type": r.type,
        "actor": r.actor,
        "target": r.target,
        "country": r.country,
        "status": r.status,
        "date": r.date,
        **_money(r),
        "sources": r.sources,
        "evidence": r.evidence,
        "start": r.span_start,
        "end": r.span_end,
    }


def _money(r: Any) -> dict[str, Any]:
    return {
        "amount": _num(r.amount),
        "amount_range": [_num(r.amount_low), _num(r.amount_high)]
        if r.amount_low is not None
        else None,
        "currency": r.currency,
        "amount_eur": _round(r.amount_eur),
        "amount_usd": _round(r.amount_usd),
    }


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 2)


_actor = entities.alias("actor")
_target = entities.alias("target")
_origin = documents.alias("origin")


def _case_query() -> Select[Any]:
    return select(
        cases.c.id, cases.c.type, _actor.c.name.label("actor"), _target.c.name.label("target"),
        cases.c.country, cases.c.status, cases.c.date, cases.c.amount, cases.c.amount_low,
        cases.c.amount_high, cases.c.currency, cases.c.amount_eur, cases.c.amount_usd,
        cases.c.n_sources, cases.c.n_documents, cases.c.n_mentions, cases.c.origin_source,
        _origin.c.ext_id.label("origin_doc"), cases.c.conflicts, cases.c.conversion_flag,
    ).select_from(
        cases.outerjoin(_actor, _actor.c.id == cases.c.actor_id)
        .outerjoin(_target, _target.c.id == cases.c.target_id)
        .outerjoin(_origin, _origin.c.id == cases.c.origin_doc_id)
    )


def list_cases(
    conn: Connection,
    f: Filters,
    *,
    sort: CaseSort = "date",
    desc: bool = True,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of cases matching `f` (ids first, then their rows, as `list_events`)."""
    filtered = _common(conn, select(cases.c.id), cases, f)
    if filtered is None:
        return []
    page = filtered
    if f.min_sources:
        page = page.where(cases.c.n_sources >= f.min_sources)
    if f.conflicts:
        page = page.where(cases.c.has_conflict.is_(True))
    keys = {
        "date": cases.c.date_lo, "amount": cases.c.amount_eur, "type": cases.c.type,
        "sources": cases.c.n_sources, "mentions": cases.c.n_mentions, "id": cases.c.id,
    }
    page = page.order_by(_order(conn, keys[sort], desc), _order(conn, cases.c.id, desc))
    ids = list(conn.scalars(page.limit(limit).offset(offset)))
    if not ids:
        return []
    rows = {r.id: r for r in conn.execute(_case_query().where(cases.c.id.in_(ids)))}
    return [_case_dict(rows[i]) for i in ids]


def _case_dict(r: Any) -> dict[str, Any]:
    conflicts = json.loads(r.conflicts) if r.conflicts else []
    return {
        "id": r.id,
        "type": r.type,
        "actor": r.actor,
        "target": r.target,
        "country": r.country,
        "status": r.status,
        "date": r.date,
        **_money(r),
        "sources": r.n_sources,
        "documents": r.n_documents,
        "mentions": r.n_mentions,
        "origin": r.origin_source,
        "origin_doc": r.origin_doc,
        "conflicts": conflicts,
        "conversion_flag": bool(r.conversion_flag),
    }


def get_case(conn: Connection, case_id: int) -> dict[str, Any] | None:
    """One case: its fields, conflicts, conversion checks and every source with its copies
    and evidence, the outlet that broke it first."""
    row = conn.execute(_case_query().where(cases.c.id == case_id)).first()
    if row is None:
        return None
    case = _case_dict(row)
    q = (
        select(
            events.c.id, events.c.type, events.c.actor, events.c.target, events.c.country,
            events.c.status, events.c.date, events.c.date_completed, events.c.amount,
            events.c.amount_low, events.c.amount_high, events.c.currency, events.c.amount_eur,
            events.c.amount_usd, events.c.rate_date, events.c.stated_amount,
            events.c.stated_currency, events.c.stated_expected, events.c.stated_deviation,
            events.c.stated_ok, events.c.evidence, events.c.span_start, events.c.span_end,
            documents.c.id.label("doc_id"), documents.c.ext_id, documents.c.title,
            documents.c.url, documents.c.published, documents.c.published_inferred,
            documents.c.date_basis, documents.c.outlet, documents.c.attributed,
            documents.c.republished, documents.c.cues, documents.c.story_id,
            stories.c.source.label("story_source"), stories.c.origin_doc_id,
        )
        .select_from(
            events.join(documents, documents.c.id == events.c.doc_id).join(
                stories, stories.c.id == documents.c.story_id
            )
        )
        .where(events.c.case_id == case_id)
    )
    mentions = conn.execute(q).all()
    groups: dict[str, dict[str, Any]] = {}
    checks = []
    for m in sorted(mentions, key=lambda m: (_day(m) is None, _day(m) or date.max, m.doc_id)):
        key = f"outlet:{m.story_source}" if m.story_source else f"story:{m.story_id}"
        group = groups.setdefault(
            key, {"source": m.story_source or f"story {m.story_id}", "documents": []}
        )
        group["documents"].append(
            {
                "doc": m.ext_id,
                "title": m.title,
                "url": m.url,
                "published": _iso(m.published),
                "published_inferred": _iso(m.published_inferred),
                "date_basis": m.date_basis,
                "outlet": m.outlet,
                "attributed_to": m.attributed,
                "role": "original" if m.doc_id == m.origin_doc_id else "copy",
                "republished": bool(m.republished),
                "cues": json.loads(m.cues) if m.cues else [],
                "event": {
                    "id": m.id,
                    "actor": m.actor,
                    "target": m.target,
                    "status": m.status,
                    "date": m.date,
                    "date_completed": bool(m.date_completed),
                    **_money(m),
                    "evidence": m.evidence,
                    "start": m.span_start,
                    "end": m.span_end,
                },
            }
        )
        if m.stated_amount is not None:
            checks.append(
                {
                    "doc": m.ext_id,
                    "amount": _num(m.amount),
                    "currency": m.currency,
                    "stated": _num(m.stated_amount),
                    "stated_currency": m.stated_currency,
                    "expected": _round(m.stated_expected),
                    "deviation": None
                    if m.stated_deviation is None
                    else round(float(m.stated_deviation), 4),
                    "ok": m.stated_ok,
                    "rate_date": _iso(m.rate_date),
                }
            )
    case["sources_detail"] = list(groups.values())
    case["conversion_checks"] = checks
    return case


def _day(m: Any) -> date | None:
    day: date | None = m.published or m.published_inferred
    return day


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_date(value: str | None) -> date | None:
    """`--since` as the old command read it: YYYY, YYYY-MM or YYYY-MM-DD, its first day."""
    if value is None:
        return None
    if len(value) == 4:
        return date(int(value), 1, 1)
    if len(value) == 7:
        return date(int(value[:4]), int(value[5:7]), 1)
    return date.fromisoformat(value)


def parse_until(value: str | None) -> date | None:
    """`--until 2021` or `--until 2021-09` as the old command read it: the period's end."""
    d = parse_date(value)
    if d is None or value is None or len(value) == 10:
        return d
    if len(value) == 4:
        return date(d.year, 12, 31)
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)
