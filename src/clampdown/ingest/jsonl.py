"""JSON Lines: one document per line, the format the scorer and most exports use.

A line is read within max_line_bytes, so a 50 MB line costs a skip, not the machine's
memory; a bad line is reported and the next one read. The text of a line is kept as
given (no clean-up): it is the document of record, and offsets point into it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from clampdown.errors import NOTED, SKIPPED, InputError
from clampdown.ingest.context import Item, ReadContext
from clampdown.ingest.fields import published_day, published_period
from clampdown.ingest.sniff import BOM
from clampdown.ingest.streams import human_size
from clampdown.settings import MiB

SKIP_CHUNK = MiB  # how much of an oversized line is held in memory at a time


def read_jsonl(stream: BinaryIO, source: str, ctx: ReadContext) -> Iterator[Item]:
    """One document per line; a bad line is reported and the next line read."""
    limit = ctx.settings.max_line_bytes
    lineno = 0
    any_line = False
    while raw := stream.readline(limit + 1):  # bounded: never holds more than limit + 1
        lineno += 1
        where = f"{source}:{lineno}"
        newline = raw.endswith(b"\n")
        if len(raw) - newline > limit:
            length = len(raw) + _skip_rest_of_line(stream)  # no newline within the limit
            any_line = True
            yield InputError(
                where,
                f"line is {human_size(length)}, over max_line_bytes ({human_size(limit)})",
                SKIPPED,
            )
            continue
        if lineno == 1:
            raw = raw.removeprefix(BOM)
        if not raw.strip():
            lineno += _skip_blank_lines(stream)  # a run of them costs a few calls, not one each
            continue
        any_line = True
        yield _parse_line(raw, where, ctx)
    if not any_line:
        yield InputError(source, "empty file (only blank lines)", SKIPPED)


_BLANK = re.compile(rb"\s*")  # ASCII whitespace, as bytes.strip() reads it


def _skip_blank_lines(stream: BinaryIO) -> int:
    """Consume the whole blank lines ahead, a buffer at a time; return how many."""
    peek = getattr(stream, "peek", None)
    lines = 0
    while peek is not None and (ahead := peek(SKIP_CHUNK)):
        if ahead[:4096].lstrip():  # content soon: the regex stops there
            run = _BLANK.match(ahead).end()  # type: ignore[union-attr]
        else:  # a long blank run (a bomb of newlines): strip it at C speed (lstrip with
            # no argument, ten times faster than with one: blank as `raw.strip()` reads it)
            run = len(ahead) - len(ahead.lstrip())
        end = ahead.rfind(b"\n", 0, run) + 1
        if end == 0:
            break
        lines += ahead.count(b"\n", 0, end)
        stream.read(end)
        if end < len(ahead):
            break
    return lines


def _skip_rest_of_line(stream: BinaryIO) -> int:
    """Discard up to the next newline in bounded chunks; return the bytes skipped."""
    skipped = 0
    while chunk := stream.readline(SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


class _BadRecord(Exception):
    """A JSON line that parsed but does not describe a document."""


def _parse_line(raw: bytes, where: str, ctx: ReadContext) -> Item:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return InputError(where, f"not valid UTF-8 at byte {e.start} of the line")
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(where, f"malformed JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return InputError(where, "malformed JSON (nested too deeply)")
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        return InputError(where, f"malformed JSON ({e})")
    if not isinstance(rec, dict):
        return InputError(where, f"JSON line is {_json_kind(rec)}, not an object")
    try:
        return _document(rec, where, ctx)
    except _BadRecord as e:
        return InputError(where, str(e))


def _document(rec: dict[str, Any], where: str, ctx: ReadContext) -> Item:
    doc_id = rec.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)  # the scorer compares ids as strings too
    if doc_id is None:
        raise _BadRecord('missing "id"; every line needs "id" and "text"')
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _BadRecord(f'"id" must be a non-empty string, not {_json_kind(doc_id)}')
    text = rec.get("text")
    if text is None:
        raise _BadRecord('missing "text"; every line needs "id" and "text"')
    if not isinstance(text, str):
        raise _BadRecord(f'"text" must be a string, not {_json_kind(text)}')
    return ctx.document(
        doc_id,
        text,
        where,
        published=_published(rec.get("published"), where, ctx),
        lang=_optional_str(rec, "lang", where, ctx),
        url=_optional_str(rec, "url", where, ctx),
        title=_optional_str(rec, "title", where, ctx),
        stated_lang=True,
        published_period=published_period(rec.get("published")),
    )


def _published(value: Any, where: str, ctx: ReadContext) -> date | None:
    """The publication day; one that cannot be read is reported and treated as unknown
    (SPEC), and the document is still read."""
    try:
        return published_day(value)
    except ValueError as e:
        ctx.notes.append(InputError(where, f"{e}; dropped", NOTED))
        return None


def _optional_str(rec: dict[str, Any], key: str, where: str, ctx: ReadContext) -> str | None:
    """An optional text field; a value of another JSON type is reported and dropped."""
    value = rec.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        note = f'"{key}" must be a string or null, not {_json_kind(value)}; dropped'
        ctx.notes.append(InputError(where, note, NOTED))
        return None
    return value


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    return "null"
