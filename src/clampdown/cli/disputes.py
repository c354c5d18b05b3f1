"""`clampdown disputes` and `clampdown dispute`: the story of a state against a platform.

A dispute is the cases of one state against one platform over one matter, in order; the
list reads like `cases` (filters, sort, `--format table|csv|jsonl|json`), and `dispute ID`
tells one step by step, each step with its evidence sentence.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from clampdown.cli.app import (
    AscOption,
    CaseFormatOption,
    DbOption,
    LimitOption,
    ReadFormatOption,
    app,
    fail,
    option_error,
    say,
    store_connection,
)
from clampdown.query.names import (
    DEFAULT_LIMIT,
    STAGE_NAMES,
    DisputeSort,
    ReadFormat,
)

DISPUTE_COLUMNS = ("id", "state", "platform", "first_date", "last_date", "n_steps", "stage",
                   "harshest", "days_to_compliance", "fines_eur", "matter")


@app.command("disputes")
def disputes_cmd(
    db: DbOption = None,
    country: Annotated[
        str | None, typer.Option(metavar="CC,...", help="The state's side: ISO codes")
    ] = None,
    platform: Annotated[
        str | None, typer.Option(metavar="NAME", help="A platform; its group's disputes "
                                 "(Instagram finds Meta's)")
    ] = None,
    authority: Annotated[
        str | None, typer.Option(metavar="NAME", help="An authority, court or official that "
                                 "took a step")
    ] = None,
    stage: Annotated[
        str | None, typer.Option(metavar="STAGES",
                                 help=", ".join(STAGE_NAMES) + "; comma-separated")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", metavar="TYPES", help="With a step of these types")
    ] = None,
    matter: Annotated[
        str | None, typer.Option(metavar="MATTER", help="A matter or law its steps name "
                                 "(protests, data_localisation, art-13.41)")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="YYYY[-MM[-DD]]", help="Active on or after")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="YYYY[-MM[-DD]]", help="Active on or before")
    ] = None,
    min_steps: Annotated[
        int | None, typer.Option("--min-steps", metavar="N", min=1,
                                 help="At least this many steps [default: 2]")
    ] = None,
    sort: Annotated[DisputeSort, typer.Option(help="Order of the rows")] = "last",
    asc: AscOption = False,
    limit: LimitOption = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, typer.Option(metavar="TOKEN", help="Go on after a page (the token the "
                                 "page before printed)")
    ] = None,
    format: ReadFormatOption = "table",
) -> None:
    """List disputes: each state against a platform over one matter, step by step.

    Latest activity first unless --sort and --asc say otherwise; a lone case is left out
    unless --min-steps 1.

    \b
    Example:
      clampdown disputes --country RU --platform Twitter --stage ended,escalated
    """
    from clampdown.query.disputes import list_disputes, parse_dispute_filter
    from clampdown.query.filters import FilterError
    from clampdown.query.paging import PageRequest

    raw = {"country": country, "platform": platform, "authority": authority, "stage": stage,
           "type": type_, "matter": matter, "since": since, "until": until,
           "min_steps": min_steps}
    try:
        f = parse_dispute_filter(raw)
        with store_connection(db) as conn:
            page = list_disputes(conn, f, PageRequest(limit, ("" if asc else "-") + sort, cursor))
    except FilterError as e:
        raise option_error(e) from None
    _write(page.items, format)
    if page.next_cursor and format == "table":
        say(f"{len(page.items)} of {page.total:,} disputes; the next page: --cursor "
            f"{page.next_cursor}")


def _write(rows: list[dict[str, Any]], fmt: ReadFormat) -> None:
    if fmt == "table":
        _table(rows)
        return
    from clampdown.cli.tables import write_rows

    if fmt == "csv":
        from clampdown.export.columns import flat_dispute

        write_rows([flat_dispute(r) for r in rows], "csv", "Disputes", DISPUTE_COLUMNS)
        return
    write_rows(rows, fmt, "Disputes", DISPUTE_COLUMNS)


def _table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    table = Table(title="Disputes", show_lines=False)
    for name, wrap in (("dispute", False), ("parties", True), ("from", False), ("to", False),
                       ("steps", False), ("stage", False), ("harshest", False),
                       ("to compliance", False), ("fines EUR", False), ("matter", True)):
        table.add_column(name, no_wrap=not wrap, overflow="fold",
                         justify="right" if name in ("steps", "fines EUR") else "left")
    for d in rows:
        stage = d["stage"] if d["stage"] == d["outcome"] else f"{d['stage']} ({d['outcome']})"
        table.add_row(
            d["id"], escape(d["title"]), d["first_date"] or "–", d["last_date"] or "–",
            str(d["n_steps"]), stage, _harshest(d), _days(d["days_to_compliance"]),
            f"{d['fines_eur']:,.0f}" if d["n_fines"] else "–",
            escape(", ".join(m["id"] for m in d["matter"]) or "–"),
        )
    console.print(table)
    console.print(f"{len(rows)} rows", highlight=False)


@app.command("dispute")
def dispute_cmd(
    dispute_id: Annotated[
        str, typer.Argument(metavar="ID", help="A dispute id, as `clampdown disputes` shows it")
    ],
    db: DbOption = None,
    format: CaseFormatOption = "table",
) -> None:
    """Tell one dispute step by step, with the evidence of each step.

    How it started, how it escalated, how it ended: every step's date, act, parties and
    evidence sentence, the matter it names and how it joined the dispute; the days from
    the state's first act to compliance and to the harshest measure, and the fines.

    \b
    Example:
      clampdown dispute ru-twitter-2021-01-23
    """
    from clampdown.query.disputes import get_dispute, resolve_key

    key = dispute_id.strip().lower()
    with store_connection(db) as conn:
        current = resolve_key(conn, key)
        found = get_dispute(conn, current) if current else None
    if found is None:
        raise fail(f"no dispute {key} in this store; `clampdown disputes` lists them")
    if current != key:
        say(f"{key} goes by {current} now (an earlier step or another dispute joined it)")
    if format == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    _show(found)


def _show(d: dict[str, Any]) -> None:
    """One dispute as `clampdown dispute` shows it on a terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    fields = Table.grid(padding=(0, 2))
    span = f"{d['first_date']} to {d['last_date']} ({d['duration_days']} days)"
    stage = d["stage"] if d["stage"] == d["outcome"] else f"{d['stage']} ({d['outcome']})"
    fines = "–"
    if d["n_fines"]:
        fines = (f"{d['n_fines']} fine(s): EUR {d['fines_eur']:,.0f}, USD "
                 f"{d['fines_usd']:,.0f}")
        if d["n_unconverted"]:
            fines += f" ({d['n_unconverted']} with no reference rate, not counted)"
    for k, v in (
        ("dispute", d["id"]), ("parties", d["title"]), ("time", span), ("steps", d["n_steps"]),
        ("stage", stage), ("harshest", _harshest(d)),
        ("to compliance", _days(d["days_to_compliance"])),
        ("to harshest", _days(d["days_to_harshest"])), ("fines", fines),
        ("matter", ", ".join(m["label"] for m in d["matter"]) or "–"),
    ):
        fields.add_row(f"[bold]{k}[/bold]", escape(str(v)))
    console.print(fields)
    console.print("\n[bold]Steps[/bold]")
    for s in d["steps"]:
        actor = (s["actor"] or {}).get("name") or "unnamed"
        target = (s["target"] or {}).get("name") or "unnamed"
        money = ""
        if s["amount"] is not None:
            money = f", {s['amount']:,} {s['currency'] or ''}".rstrip()
        status = "" if s["status"] == "done" else f" ({s['status']})"
        console.print(
            f"  {s['seq']:>2}. {escape(s['date'] or s['day'] or 'undated')}  "
            f"[bold]{s['type']}[/bold]{escape(status)}  {escape(actor)} → {escape(target)}"
            f"{escape(money)}  — {escape(_why(s['link']))}",
            highlight=False,
        )
        if s["evidence"]:
            console.print(f"      “{escape(s['evidence'])}”", highlight=False)
        doc = s["document"] or {}
        console.print(f"      case {s['case_id']}, {s['n_sources']} source(s); "
                      f"{escape(doc.get('ext_id') or '')}", highlight=False, style="dim")


def _harshest(d: dict[str, Any]) -> str:
    if not d["harshest"]:
        return "–"
    return str(d["harshest"]) + ("" if d["harshest_status"] == "done" else " (threatened)")


def _days(n: int | None) -> str:
    return "–" if n is None else f"{n} day{'' if n == 1 else 's'}"


def _why(link: dict[str, Any]) -> str:
    kind = link.get("kind")
    steps = " and ".join(str(n) for n in link.get("continues", []))
    if kind == "first":
        return "first step"
    if kind == "cue":
        return (f"continues {steps}, same matter: "
                + ", ".join(c["label"] for c in link.get("cues", [])))
    if kind == "reference":
        return f"refers back to {steps}"
    if not link.get("days"):
        return f"the same day as {steps}"
    return f"{_days(link.get('days'))} after {steps}"
