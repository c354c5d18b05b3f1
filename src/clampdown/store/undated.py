"""Step 3 of a batch (see `write`): undated documents take the date their copies or cases
tell, and their events are extracted again against it so relative dates resolve."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, or_, select, update

from clampdown.link.cases import inferred_publication, subject_and_party
from clampdown.model import Document
from clampdown.store.batch import BatchDoc, BatchState, Redo, chunks
from clampdown.store.entities import ensure_entities
from clampdown.store.linking import store_events
from clampdown.store.prepare import reextract, surface_forms
from clampdown.store.schema import cases, documents, events


def complete_undated(st: BatchState, docs: list[BatchDoc]) -> None:
    """Give undated documents the date their copies or cases tell, and complete their
    events' dates by extracting them again against it.

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


def _infer_published(st: BatchState, doc_id: int, story_id: int) -> tuple[str, date] | None:
    """A publication date for an undated document, as `link.cases.inferred_publication`
    decides it from its story's dated copies and the dated reports of its cases."""
    conn = st.conn
    copies = conn.scalar(
        select(func.min(documents.c.published)).where(
            documents.c.story_id == story_id, documents.c.published.is_not(None)
        )
    )
    if copies is not None:
        return inferred_publication(copies, ())
    mine = select(events.c.case_id).where(events.c.doc_id == doc_id)
    others = events.alias("others")
    rows = conn.execute(
        select(documents.c.published, cases.c.date_lo, cases.c.date_hi)
        .select_from(
            others.join(documents, documents.c.id == others.c.doc_id).join(
                cases, cases.c.id == others.c.case_id
            )
        )
        .where(others.c.case_id.in_(mine), documents.c.published.is_not(None))
    ).all()
    return inferred_publication(None, ((r.published, r.date_lo, r.date_hi) for r in rows))


def _complete_one(st: BatchState, doc_id: int, d: BatchDoc | None) -> None:
    conn = st.conn
    row = conn.execute(select(documents).where(documents.c.id == doc_id)).one()
    found = _infer_published(st, doc_id, row.story_id)
    if found is None:
        return
    basis, inferred = found
    if (row.date_basis, row.published_inferred) == (basis, inferred):
        return
    if d is None:
        d = BatchDoc(
            doc_id,
            row.key,
            Document(id=row.ext_id, text=row.text, lang=row.lang, url=row.url,
                     title=row.title, source=row.origin),
            row.story_id,
            None,
        )
    before = conn.execute(
        select(events.c.type, events.c.span_start, events.c.span_end, events.c.date,
               events.c.date_completed, events.c.case_id, events.c.actor_id,
               events.c.target_id).where(events.c.doc_id == doc_id)
    ).all()
    st.cache.keys_of(conn, [r.actor_id for r in before] + [r.target_id for r in before])
    redo = Redo(
        undated={(r.type, r.span_start, r.span_end) for r in before
                 if r.date is None or r.date_completed},
        cases={
            (r.type, r.span_start, r.span_end): (
                r.case_id,
                subject_and_party(
                    r.type, st.cache.key(r.actor_id), st.cache.key(r.target_id)
                )[0],
            )
            for r in before
        },
    )
    st.touched_cases.update(r.case_id for r in before)
    conn.execute(delete(events).where(events.c.doc_id == doc_id))
    st.stats.events -= len(before)
    new_events = reextract(d.document, inferred)
    conn.execute(
        update(documents)
        .where(documents.c.id == doc_id)
        .values(published_inferred=inferred, date_basis=basis)
    )
    again = BatchDoc(doc_id, d.key, d.document, d.story_id, inferred, new_events)
    store_events(st, [again], redo)
    ensure_entities(st, [surface_forms(new_events)])
    st.touched_stories.add(d.story_id)
    st.changed_stories.add(d.story_id)
    st.stats.completed += 1
