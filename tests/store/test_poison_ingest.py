"""A batch with one bad field in each of several documents is stored whole, on SQLite and
PostgreSQL (where an over-long `lang` once refused the whole batch), and a rerun adds
nothing and fails nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from poison import POISON


def test_poison_fields_cost_no_document(
    db_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    path = tmp_path / "poison.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in POISON), encoding="utf-8")
    first = run_ingest(db_url, path)
    assert (first.read, first.failed, first.stored) == (len(POISON), 0, len(POISON))
    assert first.events == len(POISON)
    again = run_ingest(db_url, path)
    assert (again.failed, again.stored) == (0, 0)
