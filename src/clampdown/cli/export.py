"""`clampdown export`: cases or events of a store as CSV, JSON Lines or Parquet, optionally
PLOVER-coded; the same filters and the same columns as the API's /api/export."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from clampdown.cli.app import (
    ActorOption,
    DbOption,
    SinceOption,
    SourcesOption,
    TargetOption,
    UntilOption,
    app,
    case_filter,
    err,
    fail,
)
from clampdown.query.names import Coding, ExportFormat, ExportKind


@app.command("export")
def export_cmd(
    kind: Annotated[ExportKind, typer.Argument(metavar="KIND", help="What one row is")],
    db: DbOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format")] = "csv",
    coding: Annotated[Coding, typer.Option(help="plover: PLOVER event and actor fields")] = (
        "clampdown"
    ),
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="File, or - for stdout")
    ] = "-",
    type_: Annotated[
        str | None, typer.Option("--type", metavar="TYPES", help="Types, comma-separated")
    ] = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    country: Annotated[
        str | None, typer.Option(metavar="CC,...", help="ISO country codes, comma-separated")
    ] = None,
    status: Annotated[
        str | None, typer.Option(metavar="done|announced", help="Acts done, or only announced")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: SourcesOption = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only where sources disagree")] = (
        False
    ),
) -> None:
    """Export cases or events as CSV, JSON Lines or Parquet.

    Every matching row, newest first, up to max_export_rows; the same filters and columns
    as GET /api/export.

    \b
    Example:
      clampdown export cases --target Telegram --format parquet -o telegram.parquet
    """
    from clampdown.api.settings import ServeSettings
    from clampdown.errors import ClampdownError
    from clampdown.export.writers import (
        columns_for,
        csv_chunks,
        export_rows,
        jsonl_chunks,
        parquet_bytes,
    )
    from clampdown.query.db import open_reader, set_deadline
    from clampdown.store.db import database_url

    settings = ServeSettings.from_env()
    f = case_filter(type_, actor, target, country, since, until, status, min_sources,
                    conflicts, settings)
    if format == "parquet" and output == "-" and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary; give a file with -o", param_hint="--output")
    try:
        engine = open_reader(database_url(db), settings.export_timeout_s)
    except ClampdownError as e:
        raise fail(e) from None
    count = 0
    try:
        with engine.connect() as conn:
            set_deadline(conn, settings.export_timeout_s)
            rows = export_rows(conn, kind, f, coding=coding, max_rows=settings.max_export_rows)

            def counted() -> Iterator[dict[str, Any]]:
                nonlocal count
                for r in rows:
                    count += 1
                    yield r

            cols = columns_for(kind, coding)
            if format == "parquet":
                data = parquet_bytes(counted(), cols)
                if output == "-":
                    sys.stdout.buffer.write(data)
                else:
                    Path(output).write_bytes(data)
            else:
                chunks = csv_chunks(counted(), cols) if format == "csv" else jsonl_chunks(
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
    err.print(f"clampdown: {count:,} {kind} written to {where}", markup=False)
