"""`clampdown export`: cases or events of a store as CSV, JSON Lines or Parquet, optionally
PLOVER-coded; the same filters and the same columns as the API's /api/export."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clampdown.cli.app import app, err
from clampdown.errors import ClampdownError


class Kind(StrEnum):
    cases = "cases"
    events = "events"


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class Coding(StrEnum):
    clampdown = "clampdown"
    plover = "plover"


@app.command("export")
def export_cmd(
    kind: Annotated[Kind, typer.Argument(help="cases or events")],
    db: Annotated[str | None, typer.Option("--db", help="Store: SQLite file or postgresql:// URL "
                                           "[default: $CLAMPDOWN_DB, else ./clampdown.db]",
                                           show_default=False)] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="File format")] = Format.csv,
    coding: Annotated[Coding, typer.Option(help="plover: PLOVER event and actor fields")] = (
        Coding.clampdown
    ),
    output: Annotated[str, typer.Option("--output", "-o", help="File, or - for stdout")] = "-",
    type_: Annotated[str | None, typer.Option("--type", help="Types, comma-separated")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name, id or surface form")] = None,
    target: Annotated[str | None, typer.Option(help="Target name, id or surface form")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country codes, comma-separated")] = None,
    status: Annotated[str | None, typer.Option(help="done or announced")] = None,
    since: Annotated[str | None, typer.Option(help="Acts on or after YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, typer.Option(help="Acts on or before YYYY[-MM[-DD]]")] = None,
    min_sources: Annotated[int | None, typer.Option("--min-sources", min=1)] = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only where sources disagree")] = (
        False
    ),
) -> None:
    """Export every matching case or event, newest first, up to max_export_rows.

    Example: clampdown export cases --target Telegram --format parquet -o telegram.parquet
    """
    # Imported here: pyarrow and the query modules would slow every other command's start.
    from clampdown.api.db import open_reader, set_deadline
    from clampdown.api.filters import FilterError, parse_filter
    from clampdown.api.settings import ServeSettings
    from clampdown.export.writers import (
        columns_for,
        csv_chunks,
        export_rows,
        jsonl_chunks,
        parquet_bytes,
    )
    from clampdown.store.db import database_url

    settings = ServeSettings.from_env()
    raw = {"type": type_, "actor": actor, "target": target, "country": country,
           "status": status, "since": since, "until": until, "min_sources": min_sources,
           "conflicts": True if conflicts else None}
    try:
        f = parse_filter(raw, settings)
    except FilterError as e:
        raise typer.BadParameter(e.message, param_hint=f"--{e.field.replace('_', '-')}") from None
    if format is Format.parquet and output == "-" and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary; give a file with -o", param_hint="--output")
    try:
        engine = open_reader(database_url(db), settings.export_timeout_s)
    except ClampdownError as e:
        err.print(f"clampdown: {e}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    count = 0
    try:
        with engine.connect() as conn:
            set_deadline(conn, settings.export_timeout_s)
            rows = export_rows(conn, kind.value, f, coding=coding.value,
                               max_rows=settings.max_export_rows)

            def counted():  # type: ignore[no-untyped-def]
                nonlocal count
                for r in rows:
                    count += 1
                    yield r

            cols = columns_for(kind.value, coding.value)
            if format is Format.parquet:
                data = parquet_bytes(counted(), cols)
                if output == "-":
                    sys.stdout.buffer.write(data)
                else:
                    Path(output).write_bytes(data)
            else:
                chunks = csv_chunks(counted(), cols) if format is Format.csv else jsonl_chunks(
                    counted()
                )
                if output == "-":
                    for chunk in chunks:
                        sys.stdout.write(chunk)
                else:
                    with open(output, "w", encoding="utf-8", newline="") as fh:
                        for chunk in chunks:
                            fh.write(chunk)
    finally:
        engine.dispose()
    where = "standard output" if output == "-" else output
    err.print(f"clampdown: {count:,} {kind.value} written to {where}", markup=False)
