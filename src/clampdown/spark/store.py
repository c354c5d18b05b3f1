"""The adapter to the store: batches as `clampdown ingest` forms them, written by its code.

Linking in the store is incremental and order-dependent: a report joins the best of the
cases open when it arrives, and between batches a case is what reconciling its reports
made of it. So to give the same cases, Spark must hand the store's own `write_batch` the
same documents, in the same order, cut into the same batches. This module owns that:

- `fresh` repeats `clampdown ingest`'s first step, dropping a document whose text hash or
  URL an earlier document of the run had;
- `write_batches` writes prepared documents batch by batch, one transaction each, as the
  store's ingest does after extraction (so `spark-load` never extracts again);
- `replay` runs a set of documents that can only link among themselves through the same
  code into a private in-memory SQLite store and reads back the cases it made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from clampdown.spark.records import month
from clampdown.store import DEFAULT_BATCH, schema
from clampdown.store.db import make_engine
from clampdown.store.prepare import Prepared
from clampdown.store.write import BatchStats, EntityCache, write_batch

__all__ = ["DEFAULT_BATCH", "Fresh", "fresh", "replay", "write_batches"]


@dataclass(frozen=True, slots=True)
class Fresh:
    """Whether the store's ingest would keep a document of the run, and in which batch."""

    keep: bool
    batch: int | None  # None for a dropped document


def fresh(
    identities: Iterable[tuple[str, str | None]], batch_size: int = DEFAULT_BATCH
) -> Iterator[Fresh]:
    """For (text key, URL key) of each document in input order: kept or not, and batch.

    As `store.ingest._batches`: a document is dropped when its text key or URL key is one
    a kept document of this run had; every `batch_size` kept documents make a batch.
    """
    seen: set[str] = set()
    kept = 0
    for key, url_key in identities:
        if key in seen or (url_key and url_key in seen):
            yield Fresh(False, None)
            continue
        seen.add(key)
        if url_key:
            seen.add(url_key)
        yield Fresh(True, kept // batch_size)
        kept += 1


def write_batches(
    engine: Engine,
    batches: Iterable[list[Prepared]],
    on_batch: Callable[[BatchStats], None] = lambda s: None,
) -> None:
    """Write each batch in one transaction with the store's `write_batch`."""
    cache = EntityCache()
    for batch in batches:
        try:
            with engine.begin() as conn:
                stats = write_batch(conn, batch, cache)
        except BaseException:
            cache.clear()  # ids it learnt were rolled back
            raise
        on_batch(stats)


def memory_store() -> Engine:
    """A private, empty store in memory, with the store's tables."""
    engine = make_engine("sqlite://", write=True)
    with engine.begin() as conn:
        schema.metadata.create_all(conn)
    return engine


def replay(
    prepared: list[tuple[int, Prepared]], group: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Case rows and case-event rows of documents (batch number, prepared), in input order.

    The documents must be closed under linking (nothing outside them shares a story or a
    case with them); then the store links them here exactly as it does with everything
    else around. `group` names the set, making case keys unique across sets.
    """
    engine = memory_store()
    try:
        write_batches(engine, _by_batch(prepared))
        with engine.connect() as conn:
            return _cases(conn, group), _case_events(conn, group)
    finally:
        engine.dispose()


def _by_batch(prepared: list[tuple[int, Prepared]]) -> Iterator[list[Prepared]]:
    batch: list[Prepared] = []
    current: int | None = None
    for number, p in prepared:
        if batch and number != current:
            yield batch
            batch = []
        current = number
        batch.append(p)
    if batch:
        yield batch


def case_key(group: str, case_id: int) -> str:
    """A case's key: stable for the same input, unique across groups."""
    return hashlib.sha256(f"{group}:{case_id}".encode()).hexdigest()[:24]


def _cases(conn: Any, group: str) -> list[dict[str, Any]]:
    c, e, d = schema.cases, schema.entities, schema.documents
    subject, actor, target = e.alias("subject"), e.alias("actor"), e.alias("target")
    q = (
        select(
            c,
            subject.c.key.label("subject_key"),
            actor.c.key.label("actor_key"),
            actor.c.name.label("actor_name"),
            target.c.key.label("target_key"),
            target.c.name.label("target_name"),
            d.c.key.label("origin_key"),
        )
        .select_from(
            c.outerjoin(subject, subject.c.id == c.c.subject_id)
            .outerjoin(actor, actor.c.id == c.c.actor_id)
            .outerjoin(target, target.c.id == c.c.target_id)
            .outerjoin(d, d.c.id == c.c.origin_doc_id)
        )
        .order_by(c.c.id)
    )
    out = []
    for r in conn.execute(q):
        out.append(
            {
                "case": case_key(group, r.id),
                "type": r.type,
                "subject_id": r.subject_key,
                "actor_id": r.actor_key,
                "actor": r.actor_name,
                "target_id": r.target_key,
                "target": r.target_name,
                "country": r.country,
                "status": r.status,
                "date": r.date,
                "date_lo": r.date_lo,
                "date_hi": r.date_hi,
                "amount": r.amount,
                "amount_low": r.amount_low,
                "amount_high": r.amount_high,
                "currency": r.currency,
                "amount_eur": r.amount_eur,
                "amount_usd": r.amount_usd,
                "n_mentions": r.n_mentions,
                "n_documents": r.n_documents,
                "n_sources": r.n_sources,
                "origin_doc_key": r.origin_key,
                "origin_source": r.origin_source,
                "conflicts": r.conflicts,
                "has_conflict": bool(r.has_conflict),
                "conversion_flag": bool(r.conversion_flag),
                "month": month(r.date_lo or r.date),
            }
        )
    return out


def _case_events(conn: Any, group: str) -> list[dict[str, Any]]:
    ev, d, e = schema.events, schema.documents, schema.entities
    actor, target = e.alias("actor"), e.alias("target")
    q = (
        select(ev.c.case_id, ev.c.key, d.c.key.label("doc_key"), ev.c.seq, ev.c.type,
               ev.c.span_start, ev.c.span_end, ev.c.date, actor.c.key.label("actor_key"),
               target.c.key.label("target_key"))
        .select_from(
            ev.join(d, d.c.id == ev.c.doc_id)
            .outerjoin(actor, actor.c.id == ev.c.actor_id)
            .outerjoin(target, target.c.id == ev.c.target_id)
        )
        .order_by(ev.c.id)
    )
    return [
        {
            "case": case_key(group, r.case_id),
            "event_key": r.key,
            "doc_key": r.doc_key,
            "seq": r.seq,
            "type": r.type,
            "start": r.span_start,
            "end": r.span_end,
            "actor_id": r.actor_key,
            "target_id": r.target_key,
            "date": r.date,
        }
        for r in conn.execute(q)
    ]
