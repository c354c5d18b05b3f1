"""What kind of input a stream is, judged by its first bytes before its name.

Scrapers name files carelessly (`page.txt` holding HTML, `dump.jsonl` that is gzipped,
a WARC without a suffix) and standard input and URLs have no useful name at all, so the
content decides; the name only settles what the first bytes leave open.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

HEAD_BYTES = 8192  # enough to see past a long <head> or XML prologue
BOM = b"\xef\xbb\xbf"

# Kinds a reader exists for; the rest are kinds that are reported and skipped.
JSONL = "jsonl"
TEXT = "text"
HTML = "html"
FEED = "feed"
WARC = "warc"
GZIP = "gzip"
BZ2 = "bz2"
BINARY = "binary"
UTF16 = "utf16"
XML = "xml"  # well-formed markup that is neither a feed nor a page: a sitemap, a config
SINGLE_DOCUMENT = frozenset({TEXT, HTML, FEED})  # read whole, so bounded by document size

COMPRESSION_SUFFIXES = {".gz": GZIP, ".gzip": GZIP, ".bz2": BZ2}
SUFFIXES = {
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".txt": TEXT,
    ".text": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
    ".rss": FEED,
    ".atom": FEED,
    ".warc": WARC,
    **COMPRESSION_SUFFIXES,
}
# What a binary file is, when its magic number says so, for a more useful message.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive; unpack it first"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed file; decompress it first"),
    (b"\xfd7zXZ\x00", "XZ-compressed file; decompress it first"),
    (b"7z\xbc\xaf", "7-Zip archive; unpack it first"),
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article|br)[\s>/]", re.I)


def suffix_kind(name: str) -> str | None:
    """The kind a file name suggests (`x.html.gz` -> gzip), or None."""
    return SUFFIXES.get(PurePosixPath(name).suffix.lower())


def strip_suffixes(name: str) -> str:
    """`name` less its compression and format suffixes: `a/b.warc.gz` -> `a/b`."""
    path = PurePosixPath(name)
    if path.suffix.lower() in COMPRESSION_SUFFIXES:
        path = path.with_suffix("")
    return str(path.with_suffix("")) if path.suffix else str(path)


def binary_magic(head: bytes) -> str | None:
    """A description of a known binary format starting `head`, or None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def sniff(head: bytes, name: str = "", content_type: str | None = None) -> str:
    """The kind of input starting with `head`: one of the constants above.

    `name` (a file name or URL path) and `content_type` (from HTTP) break ties that the
    bytes leave open, such as plain text with a few tags in it.
    """
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    if head.startswith(b"BZh") and head[4:10] == b"\x31\x41\x59\x26\x53\x59":
        return BZ2
    if head.startswith((b"WARC/1.", b"WARC/0.")):
        return WARC
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return UTF16
    if b"\x00" in head or binary_magic(head):
        return BINARY
    by_name = suffix_kind(name) if name else None
    start = head.removeprefix(BOM).lstrip()[:2048]
    if start.startswith(b"{") or (by_name == JSONL and not start.startswith(b"<")):
        return JSONL
    if start.startswith(b"<"):
        return _markup(start, head, by_name, content_type)
    if by_name == HTML or _type_is(content_type, "html"):
        return HTML
    return TEXT


def _markup(start: bytes, head: bytes, by_name: str | None, content_type: str | None) -> str:
    if _HTML_START.match(start) or start.lower().startswith(b"<!--"):
        return FEED if _FEED_ROOT.search(head) and not _HTML_START.search(head) else HTML
    if start.startswith(b"<?xml"):
        if _FEED_ROOT.search(head):
            return FEED
        if _HTML_START.search(head):
            return HTML  # XHTML
        return FEED if by_name == FEED or _type_is(content_type, "rss", "atom") else XML
    if _FEED_ROOT.match(start):
        return FEED
    if by_name in (HTML, FEED):
        return by_name
    return HTML if _HTML_ANYWHERE.search(head) or _type_is(content_type, "html") else TEXT


def _type_is(content_type: str | None, *words: str) -> bool:
    return content_type is not None and any(w in content_type.lower() for w in words)
