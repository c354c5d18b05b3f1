"""The knowledge base and its gazetteer, compiled once and kept on disk between runs.

Building the gazetteer reads the knowledge base and every language's word lists and
inflects each Russian alias (seconds per process); loading the compiled result takes a
tenth of that. The compiled pair is a pickle under the user's cache folder, named by a
hash of everything it is built from: the knowledge base, the lexicons, the code that
builds it and the versions of the package and the libraries whose objects it holds. A
changed input therefore names another file and is never read stale; a file that cannot
be read is ignored and rebuilt; a folder that cannot be written costs only the speed.

`CLAMPDOWN_CACHE_DIR` moves the folder; `CLAMPDOWN_KB_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from clampdown.resolve.gazetteer import Gazetteer
from clampdown.resolve.kb import KnowledgeBase, load_kb

CACHE_DIR_VAR = "CLAMPDOWN_CACHE_DIR"
SWITCH_VAR = "CLAMPDOWN_KB_CACHE"
_OFF = frozenset({"0", "off", "no", "false"})
_PREFIX = "kb-"
_SUFFIX = ".pickle"
_KEEP_OTHERS = 3
# The data folders and modules a compiled gazetteer depends on (relative to the package).
_DATA = ("kb", "lexicons")
_CODE = ("model.py", "languages.py", "resolve/gazetteer.py", "resolve/kb.py",
         "resolve/morphology.py", "resolve/compiled.py")
# Distributions whose objects or output the pickle holds.
_LIBRARIES = ("clampdown", "pyahocorasick", "pymorphy3", "pymorphy3-dicts-ru", "PyYAML")


@dataclass(frozen=True, slots=True)
class Compiled:
    """The knowledge base and the automaton over its names, built from the same entities."""

    kb: KnowledgeBase
    gazetteer: Gazetteer


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where compiled files are kept, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(SWITCH_VAR, "").strip().lower() in _OFF:
        return None
    if env.get(CACHE_DIR_VAR):
        return Path(env[CACHE_DIR_VAR])
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "clampdown" / "cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clampdown"


def _files(node: Traversable, rel: str) -> Iterator[tuple[str, Traversable]]:
    if node.is_file():
        yield rel, node
    elif node.is_dir():
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name != "__pycache__":
                yield from _files(child, f"{rel}/{child.name}")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def source_key() -> str:
    """A hash of every input of the compiled knowledge base (a new one for any change)."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}\n".encode())
    for dist in _LIBRARIES:
        digest.update(f"{dist} {_version(dist)}\n".encode())
    root = files("clampdown")
    for top in (*_DATA, *_CODE):
        node = root
        for part in top.split("/"):
            node = node / part
        for rel, leaf in _files(node, top):
            data = leaf.read_bytes()
            digest.update(f"{rel} {len(data)}\n".encode())
            digest.update(data)
    return digest.hexdigest()[:32]


def _path(folder: Path) -> Path:
    return folder / f"{_PREFIX}{source_key()}{_SUFFIX}"


def _load(path: Path) -> Compiled | None:
    """The compiled pair in `path`, or None when it is missing or unusable."""
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)
    except Exception:  # a damaged or foreign file only means a rebuild
        return None
    return found if isinstance(found, Compiled) else None


def _save(folder: Path, compiled: Compiled) -> None:
    """Write atomically (a reader sees no file or the whole file) and drop the files of
    earlier inputs; a folder that cannot be written is left as it is."""
    path = _path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(compiled, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # Files of other inputs: a few stay for other checkouts sharing the folder.
        others = sorted(
            (p for p in folder.glob(f"{_PREFIX}*{_SUFFIX}") if p != path),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[_KEEP_OTHERS:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


@cache
def cached_file() -> Compiled | None:
    """What the cache holds for today's inputs, once per process (None: nothing usable)."""
    folder = cache_dir()
    return None if folder is None else _load(_path(folder))


@cache
def compiled() -> Compiled:
    """The knowledge base with its gazetteer: from the cache if it holds them, else built
    (and stored for the next process)."""
    found = cached_file()
    if found is not None:
        return found
    from clampdown.resolve.morphology import alias_forms

    kb = load_kb()  # the entities already handed out in this process, so both share them
    made = Compiled(kb=kb, gazetteer=Gazetteer.build(kb.entities.values(), forms=alias_forms))
    folder = cache_dir()
    if folder is not None:
        _save(folder, made)
    return made
