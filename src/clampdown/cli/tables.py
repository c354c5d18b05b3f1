"""What the read commands print: tables for a terminal, CSV, JSON Lines and JSON for tools.

Loaded only when `events`, `cases` or `case` runs; Rich's tables and the CSV writer are not
needed to start the command line.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clampdown.export.cells import spreadsheet_safe
from clampdown.query.names import ReadFormat

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


def write_rows(
    rows: list[dict[str, Any]], fmt: ReadFormat, title: str, columns: tuple[str, ...]
) -> None:
    """Rows of `events` or `cases` on standard output in the chosen format."""
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
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


def show_case(case: dict[str, Any]) -> None:
    """One case as `clampdown case` shows it on a terminal."""
    console = _console()
    money = ""
    if case["amount"] is not None:
        money = f"{case['amount']:,} {case['currency'] or ''}".strip()
        if case["amount_eur"] is not None and case["amount_usd"] is not None:
            money += (f" (EUR {case['amount_eur']:,.0f}, USD {case['amount_usd']:,.0f}; "
                      f"{case.get('rate_source') or 'reference'} rates)")
        elif case.get("unconverted"):
            money += f" (EUR –, USD –: {case['unconverted']})"
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
                f"{ch['stated']:,} {ch['stated_currency']}; "
                f"{ch.get('rate_source') or 'reference'} rate of {ch['rate_date']} gives "
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
    return escape(str(value))
