"""Export files as HTTP answers, one way for every export endpoint (cases, events, disputes).

Parquet is built whole; CSV and JSON Lines stream, under the export deadline and row limit
of the server's settings, so each endpoint says only which rows and which columns.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse

from clampdown.api.errors import APIError
from clampdown.api.state import state_of
from clampdown.export.writers import MEDIA_TYPES, csv_chunks, jsonl_chunks, parquet_bytes
from clampdown.query.db import set_deadline
from clampdown.query.names import ExportFormat

if TYPE_CHECKING:
    import pyarrow as pa
    from sqlalchemy import Connection

# Rows of an export from a connection, at most the given number.
RowSource = Callable[["Connection", int], Iterable[dict[str, Any]]]


def export_answer(
    request: Request, name: str, format: ExportFormat, columns: dict[str, pa.DataType],
    rows: RowSource, *, refused: tuple[type[Exception], ...] = (),
) -> Response:
    """`rows` as the file `name`: Parquet built whole, CSV and JSON Lines streamed.

    `refused` are the errors of the first rows that mean the query refused a filter (422).
    """
    st = state_of(request)
    limit = st.settings.max_export_rows
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    engine = st.read()
    if format == "parquet":
        with engine.connect() as conn:
            set_deadline(conn, st.settings.export_timeout_s)
            listed = list(rows(conn, limit))
        return Response(parquet_bytes(listed, columns), media_type=MEDIA_TYPES[format],
                        headers=headers)

    def stream() -> Any:
        with engine.connect() as conn:
            set_deadline(conn, st.settings.export_timeout_s)
            found = rows(conn, limit)
            if format == "csv":
                yield from csv_chunks(found, columns)
            else:
                yield from jsonl_chunks(found)

    # The first chunk (the query and its first hundred rows) is made before anything is
    # sent, so a failure there is an error answer. A later one raises while the body is
    # sent, and the server drops the connection without the chunked body's last chunk:
    # the client sees an incomplete transfer, never a clean end.
    chunks = stream()
    try:
        first = next(chunks, "")
    except refused as e:
        raise APIError(422, str(e)) from None
    return StreamingResponse(itertools.chain([first], chunks), media_type=MEDIA_TYPES[format],
                             headers=headers)
