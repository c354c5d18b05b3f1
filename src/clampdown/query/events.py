"""Events: every report of an act, filtered like cases, with its document and case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.engine import Connection

from clampdown.query.cases import Page, act_conditions, capped_count, event_fields
from clampdown.query.common import actor_e, dispute_case_ids, iso, target_e
from clampdown.query.filters import CaseFilter
from clampdown.query.paging import PageRequest, Sort, decode_cursor, next_cursor, parse_sort
from clampdown.store.schema import cases, documents, entities, events

# The column of each sort key of `query/names.EVENT_SORTS` (a test holds them equal).
EVENT_SORT_COLUMNS = {
    "date": events.c.date_lo,
    "amount": events.c.amount_eur,
    "type": events.c.type,
    "sources": cases.c.n_sources,
    "id": events.c.id,
}
DEFAULT_EVENT_SORT = "-date"


def event_conditions(
    conn: Connection, f: CaseFilter, doc_id: int | None = None, case_id: int | None = None
) -> tuple[list[ColumnElement[bool]], bool]:
    """WHERE terms for `f` on events, and whether the cases table must be joined."""
    terms: list[ColumnElement[bool]] = []
    if doc_id is not None:
        terms.append(events.c.doc_id == doc_id)
    if case_id is not None:
        terms.append(events.c.case_id == case_id)
    terms += act_conditions(conn, f, events)
    if f.dispute:
        terms.append(events.c.case_id.in_(dispute_case_ids(f.dispute)))
    if f.q:
        named = select(entities.c.id).where(entities.c.name.icontains(f.q, autoescape=True))
        terms.append(
            or_(
                events.c.evidence.icontains(f.q, autoescape=True),
                events.c.actor_id.in_(named),
                events.c.target_id.in_(named),
            )
        )
    join_cases = False
    if f.min_sources:
        terms.append(cases.c.n_sources >= f.min_sources)
        join_cases = True
    if f.conflicts is not None:
        terms.append(cases.c.has_conflict.is_(f.conflicts))
        join_cases = True
    return terms, join_cases


def _event_select(join_cases: bool) -> Any:
    src = (
        events.join(documents, documents.c.id == events.c.doc_id)
        .outerjoin(actor_e, actor_e.c.id == events.c.actor_id)
        .outerjoin(target_e, target_e.c.id == events.c.target_id)
    )
    if join_cases:
        src = src.join(cases, cases.c.id == events.c.case_id)
    q = select(
        events,
        actor_e.c.name.label("actor_name"),
        target_e.c.name.label("target_name"),
        documents.c.title,
        documents.c.url,
        documents.c.published,
        documents.c.published_inferred,
        documents.c.ext_id,
    ).select_from(src)
    return q.add_columns(cases.c.n_sources) if join_cases else q


def event_row(e: Any) -> dict[str, Any]:
    out = event_fields(e)
    out["document"] = {
        "id": e.doc_id,
        "ext_id": e.ext_id,
        "title": e.title,
        "url": e.url,
        "published": iso(e.published or e.published_inferred),
    }
    return out


def list_events(
    conn: Connection, f: CaseFilter, page: PageRequest, *, doc_id: int | None = None,
    case_id: int | None = None,
) -> Page:
    """One page of events matching `f` (of one document or case where `doc_id` or
    `case_id` says so); raises FilterError for a bad sort or cursor."""
    order = parse_sort(page.sort, EVENT_SORT_COLUMNS, events.c.id, DEFAULT_EVENT_SORT)
    terms, join_cases = event_conditions(conn, f, doc_id, case_id)
    rows = _rows(conn, terms, join_cases, order, page.limit + 1, cursor=page.cursor)
    items = [event_row(r) for r in rows[:page.limit]]
    src = events.join(cases, cases.c.id == events.c.case_id) if join_cases else events
    total, exact = capped_count(conn, src, terms, page.count_cap)
    return Page(items, next_cursor(order, rows, page.limit), total, order.token, page.limit,
                exact)


def event_rows(
    conn: Connection, f: CaseFilter, *, sort: str | None, limit: int, offset: int = 0
) -> list[Any]:
    """The rows of the events matching `f` in the order `sort` names, `offset` of them
    skipped: each with the columns of `events`, its document's (`title`, `url`,
    `published`, `published_inferred`, `ext_id`) and its entities' names (`actor_name`,
    `target_name`). Raises FilterError for a bad sort."""
    order = parse_sort(sort, EVENT_SORT_COLUMNS, events.c.id, DEFAULT_EVENT_SORT)
    terms, join_cases = event_conditions(conn, f)
    return _rows(conn, terms, join_cases, order, limit, offset=offset)


def _rows(
    conn: Connection, terms: list[ColumnElement[bool]], join_cases: bool, order: Sort,
    limit: int, *, cursor: str | None = None, offset: int = 0,
) -> list[Any]:
    join_cases = join_cases or order.column.table is cases
    q = _event_select(join_cases).where(*terms)
    if cursor:
        q = q.where(order.after(decode_cursor(cursor, order)))
    q = q.order_by(*order.order_by()).limit(limit)
    return list(conn.execute(q.offset(offset) if offset else q).all())


def iter_events(conn: Connection, f: CaseFilter, max_rows: int) -> Any:
    """Every event matching `f`, newest first, at most `max_rows` (exports)."""
    order = parse_sort(DEFAULT_EVENT_SORT, EVENT_SORT_COLUMNS, events.c.id, DEFAULT_EVENT_SORT)
    terms, join_cases = event_conditions(conn, f)
    q = _event_select(join_cases).where(*terms).order_by(*order.order_by()).limit(max_rows)
    for r in conn.execute(q):
        yield event_row(r)
