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
    """Decompressed bytes, counted; errors of the codec become `StreamError`s."""

    def __init__(self, inner: Any, limit: int, kind: str) -> None:
        self._inner = inner
        self._limit = limit
        self._name = _NAMES[kind]
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        try:
            n = self._inner.readinto(buf)
        except EOFError:
            raise StreamError(
                f"truncated {self._name} data: the file ends before the compressed stream does"
                f" (after {human_size(self._count)} decompressed)"
            ) from None
        except (OSError, zlib.error, ValueError) as e:
            raise StreamError(f"corrupt {self._name} data ({e})") from None
        self._count += n
        if self._count > self._limit:
            raise TooLarge(
                f"decompresses to more than max_decompressed_bytes ({human_size(self._limit)});"
                " the rest is not read (raise CLAMPDOWN_MAX_DECOMPRESSED_BYTES to read more)"
            )
        return n


def decompressed(raw: BinaryIO, kind: str, limit: int) -> BinaryIO:
    """The stream `raw` compresses (`kind` is sniff.GZIP or sniff.BZ2), bounded by `limit`.

    Concatenated members (as in per-record gzipped WARC files) are read as one stream.
    """
    inner: Any = gzip.GzipFile(fileobj=raw, mode="rb") if kind == GZIP else bz2.BZ2File(raw)
    return io.BufferedReader(_Bounded(inner, limit, kind), buffer_size=256 * 1024)
