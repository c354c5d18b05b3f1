"""Damaged WARC records cost one record each, not the rest of the file; sound files read
exactly as `read_documents` reads them. No Spark needed: this is what a task runs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from spark_corpus import PAGES, write_warc

from clampdown.errors import FAILED, InputError
from clampdown.ingest import read_documents
from clampdown.model import Document
from clampdown.spark.inputs import InputFile
from clampdown.spark.readers import context, read_input
from clampdown.spark.warc import STUB, Splitter

TITLES = [headline for _, _, headline, _ in PAGES]


def record(content: bytes, length: int | None = None) -> bytes:
    n = len(content) if length is None else length
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/bad\r\n"
        b"WARC-Date: 2022-03-05T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:bad>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(n).encode() + b"\r\n\r\n" + content + b"\r\n\r\n"
    )


PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>a page</p></html>"
GARBLED = b"WARX/1.0\r\nnot: a header\r\n\r\nnot a record\r\n\r\n"
NO_LENGTH = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nbody\r\n\r\n"


def read(path: Path, data: bytes | None = None) -> list[Document | InputError]:
    f = InputFile(0, str(path), "files", True, "crawl")
    return list(read_input(f, context(), data))


def titles(items: list[Document | InputError]) -> list[str | None]:
    return [i.title for i in items if isinstance(i, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("gz", [True, False])
def test_a_sound_warc_reads_exactly_as_the_cli_reads_it(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gzip=gz)
    items = read(path)
    assert items == list(read_documents([str(path)]))
    assert titles(items) == TITLES


@pytest.mark.parametrize(
    "bad,reason",
    [
        (GARBLED, "unreadable bytes"),
        (NO_LENGTH, "no valid Content-Length"),
        (record(PAGE, length=len(PAGE) + 40), "Content-Length does not match"),
        (record(PAGE, length=len(PAGE) - 10), "Content-Length does not match"),
    ],
)
def test_a_malformed_record_is_counted_and_the_next_ones_are_read(
    tmp_path: Path, bad: bytes, reason: str
) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False, extra=[bad])
    items = read(path)
    assert titles(items) == TITLES  # the page after the damage is still read
    (err,) = errors(items)
    assert err.outcome == FAILED and reason in err.reason and err.source == str(path)


def test_a_corrupt_gzip_member_costs_its_record_only(tmp_path: Path) -> None:
    member = bytearray(gzip.compress(record(PAGE)))
    member[15:40] = b"\x00" * 25  # inside the deflate data
    path = write_warc(tmp_path / "crawl.warc.gz", extra=[bytes(member)])
    items = read(path)
    assert titles(items) == TITLES
    assert len(errors(items)) == 1 and "corrupt compressed data" in errors(items)[0].reason
    # The CLI stops at the damage; Spark goes on.
    assert len(titles(list(read_documents([str(path)])))) == 2


def test_a_file_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", gzip=False)
    data = path.read_bytes()
    items = read(path, data[: len(data) - 200])
    assert titles(items) == TITLES[:2]
    assert ["truncated" in e.reason for e in errors(items)] == [True]


def test_stubs_keep_record_numbers_and_a_chunked_feed_splits_the_same() -> None:
    """Record numbers in messages are positions in the file, bad records included, and the
    split does not depend on where chunks end."""
    good = record(PAGE)
    stream = good + GARBLED + good + NO_LENGTH + good
    whole = Splitter(1 << 20)
    out_whole = whole.feed(stream) + whole.finish()
    byte_by_byte = Splitter(1 << 20)
    out_bytes = b"".join(byte_by_byte.feed(stream[i : i + 1]) for i in range(len(stream)))
    out_bytes += byte_by_byte.finish()
    assert out_whole == out_bytes
    assert [d.number for d in whole.damage] == [2, 4]
    assert out_whole.count(STUB) == 2 and whole.number == 5


def test_a_record_over_the_size_limit_is_skipped_as_it_streams_past() -> None:
    big = record(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"x" * 5000)
    s = Splitter(limit=100)
    s.cap = 1000  # as if max_document_bytes were tiny
    out = b"".join(s.feed(big[i : i + 700]) for i in range(0, len(big), 700)) + s.finish()
    assert out == STUB
    assert [(d.number, d.skipped) for d in s.damage] == [(1, True)]
