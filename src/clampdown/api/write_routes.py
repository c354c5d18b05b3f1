"""The token-guarded endpoints: ingest documents, manage watchlists; and watchlist feeds.

Everything here that changes the database needs the server's token (`security`); the
feeds only read, and are reached by an unguessable key instead, since feed readers cannot
send tokens.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from clampdown.api.errors import APIError, not_found
from clampdown.api.extraction import Stopped
from clampdown.api.feeds import feed_xml
from clampdown.api.params import check_known
from clampdown.api.routes import ERRORS
from clampdown.api.schemas import (
    ErrorResponse,
    IngestDocument,
    IngestRequest,
    IngestResult,
    Watchlist,
    WatchlistIn,
)
from clampdown.api.security import require_token
from clampdown.api.state import ServerState, state_of
from clampdown.api.watchlists import (
    check_filters,
    check_webhook,
    create_watchlist,
    delete_watchlist,
    get_watchlist,
    list_watchlists,
    watchlist_by_feed_key,
)
from clampdown.errors import ExtractionError, InputError
from clampdown.ingest.fields import checked, published_day, published_period
from clampdown.model import Document
from clampdown.query.paging import MAX_ID

AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No token was sent"},
    403: {"model": ErrorResponse, "description": "Wrong token, or the server is read-only"},
    **ERRORS,
}
WId = Annotated[int, Path(ge=1, le=MAX_ID)]

router = APIRouter(prefix="/api", dependencies=[Depends(require_token)], tags=["write"])
feeds = APIRouter(tags=["feeds"])


# The longest value of each text field the store keeps; a longer one is dropped and noted.
_MAX_CHARS = {"id": 500, "url": 4000, "title": 2000, "lang": 100}


def _document(d: IngestDocument, i: int, errors: list[str]) -> Document | InputError:
    """The request's i-th document with its bad fields dropped and noted, or the reason it
    is skipped (no usable id or text): the rest of the request is stored either way."""
    doc_id = str(d.id) if isinstance(d.id, int) and not isinstance(d.id, bool) else d.id
    shown = doc_id.encode("utf-8", "backslashreplace").decode() if isinstance(doc_id, str) else ""
    where = f"documents[{shown if shown.strip() else i}]"  # lone surrogates shown escaped
    if not isinstance(doc_id, str) or not doc_id.strip():
        return InputError(where, '"id" must be a non-empty string; document skipped')
    if len(doc_id) > _MAX_CHARS["id"]:
        return InputError(where[:60] + "...]", f'"id" over {_MAX_CHARS["id"]} characters;'
                          " document skipped")
    if not isinstance(d.text, str) or not d.text.strip():
        return InputError(where, '"text" must be a non-empty string; document skipped')
    fields: dict[str, str | None] = {}
    for name in ("lang", "url", "title"):
        value = getattr(d, name)
        if value is not None and not isinstance(value, str):
            errors.append(f'{where}: "{name}" is not a string; dropped')
            value = None
        elif value is not None and len(value) > _MAX_CHARS[name]:
            errors.append(f'{where}: "{name}" over {_MAX_CHARS[name]} characters; dropped')
            value = None
        fields[name] = value
    doc, notes = checked(
        Document(id=doc_id, text=d.text, published=_published(d.published, doc_id, errors),
                 source="api", published_period=published_period(d.published), **fields)
    )
    errors += [f"{where}: {note}" for note in notes]
    return doc


def _published(value: Any, doc_id: str, errors: list[str]) -> date | None:
    """The publication day; a date that does not parse is dropped and noted, as the
    readers of files do, so one bad field never costs the document or the request."""
    try:
        return published_day(value)
    except ValueError as e:
        errors.append(f"documents[{doc_id}]: {e}; dropped")
        return None


@router.post("/ingest", response_model=IngestResult,
             responses={503: {"model": ErrorResponse,
                              "description": "The server is stopping; send it again later"},
                        **AUTH})
async def ingest_endpoint(request: Request, body: IngestRequest) -> Any:
    """Extract and store documents (as `clampdown ingest` does), linking them into cases.

    Extraction runs in a worker process, so other requests are answered meanwhile; a
    document over `max_extract_seconds` is reported in `errors` and skipped."""
    st = state_of(request)
    docs: list[Document | InputError] = []
    errors: list[str] = []
    for i, d in enumerate(body.documents):
        docs.append(_document(d, i, errors))
    try:
        return await anyio.to_thread.run_sync(_ingest, st, docs, errors,
                                              limiter=st.ingest_limiter())
    except Stopped:
        raise APIError(
            503, "the server is stopping; send the documents again once it is back (those"
            " stored before it stopped are recognised and skipped)",
            headers={"Retry-After": "30"},
        ) from None


def _ingest(st: ServerState, docs: list[Document | InputError], errors: list[str]) -> Any:
    from clampdown.store.ingest import ingest

    with st.extraction.borrow() as extract:

        def extract_named(batch: list[Any]) -> list[Any]:
            """Failures named as the request names documents, not by their source."""
            return [
                ExtractionError(f"documents[{d.id}]: "
                                + str(p).removeprefix(f"{d.source or d.id}: "))
                if isinstance(p, ExtractionError) else p
                for p, (d, _) in zip(extract(batch), batch, strict=True)
            ]

        report = ingest(st.writer(), docs, jobs=1, on_error=errors.append,
                        extract=extract_named)
    return {
        "read": report.read, "failed": report.failed, "duplicates": report.duplicates,
        "stored": report.stored, "events": report.events, "cases": report.cases,
        "errors": errors[:100],
    }


def _base_url(request: Request) -> str:
    """Where readers reach this server: the configured address, else the request's (whose
    Host header a client chooses)."""
    return state_of(request).settings.public_url or str(request.base_url)


def _feed_url(request: Request, w: dict[str, Any]) -> dict[str, Any]:
    out = dict(w)
    out["feed_url"] = _base_url(request).rstrip("/") + f"/feeds/{out.pop('feed_key')}.atom"
    return out


@router.post("/watchlists", response_model=Watchlist, status_code=201, responses=AUTH)
def create_watchlist_endpoint(request: Request, body: WatchlistIn) -> Any:
    """Save a filter; cases ingested from now on that match it are posted to `webhook`
    (each once, retried with back-off) and listed in the feed at `feed_url`."""
    st = state_of(request)
    f = check_filters(body.filters, st.settings)
    webhook = check_webhook(body.webhook)
    with st.writer().begin() as conn:
        return _feed_url(request, create_watchlist(conn, body.name.strip(), f, webhook))


@router.get("/watchlists", response_model=list[Watchlist], responses=AUTH)
def list_watchlists_endpoint(request: Request) -> Any:
    check_known(request, ())
    with state_of(request).writer().connect() as conn:
        return [_feed_url(request, w) for w in list_watchlists(conn)]


@router.get("/watchlists/{watchlist_id}", response_model=Watchlist,
            responses={404: {"model": ErrorResponse}, **AUTH})
def get_watchlist_endpoint(request: Request, watchlist_id: WId) -> Any:
    check_known(request, ())
    with state_of(request).writer().connect() as conn:
        w = get_watchlist(conn, watchlist_id)
    if w is None:
        raise not_found("watchlist", watchlist_id, "list them at /api/watchlists")
    return _feed_url(request, w)


@router.delete("/watchlists/{watchlist_id}", status_code=204,
               responses={404: {"model": ErrorResponse}, **AUTH})
def delete_watchlist_endpoint(request: Request, watchlist_id: WId) -> Response:
    with state_of(request).writer().begin() as conn:
        gone = delete_watchlist(conn, watchlist_id)
    if not gone:
        raise not_found("watchlist", watchlist_id, "list them at /api/watchlists")
    return Response(status_code=204)


@feeds.get(
    "/feeds/{key}.atom",
    responses={200: {"content": {"application/atom+xml": {}}}, 404: {"model": ErrorResponse}},
)
def feed_endpoint(
    request: Request, key: Annotated[str, Path(min_length=8, max_length=64,
                                               pattern=r"^[A-Za-z0-9_-]+$")]
) -> Response:
    """A watchlist's Atom feed: its newest matching cases."""
    check_known(request, ())
    st = state_of(request)
    with st.read().connect() as conn:
        w = watchlist_by_feed_key(conn, key)
        if w is None:
            raise APIError(404, "no watchlist has this feed; ask its owner for the URL")
        xml = feed_xml(conn, w, _base_url(request), st.settings.max_feed_entries)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")
