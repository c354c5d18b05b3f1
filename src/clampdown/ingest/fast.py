"""The fast reading path for crawls (`--reader fast`): FastWARC for WARC records and
Resiliparse for a page's main text.

trafilatura finds an article's text more carefully than anything else clampdown knows, at
about 40 pages per second and core; on a day of Common Crawl News that is most of the
cost of the whole run. Resiliparse's main-content extraction reads the same pages about
ten times faster on a tree parsed once, and FastWARC parses records natively. What comes
out is the same `Record` and `Page` the accurate path makes, so everything after reading
(clean-up, language, extraction, the store) is shared.

Where the two differ:
  - Resiliparse keeps more of what follows an article (related links, newsletter boxes,
    author notes), so short lines without a full stop after the last paragraph are
    dropped (`trim_tail`), as are elements whose class names say what they are (share
    bars, bylines, captions, comment and related sections).
  - The page's own metadata (title, date, canonical URL, language) is read by the same
    rules as the accurate path (`html._Meta`), from Resiliparse's tree.
  - FastWARC does not undo HTTP encodings here; that is done as warcio does it, leniently
    (`_decoded`), so a record reads the same on both paths, and a record cut short is
    found by comparing the bytes read with its length.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from html import unescape
from typing import Any, BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from clampdown.ingest.cleanup import clean_text
from clampdown.ingest.html import (
    Page,
    PageError,
    _Meta,
    page_markup,
    parse_date,
    with_headline,
)
from clampdown.ingest.streams import StreamError, human_size, read_up_to
from clampdown.ingest.warc import HTML_TYPES, Record, _charset

DOCUMENT_RECORDS = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion
# Elements that are furniture by their class name, left out before the text is taken.
SKIP_ELEMENTS = (
    "form",
    "[class*=footer]",
    "[class*=comment]",
    "[id*=comment]",
    "[class*=related]",
    "[class*=share]",
    "[class*=newsletter]",
    "[class*=byline]",
    "[class*=caption]",
)
TAIL_WORDS = 10  # a line after the last paragraph with at most this many words is furniture
PARAGRAPH_WORDS = 15  # a line with at least this many words is a paragraph of the article
CHUNK = 256 * 1024
_SENTENCE_END = re.compile(r"[.!?…][\"'”»’)]*$")


# --- pages ---------------------------------------------------------------------------------


def read_page_fast(data: bytes, *, url: str | None = None, charset: str | None = None) -> Page:
    """The article in the HTML `data`, as `html.read_page` gives it, by Resiliparse.

    Raises PageError when the bytes do not decode, parse, or hold any article text.
    """
    return page_from_markup_fast(page_markup(data, charset), url=url)


def page_from_markup_fast(markup: str, *, url: str | None = None) -> Page:
    """The article in an HTML string, by Resiliparse; its metadata by the accurate rules."""
    try:
        tree = HTMLTree.parse(markup)
    except Exception:  # noqa: BLE001 - hostile markup costs the page, not the batch
        raise PageError("not HTML: no elements could be parsed") from None
    if tree.document is None or tree.document.document_element is None:
        raise PageError("not HTML: no elements could be parsed")
    text = (
        _main_text(tree)
        # A <noscript> left open holds the rest of the page in some templates.
        or _main_text(tree, noscript=True)
        # The whole article inside an element named like furniture ("comments-wrapper").
        or _main_text(tree, skip=())
        or _text(tree, main_content=False, noscript=True, skip=())  # short pages: all text
    )
    if not text.strip():
        raise PageError("no article text found in the page")
    meta = _Meta(_Tree(markup))
    title = meta.title()
    return Page(
        text=with_headline(text, meta.headline(title)),
        title=title,
        published=meta.published(url),
        site_name=meta.first(("og:site_name", "application-name", "publisher",
                              "twitter:site")),
        author=meta.author(),
        url=meta.canonical(url),
        lang=meta.lang(),
    )


def _main_text(
    tree: HTMLTree, *, noscript: bool = False, skip: tuple[str, ...] = SKIP_ELEMENTS
) -> str:
    return trim_tail(_text(tree, main_content=True, noscript=noscript, skip=skip))


def _text(tree: HTMLTree, *, main_content: bool, noscript: bool, skip: tuple[str, ...]) -> str:
    try:
        raw = extract_plain_text(
            tree, main_content=main_content, alt_texts=False, comments=False,
            list_bullets=False, noscript=noscript, skip_elements=list(skip),
        )
    except Exception:  # noqa: BLE001 - as trafilatura's failures: the page reads plainly
        return ""
    # One line per block, as trafilatura writes its text (no blank lines, no indents).
    return clean_text("\n".join(s for line in raw.splitlines() if (s := line.strip())))


def trim_tail(text: str) -> str:
    """`text` less the short lines without a full stop after its last paragraph: the
    "Related", "Contact:", "Newsletter" and author lines main-content extraction keeps."""
    lines = text.split("\n")
    last = max(
        (i for i, line in enumerate(lines) if len(line.split()) >= PARAGRAPH_WORDS), default=-1
    )
    if last < 0:
        return text  # no paragraph to measure against: nothing is dropped
    kept = lines[: last + 1]
    for line in lines[last + 1 :]:
        s = line.strip()
        if s and len(s.split()) <= TAIL_WORDS and not _SENTENCE_END.search(s):
            continue
        kept.append(line)
    return "\n".join(kept).rstrip("\n")


class _Element:
    """A tag found in the markup, as `_Meta` reads an lxml element: `tag`, `get`, `text`."""

    __slots__ = ("_attrs", "_end", "_markup", "_parsed", "tag")

    def __init__(self, tag: str, attrs: str, markup: str = "", end: int = 0) -> None:
        self.tag = tag
        self._attrs = attrs
        self._parsed: dict[str, str] | None = None
        self._markup = markup  # where the element's content starts, for paired tags
        self._end = end

    def get(self, name: str, default: str | None = None) -> str | None:
        if self._parsed is None:
            self._parsed = {}
            for key, double, single, bare in _ATTRIBUTE.findall(self._attrs):
                value = double or single or bare  # a bare attribute (`pubdate`) is ""
                self._parsed.setdefault(key.lower(), unescape(value) if "&" in value else value)
        return self._parsed.get(name, default)

    @property
    def text(self) -> str | None:
        """The content up to the closing tag, as written (a <script>'s JSON-LD)."""
        close = _CLOSE[self.tag].search(self._markup, self._end)
        return self._markup[self._end : close.start() if close else len(self._markup)]

    def text_content(self) -> str:
        return unescape(_MARKUP.sub("", self.text or ""))


class _Tree:
    """The page's <meta>, <link>, <time>, <script>, <title> and <h1> tags, found in one
    pass over the markup (comments passed over), as `_Meta` walks an lxml tree: tag by tag,
    each in document order, which is all `_Meta` relies on (it keeps the first of each
    kind). Walking Resiliparse's tree from Python costs more than taking the text from it."""

    def __init__(self, markup: str) -> None:
        self._found: dict[str, list[_Element]] = {}
        self._root: _Element | None = None
        for m in _TAGS.finditer(markup):
            tag = m.group(1)
            if tag is None:
                continue  # a comment
            tag = tag.lower()
            attrs = m.group(2)
            if tag == "html":
                self._root = self._root or _Element(tag, attrs)
            elif _may_serve(tag, attrs):
                self._found.setdefault(tag, []).append(_Element(tag, attrs, markup, m.end()))

    def iter(self, *tags: str) -> Iterator[_Element]:
        for tag in tags:
            yield from self._found.get(tag, ())

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._root.get(name, default) if self._root is not None else default


def _may_serve(tag: str, attrs: str) -> bool:
    """Whether `_Meta` may read anything from the element: a <meta> without `content`, a
    <link> that is no canonical one, a <script> that is no JSON-LD and a <time> without
    `datetime` it passes over (most scripts and links), so they are not kept. Attribute
    names are never escaped; a value may be ("&#43;"), so attributes with an entity are
    kept whatever they hold."""
    needed = _NEEDED.get(f"<{tag}>")
    if needed is None or "&" in attrs:
        return True  # <title>, <h1>
    low = attrs.lower()
    return all(text in low for text in needed)


# What an element must hold, as written, for `_Meta` to read it.
_NEEDED = {
    "<meta>": ("content",),
    "<link>": ("canonical", "href"),
    "<script>": ("ld+json",),
    "<time>": ("datetime",),
}


_TAGS = re.compile(r"<!--.*?-->|<(html|meta|link|time|script|title|h1)\b([^>]*)>", re.I | re.S)
_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("script", "title", "h1", "time")}
_MARKUP = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


# --- WARC records --------------------------------------------------------------------------


class _Forward:
    """A stream FastWARC reads forward only. FastWARC wants `seek` and `tell` to exist,
    and gives up on a stream whose `seek` refuses (a pipe, a decompressing reader)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._pos += len(data)
        return data

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        if (whence == 0 and offset == self._pos) or (whence == 1 and offset == 0):
            return self._pos
        raise OSError("this stream reads forward only")

    def close(self) -> None:
        """The caller owns the stream."""


def read_warc_fast(stream: BinaryIO, limit: int) -> Iterator[Record]:
    """`warc.read_warc` by FastWARC: the same records, numbers, limits and errors."""
    records = iter(ArchiveIterator(_Forward(stream), parse_http=True, auto_decode="none"))
    number = 0
    while True:
        number += 1
        try:
            record = next(records)
        except StopIteration:
            return
        except StreamError:
            raise
        except BaseException as e:
            if not _parser_failure(e):
                raise
            reason = " ".join(str(e).split())[:200] or type(e).__name__
            raise StreamError(f"record {number} is not a valid WARC record ({reason})") from None
        yield from _record(record, number, limit)


def _parser_failure(e: BaseException) -> bool:
    """Whether FastWARC failed on the bytes: an exception, or a panic of its native code
    (which Python sees as a BaseException), never an interrupt."""
    return isinstance(e, Exception) or type(e).__name__ == "PanicException"


def _record(record: WarcRecord, number: int, limit: int) -> Iterator[Record]:
    """The Record of `record` if it is a page or text (at most one), then a check that it
    was whole."""
    found = None
    reader = record.reader
    payload = b""
    if record.record_type & DOCUMENT_RECORDS:
        found, payload = _document(record, number, limit)
    try:
        rest = reader.consume()
    except BaseException as e:
        if not _parser_failure(e):
            raise
        rest = 0
    missing = record.content_length - len(payload) - rest
    if missing > 0:
        raise StreamError(
            f"truncated WARC: record {number} ends {human_size(missing)} short of its length"
        )
    if found is not None:
        yield found


def _document(record: WarcRecord, number: int, limit: int) -> tuple[Record | None, bytes]:
    """(the Record, or None when the record is no document; the raw payload bytes read)."""
    headers = record.headers
    http = record.http_headers if record.is_http else None
    content_type = (http.get("Content-Type") if http is not None else None) or headers.get(
        "Content-Type"
    ) or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    html = mime in HTML_TYPES
    if not html and not (record.record_type == WarcRecordType.conversion
                         and mime == "text/plain"):
        return None, b""
    if http is not None and not str(http.status_code or "").startswith("2"):
        return None, b""  # redirects and errors carry no article
    ident = (headers.get("WARC-Record-ID") or "").strip("<>") or None
    url = headers.get("WARC-Target-URI")
    day = parse_date(headers.get("WARC-Date") or "")
    raw = read_up_to(record.reader, limit + 1)  # type: ignore[arg-type]
    size = headers.get("Content-Length") or ""
    over = (
        f"record {number} is {human_size(int(size)) if size.isdigit() else 'larger'}, "
        f"over max_document_bytes ({human_size(limit)})"
    )
    if len(raw) > limit:
        return Record(number, ident, url, day, b"", html, problem=over), raw
    try:
        payload = _decoded(raw, http, limit)
    except ValueError as e:
        problem = f"record {number}: payload cannot be decoded ({e})"
        return Record(number, ident, url, day, b"", html, problem=problem), raw
    if len(payload) > limit:
        return Record(number, ident, url, day, b"", html, problem=over), raw
    return Record(number, ident, url, day, payload, html, _charset(params)), raw


def _decoded(raw: bytes, http: Any, limit: int) -> bytes:
    """The payload with its HTTP transfer and content encodings undone, as warcio undoes
    them: chunks that do not parse as chunks, and a body that is not compressed although
    the header says so, are taken as they are. Raises ValueError when a body that began
    to decompress breaks off."""
    if http is None:
        return raw
    if "chunked" in (http.get("Transfer-Encoding") or "").lower():
        raw = _dechunked(raw)
    encoding = (http.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return _inflated(raw, (zlib.MAX_WBITS | 16,), limit)
    if encoding == "deflate":
        return _inflated(raw, (zlib.MAX_WBITS, -zlib.MAX_WBITS), limit)
    if encoding == "br":
        return _unbrotli(raw, limit)
    return raw


def _dechunked(raw: bytes) -> bytes:
    parts: list[bytes] = []
    at = 0
    while at < len(raw):
        end = raw.find(b"\r\n", at)
        if end < 0:
            break
        size_text = raw[at:end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return raw if not parts else b"".join(parts)  # not chunked after all
        if size == 0:
            break
        parts.append(raw[end + 2 : end + 2 + size])
        at = end + 2 + size + 2
    return b"".join(parts) if parts else raw


def _inflated(raw: bytes, wbits: tuple[int, ...], limit: int) -> bytes:
    """`raw` decompressed by the first of `wbits` it starts under, at most `limit` + 1
    bytes of it (a bomb inside a record costs nothing); `raw` itself when none fits."""
    for bits in wbits:
        d = zlib.decompressobj(bits)
        out = bytearray()
        for at in range(0, len(raw), CHUNK):
            try:
                out += d.decompress(raw[at : at + CHUNK], limit + 1 - len(out))
            except zlib.error as e:
                if out:
                    raise ValueError(str(e)) from None
                break
            if len(out) > limit or d.eof:
                return bytes(out)
        else:
            return bytes(out)
    return raw


def _unbrotli(raw: bytes, limit: int) -> bytes:
    try:
        import brotli  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:  # FastWARC brings it; without it, as warcio without it
        return raw
    try:
        out: bytes = brotli.Decompressor().process(raw, output_buffer_limit=limit + 1)
    except Exception:  # noqa: BLE001 - not brotli after all: warcio then takes it as it is
        return raw
    return out
