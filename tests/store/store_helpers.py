"""Small helpers shared by the store tests (imported by name: tests/store is on sys.path)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from clampdown.query.filters import CaseFilter
from clampdown.query.listing import get_case, list_cases
from clampdown.store.db import open_store
from clampdown.store.schema import metadata


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def all_cases(url: str) -> list[dict[str, Any]]:
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            return list_cases(conn, CaseFilter(), sort="id", desc=False, limit=100_000)
    finally:
        engine.dispose()


def case_detail(url: str, case_id: int) -> dict[str, Any]:
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            case = get_case(conn, case_id)
    finally:
        engine.dispose()
    assert case is not None
    return case


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in metadata.sorted_tables
        }


def one(rows: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    """The single row matching every field of `want`."""
    found = [r for r in rows if all(r.get(k) == v for k, v in want.items())]
    assert len(found) == 1, f"{len(found)} rows match {want}: {rows}"
    return found[0]
