"""Reading gzip and bzip2 input as the stream it compresses, within a size limit.

A few kilobytes can expand to terabytes, so the limit counts bytes after decompression;
and a download cut short is the commonest broken input, so truncation is told apart from
corruption in the message.

The fast reader (`--reader fast`) decompresses a gzip file it can seek in with
FastWARC's native reader, about twice as fast as the gzip module. That reader ends
silently where a file is cut short, and names damage in its own words; so where it ends
early, fails, or leaves the last member in doubt, the gzip module reads the file again
from the start, passes over what was already given, and goes on from there: the bytes,
the errors and their wording are the gzip module's, and only a broken file pays twice.
"""

from __future__ import annotations

import bz2
import gzip
import io
import zlib
from typing import Any, BinaryIO

from clampdown.ingest.sniff import BZ2, GZIP
from clampdown.ingest.streams import StreamError, TooLarge, human_size

_NAMES = {GZIP: "gzip", BZ2: "bzip2"}


class _Bounded(io.RawIOBase):
    """Decompressed bytes, counted; errors of the codec become `StreamError`s.

    A codec error, or reaching the limit, ends the stream like an end of file and is held
    for `check`: so the documents before it are read in full, and the reader that took
    the early end for the real one is told afterwards.
    """

    def __init__(self, inner: Any, limit: int, kind: str) -> None:
        self._inner = inner
        self._limit = limit
        self._name = _NAMES[kind]
        self._count = 0
        self.pending: StreamError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self.pending is not None:
            return 0
        try:
            # read1: one step of the codec, so bytes before a fault are returned first
            data = self._inner.read1(len(buf))
        except EOFError:
            self.pending = StreamError(
                f"truncated {self._name} data: the file ends before the compressed stream does"
            )
            return 0
        except (OSError, zlib.error, ValueError) as e:
            self.pending = StreamError(f"corrupt {self._name} data ({e})")
            return 0
        n = len(data)
        if self._count + n > self._limit:
            n = self._limit - self._count
            self.pending = TooLarge(
                f"decompresses to more than max_decompressed_bytes ({human_size(self._limit)});"
                " the rest is not read (raise CLAMPDOWN_MAX_DECOMPRESSED_BYTES to read more)"
            )
        buf[:n] = data[:n]
        self._count += n
        return n


class Decompressed(io.BufferedReader):
    """The decompressed stream; `check` raises the error that ended it early, if any."""

    def __init__(self, raw: _Bounded) -> None:
        super().__init__(raw, buffer_size=256 * 1024)
        self._bounded = raw

    def check(self) -> None:
        """Call when a reader is done: a reader may take an early end for the real one."""
        if self._bounded.pending is not None:
            raise self._bounded.pending


def decompressed(
    raw: BinaryIO, kind: str, limit: int, *, native: tuple[BinaryIO, int] | None = None
) -> Decompressed:
    """The stream `raw` compresses (`kind` is sniff.GZIP or sniff.BZ2), bounded by `limit`.

    Concatenated members (as in per-record gzipped WARC files) are read as one stream.
    `native` (a seekable file and the offset where the compressed stream starts in it,
    the same bytes `raw` reads) has gzip read by FastWARC, with the same outcome.
    """
    inner: Any
    if kind == GZIP and native is not None:
        inner = _NativeGzip(*native)
    elif kind == GZIP:
        inner = gzip.GzipFile(fileobj=raw, mode="rb")
    else:
        inner = bz2.BZ2File(raw)
    return Decompressed(_Bounded(inner, limit, kind))


class _NativeGzip:
    """gzip read by FastWARC's `GzipReader`, and by the gzip module from the first sign of
    trouble: an error, or an end that the gzip module does not confirm."""

    def __init__(self, file: BinaryIO, start: int) -> None:
        from fastwarc.stream_io import GzipReader

        file.seek(start)
        self._file = file
        self._start = start
        self._native: Any = GzipReader(file)
        self._given = 0  # decompressed bytes returned so far
        self._module: gzip.GzipFile | None = None
        self._ended = False  # at a whole end, confirmed

    def read1(self, size: int) -> bytes:
        if self._module is not None:
            return self._module.read1(size)
        if self._ended:
            return b""
        if self._given > ONE_MEMBER and self._member_start() == self._start:
            # Still in the first member: the file is most likely one member, which the
            # end's check would read twice; the gzip module reads the rest instead.
            return self._switch().read1(size)
        try:
            data: bytes = self._native.read(size)
        except BaseException as e:  # noqa: BLE001 - its native code panics as a BaseException
            if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
                raise
            return self._switch().read1(size)
        if data:
            self._given += len(data)
            return data
        if self._whole_end():
            self._ended = True
            return b""
        return self._switch().read1(size)

    def _member_start(self) -> int:
        """Where the member being read starts in the file (as the file counts)."""
        return int(self._native.frame_start_position())

    def _whole_end(self) -> bool:
        """Whether the gzip module reads the last member through to a whole end (a file
        cut short there reads to its end natively, without a word)."""
        self._file.seek(self._member_start())
        module = gzip.GzipFile(fileobj=self._file, mode="rb")
        try:
            while module.read1(CHUNK):
                pass
        except (EOFError, OSError, zlib.error, ValueError):
            return False
        return True

    def _switch(self) -> gzip.GzipFile:
        """The gzip module, read from the start of the file past the bytes already given."""
        self._file.seek(self._start)
        module = gzip.GzipFile(fileobj=self._file, mode="rb")
        left = self._given
        while left > 0:
            # an error here ends the stream where the gzip module ends it
            skipped = len(module.read1(min(left, CHUNK)))
            if not skipped:
                break
            left -= skipped
        self._module = module
        return module


CHUNK = 256 * 1024
# A first member that decompresses to more than this is taken for the whole file (gzip run
# on a WARC as one stream): the gzip module reads it, as the end's check would anyway.
ONE_MEMBER = 16 * 1024 * 1024
