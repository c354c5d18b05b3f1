"""`clampdown extract`: documents in, events out, each with the sentence that states it."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from clampdown.cli.app import (
    LangOption,
    PublishedOption,
    Reader,
    ReaderOption,
    StrictOption,
    app,
    err,
    say,
)
from clampdown.cli.app import published_date as _parse_date
from clampdown.output import Format

if TYPE_CHECKING:
    from rich.console import Console

    from clampdown.model import ExtractionResult

# Libraries that log every page they find no article in; our own messages say it once.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer", "httpx")


@dataclass
class Counts:
    """What the summary line reports."""

    read: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0

    @property
    def errors(self) -> int:
        return self.skipped + self.failed

    def summary(self) -> str:
        return (
            f"clampdown: {self.read} read, {self.skipped} skipped, {self.failed} failed, "
            f"{self.events} events"
        )


@contextmanager
def progress_bar(console: Console | None, counts: Counts) -> Iterator[Callable[[], None]]:
    """A live count of documents, documents/s and errors on a terminal; nothing in a pipe.

    Yields the function to call after each input item.
    """
    if console is None or not console.is_terminal:
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[docs]} documents"),
        TextColumn("{task.fields[rate]} documents/s"),
        TextColumn("{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,  # stdout carries the data; it must never reach stderr
        redirect_stderr=False,
    )
    task = bar.add_task("extract", total=None, docs=0, rate="0", errors=0)

    def advance() -> None:
        rate = counts.read / max(time.monotonic() - started, 1e-9)
        bar.update(task, docs=counts.read, rate=f"{rate:,.1f}", errors=counts.errors)

    with bar:
        yield advance


@app.command("extract")
def extract_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files (JSON Lines, .txt, HTML, RSS/Atom, WARC, also .gz/.bz2), folders, "
            "http(s) URLs, or - for standard input",
            show_default=False,
        ),
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = "table",
    published: PublishedOption = None,
    lang: LangOption = None,
    include: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB",
                     help="Files to read in folders (repeatable; default: known kinds)"),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Files or folders to leave out of folders "
                     "(repeatable)"),
    ] = None,
    strict: StrictOption = False,
    reader: ReaderOption = Reader.accurate,
) -> None:
    """Extract events from documents and print them; nothing is stored.

    One record per document, each event with the sentence that states it (its evidence);
    `clampdown ingest` stores what this prints.

    \b
    Example:
      clampdown extract news.jsonl pages/ https://example.org/story --format jsonl
    """
    import logging

    from clampdown.errors import ClampdownError, InputError
    from clampdown.extract.pipeline import extract
    from clampdown.ingest import read_documents
    from clampdown.output import write_json, write_jsonl, write_table
    from clampdown.settings import Settings

    pub = _parse_date(published)
    try:
        settings = Settings.from_env()
    except ClampdownError as e:
        raise typer.BadParameter(str(e)) from None
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    counts = Counts()
    items = read_documents(
        inputs,
        lang=lang.value if lang else None,
        published=pub,
        settings=settings,
        include=include or (),
        exclude=exclude or (),
        reader=reader.value,
    )
    # The bar would tangle with JSON written to the same terminal; a table waits for the end.
    bar_console = err if format == "table" or not sys.stdout.isatty() else None

    def results(advance: Callable[[], None]) -> Iterator[ExtractionResult]:
        for item in items:
            if isinstance(item, InputError):
                if item.skipped:
                    counts.skipped += 1
                elif not item.noted:
                    counts.failed += 1
                say(item)
            else:
                try:
                    result = extract(item)
                except ClampdownError as e:  # over the time budget: this document only
                    counts.skipped += 1
                    say(e)
                    advance()
                    continue
                counts.read += 1
                counts.events += len(result.events)
                yield result
            advance()

    table: list[ExtractionResult] = []
    with progress_bar(bar_console, counts) as advance:
        if format == "jsonl":
            write_jsonl(results(advance), sys.stdout)
        elif format == "json":
            write_json(results(advance), sys.stdout)
        else:
            table = list(results(advance))
    if format == "table":
        from rich.console import Console

        console = Console()
        if not console.is_terminal:
            console = Console(width=160)  # a pipe or file: room for the table's columns
        write_table(table, console)
    err.print(counts.summary(), markup=False)
    if strict and counts.errors:
        raise typer.Exit(1)
