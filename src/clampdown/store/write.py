"""One batch, one transaction: documents, stories, entities, events and the cases they join.

`write_batch` runs inside the caller's transaction, so a batch is stored whole or not at
all, together with the caller's progress marker. The order of work follows what each step
needs from the one before:

1. documents not stored yet (by text hash or URL), with their near-duplicate story
   (`stories`);
2. events, each linked to the case it best fits or a new one (`linking`), and the
   entities they name, with the surface forms seen (`entities`);
3. undated documents whose year can now be told (from dated copies, else from the cases
   they joined): their events re-dated against that date from how each was dated, never
   extracted again, and stored again (`undated`);
4. stories' origins and credited outlets, which decide what counts as independent
   (`stories`);
5. every case that gained or lost a report reconciled from all its events (`linking`);
6. the disputes those cases are steps of, linked again with every case connected to them
   (`disputes`).

Linking decisions are made by the pure functions of `clampdown.link`; these modules only
load what they need and write what they return.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from clampdown.store import disputes, entities, linking, stories, undated
from clampdown.store.batch import (
    BatchState,
    BatchStats,
    BatchTotals,
    EntityCache,
    chunks,
    insert_for,
)
from clampdown.store.prepare import Prepared

__all__ = ["BatchStats", "BatchTotals", "EntityCache", "chunks", "insert_for", "write_batch"]


def write_batch(conn: Connection, batch: Sequence[Prepared], cache: EntityCache) -> BatchStats:
    """Store `batch` on `conn` (inside the caller's transaction) and link it into cases: the
    steps in the order the module docstring gives, each a function over the batch's state."""
    st = BatchState(conn, cache)
    fresh = stories.not_stored(st, batch)
    st.stats.duplicates = len(batch) - len(fresh)
    if fresh:
        docs = stories.store_documents(st, fresh)
        linking.store_events(st, docs)
        entities.ensure_entities(st, (p.surfaces for p in fresh))
        undated.complete_undated(st, docs)
    stories.finish_stories(st)
    noted = disputes.note_disputes(st)
    linking.reconcile_cases(st)
    disputes.link_batch_disputes(st, noted)
    st.stats.stored = len(fresh)
    st.stats.cases = len(st.touched_cases | st.fresh_cases)
    return st.stats
