"""The fields of a document that one bad value must not turn into a lost batch.

A URL with a port out of range, a language tag longer than the store's column, a
publication date in year 1 or 9999, a lone surrogate in the text: each is a real input seen
in the wild, and each used to abort extraction or ingest of everything after it. Here a
bad field is dropped (or the text mended) and said so in one line; the document is read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from clampdown.model import Document

# A language tag as the store keeps it: a primary subtag, maybe a region ("pt-BR").
_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?$")
MAX_LANG_CHARS = 8
EARLIEST_PUBLISHED = date(1900, 1, 1)
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")


def published_period(value: Any) -> str | None:
    """The month or year a JSON value gives as the publication date ("2022-08", "2022"), if
    it gives only that; a day, or anything else, gives None."""
    if isinstance(value, str) and _PARTIAL_DATE.match(value):
        month = int(value[5:]) if len(value) == 7 else 1
        return value if 1 <= month <= 12 else None
    return None


def published_day(value: Any) -> date | None:
    """The publication day of a JSON value, as SPEC reads it (JSON Lines and the API alike):
    a month or a year alone names no day; a timestamp's day is kept. ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _PARTIAL_DATE.match(value):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
        try:  # a timestamp from a feed: the day is what matters
            return datetime.fromisoformat(value).date()
        except ValueError:
            pass
    raise ValueError(f'bad "published" date {value!r}; expected YYYY-MM-DD, YYYY-MM, YYYY or null')


def checked(doc: Document, today: date | None = None) -> tuple[Document, list[str]]:
    """The document with unusable fields dropped, and a note for each one dropped."""
    notes: list[str] = []
    changes: dict[str, object] = {}
    if doc.url is not None and (why := _bad_url(doc.url)):
        changes["url"] = None
        notes.append(f'"url" {doc.url[:80]!r} dropped: {why}')
    if doc.lang is not None:
        lang = doc.lang.strip().lower()
        if not _LANG.match(lang) or len(lang) > MAX_LANG_CHARS:
            changes["lang"] = None
            notes.append(f'"lang" {doc.lang[:40]!r} dropped: not a language code')
        elif lang != doc.lang:
            changes["lang"] = lang
    latest = (today or date.today()) + timedelta(days=366)
    if doc.published is not None and not EARLIEST_PUBLISHED <= doc.published <= latest:
        changes["published"] = None
        notes.append(f'"published" {doc.published.isoformat()} dropped: out of range')
    period = doc.published_period
    if period is not None and not EARLIEST_PUBLISHED.year <= int(period[:4]) <= latest.year:
        changes["published_period"] = None
        notes.append(f'"published" {period} dropped: out of range')
    if _SURROGATE.search(doc.text):
        changes["text"] = _SURROGATE.sub(REPLACEMENT, doc.text)  # one code unit each
        notes.append("text: lone surrogates replaced with U+FFFD")
    for name in ("id", "title", "url"):  # no output or database takes them either
        value = changes.get(name, getattr(doc, name))
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[name] = _SURROGATE.sub(REPLACEMENT, value)
            notes.append(f'"{name}": lone surrogates replaced with U+FFFD')
    return (replace(doc, **changes) if changes else doc), notes  # type: ignore[arg-type]


def _bad_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port out of range or not a number)
    except ValueError as exc:
        return str(exc)
    return None
