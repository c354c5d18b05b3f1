"""Step 3 of a batch (see `write`): undated documents take the date their copies or cases
tell, and their events' dates are resolved again against it so relative dates resolve.

`clampdown.link.undated` decides the date, the events' new dates (from how the extractor
dated each, stored with it) and what the events carry over; this module reads what it needs
and applies the result. Nothing is extracted again."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from clampdown.link.undated import StoredEvent, completion, redated, redo_of
from clampdown.model import DateBasis, Document, Event
from clampdown.store.batch import BatchDoc, BatchState, chunks
from clampdown.store.linking import store_events
from clampdown.store.schema import cases, documents, events


def complete_undated(st: BatchState, docs: list[BatchDoc]) -> None:
    """Give undated documents the date their copies or cases tell, and complete their
    events' dates against it.

    Candidates are this batch's undated documents and stored ones this batch may
    inform: undated ones in touched cases, and ones in touched stories whose date so
    far came only from cases (a dated copy tells it better).
    """
    conn = st.conn
    todo: dict[int, BatchDoc | None] = {d.id: d for d in docs if d.document.published is None}
    undated = documents.c.published.is_(None)
    for part in chunks(sorted(c for c in st.touched_cases if c > 0)):
        todo.update(
            (doc_id, None)
            for doc_id in conn.scalars(
                select(events.c.doc_id)
                .join(documents, documents.c.id == events.c.doc_id)
                .where(
                    events.c.case_id.in_(part),
                    undated,
                    documents.c.published_inferred.is_(None),
                )
            )
            if doc_id not in todo
        )
    for part in chunks(sorted(st.touched_stories)):
        todo.update(
            (doc_id, None)
            for doc_id in conn.scalars(
                select(documents.c.id).where(
                    documents.c.story_id.in_(part),
                    undated,
                    or_(
                        documents.c.published_inferred.is_(None),
                        documents.c.date_basis == "cases",
                    ),
                )
            )
            if doc_id not in todo
        )
    for doc_id, d in sorted(todo.items()):
        _complete_one(st, doc_id, d)


def _earliest_copy(st: BatchState, story_id: int) -> date | None:
    """The publication date of the earliest dated copy of the story, if any."""
    found: date | None = st.conn.scalar(
        select(func.min(documents.c.published)).where(
            documents.c.story_id == story_id, documents.c.published.is_not(None)
        )
    )
    return found


def _case_reports(st: BatchState, doc_id: int) -> list[tuple[date, date | None, date | None]]:
    """(published, case's first day, case's last day) of the dated reports of the cases
    the document's events joined."""
    mine = select(events.c.case_id).where(events.c.doc_id == doc_id)
    others = events.alias("others")
    rows = st.conn.execute(
        select(documents.c.published, cases.c.date_lo, cases.c.date_hi)
        .select_from(
            others.join(documents, documents.c.id == others.c.doc_id).join(
                cases, cases.c.id == others.c.case_id
            )
        )
        .where(others.c.case_id.in_(mine), documents.c.published.is_not(None))
    ).all()
    return [(r.published, r.date_lo, r.date_hi) for r in rows]


def _stored_events(st: BatchState, doc_id: int) -> list[tuple[StoredEvent, Event]]:
    """The document's events as stored, in order: what `link.undated` reads (parties as
    entity keys), and each as the extractor gave it, to be stored again."""
    rows = st.conn.execute(
        select(events).where(events.c.doc_id == doc_id).order_by(events.c.seq)
    ).all()
    st.cache.keys_of(st.conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
    return [_event_of(st, r) for r in rows]


def _event_of(st: BatchState, r: Any) -> tuple[StoredEvent, Event]:
    actor, target = st.cache.key(r.actor_id), st.cache.key(r.target_id)
    basis = DateBasis.decode(r.date_basis)
    low, high = r.amount_low, r.amount_high
    return (
        StoredEvent(r.type, r.span_start, r.span_end, r.date, bool(r.date_completed),
                    r.case_id, actor, target, basis, r.status),
        Event(
            type=r.type, actor=r.actor, target=r.target, country=r.country,
            evidence=r.evidence, start=r.span_start, end=r.span_end, status=r.status,
            date=r.date, amount=r.amount,
            amount_range=[low, high] if low is not None and high is not None else None,
            currency=r.currency, actor_id=actor, target_id=target, date_basis=basis,
        ),
    )


def _complete_one(st: BatchState, doc_id: int, d: BatchDoc | None) -> None:
    """Apply what `link.undated` decides for one document: its date, and its events
    stored again with the dates it gives them, each kept in the case it had joined where
    it still fits."""
    conn = st.conn
    row = conn.execute(select(documents).where(documents.c.id == doc_id)).one()
    copy = _earliest_copy(st, row.story_id)
    found = completion(
        (row.date_basis, row.published_inferred),
        copy,
        _case_reports(st, doc_id) if copy is None else (),
    )
    if found is None:
        return
    basis, inferred = found
    if d is None:
        d = BatchDoc(
            doc_id,
            row.key,
            Document(id=row.ext_id, text=row.text, lang=row.lang, url=row.url,
                     title=row.title, source=row.origin),
            row.story_id,
            None,
        )
    stored = _stored_events(st, doc_id)
    before = [e for e, _ in stored]
    redo = redo_of(before)
    st.touched_cases.update(e.case_id for e in before)
    st.shrunk.update(e.case_id for e in before)
    conn.execute(delete(events).where(events.c.doc_id == doc_id))
    st.stats.events -= len(before)
    new_events = [ev for _, ev in stored]
    for ev, day in zip(new_events, redated(before, row.text, row.lang, inferred), strict=True):
        ev.date = day
    conn.execute(
        update(documents)
        .where(documents.c.id == doc_id)
        .values(published_inferred=inferred, date_basis=basis)
    )
    again = BatchDoc(doc_id, d.key, d.document, d.story_id, inferred, new_events)
    store_events(st, [again], redo)
    st.touched_stories.add(d.story_id)
    st.changed_stories.add(d.story_id)
    st.stats.completed += 1
