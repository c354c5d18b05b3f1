"""The Spark job against the single-machine tools, on a generated WARC and JSON Lines corpus:
its events must be `clampdown extract`'s, record for record, and its cases the store's."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from spark_corpus import jsonl_records, write_jsonl, write_warc
from spark_helpers import clampdown, cli_events, spark_cases, store_cases

from clampdown.output import SPEC_FIELDS
from clampdown.spark.job import JobReport, run_job
from clampdown.spark.records import event_of

STORE_CORPUS = Path(__file__).resolve().parents[1] / "store" / "data" / "corpus.jsonl"
pytestmark = pytest.mark.spark  # a Spark session per module: left out of `make test`


@dataclass
class Run:
    inputs: list[Path]
    out: Path
    report: JobReport


@pytest.fixture(scope="module")
def run(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Run:
    d = tmp_path_factory.mktemp("job")
    inputs = [write_warc(d / "crawl.warc.gz"), write_jsonl(d / "news.jsonl")]
    out = d / "out"
    report = run_job(spark, [str(p) for p in inputs], str(out))
    return Run(inputs, out, report)


def spark_events(spark: Any, out: Path) -> dict[str, list[dict[str, Any]]]:
    """Document id -> its events in SPEC form, from the job's tables."""
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {
        r["id"]: [] for r in spark.read.parquet(str(out / "documents")).select("id").collect()
    }
    for r in spark.read.parquet(str(out / "events")).collect():
        spec = {k: event_of(r.asDict()).to_dict()[k] for k in SPEC_FIELDS}
        found[r["doc_id"]].append((r["seq"], spec))
    return {doc: [e for _, e in sorted(evs, key=lambda x: x[0])] for doc, evs in found.items()}


def test_events_equal_clampdown_extract_record_for_record(spark: Any, run: Run) -> None:
    expected = cli_events(*run.inputs)
    got = spark_events(spark, run.out)
    assert len(expected) == 13 and sum(map(len, expected.values())) > 15
    assert got == expected


def test_cases_equal_the_single_machine_store(spark: Any, run: Run, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    proc = clampdown("ingest", *map(str, run.inputs), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    expected = store_cases(db)
    assert spark_cases(spark, run.out) == expected
    # Not trivially equal: the wire story, its copies and a rewrite are one case.
    assert max(len(c) for c in expected) >= 4
    assert run.report.cases == len(expected)


def test_summary_counts_documents_duplicates_and_events(spark: Any, run: Run) -> None:
    r = run.report
    assert (r.files, r.documents, r.failed, r.duplicates) == (2, 13, 0, 1)
    assert r.events == spark.read.parquet(str(run.out / "events")).count()
    docs = spark.read.parquet(str(run.out / "documents"))
    assert {row["month"] for row in docs.select("month").collect()} >= {"2022-03", "undated"}
    dup = docs.where("duplicate").select("id").collect()
    assert [row["id"] for row in dup] == ["repeat-daily-telegram"]
    copies = docs.where("id in ('wire-telegram', 'aggregator-telegram')").select("story")
    assert len({row["story"] for row in copies.collect()}) == 1


def test_spark_load_fills_the_store_as_ingest_does(run: Run, tmp_path: Path) -> None:
    ingested, loaded = tmp_path / "ingested.db", tmp_path / "loaded.db"
    assert clampdown("ingest", *map(str, run.inputs), "--db", str(ingested)).returncode == 0
    proc = clampdown("spark-load", str(run.out), "--db", str(loaded))
    assert proc.returncode == 0, proc.stderr
    assert store_cases(loaded) == store_cases(ingested)
    again = clampdown("spark-load", str(run.out), "--db", str(loaded))
    assert again.returncode == 0 and store_cases(loaded) == store_cases(ingested)
    by_ingest = tmp_path / "by-ingest.db"  # `clampdown ingest OUT/` loads the tables too
    proc = clampdown("ingest", str(run.out), "--db", str(by_ingest))
    assert proc.returncode == 0, proc.stderr
    assert store_cases(by_ingest) == store_cases(ingested)


@pytest.mark.skipif(not STORE_CORPUS.is_file(), reason="the store tests' corpus is not there")
def test_cases_equal_the_store_on_the_store_tests_corpus(spark: Any, tmp_path: Path) -> None:
    """The store's own linking corpus (wire copies, an undated copy, a wrong amount)."""
    out, db = tmp_path / "out", tmp_path / "store.db"
    run_job(spark, [str(STORE_CORPUS)], str(out))
    assert clampdown("ingest", str(STORE_CORPUS), "--db", str(db)).returncode == 0
    assert spark_cases(spark, out) == store_cases(db)


def test_small_batches_still_match_the_store(spark: Any, run: Run, tmp_path: Path) -> None:
    """Between batches the store links against reconciled cases, not the running state;
    the job must cut the same batches to give the same cases."""
    out, db = tmp_path / "out", tmp_path / "store.db"
    run_job(spark, [str(p) for p in run.inputs], str(out), batch_size=3)
    proc = clampdown("ingest", *map(str, run.inputs), "--db", str(db), "--batch-size", "3")
    assert proc.returncode == 0, proc.stderr
    assert spark_cases(spark, out) == store_cases(db)


def test_malformed_warc_records_are_counted_and_skipped_not_fatal(
    spark: Any, tmp_path: Path
) -> None:
    garbled = b"WARX/1.0\r\nnot: a header\r\n\r\nnot a record\r\n\r\n"
    member = bytearray(gzip.compress(garbled))
    member[12:30] = b"\x00" * 18
    inputs = [
        write_warc(tmp_path / "a.warc", gzip=False, extra=[garbled]),
        write_warc(tmp_path / "b.warc.gz", extra=[bytes(member), b"\x1f\x8b\x08junk"]),
    ]
    out = tmp_path / "out"
    report = run_job(spark, [str(p) for p in inputs], str(out), link_cases=False)
    assert (report.documents, report.failed) == (6, 3)
    errs = spark.read.parquet(str(out / "errors")).collect()
    assert sorted(Path(e["source"]).name for e in errs) == ["a.warc", "b.warc.gz", "b.warc.gz"]
    assert all(e["reason"].startswith("record ") for e in errs)


def test_parquet_input_gives_the_events_of_the_same_json_lines(
    spark: Any, run: Run, tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = jsonl_records()
    for r in records:  # Parquet stores dates as dates
        r["published"] = date.fromisoformat(r["published"]) if r["published"] else None
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "news.parquet")
    out = tmp_path / "out"
    report = run_job(spark, [str(tmp_path / "news.parquet")], str(out), link_cases=False)
    assert (report.documents, report.failed) == (len(records), 0)
    expected = cli_events(run.inputs[1])
    assert spark_events(spark, out) == expected


def test_the_command_line_runs_a_job_and_says_what_it_did(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", jsonl_records()[:3])
    proc = clampdown("spark", str(src), str(tmp_path / "missing.jsonl"), "--output",
                     str(tmp_path / "out"), "--master", "local[1]", "--no-cases",
                     "--conf", "spark.ui.enabled=false", "--strict")
    assert proc.returncode == 1, proc.stderr  # --strict, and one input is missing
    assert "missing.jsonl: no such file or folder" in proc.stderr
    assert "1 files, 3 read, 1 failed" in proc.stderr
    assert (tmp_path / "out" / "events").is_dir()
