"""Steps 2 and 5 of a batch (see `write`): events linked into cases, and touched cases
reconciled from all their events.

Linking decisions are made by the pure functions of `clampdown.link.cases`; this module
loads the candidate cases they need (through the linking index, near each report's dates)
and writes what they decide.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, select, tuple_

from clampdown.link.cases import (
    LINK_WINDOW,
    UNDATED_WINDOW,
    CaseState,
    Report,
    best_case,
    reconcile,
    subject_and_party,
)
from clampdown.link.undated import Redo
from clampdown.model import RESPONSE_TYPES, Event
from clampdown.store.batch import BatchDoc, BatchState, chunks
from clampdown.store.bulk import allocate_ids, from_db_date, insert_rows, select_near, update_rows
from clampdown.store.entities import ensure_keys
from clampdown.store.prepare import event_rows
from clampdown.store.schema import cases, documents, events, stories

# A case's dates span at most a year (a YYYY date), or the undated window around its
# reports; this bounds the index range scanned when looking for cases near a date.
MAX_CASE_SPAN = timedelta(days=400)
# The columns of a case that linking reads.
_LINK_COLUMNS = (
    "id", "type", "subject_id", "actor_id", "target_id", "country", "date_lo", "date_hi",
    "amount", "amount_low", "amount_high", "currency", "amount_eur",
)
_CASE_COLUMNS = ", ".join("c." + name for name in _LINK_COLUMNS)


def store_events(st: BatchState, docs: list[BatchDoc], redo: Redo | None = None) -> None:
    """Insert the events of `docs`, each linked to a case. `redo` is set when an undated
    document's events are extracted again: it says which had no date before, and keeps
    each in the case its first extraction joined (the link is what dated it)."""
    keys: set[str] = set()
    for d in docs:
        for ev in d.events:
            for k, n in ((ev.actor_id, ev.actor), (ev.target_id, ev.target)):
                if k:
                    keys.add(k)
                    if n:
                        st.names.setdefault(k, n)
    ensure_keys(st, keys)

    planned: list[tuple[dict[str, Any], int | CaseState, bool]] = []
    reports: list[tuple[BatchDoc, Event, dict[str, Any], Report]] = []
    for d in docs:
        if d.rows is None:
            d.rows = event_rows(d.key, d.document, d.events, d.published)
        for seq, ev in enumerate(d.events):
            row, rep = _event_row(st, d, seq, ev, redo)
            reports.append((d, ev, row, rep))
    _load_candidates(st, (r for _, _, _, r in reports))
    used: dict[int, set[int]] = {}
    for d, ev, row, rep in reports:
        doc_used = used.setdefault(d.id, set())
        kept = redo.cases.get(_sig(ev)) if redo else None
        if kept is not None and kept[1] == rep.subject and kept[0] not in doc_used:
            doc_used.add(kept[0])
            planned.append((row, kept[0], True))
            continue
        case: CaseState | None = None
        if rep.subject:
            case = best_case(rep, _near(st, rep), doc_used)
        linked = case is not None
        if case is None:
            case = _new_case(st, rep, row, d)
        else:
            case.absorb(rep)
        doc_used.add(case.id)
        planned.append((row, case, linked))
    _flush_new_cases(st)
    rows = []
    for row, joined, linked in planned:
        row["case_id"] = joined if isinstance(joined, int) else joined.id
        if linked:
            st.touched_cases.add(row["case_id"])  # a second report: reconcile it
        else:
            st.fresh_cases.add(row["case_id"])  # one report: its fields are final
        st.added.setdefault(row["case_id"], []).append((row["key"], row["evidence"]))
        rows.append(row)
    if rows:
        cols = list(rows[0])
        pick = itemgetter(*cols)
        insert_rows(st.conn, events, cols, [pick(r) for r in rows])
    st.stats.events += len(rows)


def _near(st: BatchState, rep: Report) -> list[CaseState]:
    """The loaded cases of the report's type and subject within the linking window of
    its dates: a cheap first cut, as a batch loads cases of many dates per subject."""
    group = st.states[(rep.type, rep.subject or "")].values()
    iv = rep.interval()
    if iv is None:
        return list(group)
    lo, hi = iv[0] - LINK_WINDOW, iv[1] + LINK_WINDOW
    return [
        c for c in group
        if c.date_lo is None or c.date_hi is None or (c.date_lo <= hi and c.date_hi >= lo)
    ]


def _event_row(
    st: BatchState, d: BatchDoc, seq: int, ev: Event, redo: Redo | None
) -> tuple[dict[str, Any], Report]:
    """The event's row, with the ids only the store knows, and its linking report."""
    assert d.rows is not None  # made by `store_events` before any report
    row = dict(d.rows[seq])
    row["doc_id"] = d.id
    row["actor_id"] = st.cache.by_key.get(ev.actor_id) if ev.actor_id else None
    row["target_id"] = st.cache.by_key.get(ev.target_id) if ev.target_id else None
    row["date_completed"] = bool(redo and ev.date and _sig(ev) in redo.undated)
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
        eur=row["amount_eur"],
        usd=row["amount_usd"],
        dated=d.document.published is not None,
        completed=row["date_completed"],
        tiebreak=d.key,
    )
    return row, rep


def _load_candidates(st: BatchState, reports: Iterable[Report]) -> None:
    """Load the stored cases the reports may join: for each report, the cases of its
    type and subject whose dates come within reach of its own, plus the few cases with
    no date at all. Lookups go through the linking index, one query per few hundred
    reports (a VALUES list joined to `cases`), so the cost follows the batch, not the
    size of the store."""
    slack = LINK_WINDOW + UNDATED_WINDOW
    dated: set[tuple[str, int, date, date]] = set()
    pairs: set[tuple[str, int]] = set()
    open_pairs: set[tuple[str, int]] = set()  # reports with no date: any case may fit
    for r in reports:
        if not r.subject:
            continue
        st.states.setdefault((r.type, r.subject), {})
        subject_id = st.cache.by_key.get(r.subject)
        if subject_id is None:
            continue
        iv = r.interval()
        if iv is None:
            if (r.type, r.subject) not in st.open_loaded:
                st.open_loaded.add((r.type, r.subject))
                open_pairs.add((r.type, subject_id))
            continue
        if (r.type, r.subject) in st.open_loaded:
            continue  # every case of the pair is in memory already
        want = (r.type, subject_id, iv[0] - slack, iv[1] + slack)
        if want not in st.dated_loaded:
            st.dated_loaded.add(want)
            dated.add(want)
        if (r.type, subject_id) not in st.null_loaded:
            st.null_loaded.add((r.type, subject_id))
            pairs.add((r.type, subject_id))
    c = cases.c
    for part in chunks(sorted(dated), 300):
        _add_states(
            st,
            select_near(
                st.conn,
                f"SELECT {_CASE_COLUMNS} FROM cases c",
                [(*w, w[2] - MAX_CASE_SPAN) for w in part],
                "t, s, lo, hi, floor",
                "c.type = wanted.t AND c.subject_id = wanted.s"
                " AND c.date_lo BETWEEN wanted.floor AND wanted.hi AND c.date_hi >= wanted.lo",
            ),
        )
    for part in chunks(sorted(pairs), 400):
        _add_states(
            st,
            _case_rows().where(
                tuple_(c.type, c.subject_id).in_(list(part)), c.date_lo.is_(None)
            ),
        )
    for part in chunks(sorted(open_pairs), 400):
        _add_states(st, _case_rows().where(tuple_(c.type, c.subject_id).in_(list(part))))


def _case_rows() -> Any:
    return select(*(cases.c[name] for name in _LINK_COLUMNS))


def _add_states(st: BatchState, q: Any) -> None:
    rows = q if isinstance(q, list) else st.conn.execute(q).all()
    st.cache.keys_of(
        st.conn,
        [r.actor_id for r in rows] + [r.target_id for r in rows] + [r.subject_id for r in rows],
    )
    for r in rows:
        subject = st.cache.key(r.subject_id) or ""
        group = st.states.setdefault((r.type, subject), {})
        if r.id in group:
            continue  # already in memory, possibly changed by this batch
        _, party_id = subject_and_party(r.type, r.actor_id, r.target_id)
        group[r.id] = CaseState(
            id=r.id, type=r.type, subject=subject, party=st.cache.key(party_id),
            country=r.country, date_lo=from_db_date(r.date_lo),
            date_hi=from_db_date(r.date_hi), amount=r.amount,
            low=r.amount_low, high=r.amount_high, currency=r.currency, eur=r.amount_eur,
        )


def _new_case(st: BatchState, rep: Report, ev: dict[str, Any], d: BatchDoc) -> CaseState:
    """A case opened by one report, written with its final fields: a case of one report
    is that report (`reconcile` agrees), so unless another joins it, it needs no
    reconciling."""
    placeholder = -(len(st.new_cases) + 1)
    state = CaseState.from_report(placeholder, rep)
    subject_id = st.cache.by_key.get(rep.subject) if rep.subject else None
    has_money = rep.amount is not None or rep.low is not None
    row = {
        "type": rep.type,
        "subject_id": subject_id,
        "actor_id": ev["actor_id"],
        "target_id": ev["target_id"],
        "country": rep.country,
        "status": rep.status,
        "date": rep.date,
        "date_lo": state.date_lo,
        "date_hi": state.date_hi,
        "amount": rep.amount,
        "amount_low": rep.low,
        "amount_high": rep.high,
        "currency": rep.currency if has_money else None,
        "amount_eur": rep.eur,
        "amount_usd": rep.usd,
        "n_mentions": 1,
        "n_documents": 1,
        "n_sources": 1,
        "origin_doc_id": d.id,
        "origin_source": st.doc_source.get(d.id),
        "conflicts": None,
        "has_conflict": False,
        "conversion_flag": ev["stated_ok"] is False,
    }
    st.new_cases.append((state, row))
    if rep.subject:
        st.states.setdefault((rep.type, rep.subject), {})[placeholder] = state
    return state


def _flush_new_cases(st: BatchState) -> None:
    """Insert the cases this step opened and give their states real ids."""
    if not st.new_cases:
        return
    ids = allocate_ids(st.conn, cases, len(st.new_cases))
    cols = ["id", *st.new_cases[0][1]]
    insert_rows(
        st.conn,
        cases,
        cols,
        [(i, *row.values()) for i, (_, row) in zip(ids, st.new_cases, strict=True)],
    )
    for (state, _row), new_id in zip(st.new_cases, ids, strict=True):
        group = st.states.get((state.type, state.subject))
        if group is not None and state.id in group:
            del group[state.id]
            group[new_id] = state
        state.id = new_id
    st.new_cases.clear()


def reconcile_cases(st: BatchState) -> None:
    """Recompute every case that gained or lost a report from all its events, and
    delete cases left with none (an undated document's events were replaced)."""
    conn = st.conn
    ids = sorted(c for c in st.touched_cases if c > 0)
    if not ids:
        return
    by_case: dict[int, list[Report]] = {}
    flags: dict[int, bool] = {}
    sources: dict[str, str | None] = {}
    ext_ids: dict[int, str] = {}
    for part in chunks(ids):
        q = (
            select(
                events.c.id, events.c.doc_id, events.c.case_id, events.c.type,
                events.c.actor_id, events.c.target_id, events.c.country, events.c.status,
                events.c.date, events.c.amount, events.c.amount_low, events.c.amount_high,
                events.c.currency, events.c.amount_eur, events.c.amount_usd,
                events.c.stated_ok, events.c.date_completed, documents.c.published,
                documents.c.published_inferred, documents.c.story_id, documents.c.key,
                documents.c.ext_id,
                stories.c.source,
            )
            .select_from(
                events.join(documents, documents.c.id == events.c.doc_id).join(
                    stories, stories.c.id == documents.c.story_id
                )
            )
            .where(events.c.case_id.in_(part))
        )
        rows = conn.execute(q).all()
        st.cache.keys_of(conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
        for r in rows:
            key = f"outlet:{r.source}" if r.source else f"story:{r.story_id}"
            sources[key] = r.source
            ext_ids[r.doc_id] = r.ext_id
            subject, party = subject_and_party(
                r.type, st.cache.key(r.actor_id), st.cache.key(r.target_id)
            )
            by_case.setdefault(r.case_id, []).append(
                Report(
                    event_id=r.id, doc_id=r.doc_id, type=r.type, subject=subject,
                    party=party, country=r.country, status=r.status, date=r.date,
                    published=r.published or r.published_inferred, amount=r.amount,
                    low=r.amount_low, high=r.amount_high, currency=r.currency,
                    eur=r.amount_eur, usd=r.amount_usd, source=key, story_id=r.story_id,
                    dated=r.published is not None, completed=r.date_completed,
                    tiebreak=r.key,
                )
            )
            if r.stated_ok is False:
                flags[r.case_id] = True
    empty = [c for c in ids if c not in by_case]
    updates = []
    for case_id, reps in by_case.items():
        s = reconcile(reps)
        rtype = reps[0].type
        subject_id = st.cache.by_key.get(reps[0].subject) if reps[0].subject else None
        party_id = st.cache.by_key.get(s.party) if s.party else None
        actor_id, target_id = (
            (subject_id, party_id) if rtype in RESPONSE_TYPES else (party_id, subject_id)
        )
        conflicts = [_described(st, c.to_dict(), ext_ids, sources) for c in s.conflicts]
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
        update_rows(conn, cases, cols, [(*(u[c] for c in cols), u["b_id"]) for u in updates])
    for part in chunks(empty):
        conn.execute(delete(cases).where(cases.c.id.in_(part)))


def _described(
    st: BatchState,
    conflict: dict[str, Any],
    ext_ids: dict[int, str],
    sources: dict[str, str | None],
) -> dict[str, Any]:
    """A conflict as readers see it: documents by the ids the input gave them, sources
    by outlet (or "story N" when no outlet is known), actors and targets by name."""
    for v in conflict["values"]:
        v["documents"] = sorted(ext_ids.get(d, str(d)) for d in v["documents"])
        v["sources"] = sorted(
            sources.get(k) or k.replace("story:", "story ") for k in v["sources"]
        )
    if conflict["field"] in ("actor", "target"):
        for v in conflict["values"]:
            eid = st.cache.by_key.get(v["value"])
            v["value"] = {"key": v["value"],
                          "name": st.cache.by_id[eid][1] if eid else v["value"]}
    return conflict


def _sig(ev: Event) -> tuple[Any, ...]:
    return (ev.type, ev.start, ev.end)
