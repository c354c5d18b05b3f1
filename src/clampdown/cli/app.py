"""The Typer application every command module registers itself on, and what they share.

Command modules import only this module, Typer and the standard library at their top and
load what a command runs inside it, so `clampdown --help` answers at once and a command
pays only for its own imports.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from clampdown.languages import supported

app = typer.Typer(
    help="Evidence-grounded records of state pressure on online platforms.\n\n"
    "\b\nThe usual order: extract (try it on files), ingest (fill a store), events / cases /"
    "\ncase (read it), disputes / dispute (each state against a platform, step by step),"
    "\nexport (tables for other tools), serve (API and dashboard); spark and spark-load for a"
    "\ncluster.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: no type noise beside flags, no boxes to draw
)
# Messages go to standard error; standard output carries only data.
err = Console(stderr=True, highlight=False)


@app.callback()
def main() -> None:
    """clampdown: news reporting in, events with their evidence out."""


def say(message: object) -> None:
    """One message on standard error, worded as every command words them."""
    err.print(f"clampdown: {message}", markup=False, soft_wrap=True)


def fail(message: object) -> typer.Exit:
    """Say what went wrong; the exit (status 1) for the caller to raise."""
    say(message)
    return typer.Exit(1)


# One per lexicons/<code>/ folder, so not a literal mypy could list.
Lang = StrEnum("Lang", {code: code for code in supported()})  # type: ignore[misc]


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Store: a SQLite file or a postgresql:// URL [default: $CLAMPDOWN_DB, else "
        "./clampdown.db]",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang | None,
    typer.Option(help="Language of documents that neither state nor show their own"),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(metavar="YYYY-MM-DD", help="Publication date of undated documents"),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Exit 1 if any input could not be read")
]


class Reader(StrEnum):
    """How web pages and WARC records are read (ingest/context.py READERS)."""

    accurate = "accurate"
    fast = "fast"


ReaderOption = Annotated[
    Reader,
    typer.Option(help="Web pages and WARC records: accurate (trafilatura, warcio) or fast "
                 "(Resiliparse, FastWARC: several times faster, a little more page furniture "
                 "kept; for crawls)"),
]


def published_date(value: str | None) -> date | None:
    """The --published option: a full calendar date, as documents' own dates are."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form",
                             param_hint="--published")
