"""The suite's own layout: test folders are not packages, so pytest imports each test file
by its base name, and two files of one name would break collection of the whole suite."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_every_test_module_has_its_own_name() -> None:
    names = Counter(p.name for p in Path(__file__).parent.rglob("test_*.py"))
    assert not [name for name, n in names.items() if n > 1]
