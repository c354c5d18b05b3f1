"""Reading one input file inside a Spark task, with ingest's own readers.

The one place this package reaches into ingest's internals: `_read_stream` (sniff and
read a stream of any kind) and `_warc_documents` (WARC records to Documents). Calling
them, rather than `read_documents` on a path, lets a task read bytes that came through
Hadoop (s3a://...) under their real name, and read a WARC through `warc.sanitized`, so
that a damaged record costs one record. If ingest renames them, tests/spark fails here.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from clampdown.errors import FAILED, SKIPPED, InputError
from clampdown.ingest import readers as _ingest
from clampdown.ingest.context import ACCURATE, Item, ReadContext
from clampdown.ingest.folders import DEFAULT_INCLUDE
from clampdown.ingest.sniff import HEAD_BYTES, WARC, sniff
from clampdown.ingest.streams import StreamError, read_up_to, replay
from clampdown.settings import Settings
from clampdown.spark.inputs import InputFile
from clampdown.spark.warc import is_gzip, sanitized

_read_stream = _ingest._read_stream
_warc_documents = _ingest._warc_documents


def context(
    settings: Settings | None = None,
    lang: str | None = None,
    published: date | None = None,
    reader: str = ACCURATE,
) -> ReadContext:
    """What the CLI's `read_documents` would set up for one run."""
    return ReadContext(
        settings or Settings(), lang, published, include=DEFAULT_INCLUDE, reader=reader
    )


def read_input(
    f: InputFile, ctx: ReadContext, data: bytes | None = None
) -> Iterator[Item]:
    """The documents and errors of one file: opened here when `data` is None (a local
    file), else read from `data` (bytes Spark fetched). Never raises for bad input.
    A field dropped from a document is noted right after it, as `read_documents` does."""
    for item in _items(f, ctx, data):
        yield item
        yield from ctx.take_notes()


def _items(f: InputFile, ctx: ReadContext, data: bytes | None) -> Iterator[Item]:
    try:
        if data is None:
            with open(f.path, "rb") as raw:
                size = _size(raw)
                yield from _read(raw, f, ctx, size)
        else:
            yield from _read(io.BytesIO(data), f, ctx, len(data))
    except OSError as e:
        yield InputError(f.path, f"cannot read ({e.strerror or e})")


def _size(raw: BinaryIO) -> int | None:
    st = os.fstat(raw.fileno())
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def _read(raw: BinaryIO, f: InputFile, ctx: ReadContext, size: int | None) -> Iterator[Item]:
    name = f.path.rsplit("/", 1)[-1]
    head = read_up_to(raw, HEAD_BYTES)
    if _is_warc(head, name):
        yield from _warc(raw, head, f, ctx)
    else:
        yield from _read_stream(replay(head, raw), f.path, ctx, doc_id=f.doc_id, name=name,
                                size=size)


def _is_warc(head: bytes, name: str) -> bool:
    if is_gzip(head):
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return sniff(head, name.removesuffix(".gz")) == WARC


def _warc(raw: BinaryIO, head: bytes, f: InputFile, ctx: ReadContext) -> Iterator[Item]:
    settings = ctx.settings
    stream, splitter = sanitized(
        raw, head, settings.max_document_bytes, settings.max_decompressed_bytes
    )
    reported = 0

    def damage() -> Iterator[Item]:
        nonlocal reported
        while reported < len(splitter.damage):
            d = splitter.damage[reported]
            reported += 1
            yield InputError(f.path, f"record {d.number}: {d.reason}",
                             SKIPPED if d.skipped else FAILED)

    try:
        for item in _warc_documents(stream, f.path, ctx, f.doc_id):
            yield from damage()
            yield item
    except StreamError as e:
        yield from damage()
        yield InputError(f.path, e.reason, e.outcome)
    yield from damage()


def parquet_document(rec: dict[str, object], where: str, ctx: ReadContext) -> Item:
    """A Parquet row with the JSON Lines fields (`id`, `text`, optional `published`,
    `lang`, `url`, `title`) as a Document, checked as a JSON line is."""
    from clampdown.ingest import jsonl

    published = rec.get("published")
    if isinstance(published, date):  # datetime too: Parquet dates and timestamps
        rec = {**rec, "published": published.isoformat()}
    try:
        return jsonl._document(rec, where, ctx)
    except jsonl._BadRecord as e:
        return InputError(where, str(e))
