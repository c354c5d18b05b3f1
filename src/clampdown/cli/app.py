"""The Typer application every command module registers itself on, and what they share.

Command modules import only this module, Typer and the standard library at their top and
load what a command runs inside it, so `clampdown --help` answers at once and a command
pays only for its own imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from clampdown.languages import supported
from clampdown.query.names import CaseFormat, ReadFormat

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from clampdown.query.filters import Bounds, CaseFilter, FilterError

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


def option_error(e: FilterError) -> typer.BadParameter:
    """A filter the query layer refused, told against the option that gave it."""
    return typer.BadParameter(e.message, param_hint=f"--{e.field.replace('_', '-')}")


@contextmanager
def store_connection(db: str | None) -> Iterator[Connection]:
    """A connection to an existing store for a read command, the engine disposed after;
    a store that is missing or cannot be opened ends the command with its message."""
    from clampdown.errors import StoreError
    from clampdown.store.db import database_url, open_store

    try:
        engine = open_store(database_url(db), must_exist=True)
    except StoreError as e:
        raise fail(e) from None
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


# Options of the commands that read the store (`events`, `cases`, `disputes`, `export`).
ActorOption = Annotated[
    str | None, typer.Option("--actor", metavar="NAME", help="Actor name, id or surface form")
]
TargetOption = Annotated[
    str | None, typer.Option("--target", metavar="NAME", help="Target name, id or surface form")
]
SinceOption = Annotated[
    str | None, typer.Option("--since", metavar="YYYY[-MM[-DD]]", help="Acts on or after")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="YYYY[-MM[-DD]]", help="Acts on or before")
]
SourcesOption = Annotated[
    int | None,
    typer.Option("--min-sources", metavar="N", min=1,
                 help="At least this many independent sources"),
]

AscOption = Annotated[bool, typer.Option("--asc", help="Ascending order (default: descending)")]
LimitOption = Annotated[
    int, typer.Option("--limit", metavar="N", min=1, max=100_000, help="Rows per page")
]
ReadFormatOption = Annotated[ReadFormat, typer.Option("--format", "-f", help="Output format")]
CaseFormatOption = Annotated[CaseFormat, typer.Option("--format", "-f", help="Output format")]


def case_filter(
    type_: str | None, actor: str | None, target: str | None, country: str | None,
    since: str | None, until: str | None, status: str | None, min_sources: int | None,
    conflicts: bool = False, settings: Bounds | None = None,
) -> CaseFilter:
    """The options as the filter every reader of the store takes (`query/filters.py`); an
    `--until 2021` or `--until 2021-09` includes that whole year or month."""
    from clampdown.query.filters import FilterError, parse_filter

    raw = {
        "type": type_, "actor": actor, "target": target, "country": country, "since": since,
        "until": until, "status": status, "min_sources": min_sources,
        "conflicts": True if conflicts else None,
    }
    try:
        return parse_filter(raw, settings)
    except FilterError as e:
        raise option_error(e) from None


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
