"""Which files a Spark job reads, listed once on the driver, in the order the CLI reads them.

A file is the unit a task reads (a WARC or JSON Lines file is read by ingest's own reader,
start to end), so the listing decides both the parallelism of reading and the order of
documents: each gets an ordinal (file number, record number) that stands for the position
`clampdown extract` or `clampdown ingest` would have given it. Linking is order-dependent,
so that ordinal is what makes Spark's cases those of the store.

Local paths are walked as `read_documents` walks folders (depth first in name order, hidden
entries skipped, the same include globs); any other URL (s3a://, hdfs://, gs://) is listed
through Hadoop's FileSystem, so every filesystem Spark can reach works here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from clampdown.errors import InputError
from clampdown.ingest.folders import DEFAULT_INCLUDE
from clampdown.ingest.sniff import strip_suffixes

PARQUET = "parquet"
FILES = "files"  # read by ingest's readers, whatever their format
PARQUET_SUFFIX = ".parquet"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read. `local` files are opened by the task itself; others come through
    Hadoop. `doc_id` is the id the CLI gives a document that names none (its path below
    the folder given, less suffixes)."""

    index: int
    path: str
    kind: str  # FILES or PARQUET
    local: bool
    doc_id: str


def is_url(path: str) -> bool:
    return len(urlsplit(path).scheme) > 1  # "C:" is a drive, not a scheme


def local_path(path: str) -> str | None:
    """The filesystem path of a plain path or file: URL; None for other schemes."""
    if not is_url(path):
        return path
    parts = urlsplit(path)
    return parts.path if parts.scheme == "file" else None


def kind_of(name: str) -> str:
    return PARQUET if name.lower().endswith(PARQUET_SUFFIX) else FILES


def included(rel: str) -> bool:
    """Whether a folder member is read: ingest's include globs, or a Parquet file."""
    rel = rel.lower()
    name = rel.rsplit("/", 1)[-1]
    if name.endswith(PARQUET_SUFFIX):
        return True
    return any(fnmatch(name, p) or fnmatch(rel, p) for p in DEFAULT_INCLUDE)


def list_inputs(
    paths: Sequence[str], hadoop_list: Callable[[str], Iterable[str]] | None = None
) -> tuple[list[InputFile], list[InputError]]:
    """Every file under `paths`, numbered in reading order, and an error per missing path.

    `hadoop_list(url)` yields the file URLs under a non-local URL, in order; the job
    passes one backed by the JVM. A path named explicitly is read whatever its suffix
    (as the CLI does); inside folders only included names are read.
    """
    found: list[tuple[str, str, bool, str]] = []
    errors: list[InputError] = []
    for p in paths:
        local = local_path(p)
        if local is not None:
            errors.extend(_walk_local(Path(local), found))
            continue
        listed = list(hadoop_list(p)) if hadoop_list is not None else []
        if not listed:
            errors.append(InputError(p, "no such file or folder (or nothing readable in it)"))
        for url in listed:
            name = PurePosixPath(urlsplit(url).path).name
            found.append((url, kind_of(name), False, strip_suffixes(name)))
    files = [
        InputFile(index=i, path=path, kind=kind, local=local, doc_id=doc_id)
        for i, (path, kind, local, doc_id) in enumerate(found)
    ]
    return files, errors


def _walk_local(root: Path, found: list[tuple[str, str, bool, str]]) -> list[InputError]:
    """Depth first, entries of each folder in name order, as ingest's folder walk goes."""
    if not root.exists():
        return [InputError(str(root), "no such file or folder")]
    if not root.is_dir():
        found.append((str(root), kind_of(root.name), True, strip_suffixes(root.name)))
        return []
    errors: list[InputError] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Iterable[os.DirEntry[str]]] = [iter(_listing(root, errors))]
    while stack:
        entry = next(stack[-1], None)  # type: ignore[call-overload]
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        try:
            st = entry.stat()
        except OSError:
            errors.append(InputError(str(path), "cannot read (broken link or no permission)"))
            continue
        if entry.is_dir():
            key = (st.st_dev, st.st_ino)
            if key not in seen:  # a folder reached twice (a link loop) is read once
                seen.add(key)
                stack.append(iter(_listing(path, errors)))
        elif included(rel):
            found.append((str(path), kind_of(path.name), True, strip_suffixes(rel)))
    return errors


def _listing(folder: Path, errors: list[InputError]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        errors.append(InputError(str(folder), f"cannot list ({e.strerror or e})"))
        return []


def hadoop_lister(spark: object) -> Callable[[str], Iterable[str]]:
    """A lister over Hadoop's FileSystem of `spark`: globs and folders expanded, hidden
    and `_`-prefixed members (Spark's own `_SUCCESS`) skipped, name order."""

    def listing(url: str) -> Iterable[str]:
        sc = spark.sparkContext  # type: ignore[attr-defined]
        jvm = sc._jvm
        hpath = jvm.org.apache.hadoop.fs.Path(url)
        fs = hpath.getFileSystem(sc._jsc.hadoopConfiguration())
        out: list[str] = []
        for st in fs.globStatus(hpath) or []:
            top = st.getPath().toString()
            if not st.isDirectory():
                out.append(top)
                continue
            members = []
            it = fs.listFiles(st.getPath(), True)
            while it.hasNext():
                member = it.next().getPath().toString()
                rel = member[len(top) :].lstrip("/")
                if any(part.startswith((".", "_")) for part in rel.split("/")):
                    continue
                if included(rel):
                    members.append(member)
            out.extend(sorted(members))
        return out

    return listing
