"""The Spark job: inputs in, Parquet tables of documents, events and cases out.

    OUTPUT/documents/month=YYYY-MM/   one row per document read, with its text, identity,
                                      signature, attribution, `duplicate` and `story`
    OUTPUT/events/month=YYYY-MM/      one row per extracted event, SPEC fields, and `case`
    OUTPUT/cases/month=YYYY-MM/       one row per case, as the store reconciles it
    OUTPUT/case_events/               which stored event joined which case
    OUTPUT/disputes/month=YYYY-MM/    one row per dispute (the month it began), as the store
                                      links it
    OUTPUT/dispute_steps/             which case is which step of which dispute
    OUTPUT/errors/                    one row per input or record not read, and why
    OUTPUT/summary/                   the counts, as one JSON line

Reading and extraction happen once (the prepared rows are persisted); everything after
works on those rows. The `month` of a document is its publication month, of an event its
own date's month (else its document's), of a case its date's; "undated" otherwise.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial

from pyspark import StorageLevel
from pyspark.rdd import RDD
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from clampdown.errors import NOTED, SKIPPED
from clampdown.ingest.context import ACCURATE
from clampdown.settings import Settings
from clampdown.spark.disputes import link_job_disputes
from clampdown.spark.driver import DRIVER_LINK_DOCUMENTS, link_on_driver
from clampdown.spark.inputs import FILES, PARQUET, InputFile, hadoop_lister, list_inputs
from clampdown.spark.link import link
from clampdown.spark.records import UNDATED, error_row
from clampdown.spark.schema import ERROR, ITEM
from clampdown.spark.store import DEFAULT_BATCH
from clampdown.spark.tasks import ReadOptions, Tagged, prepare_partition, read_files, read_rows

POS_BITS = 40  # a document's position: file number above these bits, record below
PARQUET_FIELDS = ("id", "text", "published", "lang", "url", "title")
EVENT_IDENTITY = ("doc_key", "type", "start", "end", "actor_id", "target_id")
WRITERS = 4  # tables written at once
NTH = "_nth"  # an event's rank among its document's events of the same identity


@dataclass
class JobReport:
    """The summary line's counts."""

    files: int = 0
    documents: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    events: int = 0
    cases: int = 0
    disputes: int = 0
    near_duplicate_pairs: int = 0
    components: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (
            f"{self.files:,} files, {self.documents:,} read, {self.failed:,} failed, "
            f"{self.skipped:,} skipped, {self.duplicates:,} duplicates, {self.events:,} events, "
            f"{self.cases:,} cases, {self.disputes:,} disputes in {self.seconds:.1f} s "
            f"({rate:,.0f} documents/s)"
        )


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    partitions: int | None = None,
    lang: str | None = None,
    published: date | None = None,
    batch_size: int = DEFAULT_BATCH,
    settings: Settings | None = None,
    link_cases: bool = True,
    on_error: Callable[[str], None] = lambda msg: None,
    reader: str = ACCURATE,
    driver_link: int = DRIVER_LINK_DOCUMENTS,
) -> JobReport:
    """Read `inputs`, extract, link, and write the tables under `output` (overwritten).

    `batch_size` must be the one `clampdown ingest` would use for its cases to be the
    store's. `on_error` gets a message per input that could not be listed. `reader` is
    `clampdown extract --reader`: FAST reads pages and WARC records by Resiliparse and
    FastWARC. Inputs of up to `driver_link` documents are linked on the driver
    (`driver.link_on_driver`), larger ones by Spark tasks; the tables are the same.
    """
    started = time.perf_counter()
    sc = spark.sparkContext
    opts = ReadOptions(settings or Settings.from_env(), lang, published, reader)
    files, missing = list_inputs(inputs, hadoop_lister(spark))
    for e in missing:
        on_error(str(e))
    tagged = _read(spark, files, opts)
    n = partitions or max(4 * sc.defaultParallelism, 1)
    # With one task slot, spreading the documents over n tasks buys nothing and costs a
    # shuffle of every document; reading and preparing then run as one stage.
    spread = tagged if partitions is None and sc.defaultParallelism == 1 else (
        tagged.repartition(n)
    )
    # Not verified against ITEM row by row: `records` builds every row to that schema, and
    # checking each nested value in Python cost about 4 percent of the prepare stage.
    items = spark.createDataFrame(
        spread.mapPartitions(prepare_partition), ITEM, verifySchema=False
    ).persist(StorageLevel.MEMORY_AND_DISK)
    docs = items.where(F.col("document").isNotNull()).select("document.*").withColumn(
        "pos", F.shiftleft(F.col("file").cast("long"), POS_BITS) + F.col("record")
    )
    listed_errors = spark.createDataFrame(
        [error_row(e, -1, i) for i, e in enumerate(missing)], ERROR
    )
    errors = items.where(F.col("error").isNotNull()).select("error.*").unionByName(listed_errors)

    report = JobReport(files=len(files))
    per_file = _counts(items, report, len(missing))
    out = output.rstrip("/")
    events = _events(docs)
    writes: list[tuple[DataFrame, str, str | None]] = []
    on_driver = report.documents <= driver_link
    if link_cases and on_driver:
        linked, found = link_on_driver(spark, docs, batch_size)
        doc_table = linked.documents(docs.drop("events"))
        assert linked.event_cases is not None
        events = _with_known_cases(events, linked.event_cases)
    elif link_cases:
        linked = link(spark, docs, batch_size, per_file)
        doc_table = linked.documents(docs.drop("events"))
        # Events with their case serve the disputes and the events table: made once.
        events = _with_cases(events, linked.case_events).persist(StorageLevel.MEMORY_AND_DISK)
        found = link_job_disputes(spark, linked.cases, linked.case_events, events)
    if link_cases:
        # Tables the driver made are a few rows per case, in one partition already: a
        # shuffle by month would cost a Spark job each and gather nothing.
        few = n // 4 if not on_driver else 1
        writes += [
            (_by_month(linked.cases, on_driver), f"{out}/cases", "month"),
            (linked.case_events.coalesce(max(1, few)), f"{out}/case_events", None),
            (_by_month(found.disputes, on_driver), f"{out}/disputes", "month"),
            (found.steps.coalesce(max(1, few)), f"{out}/dispute_steps", None),
        ]
        report.disputes = found.count
        report.duplicates = linked.duplicates
        report.near_duplicate_pairs = linked.near_pairs
        report.components = linked.components
        report.cases = linked.n_cases
    else:
        doc_table = docs.drop("events")
    writes += [
        (doc_table.drop("pos"), f"{out}/documents", "month"),
        (events.repartition("month"), f"{out}/events", "month"),
        (errors.coalesce(1), f"{out}/errors", None),
    ]
    # The tables are written side by side: each write's planning and commit on the driver
    # overlaps another's tasks instead of leaving the executors idle.
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for done in [pool.submit(_write, *w) for w in writes]:
            done.result()
    if link_cases:
        events.unpersist()
        linked.release()
    items.unpersist()
    report.seconds = time.perf_counter() - started
    summary = spark.createDataFrame([(json.dumps(asdict(report)),)], "value string")
    summary.coalesce(1).write.mode("overwrite").text(f"{out}/summary")
    return report


def _counts(items: DataFrame, report: JobReport, listed: int) -> dict[int, int]:
    """The summary's counts, and the documents of each input file, in one pass over the
    prepared items (the first: it fills their cache). `listed` inputs could not be listed."""
    rows = items.groupBy(F.col("document.file").alias("file")).agg(
        F.count("document").alias("documents"),
        F.sum(F.coalesce(F.size("document.events"), F.lit(0))).alias("events"),
        F.sum(F.when(F.col("error.outcome") == SKIPPED, 1).otherwise(0)).alias("skipped"),
        F.sum(F.when(F.col("error.outcome") == NOTED, 1).otherwise(0)).alias("noted"),
        F.count("error").alias("errors"),
    ).collect()
    total = {k: sum(int(r[k] or 0) for r in rows)
             for k in ("documents", "events", "skipped", "noted", "errors")}
    report.documents = total["documents"]
    report.events = total["events"]
    report.skipped = total["skipped"]
    report.failed = total["errors"] - report.skipped - total["noted"] + listed
    return {r["file"]: r["documents"] for r in rows if r["file"] is not None}


def _read(spark: SparkSession, files: list[InputFile], opts: ReadOptions) -> RDD[Tagged]:
    """Every item of every input: local files opened by tasks, one file per partition;
    other filesystems' files fetched through Hadoop; Parquet read by Spark itself."""
    sc = spark.sparkContext
    parts: list[RDD[Tagged]] = []
    local = [f for f in files if f.kind == FILES and f.local]
    if local:
        parts.append(
            sc.parallelize([(f, None) for f in local], len(local))
            .mapPartitions(lambda fs: read_files(fs, opts))
        )
    for f in files:
        if f.kind == FILES and not f.local:
            fetched = sc.binaryFiles(f.path).map(partial(_with_input, f))
            parts.append(fetched.mapPartitions(lambda fs: read_files(fs, opts)))
    parquet = [f for f in files if f.kind == PARQUET]
    if parquet:
        frames = []
        for f in parquet:
            df = spark.read.parquet(f.path)
            cols = [F.col(c) if c in df.columns else F.lit(None).alias(c) for c in PARQUET_FIELDS]
            frames.append(
                df.select(
                    F.lit(f.index).alias("file"),
                    F.col("_metadata.row_index").alias("record"),
                    F.lit(f.path).alias("path"),
                    *cols,
                )
            )
        union = frames[0]
        for df in frames[1:]:
            union = union.unionByName(df)
        parts.append(union.rdd.mapPartitions(lambda rows: read_rows(rows, opts)))
    if not parts:
        return sc.emptyRDD()
    return sc.union(parts) if len(parts) > 1 else parts[0]


def _with_input(f: InputFile, kv: tuple[str, bytes]) -> tuple[InputFile, bytes]:
    """A fetched file's bytes beside the input it came from (a named function: lambdas
    with defaults do not say their types)."""
    return f, bytes(kv[1])


def _events(docs: DataFrame) -> DataFrame:
    """One row per event, SPEC fields first, with its document's id, key and position."""
    ev = docs.select(
        "file",
        "record",
        F.col("id").alias("doc_id"),
        F.col("key").alias("doc_key"),
        F.col("month").alias("doc_month"),
        F.explode("events").alias("e"),
    ).select("file", "record", "doc_id", "doc_key", "doc_month", "e.*")
    own = F.when(F.length("date") >= 7, F.substring("date", 1, 7))
    return ev.withColumn("month", F.coalesce(own, F.col("doc_month"), F.lit(UNDATED))).drop(
        "doc_month"
    )


def _with_cases(events: DataFrame, case_events: DataFrame) -> DataFrame:
    """Each event with the case its stored copy joined, one row per event.

    The store keys an event by its document, type, span and parties, and tells apart the
    events of one document that share all of these (two fines in one sentence) by their
    order (`store.prepare.event_key`); so does this join: the n-th of a document's events
    with one identity is the n-th stored one. A document's events are numbered within the
    document itself (its position), not its key: exact copies share a key, and each copy's
    events must meet the stored events once, not once per copy.
    """
    same = EVENT_IDENTITY[1:]
    nth_event = F.row_number().over(Window.partitionBy("file", "record", *same).orderBy("seq"))
    nth_stored = F.row_number().over(Window.partitionBy(*EVENT_IDENTITY).orderBy("seq"))
    ev = events.withColumn(NTH, nth_event)
    ce = case_events.withColumn(NTH, nth_stored).select(
        *(F.col(c).alias(f"ce_{c}") for c in (*EVENT_IDENTITY, NTH, "case"))
    )
    cond = [ev[c].eqNullSafe(ce[f"ce_{c}"]) for c in EVENT_IDENTITY]
    cond.append(ev[NTH] == ce[f"ce_{NTH}"])
    return ev.join(ce, cond, "left").select(*events.columns, F.col("ce_case").alias("case"))


def _with_known_cases(events: DataFrame, event_cases: DataFrame) -> DataFrame:
    """Each event with its case, where linking handed back each event's case by its place
    (`file`, `record`, `seq`): a broadcast join, no window over every event."""
    return events.join(F.broadcast(event_cases), ["file", "record", "seq"], "left").select(
        *events.columns, "case"
    )


def _by_month(df: DataFrame, one_partition: bool) -> DataFrame:
    """`df` ready to be written partitioned by month: gathered by month, unless it is one
    small partition already."""
    return df.coalesce(1) if one_partition else df.repartition("month")


def _write(df: DataFrame, path: str, partition: str | None = None) -> None:
    writer = df.write.mode("overwrite")
    if partition:
        writer = writer.partitionBy(partition)
    writer.parquet(path)
