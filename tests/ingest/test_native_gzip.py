"""The fast reader's gzip (FastWARC's native reader, the gzip module from the first sign
of trouble): every byte, document and error the same as the gzip module gives, on whole,
cut, padded and damaged files, single- and multi-member."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from clampdown.ingest import compressed, read_documents, readers
from clampdown.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"


def _multi_member(single: bytes) -> bytes:
    """The WARC as one gzip member per record, as Common Crawl ships it."""
    raw = gzip.decompress(single)
    parts = raw.split(b"\r\n\r\nWARC/")
    last = len(parts) - 1
    out = b"".join(
        gzip.compress((b"WARC/" if i else b"") + part + (b"\r\n\r\n" if i < last else b""))
        for i, part in enumerate(parts)
    )
    assert gzip.decompress(out) == raw
    return out


def _variants() -> dict[str, bytes]:
    single = (DATA / "warc" / "telegram-fine.warc.gz").read_bytes()
    found: dict[str, bytes] = {}
    for name, data in (("single", single), ("multi", _multi_member(single))):
        size = len(data)
        found[f"{name}-whole"] = data
        found[f"{name}-twice"] = data + data
        for share in (0.1, 0.5, 0.9):
            found[f"{name}-cut-{share}"] = data[: int(size * share)]
        for k in (1, 4, 8, 9, 20):  # into the trailer, and just before it
            found[f"{name}-cut-end-{k}"] = data[: size - k]
        found[f"{name}-zeros"] = data + b"\0" * 16
        found[f"{name}-garbage"] = data + bytes(range(1, 16))  # no gzip header
        for share in (0.3, 0.7):
            damaged = bytearray(data)
            at = int(size * share)
            damaged[at : at + 4] = b"\xff\x00\xfe\x01"
            found[f"{name}-corrupt-{share}"] = bytes(damaged)
        for at in (-8, -2):  # the CRC, the length
            damaged = bytearray(data)
            damaged[at] ^= 0x55
            found[f"{name}-trailer{at}"] = bytes(damaged)
    return found


VARIANTS = _variants()


@pytest.mark.parametrize("one_member", [compressed.ONE_MEMBER, 1000])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_native_gzip_reads_as_the_gzip_module(
    name: str, one_member: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1000: a first member past ONE_MEMBER hands over to the gzip module midway."""
    monkeypatch.setattr(compressed, "ONE_MEMBER", one_member)
    path = tmp_path / f"{name}.warc.gz"
    path.write_bytes(VARIANTS[name])
    used: list[bool] = []
    native = compressed._NativeGzip.__init__

    def counted(self: compressed._NativeGzip, file: object, start: int) -> None:
        used.append(True)
        native(self, file, start)  # type: ignore[arg-type]

    monkeypatch.setattr(compressed._NativeGzip, "__init__", counted)
    fast = [repr(item) for item in read_documents([str(path)], reader="fast")]
    assert used  # the native reader read it
    monkeypatch.setattr(readers, "_seekable_start", lambda raw, head: None)
    assert fast == [repr(item) for item in read_documents([str(path)], reader="fast")]
    if "cut" in name:
        assert "truncated gzip data" in fast[-1]


def test_native_gzip_bytes_and_limit() -> None:
    """The bytes as the gzip module gives them, within max_decompressed_bytes."""
    data = VARIANTS["multi-twice"]
    whole = gzip.decompress(data)
    for limit in (len(whole), len(whole) - 1, 1000):
        ours = compressed.decompressed(io.BytesIO(data), "gzip", limit,
                                       native=(io.BytesIO(data), 0))
        theirs = compressed.decompressed(io.BytesIO(data), "gzip", limit)
        assert ours.read() == theirs.read() == whole[:limit]
        for stream in (ours, theirs):
            with pytest.raises(Exception) as raised:
                stream.check()
                raise AssertionError("no error")
            assert ("max_decompressed_bytes" in str(raised.value)) == (limit < len(whole))


def test_pipe_is_read_by_the_gzip_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input cannot seek back: the gzip module reads it, as before."""
    data = VARIANTS["multi-cut-0.5"]

    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Pipe(data)))
    items = list(read_documents(["-"], reader="fast", settings=Settings()))
    assert "truncated gzip data" in str(items[-1])


@pytest.mark.parametrize("cut", [0, 1, 7, 30])
def test_native_gzip_from_an_offset(cut: int) -> None:
    """A stream that starts midway into its file (standard input read in part)."""
    data = VARIANTS["multi-whole"]
    data = data[: len(data) - cut]
    prefix = bytes(range(140))  # bytes before the stream, not of it
    ours = compressed.decompressed(io.BytesIO(data), "gzip", 10**9,
                                   native=(io.BytesIO(prefix + data), len(prefix)))
    theirs = compressed.decompressed(io.BytesIO(data), "gzip", 10**9)
    assert ours.read() == theirs.read()
    errors = []
    for stream in (ours, theirs):
        try:
            stream.check()
            errors.append("")
        except Exception as e:  # noqa: BLE001 - compared, whatever it is
            errors.append(f"{type(e).__name__}: {e}")
    assert errors[0] == errors[1]
    assert bool(errors[0]) == bool(cut)
