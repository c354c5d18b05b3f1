"""Writing extraction results: JSON Lines, JSON and a terminal table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal, TextIO, get_args

from rich.console import Console
from rich.table import Table

from clampdown.model import ExtractionResult

Format = Literal["table", "jsonl", "json"]  # what `clampdown extract --format` offers
FORMATS: tuple[str, ...] = get_args(Format)
SPEC_FIELDS = (
    "type",
    "actor",
    "target",
    "country",
    "amount",
    "amount_range",
    "currency",
    "date",
    "status",
    "evidence",
    "start",
    "end",
)


def spec_dict(result: ExtractionResult) -> dict[str, Any]:
    """The SPEC output record of one document: its id and its events' SPEC fields."""
    return {
        "id": result.document.id,
        "events": [_spec_fields(ev.to_dict()) for ev in result.events],
    }


def _spec_fields(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event[k] for k in SPEC_FIELDS}


def write_jsonl(results: Iterable[ExtractionResult], out: TextIO) -> None:
    for result in results:
        record = spec_dict(result)
        try:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        except UnicodeEncodeError:  # the stream cannot take a character: escape it instead
            out.write(json.dumps(record) + "\n")
        out.flush()


def write_json(results: Iterable[ExtractionResult], out: TextIO) -> None:
    json.dump([spec_dict(r) for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _money(ev: dict[str, Any]) -> str:
    if ev.get("amount") is not None:
        return f"{ev['amount']:,} {ev.get('currency') or ''}".strip()
    if ev.get("amount_range"):
        low, high = ev["amount_range"]
        return f"{low:,}–{high:,} {ev.get('currency') or ''}".strip()
    return ""


def write_table(results: Iterable[ExtractionResult], console: Console) -> None:
    """A readable table; evidence is shortened (JSON output keeps it whole)."""
    table = Table(title="Events", show_lines=True, expand=True)
    for col in ("doc", "type", "actor", "target", "country", "amount", "date", "status"):
        short = col in ("type", "country", "date", "status")
        table.add_column(col, no_wrap=short, ratio=None if short else 1, min_width=8)
    table.add_column("evidence", ratio=4, min_width=30)
    count = 0
    for result in results:
        for ev in spec_dict(result)["events"]:
            count += 1
            evidence = str(ev["evidence"])
            table.add_row(
                result.document.id, ev["type"], ev["actor"] or "–", ev["target"] or "–",
                ev["country"] or "–", _money(ev), ev["date"] or "–", ev["status"],
                evidence if len(evidence) <= 120 else evidence[:117] + "...",
            )
    console.print(table)
    console.print(f"{count} events")
