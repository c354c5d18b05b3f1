"""Files kept between runs in the user's cache folder: what takes a second or more to build
and a tenth of that to load (the compiled knowledge base, the language identifier's model).

A file is named by a hash of everything it is built from (`key`), so a changed input names
another file and a stale one is never read; a file that cannot be read is ignored (the
caller builds again); a folder that cannot be written costs only the speed. Files are
written atomically, so a process reading while another writes sees the whole file or none.

`CLAMPDOWN_CACHE_DIR` moves the folder; `CLAMPDOWN_CACHE=0` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_DIR_VAR = "CLAMPDOWN_CACHE_DIR"
SWITCH_VAR = "CLAMPDOWN_CACHE"
_OFF = frozenset({"0", "off", "no", "false"})
_SUFFIX = ".pickle"
KEEP_OTHERS = 3  # files of other inputs kept per name, for other checkouts sharing the folder


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where cached files are kept, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(SWITCH_VAR, "").strip().lower() in _OFF:
        return None
    if env.get(CACHE_DIR_VAR):
        return Path(env[CACHE_DIR_VAR])
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "clampdown" / "cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clampdown"


def key(parts: list[tuple[str, bytes]], libraries: tuple[str, ...]) -> str:
    """A hash of named inputs, the Python version and the libraries' versions."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}\n".encode())
    for dist in libraries:
        digest.update(f"{dist} {_version(dist)}\n".encode())
    for name, data in parts:
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def path(folder: Path, name: str, digest: str) -> Path:
    return folder / f"{name}-{digest}{_SUFFIX}"


def load(name: str, digest: str) -> Any:
    """The object cached under `name` for inputs `digest`, or None (none, damaged, or the
    cache is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with path(folder, name, digest).open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # a missing, damaged or foreign file only means building again
        return None


def save(name: str, digest: str, value: object) -> None:
    """Keep `value` for the next process, and drop the files of older inputs but a few."""
    folder = cache_dir()
    if folder is None:
        return
    target = path(folder, name, digest)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        others = sorted(
            (p for p in folder.glob(f"{name}-*{_SUFFIX}") if p != target),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[KEEP_OTHERS:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
