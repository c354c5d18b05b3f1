"""Writing exported rows: CSV and JSON Lines as streams of text, Parquet as one Arrow table.

`export_rows` reads the store once for a filter and yields flat rows (PLOVER-coded when
asked); the writers turn them into bytes. CSV and JSON Lines stream, so a large export
never sits in memory; Parquet is columnar and is built whole, bounded by `max_export_rows`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select
from sqlalchemy.engine import Connection

from clampdown.export.cells import spreadsheet_safe
from clampdown.export.columns import (
    CASE_COLUMNS,
    DISPUTE_COLUMNS,
    EVENT_COLUMNS,
    STEP_COLUMNS,
    flat_case,
    flat_dispute,
    flat_event,
    flat_step,
)
from clampdown.export.plover import PLOVER_COLUMNS, PartyInfo, plover_record
from clampdown.query.cases import iter_cases
from clampdown.query.disputes import (
    DisputeFilter,
    dispute_filter_of,
    iter_dispute_steps,
    iter_disputes,
)
from clampdown.query.events import iter_events
from clampdown.query.filters import CaseFilter
from clampdown.query.names import DISPUTE_KINDS, ExportFormat
from clampdown.store.schema import entities

# Each export format's writer answers with this media type (a test holds its keys to
# `EXPORT_FORMATS`).
MEDIA_TYPES: dict[ExportFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


def columns_for(kind: str, coding: str) -> dict[str, pa.DataType]:
    if kind == "disputes":
        return DISPUTE_COLUMNS
    if kind == "dispute-steps":
        return STEP_COLUMNS
    if coding == "plover":
        return PLOVER_COLUMNS
    return CASE_COLUMNS if kind == "cases" else EVENT_COLUMNS


def dispute_export_rows(
    conn: Connection, kind: str, f: DisputeFilter, *, max_rows: int
) -> Iterator[dict[str, Any]]:
    """Flat rows of every dispute matching `f` (latest activity first), or of every step
    of each, at most `max_rows`."""
    if kind == "disputes":
        yield from (flat_dispute(d) for d in iter_disputes(conn, f, max_rows))
    else:
        yield from (flat_step(s) for s in iter_dispute_steps(conn, f, max_rows))


def _parties(conn: Connection) -> dict[int, PartyInfo]:
    rows = conn.execute(select(entities.c.id, entities.c.role, entities.c.kind,
                               entities.c.country))
    return {r.id: PartyInfo(r.role, r.kind, r.country) for r in rows}


def export_rows(
    conn: Connection, kind: str, f: CaseFilter, *, coding: str = "clampdown", max_rows: int
) -> Iterator[dict[str, Any]]:
    """Flat rows of every case or event matching `f`, newest first, at most `max_rows`.
    Disputes take the filter's country, type, dates, actor (an authority that took a step)
    and target (a platform of the group); PLOVER codes cases and events only."""
    if kind in DISPUTE_KINDS:
        if coding == "plover":
            raise ValueError("coding=plover codes cases and events, not disputes; leave it "
                             "out for disputes")
        yield from dispute_export_rows(conn, kind, dispute_filter_of(f), max_rows=max_rows)
        return
    if kind == "cases":
        rows: Iterable[dict[str, Any]] = (flat_case(c) for c in iter_cases(conn, f, max_rows))
    else:
        rows = (flat_event(e) for e in iter_events(conn, f, max_rows))
    if coding != "plover":
        yield from rows
        return
    parties = _parties(conn)
    single = "case" if kind == "cases" else "event"
    for r in rows:
        yield plover_record(r, parties, kind=single)


def csv_chunks(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> Iterator[str]:
    """CSV text in chunks of about a hundred rows, header first."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for i, r in enumerate(rows, 1):
        writer.writerow({k: _cell(v) for k, v in r.items()})
        if i % 100 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else spreadsheet_safe(v)


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    lines: list[str] = []
    for r in rows:
        lines.append(json.dumps(r, ensure_ascii=False))
        if len(lines) == 100:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"


def parquet_bytes(rows: Iterable[dict[str, Any]], columns: dict[str, pa.DataType]) -> bytes:
    """A Parquet file (zstd-compressed) of `rows` with the given column types."""
    schema = pa.schema([(name, typ) for name, typ in columns.items()])
    table = pa.Table.from_pylist(list(rows), schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()
