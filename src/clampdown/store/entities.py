"""Part of step 2 of a batch (see `write`): every actor and target once, by knowledge-base
id, with the forms seen in the evidence."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from clampdown.resolve.kb import load_kb
from clampdown.store.batch import BatchState, chunks, insert_for
from clampdown.store.bulk import insert_rows
from clampdown.store.schema import entities, entity_names


def ensure_entities(st: BatchState, surfaces: Iterable[dict[str, list[str]]]) -> None:
    """Every actor and target once, by knowledge-base id, with the forms seen."""
    forms: dict[str, set[str]] = {}
    for s in surfaces:
        for k, names in s.items():
            forms.setdefault(k, set()).update(names)
    ensure_keys(st, set(forms))
    insert_rows(
        st.conn,
        entity_names,
        ("entity_id", "surface"),
        [(st.cache.by_key[k], n[:300]) for k, names in forms.items() for n in sorted(names)],
        ignore_conflicts=True,
    )


def ensure_keys(st: BatchState, keys: set[str]) -> None:
    conn = st.conn
    missing = sorted(k for k in keys if k not in st.cache.by_key)
    if not missing:
        return
    for part in chunks(missing):
        st.cache.remember(
            conn.execute(
                select(entities.c.id, entities.c.key, entities.c.name).where(
                    entities.c.key.in_(part)
                )
            )
        )
    missing = [k for k in missing if k not in st.cache.by_key]
    if not missing:
        return
    kb = load_kb().entities
    rows = []
    for k in missing:
        ent = kb.get(k)
        if ent is not None:
            rows.append(
                {"key": k, "name": ent.name, "role": ent.role, "kind": ent.kind,
                 "country": ent.country, "known": True}
            )
        else:
            parts = k.split(".")
            role = parts[1] if len(parts) > 2 and parts[0] == "new" else None
            name = st.names.get(k) or k
            rows.append(
                {"key": k, "name": name[:300], "role": role, "kind": None, "country": None,
                 "known": False}
            )
    conn.execute(insert_for(conn, entities).on_conflict_do_nothing(), rows)
    for part in chunks(missing):
        st.cache.remember(
            conn.execute(
                select(entities.c.id, entities.c.key, entities.c.name).where(
                    entities.c.key.in_(part)
                )
            )
        )
