"""Compiled regular expressions kept between runs: a language pack's patterns compiled once.

`re.compile` parses a pattern and writes its matching program in Python; for a language
pack (a few hundred patterns, and the joined patterns of the trigger scan's gates) that is
most of what setting the language up costs, some 0.1 to 0.2 s of CPU in every process. The
program is the same in every process of one Python, so it is kept in the user's cache folder
(`cachefile.py`, named by a hash of the Python version and of `re`'s program format) and
handed back to `re`'s engine as it is: `compile` gives a pattern equal to `re.compile`'s
(the same pattern, flags and program; a test compares them for every pattern of every pack).

New programs are written when the process ends. Where `re`'s internals are not what this
reads (another Python), `compile` is `re.compile`.
"""

from __future__ import annotations

import atexit
import re
import sys
from array import array
from typing import Any

from clampdown import cachefile

try:  # the internals of CPython's `re` this reads; another Python compiles as usual
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

    _READY = _sre.CODESIZE == 4
except (ImportError, AttributeError):  # pragma: no cover
    _READY = False

NAME = "regex"
MAX_KEPT = 20_000  # past this many programs, only those this process used are written again

# (pattern, flags) -> (flags as compiled, program, groups, group names) as cached.
_Entry = tuple[int, "array[int]", int, dict[str, int], tuple[str | None, ...]]
_stored: dict[tuple[str, int], _Entry] | None = None
_used: dict[tuple[str, int], _Entry] = {}
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_state = {"added": False, "on": _READY}


def _digest() -> str:
    version = f"{sys.version}\n{sys.implementation.name}\n{getattr(_constants, 'MAGIC', '')}"
    return cachefile.key([("re", version.encode())], ())


def _store() -> dict[tuple[str, int], _Entry]:
    global _stored
    if _stored is None:
        found = cachefile.load(NAME, _digest())
        _stored = found if isinstance(found, dict) else {}
    return _stored


def _entry(pattern: str, flags: int) -> _Entry:
    """What `re._compiler.compile` hands the engine for `pattern`."""
    tree = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(tree, flags))
    names: dict[str, int] = dict(tree.state.groupdict)
    index: list[str | None] = [None] * tree.state.groups
    for name, i in names.items():
        index[i] = name
    return (flags | tree.state.flags, code, tree.state.groups - 1, names, tuple(index))


def _engine(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, names, index = entry
    made: re.Pattern[str] = _sre.compile(pattern, flags, code.tolist(), groups, names, index)
    return made


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 (as `re`'s)
    """`re.compile(pattern, flags)`, its program taken from the cache folder where a run
    before this one compiled it (raises `re.error` as `re.compile` does)."""
    key = (pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    if not _state["on"]:
        made = re.compile(pattern, flags)
    else:
        store = _store()
        entry = store.get(key)
        if entry is None:
            entry = _entry(pattern, key[1])  # raises re.error as re.compile does
            store[key] = entry
            if not _state["added"]:
                _state["added"] = True
                atexit.register(save)
        _used[key] = entry
        try:
            made = _engine(pattern, entry)
        except Exception:  # a program the engine refuses: compile as usual from now on
            _state["on"] = False
            made = re.compile(pattern, flags)
    _compiled[key] = made
    return made


def save() -> None:
    """Write the programs compiled in this process that the cache folder lacks (with those
    it held, unless they are too many: then only those this process used)."""
    if not _state["added"] or _stored is None:
        return
    kept: dict[Any, _Entry] = _stored if len(_stored) <= MAX_KEPT else dict(_used)
    cachefile.save(NAME, _digest(), kept)
    _state["added"] = False
