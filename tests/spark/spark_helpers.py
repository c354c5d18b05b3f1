"""Reading what the single-machine tools give, to compare the Spark job with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clampdown.store.db import database_url, open_store
from clampdown.store.schema import documents, entities, events

# An event as the store keys it: document text hash, type, span and parties.
EventId = tuple[str, str, int, int, str | None, str | None]


def clampdown(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clampdown", *args], capture_output=True, text=True, timeout=600
    )


def cli_events(*inputs: Path) -> dict[str, list[dict[str, Any]]]:
    """`clampdown extract --format jsonl`: document id -> its events (SPEC fields)."""
    proc = clampdown("extract", *map(str, inputs), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    out: dict[str, list[dict[str, Any]]] = {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        assert rec["id"] not in out, f"duplicate id {rec['id']}"
        out[rec["id"]] = rec["events"]
    return out


def store_cases(db: Path) -> set[frozenset[EventId]]:
    """The store's cases, each as the set of its events."""
    engine = open_store(database_url(str(db)), must_exist=True)
    actor, target = entities.alias("a"), entities.alias("t")
    q = (
        select(events.c.case_id, documents.c.key, events.c.type, events.c.span_start,
               events.c.span_end, actor.c.key, target.c.key)
        .select_from(
            events.join(documents, documents.c.id == events.c.doc_id)
            .outerjoin(actor, actor.c.id == events.c.actor_id)
            .outerjoin(target, target.c.id == events.c.target_id)
        )
    )
    by_case: dict[int, set[EventId]] = {}
    try:
        with engine.connect() as conn:
            for case_id, *ident in conn.execute(q):
                by_case.setdefault(case_id, set()).add(tuple(ident))  # type: ignore[arg-type]
    finally:
        engine.dispose()
    return {frozenset(v) for v in by_case.values()}


def spark_cases(spark: Any, out: Path) -> set[frozenset[EventId]]:
    by_case: dict[str, set[EventId]] = {}
    for r in spark.read.parquet(str(out / "case_events")).collect():
        ident = (r["doc_key"], r["type"], r["start"], r["end"], r["actor_id"], r["target_id"])
        by_case.setdefault(r["case"], set()).add(ident)
    return {frozenset(v) for v in by_case.values()}
