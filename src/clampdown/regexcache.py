"""Compiled regular expressions kept between runs: a language pack's patterns compiled once.

`re.compile` parses a pattern and writes its matching program in Python; for a language
pack (a few hundred patterns, and the joined patterns of the trigger scan's gates) that is
most of what setting the language up costs, some 0.1 to 0.2 s of CPU in every process. The
program is the same in every process of one Python, so it is kept in the user's cache folder
(`cachefile.py`, named by a hash of the Python version and of `re`'s program format) and
handed back to `re`'s engine as it is: `compile` gives a pattern equal to `re.compile`'s
(the same pattern, flags and program; a test compares them for every pattern of every pack).

The parse trees the pattern readings walk (`regexwords`, `extract/quick.py`: a pack's stems and
needed words, read when it is set up) are kept the same way (`parsed`), each as the tree
`re`'s parser gives.

And what the readings find in a pattern (its stems, the words its matches need: small
results of pure functions of the pattern) is kept by `Readings`, named by a hash of the code
that reads them too.

New programs, trees and readings are written when the process ends. Where `re`'s internals
are not what this reads (another Python), `compile` is `re.compile`.
"""

from __future__ import annotations

import atexit
import copyreg
import io
import pickle
import re
import re._constants as _constants  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
import sys
from array import array
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from clampdown import cachefile

try:  # the internals of CPython's `re` this reads; another Python compiles as usual
    import _sre  # type: ignore[import-not-found]
    import re._compiler as _compiler  # type: ignore[import-not-found]

    _READY = _sre.CODESIZE == 4 and hasattr(_compiler, "_code")
except (ImportError, AttributeError):  # pragma: no cover
    _READY = False

NAME = "regex"
TREES = "regex-trees"
MAX_KEPT = 5_000  # past this many entries, only those this process used are written again

# (pattern, flags) -> (flags as compiled, program, groups, group names) as cached.
_Entry = tuple[int, "array[int]", int, dict[str, int], tuple[str | None, ...]]
_stored: dict[tuple[str, int], _Entry] | None = None
_used: dict[tuple[str, int], _Entry] = {}
_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_state = {"added": False, "on": _READY}
# (pattern, flags) -> the pickled parse tree, as cached.
_trees: dict[tuple[str, int], bytes] | None = None
_trees_used: dict[tuple[str, int], bytes] = {}


def _digest(code: bytes = b"") -> str:
    version = f"{sys.version}\n{sys.implementation.name}\n{getattr(_constants, 'MAGIC', '')}"
    return cachefile.key([("re", version.encode()), ("code", code)], ())


def _store() -> dict[tuple[str, int], _Entry]:
    global _stored
    if _stored is None:
        found = cachefile.load(NAME, _digest())
        _stored = found if isinstance(found, dict) else {}
    return _stored


def _mark_added() -> None:
    if not _state["added"]:
        _state["added"] = True
        atexit.register(save)


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
            _mark_added()
        _used[key] = entry
        try:
            made = _engine(pattern, entry)
        except Exception:  # a program the engine refuses: compile as usual from now on
            _state["on"] = False
            made = re.compile(pattern, flags)
    _compiled[key] = made
    return made


def _constant(name: str) -> Any:
    """One of `re`'s named constants, the very object its parser uses (the readings compare
    them by identity)."""
    return getattr(_constants, name)


class _TreePickler(pickle.Pickler):
    """Pickles a parse tree, its named constants by name."""

    dispatch_table = copyreg.dispatch_table.copy()


if _READY:
    _TreePickler.dispatch_table[_constants._NamedIntConstant] = lambda c: (_constant, (c.name,))


def parsed(pattern: str, flags: int) -> Any:
    """`re._parser.parse(pattern, flags)`, from the cache folder where a run before this one
    parsed it (a new tree each call: the readings keep their own)."""
    key = (pattern, int(flags))
    if not _state["on"]:
        return _parser.parse(pattern, flags)
    global _trees
    if _trees is None:
        found = cachefile.load(TREES, _digest())
        _trees = found if isinstance(found, dict) else {}
    data = _trees.get(key)
    if data is not None:
        try:
            tree = pickle.loads(data)  # noqa: S301 (the user's own cache folder)
            _trees_used[key] = data
            return tree
        except Exception:  # noqa: BLE001 (a damaged entry: parsed again)
            pass
    tree = _parser.parse(pattern, flags)
    out = io.BytesIO()
    try:
        _TreePickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(tree)
    except Exception:  # noqa: BLE001 (a tree that cannot be kept is parsed each time)
        return tree
    _trees[key] = _trees_used[key] = out.getvalue()
    _mark_added()
    return tree


T = TypeVar("T")


class Readings:
    """What pure functions of patterns found, kept between runs under `name`, named by a
    hash of `code` (the source of the functions: changed code reads afresh)."""

    def __init__(self, name: str, code: bytes) -> None:
        self.name, self.code = name, code
        self.found: dict[Any, Any] | None = None
        self.used: dict[Any, Any] = {}
        _READINGS.append(self)

    def get(self, key: Any, read: Callable[[], T]) -> T:
        """What `read()` gives for `key` (hashable, picklable: the function and its
        arguments), from the cache folder where a run before this one read it. The result
        is shared: callers must not change it."""
        if not _state["on"]:
            return read()
        if self.found is None:
            loaded = cachefile.load(self.name, _digest(self.code))
            self.found = loaded if isinstance(loaded, dict) else {}
        try:
            value: T = self.found[key]
        except KeyError:
            value = self.found[key] = read()
            _mark_added()
        self.used[key] = value
        return value

    def save(self) -> None:
        if self.found is not None:
            kept = self.found if len(self.found) <= MAX_KEPT else dict(self.used)
            cachefile.save(self.name, _digest(self.code), kept)


_READINGS: list[Readings] = []


def save() -> None:
    """Write the programs, trees and readings made in this process that the cache folder
    lacks (with those it held, unless they are too many: then only those this process
    used)."""
    if not _state["added"]:
        return
    for readings in _READINGS:
        readings.save()
    if _stored is not None:
        kept: dict[Any, Any] = _stored if len(_stored) <= MAX_KEPT else dict(_used)
        cachefile.save(NAME, _digest(), kept)
    if _trees is not None:
        kept = _trees if len(_trees) <= MAX_KEPT else dict(_trees_used)
        cachefile.save(TREES, _digest(), kept)
    _state["added"] = False


_V = TypeVar("_V")


class ByPattern(Generic[_V]):
    """Values kept per compiled pattern (what a reading or a plan found in it), looked up
    by the pattern object itself. A dict keyed by the pattern would hash it at each look-up,
    and `re.Pattern`'s hash reads its whole program every time (0.2 to 2 µs for a pack's
    long patterns, asked thousands of times a document); the pattern is kept here, so its
    `id` stays its own. Two equal pattern objects each get their own entry (their values are
    the same: what is kept is read off the pattern)."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: dict[int, tuple[re.Pattern[str], _V]] = {}

    def get(self, regex: re.Pattern[str]) -> _V | None:
        entry = self._items.get(id(regex))
        return None if entry is None else entry[1]

    def __contains__(self, regex: re.Pattern[str]) -> bool:
        return id(regex) in self._items

    def __getitem__(self, regex: re.Pattern[str]) -> _V:
        return self._items[id(regex)][1]

    def __setitem__(self, regex: re.Pattern[str], value: _V) -> None:
        self._items[id(regex)] = (regex, value)
