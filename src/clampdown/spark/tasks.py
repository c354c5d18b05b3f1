"""What Spark tasks run: reading files and preparing documents, a partition at a time.

Functions here run on executors. Each partition reuses one read context and the process's
knowledge base (`extract.pipeline.gazetteer` is cached per Python worker, and Spark keeps
workers for the whole job), so the 1.5 s it takes to load is paid once per worker, not
per document. Nothing here raises for a bad document: reading problems and extraction
failures become error rows, counted in the job's summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from clampdown.errors import FAILED, InputError
from clampdown.ingest.context import ACCURATE
from clampdown.model import Document
from clampdown.settings import Settings
from clampdown.spark.inputs import InputFile
from clampdown.spark.readers import context, parquet_document, read_input
from clampdown.spark.records import document_row, error_row

# (file, record, Document) or (file, record, error row): what reading hands to preparing.
Tagged = tuple[int, int, Document | dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The CLI's reading options, shipped to every task."""

    settings: Settings
    lang: str | None = None
    published: date | None = None
    reader: str = ACCURATE


def read_files(
    files: Iterable[tuple[InputFile, bytes | None]], opts: ReadOptions
) -> Iterator[Tagged]:
    """Every item of the files of one partition, numbered within its file."""
    ctx = context(opts.settings, opts.lang, opts.published, opts.reader)
    for f, data in files:
        record = -1
        try:
            for record, item in enumerate(read_input(f, ctx, data)):
                yield _tag(f.index, record, item)
        except Exception as e:  # noqa: BLE001 - a reader bug costs the rest of the file only
            yield _tag(f.index, record + 1, InputError(f.path, f"cannot read ({e!r})"))


def read_rows(rows: Iterable[Any], opts: ReadOptions) -> Iterator[Tagged]:
    """Documents of Parquet rows (`file`, `record`, `path` and the JSON Lines fields)."""
    ctx = context(opts.settings, opts.lang, opts.published, opts.reader)
    for row in rows:
        rec = row.asDict()
        file, record, path = rec.pop("file"), rec.pop("record"), rec.pop("path")
        rec = {k: v for k, v in rec.items() if v is not None}
        yield _tag(file, record, parquet_document(rec, f"{path}#{record + 1}", ctx))
        ctx.take_notes()  # the row is read; its dropped fields are not reported from Parquet


def _tag(file: int, record: int, item: Document | InputError) -> Tagged:
    # Errors travel as rows: an InputError does not survive pickling with its outcome.
    if isinstance(item, InputError):
        return file, record, error_row(item, file, record)
    return file, record, item


def prepare_partition(items: Iterable[Tagged]) -> Iterator[dict[str, Any]]:
    """ITEM rows: each document extracted and prepared as the store's ingest prepares it."""
    from clampdown.store.prepare import prepare

    for file, record, item in items:
        if isinstance(item, dict):
            yield {"document": None, "error": item}
            continue
        try:
            prepared = prepare(item, rows=False)  # rows are made again from the events
            yield {"document": document_row(prepared, file, record), "error": None}
        except Exception as e:  # noqa: BLE001 - one document's failure must not end the job
            where = item.source or item.id
            err = InputError(where, f"extraction failed ({e!r})", FAILED)
            yield {"document": None, "error": error_row(err, file, record)}
