"""Disputes: the whole story of a state against a platform, step by step.

A case is one act; a dispute links the cases between one state (its authorities, courts
and officials, as one side) and one platform (with its owner: Instagram and WhatsApp go
with Facebook, under Meta) over one matter, ordered in time: demands, warnings, lawsuits,
fines, blocks and throttling, and the platform's compliance or refusal between them.

Cases are linked one step at a time, in order of time, each step continuing the dispute
of an earlier one (`decide`): a step that names a matter (the content demanded or the law
cited, `matters.yaml`) continues the latest step that named it within
`dispute_cue_window_days`, or carried a matter of its family (content to take down; an
obligation such as storing data locally; market power) within `dispute_gap_days`; a step
naming no matter that refers back ("for failing to comply", "after it ignored the
demand") continues the state's latest act within `dispute_reference_days`; any other step
continues the nearest step before it within `dispute_gap_days`, unless it names a matter
and that step carries one of another family. A step continuing none starts a dispute, and
one continuing two disputes (naming the matters of both) joins them. A dispute is a set of
steps so linked.

A step's decision depends only on the steps before it within reach, whatever order they
came in, so the same cases give the same disputes in any order of arrival, in the store and
on Spark. And a new step changes no decision but its own and those of the steps within
reach after it: the store links a batch's new steps without reading the disputes they join
(their summaries are kept as tallies that add up), and goes back over later steps only as
far as their decisions change.

A dispute is then summarised: its outcome (open, escalated, complied, refused; `ended`
is told when reading, against the newest step of the record), the days from the state's
first act (its first demand, usually) to the platform's compliance and to the harshest
measure, and the total of its fines.

Pure functions over plain values: the store (`store/disputes.py`) and the Spark job
(`spark/disputes.py`) load steps and write what `link_disputes` returns.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import ahocorasick
import yaml

from clampdown.link.cases import Day, party_info, subject_and_party
from clampdown.link.stories import UnionFind
from clampdown.model import RESPONSE_TYPES
from clampdown.regexwords import required_words
from clampdown.settings import env_changes, help_table, setting

# Bump when the grouping changes: stores linked by an older rule are linked again.
ALGORITHM = 2

# How far a state act goes: a demand or an accusation, a warning or a summons, a case
# opened, a fine, throttling, a block. A threatened measure counts as a warning.
LEVEL: dict[str, int] = {
    "DEMAND": 1, "ACCUSATION": 1, "WARNING": 2, "SUMMONS": 2, "LEGAL_ACTION": 3, "FINE": 4,
    "THROTTLE": 5, "BLOCK": 6,
}
COERCIVE = 3  # LEGAL_ACTION and above, done: the dispute has escalated
THREAT = LEVEL["WARNING"]
# Steps of one day, in the order a story tells them: the demand before the fine, the
# platform's answer last.
DAY_ORDER: dict[str, int] = {
    t: i for i, t in enumerate(
        ("DEMAND", "ACCUSATION", "SUMMONS", "WARNING", "LEGAL_ACTION", "FINE", "THROTTLE",
         "BLOCK", "REFUSAL", "COMPLIANCE")
    )
}
# What a dispute came to; a reader also sees "ended" (`stage`, and `query.names.Stage`).
OUTCOMES: tuple[str, ...] = ("open", "escalated", "complied", "refused")


@dataclass(frozen=True)
class DisputeRules:
    """How far apart in time cases of one dispute may be (`CLAMPDOWN_<NAME>` sets each)."""

    dispute_gap_days: int = setting(
        60, "Days between two cases of one state and platform within which they belong to one "
        "dispute when nothing else tells (nearness in time).",
    )
    dispute_cue_window_days: int = setting(
        365, "Days within which two cases naming one matter (the content demanded, the law cited) "
        "belong to one dispute.",
    )
    dispute_reference_days: int = setting(
        365, "Days back a case that refers to an earlier act (\"for failing to remove\") reaches "
        "for it.",
    )
    dispute_dormant_days: int = setting(
        180, "Days without a step after which a dispute reads as ended, counted back from the "
        "newest step in the store.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DisputeRules:
        """Defaults overridden by `CLAMPDOWN_DISPUTE_*` variables."""
        return replace(cls(), **env_changes(cls, environ))

    @property
    def reach(self) -> int:
        """The farthest two connected steps can be apart, in days."""
        return max(self.dispute_gap_days, self.dispute_cue_window_days,
                   self.dispute_reference_days)

    def fingerprint(self) -> str:
        """What the stored grouping depends on: the windows, the cue lexicon and the
        algorithm; a store linked under another fingerprint is linked again."""
        grouping = {k: v for k, v in asdict(self).items() if k != "dispute_dormant_days"}
        lexicon = hashlib.sha256(_lexicon_text().encode("utf-8")).hexdigest()[:16]
        return json.dumps({"algorithm": ALGORITHM, "lexicon": lexicon, **grouping},
                          sort_keys=True)


def rules_table() -> list[tuple[str, int, str]]:
    """(name, default, help) of every rule, for the docs."""
    return help_table(DisputeRules)


# --- the cue lexicon ----------------------------------------------------------------------


def _lexicon_text() -> str:
    return (files("clampdown.link") / "matters.yaml").read_text("utf-8")


@dataclass(frozen=True, slots=True)
class _Unit:
    """One pattern of the lexicon and what a match of it means."""

    pattern: re.Pattern[str]
    kind: str  # "matter", "law" or "ref"
    cue: str = ""  # the matter's id, or the law's id template ("art-{n}")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: list[_Unit]
    # A pattern runs only on texts holding one of the words any match of it must contain
    # (found once for all patterns by Aho-Corasick); `always` are those with no such word.
    automaton: Any
    always: tuple[int, ...]
    laws: list[tuple[str, str]]  # id template, label template
    labels: dict[str, str]
    families: dict[str, str]  # matter id -> family
    owners: dict[str, str]


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


@cache
def _lexicon() -> _Lexicon:
    raw = _yaml(_lexicon_text()) or {}
    units: list[_Unit] = []
    labels: dict[str, str] = {}
    families: dict[str, str] = {}
    for m in raw.get("matters") or []:
        labels[str(m["id"])] = str(m["label"])
        if m.get("family"):
            families[str(m["id"])] = str(m["family"])
        units += [_Unit(re.compile(p, re.IGNORECASE), "matter", str(m["id"]))
                  for p in m["patterns"]]
    laws = []
    for law in raw.get("laws") or []:
        units.append(_Unit(re.compile(law["pattern"], re.IGNORECASE), "law", str(law["id"])))
        laws.append((str(law["id"]), str(law["label"])))
    units += [_Unit(re.compile(p, re.IGNORECASE), "ref") for p in raw.get("references") or []]
    automaton = ahocorasick.Automaton()
    by_word: dict[str, list[int]] = {}
    always = []
    for i, u in enumerate(units):
        words = required_words(u.pattern.pattern)
        if words is None:
            always.append(i)
        for w in words or ():
            by_word.setdefault(w, []).append(i)
    for w, ids in by_word.items():
        automaton.add_word(w, tuple(ids))
    automaton.add_word("\x00", ())  # an automaton needs a word
    automaton.make_automaton()
    owners = {str(k): str(v) for k, v in (raw.get("owners") or {}).items()}
    return _Lexicon(units, automaton, tuple(always), laws, labels, families, owners)


@cache
def families(cues: frozenset[str]) -> frozenset[str]:
    """The families of the matters among `cues` (laws have none)."""
    known = _lexicon().families
    return frozenset(known[c] for c in cues if c in known)


def read_cues(texts: Iterable[str]) -> tuple[frozenset[str], bool]:
    """The matters and laws the texts name, and whether one refers back to an earlier act."""
    lex = _lexicon()
    cues: set[str] = set()
    refers = False
    for text in texts:
        candidates = set(lex.always)
        for _, ids in lex.automaton.iter(text.lower()):
            candidates.update(ids)
        for i in sorted(candidates):
            u = lex.units[i]
            if u.kind == "matter":
                if u.cue not in cues and u.pattern.search(text):
                    cues.add(u.cue)
            elif u.kind == "law":
                cues.update(u.cue.format(n=m.group(1).upper())
                            for m in u.pattern.finditer(text))
            elif not refers and u.pattern.search(text):
                refers = True
    return frozenset(cues), refers


def matters() -> dict[str, str]:
    """Every matter id of the lexicon with its label."""
    return dict(_lexicon().labels)


def cue_label(cue: str) -> str:
    """What a reader is shown for a cue id ("art-13.41" -> "article 13.41")."""
    lex = _lexicon()
    if cue in lex.labels:
        return lex.labels[cue]
    for id_, label in lex.laws:
        prefix, _, suffix = id_.partition("{n}")
        if cue.startswith(prefix) and cue.endswith(suffix):
            return label.format(n=cue[len(prefix): len(cue) - len(suffix) or None])
    return cue


# --- parties ------------------------------------------------------------------------------


@cache
def _platform_parents() -> dict[str, str | None]:
    """Every platform entry (and person filed beside one) to its parent, from the kb."""
    raw = _yaml((files("clampdown") / "kb" / "platforms.yaml").read_text("utf-8"))
    out: dict[str, str | None] = {}
    for r in raw or []:
        parent = r.get("parent")
        if r.get("person") and not parent:
            continue  # a person filed alone is no platform
        out[str(r["id"])] = str(parent) if parent else None
    return out


@cache
def platform_group(key: str) -> str | None:
    """The platform group an entity belongs to (the root of its `parent` chain), or None
    when it is no platform: Instagram -> facebook, Elon Musk -> twitter."""
    parents = _platform_parents()
    if key in parents:
        seen = {key}
        while (up := parents.get(key)) is not None and up in parents and up not in seen:
            seen.add(up)
            key = up
        return key
    return key if party_info(key).role == "platform" else None


def owner_name(group: str) -> str | None:
    """The name a platform group goes by when it is not its root entry's (Meta)."""
    return _lexicon().owners.get(group)


def _state_of(country: str | None, party: str | None) -> str | None:
    """The state a step is of: the jurisdiction of the act, else the acting body's."""
    if party is not None:
        info = party_info(party)
        if info.role == "platform" or platform_group(party) is not None:
            return None  # a platform against a platform: no state in it
        if not country:
            country = info.country
    return country.upper() if country else None


# --- steps --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One case as a dispute sees it."""

    case: int | str  # the case's number in its store (a Spark job's case key); opaque here
    key: str  # order-independent identity: the smallest key of the case's events
    type: str
    status: str
    state: str
    platform: str  # the platform group
    subject: str | None  # the platform-side party as reported (Instagram, Elon Musk)
    party: str | None  # the state-side party: an authority, an official, the state
    date: str | None  # as the case gives it: YYYY, YYYY-MM, YYYY-MM-DD, or None
    lo: Day
    hi: Day
    day: Day  # where the step stands on a timeline
    eur: float | None = None
    usd: float | None = None
    cues: frozenset[str] = frozenset()
    refers: bool = False
    # Derived once: linking asks for these millions of times on a large store.
    rank: tuple[int, int, str] = field(init=False, repr=False, compare=False)
    is_response: bool = field(init=False, repr=False, compare=False)
    fams: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rank", (self.day.toordinal(), DAY_ORDER.get(self.type, 99),
                                          self.key))
        object.__setattr__(self, "is_response", self.type in RESPONSE_TYPES)
        object.__setattr__(self, "fams", families(self.cues))

    @property
    def part(self) -> tuple[str, str]:
        return (self.state, self.platform)

    def order(self) -> tuple[int, int, str]:
        return self.rank


# How far before its day a step's dates can start (a date given as a year alone).
SPAN = 366


def step_day(date_: str | None, lo: date, hi: date) -> date:
    """A step's place in time: its day; the middle of a month or year given alone; the
    latest day an undated report allows (its publication)."""
    if date_ and len(date_) == 10:
        return lo
    if date_:
        return date.fromordinal((lo.toordinal() + hi.toordinal()) // 2)
    return hi


def step_of(
    case: int | str,
    key: str,
    type_: str,
    status: str,
    country: str | None,
    actor: str | None,
    target: str | None,
    date_: str | None,
    lo: date | None,
    hi: date | None,
    *,
    eur: float | None = None,
    usd: float | None = None,
    texts: Iterable[str] = (),
) -> Step | None:
    """A case (its reconciled fields, parties as entity keys, the evidence of its reports)
    as a step, or None when it belongs to no dispute: no platform on one side, no state on
    the other, or nothing that dates it."""
    subject, party = subject_and_party(type_, actor, target)
    platform = platform_group(subject) if subject else None
    if platform is None or lo is None or hi is None:
        return None
    state = _state_of(country, party)
    if state is None:
        return None
    cues, refers = read_cues(texts)
    return Step(
        case=case, key=key, type=type_, status=status, state=state, platform=platform,
        subject=subject, party=party, date=date_, lo=lo, hi=hi, day=step_day(date_, lo, hi),
        eur=eur, usd=usd, cues=cues, refers=refers,
    )


def gap(a: Step, b: Step) -> int:
    """Days between two steps' date ranges (0 when they overlap)."""
    return max(0, (b.lo - a.hi).days, (a.lo - b.hi).days)


# --- how a step continues a dispute ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """How a step continues a dispute: the earlier steps it links to, and why.

    `kind` is first (it links to none: it starts a dispute), cue (it names a matter an
    earlier step named), reference (it refers back to an earlier act) or time (it is the
    nearest step after an earlier one). `inherited` is the families of matter the step
    carries on: its own, else those of the step it continues.
    """

    targets: tuple[str, ...]  # keys of earlier steps
    kind: str
    cues: tuple[str, ...] = ()  # the matters it shares with them
    days: int | None = None  # after the step it continues
    inherited: frozenset[str] = frozenset()

    def link(self) -> dict[str, Any]:
        return {"kind": self.kind, "cues": list(self.cues), "days": self.days}


class Past:
    """The steps of one state and platform before the step being decided, in order, kept
    as decisions look them up: all of them, by matter named, by family of matter carried
    on, and the state's acts. Steps are added in order (`add`)."""

    __slots__ = ("steps", "by_cue", "by_family", "acts", "inherited", "span")

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.by_cue: dict[str, list[Step]] = {}
        self.by_family: dict[str, list[Step]] = {}
        self.acts: list[Step] = []
        self.inherited: dict[str, frozenset[str]] = {}
        self.span = 0  # the widest date range among them, in days

    def add(self, s: Step, inherited: frozenset[str]) -> None:
        self.steps.append(s)
        for c in s.cues:
            self.by_cue.setdefault(c, []).append(s)
        for f in inherited:
            self.by_family.setdefault(f, []).append(s)
        if not s.is_response:
            self.acts.append(s)
        self.inherited[s.key] = inherited
        self.span = max(self.span, (s.hi - s.lo).days)

    def latest(self, items: Sequence[Step], s: Step, days: int) -> Step | None:
        """The latest of `items` whose dates come within `days` of `s`'s."""
        floor = s.lo.toordinal() - days - self.span
        for x in reversed(items):
            if x.day.toordinal() < floor:
                return None
            if gap(x, s) <= days:
                return x
        return None


def decide(s: Step, past: Past, rules: DisputeRules) -> Decision:
    """How `s` continues a dispute, from the steps before it (`past`: all of its state and
    platform that come before it). A function of those steps alone: the same steps give
    the same decision whatever the order they came in.

    - A step naming a matter continues the latest step that named one of its matters
      within `dispute_cue_window_days`, and the latest carrying a family of its matters
      within `dispute_gap_days`. Naming none met so far, it continues the nearest step
      within the gap unless that one carries a matter of another family.
    - A step naming no matter that refers back ("for failing to comply") continues the
      latest act of the state within `dispute_reference_days`.
    - Otherwise a step continues the nearest step before it within `dispute_gap_days`.
    """
    fams = s.fams
    if s.cues:
        targets: dict[str, Step] = {}
        shared: set[str] = set()
        for c in sorted(s.cues):
            x = past.latest(past.by_cue.get(c, ()), s, rules.dispute_cue_window_days)
            if x is not None:
                targets[x.key] = x
                shared.add(c)
        for f in sorted(fams):
            x = past.latest(past.by_family.get(f, ()), s, rules.dispute_gap_days)
            if x is not None:
                targets[x.key] = x
                shared.update(c for c in s.cues if _family(c) == f)
        if targets:
            carried = fams or frozenset().union(*(past.inherited.get(k, frozenset())
                                                  for k in targets))
            return Decision(tuple(sorted(targets)), "cue", tuple(sorted(shared)),
                            inherited=carried)
        near = past.latest(past.steps, s, rules.dispute_gap_days)
        if near is not None and (not fams or not past.inherited.get(near.key)):
            return Decision((near.key,), "time", days=max(0, (s.day - near.day).days),
                            inherited=fams or past.inherited.get(near.key, frozenset()))
        return Decision((), "first", inherited=fams)
    if s.refers:
        act = past.latest(past.acts, s, rules.dispute_reference_days)
        if act is not None:
            return Decision((act.key,), "reference", days=max(0, (s.day - act.day).days),
                            inherited=past.inherited.get(act.key, frozenset()))
    near = past.latest(past.steps, s, rules.dispute_gap_days)
    if near is not None:
        return Decision((near.key,), "time", days=max(0, (s.day - near.day).days),
                        inherited=past.inherited.get(near.key, frozenset()))
    return Decision((), "first")


def _family(cue: str) -> str | None:
    return _lexicon().families.get(cue)


def decide_all(steps: Iterable[Step], rules: DisputeRules) -> dict[str, Decision]:
    """Every step's decision, from scratch (steps of one state and platform group)."""
    past = Past()
    out: dict[str, Decision] = {}
    for s in sorted(steps, key=Step.order):
        d = out[s.key] = decide(s, past, rules)
        past.add(s, d.inherited)
    return out


# --- what a dispute says ------------------------------------------------------------------


def _level(s: Step) -> int:
    level = LEVEL.get(s.type, 0)
    return min(level, THREAT) if s.status != "done" else level


Rank = tuple[int, int, str]


@dataclass(slots=True)
class Tally:
    """What a dispute's summary is made of, kept so that adding a step or merging two
    disputes needs none of their other steps: counts, sums, and the few steps that
    decide its outcome and durations (by rank, and day)."""

    n: int = 0
    first: tuple[Rank, str | None, int] | None = None  # rank, date as stated, day
    last: tuple[Rank, str | None, int] | None = None
    start: tuple[Rank, int] | None = None  # the state's first act
    harshest: tuple[int, Rank, str, str, int] | None = None  # -level, rank, type, status, day
    last_response: tuple[Rank, str] | None = None
    last_coercive: Rank | None = None
    compliance_days: list[int] = field(default_factory=list)
    fines_eur: float = 0.0
    fines_usd: float = 0.0
    n_fines: int = 0
    n_unconverted: int = 0
    matter: set[str] = field(default_factory=set)

    def add(self, s: Step) -> Tally:
        r, day = s.rank, s.day.toordinal()
        self.n += 1
        if self.first is None or r < self.first[0]:
            self.first = (r, s.date, day)
        if self.last is None or r > self.last[0]:
            self.last = (r, s.date, day)
        self.matter |= s.cues
        if s.is_response:
            if self.last_response is None or r > self.last_response[0]:
                self.last_response = (r, s.type)
            if s.type == "COMPLIANCE":
                self.compliance_days.append(day)
                self.compliance_days.sort()
            return self
        if self.start is None or r < self.start[0]:
            self.start = (r, day)
        h = (-_level(s), r, s.type, s.status, day)
        if self.harshest is None or h[:2] < self.harshest[:2]:
            self.harshest = h
        if s.status == "done" and LEVEL.get(s.type, 0) >= COERCIVE and (
                self.last_coercive is None or r > self.last_coercive):
            self.last_coercive = r
        if s.type == "FINE" and s.status == "done":
            self.n_fines += 1
            if s.eur is None:
                self.n_unconverted += 1
            else:
                self.fines_eur += s.eur
            if s.usd is not None:
                self.fines_usd += s.usd
        return self

    def merge(self, o: Tally) -> Tally:
        self.n += o.n
        for name, better in (("first", min), ("last", max), ("start", min),
                             ("last_response", max), ("last_coercive", max)):
            a, b = getattr(self, name), getattr(o, name)
            setattr(self, name, b if a is None else a if b is None else better(a, b))
        if o.harshest is not None and (self.harshest is None
                                       or o.harshest[:2] < self.harshest[:2]):
            self.harshest = o.harshest
        self.compliance_days = sorted(self.compliance_days + o.compliance_days)
        self.fines_eur += o.fines_eur
        self.fines_usd += o.fines_usd
        self.n_fines += o.n_fines
        self.n_unconverted += o.n_unconverted
        self.matter |= o.matter
        return self

    def rename(self, old: Rank, new: Rank) -> Tally:
        """The tally of the same steps after one of them went from rank `old` to `new` (its
        case's key changed), where no other step of the dispute ranks between the two:
        every step kept here stays the one it was, under its new rank."""
        if self.first is not None and self.first[0] == old:
            self.first = (new, *self.first[1:])
        if self.last is not None and self.last[0] == old:
            self.last = (new, *self.last[1:])
        if self.start is not None and self.start[0] == old:
            self.start = (new, self.start[1])
        if self.harshest is not None and self.harshest[1] == old:
            h = self.harshest
            self.harshest = (h[0], new, h[2], h[3], h[4])
        if self.last_response is not None and self.last_response[0] == old:
            self.last_response = (new, self.last_response[1])
        if self.last_coercive == old:
            self.last_coercive = new
        return self

    def summary(self) -> Summary:
        assert self.first is not None and self.last is not None  # a dispute has a step
        start_day = self.start[1] if self.start else None
        outcome = "open"
        if self.last_response is not None and (
                self.last_coercive is None or self.last_coercive < self.last_response[0]):
            outcome = "complied" if self.last_response[1] == "COMPLIANCE" else "refused"
        elif self.last_coercive is not None:
            outcome = "escalated"
        to_comply = None
        if start_day is not None:
            after = [d for d in self.compliance_days if d >= start_day]
            to_comply = after[0] - start_day if after else None
        h = self.harshest
        return Summary(
            outcome=outcome,
            first_day=date.fromordinal(self.first[2]),
            last_day=date.fromordinal(self.last[2]),
            first_date=self.first[1],
            last_date=self.last[1],
            harshest=h[2] if h else None,
            harshest_status=h[3] if h else None,
            start_day=date.fromordinal(start_day) if start_day is not None else None,
            days_to_compliance=to_comply,
            days_to_harshest=h[4] - start_day if h and start_day is not None else None,
            fines_eur=round(self.fines_eur, 2),
            fines_usd=round(self.fines_usd, 2),
            n_fines=self.n_fines,
            n_unconverted=self.n_unconverted,
            matter=tuple(sorted(self.matter)),
            n_steps=self.n,
        )

    def to_json(self) -> str:
        return json.dumps({
            "n": self.n, "first": self.first, "last": self.last, "start": self.start,
            "harshest": self.harshest, "last_response": self.last_response,
            "last_coercive": self.last_coercive, "compliance_days": self.compliance_days,
            "fines_eur": self.fines_eur, "fines_usd": self.fines_usd,
            "n_fines": self.n_fines, "n_unconverted": self.n_unconverted,
            "matter": sorted(self.matter),
        })

    @classmethod
    def from_json(cls, text: str) -> Tally:
        raw = json.loads(text)

        def rank(v: Any) -> Rank:
            return (int(v[0]), int(v[1]), str(v[2]))

        t = cls(n=raw["n"], compliance_days=list(raw["compliance_days"]),
                fines_eur=raw["fines_eur"], fines_usd=raw["fines_usd"],
                n_fines=raw["n_fines"], n_unconverted=raw["n_unconverted"],
                matter=set(raw["matter"]))
        if raw["first"]:
            t.first = (rank(raw["first"][0]), raw["first"][1], raw["first"][2])
        if raw["last"]:
            t.last = (rank(raw["last"][0]), raw["last"][1], raw["last"][2])
        if raw["start"]:
            t.start = (rank(raw["start"][0]), raw["start"][1])
        if raw["harshest"]:
            h = raw["harshest"]
            t.harshest = (h[0], rank(h[1]), h[2], h[3], h[4])
        if raw["last_response"]:
            t.last_response = (rank(raw["last_response"][0]), raw["last_response"][1])
        if raw["last_coercive"]:
            t.last_coercive = rank(raw["last_coercive"])
        return t


@dataclass(frozen=True, slots=True)
class Summary:
    outcome: str  # open, escalated, complied, refused
    first_day: date
    last_day: date
    first_date: str | None
    last_date: str | None
    harshest: str | None  # the type of the harshest state act
    harshest_status: str | None
    start_day: date | None  # the state's first act: its first demand, or what opened it
    days_to_compliance: int | None
    days_to_harshest: int | None
    fines_eur: float
    fines_usd: float
    n_fines: int
    n_unconverted: int  # fines with no reference rate: left out of the totals
    matter: tuple[str, ...]  # every matter and law the steps name
    n_steps: int


def summarise(steps: Iterable[Step]) -> Summary:
    """A dispute's outcome, durations and fine totals from its steps."""
    t = Tally()
    for s in steps:
        t.add(s)
    return t.summary()


def stage(outcome: str, last_day: date, newest: date | None, rules: DisputeRules) -> str:
    """A dispute's stage as of the newest step of the record: `ended` once it has been
    quiet for `dispute_dormant_days`, else its outcome."""
    if newest is not None and (newest - last_day).days > rules.dispute_dormant_days:
        return "ended"
    return outcome


# --- disputes -----------------------------------------------------------------------------


@dataclass(slots=True)
class Dispute:
    """One state against one platform over one matter."""

    key: str  # readable and order-independent: ru-twitter-2021-01-23
    base_key: str  # the key before a suffix told apart two disputes begun on one date
    state: str
    platform: str
    steps: list[Step]  # in order
    decisions: list[Decision]  # how each step joined
    summary: Summary


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def platform_slug(group: str) -> str:
    owner = owner_name(group)
    return _slug(owner) if owner else _slug(group)


def base_key(state: str, group: str, first_date: str | None, first_day: date) -> str:
    """A dispute's key before telling apart two begun on one date."""
    return f"{state.lower()}-{platform_slug(group)}-{first_date or first_day.isoformat()}"


def suffixed(base: str, n: int) -> str:
    """The key of the n-th (from 1, by first step) dispute of one base key."""
    return base if n == 1 else f"{base}-{n}"


def link_disputes(steps: Iterable[Step], rules: DisputeRules | None = None) -> list[Dispute]:
    """The disputes of `steps`: every step in exactly one, whatever the order given.

    Each step's decision links it to the earlier steps it continues; a dispute is a set
    of steps so linked. Steps of different states or platform groups never share one."""
    rules = rules or DisputeRules()
    by_part: dict[tuple[str, str], list[Step]] = {}
    for s in steps:
        by_part.setdefault(s.part, []).append(s)
    out: list[Dispute] = []
    for part in sorted(by_part):
        group = sorted(by_part[part], key=Step.order)
        decisions = decide_all(group, rules)
        sets: UnionFind[str] = UnionFind()
        for s in group:
            sets.add(s.key)
            for t in decisions[s.key].targets:
                sets.union(t, s.key)
        members: dict[str, list[Step]] = {}
        for s in group:
            members.setdefault(sets.find(s.key), []).append(s)
        made = []
        for ms in sorted(members.values(), key=lambda g: g[0].rank):
            summary = summarise(ms)
            base = base_key(part[0], part[1], summary.first_date, summary.first_day)
            made.append(Dispute(base, base, part[0], part[1], ms,
                                [decisions[s.key] for s in ms], summary))
        seen: dict[str, int] = {}
        for d in made:  # in order of their first steps
            n = seen[d.base_key] = seen.get(d.base_key, 0) + 1
            d.key = suffixed(d.base_key, n)
        out.extend(made)
    return out
