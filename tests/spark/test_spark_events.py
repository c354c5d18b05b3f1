"""The Spark job's events table: one row per event of every document, each with the case
its stored event joined, when a document reports several acts of one type against one
party in one sentence (the store tells them apart by their order) and another document is
an exact copy of it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from spark_corpus import write_jsonl
from spark_helpers import cli_events

from clampdown.spark.job import run_job
from clampdown.spark.records import event_of
from clampdown.store.prepare import event_key

pytestmark = pytest.mark.spark  # a Spark session per module: left out of `make test`

TWO_FINES = (
    "MOSCOW — A Moscow court fined Telegram 3 million rubles in March and a further 4 million "
    "rubles in May for failing to delete banned content, the court said on Friday.\n\n"
    "The messenger did not comment."
)
RECORDS: list[dict[str, Any]] = [
    {"id": "fines", "url": "https://news.example.org/2023/05/fines", "published": "2023-05-12",
     "lang": "en", "text": TWO_FINES},
    {"id": "fines-copy", "url": "https://mirror.example.net/fines-copy",
     "published": "2023-05-12", "lang": "en", "text": TWO_FINES},
    {"id": "block", "url": "https://news.example.org/2022/03/block", "published": "2022-03-04",
     "lang": "en",
     "text": "Roskomnadzor blocked Facebook in Russia on Friday, the regulator said."},
]


def _rows(spark: Any, out: Path, table: str) -> list[dict[str, Any]]:
    return [r.asDict() for r in spark.read.parquet(str(out / table)).collect()]


def test_one_row_per_event_with_its_stored_case(spark: Any, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    expected = {doc: len(evs) for doc, evs in cli_events(src).items()}
    same = [(e["type"], e["start"], e["end"]) for e in cli_events(src)["fines"]]
    assert len(same) == 2 and len(set(same)) == 1  # the case this test is about
    out = tmp_path / "out"
    for _ in range(2):  # a run over an earlier one's output replaces it
        report = run_job(spark, [str(src)], str(out))
        events = _rows(spark, out, "events")
        assert Counter(r["doc_id"] for r in events) == expected
        assert len({(r["doc_id"], r["seq"]) for r in events}) == len(events) == report.events

    case_of = {r["event_key"]: r["case"] for r in _rows(spark, out, "case_events")}
    assert len(case_of) == 3  # the copy is not stored: its events are the first's
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(events, key=lambda r: r["seq"]):
        by_doc.setdefault(r["doc_id"], []).append(r)
    for rows in by_doc.values():
        seen: set[str] = set()
        for r in rows:
            assert r["case"] == case_of[event_key(r["doc_key"], event_of(r), seen)]
    assert [r["case"] for r in by_doc["fines"]] == [r["case"] for r in by_doc["fines-copy"]]
    assert len({r["case"] for r in by_doc["fines"]}) == 2
