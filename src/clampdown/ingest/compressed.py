"""Reading gzip and bzip2 input as the stream it compresses, within a size limit.

A few kilobytes can expand to terabytes, so the limit counts bytes after decompression;
and a download cut short is the commonest broken input, so truncation is told apart from
corruption in the message.
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


def decompressed(raw: BinaryIO, kind: str, limit: int) -> Decompressed:
    """The stream `raw` compresses (`kind` is sniff.GZIP or sniff.BZ2), bounded by `limit`.

    Concatenated members (as in per-record gzipped WARC files) are read as one stream.
    """
    inner: Any = gzip.GzipFile(fileobj=raw, mode="rb") if kind == GZIP else bz2.BZ2File(raw)
    return Decompressed(_Bounded(inner, limit, kind))
