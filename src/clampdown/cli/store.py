"""`clampdown ingest`, `events`, `cases` and `case`: the event store from the command line.

`ingest` fills the store (SQLite by default, PostgreSQL by URL); the other three read it
with the same filters and output formats (`--format table|csv|jsonl|json`), through the
query layer the API reads through (`query/listing.py`), so a filter means the same here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from clampdown.cli.app import (
    ActorOption,
    AscOption,
    CaseFormatOption,
    DbOption,
    LangOption,
    LimitOption,
    PublishedOption,
    Reader,
    ReaderOption,
    ReadFormatOption,
    SinceOption,
    SourcesOption,
    StrictOption,
    TargetOption,
    UntilOption,
    app,
    case_filter,
    err,
    fail,
    published_date,
    say,
    store_connection,
)
from clampdown.query.names import (
    DEFAULT_LIMIT,
    CaseSort,
    EventSort,
    Status,
)
from clampdown.store import DEFAULT_BATCH

if TYPE_CHECKING:

    from clampdown.store.ingest import IngestReport


@app.command("ingest")
def ingest_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT", help="Files, folders, URLs or - (what `extract` "
                       "reads), or the --output folder of `clampdown spark`"),
    ],
    db: DbOption = None,
    published: PublishedOption = None,
    lang: LangOption = None,
    batch_size: Annotated[
        int, typer.Option(metavar="N", min=1, help="Documents per transaction")
    ] = DEFAULT_BATCH,
    jobs: Annotated[
        int,
        typer.Option(metavar="N", min=0, help="Extraction processes; 0: one per core",
                     show_default=False),
    ] = 0,
    strict: StrictOption = False,
    reader: ReaderOption = Reader.accurate,
) -> None:
    """Extract documents and store them, linked into cases.

    Each document is stored with its events, and each event joins the case of its act. A
    document already stored (same normalised text or URL) is skipped. After a crash or
    Ctrl-C, the same command goes on where it stopped.

    \b
    Example:
      clampdown ingest news/ --db postgresql://user@localhost/clampdown
    """
    from clampdown.cli.spark import load_tables
    from clampdown.errors import StoreError
    from clampdown.ingest import read_documents
    from clampdown.spark.load import is_output
    from clampdown.store.db import database_url, open_store
    from clampdown.store.ingest import ingest, run_key

    if inputs and all(is_output(i) for i in inputs):  # `clampdown spark --output` folders
        for tables in inputs:
            load_tables(Path(tables), db, batch_size)
        return
    pub = published_date(published)
    url = database_url(db)
    workers = jobs or os.cpu_count() or 1
    try:
        engine = open_store(url, write=True)
    except StoreError as e:
        raise fail(e) from None
    key = run_key(inputs, lang=lang.value if lang else None, published=pub)
    items = read_documents(
        inputs, lang=lang.value if lang else None, published=pub, reader=reader.value
    )
    report: IngestReport | None = None
    status = err.status("ingesting", spinner="dots") if err.is_terminal else None

    def progress(r: IngestReport) -> None:
        if status is not None:
            status.update(f"ingesting: {r.stored:,} documents stored, {r.events:,} events")

    try:
        if status is not None:
            status.start()
        report = ingest(
            engine, items, batch_size=batch_size, jobs=workers, key=key,
            label=" ".join(inputs), on_error=say, on_batch=progress,
        )
    except KeyboardInterrupt:
        if status is not None:
            status.stop()
        say("interrupted; committed batches are stored, the batch in flight was rolled back. "
            "Run the same command again to resume.")
        raise typer.Exit(130) from None
    except StoreError as e:
        raise fail(e) from None
    finally:
        if status is not None:
            status.stop()
        engine.dispose()
    resumed = f" (resumed after input {report.resumed_from:,})" if report.resumed_from else ""
    rate = report.stored / report.seconds if report.seconds else 0.0
    err.print(
        f"clampdown: {report.read:,} read, {report.duplicates:,} already stored, "
        f"{report.failed:,} failed, {report.stored:,} stored, {report.events:,} events, "
        f"{report.cases:,} cases touched, {report.completed:,} dates completed{resumed} "
        f"in {report.seconds:.1f} s ({rate:,.0f} documents/s)",
        markup=False,
    )
    if strict and report.failed:
        raise typer.Exit(1)


TypeOpt = Annotated[
    str | None, typer.Option("--type", metavar="TYPES", help="Event types, comma-separated")
]
CountryOpt = Annotated[
    str | None, typer.Option(metavar="CC", help="ISO country code (EU for EU bodies)")
]
StatusOpt = Annotated[Status | None, typer.Option(help="Acts done, or only announced")]
OffsetOpt = Annotated[int, typer.Option(metavar="N", min=0, help="Rows to skip")]


@app.command("events")
def events_cmd(
    db: DbOption = None,
    type_: TypeOpt = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    country: CountryOpt = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOpt = None,
    min_sources: SourcesOption = None,
    sort: Annotated[EventSort, typer.Option(help="Order of the rows")] = "date",
    asc: AscOption = False,
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    format: ReadFormatOption = "table",
) -> None:
    """List stored events (each report of an act).

    Newest first unless --sort and --asc say otherwise; filters narrow the rows.

    \b
    Example:
      clampdown events --type FINE --country RU --since 2021 --format csv
    """
    from clampdown.cli.tables import EVENT_COLUMNS, write_rows
    from clampdown.query.listing import list_events

    f = case_filter(type_, actor, target, country, since, until, status, min_sources)
    with store_connection(db) as conn:
        rows = list_events(conn, f, sort=sort, desc=not asc, limit=limit, offset=offset)
    write_rows(rows, format, "Events", EVENT_COLUMNS)


@app.command("cases")
def cases_cmd(
    db: DbOption = None,
    type_: TypeOpt = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    country: CountryOpt = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOpt = None,
    min_sources: SourcesOption = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only cases where sources "
                                            "disagree")] = False,
    sort: Annotated[CaseSort, typer.Option(help="Order of the rows")] = "date",
    asc: AscOption = False,
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    format: ReadFormatOption = "table",
) -> None:
    """List cases: one act however many outlets reported it.

    Newest first unless --sort and --asc say otherwise; filters narrow the rows.

    \b
    Example:
      clampdown cases --type FINE --min-sources 2 --sort amount
    """
    from clampdown.cli.tables import CASE_COLUMNS, write_rows
    from clampdown.query.listing import list_cases

    f = case_filter(type_, actor, target, country, since, until, status, min_sources, conflicts)
    with store_connection(db) as conn:
        rows = list_cases(conn, f, sort=sort, desc=not asc, limit=limit, offset=offset)
    write_rows(rows, format, "Cases", CASE_COLUMNS)


@app.command("case")
def case_cmd(
    case_id: Annotated[
        int, typer.Argument(metavar="CASE", help="Case number, as `clampdown cases` shows it")
    ],
    db: DbOption = None,
    format: CaseFormatOption = "table",
) -> None:
    """Show one case with every source and its evidence.

    Its fields, where sources disagree, the check of conversions the sources printed, and
    every report with its evidence sentence.

    \b
    Example:
      clampdown case 12 --format json
    """
    import json

    from clampdown.query.listing import get_case

    with store_connection(db) as conn:
        case = get_case(conn, case_id)
    if case is None:
        raise fail(f"no case {case_id} in this store; `clampdown cases` lists them")
    if format == "json":
        sys.stdout.write(json.dumps(case, ensure_ascii=False, indent=2) + "\n")
        return
    from clampdown.cli.tables import show_case

    show_case(case)
