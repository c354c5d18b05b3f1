"""WARC files whose damaged records are skipped one by one, not the rest of the file.

Ingest's WARC reader stops a file at its first malformed record: right for one file on a
desk, wrong for a crawl, where a 1 GB Common Crawl News file with one bad record would
lose thousands of articles and a job of thousands of files would lose many. So before
ingest's reader sees a WARC, its records are checked here one by one: each record that
warcio cannot parse (a garbled header, a wrong Content-Length, a corrupt gzip member, a
file cut short) is replaced by an empty metadata record, which ingest's reader passes over
while still counting it, and reported. Good records reach ingest's reader byte for byte,
so a sound file yields exactly what `clampdown extract` yields.

Memory stays bounded: a record is held only up to `max_document_bytes` plus its headers;
a larger one is skipped as it streams past, as ingest would skip it.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from clampdown.ingest.streams import TooLarge, human_size, replay

GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 256 * 1024
MAX_HEADER = 64 * 1024  # a WARC header block longer than this is not one
HEADER_SLACK = 1024 * 1024  # WARC and HTTP headers held beside a payload at the limit
STUB = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
DOCUMENT_TYPES = (b"response", b"resource", b"conversion")
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$", re.I | re.M)
_TYPE = re.compile(rb"^warc-type[ \t]*:[ \t]*(\S+)", re.I | re.M)
_CONTENT_TYPE = re.compile(rb"^content-type[ \t]*:[ \t]*([^;\r\n]+)", re.I | re.M)
_RECORD_START = re.compile(rb"(?:^|\n)WARC/\d")
BREAK = None  # in a chunk stream: the compressed data broke here


@dataclass(frozen=True, slots=True)
class Damage:
    """A record replaced by a stub: its 1-based number and what was wrong."""

    number: int
    reason: str
    skipped: bool = False  # over a limit (skipped on purpose), not broken


def is_gzip(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


def gunzip_members(raw: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The decompressed bytes of every gzip member of `raw`, with BREAK where a member is
    corrupt or cut short; reading goes on at the next member's magic number.

    Raises TooLarge once more than `limit` bytes came out (a gzip bomb).
    """
    total = 0
    d = zlib.decompressobj(31)
    fresh = True  # no byte of the current member decompressed yet
    pending = b""
    while True:
        at_member = fresh  # a fresh member starts at the start of `data`
        data = pending or raw.read(CHUNK)
        pending = b""
        if not data:
            if not fresh and not d.eof:
                yield BREAK  # the file ends inside a member
            return
        try:
            out = d.decompress(data)
        except zlib.error:
            yield BREAK
            # The next member starts at the next magic number past this member's start.
            at = data.find(GZIP_MAGIC, 1 if at_member else 0)
            d, fresh = zlib.decompressobj(31), True
            if at >= 0:
                pending = data[at:]
            continue
        fresh = False
        if out:
            total += len(out)
            if total > limit:
                raise TooLarge(
                    f"decompresses to more than max_decompressed_bytes ({human_size(limit)});"
                    " the rest is not read (raise CLAMPDOWN_MAX_DECOMPRESSED_BYTES to read more)"
                )
            yield out
        if d.eof:
            pending = d.unused_data
            d, fresh = zlib.decompressobj(31), True


def plain_chunks(raw: BinaryIO) -> Iterator[bytes | None]:
    while data := raw.read(CHUNK):
        yield data


class Splitter:
    """Cuts a WARC byte stream into records, checks each, replaces bad ones by stubs.

    `feed` takes chunks (or BREAK) and returns output bytes; `damage` lists the stubs.
    """

    def __init__(self, limit: int) -> None:
        self.cap = limit + HEADER_SLACK
        self.buf = bytearray()
        self.number = 0  # records emitted so far, stubs included
        self.damage: list[Damage] = []
        self.garbage = False  # inside bytes that belong to no record
        self.skip_left = 0  # bytes of an oversized record still to pass over

    def feed(self, chunk: bytes | None) -> bytes:
        out = bytearray()
        if chunk is BREAK:
            # A broken member loses the record it holds, even one not begun in `buf` yet.
            self._stub(out, "corrupt compressed data inside the record")
            self.buf.clear()
            self.skip_left = 0
            self.garbage = False
            return bytes(out)
        if self.skip_left:
            used = min(self.skip_left, len(chunk))
            self.skip_left -= used
            chunk = chunk[used:]
        self.buf += chunk
        self._drain(out)
        return bytes(out)

    def finish(self) -> bytes:
        out = bytearray()
        self._drain(out, eof=True)
        # Leftover garbage was counted when it was met.
        if self.skip_left or (self.buf.strip(b"\r\n") and not self.garbage):
            self._stub(out, "the file ends inside the record (truncated)")
        self.buf.clear()
        return bytes(out)

    def _stub(self, out: bytearray, reason: str, skipped: bool = False) -> None:
        self.number += 1
        self.damage.append(Damage(self.number, reason, skipped))
        out += STUB

    def _drain(self, out: bytearray, eof: bool = False) -> None:
        while not self.skip_left:
            start = 0
            while start < len(self.buf) and self.buf[start] in b"\r\n":
                start += 1
            if len(self.buf) - start < 6:
                return
            if not self.buf.startswith(b"WARC/", start):
                if not self._resync(out, start):
                    return
                continue
            end = self.buf.find(b"\r\n\r\n", start)
            if end < 0:
                if eof or len(self.buf) - start > MAX_HEADER:
                    self._bad(out, start, "the record's header never ends")
                    continue
                return
            header = bytes(self.buf[start:end])
            m = _LENGTH.search(header)
            if m is None:
                self._bad(out, start, "the record has no valid Content-Length")
                continue
            body_start = end + 4
            length = int(m.group(1))
            if length > self.cap:
                self._oversized(out, header, body_start, length)
                continue
            need = body_start + length
            if len(self.buf) < need + 4 and not eof:
                return
            if len(self.buf) < need:
                self._bad(out, start, "the file ends inside the record (truncated)")
                continue
            if not (self.buf.startswith(b"\r\n\r\n", need) or not self.buf[need:].strip(b"\r\n")):
                # Content-Length points into the middle of something: not this record's end.
                self._bad(out, start, "the record's Content-Length does not match its content")
                continue
            record = bytes(self.buf[start:need])
            del self.buf[:need]
            problem = check(record)
            if problem is None:
                self.number += 1
                out += record + b"\r\n\r\n"
            else:
                self._stub(out, problem)

    def _bad(self, out: bytearray, start: int, reason: str) -> None:
        """Count the record at `start` as bad and look for the next one after it."""
        self._stub(out, reason)
        self.garbage = True  # what follows up to the next record start belongs to it
        self._resync(out, start + 1)

    def _resync(self, out: bytearray, start: int) -> bool:
        """Drop bytes up to the next line starting "WARC/"; False when more are needed."""
        m = _RECORD_START.search(self.buf, start)
        if not self.garbage:
            self._stub(out, "unreadable bytes where a record should start")
            self.garbage = True
        if m is None:
            keep = min(len(self.buf), 8)
            del self.buf[: len(self.buf) - keep]
            return False
        at = m.start() + (1 if self.buf[m.start() : m.start() + 1] == b"\n" else 0)
        del self.buf[:at]
        self.garbage = False
        return True

    def _oversized(self, out: bytearray, header: bytes, body_start: int, length: int) -> None:
        """A record over the limit: reported if it is a page ingest would have read."""
        kind = _TYPE.search(header)
        peek = bytes(self.buf[body_start : body_start + MAX_HEADER])
        ctype = _CONTENT_TYPE.search(peek) or _CONTENT_TYPE.search(header)
        page = (
            kind is not None
            and kind.group(1).lower() in DOCUMENT_TYPES
            and ctype is not None
            and (b"html" in ctype.group(1).lower() or b"text/plain" in ctype.group(1).lower())
        )
        self.number += 1
        if page:
            self.damage.append(
                Damage(
                    self.number,
                    f"over max_document_bytes ({human_size(self.cap - HEADER_SLACK)})"
                    f" (record is {human_size(length)})",
                    skipped=True,
                )
            )
        out += STUB
        have = len(self.buf) - body_start
        if have >= length:
            del self.buf[: body_start + length]
        else:
            self.skip_left = length - have
            self.buf.clear()


def check(record: bytes) -> str | None:
    """Why warcio cannot read `record` (one whole record), or None when it can."""
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            it = iter(ArchiveIterator(io.BytesIO(record)))
            rec = next(it)
            rec.http_headers  # noqa: B018 - parsed on load; a bad status line raises there
            raw: Any = rec.raw_stream
            while raw.read(CHUNK):
                pass
            if getattr(raw, "limit", 0) > 0:
                return "the record is shorter than its Content-Length"
    except StopIteration:
        return "not a WARC record"
    except Exception as e:  # noqa: BLE001 - warcio raises many kinds; any is a bad record
        return "not a valid WARC record (" + " ".join(str(e).split())[:200] + ")"
    return None


class _Chunks(io.RawIOBase):
    """A readable stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._it = iter(chunks)
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        while not self._left:
            nxt = next(self._it, None)
            if nxt is None:
                return 0
            self._left = nxt
        n = min(len(buf), len(self._left))
        buf[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


def sanitized(raw: BinaryIO, head: bytes, limit: int, decompressed_limit: int) -> tuple[
    BinaryIO, Splitter
]:
    """An uncompressed WARC stream of `raw` (whose first bytes `head` were already read)
    with every bad record replaced by a stub; the splitter's `damage` fills as it is read."""
    source = replay(head, raw)
    chunks = gunzip_members(source, decompressed_limit) if is_gzip(head) else plain_chunks(source)
    splitter = Splitter(limit)

    def out() -> Iterator[bytes]:
        for chunk in chunks:
            data = splitter.feed(chunk)
            if data:
                yield data
        data = splitter.finish()
        if data:
            yield data

    return io.BufferedReader(_Chunks(out()), buffer_size=CHUNK), splitter
