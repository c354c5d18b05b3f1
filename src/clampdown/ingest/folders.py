"""Walking a folder of inputs: which files to read, in a stable order, without loops.

Corpora arrive as folder trees from scrapers and archives, often with symbolic links
between them, so the walk is depth-first in name order (the same run gives the same
output order), follows links but never into a loop or twice into one folder, and takes
only files matching the include globs and none of the exclude ones.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path

from clampdown.errors import SKIPPED, InputError
from clampdown.ingest.context import ReadContext

# Files a walk reads unless --include says otherwise; other members (images, scripts,
# notes) are not documents and are passed over without a word.
DEFAULT_INCLUDE = (
    "*.txt",
    "*.text",
    "*.jsonl",
    "*.ndjson",
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.shtml",
    "*.rss",
    "*.atom",
    "*.xml",
    "*.warc",
    "*.gz",
    "*.bz2",
)

Found = tuple[Path, str, os.stat_result]  # a file to read: path, path in the folder, stat


def walk(root: Path, ctx: ReadContext) -> Iterator[Found | InputError]:
    """The files under `root` to read, and an error for each folder or link that fails.

    Hidden entries are skipped. Stops early once `ctx.stopped` is set (max_files).
    """
    seen: set[tuple[int, int]] = set()
    st = root.stat()
    seen.add((st.st_dev, st.st_ino))
    first = _listing(root)
    if isinstance(first, InputError):
        yield first
        return
    # An explicit stack, not recursion: folder depth is not ours to bound.
    stack: list[tuple[Iterator[os.DirEntry[str]], tuple[tuple[int, int], ...]]] = [
        (iter(first), ((st.st_dev, st.st_ino),))
    ]
    while stack and not ctx.stopped:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        if matches(rel, ctx.exclude):
            continue
        try:
            est = entry.stat()  # follows symlinks
        except OSError as e:
            reason = "broken symbolic link" if entry.is_symlink() else os_reason(e)
            yield InputError(str(path), reason)
            continue
        if stat.S_ISDIR(est.st_mode):
            key = (est.st_dev, est.st_ino)
            if key in ancestors:
                yield InputError(str(path), "directory loop: links back to a folder above it")
            elif key in seen:
                yield InputError(
                    str(path), "same folder as one already read by another path", SKIPPED
                )
            else:
                seen.add(key)
                sub = _listing(path)
                if isinstance(sub, InputError):
                    yield sub
                else:
                    stack.append((iter(sub), (*ancestors, key)))
        elif stat.S_ISREG(est.st_mode) and matches(rel, ctx.include):
            yield path, rel, est
        elif not stat.S_ISREG(est.st_mode) and matches(rel, ctx.include):
            # A pipe, socket or device inside a folder is never a document someone saved.
            yield InputError(str(path), f"not a regular file ({_kind(est.st_mode)})", SKIPPED)
        # Files in formats not asked for are passed over without a word.


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def matches(rel: str, patterns: Sequence[str]) -> bool:
    """Whether a relative path, or its last part, matches one of the globs (any case)."""
    rel = rel.lower()
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch(name, p.lower()) or fnmatch(rel, p.lower()) for p in patterns)


def os_reason(e: OSError) -> str:
    """A few words for why the file system refused, as a user would put it."""
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied"
    if e.errno == errno.ELOOP:  # a symbolic link that points back to itself
        return "symbolic link loop"
    return f"cannot read ({e.strerror or e})"


def _listing(folder: Path) -> list[os.DirEntry[str]] | InputError:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        return InputError(str(folder), os_reason(e))
