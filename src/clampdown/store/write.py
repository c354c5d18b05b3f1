"""One batch, one transaction: documents, stories, entities, events and the cases they join.

`write_batch` runs inside the caller's transaction, so a batch is stored whole or not at
all, together with the caller's progress marker. The order of work follows what each step
needs from the one before:

1. documents not stored yet (by text hash or URL), with their near-duplicate story;
2. the entities their events name, with the surface forms seen;
3. events, each linked to the case it best fits or a new one (`clampdown.link.cases`);
4. undated documents whose year can now be told (from dated copies, else from the cases
   they joined): extracted again against that date, their events replaced;
5. stories' origins and credited outlets, which decide what counts as independent;
6. every touched case reconciled from all its events.

Linking decisions are made by the pure functions of `clampdown.link`; this module only
loads what they need and writes what they return.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from clampdown.link.cases import (
    LINK_WINDOW,
    UNDATED_WINDOW,
    CaseState,
    Report,
    best_case,
    reconcile,
    subject_and_party,
)
from clampdown.link.money import action_day, check_stated, date_bounds, to_reference
from clampdown.link.provenance import DUPLICATE_THRESHOLD, Copy, origin, similarity, story_source
from clampdown.model import RESPONSE_TYPES, Document, Event
from clampdown.resolve.kb import load_kb
from clampdown.store.prepare import Prepared, reextract, surface_forms
from clampdown.store.schema import (
    cases,
    doc_bands,
    documents,
    entities,
    entity_names,
    events,
    stories,
)

CHUNK = 900  # values per IN list: far below SQLite's and PostgreSQL's parameter limits


def chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def insert_for(conn: Connection, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (both SQLite and Postgres)."""
    mod = postgresql if conn.dialect.name == "postgresql" else sqlite
    return mod.insert(table)


class EntityCache:
    """Entity key <-> (id, name), kept across batches; cleared when a batch rolls back, as
    ids it learnt may then not exist."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.by_id: dict[int, tuple[str, str]] = {}

    def clear(self) -> None:
        self.by_key.clear()
        self.by_id.clear()

    def remember(self, rows: Iterable[Any]) -> None:
        for r in rows:
            self.by_key[r.key] = r.id
            self.by_id[r.id] = (r.key, r.name)

    def keys_of(self, conn: Connection, ids: Iterable[int | None]) -> None:
        missing = sorted({i for i in ids if i is not None and i not in self.by_id})
        for part in chunks(missing):
            self.remember(
                conn.execute(
                    select(entities.c.id, entities.c.key, entities.c.name).where(
                        entities.c.id.in_(part)
                    )
                )
            )

    def key(self, entity_id: int | None) -> str | None:
        return self.by_id[entity_id][0] if entity_id is not None else None


@dataclass(slots=True)
class BatchStats:
    read: int = 0
    duplicates: int = 0
    stored: int = 0
    events: int = 0
    cases: int = 0
    completed: int = 0  # undated documents whose dates were completed


@dataclass(slots=True)
class _Doc:
    """A stored document as the later steps of a batch need it."""

    id: int
    key: str  # content hash
    document: Document
    story_id: int
    published: date | None  # stated or inferred
    events: list[Event] = field(default_factory=list)


def write_batch(conn: Connection, batch: Sequence[Prepared], cache: EntityCache) -> BatchStats:
    """Store `batch` on `conn` (inside the caller's transaction) and link it into cases."""
    return _Batch(conn, cache).run(batch)


class _Batch:
    def __init__(self, conn: Connection, cache: EntityCache) -> None:
        self.conn = conn
        self.cache = cache
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self.touched_cases: set[int] = set()
        self.touched_stories: set[int] = set()
        self.states: dict[tuple[str, str], dict[int, CaseState]] = {}
        self.loaded: dict[tuple[str, str], list[tuple[date, date] | None]] = {}
        self.new_cases: list[tuple[CaseState, dict[str, Any]]] = []
        self.stats = BatchStats()
        self.names: dict[str, str] = {}  # entity key -> name as extracted (unknown entities)

    # -- 1. documents and stories -------------------------------------------------------

    def run(self, batch: Sequence[Prepared]) -> BatchStats:
        self.stats.read = len(batch)
        fresh = self._not_stored(batch)
        self.stats.duplicates = len(batch) - len(fresh)
        if fresh:
            docs = self._store_documents(fresh)
            self._store_events(docs)
            self._ensure_entities(p.surfaces for p in fresh)
            self._complete_undated(docs)
        self._finish_stories()
        self._reconcile()
        self.stats.stored = len(fresh)
        self.stats.cases = len(self.touched_cases)
        return self.stats

    def _not_stored(self, batch: Sequence[Prepared]) -> list[Prepared]:
        keys = [p.identity.key for p in batch]
        urls = [p.identity.url_key for p in batch if p.identity.url_key]
        seen_keys: set[str] = set()
        seen_urls: set[str] = set()
        for part in chunks(keys):
            seen_keys.update(
                self.conn.scalars(select(documents.c.key).where(documents.c.key.in_(part)))
            )
        for part in chunks(urls):
            seen_urls.update(
                self.conn.scalars(
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

    def _store_documents(self, fresh: list[Prepared]) -> list[_Doc]:
        """Insert documents, each in the story of its nearest earlier near-duplicate."""
        conn = self.conn
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

        # Stories as union-find over handles: ("db", id) for stored ones, ("new", i) for
        # ones this batch starts. A document matching two stories joins them.
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def find(h: tuple[str, int]) -> tuple[str, int]:
            while parent.get(h, h) != h:
                h = parent[h]
            return h

        def union(a: tuple[str, int], b: tuple[str, int]) -> tuple[str, int]:
            ra, rb = find(a), find(b)
            if ra == rb:
                return ra
            # Keep the oldest stored story; new ones fold into it.
            keep, drop = (ra, rb) if _handle_order(ra) <= _handle_order(rb) else (rb, ra)
            parent[drop] = keep
            return keep

        batch_by_band: dict[int, list[int]] = {}
        handles: list[tuple[str, int]] = []
        for i, p in enumerate(fresh):
            best: tuple[float, tuple[str, int]] | None = None
            matched: list[tuple[str, int]] = []
            for sim, h in self._matches(p, stored_by_band, stored, batch_by_band, fresh, handles):
                matched.append(h)
                if best is None or sim > best[0]:
                    best = (sim, h)
            if best is None:
                h = ("new", i)
                parent[h] = h
            else:
                h = best[1]
                for other in matched:
                    h = union(h, other)
            handles.append(h)
            for b in p.bands:
                batch_by_band.setdefault(b, []).append(i)

        roots = [find(h) for h in handles]
        new_roots = sorted({r for r in roots if r[0] == "new"}, key=lambda r: r[1])
        story_ids: dict[tuple[str, int], int] = {}
        if new_roots:
            ids = conn.execute(
                insert_for(conn, stories).returning(stories.c.id, sort_by_parameter_order=True),
                [{"n_documents": 0} for _ in new_roots],
            ).scalars().all()
            story_ids.update(zip(new_roots, ids, strict=True))
        # Stored stories joined by a bridging document: their documents move to the kept one.
        merged = {h: find(h) for h in parent if h[0] == "db" and find(h) != h}
        for h, root in merged.items():
            keep = story_ids.get(root, root[1])
            conn.execute(
                update(documents).where(documents.c.story_id == h[1]).values(story_id=keep)
            )
            conn.execute(delete(stories).where(stories.c.id == h[1]))
            self.touched_stories.add(keep)

        def story_of(root: tuple[str, int]) -> int:
            return story_ids[root] if root[0] == "new" else root[1]

        rows = []
        for p, root in zip(fresh, roots, strict=True):
            d, a = p.document, p.attribution
            rows.append(
                {
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
                    "ingested_at": self.now,
                }
            )
        doc_ids = conn.execute(
            insert_for(conn, documents).returning(documents.c.id, sort_by_parameter_order=True),
            rows,
        ).scalars().all()
        conn.execute(
            insert_for(conn, doc_bands).on_conflict_do_nothing(),
            [
                {"band_key": b, "doc_id": doc_id}
                for p, doc_id in zip(fresh, doc_ids, strict=True)
                for b in set(p.bands)
            ],
        )
        out = []
        for p, doc_id, row in zip(fresh, doc_ids, rows, strict=True):
            self.touched_stories.add(row["story_id"])
            out.append(
                _Doc(doc_id, p.identity.key, p.document, row["story_id"], p.document.published,
                     p.events)
            )
        return out

    def _matches(
        self,
        p: Prepared,
        stored_by_band: dict[int, list[int]],
        stored: dict[int, tuple[bytes, int]],
        batch_by_band: dict[int, list[int]],
        fresh: list[Prepared],
        handles: list[tuple[str, int]],
    ) -> Iterable[tuple[float, tuple[str, int]]]:
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

    # -- 2. entities ------------------------------------------------------------------------

    def _ensure_entities(self, surfaces: Iterable[dict[str, list[str]]]) -> None:
        """Every actor and target once, by knowledge-base id, with the forms seen."""
        forms: dict[str, set[str]] = {}
        for s in surfaces:
            for k, names in s.items():
                forms.setdefault(k, set()).update(names)
        self._ensure_keys(set(forms))
        rows = [
            {"entity_id": self.cache.by_key[k], "surface": n[:300]}
            for k, names in forms.items()
            for n in sorted(names)
        ]
        if rows:
            self.conn.execute(insert_for(self.conn, entity_names).on_conflict_do_nothing(), rows)

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

    # -- 3. events and cases ------------------------------------------------------------

    def _store_events(self, docs: list[_Doc], completed: dict[int, set[tuple[Any, ...]]] | None
                      = None) -> None:
        """Insert the events of `docs`, each linked to a case; `completed` names, per
        document, the events whose date was missing before its date was inferred."""
        keys: set[str] = set()
        for d in docs:
            for ev in d.events:
                for k, n in ((ev.actor_id, ev.actor), (ev.target_id, ev.target)):
                    if k:
                        keys.add(k)
                        if n:
                            self.names.setdefault(k, n)
        self._ensure_keys(keys)

        planned: list[tuple[dict[str, Any], Report, CaseState]] = []
        reports: list[tuple[_Doc, Event, dict[str, Any], Report]] = []
        for d in docs:
            lang = d.document.lang
            seen_keys: set[str] = set()
            for seq, ev in enumerate(d.events):
                row, rep = self._event_row(d, seq, ev, lang, seen_keys, completed)
                reports.append((d, ev, row, rep))
        self._load_candidates(r for _, _, _, r in reports)
        used: dict[int, set[int]] = {}
        for d, _ev, row, rep in reports:
            doc_used = used.setdefault(d.id, set())
            case = None
            if rep.subject:
                case = best_case(rep, self.states[(rep.type, rep.subject)].values(), doc_used)
            if case is None:
                case = self._new_case(rep)
            else:
                case.absorb(rep)
            doc_used.add(case.id)
            planned.append((row, rep, case))
        self._flush_new_cases()
        rows = []
        for row, _rep, case in planned:
            row["case_id"] = case.id
            self.touched_cases.add(case.id)
            rows.append(row)
        if rows:
            self.conn.execute(events.insert(), rows)
        self.stats.events += len(rows)

    def _event_row(
        self,
        d: _Doc,
        seq: int,
        ev: Event,
        lang: str | None,
        seen_keys: set[str],
        completed: dict[int, set[tuple[Any, ...]]] | None,
    ) -> tuple[dict[str, Any], Report]:
        actor_id = self.cache.by_key.get(ev.actor_id) if ev.actor_id else None
        target_id = self.cache.by_key.get(ev.target_id) if ev.target_id else None
        day = action_day(ev.date, d.published)
        conv = to_reference(ev.amount, ev.currency, day)
        check = check_stated(ev.evidence, lang, ev.amount, ev.currency, day)
        lo, hi = date_bounds(ev.date) if ev.date else (None, None)
        key = _event_key(d.key, ev, seen_keys)
        was_undated = completed is not None and _sig(ev) in completed.get(d.id, set())
        row = {
            "key": key,
            "doc_id": d.id,
            "seq": seq,
            "type": ev.type,
            "actor_id": actor_id,
            "target_id": target_id,
            "actor": (ev.actor or None) and ev.actor[:300],
            "target": (ev.target or None) and ev.target[:300],
            "country": ev.country,
            "status": ev.status,
            "date": ev.date,
            "date_lo": lo,
            "date_hi": hi,
            "date_completed": bool(was_undated and ev.date),
            "amount": ev.amount,
            "amount_low": ev.amount_range[0] if ev.amount_range else None,
            "amount_high": ev.amount_range[1] if ev.amount_range else None,
            "currency": ev.currency,
            "amount_eur": conv.eur,
            "amount_usd": conv.usd,
            "rate_date": conv.rate_date,
            "stated_amount": check.amount if check else None,
            "stated_currency": check.currency if check else None,
            "stated_expected": check.expected if check else None,
            "stated_deviation": check.deviation if check else None,
            "stated_ok": check.ok if check else None,
            "evidence": ev.evidence,
            "span_start": ev.start,
            "span_end": ev.end,
        }
        subject, party = subject_and_party(ev.type, ev.actor_id, ev.target_id)
        rep = Report(
            event_id=0,
            doc_id=d.id,
            type=ev.type,
            subject=subject,
            party=party,
            country=ev.country,
            status=ev.status,
            date=ev.date,
            published=d.published,
            amount=ev.amount,
            low=row["amount_low"],
            high=row["amount_high"],
            currency=ev.currency,
            eur=conv.eur,
            usd=conv.usd,
        )
        return row, rep

    def _load_candidates(self, reports: Iterable[Report]) -> None:
        """Load the stored cases each (type, subject) of `reports` may join, within dates."""
        spans: dict[tuple[str, str], list[tuple[date, date] | None]] = {}
        for r in reports:
            if r.subject:
                spans.setdefault((r.type, r.subject), []).append(r.interval())
        for key, ivs in spans.items():
            self.states.setdefault(key, {})
            span = None if any(iv is None for iv in ivs) else (
                min(iv[0] for iv in ivs if iv), max(iv[1] for iv in ivs if iv)
            )
            if any(_covers(done, span) for done in self.loaded.get(key, [])):
                continue
            self.loaded.setdefault(key, []).append(span)
            subject_id = self.cache.by_key.get(key[1])
            if subject_id is None:
                continue
            q = select(cases).where(cases.c.type == key[0], cases.c.subject_id == subject_id)
            if span is not None:
                lo = span[0] - LINK_WINDOW - UNDATED_WINDOW
                hi = span[1] + LINK_WINDOW + UNDATED_WINDOW
                q = q.where(
                    or_(cases.c.date_hi.is_(None), cases.c.date_hi >= lo),
                    or_(cases.c.date_lo.is_(None), cases.c.date_lo <= hi),
                )
            rows = self.conn.execute(q).all()
            self.cache.keys_of(self.conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
            for r in rows:
                if r.id in self.states[key]:
                    continue  # already in memory, possibly changed by this batch
                party_id = r.target_id if r.type in RESPONSE_TYPES else r.actor_id
                self.states[key][r.id] = CaseState(
                    id=r.id,
                    type=r.type,
                    subject=key[1],
                    party=self.cache.key(party_id),
                    country=r.country,
                    date_lo=r.date_lo,
                    date_hi=r.date_hi,
                    amount=r.amount,
                    low=r.amount_low,
                    high=r.amount_high,
                    currency=r.currency,
                    eur=r.amount_eur,
                )

    def _new_case(self, rep: Report) -> CaseState:
        placeholder = -(len(self.new_cases) + 1)
        state = CaseState.from_report(placeholder, rep)
        subject_id = self.cache.by_key.get(rep.subject) if rep.subject else None
        row = {
            "type": rep.type,
            "subject_id": subject_id,
            "status": rep.status,
            "n_mentions": 0,
            "n_documents": 0,
            "n_sources": 0,
            "has_conflict": False,
            "conversion_flag": False,
            "date_lo": state.date_lo,
            "date_hi": state.date_hi,
        }
        self.new_cases.append((state, row))
        if rep.subject:
            self.states.setdefault((rep.type, rep.subject), {})[placeholder] = state
        return state

    def _flush_new_cases(self) -> None:
        """Insert the cases this step opened and give their states real ids."""
        if not self.new_cases:
            return
        ids = self.conn.execute(
            insert_for(self.conn, cases).returning(cases.c.id, sort_by_parameter_order=True),
            [row for _, row in self.new_cases],
        ).scalars().all()
        for (state, _row), new_id in zip(self.new_cases, ids, strict=True):
            group = self.states.get((state.type, state.subject))
            if group is not None and state.id in group:
                del group[state.id]
                group[new_id] = state
            state.id = new_id
        self.new_cases.clear()

    # -- 4. undated documents -------------------------------------------------------------

    def _complete_undated(self, docs: list[_Doc]) -> None:
        """Give undated documents the date their copies or cases tell, and complete their
        events' dates by extracting them again against it."""
        conn = self.conn
        todo: dict[int, _Doc | None] = {d.id: d for d in docs if d.document.published is None}
        if self.touched_cases or self.touched_stories:
            old = set()
            for part in chunks(sorted(c for c in self.touched_cases if c > 0)):
                old.update(
                    conn.scalars(
                        select(events.c.doc_id)
                        .join(documents, documents.c.id == events.c.doc_id)
                        .where(
                            events.c.case_id.in_(part),
                            documents.c.published.is_(None),
                            documents.c.published_inferred.is_(None),
                        )
                    )
                )
            for part in chunks(sorted(self.touched_stories)):
                old.update(
                    conn.scalars(
                        select(documents.c.id).where(
                            documents.c.story_id.in_(part),
                            documents.c.published.is_(None),
                            documents.c.published_inferred.is_(None),
                        )
                    )
                )
            for doc_id in old:
                todo.setdefault(doc_id, None)
        for doc_id, d in sorted(todo.items()):
            self._complete_one(doc_id, d)

    def _complete_one(self, doc_id: int, d: _Doc | None) -> None:
        conn = self.conn
        row = conn.execute(select(documents).where(documents.c.id == doc_id)).one()
        basis = "copies"
        inferred = conn.scalar(
            select(func.min(documents.c.published)).where(
                documents.c.story_id == row.story_id, documents.c.published.is_not(None)
            )
        )
        if inferred is None:
            basis = "cases"
            mine = select(events.c.case_id).where(events.c.doc_id == doc_id)
            others = events.alias("others")
            inferred = conn.scalar(
                select(func.max(documents.c.published))
                .select_from(others.join(documents, documents.c.id == others.c.doc_id))
                .where(others.c.case_id.in_(mine), documents.c.published.is_not(None))
            )
        if inferred is None:
            return
        if d is None:
            d = _Doc(
                doc_id,
                row.key,
                Document(id=row.ext_id, text=row.text, lang=row.lang, url=row.url,
                         title=row.title, source=row.origin),
                row.story_id,
                None,
            )
        before = conn.execute(
            select(events.c.type, events.c.span_start, events.c.span_end, events.c.date,
                   events.c.case_id).where(events.c.doc_id == doc_id)
        ).all()
        undated = {(r.type, r.span_start, r.span_end) for r in before if r.date is None}
        self.touched_cases.update(r.case_id for r in before)
        conn.execute(delete(events).where(events.c.doc_id == doc_id))
        self.stats.events -= len(before)
        new_events = reextract(d.document, inferred)
        conn.execute(
            update(documents)
            .where(documents.c.id == doc_id)
            .values(published_inferred=inferred, date_basis=basis)
        )
        redo = _Doc(doc_id, d.key, d.document, d.story_id, inferred, new_events)
        self._store_events([redo], completed={doc_id: undated})
        self._ensure_entities([surface_forms(new_events)])
        self.touched_stories.add(d.story_id)
        self.stats.completed += 1

    # -- 5. stories -----------------------------------------------------------------------

    def _finish_stories(self) -> None:
        """Origins and credited outlets of touched stories; their cases are recounted."""
        conn = self.conn
        story_ids = sorted(self.touched_stories)
        if not story_ids:
            return
        copies: dict[int, list[Copy]] = {}
        doc_ids: list[int] = []
        for part in chunks(story_ids):
            for r in conn.execute(
                select(
                    documents.c.id, documents.c.story_id, documents.c.published,
                    documents.c.published_inferred, documents.c.republished,
                    documents.c.attributed, documents.c.outlet,
                ).where(documents.c.story_id.in_(part))
            ):
                copies.setdefault(r.story_id, []).append(
                    Copy(r.id, r.published or r.published_inferred, r.republished,
                         r.attributed or r.outlet)
                )
                doc_ids.append(r.id)
        updates = []
        for sid, cs in copies.items():
            first = origin(cs)
            updates.append(
                {"b_id": sid, "origin_doc_id": first.doc_id, "source": story_source(cs),
                 "n_documents": len(cs)}
            )
        conn.execute(
            update(stories).where(stories.c.id == bindparam("b_id")).values(
                origin_doc_id=bindparam("origin_doc_id"),
                source=bindparam("source"),
                n_documents=bindparam("n_documents"),
            ),
            updates,
        )
        for part in chunks(doc_ids):
            self.touched_cases.update(
                conn.scalars(select(events.c.case_id).where(events.c.doc_id.in_(part)))
            )

    # -- 6. cases -------------------------------------------------------------------------

    def _reconcile(self) -> None:
        conn = self.conn
        ids = sorted(c for c in self.touched_cases if c > 0)
        if not ids:
            return
        by_case: dict[int, list[Report]] = {}
        flags: dict[int, bool] = {}
        sources: dict[str, str | None] = {}
        for part in chunks(ids):
            q = (
                select(
                    events.c.id, events.c.doc_id, events.c.case_id, events.c.type,
                    events.c.actor_id, events.c.target_id, events.c.country, events.c.status,
                    events.c.date, events.c.amount, events.c.amount_low, events.c.amount_high,
                    events.c.currency, events.c.amount_eur, events.c.amount_usd,
                    events.c.stated_ok, documents.c.published, documents.c.published_inferred,
                    documents.c.story_id, stories.c.source,
                )
                .select_from(
                    events.join(documents, documents.c.id == events.c.doc_id).join(
                        stories, stories.c.id == documents.c.story_id
                    )
                )
                .where(events.c.case_id.in_(part))
            )
            rows = conn.execute(q).all()
            self.cache.keys_of(conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
            for r in rows:
                key = f"outlet:{r.source}" if r.source else f"story:{r.story_id}"
                sources[key] = r.source
                subject, party = subject_and_party(
                    r.type, self.cache.key(r.actor_id), self.cache.key(r.target_id)
                )
                by_case.setdefault(r.case_id, []).append(
                    Report(
                        event_id=r.id, doc_id=r.doc_id, type=r.type, subject=subject,
                        party=party, country=r.country, status=r.status, date=r.date,
                        published=r.published or r.published_inferred, amount=r.amount,
                        low=r.amount_low, high=r.amount_high, currency=r.currency,
                        eur=r.amount_eur, usd=r.amount_usd, source=key, story_id=r.story_id,
                    )
                )
                if r.stated_ok is False:
                    flags[r.case_id] = True
        empty = [c for c in ids if c not in by_case]
        updates = []
        for case_id, reps in by_case.items():
            s = reconcile(reps)
            rtype = reps[0].type
            subject_id = self.cache.by_key.get(reps[0].subject) if reps[0].subject else None
            party_id = self.cache.by_key.get(s.party) if s.party else None
            actor_id, target_id = (
                (subject_id, party_id) if rtype in RESPONSE_TYPES else (party_id, subject_id)
            )
            conflicts = [self._named(c.to_dict()) for c in s.conflicts]
            updates.append(
                {
                    "b_id": case_id, "subject_id": subject_id, "actor_id": actor_id,
                    "target_id": target_id, "country": s.country, "status": s.status,
                    "date": s.date, "date_lo": s.date_lo, "date_hi": s.date_hi,
                    "amount": s.amount, "amount_low": s.low, "amount_high": s.high,
                    "currency": s.currency, "amount_eur": s.eur, "amount_usd": s.usd,
                    "n_mentions": s.n_mentions, "n_documents": s.n_documents,
                    "n_sources": s.n_sources, "origin_doc_id": s.origin_doc_id,
                    "origin_source": sources.get(s.origin_source),
                    "conflicts": json.dumps(conflicts, ensure_ascii=False) if conflicts else None,
                    "has_conflict": bool(conflicts), "conversion_flag": flags.get(case_id, False),
                }
            )
        if updates:
            cols = [k for k in updates[0] if k != "b_id"]
            conn.execute(
                update(cases).where(cases.c.id == bindparam("b_id")).values(
                    {c: bindparam(c) for c in cols}
                ),
                updates,
            )
        for part in chunks(empty):
            conn.execute(delete(cases).where(cases.c.id.in_(part)))

    def _named(self, conflict: dict[str, Any]) -> dict[str, Any]:
        """Actor conflicts name entities, not just their keys."""
        if conflict["field"] == "actor":
            for v in conflict["values"]:
                eid = self.cache.by_key.get(v["value"])
                v["value"] = {"key": v["value"],
                              "name": self.cache.by_id[eid][1] if eid else v["value"]}
        return conflict


def _handle_order(h: tuple[str, int]) -> tuple[int, int]:
    return (0 if h[0] == "db" else 1, h[1])


def _covers(done: tuple[date, date] | None, span: tuple[date, date] | None) -> bool:
    if done is None:
        return True
    if span is None:
        return False
    return done[0] <= span[0] and span[1] <= done[1]


def _sig(ev: Event) -> tuple[Any, ...]:
    return (ev.type, ev.start, ev.end)


def _event_key(doc_key: str, ev: Event, seen: set[str]) -> str:
    """Deterministic: the same document extracted again gives the same keys, so a retried
    batch can never store an event twice."""
    base = "|".join(
        str(x) for x in (doc_key, ev.type, ev.start, ev.end, ev.actor_id, ev.target_id)
    )
    key = hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()
    n = 1
    while key in seen:
        n += 1
        key = hashlib.sha256(f"{base}#{n}".encode("utf-8", "surrogatepass")).hexdigest()
    seen.add(key)
    return key

