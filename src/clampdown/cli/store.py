"""`clampdown ingest`, `events`, `cases` and `case`: the event store from the command line.

`ingest` fills the store (SQLite by default, PostgreSQL by URL); the other three read it
with the same filters and output formats (`--format table|csv|jsonl|json`).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from clampdown.cli.app import app, err
from clampdown.cli.spark import load_tables
from clampdown.errors import ClampdownError, StoreError
from clampdown.export.writers import spreadsheet_safe
from clampdown.ingest import read_documents
from clampdown.spark.load import is_output
from clampdown.store.db import database_url, open_store
from clampdown.store.ingest import DEFAULT_BATCH, IngestReport, ingest, run_key
from clampdown.store.queries import (
    CASE_SORTS,
    DEFAULT_LIMIT,
    EVENT_SORTS,
    Filters,
    get_case,
    list_cases,
    list_events,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a SQLite file or a postgresql:// URL (default: $CLAMPDOWN_DB, "
        "else ./clampdown.db)",
        show_default=False,
    ),
]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"


class Lang(StrEnum):
    en = "en"
    ru = "ru"


class Status(StrEnum):
    done = "done"
    announced = "announced"


def _date(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1)
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                                 param_hint=what) from None


def _until(value: str | None) -> date | None:
    """An `--until 2021` or `--until 2021-09` includes that whole year or month."""
    d = _date(value, "--until")
    if d is None or value is None or len(value) == 10:
        return d
    if len(value) == 4:
        return date(d.year, 12, 31)
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _fail(e: ClampdownError) -> typer.Exit:
    err.print(f"clampdown: {e}", markup=False, soft_wrap=True)
    return typer.Exit(1)


@app.command("ingest")
def ingest_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders, URLs or - (what `extract` reads), or the "
                       "--output folder of `clampdown spark`"),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated documents")
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of documents that do not say")] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per transaction")
    ] = DEFAULT_BATCH,
    jobs: Annotated[
        int,
        typer.Option(min=0, help="Extraction processes; 0: one per core",
                     show_default=False),
    ] = 0,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input could not be read")] = False,
) -> None:
    """Extract documents and store them with their events, linked into cases.

    A document already stored (same normalised text or URL) is skipped.

    After a crash or Ctrl-C, the same command goes on where it stopped.

    Example: clampdown ingest news/ --db postgresql://user@localhost/clampdown
    """
    if inputs and all(is_output(i) for i in inputs):  # `clampdown spark --output` folders
        for tables in inputs:
            load_tables(Path(tables), db, batch_size)
        return
    pub = _date(published, "--published")
    if published is not None and len(published) != 10:
        raise typer.BadParameter("give a full date, YYYY-MM-DD", param_hint="--published")
    url = database_url(db)
    workers = jobs or os.cpu_count() or 1
    try:
        engine = open_store(url, write=True)
    except StoreError as e:
        raise _fail(e) from None
    key = run_key(inputs, lang=lang.value if lang else None, published=pub)
    items = read_documents(inputs, lang=lang.value if lang else None, published=pub)
    report: IngestReport | None = None
    status = err.status("ingesting", spinner="dots") if err.is_terminal else None

    def progress(r: IngestReport) -> None:
        if status is not None:
            status.update(f"ingesting: {r.stored:,} documents stored, {r.events:,} events")

    def error(msg: str) -> None:
        err.print(f"clampdown: {msg}", markup=False, soft_wrap=True)

    try:
        if status is not None:
            status.start()
        report = ingest(
            engine, items, batch_size=batch_size, jobs=workers, key=key,
            label=" ".join(inputs), on_error=error, on_batch=progress,
        )
    except KeyboardInterrupt:
        if status is not None:
            status.stop()
        err.print(
            "clampdown: interrupted; committed batches are stored, the batch in flight was "
            "rolled back. Run the same command again to resume.",
            markup=False,
        )
        raise typer.Exit(130) from None
    except StoreError as e:
        raise _fail(e) from None
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


def _filters(
    type_: str | None, actor: str | None, target: str | None, country: str | None,
    since: str | None, until: str | None, status: Status | None, min_sources: int | None,
    conflicts: bool = False,
) -> Filters:
    types = tuple(t.strip().upper() for t in (type_ or "").split(",") if t.strip())
    return Filters(
        types=types, actor=actor, target=target, country=country,
        since=_date(since, "--since"), until=_until(until),
        status=status.value if status else None, min_sources=min_sources, conflicts=conflicts,
    )


TypeOpt = Annotated[str | None, typer.Option("--type", help="Event types, comma-separated")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor name, id or surface form")]
TargetOpt = Annotated[str | None, typer.Option(help="Target name, id or surface form")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO country code (EU for EU bodies)")]
SinceOpt = Annotated[str | None, typer.Option(help="Acts on or after (YYYY[-MM[-DD]])")]
UntilOpt = Annotated[str | None, typer.Option(help="Acts on or before (YYYY[-MM[-DD]])")]
StatusOpt = Annotated[Status | None, typer.Option(help="done or announced")]
SourcesOpt = Annotated[
    int | None, typer.Option("--min-sources", min=1, help="At least this many independent sources")
]
AscOpt = Annotated[bool, typer.Option("--asc", help="Ascending order (default: descending)")]
LimitOpt = Annotated[int, typer.Option(min=1, max=100_000, help="Rows per page")]
OffsetOpt = Annotated[int, typer.Option(min=0, help="Rows to skip")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]


def _read(db: str | None) -> Any:
    try:
        return open_store(database_url(db), must_exist=True)
    except StoreError as e:
        raise _fail(e) from None


@app.command("events")
def events_cmd(
    db: DbOption = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    target: TargetOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    min_sources: SourcesOpt = None,
    sort: Annotated[str, typer.Option(help=f"One of: {', '.join(EVENT_SORTS)}")] = "date",
    asc: AscOpt = False,
    limit: LimitOpt = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    format: FormatOpt = Format.table,
) -> None:
    """List stored events, newest first.

    Example: clampdown events --type FINE --country RU --since 2021 --format csv
    """
    if sort not in EVENT_SORTS:
        raise typer.BadParameter(f"choose one of {', '.join(EVENT_SORTS)}", param_hint="--sort")
    f = _filters(type_, actor, target, country, since, until, status, min_sources)
    engine = _read(db)
    try:
        with engine.connect() as conn:
            rows = list_events(conn, f, sort=sort, desc=not asc, limit=limit, offset=offset)
    finally:
        engine.dispose()
    _write(rows, format, "Events", EVENT_COLUMNS)


@app.command("cases")
def cases_cmd(
    db: DbOption = None,
    type_: TypeOpt = None,
    actor: ActorOpt = None,
    target: TargetOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    status: StatusOpt = None,
    min_sources: SourcesOpt = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only cases where sources "
                                            "disagree")] = False,
    sort: Annotated[str, typer.Option(help=f"One of: {', '.join(CASE_SORTS)}")] = "date",
    asc: AscOpt = False,
    limit: LimitOpt = DEFAULT_LIMIT,
    offset: OffsetOpt = 0,
    format: FormatOpt = Format.table,
) -> None:
    """List cases (one act, however many outlets reported it), newest first.

    Example: clampdown cases --type FINE --min-sources 2 --sort amount
    """
    if sort not in CASE_SORTS:
        raise typer.BadParameter(f"choose one of {', '.join(CASE_SORTS)}", param_hint="--sort")
    f = _filters(type_, actor, target, country, since, until, status, min_sources, conflicts)
    engine = _read(db)
    try:
        with engine.connect() as conn:
            rows = list_cases(conn, f, sort=sort, desc=not asc, limit=limit, offset=offset)
    finally:
        engine.dispose()
    _write(rows, format, "Cases", CASE_COLUMNS)


class CaseFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("case")
def case_cmd(
    case_id: Annotated[int, typer.Argument(help="Case number, as `clampdown cases` shows it")],
    db: DbOption = None,
    format: Annotated[CaseFormat, typer.Option("--format", "-f", help="Output format")] = (
        CaseFormat.table
    ),
) -> None:
    """Show one case: fields, conflicts, conversion check, every source and its evidence.

    Example: clampdown case 12 --format json
    """
    engine = _read(db)
    try:
        with engine.connect() as conn:
            case = get_case(conn, case_id)
    finally:
        engine.dispose()
    if case is None:
        err.print(f"clampdown: no case {case_id} in this store; `clampdown cases` lists them",
                  markup=False)
        raise typer.Exit(1)
    if format is CaseFormat.json:
        sys.stdout.write(json.dumps(case, ensure_ascii=False, indent=2) + "\n")
        return
    _show_case(case, _console())


# -- output -------------------------------------------------------------------------------

EVENT_COLUMNS = ("id", "case", "doc", "type", "actor", "target", "country", "status", "date",
                 "amount", "currency", "amount_eur", "sources", "evidence")
CASE_COLUMNS = ("id", "type", "actor", "target", "country", "status", "date", "amount",
                "currency", "amount_eur", "sources", "documents", "origin", "conflicts")


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if key == "conflicts":
        return ", ".join(c["field"] for c in value) or "–"
    if key == "amount_eur":
        return f"{value:,.0f}"
    if isinstance(value, float | int) and key == "amount":
        return f"{value:,}"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _flat(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key == "conflicts":
        return ";".join(c["field"] for c in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write(rows: list[dict[str, Any]], fmt: Format, title: str, columns: tuple[str, ...]) -> None:
    if fmt is Format.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        fields = list(rows[0]) if rows else list(columns)
        w = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: spreadsheet_safe(_flat(k, v)) for k, v in r.items()})
    else:
        table = Table(title=title, show_lines=False, expand=True)
        for c in columns:
            wide = c in ("evidence", "actor", "target", "origin")
            table.add_column(c, ratio=3 if c == "evidence" else (1 if wide else None),
                             no_wrap=not wide, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(c, r.get(c)) for c in columns))
        console = _console()
        console.print(table)
        console.print(f"{len(rows)} rows", highlight=False)


def _show_case(case: dict[str, Any], console: Console) -> None:
    money = ""
    if case["amount"] is not None:
        money = f"{case['amount']:,} {case['currency'] or ''}".strip()
        if case["amount_eur"] is not None:
            money += f" (EUR {case['amount_eur']:,.0f}, USD {case['amount_usd'] or 0:,.0f})"
    fields = Table.grid(padding=(0, 2))
    for k, v in (
        ("case", case["id"]), ("type", case["type"]), ("actor", case["actor"]),
        ("target", case["target"]), ("country", case["country"]), ("status", case["status"]),
        ("date", case["date"]), ("amount", money or None),
        ("sources", f"{case['sources']} independent, {case['documents']} documents"),
        ("broke it", f"{case['origin'] or 'unknown outlet'} ({case['origin_doc']})"),
    ):
        fields.add_row(f"[bold]{k}[/bold]", _esc(v if v is not None else "–"))
    console.print(fields)
    if case["conflicts"]:
        console.print("\n[bold]Sources disagree[/bold]")
        for c in case["conflicts"]:
            for i, v in enumerate(c["values"]):
                shown = _conflict_value(v["value"])
                mark = "shown" if i == 0 else "     "
                console.print(
                    f"  {c['field']:<7} {mark}  {_esc(shown)}  — {len(v['sources'])} source(s): "
                    f"{_esc(', '.join(v['sources']))}",
                    highlight=False,
                )
    if case["conversion_checks"]:
        console.print("\n[bold]Conversions printed by the sources[/bold]")
        for ch in case["conversion_checks"]:
            if ch["ok"] is None:
                verdict = "no reference rate for that day"
            else:
                verdict = ("consistent" if ch["ok"] else "OFF") + f" ({ch['deviation']:+.1%})"
            console.print(
                f"  {_esc(ch['doc'])}: {ch['amount']:,} {ch['currency']} stated as "
                f"{ch['stated']:,} {ch['stated_currency']}; ECB rate of {ch['rate_date']} gives "
                f"{ch['expected'] or 0:,.0f}: {verdict}",
                highlight=False,
            )
    console.print("\n[bold]Sources[/bold] (earliest first)")
    for g in case["sources_detail"]:
        console.print(f"  [bold]{_esc(g['source'])}[/bold]")
        for d in g["documents"]:
            when = d["published"] or (
                f"{d['published_inferred']} (inferred from {d['date_basis']})"
                if d["published_inferred"] else "undated"
            )
            console.print(f"    {_esc(d['doc'])} {_esc('[' + d['role'] + ']')} {_esc(when)}",
                          highlight=False)
            console.print(f"      “{_esc(d['event']['evidence'])}”", highlight=False)


def _conflict_value(value: Any) -> str:
    """An entity by name, an amount as money, a date as it is."""
    if not isinstance(value, dict):
        return str(value)
    if "name" in value:
        return str(value["name"])
    cur = value.get("currency") or ""
    if value.get("amount") is not None:
        return f"{value['amount']:,.0f} {cur}".strip()
    low, high = value.get("amount_range") or (None, None)
    return f"{low:,.0f}–{high:,.0f} {cur}".strip() if low is not None else json.dumps(value)


def _esc(value: Any) -> str:
    """Article text is never markup."""
    from rich.markup import escape

    return escape(str(value))
