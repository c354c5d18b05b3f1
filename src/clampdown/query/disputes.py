"""Disputes: the filtered list, and one dispute told step by step with its evidence.

A dispute is the cases of one state against one platform group over one matter
(`clampdown.link.disputes`). Its stage is told here, when reading: `ended` once it has been
quiet for `dispute_dormant_days` before the newest step of the whole record, else its
outcome (open, escalated, complied, refused). One parser turns query parameters, command
line options and saved watchlists into a `DisputeFilter`, so the API, the dashboard, the
command line and exports read the same disputes for the same words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, false, func, literal, or_, select
from sqlalchemy.engine import Connection

from clampdown.link.disputes import (
    DisputeRules,
    cue_label,
    matters,
    owner_name,
    platform_group,
)
from clampdown.link.money import date_bounds
from clampdown.model import EVENT_TYPES
from clampdown.query.cases import Page, capped_count
from clampdown.query.common import actor_e, amounts, entity_ids, entity_ref, iso, number, target_e
from clampdown.query.filters import (
    DEFAULT_BOUNDS,
    Bounds,
    CaseFilter,
    FilterError,
    _date,
    _int,
    _text,
    _values,
    query_pairs,
    set_fields,
)
from clampdown.query.names import STAGE_NAMES
from clampdown.query.paging import PageRequest, decode_cursor, next_cursor, parse_sort
from clampdown.resolve.kb import load_kb
from clampdown.store.schema import (
    cases,
    dispute_aliases,
    dispute_cases,
    disputes,
    documents,
    entities,
    events,
)

DISPUTE_SORT_COLUMNS = {
    "last": disputes.c.last_day,
    "first": disputes.c.first_day,
    "steps": disputes.c.n_steps,
    "fines": disputes.c.fines_eur,
    "compliance": disputes.c.days_to_compliance,
    "id": disputes.c.id,
}
DEFAULT_DISPUTE_SORT = "-last"
DEFAULT_MIN_STEPS = 2  # one case alone is an act, not yet a dispute
DISPUTE_FILTER_FIELDS = (
    "country", "platform", "authority", "stage", "type", "matter", "since", "until",
    "min_steps",
)
platform_e = entities.alias("platform_e")


@dataclass(frozen=True, slots=True)
class DisputeFilter:
    """Which disputes a reader wants. Empty fields do not filter; `min_steps` defaults to
    two (a lone case is an act, not yet a dispute).

    `platform` and `authority` are names, aliases, knowledge-base keys or ids: a platform
    finds its group's disputes (Instagram finds Meta's), an authority the disputes where it
    took a step. `since`/`until` keep disputes active over part of that time.
    """

    country: tuple[str, ...] = ()
    platform: str | None = None
    authority: str | None = None
    stage: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    matter: str | None = None
    since: str | None = None
    until: str | None = None
    min_steps: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return set_fields(self)

    def to_query(self) -> list[tuple[str, str]]:
        return query_pairs(self.to_dict())


def parse_dispute_filter(raw: Mapping[str, Any], settings: Bounds | None = None) -> DisputeFilter:
    """A `DisputeFilter` from strings; FilterError names the first bad field."""
    s = settings or DEFAULT_BOUNDS
    countries = tuple(dict.fromkeys(v.upper() for v in _values(raw.get("country"), "country",
                                                                s)))
    for c in countries:
        if len(c) != 2 or not c.isascii() or not c.isalpha():
            raise FilterError("country", f"{c!r} is not a two-letter country code (RU, BR, EU)")
    stages = tuple(dict.fromkeys(v.lower() for v in _values(raw.get("stage"), "stage", s)))
    for st in stages:
        if st not in STAGE_NAMES:
            raise FilterError("stage", f"{st!r} is not a stage; use one of "
                              + ", ".join(STAGE_NAMES))
    types = tuple(dict.fromkeys(v.upper() for v in _values(raw.get("type"), "type", s)))
    for t in types:
        if t not in EVENT_TYPES:
            raise FilterError("type", f"{t!r} is not an event type; use one of "
                              + ", ".join(EVENT_TYPES))
    since = _date(raw.get("since"), "since", s)
    until = _date(raw.get("until"), "until", s)
    if since and until and date_bounds(since)[0] > date_bounds(until)[1]:
        raise FilterError("until", f"{until} is before since={since}; swap them")
    return DisputeFilter(
        country=countries,
        platform=_text(raw.get("platform"), "platform", s),
        authority=_text(raw.get("authority"), "authority", s),
        stage=stages,
        type=types,
        matter=_text(raw.get("matter"), "matter", s),
        since=since,
        until=until,
        min_steps=_int(raw.get("min_steps"), "min_steps", 1, 100_000),
    )


# --- the stage, told against the newest step of the record ---------------------------------


def newest_day(conn: Connection) -> date | None:
    day = conn.scalar(select(func.max(disputes.c.last_day)))
    if isinstance(day, str):  # SQLite through an aggregate: ISO text
        return date.fromisoformat(day[:10])
    return day if isinstance(day, date) else None


def _cut(conn: Connection, rules: DisputeRules) -> date | None:
    """Disputes whose last step is before this day have ended."""
    newest = newest_day(conn)
    return newest - timedelta(days=rules.dispute_dormant_days) if newest else None


def _stage_expr(cut: date | None) -> Any:
    if cut is None:
        return disputes.c.outcome
    return case((disputes.c.last_day < cut, literal("ended")), else_=disputes.c.outcome)


def dispute_conditions(
    conn: Connection, f: DisputeFilter, cut: date | None
) -> list[ColumnElement[bool]]:
    """WHERE terms for `f` on the disputes table."""
    terms: list[ColumnElement[bool]] = [
        disputes.c.n_steps >= (f.min_steps if f.min_steps is not None else DEFAULT_MIN_STEPS)
    ]
    if f.country:
        terms.append(disputes.c.state.in_(f.country))
    if f.platform:
        ids = entity_ids(conn, f.platform)
        if not ids:
            return [false()]
        named = conn.scalars(select(entities.c.key).where(entities.c.id.in_(ids[:50])))
        keys = sorted({g for k in named if (g := platform_group(k)) is not None})
        in_steps = (
            select(dispute_cases.c.dispute_id)
            .join(cases, cases.c.id == dispute_cases.c.case_id)
            .where(or_(cases.c.actor_id.in_(ids), cases.c.target_id.in_(ids)))
        )
        terms.append(or_(disputes.c.platform_id.in_(ids), disputes.c.platform_key.in_(keys),
                         disputes.c.id.in_(in_steps)))
    if f.authority:
        ids = entity_ids(conn, f.authority)
        if not ids:
            return [false()]
        acted = (
            select(dispute_cases.c.dispute_id)
            .join(cases, cases.c.id == dispute_cases.c.case_id)
            .where(or_(cases.c.actor_id.in_(ids), cases.c.target_id.in_(ids)))
        )
        terms.append(disputes.c.id.in_(acted))
    if f.type:
        terms.append(disputes.c.id.in_(
            select(dispute_cases.c.dispute_id).where(dispute_cases.c.type.in_(f.type))
        ))
    if f.matter:
        needle = f.matter.strip().lower()
        known = [k for k, label in matters().items() if needle in (k, label.lower())]
        wanted = known or [needle]
        terms.append(or_(*(disputes.c.matter.contains(json.dumps(m), autoescape=True)
                           for m in wanted)))
    if f.since:
        terms.append(disputes.c.last_day >= date_bounds(f.since)[0])
    if f.until:
        terms.append(disputes.c.first_day <= date_bounds(f.until)[1])
    if f.stage:
        ended = disputes.c.last_day < cut if cut is not None else false()
        live = disputes.c.last_day >= cut if cut is not None else literal(True)
        parts: list[ColumnElement[bool]] = []
        for st in f.stage:
            parts.append(ended if st == "ended" else (disputes.c.outcome == st) & live)
        terms.append(or_(*parts))
    return terms


# --- rows ----------------------------------------------------------------------------------


def _country_name(code: str) -> str:
    ent = load_kb().country(code)
    if ent is not None:
        return ent.name
    return "the European Union" if code == "EU" else code


def _select(cut: date | None) -> Any:
    return select(
        disputes, _stage_expr(cut).label("stage"), platform_e.c.name.label("platform_name"),
    ).select_from(disputes.outerjoin(platform_e, platform_e.c.id == disputes.c.platform_id))


def dispute_row(r: Any) -> dict[str, Any]:
    """The JSON shape of a dispute in lists, pages, feeds and exports."""
    platform_name = owner_name(r.platform_key) or r.platform_name or r.platform_key
    state_name = _country_name(r.state)
    first, last = _day(r.first_day), _day(r.last_day)
    matter = json.loads(r.matter or "[]")
    return {
        "id": r.key,
        "title": f"{state_name} v. {platform_name}",
        "state": r.state,
        "state_name": state_name,
        "platform": {"id": r.platform_id, "name": platform_name, "key": r.platform_key},
        "first_date": r.first_date or iso(first),
        "last_date": r.last_date or iso(last),
        "first_day": iso(first),
        "last_day": iso(last),
        "duration_days": (last - first).days if first and last else None,
        "n_steps": r.n_steps,
        "stage": r.stage,
        "outcome": r.outcome,
        "harshest": r.harshest,
        "harshest_status": r.harshest_status,
        "start_day": iso(_day(r.start_day)),
        "days_to_compliance": r.days_to_compliance,
        "days_to_harshest": r.days_to_harshest,
        "fines_eur": number(r.fines_eur) or 0,
        "fines_usd": number(r.fines_usd) or 0,
        "n_fines": r.n_fines,
        "n_unconverted": r.n_unconverted,
        "matter": [{"id": m, "label": cue_label(m)} for m in matter],
    }


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def list_disputes(
    conn: Connection, f: DisputeFilter, page: PageRequest, *, rules: DisputeRules | None = None
) -> Page:
    """One page of disputes matching `f`; raises FilterError for a bad sort or cursor."""
    rules = rules or DisputeRules.from_env()
    order = parse_sort(page.sort, DISPUTE_SORT_COLUMNS, disputes.c.id, DEFAULT_DISPUTE_SORT)
    cut = _cut(conn, rules)
    terms = dispute_conditions(conn, f, cut)
    q = _select(cut).where(*terms)
    if page.cursor:
        q = q.where(order.after(decode_cursor(page.cursor, order)))
    rows = conn.execute(q.order_by(*order.order_by()).limit(page.limit + 1)).all()
    items = [dispute_row(r) for r in rows[:page.limit]]
    total, exact = capped_count(conn, disputes, terms, page.count_cap)
    return Page(items, next_cursor(order, rows, page.limit), total, order.token, page.limit,
                exact)


def _latest_first(
    conn: Connection, f: DisputeFilter, rules: DisputeRules | None, base: Any = None
) -> Any:
    """The query of the disputes matching `f`, latest activity first (the order exports
    list them in): with every column of a dispute's row, or only those `base` selects."""
    rules = rules or DisputeRules.from_env()
    cut = _cut(conn, rules)
    order = parse_sort(DEFAULT_DISPUTE_SORT, DISPUTE_SORT_COLUMNS, disputes.c.id,
                       DEFAULT_DISPUTE_SORT)
    q = _select(cut) if base is None else base
    return q.where(*dispute_conditions(conn, f, cut)).order_by(*order.order_by())



def iter_disputes(
    conn: Connection, f: DisputeFilter, max_rows: int, rules: DisputeRules | None = None
) -> Any:
    """Every dispute matching `f`, latest activity first, at most `max_rows` (exports)."""
    for r in conn.execute(_latest_first(conn, f, rules).limit(max_rows)):
        yield dispute_row(r)


def iter_dispute_steps(
    conn: Connection, f: DisputeFilter, max_rows: int, rules: DisputeRules | None = None
) -> Any:
    """Every step of every dispute matching `f`, dispute by dispute (exports)."""
    q = _latest_first(conn, f, rules, select(disputes.c.id, disputes.c.key))
    sent = 0
    for dispute_id, key in conn.execute(q).all():
        for step in _steps(conn, dispute_id):
            if sent >= max_rows:
                return
            sent += 1
            yield {"dispute_id": key, **step}


# --- one dispute ----------------------------------------------------------------------------


def resolve_key(conn: Connection, key: str) -> str | None:
    """The key a dispute goes by now: `key` itself, or the dispute an old key points at."""
    if conn.scalar(select(disputes.c.id).where(disputes.c.key == key)) is not None:
        return key
    moved: str | None = conn.scalar(
        select(dispute_aliases.c.dispute_key).where(dispute_aliases.c.alias == key)
    )
    return moved


def get_dispute(
    conn: Connection, key: str, rules: DisputeRules | None = None
) -> dict[str, Any] | None:
    """A dispute with every step (its case, evidence and source), or None."""
    rules = rules or DisputeRules.from_env()
    cut = _cut(conn, rules)
    r = conn.execute(_select(cut).where(disputes.c.key == key)).first()
    if r is None:
        return None
    out = dispute_row(r)
    out["dormant_days"] = rules.dispute_dormant_days
    out["as_of"] = iso(newest_day(conn))
    out["steps"] = _steps(conn, r.id)
    out["related"] = _related(conn, r)
    return out


def _steps(conn: Connection, dispute_id: int) -> list[dict[str, Any]]:
    dc = dispute_cases.c
    q = (
        select(
            dc.case_id, dc.case_key, dc.targets, dc.day, dc.cues, dc.link, dc.subject,
            cases.c.type,
            cases.c.status, cases.c.date, cases.c.country, cases.c.actor_id,
            cases.c.target_id, actor_e.c.name.label("actor_name"),
            target_e.c.name.label("target_name"), cases.c.amount, cases.c.currency,
            cases.c.amount_low, cases.c.amount_high, cases.c.amount_eur, cases.c.amount_usd,
            cases.c.n_sources, cases.c.n_documents, cases.c.origin_doc_id,
        )
        .select_from(
            dispute_cases.join(cases, cases.c.id == dc.case_id)
            .outerjoin(actor_e, actor_e.c.id == cases.c.actor_id)
            .outerjoin(target_e, target_e.c.id == cases.c.target_id)
        )
        .where(dc.dispute_id == dispute_id)
        .order_by(dc.day, dc.type_order, dc.case_key)
    )
    rows = conn.execute(q).all()
    evidence = _evidence(conn, {r.case_id: r.origin_doc_id for r in rows})
    seq_of = {r.case_key: seq for seq, r in enumerate(rows, start=1)}
    out = []
    for seq, r in enumerate(rows, start=1):
        link = json.loads(r.link or "{}")
        link["cues"] = [{"id": c, "label": cue_label(c)} for c in link.get("cues", [])]
        # The steps it continues, by their numbers in this dispute.
        link["continues"] = sorted(seq_of[k] for k in json.loads(r.targets or "[]")
                                   if k in seq_of)
        ev = evidence.get(r.case_id, {})
        out.append({
            "seq": seq,
            "case_id": r.case_id,
            "day": iso(_day(r.day)),
            "date": r.date,
            "type": r.type,
            "status": r.status,
            "country": r.country,
            "actor": entity_ref(r.actor_id, r.actor_name),
            "target": entity_ref(r.target_id, r.target_name),
            **amounts(r),
            "n_sources": r.n_sources,
            "n_documents": r.n_documents,
            "cues": [{"id": c, "label": cue_label(c)} for c in json.loads(r.cues or "[]")],
            "link": link,
            "evidence": ev.get("evidence"),
            "event_id": ev.get("event_id"),
            "document": ev.get("document"),
        })
    return out


def _evidence(conn: Connection, origins: dict[int, int | None]) -> dict[int, dict[str, Any]]:
    """Per case, the evidence of its report in its origin document (else its first), with
    that document: what a step shows and links to."""
    if not origins:
        return {}
    q = (
        select(events.c.id, events.c.case_id, events.c.doc_id, events.c.seq,
               events.c.evidence, documents.c.ext_id, documents.c.title, documents.c.url,
               documents.c.outlet, documents.c.published, documents.c.published_inferred)
        .select_from(events.join(documents, documents.c.id == events.c.doc_id))
        .where(events.c.case_id.in_(sorted(origins)))
    )
    best: dict[int, tuple[tuple[int, int], dict[str, Any]]] = {}
    for e in conn.execute(q):
        rank = (0, e.seq) if e.doc_id == origins.get(e.case_id) else (1, e.id)
        if e.case_id in best and best[e.case_id][0] <= rank:
            continue
        best[e.case_id] = (rank, {
            "event_id": e.id,
            "evidence": e.evidence,
            "document": {
                "id": e.doc_id, "ext_id": e.ext_id, "title": e.title, "url": e.url,
                "outlet": e.outlet, "published": iso(e.published or e.published_inferred),
            },
        })
    return {k: v for k, (_, v) in best.items()}


def _related(conn: Connection, r: Any) -> list[dict[str, Any]]:
    """The other disputes of the same state and platform group, latest first."""
    q = (
        select(disputes.c.key, disputes.c.first_date, disputes.c.last_date,
               disputes.c.n_steps, disputes.c.outcome, disputes.c.matter)
        .where(disputes.c.state == r.state, disputes.c.platform_key == r.platform_key,
               disputes.c.id != r.id, disputes.c.n_steps >= DEFAULT_MIN_STEPS)
        .order_by(disputes.c.last_day.desc(), disputes.c.id)
        .limit(20)
    )
    return [
        {"id": x.key, "first_date": x.first_date, "last_date": x.last_date,
         "n_steps": x.n_steps, "outcome": x.outcome,
         "matter": [{"id": m, "label": cue_label(m)} for m in json.loads(x.matter or "[]")]}
        for x in conn.execute(q)
    ]


# --- the disputes of one entity -------------------------------------------------------------


def entity_disputes(
    conn: Connection, entity_id: int, *, limit: int, rules: DisputeRules | None = None
) -> dict[str, Any]:
    """The disputes an entity is party to, latest first: a platform's group's disputes (or
    those where it was named), an authority's where it took a step, a state's own."""
    rules = rules or DisputeRules.from_env()
    ent = conn.execute(select(entities.c.key, entities.c.role, entities.c.country)
                       .where(entities.c.id == entity_id)).first()
    if ent is None:
        return {"items": [], "total": 0}
    named = (
        select(dispute_cases.c.dispute_id)
        .join(cases, cases.c.id == dispute_cases.c.case_id)
        .where(or_(cases.c.actor_id == entity_id, cases.c.target_id == entity_id))
    )
    scope = or_(disputes.c.platform_id == entity_id, disputes.c.id.in_(named))
    if ent.role == "country" and ent.country:
        scope = or_(scope, disputes.c.state == ent.country)
    cut = _cut(conn, rules)
    terms = [scope, disputes.c.n_steps >= DEFAULT_MIN_STEPS]
    rows = conn.execute(
        _select(cut).where(*terms).order_by(disputes.c.last_day.desc(), disputes.c.id.desc())
        .limit(limit)
    ).all()
    total = conn.scalar(select(func.count()).select_from(disputes).where(*terms)) or 0
    return {"items": [dispute_row(r) for r in rows], "total": int(total)}


def dispute_filter_of(f: CaseFilter) -> DisputeFilter:
    """The disputes a case filter speaks of (exports of disputes take case filters): its
    countries, types and dates, its actor as an authority, its target as a platform."""
    return DisputeFilter(country=f.country, platform=f.target, authority=f.actor,
                         type=f.type, since=f.since, until=f.until)
