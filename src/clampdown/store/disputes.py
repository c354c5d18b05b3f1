"""Step 6 of a batch (see `write`): disputes kept up to date with the cases a batch changed.

Which case continues which is decided by `clampdown.link.disputes.decide`, from the steps
before it within reach; a dispute is a set of steps so linked. Every case that can be in a
dispute has a `dispute_cases` row holding its step (what linking needs of it), its decision
(the steps it continues, the families of matter it carries on) and its dispute; every
dispute a tally that its summary is made from. So a batch:

1. renames where they stand the steps whose case key alone changed (`_rename`: a late
   report of an act with a smaller event key), when no other step ranks between the two
   keys: nothing is decided again;
2. decides its new and changed steps, reading the stored steps within reach around each
   through the (state and platform, date) index (changes years apart are read apart), and
   decides again the stored steps after them only as far as a change reaches: within
   reach after a step that is new, gone, or carries on other families of matter than it
   did (a decision looks back only so far, and sees of a step only that);
3. joins the disputes the new decisions link, adding up their tallies, without reading
   their other steps; only a dispute that lost a step or a link is read whole and split
   as its remaining links say;
4. writes the rows and disputes that changed.

This gives what linking the whole store from scratch gives (`link_disputes`; a test holds
three orders of ingest and a relink to it). A store is first linked when it is opened
(`ensure_linked`: a new store, or one written before disputes existed), and linked again
from scratch when opened for writing under other rules (`CLAMPDOWN_DISPUTE_*`, a new cue
lexicon); the rules used are stored.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from clampdown.link.disputes import (
    DAY_ORDER,
    SPAN,
    Decision,
    DisputeRules,
    Past,
    Step,
    Tally,
    base_key,
    decide,
    link_disputes,
    step_of,
    suffixed,
)
from clampdown.link.stories import UnionFind
from clampdown.resolve.kb import load_kb
from clampdown.store.batch import BatchState, EntityCache, chunks, insert_for
from clampdown.store.bulk import (
    allocate_ids,
    from_db_date,
    insert_rows,
    placeholder,
    select_near,
    to_db,
    update_changed,
    update_rows,
)
from clampdown.store.schema import (
    cases,
    dispute_aliases,
    dispute_cases,
    dispute_rules,
    disputes,
    entities,
    events,
)

_STEP_COLUMNS = (
    "case_id", "dispute_id", "part", "case_key", "type", "type_order", "status", "date", "lo",
    "hi", "day", "eur", "usd", "subject", "party", "cues", "refers", "targets", "inherited",
    "link",
)
DISPUTE_COLUMNS = (
    "id", "key", "base_key", "state", "platform_id", "platform_key", "first_date",
    "last_date", "first_day", "last_day", "n_steps", "outcome", "harshest",
    "harshest_status", "start_day", "days_to_compliance", "days_to_harshest", "fines_eur",
    "fines_usd", "n_fines", "n_unconverted", "matter", "tally",
)
MONTH = 31  # the widest date range of a step dated by its month, or not dated at all


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off for a while. The steps read here are thousands of
    small objects alive together for a moment, freed when it ends (they make no cycles);
    counted as survivors, they set off full collections that walk the whole process's
    heap (the ingest's, knowledge base and all): on a backfill of 1,000 documents into
    200,000 events, two of them took 0.4 s of a 1 s step."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def note_disputes(st: BatchState) -> dict[int, _Row]:
    """Before reconciling, which deletes cases left with no report: the rows of the cases
    the batch touched, while they still exist (what `link_batch_disputes` compares with)."""
    ids = sorted(c for c in st.touched_cases if c > 0)
    noted: dict[int, _Row] = {}
    with _collector_paused():
        for part in chunks(ids):
            for r in st.conn.execute(_select_rows().where(dispute_cases.c.case_id.in_(part))):
                noted[r.case_id] = _row(r)
    return noted


def link_batch_disputes(st: BatchState, noted: dict[int, _Row]) -> None:
    """Link the batch's new and changed cases into disputes (after reconciling); `noted`
    holds the rows they had before (`note_disputes`)."""
    rules = DisputeRules.from_env()
    linked = linked_under(st.conn)
    if linked is None:
        return  # a store never linked (a private replay store): nothing to keep up
    if linked != rules.fingerprint():
        relink_all(st.conn, rules, st.cache)
        return
    changed = sorted(c for c in st.touched_cases | st.fresh_cases if c > 0)
    if changed:
        with _collector_paused():
            update_disputes(st.conn, changed, noted, rules, st.cache, _known(st, noted))


def _known(st: BatchState, noted: dict[int, _Row]) -> dict[int, Known]:
    """The cases whose events need not be read again: those the batch opened, and those
    that had a step and only gained reports (or none: a story recounted); not those that
    lost one (an undated document's events stored again)."""
    out: dict[int, Known] = {}
    for case_id in st.touched_cases | st.fresh_cases:
        if case_id in st.shrunk:
            continue
        added = st.added.get(case_id, [])
        was = noted.get(case_id)
        if was is not None:
            out[case_id] = Known(added, was.step)
        elif case_id in st.fresh_cases:
            out[case_id] = Known(added, None)
    return out


# --- reading steps ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Known:
    """What a batch knows of a case's events without reading them: the key and evidence
    of each it stored, and for those the case had before, its stored step (their
    smallest key, and the cues and reference their evidence gave); None for a case the
    batch opened."""

    added: list[tuple[str, str]]
    before: Step | None


def load_steps(
    conn: Connection,
    case_ids: Sequence[int],
    cache: EntityCache,
    known: dict[int, Known] | None = None,
) -> dict[int, Step]:
    """The steps of cases `case_ids` from their reconciled fields and the evidence of all
    their reports; cases that are in no dispute (or no longer exist) are left out. The
    events of a case in `known` are not read: a step's key is the smallest of its events'
    and its cues those any of their evidence names, so its events before and those added
    give them apart."""
    known = known or {}
    out: dict[int, Step] = {}
    c = cases.c
    for part in chunks(list(case_ids)):
        rows = conn.execute(
            select(c.id, c.type, c.status, c.country, c.actor_id, c.target_id, c.date,
                   c.date_lo, c.date_hi, c.amount_eur, c.amount_usd).where(c.id.in_(part))
        ).all()
        texts: dict[int, list[str]] = {}
        keys: dict[int, str] = {}
        unread = [i for i in part if i not in known]
        for case_id, key, evidence in conn.execute(
            select(events.c.case_id, events.c.key, events.c.evidence).where(
                events.c.case_id.in_(unread)
            )
        ) if unread else ():
            texts.setdefault(case_id, []).append(evidence)
            if case_id not in keys or key < keys[case_id]:
                keys[case_id] = key
        for case_id in part:
            k = known.get(case_id)
            if k is not None:
                texts[case_id] = [text for _, text in k.added]
                found = [key for key, _ in k.added]
                if k.before is not None:
                    found.append(k.before.key)
                keys[case_id] = min(found)
        cache.keys_of(conn, [r.actor_id for r in rows] + [r.target_id for r in rows])
        for case_id, type_, status, country, actor, target, date_, lo, hi, eur, usd in rows:
            if case_id not in keys:
                continue
            step = step_of(
                case_id, keys[case_id], type_, status, country, cache.key(actor),
                cache.key(target), date_, None if lo is None else _day(lo),
                None if hi is None else _day(hi), eur=eur, usd=usd, texts=texts[case_id],
            )
            before = known[case_id].before if case_id in known else None
            if step is not None and before is not None and not (
                    before.cues <= step.cues and (step.refers or not before.refers)):
                step = replace(step, cues=step.cues | before.cues,
                               refers=step.refers or before.refers)
            if step is not None:
                out[case_id] = step
    return out


def _part(step: Step) -> str:
    return f"{step.state} {step.platform}"


class _Row:
    """A stored step: the step, its dispute, and its decision (read from its columns only
    when asked for: most rows read are only looked at)."""

    __slots__ = ("step", "dispute_id", "inherited", "targets_text", "link_text", "_decision")

    def __init__(self, step: Step, dispute_id: int, inherited: frozenset[str],
                 targets: str | None, link: str | None) -> None:
        self.step = step
        self.dispute_id = dispute_id
        self.inherited = inherited
        self.targets_text = targets  # as stored
        self.link_text = link
        self._decision: Decision | None = None

    @property
    def decision(self) -> Decision:
        if self._decision is None:
            link = json.loads(self.link_text) if self.link_text else {}
            self._decision = Decision(
                targets=tuple(_list(self.targets_text)), kind=link.get("kind", "first"),
                cues=tuple(link.get("cues", ())), days=link.get("days"),
                inherited=self.inherited,
            )
        return self._decision


def _select_rows() -> Any:
    return select(*(dispute_cases.c[n] for n in _STEP_COLUMNS))


def _list(text: str | None) -> list[str]:
    """A stored JSON list of names, read quickly when it holds none or one (most do)."""
    if not text or text == "[]":
        return []
    if text.count('"') == 2:
        return [text[2:-2]]
    found: list[str] = json.loads(text)
    return found


@lru_cache(maxsize=4096)
def _names(text: str | None) -> frozenset[str]:
    return frozenset(_list(text))


@lru_cache(maxsize=65536)
def _day(value: Any) -> date:
    day = from_db_date(value)
    assert day is not None  # NOT NULL columns
    return day


def _row(r: Any) -> _Row:
    """A row of `_STEP_COLUMNS` (read by position: a store's rows are read by the
    thousand)."""
    (case_id, dispute_id, part, case_key, type_, _, status, date_, lo, hi, day, eur, usd,
     subject, party, cues, refers, _targets, inherited, link) = r[:20]
    state, _, platform = part.partition(" ")
    step = Step(
        case=case_id, key=case_key, type=type_, status=status, state=state,
        platform=platform, subject=subject, party=party, date=date_, lo=_day(lo),
        hi=_day(hi), day=_day(day), eur=eur, usd=usd, cues=_names(cues), refers=bool(refers),
    )
    return _Row(step, dispute_id, _names(inherited), _targets, link)


def _rows(conn: Connection, part: str, *terms: Any) -> list[_Row]:
    q = _select_rows().where(dispute_cases.c.part == part, *terms)
    return [_row(r) for r in conn.execute(q)]


# --- deciding again -------------------------------------------------------------------------


@dataclass(slots=True)
class _Redecided:
    """What deciding a part's changes again found."""

    rows: dict[str, _Row]  # every stored step read, by case key
    new: dict[str, Step]  # steps to store (new, or changed), by case key
    decisions: dict[str, Decision]  # every decision that differs from the stored one
    removed: set[str]  # case keys whose step is gone


def _wide(s: Step) -> bool:
    """A step dated by its year alone: its dates span one."""
    return s.date is not None and len(s.date) == 4


def _context(
    conn: Connection, wanted: list[tuple[str, date, date]]
) -> dict[str, list[_Row]]:
    """For each (part, floor, ceiling), the stored steps of the part whose dates end on or
    after the floor and start on or before the ceiling (a part may ask for several such
    stretches; a step is read once): one statement per few hundred stretches, through the
    index on where dates end."""
    out: dict[str, list[_Row]] = {p: [] for p, _, _ in wanted}
    seen: set[int] = set()
    cols = ", ".join("dc." + c for c in _STEP_COLUMNS)
    for part in chunks(sorted(wanted), 300):
        for r in select_near(
            conn, f"SELECT {cols}, wanted.p FROM dispute_cases dc", list(part), "p, floor, ceil",
            "dc.part = wanted.p AND dc.hi >= wanted.floor AND dc.lo <= wanted.ceil",
        ):
            if r.case_id not in seen:
                seen.add(r.case_id)
                out[r.p].append(_row(r))
    return out


def _windows(
    new: list[Step], old: list[_Row], rules: DisputeRules, wide: bool
) -> list[tuple[date, date]]:
    """The stretches of a part's stored steps its changes need read, in order and apart:
    for each change, from the steps ending within reach before it to those starting
    within reach after it (see `_redecide`); changes far apart in time are read apart."""
    reach = timedelta(days=rules.reach)
    slack = timedelta(days=SPAN if wide else MONTH)
    out: list[tuple[date, date]] = []
    for floor, ceil in sorted((s.day - reach - slack, s.hi + reach + slack)
                              for s in [*new, *(r.step for r in old)]):
        if out and floor <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], ceil))
        else:
            out.append((floor, ceil))
    return out


def _redecide(
    conn: Connection, part: str, new: list[Step], old: list[_Row], rules: DisputeRules,
    wide: bool = False, found: list[_Row] | None = None,
) -> _Redecided:
    """Decide the changed steps of one part, and the stored steps after them that a
    change can reach, as far as decisions come out different from the stored ones.

    A decision reads of the steps before it their dates, cues and types and the families
    of matter they carry on (`Past`), of those whose dates end within reach before its
    start. So a stored step keeps its decision unless it starts within reach after a step
    that is new, gone, or carries on other families than it did; those are decided
    again, in order, and the reach grows with each step whose families change. The rows
    read are, for each change, those ending within reach before it (through the index on
    where dates end; a date given as a year alone spans one) up to those starting within
    reach after it, and more as the reach grows: changes years apart are read apart."""
    reach = timedelta(days=rules.reach)
    d = dispute_cases.c
    changed = [*new, *(r.step for r in old)]
    t0 = min(s.rank for s in changed)
    # A step starts at most a month before its day, or a year when dated by its year.
    slack = timedelta(days=SPAN if wide else MONTH)
    windows = _windows(new, old, rules, wide)
    if found is None:
        found = [r for floor, ceil in windows
                 for r in _rows(conn, part, d.hi >= floor, d.lo <= ceil)]
    if not wide and any(_wide(s) for s in [*new, *(r.step for r in found)]
                        if s.rank >= t0):
        return _redecide(conn, part, new, old, rules, wide=True)
    rows = {r.step.key: r for r in found}
    gone = {r.step.key for r in old}
    out = _Redecided(rows, {s.key: s for s in new}, {}, gone - {s.key for s in new})
    steps = sorted([r.step for k, r in rows.items() if k not in gone] + new, key=Step.order)
    left = sorted((r.step for r in old), key=Step.order)  # each reaches on from where it was
    past = Past()
    reached = date.min  # a stored step starting after this keeps its decision
    read_to = date.min  # the stored steps starting up to this are read
    w = j = i = 0
    while i < len(steps):
        s = steps[i]
        i += 1
        while w < len(windows) and windows[w][0] <= s.day:
            read_to = max(read_to, windows[w][1])
            w += 1
        while j < len(left) and left[j].rank < s.rank:
            reached = max(reached, left[j].hi + reach)
            j += 1
        stored = None if s.key in out.new else rows.get(s.key)
        if stored is not None and s.lo > reached:
            past.add(s, stored.inherited)
            continue
        decision = decide(s, past, rules)
        past.add(s, decision.inherited)
        if stored is None or stored.decision != decision:
            out.decisions[s.key] = decision
        if stored is not None and stored.inherited == decision.inherited:
            continue  # the steps after it see it as they did
        reached = max(reached, s.hi + reach)
        if reached + slack > read_to:  # read on as far as it reaches
            more = [r for r in _rows(conn, part, d.lo > read_to, d.lo <= reached + slack)
                    if r.step.key not in rows and r.step.key not in gone]
            read_to = reached + slack
            if not wide and any(_wide(r.step) for r in more):
                return _redecide(conn, part, new, old, rules, wide=True)
            for r in more:
                rows[r.step.key] = r
            steps[i:] = sorted([*steps[i:], *(r.step for r in more)], key=Step.order)
    return out


# --- joining and splitting disputes ---------------------------------------------------------


def update_disputes(
    conn: Connection,
    changed: Sequence[int],
    noted: dict[int, _Row],
    rules: DisputeRules,
    cache: EntityCache,
    known: dict[int, Known] | None = None,
) -> int:
    """Link cases `changed` (new, reconciled again, or deleted; `noted` holds the rows
    they had, `known` what the batch knows of their events) into disputes; returns the
    number of disputes written."""
    fresh = load_steps(conn, changed, cache, known)
    renamed = _rename(conn, [(was, step) for c in changed
                             if (was := noted.get(c)) is not None
                             and (step := fresh.get(c)) is not None
                             and was.step != step and replace(was.step, key=step.key) == step],
                      rules)
    by_part_new: dict[str, list[Step]] = {}
    by_part_old: dict[str, list[_Row]] = {}
    for case_id in changed:
        step, was = fresh.get(case_id), noted.get(case_id)
        if was is not None and step is not None and (was.step == step or case_id in renamed):
            continue  # a report more of an act changed nothing of its step but its key
        if step is not None:
            by_part_new.setdefault(_part(step), []).append(step)
        if was is not None:
            by_part_old.setdefault(_part(was.step), []).append(was)
    parts = sorted(set(by_part_new) | set(by_part_old))
    wanted = [(part, floor, ceil) for part in parts
              for floor, ceil in _windows(by_part_new.get(part, []), by_part_old.get(part, []),
                                          rules, False)]
    context = _context(conn, wanted)
    found = [
        _redecide(conn, part, by_part_new.get(part, []), by_part_old.get(part, []), rules,
                  found=context[part])
        for part in parts
    ]
    return _apply(conn, found, cache) if found else 0


def _rename(conn: Connection, pairs: list[tuple[_Row, Step]], rules: DisputeRules) -> set[int]:
    """Rename where they stand the stored steps whose case key alone changed (a report of
    the act came in with a smaller event key: the usual change a late report makes), and
    return their case ids. A step no other stored step of its part ranks between its old
    and new key keeps its place among them, so every decision stays as it was but for the
    key in the targets of the steps continuing it, and its dispute keeps its steps: its
    tally takes the new rank. Those are rewritten, and nothing is decided again; a step
    another ranks between (of one day and one order of the day) is left to `_redecide`."""
    spots: dict[tuple[str, date, int], list[tuple[_Row, Step]]] = {}
    for was, step in pairs:
        spots.setdefault((_part(step), step.day, DAY_ORDER.get(step.type, 99)), []).append(
            (was, step))
    lone = {int(p[0][1].case): p[0] for p in spots.values() if len(p) == 1}
    if not lone:
        return set()
    # Stored steps of the same part, day and order of the day, ranking between old and new.
    slack = timedelta(days=SPAN)
    wanted = [(_part(s), s.day, s.day - slack, DAY_ORDER.get(s.type, 99), c)
              for c, (_, s) in sorted(lone.items())]
    for part in chunks(wanted, 150):
        for r in select_near(
            conn, "SELECT dc.case_key, wanted.c FROM dispute_cases dc", list(part),
            "p, d, f, o, c",
            "dc.part = wanted.p AND dc.lo <= wanted.d AND dc.lo >= wanted.f "
            "AND dc.day = wanted.d AND dc.type_order = wanted.o AND dc.case_id <> wanted.c",
        ):
            if r.c in lone:
                k1, k2 = lone[r.c][0].step.key, lone[r.c][1].key
                if min(k1, k2) < r.case_key < max(k1, k2):
                    del lone[r.c]
    if not lone:
        return set()
    new_key = {was.step.key: step.key for was, step in lone.values()}
    ph = placeholder(conn)
    conn.exec_driver_sql(
        f"UPDATE dispute_cases SET case_key = {ph} WHERE case_id = {ph}",
        [(step.key, c) for c, (_, step) in sorted(lone.items())],
    )
    # The steps continuing a renamed one end on or after its day and start within reach
    # of its dates; the database keeps those whose targets name its old key.
    reach = timedelta(days=rules.reach)
    wanted2 = [(_part(s), s.day - slack, s.day, s.hi + reach, f'%"{_like(was.step.key)}"%')
               for was, s in lone.values()]
    targets: dict[int, str] = {}
    for part in chunks(sorted(wanted2), 150):
        for r in select_near(
            conn, "SELECT dc.case_id, dc.targets FROM dispute_cases dc", list(part),
            "p, f, d, t, k", "dc.part = wanted.p AND dc.lo >= wanted.f AND dc.lo <= wanted.t "
            "AND dc.hi >= wanted.d AND dc.targets LIKE wanted.k ESCAPE '\\'",
        ):
            targets[r.case_id] = r.targets
    updates = []
    for case_id, text in sorted(targets.items()):
        was_targets = _list(text)
        now = sorted(new_key.get(t, t) for t in was_targets)
        if now != was_targets:
            updates.append((json.dumps(now), case_id))
    if updates:
        conn.exec_driver_sql(
            f"UPDATE dispute_cases SET targets = {ph} WHERE case_id = {ph}", updates)
    # Their disputes: each tally takes the new ranks (its summary stays as it was); a
    # dispute whose first step was renamed is numbered again among those begun that day.
    by_dispute: dict[int, list[tuple[Step, Step]]] = {}
    for was, step in lone.values():
        by_dispute.setdefault(was.dispute_id, []).append((was.step, step))
    tallies, bases = [], set()
    for part in chunks(sorted(by_dispute)):
        for i, base, text in conn.execute(
            select(disputes.c.id, disputes.c.base_key, disputes.c.tally)
            .where(disputes.c.id.in_(part))
        ):
            tally = Tally.from_json(text)
            first = tally.first
            for a, b in by_dispute[i]:
                tally.rename(a.rank, b.rank)
            if tally.first != first:
                bases.add(base)
            renamed = tally.to_json()
            if renamed != text:  # the step is one its tally keeps (its first, last, ...)
                tallies.append((renamed, i))
    update_rows(conn, disputes, ["tally"], tallies)
    if bases:
        _alias(conn, {key: i for i, key in _number(conn, bases).items()})
    return set(lone)


def _like(text: str) -> str:
    """`text` as a LIKE pattern matching itself alone."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(slots=True)
class _Group:
    """A dispute as the batch leaves it: steps read one by one, and disputes taken whole."""

    members: set[str]  # case keys, and "#<dispute id>" for disputes taken whole
    tally: Tally
    old_ids: Counter[int]  # disputes its members were in, with how many of them
    steps: list[Step]  # the steps read one by one
    part: str
    dispute_id: int = 0


def _apply(conn: Connection, found: list[_Redecided], cache: EntityCache) -> int:
    """Join and split disputes as the new decisions say, and write what changed."""
    rows: dict[str, _Row] = {}
    new: dict[str, Step] = {}
    decisions: dict[str, Decision] = {}
    removed: set[str] = set()
    for f in found:
        rows.update(f.rows)
        new.update(f.new)
        decisions.update(f.decisions)
        removed |= f.removed
    removed -= set(new)  # a step that moved to another part is gone from one, new in the other
    # A dispute that lost a step or a link, or whose step changed, is read whole (it may
    # split, and its tally cannot take a step out).
    lost = {rows[k].dispute_id for k in removed | set(new) if k in rows}
    for k, d in decisions.items():
        was = rows.get(k)
        if was is None:
            continue
        for t in set(was.decision.targets) - set(d.targets):
            # A link given up for a new step that continues the old target keeps the
            # dispute whole (a step came to light between the two): no need to read it.
            if not any(n in new and t in decisions[n].targets for n in d.targets):
                lost.add(was.dispute_id)
                break
    for r in _load_disputes(conn, lost):
        rows.setdefault(r.step.key, r)
    alone = {k for k, r in rows.items() if r.dispute_id in lost} | set(new) | set(decisions)
    alone -= removed
    step_of_key = {k: new[k] if k in new else rows[k].step for k in alone}

    def node(key: str) -> str:
        return key if key in alone else f"#{rows[key].dispute_id}"

    sets: UnionFind[str] = UnionFind()
    for k in alone:
        sets.add(k)
        d = decisions.get(k) or rows[k].decision
        for t in d.targets:
            if t not in removed and (t in alone or t in rows):
                sets.union(node(t), k)
        was = rows.get(k)
        if was is not None and k not in new and was.dispute_id not in lost:
            sets.union(f"#{was.dispute_id}", k)  # still linked to from its dispute
    whole = {int(x[1:]) for x in sets.parent if x.startswith("#")}
    info = _disputes_info(conn, whole | lost)
    groups: dict[str, _Group] = {}
    for x in list(sets.parent):
        root = sets.find(x)
        g = groups.get(root)
        if x.startswith("#"):
            i = int(x[1:])
            part, tally = info[i][1], Tally.from_json(info[i][2])
        else:
            s = step_of_key[x]
            part, tally = _part(s), Tally()
            in_whole = x in rows and x not in new and rows[x].dispute_id not in lost
            if not in_whole:  # a step of a dispute taken whole is in its tally already
                tally.add(s)
        if g is None:
            g = groups[root] = _Group(set(), Tally(), Counter(), [], part)
        g.members.add(x)
        g.tally.merge(tally)
        if x.startswith("#"):
            g.old_ids[int(x[1:])] += 1
        else:
            g.steps.append(step_of_key[x])
            if x in rows and x not in new:
                g.old_ids[rows[x].dispute_id] += 1
    # The group holding a dispute's first step keeps its number; the others are new.
    ordered = sorted(groups.values(), key=lambda g: g.tally.first[0] if g.tally.first
                     else (0, 0, ""))
    taken: set[int] = set()
    for g in ordered:
        for i in sorted(g.old_ids):
            first = info[i][3] if i in info else None
            if i not in taken and (f"#{i}" in g.members or first in g.members):
                g.dispute_id = i
                taken.add(i)
                break
    fresh = [g for g in ordered if not g.dispute_id]
    for g, i in zip(fresh, allocate_ids(conn, disputes, len(fresh)), strict=True):
        g.dispute_id = i
    # A dispute that is no more points at the group that holds most of it now.
    involved = whole | lost | {i for g in ordered for i in g.old_ids}
    gone = involved - taken
    holder: dict[int, _Group] = {}
    for g in ordered:
        for i, n in g.old_ids.items():
            if i in gone and (i not in holder or n > holder[i].old_ids[i]):
                holder[i] = g
    platform_ids = _entity_ids(conn, {g.part.split(" ", 1)[1] for g in ordered}, cache)
    summaries = [_dispute_row(g.dispute_id, f"~{g.dispute_id}", g.tally, g.part, platform_ids)
                 for g in ordered]
    inserted = _write(conn, ordered, summaries, rows, new, decisions, removed, gone)
    keys_before = {i: info[i][0] for i in involved if i in info}
    renamed = _name(conn, summaries, inserted, {i: v[4] for i, v in info.items()})
    went = {keys_before[i]: holder[i].dispute_id for i in gone if i in keys_before
            and i in holder}
    went.update({keys_before[i]: i for i in renamed if i in keys_before})
    _alias(conn, went)
    return len(ordered)


def _load_disputes(conn: Connection, ids: Iterable[int]) -> list[_Row]:
    out = []
    for part in chunks(sorted(ids)):
        out += [_row(r) for r in conn.execute(
            _select_rows().where(dispute_cases.c.dispute_id.in_(part)))]
    return out


def _disputes_info(
    conn: Connection, ids: set[int]
) -> dict[int, tuple[str, str, str, str, tuple[Any, ...]]]:
    """Key, part, tally and first step's case key of disputes `ids`, and the stored values
    of the columns `_name` writes (`DISPUTE_COLUMNS` after id and key)."""
    out: dict[int, tuple[str, str, str, str, tuple[Any, ...]]] = {}
    for part in chunks(sorted(ids)):
        for r in conn.execute(
            select(*(disputes.c[n] for n in DISPUTE_COLUMNS)).where(disputes.c.id.in_(part))
        ):
            i, key, tally = r.id, r.key, r.tally
            first = json.loads(tally)["first"]  # [rank, date, day], rank [day, order, key]
            out[i] = (key, f"{r.state} {r.platform_key}", tally,
                      str(first[0][2]) if first else "", tuple(r)[2:])
    return out


def _write(
    conn: Connection,
    groups: list[_Group],
    summaries: list[tuple[Any, ...]],
    rows: dict[str, _Row],
    new: dict[str, Step],
    decisions: dict[str, Decision],
    removed: set[str],
    gone: set[int],
) -> set[int]:
    """Write the disputes of `groups` (new ones inserted with their `summaries`, keyed
    afterwards by `_name`), their steps read one by one (new, redecided or moved), and
    the disputes taken whole into another; delete the steps and disputes that are no
    more. Returns the disputes inserted."""
    known: set[int] = set()
    for part in chunks(sorted({g.dispute_id for g in groups})):
        known.update(conn.scalars(select(disputes.c.id).where(disputes.c.id.in_(part))))
    inserts = [r for r in summaries if r[0] not in known]
    insert_rows(conn, disputes, DISPUTE_COLUMNS, inserts)
    step_inserts, step_updates, link_updates = [], [], []
    link_before: dict[int, tuple[Any, ...]] = {}
    stale: list[int] = []  # rows of steps now stored under another case key or part
    for g in groups:
        for s in g.steps:
            was = rows.get(s.key)
            d = decisions.get(s.key) or (was.decision if was else None)
            assert d is not None
            if was is not None and s.key not in new and s.key not in decisions \
                    and was.dispute_id == g.dispute_id:
                continue
            row = _step_row(s, g.dispute_id, d)
            if was is not None and s.key not in removed and _part(was.step) == _part(s):
                if s.key in new:
                    step_updates.append(row)
                else:  # the same step, decided again or in another dispute
                    link_updates.append((row[1], *row[-3:], row[0]))
                    link_before[row[0]] = (was.dispute_id, was.targets_text,
                                           json.dumps(sorted(was.inherited)), was.link_text)
            else:
                if was is not None:
                    stale.append(int(was.step.case))
                step_inserts.append(row)
    gone_rows = sorted({int(rows[k].step.case) for k in removed if k in rows} | set(stale))
    for part in chunks(gone_rows):
        conn.execute(delete(dispute_cases).where(dispute_cases.c.case_id.in_(part)))
    ph = placeholder(conn)
    if step_updates:
        sets = ", ".join(f"{c} = {ph}" for c in _STEP_COLUMNS[1:])
        conn.exec_driver_sql(
            f"UPDATE dispute_cases SET {sets} WHERE case_id = {ph}",
            [tuple(to_db(conn, v) for v in (*row[1:], row[0])) for row in step_updates],
        )
    # Its link columns alone, and of those only what changed: the indexes on its dates,
    # and on its dispute where that stays, are left as they are.
    update_changed(conn, dispute_cases, ["dispute_id", "targets", "inherited", "link"],
                   link_updates, link_before, key="case_id")
    insert_rows(conn, dispute_cases, _STEP_COLUMNS, step_inserts)
    taken_whole = [(g.dispute_id, int(x[1:])) for g in groups for x in sorted(g.members)
                   if x.startswith("#") and int(x[1:]) != g.dispute_id]
    if taken_whole:
        conn.exec_driver_sql(
            f"UPDATE dispute_cases SET dispute_id = {ph} WHERE dispute_id = {ph}", taken_whole)
    for part in chunks(sorted(gone)):
        conn.execute(delete(dispute_cases).where(dispute_cases.c.dispute_id.in_(part)))
        conn.execute(delete(disputes).where(disputes.c.id.in_(part)))
    return {r[0] for r in inserts}


def _dispute_row(
    dispute_id: int, key: str, tally: Tally, part: str, platform_ids: dict[str, int]
) -> tuple[Any, ...]:
    s = tally.summary()
    state, _, platform = part.partition(" ")
    return (
        dispute_id, key, base_key(state, platform, s.first_date, s.first_day), state,
        platform_ids.get(platform), platform, s.first_date, s.last_date, s.first_day,
        s.last_day, s.n_steps, s.outcome, s.harshest, s.harshest_status, s.start_day,
        s.days_to_compliance, s.days_to_harshest, s.fines_eur, s.fines_usd, s.n_fines,
        s.n_unconverted, json.dumps(list(s.matter)), tally.to_json(),
    )


def _step_row(step: Step, dispute_id: int, d: Decision) -> tuple[Any, ...]:
    return (
        step.case, dispute_id, _part(step), step.key, step.type, DAY_ORDER.get(step.type, 99),
        step.status, step.date, step.lo, step.hi, step.day, step.eur, step.usd, step.subject,
        step.party, json.dumps(sorted(step.cues)), step.refers, json.dumps(list(d.targets)),
        json.dumps(sorted(d.inherited)), json.dumps(d.link()),
    )


def _name(
    conn: Connection,
    summaries: list[tuple[Any, ...]],
    inserted: set[int],
    before: dict[int, tuple[Any, ...]],
) -> set[int]:
    """Write the summaries (`_dispute_row`s) of disputes kept, as far as they differ from
    the stored ones (`before`; those `inserted` were written whole), and give every
    dispute its key (`_number`). Returns the disputes whose key changed (those new here
    not counted)."""
    update_changed(conn, disputes, DISPUTE_COLUMNS[2:],
                   [(*r[2:], r[0]) for r in summaries if r[0] not in inserted], before)
    return set(_number(conn, {r[2] for r in summaries}))


def _number(conn: Connection, bases: set[str]) -> dict[int, str]:
    """Give each dispute of base keys `bases` (state, platform, first date) its key: the
    base key, told apart by a suffix from other disputes of the part begun on that date,
    numbered by their first steps. Returns the disputes whose key changed, with the key
    they had (those new here, keyed "~<id>", not counted)."""
    wanted: dict[int, str] = {}
    current: dict[int, str] = {}
    for part in chunks(sorted(bases)):
        by_base: dict[str, list[tuple[int, str, str]]] = {}
        for i, key, base, tally in conn.execute(
            select(disputes.c.id, disputes.c.key, disputes.c.base_key, disputes.c.tally)
            .where(disputes.c.base_key.in_(part))
        ):
            current[i] = key
            by_base.setdefault(base, []).append((i, key, tally))
        for base, items in by_base.items():
            if len(items) == 1:  # the usual case: a base key of one dispute is its key
                wanted[items[0][0]] = base
                continue
            ranked = sorted((Tally.from_json(tally).first or ((0, 0, ""),), i)
                            for i, _, tally in items)
            for n, (_, i) in enumerate(ranked, start=1):
                wanted[i] = suffixed(base, n)
    change = {i: k for i, k in wanted.items() if current.get(i) != k}
    if change:  # through keys no dispute has, so two may swap (a new one has one)
        update_rows(conn, disputes, ["key"],
                    [(f"~{i}", i) for i in sorted(change) if current.get(i) != f"~{i}"])
        update_rows(conn, disputes, ["key"], [(k, i) for i, k in sorted(change.items())])
    return {i: current[i] for i in change if not current[i].startswith("~")}


def _alias(conn: Connection, went: dict[str, int]) -> None:
    """Keys that went away (a dispute renamed, or taken into another), each to the dispute
    that holds its cases now: a bookmark or a watchlist following it goes on."""
    if not went:
        return
    now: dict[int, str] = {}
    for part in chunks(sorted(set(went.values()))):
        for i, key in conn.execute(select(disputes.c.id, disputes.c.key)
                                   .where(disputes.c.id.in_(part))):
            now[i] = key
    moved = {old: now[i] for old, i in went.items() if i in now and now[i] != old}
    _write_aliases(conn, set(now.values()), moved)


def _write_aliases(conn: Connection, in_use: Iterable[str], moved: dict[str, str]) -> None:
    """Each key of `moved` becomes an alias of the key it went to, and aliases pointing at
    it follow; a key in use (`in_use`) is no alias."""
    a = dispute_aliases.c
    for part in chunks(sorted(in_use)):
        conn.execute(delete(dispute_aliases).where(a.alias.in_(part)))
    if moved:  # one after another, in order, as a chain of moves needs
        ph = placeholder(conn)
        conn.exec_driver_sql(
            f"UPDATE dispute_aliases SET dispute_key = {ph} WHERE dispute_key = {ph}",
            [(target, old) for old, target in sorted(moved.items())])
    for part in chunks(sorted(moved)):
        conn.execute(delete(dispute_aliases).where(a.alias.in_(part)))
    if moved:
        conn.execute(insert(dispute_aliases),
                     [{"alias": k, "dispute_key": v} for k, v in sorted(moved.items())])


# --- linking from scratch -------------------------------------------------------------------


def relink_all(conn: Connection, rules: DisputeRules, cache: EntityCache | None = None) -> int:
    """Link every case of the store into disputes from scratch, and record the rules.
    Keys that went away stay as aliases of the dispute holding their first case."""
    cache = cache or EntityCache()
    before: dict[str, str] = {}  # first case key of each dispute -> its key
    for key, tally in conn.execute(select(disputes.c.key, disputes.c.tally)):
        first = Tally.from_json(tally).first if tally else None
        if first:
            before[first[0][2]] = key
    ids = list(conn.scalars(select(cases.c.id).order_by(cases.c.id)))
    steps: dict[int, Step] = {}
    for part in chunks(ids, 5000):
        steps.update(load_steps(conn, part, cache))
    made = link_disputes(steps.values(), rules)
    conn.execute(delete(dispute_cases))
    conn.execute(delete(disputes))
    platform_ids = _entity_ids(conn, {d.platform for d in made}, cache)
    new_ids = allocate_ids(conn, disputes, len(made))
    dispute_rows, step_rows = [], []
    key_of_case: dict[str, str] = {}
    for i, d in zip(new_ids, made, strict=True):
        tally = Tally()
        for s in d.steps:
            tally.add(s)
            key_of_case[s.key] = d.key
        row = list(_dispute_row(i, d.key, tally, f"{d.state} {d.platform}", platform_ids))
        dispute_rows.append(tuple(row))
        step_rows += [_step_row(s, i, dec) for s, dec in zip(d.steps, d.decisions, strict=True)]
    insert_rows(conn, disputes, DISPUTE_COLUMNS, dispute_rows)
    insert_rows(conn, dispute_cases, _STEP_COLUMNS, step_rows)
    keys = {d.key for d in made}
    moved = {old: key_of_case[first] for first, old in before.items()
             if first in key_of_case and old not in keys and key_of_case[first] != old}
    _write_aliases(conn, keys, moved)
    conn.execute(delete(dispute_rules))
    conn.execute(insert(dispute_rules).values(
        id=1, rules=rules.fingerprint(), linked_at=datetime.now(UTC).replace(tzinfo=None)
    ))
    return len(made)


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
