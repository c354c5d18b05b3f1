"""Ingest: documents in, stored and linked, one transaction per batch, resumable.

The input is read in batches. Each batch is deduplicated before anything expensive happens
(by text hash and URL, against the store and against this run), extracted — in worker
processes when there are several cores, while the main process writes the batch before —
and written in one transaction together with the progress marker. So a crash or a Ctrl-C
loses at most the batch in flight, and running the same command again skips what the
marker says is done and, by the hashes, anything stored by any run.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError

from clampdown.errors import ExtractionError, InputError
from clampdown.extract.pipeline import gazetteer
from clampdown.link.money import converter
from clampdown.model import Document
from clampdown.store import DEFAULT_BATCH
from clampdown.store.prepare import Identity, Prepared, identity, prepare, storable
from clampdown.store.schema import documents, ingest_runs
from clampdown.store.write import (
    BatchStats,
    BatchTotals,
    EntityCache,
    chunks,
    insert_for,
    write_batch,
)

ANALYSIS_ROWS = 10_000  # rows sampled per index when statistics are refreshed


@dataclass(slots=True)
class IngestReport(BatchTotals):
    """Counts for the summary line; `resumed_from` is the input position a marker gave."""

    read: int = 0
    failed: int = 0
    resumed_from: int = 0
    seconds: float = 0.0


def run_key(
    inputs: Sequence[str], *, lang: str | None = None, published: date | None = None
) -> str | None:
    """The identity of one set of inputs: paths, sizes and modification times of every file.

    Re-running the same command on unchanged files finds its progress marker; a changed
    file gives a new key, and then only the hashes say what is already stored. Standard
    input has no identity, so it gets no marker.
    """
    parts: list[Any] = [lang, published.isoformat() if published else None]
    for raw in inputs:
        if raw == "-":
            return None
        try:
            path = Path(raw).resolve()
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        except (OSError, RuntimeError):  # a symbolic link loop: the reader reports it
            parts.append([raw, None])
            continue
        for f in files:
            try:
                st = f.stat()
            except OSError:
                parts.append([str(f), None])
                continue
            parts.append([str(f), st.st_size, st.st_mtime_ns])
    blob = json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()


def ingest(
    engine: Engine,
    items: Iterable[Document | InputError],
    *,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    key: str | None = None,
    label: str = "",
    on_error: Callable[[str], None] = lambda msg: None,
    on_batch: Callable[[IngestReport], None] = lambda r: None,
    extract: Callable[[list[tuple[Document, Identity]]], list[Prepared | ExtractionError]]
    | None = None,
) -> IngestReport:
    """Store and link every document of `items`; returns the counts.

    `key` identifies the inputs for the progress marker (see `run_key`); `jobs` > 1
    extracts in that many worker processes; `extract`, when given, extracts each batch
    instead (the server's own worker processes). Raises KeyboardInterrupt as it came, after
    rolling back the batch in flight: what was committed stays, and the same call resumes.
    An exception `extract` raises ends the run the same way.
    """
    report = IngestReport()
    started = time.perf_counter()
    cache = EntityCache()
    position = _marker(engine, key) if key else 0
    report.resumed_from = position
    pool = _pool(jobs) if jobs > 1 else None
    try:
        pending: tuple[Any, int, list[tuple[Document, Identity]]] | None = None
        for docs, end in _batches(engine, items, position, batch_size, report, on_error):
            job = _Done(extract(docs)) if extract is not None else _submit(pool, docs, jobs)
            if pending is not None:
                _commit(engine, pending, key, label, cache, report, on_error)
                on_batch(report)
            pending = (job, end, docs)
        if pending is not None:
            _commit(engine, pending, key, label, cache, report, on_error)
            on_batch(report)
        if key:
            with engine.begin() as conn:
                _save_marker(conn, key, label, None, report, finished=True)
        if report.stored and engine.dialect.name == "sqlite":
            _analyze(engine)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    report.seconds = time.perf_counter() - started
    return report


def _batches(
    engine: Engine,
    items: Iterable[Document | InputError],
    start: int,
    size: int,
    report: IngestReport,
    on_error: Callable[[str], None],
) -> Iterator[tuple[list[tuple[Document, Identity]], int]]:
    """Batches of documents not stored yet, each with the input position after it."""
    seen: set[str] = set()
    batch: list[tuple[Document, Identity]] = []
    position = 0
    for position, item in enumerate(items, start=1):
        if position <= start:
            continue  # committed by an earlier run of the same inputs
        if isinstance(item, InputError):
            report.failed += not item.noted
            on_error(str(item))
        else:
            report.read += 1
            item = storable(item)
            ident = identity(item)
            if ident.key in seen or (ident.url_key and ident.url_key in seen):
                report.duplicates += 1
            else:
                seen.add(ident.key)
                if ident.url_key:
                    seen.add(ident.url_key)
                batch.append((item, ident))
        if len(batch) >= size:
            yield _unstored(engine, batch, report), position
            batch = []
    if batch or position > start:
        yield _unstored(engine, batch, report), position


def _unstored(
    engine: Engine, batch: list[tuple[Document, Identity]], report: IngestReport
) -> list[tuple[Document, Identity]]:
    """Drop documents a previous run stored, before paying for their extraction."""
    keys = [i.key for _, i in batch]
    urls = [i.url_key for _, i in batch if i.url_key]
    stored: set[str] = set()
    with engine.connect() as conn:
        for part in chunks(keys):
            stored.update(conn.scalars(select(documents.c.key).where(documents.c.key.in_(part))))
        for part in chunks(urls):
            stored.update(
                conn.scalars(select(documents.c.url_key).where(documents.c.url_key.in_(part)))
            )
    out = [(d, i) for d, i in batch if i.key not in stored and i.url_key not in stored]
    report.duplicates += len(batch) - len(out)
    return out


# -- extraction, in this process or in workers --------------------------------------------


def _prepare_one(item: tuple[Document, Identity]) -> Prepared | ExtractionError:
    """The worker's part. What it sends back leaves out the document, which the main
    process still holds: half the bytes through the pipe."""
    doc, ident = item
    try:
        p = prepare(doc, ident)
    except Exception as e:  # noqa: BLE001 - one document's failure must not end the run
        return ExtractionError(f"{doc.source or doc.id}: extraction failed ({e!r}); skipped")
    p.document = _SENT
    for ev in p.events:
        ev.actor_entity = None  # a knowledge-base entry with all its aliases: not needed
    return p


_SENT = Document(id="", text="")  # stands for the document the main process kept


class _Done:
    def __init__(self, value: list[Prepared | ExtractionError]) -> None:
        self.value = value

    def get(self) -> list[Prepared | ExtractionError]:
        return self.value


def _submit(pool: Any, docs: list[tuple[Document, Identity]], jobs: int) -> Any:
    if pool is None or len(docs) < 2 * jobs:
        return _Done([_prepare_one(d) for d in docs])
    return pool.map_async(_prepare_one, docs, chunksize=max(1, len(docs) // (jobs * 4)))


def _pool(jobs: int) -> Any:
    """Worker processes forked after the knowledge base is built, so they share it."""
    gazetteer()
    converter()
    ctx = multiprocessing.get_context("fork")
    return ctx.Pool(jobs, initializer=_worker_init, initargs=(os.getpid(),))


def _worker_init(parent: int) -> None:
    # Ctrl-C is the parent's to handle: it rolls back and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with SIGKILL cannot stop its workers; ask Linux to do it.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


# -- writing ------------------------------------------------------------------------------


def _commit(
    engine: Engine,
    pending: tuple[Any, int, list[tuple[Document, Identity]]],
    key: str | None,
    label: str,
    cache: EntityCache,
    report: IngestReport,
    on_error: Callable[[str], None],
) -> None:
    """Write one batch and its progress marker in one transaction; retry once if another
    writer stored some of the same documents meanwhile (the retry skips them)."""
    job, end, docs = pending
    prepared: list[Prepared] = []
    for p, (doc, _ident) in zip(job.get(), docs, strict=True):
        if isinstance(p, ExtractionError):
            report.failed += 1
            on_error(str(p))
        else:
            p.document = doc
            prepared.append(p)
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                stats = write_batch(conn, prepared, cache)
                if key:
                    _save_marker(conn, key, label, end, report, stats=stats)
            report.add(stats)
            return
        except (IntegrityError, OperationalError):
            cache.clear()
            if attempt == 2:
                raise
        except BaseException:
            cache.clear()
            raise


def _analyze(engine: Engine) -> None:
    """Refresh SQLite's statistics so the query planner picks the right index for each
    filter (PostgreSQL's autovacuum does this by itself). Sampling 10,000 rows per index
    keeps it to tens of milliseconds on a large store, with estimates good enough that a
    listing narrowed to one platform does not scan every fine."""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def _marker(engine: Engine, key: str) -> int:
    with engine.connect() as conn:
        pos = conn.scalar(select(ingest_runs.c.position).where(ingest_runs.c.key == key))
    return int(pos or 0)


def _save_marker(
    conn: Any,
    key: str,
    label: str,
    position: int | None,
    report: IngestReport,
    *,
    stats: BatchStats | None = None,
    finished: bool = False,
) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    row = conn.execute(select(ingest_runs).where(ingest_runs.c.key == key)).first()
    if row is None:
        conn.execute(
            insert_for(conn, ingest_runs),
            {
                "key": key,
                "inputs": label,
                "position": position or 0,
                "documents": stats.stored if stats else 0,
                "events": stats.events if stats else 0,
                "finished": finished,
                "updated_at": now,
            },
        )
        return
    values: dict[str, Any] = {"updated_at": now, "finished": finished}
    if position is not None:
        values["position"] = position
    if stats is not None:
        values["documents"] = row.documents + stats.stored
        values["events"] = row.events + stats.events
    conn.execute(ingest_runs.update().where(ingest_runs.c.key == key).values(**values))
