"""`clampdown extract`: documents in, events out, as SPEC.md describes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from clampdown.cli.app import app, err
from clampdown.errors import InputError
from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.model import ExtractionResult
from clampdown.output import write_json, write_jsonl, write_table


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


class Lang(StrEnum):
    en = "en"
    ru = "ru"


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@app.command("extract")
def extract_cmd(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines or .txt files, folders, or -")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = Format.table,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated documents")
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of documents that do not say")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input could not be read")] = False,
) -> None:
    """Extract events from documents and write them as SPEC.md describes.

    Example: clampdown extract news.jsonl --format jsonl > events.jsonl
    """
    pub = _parse_date(published)
    counts = {"read": 0, "failed": 0, "events": 0}

    def results() -> Iterator[ExtractionResult]:
        for item in read_documents(inputs, lang=lang.value if lang else None, published=pub):
            if isinstance(item, InputError):
                counts["failed"] += 1
                err.print(f"clampdown: {item}", markup=False, soft_wrap=True)
                continue
            counts["read"] += 1
            result = extract(item)
            counts["events"] += len(result.events)
            yield result

    if format is Format.jsonl:
        write_jsonl(results(), sys.stdout)
    elif format is Format.json:
        write_json(results(), sys.stdout)
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=160)  # a pipe or file: room for the table's columns
        write_table(results(), console)
    err.print(
        f"clampdown: {counts['read']} read, {counts['failed']} failed, {counts['events']} events",
        markup=False,
    )
    if strict and counts["failed"]:
        raise typer.Exit(1)

