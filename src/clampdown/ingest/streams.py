"""Byte-stream helpers every reader shares: replaying a sniffed head, bounded reads, sizes.

Input may be a pipe or a socket that cannot seek back, and may be far larger than memory,
so readers read a head to sniff, replay it, and never read more than a limit plus one.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from clampdown.errors import FAILED, SKIPPED
from clampdown.settings import GiB, MiB


class StreamError(Exception):
    """A problem met in the middle of a stream (truncation, a limit): ends that input.

    Readers raise it from deep inside a format; the dispatcher turns it into one
    `InputError` naming the input, after the documents read before it.
    """

    def __init__(self, reason: str, outcome: str = FAILED) -> None:
        super().__init__(reason)
        self.reason = reason
        self.outcome = outcome


class TooLarge(StreamError):
    """Input over one of the size limits."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, SKIPPED)


class Prepend(io.RawIOBase):
    """Replays already-read head bytes, then the rest of a stream.

    Sniffing needs the first bytes, and standard input or a pipe cannot seek back.
    """

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        read = getattr(self._stream, "read1", self._stream.read)
        data = read(len(buf))
        buf[: len(data)] = data
        return len(data)


# Readers peek ahead this far: a run of blank lines (a gzip bomb of newlines) is skipped a
# buffer at a time, so a bigger buffer skips it in fewer steps.
REPLAY_BUFFER = MiB


def replay(head: bytes, stream: BinaryIO) -> BinaryIO:
    """`stream` as if `head` had not been read from it."""
    return io.BufferedReader(Prepend(head, stream), buffer_size=REPLAY_BUFFER)


def read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Read `n` bytes or to end of input, even from a pipe that returns short reads."""
    parts: list[bytes] = []
    while n > 0 and (chunk := stream.read(n)):
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def human_size(n: int) -> str:
    if n >= GiB:
        return f"{n / GiB:.4g} GiB"
    if n >= MiB:
        return f"{n / MiB:.4g} MiB"
    if n >= 1024:
        return f"{n / 1024:.4g} KiB"
    return f"{n} bytes"
