"""One act, one case: which reported events are the same act, and what the case then says.

Two events are one act when they have the same type and the same subject (the target; for
COMPLIANCE and REFUSAL the platform that acted), their other parties and countries do not
exclude each other, their dates fall within LINK_WINDOW of each other and their amounts are
within AMOUNT_RATIO. A document reports an act once, so one case holds at most one event of
each document: two fines of Telegram in one article are two cases.

Sources disagree. The case's fields are voted by independent sources (copies of one story
count once); every field where sources gave incompatible values keeps all of them, with who
said what, as a `Conflict`, so nothing is picked silently.

Pure functions over plain values; the store decides which cases are candidates (an indexed
lookup by type and subject) and writes what `best_case` and `reconcile` return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

import yaml

from clampdown.link.money import CONVERSION_TOLERANCE, date_bounds
from clampdown.model import RESPONSE_TYPES
from clampdown.resolve.kb import load_kb

LINK_WINDOW = timedelta(days=7)  # reporters' dates for one act rarely differ by more
UNDATED_WINDOW = timedelta(days=31)  # an undated report is about an act this recent
AMOUNT_RATIO = 10.0  # beyond an order of magnitude, two fines are two acts
SAME_AMOUNT = 0.01  # "21 million" and "21.0 million" are one figure


K = TypeVar("K", str, int)  # an entity as a knowledge-base key or a store id


def subject_and_party(type_: str, actor: K | None, target: K | None) -> tuple[K | None, K | None]:
    """The entity an act is about, and the other side: the target and the actor, except for
    a platform's response, which is about the platform (its actor)."""
    if type_ in RESPONSE_TYPES:
        return actor, target
    return target, actor


@dataclass(frozen=True, slots=True)
class PartyInfo:
    country: str | None
    role: str | None
    affiliation: str | None
    kind: str | None = None
    vague: bool = False


@cache
def _affiliations() -> dict[str, str]:
    """Officials and sub-bodies to the body they speak for (`affiliation` in kb files)."""
    return load_kb().affiliations


@cache
def _vague() -> frozenset[str]:
    raw = yaml.safe_load((files("clampdown.link") / "parties.yaml").read_text("utf-8"))
    return frozenset(str(k) for k in (raw or {}).get("vague") or [])


@cache
def party_info(key: str) -> PartyInfo:
    """Country, role, kind and affiliation of an entity key (knowledge-base id or
    `new.ROLE.x`)."""
    ent = load_kb().entities.get(key)
    if ent is not None:
        return PartyInfo(
            ent.country, ent.role, _affiliations().get(key), ent.kind, key in _vague()
        )
    parts = key.split(".")
    role = parts[1] if len(parts) > 2 and parts[0] == "new" else None
    return PartyInfo(None, role, None)


def specificity(key: str) -> int:
    """How precisely a party is named: a body or person (2), a vague name (1), a state (0)."""
    info = party_info(key)
    if info.role == "country":
        return 0
    return 1 if info.vague else 2


def relation(a: str | None, b: str | None) -> str:
    """How two parties relate: "unknown" (one is missing), "same", "related" (an official
    and the body, a state and its organs), "differs" (sources disagree), or "incompatible"
    (bodies of different countries: two acts)."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    ia, ib = party_info(a), party_info(b)
    if ia.country and ib.country and ia.country != ib.country:
        return "incompatible"
    if ia.affiliation == b or ib.affiliation == a:
        return "related"
    if ia.affiliation and ia.affiliation == ib.affiliation:
        return "related"
    if "country" in (ia.role, ib.role):
        return "related"
    if (ia.vague or ib.vague) and ia.kind == ib.kind and ia.country == ib.country:
        return "related"  # "a Moscow court" and the Tagansky District Court
    return "differs"


# Inside classes with a field named `date` the name means the field; annotations there
# use this name for the type.
Day = date


@dataclass(slots=True)
class Report:
    """One stored event as linking and reconciling see it, with its document's facts."""

    event_id: int
    doc_id: int
    type: str
    subject: str | None
    party: str | None
    country: str | None
    status: str
    date: str | None
    published: Day | None  # the document's, stated or inferred
    amount: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    eur: float | None = None
    usd: float | None = None
    source: str = ""  # independent-source key: copies of one story share it
    story_id: int | None = None
    dated: bool = True  # the document states its publication date (not inferred)
    completed: bool = False  # the date was completed from an inferred publication date
    tiebreak: str = ""  # the document's content key: ties never depend on arrival order
    _interval: tuple[Day, Day] | None | bool = field(default=False, repr=False, compare=False)

    def interval(self) -> tuple[Day, Day] | None:
        """The days the act can have happened on; None when nothing bounds it."""
        if self._interval is False:  # computed once: linking asks for it per candidate
            if self.date:
                self._interval = date_bounds(self.date)
            elif self.published:
                self._interval = (self.published - UNDATED_WINDOW, self.published)
            else:
                self._interval = None
        return self._interval  # type: ignore[return-value]

    def order(self) -> tuple[bool, Day, str]:
        """Earliest report first: by stated publication date (inferred and unknown ones
        after), then by content key, so the result does not depend on arrival order."""
        return (not (self.dated and self.published), self.published or date.max, self.tiebreak)


@dataclass(slots=True)
class CaseState:
    """What linking needs to know of a case: its reconciled fields and date bounds."""

    id: int
    type: str
    subject: str
    party: str | None
    country: str | None
    date_lo: date | None
    date_hi: date | None
    amount: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    eur: float | None = None

    @classmethod
    def from_report(cls, case_id: int, r: Report) -> CaseState:
        iv = r.interval()
        return cls(
            id=case_id,
            type=r.type,
            subject=r.subject or "",
            party=r.party,
            country=r.country,
            date_lo=iv[0] if iv else None,
            date_hi=iv[1] if iv else None,
            amount=r.amount,
            low=r.low,
            high=r.high,
            currency=r.currency,
            eur=r.eur,
        )

    def absorb(self, r: Report) -> None:
        """Widen the case by a newly linked report, so later ones in a batch see it."""
        self.party = self.party or r.party
        self.country = self.country or r.country
        iv = r.interval()
        if iv and r.date:  # only stated dates narrow or widen a case
            if self.date_lo is None or self.date_hi is None:
                self.date_lo, self.date_hi = iv
            else:
                self.date_lo, self.date_hi = min(self.date_lo, iv[0]), max(self.date_hi, iv[1])
        if self.amount is None and self.low is None and (r.amount is not None or r.low):
            self.amount, self.low, self.high = r.amount, r.low, r.high
            self.currency, self.eur = r.currency, r.eur


def _amount_match(
    a: tuple[float | None, float | None, float | None, str | None, float | None],
    b: tuple[float | None, float | None, float | None, str | None, float | None],
) -> str:
    """"exact", "differs" (same act, sources disagree), "incompatible", or "unknown"."""
    amt_a, lo_a, hi_a, cur_a, eur_a = a
    amt_b, lo_b, hi_b, cur_b, eur_b = b
    if (amt_a is None and lo_a is None) or (amt_b is None and lo_b is None):
        return "unknown"
    if cur_a and cur_b and cur_a != cur_b:
        if eur_a is None or eur_b is None:
            return "unknown"
        x, y = eur_a, eur_b
        tolerance = 2 * CONVERSION_TOLERANCE
    else:
        if amt_a is None or amt_b is None:  # a range: the amount inside it is the same act
            lo = lo_a if amt_a is None else lo_b
            hi = hi_a if amt_a is None else hi_b
            amt = amt_b if amt_a is None else amt_a
            if amt is None:
                return "exact" if (lo_a, hi_a) == (lo_b, hi_b) else "differs"
            if lo is not None and hi is not None and lo <= amt <= hi:
                return "exact"
            x, y = amt, (hi or lo or 0.0)
        else:
            x, y = amt_a, amt_b
        tolerance = SAME_AMOUNT
    if x <= 0 or y <= 0:
        return "exact" if x == y else "differs"
    ratio = max(x, y) / min(x, y)
    if ratio <= 1 + tolerance:
        return "exact"
    return "differs" if ratio <= AMOUNT_RATIO else "incompatible"


def _money(x: Report | CaseState) -> tuple[Any, Any, Any, Any, Any]:
    return (x.amount, x.low, x.high, x.currency, x.eur)


def match_score(r: Report, case: CaseState) -> float | None:
    """How well report `r` fits `case`; None when they cannot be one act."""
    if r.type != case.type or (r.subject or "") != case.subject:
        return None
    iv = r.interval()
    lo, hi = case.date_lo, case.date_hi
    exact_date = False
    if iv is not None and lo is not None and hi is not None:
        if iv[0] > hi + LINK_WINDOW or iv[1] < lo - LINK_WINDOW:
            return None  # the cheapest test, and the one most candidates fail
        exact_date = bool(r.date) and lo <= iv[0] and iv[1] <= hi
    if r.country and case.country and r.country != case.country:
        return None
    rel = relation(r.party, case.party)
    if rel == "incompatible":
        return None
    money = _amount_match(_money(r), _money(case))
    if money == "incompatible":
        return None
    score = 1.0
    score += {"exact": 2.0, "unknown": 0.5}.get(money, 0.0)
    score += {"same": 1.0, "related": 0.5, "unknown": 0.25}.get(rel, 0.0)
    if exact_date:
        score += 0.5  # the stated date agrees exactly
    return score


def inferred_publication(
    earliest_copy: date | None, reports: Iterable[tuple[date, date | None, date | None]]
) -> tuple[str, date] | None:
    """When an undated document appeared, and what says so: the earliest dated copy of its
    story ("copies"), else the earliest contemporaneous report of the cases it joined
    ("cases"); None when neither tells.

    `reports` are (published, case's first day, case's last day) of the dated reports of
    those cases. Only reports published within UNDATED_WINDOW of their case's act count: a
    background mention months later says little about when this document appeared (with
    none of those, the latest report is the best bound there is).
    """
    if earliest_copy is not None:
        return "copies", earliest_copy
    rows = list(reports)
    if not rows:
        return None
    near = [pub for pub, lo, hi in rows
            if lo is None or hi is None or lo <= pub <= hi + UNDATED_WINDOW]
    return "cases", min(near) if near else max(pub for pub, _, _ in rows)


def best_case(r: Report, cases: Iterable[CaseState], used: set[int]) -> CaseState | None:
    """The candidate case `r` fits best, skipping cases its document already reports
    (`used`); ties go to the oldest case."""
    best: tuple[float, int] | None = None
    found = None
    if not r.subject:
        return None  # an act aimed at no one named cannot be matched to another
    for case in cases:
        if case.id in used:
            continue
        s = match_score(r, case)
        if s is None:
            continue
        key = (s, -case.id)
        if best is None or key > best:
            best, found = key, case
    return found


# --- reconciling ------------------------------------------------------------------------


@dataclass(slots=True)
class Value:
    """One answer sources gave for a field, and who gave it."""

    value: Any
    sources: list[str] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "sources": self.sources, "documents": self.documents}


@dataclass(slots=True)
class Conflict:
    """A field on which sources disagree; `values[0]` is the one the case shows."""

    field: str
    values: list[Value]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": [v.to_dict() for v in self.values]}


@dataclass(slots=True)
class Summary:
    """A case's fields as reconciled from all its reports."""

    party: str | None
    country: str | None
    status: str
    date: str | None
    date_lo: Day | None
    date_hi: Day | None
    amount: float | None
    low: float | None
    high: float | None
    currency: str | None
    eur: float | None
    usd: float | None
    n_mentions: int
    n_documents: int
    n_sources: int
    origin_doc_id: int
    origin_source: str
    conflicts: list[Conflict]


@dataclass(slots=True)
class _Cluster:
    items: list[tuple[Any, Report]]

    def weight(self) -> int:
        return len({r.source for _, r in self.items})

    def first(self) -> tuple[bool, date, str]:
        return min(r.order() for _, r in self.items)

    def best_value(self, better: Callable[[Any], Any] = lambda v: 0, *,
                   precision_first: bool = False) -> Any:
        """The value most sources in the cluster give; ties to `better`, then earliest.

        With `precision_first`, `better` decides before the count: agreeing values that
        differ only in precision ("2021-07" and "2021-07-29") show the most precise.
        """
        by: dict[Any, list[Report]] = {}
        for v, r in self.items:
            by.setdefault(v, []).append(r)
        if len(by) == 1:
            return next(iter(by))  # sources agree: the usual case

        def key(v: Any) -> tuple[Any, ...]:
            count = len({r.source for r in by[v]})
            first = _neg_order(min(r.order() for r in by[v]))
            return (better(v), count, first) if precision_first else (count, better(v), first)

        return max(by, key=key)


class _Desc:
    """Sorts its value in descending order inside an ascending sort key."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.v > other.v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.v == other.v


def _neg_order(o: tuple[bool, date, str]) -> tuple[int, int, _Desc]:
    """A report order inverted, for `max`: the earliest report wins."""
    return (-int(o[0]), -o[1].toordinal(), _Desc(o[2]))


def _vote(
    items: list[tuple[Any, Report]],
    same: Callable[[Any, Any], bool],
    precision: Callable[[Any], Any] = lambda v: 0,
) -> list[_Cluster]:
    """Group values that agree, strongest group first: most independent sources, then the
    group the earliest report belongs to.

    Groups are seeded by the most precise values and a value joins the first group whose
    seed it agrees with, so a vague value ("2021-07", "a Moscow court") supports an answer
    without bridging two that disagree ("2021-07-27" and "2021-07-29").
    """
    if not items:
        return []
    first = items[0][0]
    if all(v == first for v, _ in items):
        return [_Cluster(list(items))]  # sources agree: the usual case
    clusters: list[_Cluster] = []
    for v, r in sorted(items, key=lambda x: (_Desc(precision(x[0])), x[1].order())):
        for c in clusters:
            if same(v, c.items[0][0]):
                c.items.append((v, r))
                break
        else:
            clusters.append(_Cluster([(v, r)]))
    clusters.sort(key=lambda c: (-c.weight(), c.first()))
    return clusters


def _conflict(
    name: str,
    clusters: list[_Cluster],
    show: Callable[[Any], Any],
    better: Callable[[Any], Any] = lambda v: 0,
    precision_first: bool = False,
) -> Conflict:
    values = []
    for c in clusters:
        values.append(
            Value(
                value=show(c.best_value(better, precision_first=precision_first)),
                sources=sorted({r.source for _, r in c.items}),
                documents=sorted({r.doc_id for _, r in c.items}),
            )
        )
    return Conflict(name, values)


def _same_date(a: str, b: str) -> bool:
    lo_a, hi_a = date_bounds(a)
    lo_b, hi_b = date_bounds(b)
    return lo_a <= hi_b and lo_b <= hi_a  # "2021-09" agrees with "2021-09-14"


def _same_party(a: str, b: str) -> bool:
    return relation(a, b) in ("same", "related")


def _same_money(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return _amount_match(a, b) in ("exact", "unknown")


def reconcile(reports: Sequence[Report]) -> Summary:
    """A case's fields from its reports, voted by independent sources, with conflicts."""
    if not reports:
        raise ValueError("a case needs at least one report")
    if len(reports) == 1:
        return _single(reports[0])  # most cases, and nothing to vote on
    ordered = sorted(reports, key=Report.order)
    conflicts: list[Conflict] = []

    parties = _vote([(r.party, r) for r in ordered if r.party], _same_party, specificity)
    party = None
    if parties:
        # Within agreeing parties show the most precisely named: the Tagansky District
        # Court rather than "a Moscow court", the minister rather than the state.
        party = parties[0].best_value(specificity, precision_first=True)
        if len(parties) > 1:
            role = "target" if ordered[0].type in RESPONSE_TYPES else "actor"
            conflicts.append(_conflict(role, parties, lambda v: v, specificity, True))

    # A date completed from an inferred publication date is ours, not a source's claim:
    # it counts only when no source states one.
    stated = [r for r in ordered if r.date and not r.completed]
    dates = _vote([(r.date, r) for r in (stated or ordered) if r.date], _same_date, len)
    when = None
    if dates:
        when = dates[0].best_value(len, precision_first=True)
        if len(dates) > 1:
            conflicts.append(_conflict("date", dates, lambda v: v, len, True))
    date_lo: date | None
    date_hi: date | None
    if when:
        date_lo, date_hi = date_bounds(when)
    else:
        spans = [iv for r in ordered if (iv := r.interval())]
        date_lo = min((s[0] for s in spans), default=None)
        date_hi = max((s[1] for s in spans), default=None)

    moneys = _vote(
        [(_money(r), r) for r in ordered if r.amount is not None or r.low is not None],
        _same_money,
    )
    amount = low = high = eur = usd = None
    currency = None
    if moneys:
        # Prefer a figure whose conversion is known, then the local currency of the act:
        # an outlet abroad that prints only euros restates it.
        chosen = moneys[0].best_value(lambda m: (m[4] is not None, m[3] not in ("EUR", "USD")))
        amount, low, high, currency, eur = chosen
        usd = next((r.usd for v, r in moneys[0].items if v == chosen), None)
        if len(moneys) > 1:
            conflicts.append(_conflict("amount", moneys, _show_money))

    countries = _vote([(r.country, r) for r in ordered if r.country], lambda a, b: a == b)
    first = ordered[0]
    return Summary(
        party=party,
        country=countries[0].best_value() if countries else None,
        status="done" if any(r.status == "done" for r in ordered) else "announced",
        date=when,
        date_lo=date_lo,
        date_hi=date_hi,
        amount=amount,
        low=low,
        high=high,
        currency=currency,
        eur=eur,
        usd=usd,
        n_mentions=len(ordered),
        n_documents=len({r.doc_id for r in ordered}),
        n_sources=len({r.source for r in ordered}),
        origin_doc_id=first.doc_id,
        origin_source=first.source,
        conflicts=conflicts,
    )


def _single(r: Report) -> Summary:
    iv = r.interval()
    return Summary(
        party=r.party,
        country=r.country,
        status=r.status,
        date=r.date,
        date_lo=iv[0] if iv else None,
        date_hi=iv[1] if iv else None,
        amount=r.amount,
        low=r.low,
        high=r.high,
        currency=r.currency if (r.amount is not None or r.low is not None) else None,
        eur=r.eur,
        usd=r.usd,
        n_mentions=1,
        n_documents=1,
        n_sources=1,
        origin_doc_id=r.doc_id,
        origin_source=r.source,
        conflicts=[],
    )


def _show_money(m: tuple[Any, ...]) -> dict[str, Any]:
    amount, low, high, currency, eur = m
    out: dict[str, Any] = {"currency": currency}
    if amount is not None:
        out["amount"] = amount
    else:
        out["amount_range"] = [low, high]
    if eur is not None:
        out["eur"] = round(eur, 2)
    return out
