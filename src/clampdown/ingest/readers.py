"""Read every input clampdown accepts into `Document`s: files, folders, URLs, stdin.

Input comes from scrapers, crawls, exports and hand edits, so it is untrusted: every
problem with an input or a record becomes a yielded `InputError` and reading goes on,
and every read is bounded by `Settings`, so a 1 GB file or a gzip bomb costs a skip, not
the machine's memory. What an input is gets decided by its first bytes (`sniff`), so a
gzipped JSON Lines file or a WARC without a suffix is read as what it is.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from clampdown.errors import SKIPPED, InputError
from clampdown.ingest import sniff as kinds
from clampdown.ingest.charset import CharsetError, decode
from clampdown.ingest.cleanup import clean_text
from clampdown.ingest.compressed import Decompressed, decompressed
from clampdown.ingest.context import ACCURATE, FAST, READERS, Item, ReadContext
from clampdown.ingest.feeds import FeedError, read_feed
from clampdown.ingest.folders import DEFAULT_INCLUDE, os_reason, walk
from clampdown.ingest.html import Page, PageError, read_page
from clampdown.ingest.jsonl import read_jsonl
from clampdown.ingest.sniff import HEAD_BYTES, sniff, strip_suffixes
from clampdown.ingest.streams import StreamError, TooLarge, human_size, read_up_to, replay
from clampdown.ingest.urls import FetchError, fetch, is_url
from clampdown.ingest.warc import Record, read_warc
from clampdown.settings import Settings

STDIN = "<stdin>"
MAX_NESTING = 1  # a .gz inside a .gz is not unpacked: nothing legitimate needs it


def read_documents(
    paths: Sequence[str],
    *,
    lang: str | None = None,
    published: date | None = None,
    settings: Settings | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    reader: str = ACCURATE,
) -> Iterator[Item]:
    """Yield the documents in `paths`, in order, and an `InputError` for each bad input.

    A path is a file of any kind `sniff` knows (JSON Lines, text, HTML, RSS/Atom, WARC,
    any of them gzip- or bzip2-compressed), a folder (read recursively in name order,
    hidden entries skipped, files matching `include` globs, default DEFAULT_INCLUDE, and
    no `exclude` glob), an http(s) URL, or "-" for standard input. `lang` and `published`
    apply to documents that neither state nor show their own. Never raises for bad input,
    so one bad line cannot abort a batch. `reader` FAST reads web pages and WARC records
    with Resiliparse and FastWARC (`ingest/fast.py`) instead of trafilatura and warcio.
    """
    if reader not in READERS:
        raise ValueError(f"reader {reader!r} is not one of {', '.join(READERS)}")
    if isinstance(paths, str | os.PathLike):  # a lone path would be iterated per character
        paths = [os.fspath(paths)]
    ctx = ReadContext(
        settings or Settings(),
        lang,
        published,
        include=tuple(include) or DEFAULT_INCLUDE,
        exclude=tuple(exclude),
        reader=reader,
    )
    try:
        for p in paths:
            p = os.fspath(p)
            if p == "-":
                items = _read_stream(sys.stdin.buffer, STDIN, ctx, doc_id="stdin")
            elif is_url(p):
                items = _read_url(p, ctx)
            else:
                items = _read_path(Path(p), ctx)
            for item in items:
                yield item
                yield from ctx.take_notes()  # a field dropped from that document
            if ctx.stopped:
                return
    finally:
        ctx.close()


def _read_path(path: Path, ctx: ReadContext) -> Iterator[Item]:
    try:
        st = path.stat()
    except OSError as e:
        yield InputError(str(path), os_reason(e))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _read_folder(path, ctx)
    else:
        yield from _read_file(path, ctx, doc_id=strip_suffixes(path.name), st=st)


def _read_folder(root: Path, ctx: ReadContext) -> Iterator[Item]:
    for found in walk(root, ctx):
        if isinstance(found, InputError):
            yield found
        else:
            path, rel, st = found
            yield from _read_file(path, ctx, doc_id=strip_suffixes(rel), st=st)


def _read_file(path: Path, ctx: ReadContext, *, doc_id: str, st: os.stat_result) -> Iterator[Item]:
    if (stop := ctx.count_file(str(path))) is not None:
        yield stop
        return
    limit = ctx.settings.max_document_bytes
    if kinds.suffix_kind(path.name) in kinds.SINGLE_DOCUMENT and st.st_size > limit:
        # Decided from the size alone: a 1 GB "article" is not opened, let alone read.
        yield InputError(str(path), _file_too_large(st.st_size, limit), SKIPPED)
        return
    try:
        with _open_input(path, st) as f:
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
            yield from _read_stream(f, str(path), ctx, doc_id=doc_id, name=path.name, size=size)
    except OSError as e:
        yield InputError(str(path), os_reason(e))


def _open_input(path: Path, st: os.stat_result) -> BinaryIO:
    """A file opened for reading; a named pipe without a writer reads as empty instead of
    blocking for ever in open() (one with a writer, as `<(cmd)` gives, is read as usual)."""
    if not stat.S_ISFIFO(st.st_mode):
        return open(path, "rb")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_url(url: str, ctx: ReadContext) -> Iterator[Item]:
    if (stop := ctx.count_file(url)) is not None:
        yield stop
        return
    try:
        got = fetch(url, ctx.settings, ctx.client())
    except FetchError as e:
        yield InputError(url, str(e))
        return
    name = urlsplit(got.url).path.rsplit("/", 1)[-1]
    yield from _read_stream(
        io.BytesIO(got.body),
        url,
        ctx,
        doc_id=url,
        name=name,
        size=len(got.body),
        content_type=got.content_type,
        url=got.url,
    )


def _read_stream(
    raw: BinaryIO,
    source: str,
    ctx: ReadContext,
    *,
    doc_id: str,
    name: str = "",
    size: int | None = None,
    content_type: str | None = None,
    url: str | None = None,
) -> Iterator[Item]:
    """Read one input of any kind; a problem midway ends it with one error naming it."""
    try:
        yield from _dispatch(raw, source, ctx, doc_id, name, size, content_type, url, 0)
    except StreamError as e:
        yield InputError(source, e.reason, e.outcome)


def _dispatch(
    raw: BinaryIO,
    source: str,
    ctx: ReadContext,
    doc_id: str,
    name: str,
    size: int | None,
    content_type: str | None,
    url: str | None,
    depth: int,
) -> Iterator[Item]:
    """Sniff the head of `raw`, then hand the whole stream to the reader of its kind."""
    head = read_up_to(raw, HEAD_BYTES)
    if not head:
        yield InputError(source, "empty input" if source == STDIN else "empty file", SKIPPED)
        return
    kind = sniff(head, name, content_type)
    stream = replay(head, raw)
    limit = ctx.settings.max_document_bytes
    if kind in (kinds.GZIP, kinds.BZ2):
        if depth >= MAX_NESTING:
            yield InputError(source, "compressed data inside compressed data; not read", SKIPPED)
            return
        native = _seekable_start(raw, head) if ctx.reader == FAST and kind == kinds.GZIP else None
        inner = decompressed(stream, kind, ctx.settings.max_decompressed_bytes, native=native)
        inner_name = str(Path(name).with_suffix("")) if name else ""
        try:
            yield from _dispatch(inner, source, ctx, doc_id, inner_name, None, None, url, depth + 1)
        except StreamError:
            inner.check()  # a cut record is only the symptom when decompression stopped
            raise
        inner.check()
        return
    if kind in (kinds.BINARY, kinds.UTF16, kinds.XML):
        yield InputError(source, _not_text(kind, head), SKIPPED)
        return
    if kind == kinds.JSONL:
        yield from read_jsonl(stream, source, ctx)
        return
    if kind == kinds.WARC:
        yield from _warc_documents(stream, source, ctx, doc_id)
        return
    if size is not None and size > limit:
        yield InputError(source, _file_too_large(size, limit), SKIPPED)
        return
    data = read_up_to(stream, limit + len(kinds.BOM) + 1)
    if len(data.removeprefix(kinds.BOM)) > limit:
        what = "decompressed input" if depth else "input"
        raise TooLarge(f"{what} is over max_document_bytes ({human_size(limit)})")
    if isinstance(raw, Decompressed):
        raw.check()  # never read the first part of a cut-short document as the whole
    if kind == kinds.HTML:
        yield _html_document(data, source, ctx, doc_id, charset=_charset_of(content_type), url=url)
    elif kind == kinds.FEED:
        yield from _feed_documents(data, source, ctx, doc_id)
    else:
        yield _text_document(data, source, ctx, doc_id, content_type, url=url)


def _seekable_start(raw: BinaryIO, head: bytes) -> tuple[BinaryIO, int] | None:
    """(`raw`, where its data starts) when `raw` can seek back there (a file, not a pipe)."""
    try:
        if isinstance(raw, Decompressed) or not raw.seekable():
            return None
        return raw, raw.tell() - len(head)
    except (OSError, ValueError):
        return None


def _text_document(
    data: bytes,
    source: str,
    ctx: ReadContext,
    doc_id: str,
    content_type: str | None = None,
    *,
    published: date | None = None,
    url: str | None = None,
) -> Item:
    try:
        text = decode(data, _charset_of(content_type))
    except CharsetError as e:
        return InputError(source, str(e))
    if not text.strip():
        return InputError(source, "empty file (only whitespace)", SKIPPED)
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return InputError(source, "no text left once page furniture is removed", SKIPPED)
    return ctx.document(doc_id, text, source, published=published, url=url)


def _html_document(
    data: bytes,
    source: str,
    ctx: ReadContext,
    doc_id: str,
    *,
    charset: str | None,
    url: str | None,
    published: date | None = None,
) -> Item:
    """A web page's document; `published` (a WARC record's date) stands where the page
    states none."""
    try:
        page = _read_page(ctx, data, url=url, charset=charset)
    except PageError as e:
        return InputError(source, str(e), SKIPPED)
    return ctx.document(
        doc_id,
        page.text,
        source,
        published=page.published or published,
        lang=page.lang,
        url=page.url or url,
        title=page.title,
    )


def _feed_documents(data: bytes, source: str, ctx: ReadContext, doc_id: str) -> Iterator[Item]:
    try:
        entries = list(read_feed(data))
    except FeedError as e:
        yield InputError(source, str(e))
        return
    if not entries:
        yield InputError(source, "feed has no entries", SKIPPED)
    for n, entry in enumerate(entries, 1):
        where = f"{source}#{n}"
        if entry.problem:
            yield InputError(source, f"entry {n}: {entry.problem}", SKIPPED)
            continue
        yield ctx.document(
            entry.id or f"{doc_id}#{n}",
            entry.text,
            where,
            published=entry.published,
            lang=entry.lang,
            url=entry.url,
            title=entry.title,
        )


def _warc_documents(
    stream: BinaryIO, source: str, ctx: ReadContext, doc_id: str
) -> Iterator[Item]:
    empty = True
    if ctx.reader == FAST:
        from clampdown.ingest.fast import read_warc_fast

        records = read_warc_fast(stream, ctx.settings.max_document_bytes)
    else:
        records = read_warc(stream, ctx.settings.max_document_bytes)
    for record in records:
        empty = False
        yield _record_document(record, source, ctx, doc_id)
    if empty:  # say so: a crawl of images or redirects is not a silent success
        yield InputError(source, "no HTML responses or text conversions in the WARC", SKIPPED)


def _record_document(record: Record, source: str, ctx: ReadContext, doc_id: str) -> Item:
    where = f"{source}#{record.number}"
    if record.problem:
        return InputError(source, record.problem, SKIPPED)
    ident = record.id or f"{doc_id}#{record.number}"
    if record.html:
        doc = _html_document(record.payload, where, ctx, ident, charset=record.charset,
                             url=record.url, published=record.date)
        what = f"record {record.number} ({record.url})"
    else:
        doc = _text_document(record.payload, where, ctx, ident, published=record.date,
                             url=record.url)
        what = f"record {record.number}"
    if isinstance(doc, InputError):  # said of the WARC file, naming the record
        return InputError(source, f"{what}: {doc.reason}", doc.outcome)
    return doc


def _read_page(ctx: ReadContext, data: bytes, *, url: str | None, charset: str | None) -> Page:
    if ctx.reader == FAST:
        from clampdown.ingest.fast import read_page_fast

        return read_page_fast(data, url=url, charset=charset)
    return read_page(data, url=url, charset=charset)


def _charset_of(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _not_text(kind: str, head: bytes) -> str:
    if kind == kinds.UTF16:
        return "UTF-16 text, not UTF-8; convert it to UTF-8"
    if kind == kinds.XML:
        return "XML that is neither an RSS/Atom feed nor a web page"
    what = kinds.binary_magic(head)
    return f"binary file ({what}), not text" if what else "binary file, not text"


def _file_too_large(size: int, limit: int) -> str:
    return f"file is {human_size(size)} over max_document_bytes ({human_size(limit)})"
