"""What readers of the store choose from, defined once: sort keys, statuses, formats, codings.

Each choice is a `Literal` type (the command line offers its values, type checkers hold code
to them) and a tuple of the same values for code that checks input at run time. Nothing is
imported here, so `clampdown --help` lists the choices without loading SQLAlchemy.
"""

from __future__ import annotations

from typing import Literal, get_args

DEFAULT_LIMIT = 100  # rows in one page of `clampdown events` and `clampdown cases`

EventSort = Literal["date", "amount", "type", "sources", "id"]
CaseSort = Literal["date", "amount", "type", "sources", "mentions", "id"]
EVENT_SORTS: tuple[str, ...] = get_args(EventSort)
CASE_SORTS: tuple[str, ...] = get_args(CaseSort)

Status = Literal["done", "announced"]
STATUSES: tuple[str, ...] = get_args(Status)

# What the command line's read commands print.
ReadFormat = Literal["table", "csv", "jsonl", "json"]
CaseFormat = Literal["table", "json"]

# Exports (`clampdown export` and GET /api/export/{kind}): cases or events, each filtered
# as the listings are; disputes one row each, or one row per step of each.
RecordKind = Literal["cases", "events"]
DisputeKind = Literal["disputes", "dispute-steps"]
ExportKind = Literal[RecordKind, DisputeKind]
ExportFormat = Literal["csv", "jsonl", "parquet"]
Coding = Literal["clampdown", "plover"]
EXPORT_KINDS: tuple[str, ...] = get_args(ExportKind)
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)
DISPUTE_KINDS: tuple[str, ...] = get_args(DisputeKind)
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
CODINGS: tuple[str, ...] = get_args(Coding)

# Disputes (`clampdown disputes`, /api/disputes): sort keys and stages.
DisputeSort = Literal["last", "first", "steps", "fines", "compliance", "id"]
DISPUTE_SORTS: tuple[str, ...] = get_args(DisputeSort)
Stage = Literal["open", "escalated", "complied", "refused", "ended"]
STAGE_NAMES: tuple[str, ...] = get_args(Stage)
