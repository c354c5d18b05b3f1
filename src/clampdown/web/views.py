"""The dashboard's pages: overview, cases, one case, disputes, one dispute, entities, one
entity, one document.

Each view runs the API's own queries (`clampdown.query`) on a read-only connection and hands
the result to a template; a bad filter comes back as the same form with the message beside
it (status 422), not as an error page.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.exceptions import HTTPException

from clampdown.query.cases import CASE_SORT_COLUMNS, DEFAULT_CASE_SORT, get_case
from clampdown.query.common import entity_ids
from clampdown.query.disputes import (
    DEFAULT_DISPUTE_SORT,
    DISPUTE_FILTER_FIELDS,
    DisputeFilter,
    get_dispute,
    list_disputes,
    parse_dispute_filter,
    resolve_key,
)
from clampdown.query.documents import get_document
from clampdown.query.entities import get_entity, list_entities
from clampdown.query.filters import FILTER_FIELDS, CaseFilter, FilterError, parse_filter
from clampdown.query.names import DISPUTE_SORTS
from clampdown.query.paging import MAX_ID, PageRequest, parse_sort
from clampdown.query.stats import stats
from clampdown.store.schema import cases, entities
from clampdown.web.charts import stacked_by_month
from clampdown.web.render import render
from clampdown.web.segments import document_segments
from clampdown.web.server import kept, state_of
from clampdown.web.timeline import dispute_timeline

router = APIRouter(include_in_schema=False)
SORT_LABELS = {
    "date": ("Newest first", "Oldest first"),
    "sources": ("Most sources first", "Fewest sources first"),
    "amount": ("Largest fine first", "Smallest fine first"),
    "mentions": ("Most reports first", "Fewest reports first"),
    "type": ("Type, Z to A", "Type, A to Z"),
    "id": ("Latest stored first", "First stored first"),
}
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
DisputeId = Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[a-z0-9][a-z0-9-]*$")]
DISPUTE_SORT_LABELS = {
    "last": ("Latest activity first", "Earliest activity first"),
    "first": ("Latest start first", "Earliest start first"),
    "steps": ("Most steps first", "Fewest steps first"),
    "fines": ("Largest fines first", "Smallest fines first"),
    "compliance": ("Longest held out first", "Quickest to comply first"),
    "id": ("Latest linked first", "First linked first"),
}


def _raw_filter(
    request: Request, fields: Iterable[str], lists: Container[str]
) -> dict[str, Any]:
    """The filter fields of the query string: those in `lists` as every value given, the
    others as the last."""
    qp = request.query_params
    raw: dict[str, Any] = {}
    for name in fields:
        values = [v for v in qp.getlist(name) if v.strip()]  # a form sends empty fields too
        if not values:
            continue
        raw[name] = values if name in lists else values[-1]
    return raw


@router.get("/", response_class=HTMLResponse)
@kept
def overview(request: Request) -> Response:
    with state_of(request).read().connect() as conn:
        s = stats(conn, CaseFilter(), top=10)
    authorities = [a for a in s["top_actors"] if a["role"] != "platform"][:10]
    platforms = [f for f in s["fines"]["by_target"] if f["role"] == "platform"][:10]
    return render(request, "overview.html", stats=s, chart=stacked_by_month(s["by_month"]),
                  authorities=authorities, fines=platforms, title="Overview")


@router.get("/cases", response_class=HTMLResponse)
@kept
def cases_page(request: Request) -> HTMLResponse:
    st = state_of(request)
    raw = _raw_filter(request, FILTER_FIELDS, ("type", "country"))
    qp = request.query_params
    sort = qp.get("sort") or DEFAULT_CASE_SORT
    cursor = qp.get("cursor") or None
    error: FilterError | None = None
    f = CaseFilter()
    page = None
    named: list[tuple[str, str]] = []
    try:
        f = parse_filter(raw, st.settings)
        order = parse_sort(sort, CASE_SORT_COLUMNS, cases.c.id, DEFAULT_CASE_SORT)
        with st.read().connect() as conn:
            page = st.cases_page(conn, f, PageRequest(st.settings.default_page_size, sort, cursor,
                                                      st.settings.max_count_rows))
            for role, value in (("against", f.target), ("by", f.actor), ("of", f.entity)):
                if value:
                    named.append((role, _names(conn, value)))
    except FilterError as e:
        error = e
        order = None
    pair = SORT_LABELS.get(order.name if order else "date", SORT_LABELS["date"])
    sort_label = (pair[0] if (order is None or order.descending) else pair[1]).lower()
    keep = f.to_query() + ([("sort", sort)] if sort != DEFAULT_CASE_SORT else [])
    return render(
        request, "cases.html", status=422 if error else 200, page=page, f=f, raw=raw,
        error=error, sort=sort, sorts=[(k, SORT_LABELS[k]) for k in CASE_SORT_COLUMNS], keep=keep,
        named=named, sort_label=sort_label, title="Cases",
    )


def _names(conn: Any, value: str) -> str:
    """The canonical names a filter value stands for ("8" -> "Telegram")."""
    ids = entity_ids(conn, value)
    if not ids:
        return f"{value} (no such name in the store)"
    names = conn.scalars(select(entities.c.name).where(entities.c.id.in_(ids[:5]))).all()
    more = f" and {len(ids) - 5} more" if len(ids) > 5 else ""
    return " / ".join(sorted(set(names))) + more


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: Id) -> HTMLResponse:
    with state_of(request).read().connect() as conn:
        case = get_case(conn, case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id} in this store")
    stories: dict[int, list[dict[str, Any]]] = {}
    for r in case["reports"]:
        stories.setdefault(r["document"]["story_id"], []).append(r)
    return render(request, "case.html", case=case, stories=list(stories.values()),
                  title=f"Case {case_id}")


@router.get("/disputes", response_class=HTMLResponse)
@kept
def disputes_page(request: Request) -> HTMLResponse:
    st = state_of(request)
    raw = _raw_filter(request, DISPUTE_FILTER_FIELDS, ("country", "stage", "type"))
    qp = request.query_params
    sort = qp.get("sort") or DEFAULT_DISPUTE_SORT
    cursor = qp.get("cursor") or None
    error: FilterError | None = None
    f = DisputeFilter()
    page = None
    try:
        f = parse_dispute_filter(raw, st.settings)
        with st.read().connect() as conn:
            page = list_disputes(conn, f, PageRequest(st.settings.default_page_size, sort, cursor))
    except FilterError as e:
        error = e
    keep = f.to_query() + ([("sort", sort)] if sort != DEFAULT_DISPUTE_SORT else [])
    return render(
        request, "disputes.html", status=422 if error else 200, page=page, f=f, raw=raw,
        error=error, sort=sort, keep=keep, title="Disputes",
        sorts=[(k, DISPUTE_SORT_LABELS[k]) for k in DISPUTE_SORTS],
    )


@router.get("/disputes/{dispute_id}", response_class=HTMLResponse)
def dispute_page(request: Request, dispute_id: DisputeId) -> Response:
    with state_of(request).read().connect() as conn:
        current = resolve_key(conn, dispute_id)
        if current is not None and current != dispute_id:
            return RedirectResponse(f"/disputes/{current}", status_code=308)
        found = get_dispute(conn, dispute_id) if current else None
    if found is None:
        raise HTTPException(404, f"no dispute {dispute_id} in this store")
    authorities: dict[Any, dict[str, Any]] = {}
    platforms: dict[Any, dict[str, Any]] = {}
    for s in found["steps"]:
        state_side, platform_side = (
            (s["target"], s["actor"]) if s["type"] in ("COMPLIANCE", "REFUSAL")
            else (s["actor"], s["target"])
        )
        for side, into in ((state_side, authorities), (platform_side, platforms)):
            if side:
                into.setdefault(side["id"] or side["name"], side)
    return render(request, "dispute.html", d=found, timeline=dispute_timeline(found["steps"]),
                  authorities=list(authorities.values()), platforms=list(platforms.values()),
                  title=found["title"])


@router.get("/entities", response_class=HTMLResponse)
@kept
def entities_page(request: Request) -> HTMLResponse:
    st = state_of(request)
    qp = request.query_params
    role = qp.get("role") or None
    q = (qp.get("q") or "").strip()[: st.settings.max_query_chars] or None
    error = None
    result: dict[str, Any] = {"items": [], "total": 0}
    try:
        with st.read().connect() as conn:
            result = list_entities(conn, role=role, country=None, q=q, sort="-cases",
                                   limit=st.settings.max_page_size, offset=0)
    except FilterError as e:
        error = e
    return render(request, "entities.html", status=422 if error else 200, result=result,
                  role=role, q=q or "", error=error, title="Entities")


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
@kept
def entity_page(request: Request, entity_id: Id) -> HTMLResponse:
    st = state_of(request)
    with st.read().connect() as conn:
        entity = get_entity(conn, entity_id, limit=st.settings.default_page_size)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id} in this store")
    return render(request, "entity.html", entity=entity,
                  chart=stacked_by_month(entity["timeline"]), title=entity["name"])


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: Id) -> HTMLResponse:
    with state_of(request).read().connect() as conn:
        doc = get_document(conn, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id} in this store")
    return render(request, "document.html", doc=doc,
                  paragraphs=document_segments(doc["text"], doc["events"]),
                  title=doc["title"] or doc["ext_id"])
