"""The knowledge base and its gazetteer, compiled once and kept on disk between runs.

Building the gazetteer reads the knowledge base and every language's word lists and
inflects each Russian alias (seconds per process); loading the compiled result takes a
tenth of that. The compiled pair is kept by `clampdown/cachefile.py`, named by a hash of
everything it is built from: the knowledge base, the lexicons, the code that builds it and
the versions of the package and of the libraries whose objects it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from clampdown import cachefile
from clampdown.resolve.gazetteer import Gazetteer
from clampdown.resolve.kb import KnowledgeBase, load_kb

NAME = "kb"
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


def _files(node: Traversable, rel: str) -> Iterator[tuple[str, Traversable]]:
    if node.is_file():
        yield rel, node
    elif node.is_dir():
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name != "__pycache__":
                yield from _files(child, f"{rel}/{child.name}")


def inputs() -> Iterator[tuple[str, Traversable]]:
    """Every file the compiled knowledge base is built from, by its path in the package."""
    root = files("clampdown")
    for top in (*_DATA, *_CODE):
        node = root
        for part in top.split("/"):
            node = node / part
        yield from _files(node, top)


@cache
def source_key() -> str:
    """A hash of every input of the compiled knowledge base (a new one for any change)."""
    return cachefile.key([(rel, leaf.read_bytes()) for rel, leaf in inputs()], _LIBRARIES)


@cache
def cached_file() -> Compiled | None:
    """What the cache holds for today's inputs, once per process (None: nothing usable)."""
    found = cachefile.load(NAME, source_key())
    return found if isinstance(found, Compiled) else None


@cache
def compiled() -> Compiled:
    """The knowledge base with its gazetteer: from the cache if it holds them, else built
    (and kept for the next process)."""
    found = cached_file()
    if found is not None:
        return found
    from clampdown.resolve.morphology import alias_forms

    kb = load_kb()  # the entities already handed out in this process, so both share them
    made = Compiled(kb=kb, gazetteer=Gazetteer.build(kb.entities.values(), forms=alias_forms))
    cachefile.save(NAME, source_key(), made)
    return made
