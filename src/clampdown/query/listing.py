"""The command line's rows: `clampdown events`, `cases` and `case` in their flat shape.

The rows are read through `query/events.py` and `query/cases.py`, with the filters, sort
keys and ordering the API, the dashboard and exports use (`CaseFilter`, `query/names.py`);
only the shape differs: names as plain strings, money rounded as the command line prints
it, and a case's reports grouped by the outlet that published them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from clampdown.link.money import reference_source
from clampdown.query.cases import case_record, case_rows, report_rows
from clampdown.query.events import event_rows
from clampdown.query.filters import CaseFilter
from clampdown.query.names import DEFAULT_LIMIT, CaseSort, EventSort
from clampdown.store.schema import cases, documents


def _token(sort: str, desc: bool) -> str:
    return ("-" if desc else "") + sort


def list_events(
    conn: Connection,
    f: CaseFilter,
    *,
    sort: EventSort = "date",
    desc: bool = True,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of events matching `f`, each with its case and document."""
    rows = event_rows(conn, f, sort=_token(sort, desc), limit=limit, offset=offset)
    sources = _by_id(conn, cases.c.id, cases.c.n_sources, {r.case_id for r in rows})
    return [_event_dict(r, sources[r.case_id]) for r in rows]


def _by_id(conn: Connection, key: Any, value: Any, ids: Iterable[int | None]) -> dict[Any, Any]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {k: v for k, v in conn.execute(select(key, value).where(key.in_(wanted)))}


def _event_dict(r: Any, sources: int) -> dict[str, Any]:
    return {
        "id": r.id,
        "case": r.case_id,
        "doc": r.ext_id,
        "type": r.type,
        "actor": r.actor,
        "target": r.target,
        "country": r.country,
        "status": r.status,
        "date": r.date,
        **_money(r),
        "sources": sources,
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


def list_cases(
    conn: Connection,
    f: CaseFilter,
    *,
    sort: CaseSort = "date",
    desc: bool = True,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of cases matching `f`."""
    rows = case_rows(conn, f, sort=_token(sort, desc), limit=limit, offset=offset)
    origins = _by_id(conn, documents.c.id, documents.c.ext_id, (r.origin_doc_id for r in rows))
    return [_case_dict(r, origins.get(r.origin_doc_id)) for r in rows]


def _case_dict(r: Any, origin_doc: str | None) -> dict[str, Any]:
    conflicts = json.loads(r.conflicts) if r.conflicts else []
    return {
        "id": r.id,
        "type": r.type,
        "actor": r.actor_name,
        "target": r.target_name,
        "country": r.country,
        "status": r.status,
        "date": r.date,
        **_money(r),
        "sources": r.n_sources,
        "documents": r.n_documents,
        "mentions": r.n_mentions,
        "origin": r.origin_source,
        "origin_doc": origin_doc,
        "conflicts": conflicts,
        "conversion_flag": bool(r.conversion_flag),
    }


def get_case(conn: Connection, case_id: int) -> dict[str, Any] | None:
    """One case: its fields, conflicts, conversion checks and every source with its copies
    and evidence, the outlet that broke it first."""
    row = case_record(conn, case_id)
    if row is None:
        return None
    origins = _by_id(conn, documents.c.id, documents.c.ext_id, [row.origin_doc_id])
    case = _case_dict(row, origins.get(row.origin_doc_id))
    groups: dict[str, dict[str, Any]] = {}
    checks = []
    for m in report_rows(conn, case_id):  # earliest document first, undated last
        key = f"outlet:{m.story_source}" if m.story_source else f"story:{m.story_id}"
        group = groups.setdefault(
            key, {"source": m.story_source or f"story {m.story_id}", "documents": []}
        )
        group["documents"].append(_source_document(m))
        if m.stated_amount is not None:
            checks.append(_conversion_check(m))
    case["sources_detail"] = list(groups.values())
    case["conversion_checks"] = checks
    return case


def _source_document(m: Any) -> dict[str, Any]:
    return {
        "doc": m.ext_id,
        "title": m.title,
        "url": m.url,
        "published": _iso(m.published),
        "published_inferred": _iso(m.published_inferred),
        "date_basis": m.date_basis,
        "outlet": m.outlet,
        "attributed_to": m.attributed,
        "role": "original" if m.doc_id == m.story_origin else "copy",
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


def _conversion_check(m: Any) -> dict[str, Any]:
    return {
        "doc": m.ext_id,
        "amount": _num(m.amount),
        "currency": m.currency,
        "stated": _num(m.stated_amount),
        "stated_currency": m.stated_currency,
        "expected": _round(m.stated_expected),
        "deviation": None if m.stated_deviation is None else round(float(m.stated_deviation), 4),
        "ok": m.stated_ok,
        "rate_date": _iso(m.rate_date),
        "rate_source": None if m.stated_expected is None
        else reference_source(m.stated_currency if m.currency == "RUB" else m.currency,
                              m.rate_date),
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
