"""`clampdown rates update`: the Bank of Russia's rouble rates, brought up to date.

The table ships with the package; this reads the bank's XML_dynamic service for the days
after its last row (or from --since) and merges what it answers. Without a connection it
says so and changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from clampdown.cli.app import app, fail, say

rates_app = typer.Typer(help="Reference rates for currencies the ECB does not publish.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rates_app, name="rates")


@rates_app.command("update")
def update_cmd(
    since: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="First day to read [default: the day after "
                     "the table's last, per currency]", show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Last day to read [default: today]",
                     show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", metavar="PATH", help="Rates file to update [default: the "
                     "table shipped with the package]", show_default=False),
    ] = None,
    timeout: Annotated[float, typer.Option(metavar="S", help="Seconds per request")] = 30.0,
) -> None:
    """Read the Bank of Russia's official USD and EUR rates of the rouble and add them to
    the rates table.

    \b
    Example:
      clampdown rates update --since 2024-06-01
    """
    from clampdown.link import cbr

    path = file or cbr.RATES_FILE
    try:
        start = date.fromisoformat(since) if since else None
        end = date.fromisoformat(until) if until else date.today()
    except ValueError as e:
        raise fail(f"--since/--until: {e}") from None
    table = cbr.read_table(path)
    fetched = []
    for cur in cbr.CODES:
        last = max((d for d, c in table if c == cur), default=None)
        first = start or (last + timedelta(days=1) if last else date(2022, 1, 1))
        if first > end:
            say(f"{cur}: up to date ({last})")
            continue
        try:
            rows = cbr.fetch(cur, first, end, timeout)
        except cbr.RatesError as e:
            raise fail(f"{cur}: {e}") from None
        fetched.append(rows)
        say(f"{cur}: {len(rows)} rates from {first} to {end}")
    added, changed = cbr.merge(path, fetched)
    say(f"{path}: {added} rates added, {changed} changed")
