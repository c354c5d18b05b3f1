"""The dispute endpoints: the list, one dispute step by step, and exports of both.

Registered before the generic `/api/export/{kind}` route, whose kinds are cases and
events. Each handler checks its parameters and calls one function of
`clampdown.query.disputes`; a dispute id that an earlier step or a merge replaced answers
with a redirect to the id it goes by now.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from clampdown.api.errors import not_found
from clampdown.api.exports import export_answer
from clampdown.api.params import PAGE_PARAMS, PageDep, check_known
from clampdown.api.respond import json_answer, record_answer
from clampdown.api.routes import ERRORS, EXPORT_RESPONSES, NOT_FOUND
from clampdown.api.schemas import DisputeDetail, DisputePage
from clampdown.api.state import state_of
from clampdown.export.writers import (
    columns_for,
    dispute_export_rows,
)
from clampdown.query.disputes import (
    DISPUTE_FILTER_FIELDS,
    DisputeFilter,
    get_dispute,
    list_disputes,
    parse_dispute_filter,
    resolve_key,
)
from clampdown.query.names import STAGE_NAMES, DisputeKind, ExportFormat

router = APIRouter(prefix="/api", tags=["disputes"])
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,299}$"
DisputeId = Annotated[str, Path(min_length=1, max_length=300, pattern=KEY_PATTERN,
                                description="A dispute id, as /api/disputes gives it")]


async def dispute_filter(
    request: Request,
    country: Annotated[
        list[str] | None, Query(description="The state's side: ISO codes, comma-separated")
    ] = None,
    platform: Annotated[
        str | None, Query(description="A platform (name, alias, key or id): its group's "
                          "disputes (Instagram finds Meta's)")
    ] = None,
    authority: Annotated[
        str | None, Query(description="An authority, court or official that took a step")
    ] = None,
    stage: Annotated[
        list[str] | None, Query(description=", ".join(STAGE_NAMES))
    ] = None,
    type: Annotated[
        list[str] | None, Query(description="Disputes with a step of these types")
    ] = None,
    matter: Annotated[
        str | None, Query(description="A matter or law its steps name (protests, "
                          "data_localisation, art-13.41) or its label")
    ] = None,
    since: Annotated[str | None, Query(description="Active on or after YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(description="Active on or before YYYY[-MM[-DD]]")] = None,
    min_steps: Annotated[
        str | None, Query(description="At least this many steps (default 2)")
    ] = None,
) -> DisputeFilter:
    """FastAPI dependency: the dispute filter of this request (422 on a bad value)."""
    raw = {
        "country": country, "platform": platform, "authority": authority, "stage": stage,
        "type": type, "matter": matter, "since": since, "until": until,
        "min_steps": min_steps,
    }
    return parse_dispute_filter(raw, state_of(request).settings)


DisputeFilterDep = Annotated[DisputeFilter, Depends(dispute_filter)]


@router.get("/disputes", response_model=DisputePage, responses=ERRORS)
async def disputes_endpoint(
    request: Request,
    f: DisputeFilterDep,
    page: PageDep,
) -> Any:
    """Disputes: the cases of one state against one platform over one matter, in order.

    Sorts: `last` (latest step), `first`, `steps`, `fines` (in EUR), `compliance` (days
    to compliance), `id` (prefix `-` for descending; default `-last`). Disputes of one step
    are left out unless `min_steps=1`.
    """
    check_known(request, (*DISPUTE_FILTER_FIELDS, *PAGE_PARAMS))
    return await json_answer(request, lambda conn: list_disputes(conn, f, page).to_dict())


@router.get(
    "/disputes/{dispute_id}",
    response_model=DisputeDetail,
    responses={308: {"description": "The dispute goes by another id now"}, **NOT_FOUND},
)
async def dispute_endpoint(request: Request, dispute_id: DisputeId) -> Any:
    """One dispute, step by step: each step's case, its evidence sentence and document,
    the matter it names and how it joined; its stage, durations and fine totals."""
    check_known(request, ())
    st = state_of(request)
    with st.read().connect() as conn:
        current = resolve_key(conn, dispute_id)
    if current is None:
        raise not_found("dispute", dispute_id, "list disputes at /api/disputes")
    if current != dispute_id:
        return RedirectResponse(f"/api/disputes/{current}", status_code=308)
    return await record_answer(request, lambda conn: get_dispute(conn, dispute_id), "dispute",
                               dispute_id, "list disputes at /api/disputes")


def _export(request: Request, kind: DisputeKind, f: DisputeFilter, format: ExportFormat
            ) -> Response:
    check_known(request, (*DISPUTE_FILTER_FIELDS, "format"))
    return export_answer(
        request, f"clampdown-{kind}.{format}", format, columns_for(kind, "clampdown"),
        lambda conn, limit: dispute_export_rows(conn, kind, f, max_rows=limit),
        refused=(ValueError,),  # a filter the query refused
    )


Format = Annotated[ExportFormat, Query()]


@router.get(
    "/export/disputes",
    responses=EXPORT_RESPONSES,
)
def export_disputes_endpoint(
    request: Request,
    f: DisputeFilterDep,
    format: Format = "csv",
) -> Response:
    """Every matching dispute, one row each (parties, dates, stage, durations, fines),
    latest first, up to max_export_rows."""
    return _export(request, "disputes", f, format)


@router.get(
    "/export/dispute-steps",
    responses=EXPORT_RESPONSES,
)
def export_steps_endpoint(
    request: Request,
    f: DisputeFilterDep,
    format: Format = "csv",
) -> Response:
    """Every step of every matching dispute, one row each (its dispute, order, case,
    type, date, parties, amount, evidence and document), up to max_export_rows."""
    return _export(request, "dispute-steps", f, format)
