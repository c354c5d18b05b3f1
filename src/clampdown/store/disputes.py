"""Step 6 of a batch (see `write`): disputes kept up to date with the cases a batch changed.

Which cases make a dispute is decided by the pure functions of `clampdown.link.disputes`,
from the set of cases alone. This module makes that incremental: every case that can be in
a dispute has a `dispute_cases` row holding its step (what linking needs of it) and its
component. A batch reloads only the components its new and changed cases touch (the
cases connected to a changed one, found through the (state and platform, date) index, and
every case of their components), links them again, and replaces their disputes; the rest
of the store is not read. Since components are a function of the set of cases, the
disputes are those that linking the whole store from scratch would give (a test holds them
to it, in three orders of ingest).

A store is first linked when it is opened (`ensure_linked`: a new store, or one written
before disputes existed), and linked again from scratch when opened for writing under
other rules (`CLAMPDOWN_DISPUTE_*`, a new cue lexicon); the rules used are stored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from clampdown.link.disputes import Dispute, DisputeRules, Step, connected, link_disputes, step_of
from clampdown.resolve.kb import load_kb
from clampdown.store.batch import BatchState, EntityCache, chunks, insert_for
from clampdown.store.bulk import allocate_ids, from_db_date, insert_rows, select_near
from clampdown.store.schema import (
    cases,
    dispute_aliases,
    dispute_cases,
    dispute_rules,
    disputes,
    entities,
    events,
)

# A case's dates span at most a year (a YYYY date); this bounds the index range scanned
# for the steps near a changed one.
MAX_SPAN = timedelta(days=400)
_STEP_COLUMNS = (
    "case_id", "dispute_id", "seq", "part", "component", "case_key", "type", "status", "date",
    "lo", "hi", "day", "eur", "usd", "subject", "party", "cues", "refers",
)
_SELECT_STEPS = "SELECT " + ", ".join("dc." + c for c in _STEP_COLUMNS)


class DisputesStep(BatchState):
    """Disputes of the cases a batch added or changed."""

    noted_components: set[str]
    noted_disputes: set[int]

    def _note_disputes(self) -> None:
        """Before reconciling, which deletes cases left with no report: the components and
        disputes of the cases this batch touched, while their rows still exist."""
        self.noted_components, self.noted_disputes = set(), set()
        ids = sorted(c for c in self.touched_cases if c > 0)
        for part in chunks(ids):
            for component, dispute_id in self.conn.execute(
                select(dispute_cases.c.component, dispute_cases.c.dispute_id).where(
                    dispute_cases.c.case_id.in_(part)
                )
            ):
                self.noted_components.add(component)
                self.noted_disputes.add(dispute_id)

    def _link_disputes(self) -> None:
        """Link the batch's new and changed cases into disputes (after reconciling)."""
        rules = DisputeRules.from_env()
        linked = linked_under(self.conn)
        if linked is None:
            return  # a store never linked (a private replay store): nothing to keep up
        if linked != rules.fingerprint():
            relink_all(self.conn, rules, self.cache)
            return
        changed = sorted(c for c in self.touched_cases | self.fresh_cases if c > 0)
        if changed or self.noted_components:
            update_disputes(self.conn, changed, self.noted_components, self.noted_disputes,
                            rules, self.cache)


# --- reading steps ----------------------------------------------------------------------


def load_steps(conn: Connection, case_ids: Sequence[int], cache: EntityCache) -> dict[int, Step]:
    """The steps of cases `case_ids` from their reconciled fields and the evidence of all
    their reports; cases that are in no dispute (or no longer exist) are left out."""
    out: dict[int, Step] = {}
    c = cases.c
    for part in chunks(list(case_ids)):
        rows = conn.execute(
            select(c.id, c.type, c.status, c.country, c.actor_id, c.target_id, c.date,
                   c.date_lo, c.date_hi, c.amount_eur, c.amount_usd).where(c.id.in_(part))
        ).all()
        texts: dict[int, list[str]] = {}
        keys: dict[int, str] = {}
        for case_id, key, evidence in conn.execute(
            select(events.c.case_id, events.c.key, events.c.evidence).where(
                events.c.case_id.in_(part)
            )
        ):
            texts.setdefault(case_id, []).append(evidence)
            if case_id not in keys or key < keys[case_id]:
                keys[case_id] = key
        cache.keys_of(conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
        for r in rows:
            if r.id not in keys:
                continue
            step = step_of(
                r.id, keys[r.id], r.type, r.status, r.country, cache.key(r.actor_id),
                cache.key(r.target_id), r.date, from_db_date(r.date_lo),
                from_db_date(r.date_hi), eur=r.amount_eur, usd=r.amount_usd,
                texts=texts[r.id],
            )
            if step is not None:
                out[r.id] = step
    return out


def _part(step: Step) -> str:
    return f"{step.state} {step.platform}"


@dataclass(slots=True)
class _Stored:
    """A step as its `dispute_cases` row keeps it, with where it stood."""

    step: Step
    dispute_id: int
    seq: int
    component: str


def _stored(r: Any) -> _Stored:
    state, _, platform = r.part.partition(" ")
    lo, hi, day = from_db_date(r.lo), from_db_date(r.hi), from_db_date(r.day)
    assert lo is not None and hi is not None and day is not None  # NOT NULL columns
    cues = frozenset() if r.cues in (None, "[]") else frozenset(json.loads(r.cues))
    step = Step(
        case=r.case_id, key=r.case_key, type=r.type, status=r.status, state=state,
        platform=platform, subject=r.subject, party=r.party, date=r.date, lo=lo, hi=hi,
        day=day, eur=r.eur, usd=r.usd, cues=cues, refers=bool(r.refers),
    )
    return _Stored(step, r.dispute_id, r.seq, r.component)


def _near(
    conn: Connection, steps: list[Step], rules: DisputeRules, decoded: dict[int, _Stored]
) -> set[str]:
    """Components of the stored steps directly connected to any of `steps` (the rows read
    are kept in `decoded`, by case). Beyond the gap, a step connects only to steps that
    name a matter or refer back, unless it refers back itself (to any earlier act): so
    the far window reads those alone (wide 1), or everything (wide 2)."""
    found: set[str] = set()
    gap = timedelta(days=rules.dispute_gap_days)
    reach = timedelta(days=rules.reach)
    windows: list[tuple[Any, ...]] = []
    for i, s in enumerate(steps):
        if not s.refers:
            windows.append((_part(s), s.lo - gap - MAX_SPAN, s.hi + gap, s.lo - gap, i, 0))
        windows.append((_part(s), s.lo - reach - MAX_SPAN, s.hi + reach, s.lo - reach, i,
                        2 if s.refers else 1))
    for part in chunks(sorted(windows), 300):
        rows = select_near(
            conn,
            f"{_SELECT_STEPS}, wanted.i FROM dispute_cases dc",
            list(part),
            "p, floor, hi, lo, i, wide",
            "dc.part = wanted.p AND dc.lo BETWEEN wanted.floor AND wanted.hi"
            " AND dc.hi >= wanted.lo AND (wanted.wide <> 1 OR dc.refers"
            " OR dc.cues <> '[]')",
        )
        for r in rows:
            if r.component in found:
                continue
            stored = decoded.get(r.case_id)
            if stored is None:
                stored = decoded[r.case_id] = _stored(r)
            if connected(stored.step, steps[r.i], rules):
                found.add(r.component)
    return found


def _load_components(
    conn: Connection, components: Iterable[str], decoded: dict[int, _Stored]
) -> list[_Stored]:
    out: list[_Stored] = []
    for part in chunks(sorted(components)):
        q = select(*(dispute_cases.c[n] for n in _STEP_COLUMNS)).where(
            dispute_cases.c.component.in_(part)
        )
        for r in conn.execute(q):
            stored = decoded.get(r.case_id)
            out.append(stored if stored is not None and stored.component == r.component
                       else _stored(r))
    return out


# --- writing ----------------------------------------------------------------------------


def update_disputes(
    conn: Connection,
    changed: Sequence[int],
    noted_components: Iterable[str],
    noted_disputes: Iterable[int],
    rules: DisputeRules,
    cache: EntityCache,
) -> int:
    """Link cases `changed` (new, reconciled again, or deleted) into disputes again, with
    every component they touch; returns the number of disputes written (those that came
    out as they were stay as they are)."""
    fresh = load_steps(conn, changed, cache)
    decoded: dict[int, _Stored] = {}
    components = set(noted_components) | _near(conn, list(fresh.values()), rules, decoded)
    old = _load_components(conn, components, decoded)
    changed_set = set(changed)
    steps: dict[int | str, Step] = {
        s.step.case: s.step for s in old if s.step.case not in changed_set
    }
    for case_id, step in fresh.items():
        steps[case_id] = step
    made = link_disputes(steps.values(), rules)
    return _replace(conn, old, {s.dispute_id for s in old} | set(noted_disputes), made, cache)


def relink_all(conn: Connection, rules: DisputeRules, cache: EntityCache | None = None) -> int:
    """Link every case of the store into disputes from scratch, and record the rules."""
    cache = cache or EntityCache()
    old = _load_all(conn)
    ids = list(conn.scalars(select(cases.c.id).order_by(cases.c.id)))
    steps: dict[int, Step] = {}
    for part in chunks(ids, 5000):
        steps.update(load_steps(conn, part, cache))
    made = link_disputes(steps.values(), rules)
    conn.execute(delete(dispute_cases))
    _replace(conn, old, set(conn.scalars(select(disputes.c.id))), made, cache, keep=False)
    conn.execute(delete(dispute_rules))
    conn.execute(insert(dispute_rules).values(
        id=1, rules=rules.fingerprint(), linked_at=datetime.now(UTC).replace(tzinfo=None)
    ))
    return len(made)


def _load_all(conn: Connection) -> list[_Stored]:
    q = select(*(dispute_cases.c[n] for n in _STEP_COLUMNS))
    return [_stored(r) for r in conn.execute(q)]


def _replace(
    conn: Connection,
    old: list[_Stored],
    old_ids: set[int],
    made: list[Dispute],
    cache: EntityCache,
    *,
    keep: bool = True,
) -> int:
    """Replace disputes `old_ids` (whose steps are `old`) by `made`: a dispute that came
    out as it was (same key, component and steps) is kept as it is, the others are
    deleted with their steps and written anew; keys that went away are pointed at the
    disputes now holding their cases. Returns the number of disputes written."""
    old_keys: dict[int, str] = {}
    for part in chunks(sorted(old_ids)):
        for dispute_id, key in conn.execute(
            select(disputes.c.id, disputes.c.key).where(disputes.c.id.in_(part))
        ):
            old_keys[dispute_id] = key
    members: dict[int, list[_Stored]] = {}
    for s in old:
        members.setdefault(s.dispute_id, []).append(s)
    was: dict[tuple[str, str, tuple[Step, ...]], int] = {}
    if keep:
        for dispute_id, rows in members.items():
            if dispute_id in old_keys:
                rows.sort(key=lambda s: s.seq)
                signature = (old_keys[dispute_id], rows[0].component,
                             tuple(s.step for s in rows))
                was[signature] = dispute_id
    kept: set[int] = set()
    fresh: list[Dispute] = []
    for d in made:
        same = was.get((d.key, d.component, tuple(d.steps)))
        if same is None:
            fresh.append(d)
        else:
            kept.add(same)
    gone = sorted(set(old_keys) - kept)
    for part in chunks(gone):
        conn.execute(delete(dispute_cases).where(dispute_cases.c.dispute_id.in_(part)))
        conn.execute(delete(disputes).where(disputes.c.id.in_(part)))
    if fresh:
        _write(conn, fresh, cache)
    _alias(conn, old, {i: old_keys[i] for i in gone}, made)
    return len(fresh)


def _write(conn: Connection, made: list[Dispute], cache: EntityCache) -> None:
    platform_ids = _entity_ids(conn, {d.platform for d in made}, cache)
    ids = allocate_ids(conn, disputes, len(made))
    dispute_rows = []
    step_rows = []
    for new_id, d in zip(ids, made, strict=True):
        s = d.summary
        dispute_rows.append((
            new_id, d.key, d.state, platform_ids.get(d.platform), d.platform, d.component,
            d.steps[0].date, d.steps[-1].date, s.first_day, s.last_day, len(d.steps),
            s.outcome, s.harshest, s.harshest_status, s.start_day, s.days_to_compliance,
            s.days_to_harshest, s.fines_eur, s.fines_usd, s.n_fines, s.n_unconverted,
            json.dumps(list(s.matter)),
        ))
        for seq, (step, link) in enumerate(zip(d.steps, d.links, strict=True)):
            step_rows.append((
                step.case, new_id, seq, _part(step), d.component, step.key, step.type,
                step.status, step.date, step.lo, step.hi, step.day, step.eur, step.usd,
                step.subject, step.party, json.dumps(sorted(step.cues)), step.refers,
                json.dumps(link.to_dict()),
            ))
    insert_rows(conn, disputes, DISPUTE_COLUMNS, dispute_rows)
    insert_rows(conn, dispute_cases, (*_STEP_COLUMNS, "link"), step_rows)


DISPUTE_COLUMNS = (
    "id", "key", "state", "platform_id", "platform_key", "component", "first_date",
    "last_date", "first_day", "last_day", "n_steps", "outcome", "harshest", "harshest_status",
    "start_day", "days_to_compliance", "days_to_harshest", "fines_eur", "fines_usd",
    "n_fines", "n_unconverted", "matter",
)


def _alias(
    conn: Connection, old: list[_Stored], old_keys: dict[int, str], made: list[Dispute]
) -> None:
    """A key that went away names the dispute that now holds its first case (else most of
    its cases), so a bookmark or a watchlist following it keeps working."""
    new_keys = {d.key for d in made}
    key_of_case = {s.case: d.key for d in made for s in d.steps}
    members: dict[int, list[_Stored]] = {}
    for s in old:
        members.setdefault(s.dispute_id, []).append(s)
    moved: dict[str, str] = {}
    for dispute_id, key in old_keys.items():
        if key in new_keys:
            continue
        rows = sorted(members.get(dispute_id, []), key=lambda s: s.seq)
        target = key_of_case.get(rows[0].step.case) if rows else None
        if target is None:
            held = Counter(key_of_case[s.step.case] for s in rows if s.step.case in key_of_case)
            target = min(held, key=lambda k: (-held[k], k)) if held else None
        if target is not None:
            moved[key] = target
    a = dispute_aliases.c
    for part in chunks(sorted(new_keys)):
        conn.execute(delete(dispute_aliases).where(a.alias.in_(part)))
    for key, target in sorted(moved.items()):
        conn.execute(dispute_aliases.update().where(a.dispute_key == key)
                     .values(dispute_key=target))
    for part in chunks(sorted(moved)):
        conn.execute(delete(dispute_aliases).where(a.alias.in_(part)))
    if moved:
        conn.execute(insert(dispute_aliases),
                     [{"alias": k, "dispute_key": v} for k, v in sorted(moved.items())])


def _entity_ids(conn: Connection, keys: set[str], cache: EntityCache) -> dict[str, int]:
    """Store ids of platform groups' root entities, adding those only the knowledge base
    knows (Meta's disputes are Facebook's even when only Instagram was named)."""
    missing = sorted(k for k in keys if k not in cache.by_key)
    for part in chunks(missing):
        cache.remember(conn.execute(
            select(entities.c.id, entities.c.key, entities.c.name).where(entities.c.key.in_(part))
        ))
    kb = load_kb().entities
    rows = [
        {"key": k, "name": kb[k].name, "role": kb[k].role, "kind": kb[k].kind,
         "country": kb[k].country, "known": True}
        for k in missing if k not in cache.by_key and k in kb
    ]
    if rows:
        conn.execute(insert_for(conn, entities).on_conflict_do_nothing(), rows)
        for part in chunks([r["key"] for r in rows]):
            cache.remember(conn.execute(
                select(entities.c.id, entities.c.key, entities.c.name)
                .where(entities.c.key.in_(part))
            ))
    return {k: cache.by_key[k] for k in keys if k in cache.by_key}


# --- the rules a store was linked under -----------------------------------------------


def linked_under(conn: Connection) -> str | None:
    """The fingerprint of the rules the store's disputes were linked under; None when it
    was never linked."""
    found: str | None = conn.scalar(select(dispute_rules.c.rules).where(dispute_rules.c.id == 1))
    return found


def ensure_linked(
    conn: Connection, *, relink_on_change: bool, rules: DisputeRules | None = None
) -> bool:
    """Link the store's cases into disputes if it never was, or (with `relink_on_change`,
    when opened for writing) if it was under other rules; whether it linked."""
    rules = rules or DisputeRules.from_env()
    stored = linked_under(conn)
    if stored == rules.fingerprint() or (stored is not None and not relink_on_change):
        return False
    relink_all(conn, rules)
    return True


def count_disputes(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(disputes)) or 0)
