"""Putting a Spark job's Parquet tables into the store, without extracting anything again.

The tables hold every document with its events and everything the store's `Prepared`
needs, so loading is only the store's writing: documents are taken in input order, cut
into batches as `clampdown ingest` cuts them, and written by the store's `write_batch`,
which links them into cases exactly as it would have (and so as the job's `cases` table
says). A document already in the store is skipped by its text hash, so loading twice, or
after an interrupted load, adds nothing twice.

Needs only pyarrow, not Spark: the dashboard machine need not run a JVM.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from clampdown.errors import ClampdownError
from clampdown.spark.records import prepared_of
from clampdown.spark.store import DEFAULT_BATCH, fresh, write_batches
from clampdown.store.prepare import Prepared
from clampdown.store.write import BatchStats, BatchTotals

DOCUMENT_COLUMNS = (
    "file", "record", "id", "text", "published", "lang", "url", "title", "source", "key",
    "url_key", "signature", "bands", "outlet", "wire", "cited", "republished", "cues",
    "surfaces",
)


@dataclass
class LoadReport(BatchTotals):
    documents: int = 0


def is_output(path: str | Path) -> bool:
    """Whether `path` is a folder a `clampdown spark` job wrote."""
    p = Path(path)
    return (p / "documents").is_dir() and (p / "events").is_dir()


def read_output(path: str | Path) -> Iterator[Prepared]:
    """The documents of a job's output as the store's `Prepared`, in input order."""
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise ClampdownError(
            "reading Parquet needs pyarrow; install it with `pip install 'clampdown[spark]'`"
        ) from None
    root = Path(path)
    if not is_output(root):
        raise ClampdownError(
            f"{root}: not the output of `clampdown spark` (no documents/ and events/ tables); "
            "give the folder passed to --output"
        )
    docs = ds.dataset(root / "documents", format="parquet", partitioning="hive")
    table = docs.to_table(columns=list(DOCUMENT_COLUMNS)).sort_by(
        [("file", "ascending"), ("record", "ascending")]
    )
    events = ds.dataset(root / "events", format="parquet", partitioning="hive").to_table()
    by_doc: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ev in events.to_pylist():
        by_doc.setdefault((ev["file"], ev["record"]), []).append(ev)
    for batch in table.to_batches(max_chunksize=1000):
        for row in batch.to_pylist():
            yield prepared_of(row, by_doc.get((row["file"], row["record"]), []))


def load_output(
    engine: Engine,
    path: str | Path,
    *,
    batch_size: int = DEFAULT_BATCH,
    on_batch: Callable[[LoadReport], None] = lambda r: None,
) -> LoadReport:
    """Store and link every document of the job output at `path`, as `clampdown ingest`
    would have stored the job's inputs."""
    report = LoadReport()

    def batches() -> Iterator[list[Prepared]]:
        batch: list[Prepared] = []
        current = 0
        pending: deque[Prepared] = deque()

        def identities() -> Iterator[tuple[str, str | None]]:
            for p in read_output(path):
                report.documents += 1
                pending.append(p)
                yield p.identity.key, p.identity.url_key

        for v in fresh(identities(), batch_size):
            p = pending.popleft()
            if not v.keep:
                report.duplicates += 1
                continue
            if batch and v.batch != current:
                yield batch
                batch = []
            current = v.batch or 0
            batch.append(p)
        if batch:
            yield batch

    def done(stats: BatchStats) -> None:
        report.add(stats)
        on_batch(report)

    write_batches(engine, batches(), done)
    return report
