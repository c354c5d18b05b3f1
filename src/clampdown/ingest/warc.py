"""WARC archives (Common Crawl News among them): each HTML response one page to read.

Crawls are where news is kept at scale. A WARC holds requests, metadata and responses of
every type; only successful HTML responses (and WET text conversions) are documents, with
the record's URL and capture date. warcio parses records but passes over a record cut
short without a word, so truncation is checked here against each record's length.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from clampdown.ingest.html import parse_date
from clampdown.ingest.streams import StreamError, human_size, read_up_to

HTML_TYPES = ("text/html", "application/xhtml+xml")
DRAIN_CHUNK = 256 * 1024


@dataclass(frozen=True, slots=True)
class Record:
    """The payload of one WARC record worth reading, or why it was not read."""

    number: int  # 1-based position in the file, as a person counts records
    id: str | None
    url: str | None
    date: date | None
    payload: bytes
    html: bool  # False: a text/plain conversion (WET)
    charset: str | None = None
    problem: str | None = None  # set (and payload empty) for a record that is skipped


def read_warc(stream: BinaryIO, limit: int) -> Iterator[Record]:
    """The HTML responses and text conversions of the WARC in `stream`, in file order.

    `limit` is max_document_bytes, applied to each payload. Raises StreamError when the
    archive is truncated or corrupt, after the records before the damage.
    """
    records = iter(ArchiveIterator(stream))
    number = 0
    while True:
        number += 1
        try:
            # warcio writes some format warnings straight to stderr; they are ours to report.
            with contextlib.redirect_stderr(io.StringIO()):
                record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError) as e:
            reason = " ".join(str(e).split())[:200]
            raise StreamError(f"record {number} is not a valid WARC record ({reason})") from None
        except StreamError:
            raise
        except Exception as e:  # warcio trips over some damage (a header cut in two) itself
            raise StreamError(
                f"record {number} is not a valid WARC record ({type(e).__name__})"
            ) from None
        found = _record(record, number, limit)
        _drain(record, number)
        if found is not None:
            yield found


def _record(record: Any, number: int, limit: int) -> Record | None:
    kind = record.rec_type
    if kind not in ("response", "resource", "conversion"):
        return None  # requests, metadata, warcinfo, revisits: not documents
    headers = record.rec_headers
    content_type = (
        record.http_headers.get_header("Content-Type")
        if record.http_headers is not None
        else headers.get_header("Content-Type")
    ) or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    html = mime in HTML_TYPES
    if not html and not (kind == "conversion" and mime == "text/plain"):
        return None
    status = record.http_headers.get_statuscode() if record.http_headers is not None else "200"
    if not (status or "").startswith("2"):
        return None  # redirects and errors carry no article
    ident = (headers.get_header("WARC-Record-ID") or "").strip("<>") or None
    url = headers.get_header("WARC-Target-URI")
    day = parse_date(headers.get_header("WARC-Date") or "")
    try:
        payload = read_up_to(record.content_stream(), limit + 1)
    except StreamError:
        raise
    except Exception as e:  # a broken Content-Encoding or chunking, as the codec says it
        problem = f"record {number}: payload cannot be decoded ({e})"
        return Record(number, ident, url, day, b"", html, problem=problem)
    if len(payload) > limit:
        size = human_size(record.length) if record.length else "larger"
        problem = f"record {number} is {size}, over max_document_bytes ({human_size(limit)})"
        return Record(number, ident, url, day, b"", html, problem=problem)
    return Record(number, ident, url, day, payload, html, _charset(params))


def _drain(record: Any, number: int) -> None:
    """Read the record to its end, and fail if the file ends before the record does."""
    raw = record.raw_stream
    while raw.read(DRAIN_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        raise StreamError(
            f"truncated WARC: record {number} ends {human_size(missing)} short of its length"
        )


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
