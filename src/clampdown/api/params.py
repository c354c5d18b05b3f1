"""Query parameters shared by the listings, read the same way for the API and the dashboard.

The filter parameters are declared once here so the OpenAPI document lists them with their
help; they are then checked by `parse_filter` against the server's limits. A parameter the
endpoint does not know is an error, not silently ignored: `?tpye=FINE` must not return
every case.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Query, Request

from clampdown.api.errors import APIError
from clampdown.api.state import state_of
from clampdown.query.filters import FILTER_FIELDS, CaseFilter, parse_filter
from clampdown.query.paging import PageRequest

PAGE_PARAMS = ("limit", "cursor", "sort")


def check_known(request: Request, allowed: Iterable[str]) -> None:
    known = set(allowed)
    for name in request.query_params:
        if name not in known:
            raise APIError(
                422, f"{name}: unknown parameter; this endpoint takes "
                + ", ".join(sorted(known)), name,
            )


async def case_filter(
    request: Request,
    type: Annotated[
        list[str] | None, Query(description="Event types, repeated or comma-separated: FINE,BLOCK")
    ] = None,
    actor: Annotated[str | None, Query(description="Actor: name, alias, key or id")] = None,
    target: Annotated[str | None, Query(description="Target: name, alias, key or id")] = None,
    entity: Annotated[str | None, Query(description="Either actor or target")] = None,
    country: Annotated[
        list[str] | None, Query(description="ISO 3166 codes (EU for EU bodies), comma-separated")
    ] = None,
    status: Annotated[str | None, Query(description="done or announced")] = None,
    since: Annotated[str | None, Query(description="Acts on or after YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(description="Acts on or before YYYY[-MM[-DD]]")] = None,
    min_sources: Annotated[
        str | None, Query(description="At least this many independent sources")
    ] = None,
    conflicts: Annotated[
        str | None, Query(description="true: only cases where sources disagree; false: none")
    ] = None,
    q: Annotated[str | None, Query(description="Words in the evidence or entity names")] = None,
    dispute: Annotated[
        str | None, Query(description="Only the steps of this dispute (its id, as "
                          "/api/disputes gives it)")
    ] = None,
) -> CaseFilter:
    """FastAPI dependency: the filter of this request, validated (422 on a bad value)."""
    raw = {
        "type": type, "actor": actor, "target": target, "entity": entity, "country": country,
        "status": status, "since": since, "until": until, "min_sources": min_sources,
        "conflicts": conflicts, "q": q, "dispute": dispute,
    }
    return parse_filter(raw, state_of(request).settings)


async def page_params(
    request: Request,
    limit: Annotated[int | None, Query(ge=1, description="Rows per page (max_page_size)")] = None,
    cursor: Annotated[
        str | None, Query(max_length=400, description="`next_cursor` of the page before")
    ] = None,
    sort: Annotated[
        str | None, Query(max_length=40, description="A sort name, `-name` for descending")
    ] = None,
) -> PageRequest:
    """FastAPI dependency: the page this request asks for, within the server's bounds
    (422 on a limit over max_page_size); its matches are counted up to max_count_rows."""
    s = state_of(request).settings
    if limit is None:
        limit = s.default_page_size
    if limit > s.max_page_size:
        raise APIError(422, f"limit: {limit} is more than max_page_size ({s.max_page_size}); "
                       "follow `next_cursor` for more", "limit")
    return PageRequest(limit, sort, cursor, s.max_count_rows)


LISTING_PARAMS = (*FILTER_FIELDS, *PAGE_PARAMS)
# The two as an endpoint's parameters declare them (`f: CaseFilterDep, page: PageDep`).
CaseFilterDep = Annotated[CaseFilter, Depends(case_filter)]
PageDep = Annotated[PageRequest, Depends(page_params)]
__all__ = ["LISTING_PARAMS", "CaseFilter", "CaseFilterDep", "PageDep", "case_filter",
           "check_known", "page_params"]
