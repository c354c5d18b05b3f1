"""Read JSON Lines, plain text, folders and standard input into `Document`s.

Input comes from scrapers, exports and hand edits, so it is untrusted: every problem with a
file or line becomes a yielded `InputError` and reading goes on, and every read is bounded
by `Settings`, so a 50 MB line or a binary blob costs a skip, not the machine's memory.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from clampdown.errors import InputError
from clampdown.model import Document
from clampdown.settings import MiB, Settings

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt"})
HEAD_BYTES = 8192  # sniffed for NUL bytes and for a leading "{"
SKIP_CHUNK = MiB  # how much of an oversized line is held in memory at a time
BOM = b"\xef\xbb\xbf"
STDIN = "<stdin>"

Item = Document | InputError


@dataclass
class _Run:
    """What one call of `read_documents` shares across files: limits, defaults, counts."""

    settings: Settings
    lang: str | None
    published: date | None
    files: int = 0
    stopped: bool = False


def read_documents(
    paths: Sequence[str],
    *,
    lang: str | None = None,
    published: date | None = None,
    settings: Settings | None = None,
) -> Iterator[Item]:
    """Yield the documents in `paths`, in order, and an `InputError` for each bad file or line.

    A path is a JSON Lines file (`.jsonl`/`.ndjson`, or content starting with "{"), a plain
    text file, a folder (read recursively in name order, hidden entries skipped), or "-" for
    standard input. `lang` and `published` apply to documents that do not state their own.
    Never raises for bad input, so one bad line cannot abort a batch.
    """
    if isinstance(paths, str | os.PathLike):  # a lone path would be iterated per character
        paths = [os.fspath(paths)]
    run = _Run(settings or Settings(), lang, published)
    for p in paths:
        p = os.fspath(p)
        if p == "-":
            yield from _read_stream(sys.stdin.buffer, STDIN, run, text_id="stdin", kind=None)
        else:
            yield from _read_path(Path(p), run)
        if run.stopped:
            return


def _read_path(path: Path, run: _Run) -> Iterator[Item]:
    try:
        st = path.stat()
    except OSError as e:
        yield InputError(str(path), _os_reason(e))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _read_folder(path, run)
    else:
        yield from _read_file(path, run, text_id=path.stem, kind=_kind_by_suffix(path))


def _read_folder(root: Path, run: _Run) -> Iterator[Item]:
    """Walk `root` depth-first in name order; symlinks are followed, but never in a loop."""
    seen: set[tuple[int, int]] = set()

    def listing(folder: Path) -> list[os.DirEntry[str]] | InputError:
        try:
            with os.scandir(folder) as it:
                return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            return InputError(str(folder), _os_reason(e))

    st = root.stat()
    seen.add((st.st_dev, st.st_ino))
    first = listing(root)
    if isinstance(first, InputError):
        yield first
        return
    # An explicit stack, not recursion: folder depth is not ours to bound.
    stack: list[tuple[Iterator[os.DirEntry[str]], tuple[tuple[int, int], ...]]] = [
        (iter(first), ((st.st_dev, st.st_ino),))
    ]
    while stack and not run.stopped:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        try:
            est = entry.stat()  # follows symlinks
        except OSError as e:
            reason = "broken symbolic link" if entry.is_symlink() else _os_reason(e)
            yield InputError(str(path), reason)
            continue
        if stat.S_ISDIR(est.st_mode):
            key = (est.st_dev, est.st_ino)
            if key in ancestors:
                yield InputError(str(path), "directory loop: links back to a folder above it")
            elif key in seen:
                yield InputError(str(path), "same folder as one already read by another path")
            else:
                seen.add(key)
                sub = listing(path)
                if isinstance(sub, InputError):
                    yield sub
                else:
                    stack.append((iter(sub), (*ancestors, key)))
        elif stat.S_ISREG(est.st_mode) and (kind := _kind_by_suffix(path)) is not None:
            rel = path.relative_to(root).with_suffix("").as_posix()
            yield from _read_file(path, run, text_id=rel, kind=kind)
        # Other members (images, sockets, formats read elsewhere) are not documents.


def _read_file(path: Path, run: _Run, *, text_id: str, kind: str | None) -> Iterator[Item]:
    run.files += 1
    if run.files > run.settings.max_files:
        run.stopped = True
        yield InputError(
            str(path),
            f"more than max_files ({run.settings.max_files}) files in one run; "
            "this and all later files skipped (raise CLAMPDOWN_MAX_FILES to read more)",
        )
        return
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
            yield from _read_stream(f, str(path), run, text_id=text_id, kind=kind, size=size)
    except OSError as e:
        yield InputError(str(path), _os_reason(e))


def _read_stream(
    raw: BinaryIO,
    source: str,
    run: _Run,
    *,
    text_id: str,
    kind: str | None,
    size: int | None = None,
) -> Iterator[Item]:
    """Sniff the head of `raw`, then read it as JSON Lines or as one text document."""
    head = _read_up_to(raw, HEAD_BYTES)
    if not head:
        yield InputError(source, "empty input" if source == STDIN else "empty file")
        return
    if b"\x00" in head:
        utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
        reason = "UTF-16 text, not UTF-8; convert it to UTF-8" if utf16 else "binary file, not text"
        yield InputError(source, reason)
        return
    if kind is None:
        kind = "jsonl" if head.removeprefix(BOM).lstrip().startswith(b"{") else "text"
    stream = io.BufferedReader(_Prepend(head, raw))
    if kind == "jsonl":
        yield from _read_jsonl(stream, source, run)
    else:
        yield _read_text(stream, source, run, doc_id=text_id, size=size)


def _read_text(stream: BinaryIO, source: str, run: _Run, *, doc_id: str, size: int | None) -> Item:
    limit = run.settings.max_document_bytes
    data = stream.read(limit + len(BOM) + 1)
    bom = len(BOM) if data.startswith(BOM) else 0
    if len(data) - bom > limit:
        what = f"file is {_size(size)}" if size is not None else "input is"
        return InputError(source, f"{what} over max_document_bytes ({_size(limit)})")
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        return InputError(source, f"not valid UTF-8 at byte {bom + e.start}")
    if not text.strip():
        return InputError(source, "empty file (only whitespace)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(id=doc_id, text=text, published=run.published, lang=run.lang, source=source)


def _read_jsonl(stream: BinaryIO, source: str, run: _Run) -> Iterator[Item]:
    """One document per line; a bad line is reported and the next line read."""
    limit = run.settings.max_line_bytes
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
                where, f"line is {_size(length)}, over max_line_bytes ({_size(limit)})"
            )
            continue
        if lineno == 1:
            raw = raw.removeprefix(BOM)
        if not raw.strip():
            continue
        any_line = True
        yield _parse_line(raw, where, run)
    if not any_line:
        yield InputError(source, "empty file (only blank lines)")


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


def _parse_line(raw: bytes, where: str, run: _Run) -> Item:
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
        return _document(rec, where, run)
    except _BadRecord as e:
        return InputError(where, str(e))


def _document(rec: dict[str, Any], where: str, run: _Run) -> Document:
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
    limit = run.settings.max_document_bytes
    # Encode only when the text might be too big (UTF-8 takes at most 4 bytes a character);
    # surrogatepass because JSON escapes may leave lone surrogates, which strict UTF-8 rejects.
    n = len(text) if len(text) * 4 <= limit else len(text.encode("utf-8", "surrogatepass"))
    if n > limit:
        raise _BadRecord(f"document is {_size(n)}, over max_document_bytes ({_size(limit)})")
    return Document(
        id=doc_id,
        text=text,
        published=_published(rec.get("published")) or run.published,
        lang=_optional_str(rec, "lang") or run.lang,
        url=_optional_str(rec, "url"),
        title=_optional_str(rec, "title"),
        source=where,
    )


def _published(value: Any) -> date | None:
    if value is None or value == "":
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
    raise _BadRecord(f'bad "published" date {value!r}; expected YYYY-MM-DD or null')


def _optional_str(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _BadRecord(f'"{key}" must be a string or null, not {_json_kind(value)}')
    return value


class _Prepend(io.RawIOBase):
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


def _read_up_to(stream: BinaryIO, n: int) -> bytes:
    """Read `n` bytes or to end of input, even from a pipe that returns short reads."""
    parts: list[bytes] = []
    while n > 0 and (chunk := stream.read(n)):
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _kind_by_suffix(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied"
    if e.errno == errno.ELOOP:  # a symbolic link that points back to itself
        return "symbolic link loop"
    return f"cannot read ({e.strerror or e})"


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


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.4g} MiB"
    if n >= 1024:
        return f"{n / 1024:.4g} KiB"
    return f"{n} bytes"
