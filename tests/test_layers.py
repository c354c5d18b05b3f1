"""The packages of clampdown import only downward, and never each other within a layer.

model → resolve → extract / ingest → link → store → query → web / export / spark → api →
cli: a package may import any package of a lower layer, none of its own layer (that is how
cycles start) and none above. Imports inside functions count too: they are dependencies
all the same. The API sits above the dashboard because its application mounts the pages.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "clampdown"
LAYERS: tuple[tuple[str, ...], ...] = (
    # plain modules, which may import each other without a cycle
    (
        "model",
        "errors",
        "settings",
        "cachefile",
        "languages",
        "langid",
        "output",
        "regexwords",
        "regexcache",
    ),
    ("resolve",),
    ("extract", "ingest"),
    ("link",),
    ("store",),
    ("query",),
    ("web", "export", "spark"),
    ("api",),
    ("cli",),
    ("__main__",),
)
BASE = LAYERS[0]
# Imports against the order, each with the reason it is still there (none today).
KNOWN: dict[tuple[str, str], str] = {}


def _layer_of(package: str) -> int:
    for i, layer in enumerate(LAYERS):
        if package in layer:
            return i
    raise AssertionError(f"clampdown.{package} is in no layer of tests/test_layers.py")


def _imports() -> list[tuple[str, str, str]]:
    """(importing package, imported package, file:line) for every import between two."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel == Path("__init__.py"):
            continue
        package = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "clampdown" and len(parts) > 1 and parts[1] != package:
                    found.append((package, parts[1], f"{rel}:{node.lineno}"))
    return found


def test_every_package_is_in_a_layer() -> None:
    packages = {p.name for p in SRC.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    for name in sorted(packages | modules):
        _layer_of(name)


def test_imports_only_go_down() -> None:
    wrong = []
    for importer, imported, where in _imports():
        if (importer, imported) in KNOWN:
            continue
        a, b = _layer_of(importer), _layer_of(imported)
        if a < b or (a == b and importer not in BASE):
            wrong.append(f"{where}: {importer} imports {imported}")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_the_plain_modules_import_each_other_without_a_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for importer, imported, _ in _imports():
        if importer in BASE and imported in BASE:
            graph.setdefault(importer, set()).add(imported)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            n == goal or (n not in seen and reaches(n, goal, seen | {n}))
            for n in graph.get(start, ())
        )

    assert not [m for m in graph if reaches(m, m, set())]


def test_known_exceptions_are_still_needed() -> None:
    present = {(a, b) for a, b, _ in _imports()}
    assert set(KNOWN) <= present, f"no longer imported, drop from KNOWN: {set(KNOWN) - present}"
