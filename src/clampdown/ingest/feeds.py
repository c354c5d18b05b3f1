"""RSS and Atom feeds: each entry one document, with the full text when the feed has it.

News sites publish their stories in feeds first; some carry the whole article
(content:encoded, Atom content), most a summary. feedparser reads every dialect and
tolerates the HTML entities feeds misuse; a feed that is not well-formed beyond that is
reported rather than half-read, since a cut feed cuts its last entry's text as well.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from clampdown.ingest.cleanup import clean_text
from clampdown.ingest.html import PageError, page_from_markup, parse_date, with_headline

_HARMLESS = ("CharacterEncodingOverride", "NonXMLContentType")


class FeedError(ValueError):
    """The bytes are not a readable feed; the reason says why."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, its text made plain, or the reason it has none."""

    id: str | None
    text: str
    title: str | None
    published: date | None
    url: str | None
    lang: str | None  # as the feed declares it
    problem: str | None = None  # set instead of text when the entry cannot be read


def read_feed(data: bytes) -> Iterator[Entry]:
    """The entries of the feed in `data`, in feed order.

    Raises FeedError (before any entry) when the XML is broken or it is not a feed.
    """
    try:
        parsed = feedparser.parse(
            io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True
        )
    except Exception as e:  # feedparser trips over some damage (a mangled encoding) itself
        raise FeedError(f"cannot parse the feed ({type(e).__name__}: {e})") from None
    problem = _xml_problem(parsed)
    if problem:
        raise FeedError(problem)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed (no channel or entries found)")
    lang = _lang(parsed.feed.get("language"))
    for entry in parsed.entries:
        yield _entry(entry, lang)


def _xml_problem(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    name = type(exc).__name__
    message = str(getattr(exc, "getMessage", lambda: exc)())
    if name in _HARMLESS or message.startswith("undefined entity"):
        return None  # &nbsp; and friends: HTML entities that feeds use without declaring
    where = ""
    if hasattr(exc, "getLineNumber"):
        where = f" at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    return f"feed is not well-formed XML{where} ({message})"


def _entry(entry: Any, feed_lang: str | None) -> Entry:
    title = _plain(entry.get("title"))
    ident = entry.get("id") or entry.get("link")
    url = entry.get("link")
    # The day as the publisher wrote it; feedparser's parsed form is shifted to UTC.
    raw_date = entry.get("published") or entry.get("updated")
    published = (parse_date(raw_date) if raw_date else None) or _day(
        entry.get("published_parsed") or entry.get("updated_parsed")
    )
    body = _body(entry)
    lang = _lang(_content_lang(entry)) or feed_lang
    if body is None:
        return Entry(ident, "", title, published, url, lang, "entry has no text or summary")
    try:
        text = page_from_markup(body, url=url).text if _looks_html(body) else clean_text(body)
    except PageError as e:
        return Entry(ident, "", title, published, url, lang, str(e))
    return Entry(ident, with_headline(text, title), title, published, url, lang)


def _body(entry: Any) -> str | None:
    """The fullest text the entry carries: its content, else its summary."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if contents:
        return str(max(contents, key=lambda c: len(c["value"]))["value"])
    summary = entry.get("summary")
    return str(summary) if summary and summary.strip() else None


def _content_lang(entry: Any) -> str | None:
    for c in entry.get("content") or ():
        if c.get("language"):
            return str(c["language"])
    return None


def _looks_html(body: str) -> bool:
    return "<" in body and ">" in body


def _plain(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _day(parsed: Any) -> date | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
    except (OverflowError, ValueError, TypeError):
        return None


def _lang(value: Any) -> str | None:
    code = str(value or "").strip().lower()[:2]
    return code if len(code) == 2 and code.isalpha() else None
