"""Part of step 2 of a batch (see `write`): every actor and target once, by knowledge-base
id, with the forms seen in the evidence."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from clampdown.resolve.kb import load_kb
from clampdown.store.batch import BatchState, chunks, insert_for
from clampdown.store.bulk import insert_rows
from clampdown.store.schema import entities, entity_names


class EntitiesStep(BatchState):
    """Entities and their surface forms."""

    def _ensure_entities(self, surfaces: Iterable[dict[str, list[str]]]) -> None:
        """Every actor and target once, by knowledge-base id, with the forms seen."""
        forms: dict[str, set[str]] = {}
        for s in surfaces:
            for k, names in s.items():
                forms.setdefault(k, set()).update(names)
        self._ensure_keys(set(forms))
        insert_rows(
            self.conn,
            entity_names,
            ("entity_id", "surface"),
            [(self.cache.by_key[k], n[:300]) for k, names in forms.items() for n in sorted(names)],
            ignore_conflicts=True,
        )

    def _ensure_keys(self, keys: set[str]) -> None:
        conn = self.conn
        missing = sorted(k for k in keys if k not in self.cache.by_key)
        if not missing:
            return
        for part in chunks(missing):
            self.cache.remember(
                conn.execute(
                    select(entities.c.id, entities.c.key, entities.c.name).where(
                        entities.c.key.in_(part)
                    )
                )
            )
        missing = [k for k in missing if k not in self.cache.by_key]
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
                name = self.names.get(k) or k
                rows.append(
                    {"key": k, "name": name[:300], "role": role, "kind": None, "country": None,
                     "known": False}
                )
        conn.execute(insert_for(conn, entities).on_conflict_do_nothing(), rows)
        for part in chunks(missing):
            self.cache.remember(
                conn.execute(
                    select(entities.c.id, entities.c.key, entities.c.name).where(
                        entities.c.key.in_(part)
                    )
                )
            )
