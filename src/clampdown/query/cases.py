"""Cases: the filtered, sorted, paged list, and everything known about one case.

A case is one act as all its reports describe it; its page shows the reconciled fields,
the fields sources disagree on, the check of the article's own currency conversion, and
every report with its evidence sentence and whether its document is the origin of a story
or a republished copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Table, false, func, literal, or_, select
from sqlalchemy.engine import Connection

from clampdown.link.money import reference_source, unconverted_reason
from clampdown.query.common import (
    actor_e,
    amounts,
    dispute_case_ids,
    entity_ids,
    entity_ref,
    iso,
    loads,
    number,
    target_e,
)
from clampdown.query.filters import CaseFilter
from clampdown.query.paging import PageRequest, Sort, decode_cursor, next_cursor, parse_sort
from clampdown.query.paragraphs import highlight
from clampdown.store.schema import cases, documents, entities, events, stories

# The column of each sort key of `query/names.CASE_SORTS` (a test holds them equal).
CASE_SORT_COLUMNS = {
    "date": cases.c.date_lo,
    "sources": cases.c.n_sources,
    "amount": cases.c.amount_eur,
    "mentions": cases.c.n_mentions,
    "type": cases.c.type,
    "id": cases.c.id,
}
DEFAULT_CASE_SORT = "-date"


@dataclass(slots=True)
class Page:
    """One page of a listing and how to get the next."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    total: int | None
    sort: str
    limit: int
    total_is_exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "next_cursor": self.next_cursor,
            "total": self.total,
            "total_is_exact": self.total_is_exact,
            "sort": self.sort,
            "limit": self.limit,
        }


def capped_count(conn: Connection, src: Any, terms: list[Any], cap: int | None) -> tuple[int, bool]:
    """How many rows of `src` match `terms`, counting at most `cap` (then not exact): an
    exact count of a broad filter would cost more than the page it comes with."""
    inner = select(literal(1)).select_from(src).where(*terms)
    if cap is not None:
        inner = inner.limit(cap + 1)
    n = conn.scalar(select(func.count()).select_from(inner.subquery())) or 0
    if cap is not None and n > cap:
        return cap, False
    return n, True


def act_conditions(conn: Connection, f: CaseFilter, table: Table) -> list[ColumnElement[bool]]:
    """WHERE terms for the filters that cases and events answer alike, from their own
    columns (type, parties, country, status, dates): one spelling for both tables."""
    c = table.c
    terms: list[ColumnElement[bool]] = []
    if f.type:
        terms.append(c.type.in_(f.type))
    for value, cols in (
        (f.actor, (c.actor_id,)),
        (f.target, (c.target_id,)),
        (f.entity, (c.actor_id, c.target_id)),
    ):
        if value is None:
            continue
        ids = entity_ids(conn, value)
        terms.append(or_(*(col.in_(ids) for col in cols)) if ids else false())
    if f.country:
        terms.append(c.country.in_(f.country))
    if f.status:
        terms.append(c.status == f.status)
    if f.since:
        terms.append(c.date_hi >= f.since_date())
    if f.until:
        terms.append(c.date_lo <= f.until_date())
    return terms


def case_conditions(conn: Connection, f: CaseFilter) -> list[ColumnElement[bool]]:
    """WHERE terms for `f` on the cases table (a false term when a name matches nothing)."""
    terms = act_conditions(conn, f, cases)
    if f.min_sources:
        terms.append(cases.c.n_sources >= f.min_sources)
    if f.conflicts is not None:
        terms.append(cases.c.has_conflict.is_(f.conflicts))
    if f.dispute:
        terms.append(cases.c.id.in_(dispute_case_ids(f.dispute)))
    if f.q:
        named = select(entities.c.id).where(entities.c.name.icontains(f.q, autoescape=True))
        said = select(events.c.case_id).where(events.c.evidence.icontains(f.q, autoescape=True))
        terms.append(
            or_(cases.c.actor_id.in_(named), cases.c.target_id.in_(named), cases.c.id.in_(said))
        )
    return terms


def _origin_evidence() -> Any:
    """The evidence of a case's report in its origin document (else its first), for lists."""
    in_origin = (
        select(events.c.evidence)
        .where(events.c.case_id == cases.c.id, events.c.doc_id == cases.c.origin_doc_id)
        .order_by(events.c.seq)
        .limit(1)
        .scalar_subquery()
    )
    first = (
        select(events.c.evidence)
        .where(events.c.case_id == cases.c.id)
        .order_by(events.c.id)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(in_origin, first)


def _case_select() -> Any:
    return select(
        cases,
        actor_e.c.name.label("actor_name"),
        target_e.c.name.label("target_name"),
    ).select_from(
        cases.outerjoin(actor_e, actor_e.c.id == cases.c.actor_id).outerjoin(
            target_e, target_e.c.id == cases.c.target_id
        )
    )


def case_row(r: Any) -> dict[str, Any]:
    """The JSON shape of a case in lists, feeds, webhooks and exports."""
    return {
        "id": r.id,
        "type": r.type,
        "status": r.status,
        "date": r.date,
        "date_lo": iso(r.date_lo),
        "date_hi": iso(r.date_hi),
        "country": r.country,
        "actor": entity_ref(r.actor_id, r.actor_name),
        "target": entity_ref(r.target_id, r.target_name),
        **amounts(r),
        **money_notes(r.amount, r.currency, r.amount_eur, r.date_lo),
        "n_sources": r.n_sources,
        "n_documents": r.n_documents,
        "n_mentions": r.n_mentions,
        "has_conflict": bool(r.has_conflict),
        "conversion_flag": bool(r.conversion_flag),
        "origin_doc_id": r.origin_doc_id,
        "origin_source": r.origin_source,
    }


def list_cases(
    conn: Connection, f: CaseFilter, page: PageRequest, *, with_total: bool = True,
    with_evidence: bool = True,
) -> Page:
    """One page of cases matching `f`; raises FilterError for a bad sort or cursor."""
    order = parse_sort(page.sort, CASE_SORT_COLUMNS, cases.c.id, DEFAULT_CASE_SORT)
    terms = case_conditions(conn, f)
    rows = _rows(conn, terms, order, page.limit + 1, cursor=page.cursor,
                 with_evidence=with_evidence)
    items = []
    for r in rows[:page.limit]:
        item = case_row(r)
        if with_evidence:
            item["evidence"] = r.evidence
        items.append(item)
    total, exact = capped_count(conn, cases, terms, page.count_cap) if with_total else (None, True)
    return Page(items, next_cursor(order, rows, page.limit), total, order.token, page.limit,
                exact)


def case_rows(
    conn: Connection, f: CaseFilter, *, sort: str | None, limit: int, offset: int = 0
) -> list[Any]:
    """The rows of the cases matching `f` in the order `sort` names, `offset` of them
    skipped: each with the columns of `cases` and its entities' names (`actor_name`,
    `target_name`). Raises FilterError for a bad sort."""
    order = parse_sort(sort, CASE_SORT_COLUMNS, cases.c.id, DEFAULT_CASE_SORT)
    return _rows(conn, case_conditions(conn, f), order, limit, offset=offset)


def _rows(
    conn: Connection, terms: list[ColumnElement[bool]], order: Sort, limit: int, *,
    cursor: str | None = None, offset: int = 0, with_evidence: bool = False,
) -> list[Any]:
    q = _case_select()
    if with_evidence:
        q = q.add_columns(_origin_evidence().label("evidence"))
    q = q.where(*terms)
    if cursor:
        q = q.where(order.after(decode_cursor(cursor, order)))
    q = q.order_by(*order.order_by()).limit(limit)
    return list(conn.execute(q.offset(offset) if offset else q).all())


def case_record(conn: Connection, case_id: int) -> Any:
    """The row of one case (as `case_rows` gives them), or None."""
    return conn.execute(_case_select().where(cases.c.id == case_id)).first()


def page_rows(conn: Connection, ids: list[int]) -> list[tuple[Any, str | None]]:
    """(row, evidence) of the cases `ids`, in that order: two indexed queries, not two
    subqueries per case."""
    if not ids:
        return []
    by_id = {r.id: r for r in conn.execute(_case_select().where(cases.c.id.in_(ids)))}
    best: dict[int, tuple[tuple[int, int], str]] = {}
    q = select(events.c.case_id, events.c.doc_id, events.c.seq, events.c.id,
               events.c.evidence).where(events.c.case_id.in_(ids))
    for case_id, doc_id, seq, event_id, evidence in conn.execute(q):
        origin = by_id[case_id].origin_doc_id if case_id in by_id else None
        rank = (0, seq) if doc_id == origin else (1, event_id)
        if case_id not in best or rank < best[case_id][0]:
            best[case_id] = (rank, evidence)
    return [(by_id[i], best.get(i, (None, None))[1]) for i in ids if i in by_id]


def iter_cases(conn: Connection, f: CaseFilter, max_rows: int) -> Any:
    """Every case matching `f`, newest first, at most `max_rows` (exports)."""
    order = parse_sort(DEFAULT_CASE_SORT, CASE_SORT_COLUMNS, cases.c.id, DEFAULT_CASE_SORT)
    q = (
        _case_select()
        .add_columns(_origin_evidence().label("evidence"))
        .where(*case_conditions(conn, f))
        .order_by(*order.order_by())
        .limit(max_rows)
    )
    for r in conn.execute(q):
        item = case_row(r)
        item["evidence"] = r.evidence
        yield item


def max_case_id(conn: Connection) -> int:
    return conn.scalar(select(func.max(cases.c.id))) or 0


def cases_after(conn: Connection, f: CaseFilter, after_id: int, limit: int) -> list[dict[str, Any]]:
    """Cases matching `f` numbered above `after_id`, oldest first (watchlists)."""
    q = (
        _case_select()
        .add_columns(_origin_evidence().label("evidence"))
        .where(cases.c.id > after_id, *case_conditions(conn, f))
        .order_by(cases.c.id)
        .limit(limit)
    )
    out = []
    for r in conn.execute(q):
        item = case_row(r)
        item["evidence"] = r.evidence
        out.append(item)
    return out


def get_case(conn: Connection, case_id: int) -> dict[str, Any] | None:
    """A case with its conflicts, conversion checks and every report, or None."""
    r = case_record(conn, case_id)
    if r is None:
        return None
    case = case_row(r)
    reports = _reports(conn, case_id, r.origin_doc_id)
    case["conflicts"] = _conflicts(loads(r.conflicts, []), reports)
    case["reports"] = reports
    case["conversions"] = [
        {"event_id": m["event_id"], "doc_id": m["document"]["id"],
         "ext_id": m["document"]["ext_id"], **m["conversion"]}
        for m in reports
        if m["conversion"] is not None
    ]
    return case


def _conflicts(
    conflicts: list[dict[str, Any]], reports: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Conflicts with each value's documents as {"id", "ext_id"}, whichever of the two the
    store recorded, so pages can link them."""
    refs: dict[Any, dict[str, Any]] = {}
    for rep in reports:
        ref = {"id": rep["document"]["id"], "ext_id": rep["document"]["ext_id"]}
        refs[ref["id"]] = refs[ref["ext_id"]] = ref
    for c in conflicts:
        for v in c.get("values", []):
            v["documents"] = [refs.get(d, {"id": None, "ext_id": str(d)})
                              for d in v.get("documents", [])]
    return conflicts


def report_rows(conn: Connection, case_id: int) -> list[Any]:
    """The rows of every report of a case, earliest document first: each with the columns
    of `events`, its document's, its story's (`story_origin`, `story_source`,
    `story_size`) and its entities' names (`actor_name`, `target_name`)."""
    q = (
        select(
            events,
            documents.c.title, documents.c.url, documents.c.published,
            documents.c.published_inferred, documents.c.outlet, documents.c.attributed,
            documents.c.republished, documents.c.story_id, documents.c.text,
            documents.c.ext_id, documents.c.date_basis, documents.c.cues,
            stories.c.origin_doc_id.label("story_origin"), stories.c.source.label("story_source"),
            stories.c.n_documents.label("story_size"),
            actor_e.c.name.label("actor_name"), target_e.c.name.label("target_name"),
        )
        .select_from(
            events.join(documents, documents.c.id == events.c.doc_id)
            .join(stories, stories.c.id == documents.c.story_id)
            .outerjoin(actor_e, actor_e.c.id == events.c.actor_id)
            .outerjoin(target_e, target_e.c.id == events.c.target_id)
        )
        .where(events.c.case_id == case_id)
        .order_by(
            func.coalesce(documents.c.published, documents.c.published_inferred).is_(None),
            func.coalesce(documents.c.published, documents.c.published_inferred),
            events.c.doc_id,
            events.c.seq,
        )
    )
    return list(conn.execute(q).all())


def _reports(conn: Connection, case_id: int, origin_doc_id: int | None) -> list[dict[str, Any]]:
    out = []
    for e in report_rows(conn, case_id):
        out.append(
            {
                **event_fields(e),
                "document": {
                    "id": e.doc_id,
                    "ext_id": e.ext_id,
                    "title": e.title,
                    "url": e.url,
                    "published": iso(e.published or e.published_inferred),
                    "published_inferred": e.published is None and e.published_inferred is not None,
                    "outlet": e.outlet,
                    "attributed": e.attributed,
                    "story_id": e.story_id,
                    "story_source": e.story_source,
                    "story_size": e.story_size,
                    "is_origin": e.story_origin == e.doc_id,
                    "republished": bool(e.republished) or e.story_origin != e.doc_id,
                    "is_case_origin": e.doc_id == origin_doc_id,
                },
                "paragraph": highlight(e.text, e.span_start, e.span_end),
            }
        )
    return out


def money_notes(
    amount: float | None, currency: str | None, eur: float | None, day: date | str | None
) -> dict[str, str | None]:
    """Whose rates gave the EUR and USD figures ("ECB", "Bank of Russia"), or why there are
    none, so a reader never takes a missing value for zero."""
    if amount is None:
        return {"rate_source": None, "unconverted": None}
    if eur is not None:
        on = date.fromisoformat(day) if isinstance(day, str) else day
        return {"rate_source": reference_source(currency, on), "unconverted": None}
    return {"rate_source": None, "unconverted": unconverted_reason(amount, currency)}


def event_fields(e: Any) -> dict[str, Any]:
    """The JSON shape of one stored event (one report of an act)."""
    conversion = None
    if e.stated_amount is not None:
        conversion = {
            "stated_amount": number(e.stated_amount),
            "stated_currency": e.stated_currency,
            "expected": number(e.stated_expected),
            "deviation": None if e.stated_deviation is None else round(e.stated_deviation, 4),
            "ok": e.stated_ok,
            "rate_date": iso(e.rate_date),
        }
    return {
        "event_id": e.id,
        "case_id": e.case_id,
        "doc_id": e.doc_id,
        "type": e.type,
        "status": e.status,
        "actor": entity_ref(e.actor_id, e.actor_name) or _plain(e.actor),
        "target": entity_ref(e.target_id, e.target_name) or _plain(e.target),
        "country": e.country,
        "date": e.date,
        **amounts(e),
        **money_notes(e.amount, e.currency, e.amount_eur, e.rate_date),
        "evidence": e.evidence,
        "start": e.span_start,
        "end": e.span_end,
        "conversion": conversion,
    }


def _plain(name: str | None) -> dict[str, Any] | None:
    return {"id": None, "name": name} if name else None
