"""The read endpoints of the REST API: events, cases, entities, documents, stats, exports.

Each handler checks its parameters, runs one query module on a read-only connection and
returns its dict; FastAPI validates it against `schemas` for the OpenAPI document. They are
plain (not async) functions: the database calls block, so they run on the worker threads.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from clampdown.api.exports import export_answer
from clampdown.api.params import LISTING_PARAMS, CaseFilterDep, PageDep, check_known, page_params
from clampdown.api.respond import json_answer, record_answer
from clampdown.api.schemas import (
    CaseDetail,
    CasePage,
    DocumentDetail,
    EntityDetail,
    EntityPage,
    ErrorResponse,
    EventPage,
    Stats,
)
from clampdown.api.state import state_of
from clampdown.export.writers import (
    MEDIA_TYPES,
    columns_for,
    export_rows,
)
from clampdown.query.cases import get_case
from clampdown.query.documents import get_document
from clampdown.query.entities import get_entity, list_entities
from clampdown.query.events import list_events
from clampdown.query.filters import FILTER_FIELDS
from clampdown.query.names import Coding, ExportFormat, RecordKind
from clampdown.query.paging import MAX_ID
from clampdown.query.stats import stats

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "A parameter is not valid"},
    503: {"model": ErrorResponse, "description": "The store cannot answer now"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such record"}, **ERRORS
}
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {t: {} for t in MEDIA_TYPES.values()}, "description": "The export file"},
    **ERRORS,
}
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's number")]

router = APIRouter(prefix="/api", tags=["read"])


@router.get("/events", response_model=EventPage, responses=ERRORS)
async def events_endpoint(
    request: Request,
    f: CaseFilterDep,
    page: PageDep,
    doc: Annotated[int | None, Query(ge=1, le=MAX_ID,
                                     description="Only events of this document")] = None,
    case: Annotated[int | None, Query(ge=1, le=MAX_ID,
                                      description="Only reports of this case")] = None,
) -> Any:
    """Events: each report of an act in one document, with its evidence and offsets.

    Sorts: `date`, `amount`, `type`, `sources` (of its case), `id` (prefix `-` for
    descending; default `-date`).
    """
    check_known(request, (*LISTING_PARAMS, "doc", "case"))
    return await json_answer(
        request, lambda conn: list_events(conn, f, page, doc_id=doc, case_id=case).to_dict()
    )


@router.get("/cases", response_model=CasePage, responses=ERRORS)
async def cases_endpoint(
    request: Request,
    f: CaseFilterDep,
    page: PageDep,
) -> Any:
    """Cases: one act however many outlets reported it, with its reconciled fields.

    Sorts: `date`, `sources`, `amount` (in EUR), `mentions`, `type`, `id` (default `-date`).
    Pages follow `next_cursor`; `total` counts every match.
    """
    check_known(request, LISTING_PARAMS)
    st = state_of(request)
    return await json_answer(request, lambda conn: st.cases_page(conn, f, page).to_dict())


@router.get("/cases/{case_id}", response_model=CaseDetail, responses=NOT_FOUND)
async def case_endpoint(request: Request, case_id: Id) -> Any:
    """One case: fields, conflicts between sources, conversion checks, every report with its
    evidence sentence in its paragraph, and which documents are origins or copies."""
    check_known(request, ())
    return await record_answer(request, lambda conn: get_case(conn, case_id), "case", case_id,
                               "list cases at /api/cases")


@router.get("/entities", response_model=EntityPage, responses=ERRORS)
async def entities_endpoint(
    request: Request,
    role: Annotated[str | None, Query(max_length=20, description="authority, platform, "
                                      "country or person")] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name")] = None,
    sort: Annotated[str | None, Query(max_length=10, description="cases, -cases, name, "
                                      "-name")] = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Any:
    """Entities named in at least one case, with how often they act and are targeted."""
    check_known(request, ("role", "country", "q", "sort", "limit", "offset"))
    page = await page_params(request, limit)
    return await json_answer(request, lambda conn: list_entities(
        conn, role=role, country=country, q=q, sort=sort, limit=page.limit, offset=offset,
    ))


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=NOT_FOUND)
async def entity_endpoint(request: Request, entity_id: Id) -> Any:
    """One platform, authority, official or state: totals, monthly timeline, latest cases."""
    check_known(request, ())
    limit = state_of(request).settings.default_page_size
    return await record_answer(request, lambda conn: get_entity(conn, entity_id, limit=limit),
                               "entity", entity_id, "list entities at /api/entities")


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses=NOT_FOUND)
async def document_endpoint(request: Request, doc_id: Id) -> Any:
    """One stored document: its text, the events found in it, and the other copies of its
    story."""
    check_known(request, ())
    return await record_answer(request, lambda conn: get_document(conn, doc_id), "document", doc_id,
                               "case pages link to their documents")


@router.get("/stats", response_model=Stats, responses=ERRORS)
async def stats_endpoint(request: Request, f: CaseFilterDep) -> Any:
    """Cases per month and type, per type and per country; top targets and actors; fine
    totals in EUR and USD by target and by actor (fines imposed, status done)."""
    check_known(request, FILTER_FIELDS)
    return await json_answer(request, lambda conn: stats(conn, f))


@router.get(
    "/export/{kind}",
    responses=EXPORT_RESPONSES,
)
def export_endpoint(
    request: Request,
    kind: Annotated[RecordKind, Path(description="cases or events")],
    f: CaseFilterDep,
    format: Annotated[ExportFormat, Query()] = "csv",
    coding: Annotated[Coding, Query(description="plover: PLOVER-coded rows")] = "clampdown",
) -> Response:
    """Every matching case or event as CSV, JSON Lines or Parquet, newest first, up to
    max_export_rows; `coding=plover` gives PLOVER-coded rows to join event datasets."""
    check_known(request, (*FILTER_FIELDS, "format", "coding"))
    name = f"clampdown-{kind}{'-plover' if coding == 'plover' else ''}.{format}"
    return export_answer(
        request, name, format, columns_for(kind, coding),
        lambda conn, limit: export_rows(conn, kind, f, coding=coding, max_rows=limit),
    )
