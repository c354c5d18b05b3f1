"""Steps 1 and 4 of a batch (see `write`): documents not stored yet, each in the story of
its near-duplicates; and, once the batch's events are in, every touched story's origin and
credited outlet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, select, update

from clampdown.link.provenance import DUPLICATE_THRESHOLD, Copy, origin, similarity, story_source
from clampdown.link.stories import Handle, StoryGrouping
from clampdown.store.batch import BatchDoc, BatchState, chunks
from clampdown.store.bulk import allocate_ids, insert_rows, update_rows
from clampdown.store.prepare import Prepared
from clampdown.store.schema import doc_bands, documents, events, stories


def not_stored(st: BatchState, batch: Sequence[Prepared]) -> list[Prepared]:
    keys = [p.identity.key for p in batch]
    urls = [p.identity.url_key for p in batch if p.identity.url_key]
    seen_keys: set[str] = set()
    seen_urls: set[str] = set()
    for part in chunks(keys):
        seen_keys.update(
            st.conn.scalars(select(documents.c.key).where(documents.c.key.in_(part)))
        )
    for part in chunks(urls):
        seen_urls.update(
            st.conn.scalars(
                select(documents.c.url_key).where(documents.c.url_key.in_(part))
            )
        )
    fresh = []
    for p in batch:
        u = p.identity.url_key
        if p.identity.key in seen_keys or (u and u in seen_urls):
            continue
        seen_keys.add(p.identity.key)
        if u:
            seen_urls.add(u)
        fresh.append(p)
    return fresh


def store_documents(st: BatchState, fresh: list[Prepared]) -> list[BatchDoc]:
    """Insert documents, each in the story of its nearest earlier near-duplicate."""
    conn = st.conn
    all_bands = sorted({b for p in fresh for b in p.bands})
    stored_by_band: dict[int, list[int]] = {}
    for part in chunks(all_bands):
        for band, doc_id in conn.execute(
            select(doc_bands.c.band_key, doc_bands.c.doc_id).where(
                doc_bands.c.band_key.in_(part)
            )
        ):
            stored_by_band.setdefault(band, []).append(doc_id)
    candidates = sorted({d for ids in stored_by_band.values() for d in ids})
    stored: dict[int, tuple[bytes, int]] = {}
    for part in chunks(candidates):
        for r in conn.execute(
            select(documents.c.id, documents.c.signature, documents.c.story_id).where(
                documents.c.id.in_(part)
            )
        ):
            stored[r.id] = (bytes(r.signature), r.story_id)

    grouping = StoryGrouping()
    batch_by_band: dict[int, list[int]] = {}
    for p in fresh:
        grouping.add(_matches(st, p, stored_by_band, stored, batch_by_band, fresh,
                                   grouping.handles))
        for b in p.bands:
            batch_by_band.setdefault(b, []).append(len(grouping.handles) - 1)

    roots = grouping.roots()
    new_roots = sorted({r for r in roots if r[0] == "new"}, key=lambda r: r[1])
    story_ids: dict[Handle, int] = {}
    if new_roots:
        ids = allocate_ids(conn, stories, len(new_roots))
        insert_rows(conn, stories, ("id", "n_documents"), [(i, 0) for i in ids])
        story_ids.update(zip(new_roots, ids, strict=True))
    # Stored stories joined by a bridging document: their documents move to the kept one.
    for h, root in grouping.merged().items():
        keep = story_ids.get(root, root[1])
        conn.execute(
            update(documents).where(documents.c.story_id == h[1]).values(story_id=keep)
        )
        conn.execute(delete(stories).where(stories.c.id == h[1]))
        st.touched_stories.add(keep)
        st.changed_stories.add(keep)

    def story_of(root: Handle) -> int:
        return story_ids[root] if root[0] == "new" else root[1]

    doc_ids = allocate_ids(conn, documents, len(fresh))
    rows: list[dict[str, Any]] = []
    for p, root, doc_id in zip(fresh, roots, doc_ids, strict=True):
        d, a = p.document, p.attribution
        rows.append(
            {
                "id": doc_id,
                "key": p.identity.key,
                "url_key": p.identity.url_key,
                "url": d.url,
                "ext_id": d.id,
                "title": d.title,
                "lang": d.lang,
                "published": d.published,
                "published_inferred": None,
                "date_basis": None,
                "text": d.text,
                "origin": d.source,
                "outlet": a.outlet,
                "attributed": a.wire or (a.source if a.cited else None),
                "republished": a.republished,
                "cues": json.dumps(list(a.cues), ensure_ascii=False) if a.cues else None,
                "story_id": story_of(root),
                "signature": p.signature,
                "ingested_at": st.now,
            }
        )
    cols = list(rows[0])
    insert_rows(conn, documents, cols, [itemgetter(*cols)(r) for r in rows])
    insert_rows(
        conn,
        doc_bands,
        ("band_key", "doc_id"),
        [(b, doc_id) for p, doc_id in zip(fresh, doc_ids, strict=True) for b in set(p.bands)],
        ignore_conflicts=True,
    )
    # The outlet each new document's cases credit: a new story's from its own copies;
    # a stored story's as stored, and the story is recounted with its cases.
    by_story: dict[int, list[Copy]] = {}
    for p, row in zip(fresh, rows, strict=True):
        by_story.setdefault(row["story_id"], []).append(
            Copy(row["id"], p.document.published, p.attribution.republished,
                 row["attributed"] or row["outlet"], key=row["key"])
        )
    joined = sorted({root[1] for root in roots if root[0] == "db"})
    stored_source: dict[int, str | None] = {}
    for part in chunks(joined):
        for sid, source in conn.execute(
            select(stories.c.id, stories.c.source).where(stories.c.id.in_(part))
        ):
            stored_source[sid] = source
    st.changed_stories.update(joined)
    for sid, copies in by_story.items():
        label = stored_source[sid] if sid in stored_source else story_source(copies)
        for c in copies:
            st.doc_source[c.doc_id] = label
    out = []
    for p, doc_id, row in zip(fresh, doc_ids, rows, strict=True):
        st.touched_stories.add(row["story_id"])
        out.append(
            BatchDoc(doc_id, p.identity.key, p.document, row["story_id"], p.document.published,
                 p.events, p.rows)
        )
    return out


def _matches(
    st: BatchState,
    p: Prepared,
    stored_by_band: dict[int, list[int]],
    stored: dict[int, tuple[bytes, int]],
    batch_by_band: dict[int, list[int]],
    fresh: list[Prepared],
    handles: list[Handle],
) -> Iterable[tuple[float, Handle]]:
    """Earlier documents (stored or in this batch) that `p` nearly duplicates."""
    seen_stored: set[int] = set()
    seen_batch: set[int] = set()
    for b in p.bands:
        for doc_id in stored_by_band.get(b, ()):
            if doc_id not in seen_stored:
                seen_stored.add(doc_id)
                sig, story_id = stored[doc_id]
                sim = similarity(p.signature, sig)
                if sim >= DUPLICATE_THRESHOLD:
                    yield sim, ("db", story_id)
        for j in batch_by_band.get(b, ()):
            if j not in seen_batch:
                seen_batch.add(j)
                sim = similarity(p.signature, fresh[j].signature)
                if sim >= DUPLICATE_THRESHOLD:
                    yield sim, handles[j]


def finish_stories(st: BatchState) -> None:
    """Origins and credited outlets of touched stories; their cases are recounted."""
    conn = st.conn
    story_ids = sorted(st.touched_stories)
    if not story_ids:
        return
    copies: dict[int, list[Copy]] = {}
    for part in chunks(story_ids):
        for r in conn.execute(
            select(
                documents.c.id, documents.c.key, documents.c.story_id, documents.c.published,
                documents.c.published_inferred, documents.c.republished,
                documents.c.attributed, documents.c.outlet,
            ).where(documents.c.story_id.in_(part))
        ):
            copies.setdefault(r.story_id, []).append(
                Copy(r.id, r.published or r.published_inferred, r.republished,
                     r.attributed or r.outlet, inferred=r.published is None, key=r.key)
            )
    update_rows(
        conn,
        stories,
        ("origin_doc_id", "source", "n_documents"),
        [(origin(cs).doc_id, story_source(cs), len(cs), sid) for sid, cs in copies.items()],
    )
    # Cases count a story's copies once and credit its outlet: when a story gained
    # copies, merged or changed its dates, its documents' cases are recounted.
    recount = [c.doc_id for sid in st.changed_stories for c in copies.get(sid, [])]
    for part in chunks(recount):
        st.touched_cases.update(
            conn.scalars(select(events.c.case_id).where(events.c.doc_id.in_(part)))
        )
