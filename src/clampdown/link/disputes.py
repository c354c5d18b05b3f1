"""Disputes: the whole story of a state against a platform, step by step.

A case is one act; a dispute links the cases between one state (its authorities, courts
and officials, as one side) and one platform (with its owner: Instagram and WhatsApp go
with Facebook, under Meta) over one matter, ordered in time: demands, warnings, lawsuits,
fines, blocks and throttling, and the platform's compliance or refusal between them.

Cases are grouped in two stages, each a function of the *set* of cases alone, so the same
cases give the same disputes in any order of arrival, in the store and on Spark alike:

1. Components. Two steps of one state and platform group are connected when they come
   within `dispute_gap_days` of each other (nearness in time, whatever they say), when
   they name one matter (the content demanded or the law cited, `matters.yaml`) within
   `dispute_cue_window_days`, or when the later one, naming no matter itself, refers back
   to the earlier ("for failing to comply", "after it ignored the demand"), a state act
   within `dispute_reference_days`. Each relation involves only the
   two steps, so a new or changed case can only change the components it touches: the
   store recomputes those and nothing else.
2. Matters. A component whose steps name matters that never meet is split by thread:
   steps naming one matter within the cue window make a thread, and so do steps naming
   matters of one family (content to take down; an obligation such as storing data
   locally; market power) within the gap. A step naming none joins the thread of the step
   it refers back to, else the nearest in time.

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
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import ahocorasick
import yaml

from clampdown.link.cases import Day, party_info, subject_and_party
from clampdown.link.stories import UnionFind
from clampdown.model import RESPONSE_TYPES
from clampdown.settings import env_changes

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
OUTCOMES: tuple[str, ...] = ("open", "escalated", "complied", "refused")
STAGES: tuple[str, ...] = (*OUTCOMES, "ended")


@dataclass(frozen=True)
class DisputeRules:
    """How far apart in time cases of one dispute may be (`CLAMPDOWN_<NAME>` sets each)."""

    dispute_gap_days: int = field(
        default=60,
        metadata={"help": "Days between two cases of one state and platform within which "
                          "they belong to one dispute when nothing else tells (nearness in "
                          "time)."},
    )
    dispute_cue_window_days: int = field(
        default=365,
        metadata={"help": "Days within which two cases naming one matter (the content "
                          "demanded, the law cited) belong to one dispute."},
    )
    dispute_reference_days: int = field(
        default=365,
        metadata={"help": "Days back a case that refers to an earlier act (\"for failing to "
                          "remove\") reaches for it."},
    )
    dispute_dormant_days: int = field(
        default=180,
        metadata={"help": "Days without a step after which a dispute reads as ended, counted "
                          "back from the newest step in the store."},
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
    return [(f.name, f.default, f.metadata["help"])  # type: ignore[misc]
            for f in fields(DisputeRules)]


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


def required_words(pattern: str) -> frozenset[str] | None:
    """Lower-case words one of which every match of `pattern` contains, or None when no
    such set is found (the pattern then runs on every text)."""
    return _best(_sre_parse(pattern))


def _sre_parse(pattern: str) -> Any:
    import re._parser as sre_parse  # type: ignore[import-not-found]

    return sre_parse.parse(pattern)


def _best(items: Any) -> frozenset[str] | None:
    """The most selective set of words a match of the sequence `items` must contain: the
    one whose shortest word is longest."""
    found = [s for s in _factors(items) if min(len(w) for w in s) >= 2]
    return max(found, key=lambda s: (min(len(w) for w in s), -len(s))) if found else None


def _factors(items: Any) -> list[frozenset[str]]:
    """Sets of words, each of which a match of the sequence `items` contains one of."""
    import re._constants as c  # type: ignore[import-not-found]

    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            if (best := _best(av[3])) is not None:
                out.append(best)
        elif op is c.BRANCH:
            sets = [_best(branch) for branch in av[1]]
            if all(x is not None for x in sets):
                out.append(frozenset().union(*(x for x in sets if x is not None)))
        elif (op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1
              and (best := _best(av[2])) is not None):
            out.append(best)
    flush()
    return out


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "rank", (self.day.toordinal(), DAY_ORDER.get(self.type, 99),
                                          self.key))
        object.__setattr__(self, "is_response", self.type in RESPONSE_TYPES)

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


def _compatible(a: Step, b: Step) -> bool:
    """Whether two steps may be of one matter: one names none, or they share a matter or
    a family of matters."""
    return (not a.cues or not b.cues or bool(a.cues & b.cues)
            or bool(families(a.cues) & families(b.cues)))


def _refers_to(later: Step, earlier: Step, rules: DisputeRules) -> bool:
    """Whether `later` refers back to `earlier`. Only a step that names no matter of its
    own does: one that names a matter ("fined for failing to remove banned content") is
    tied to its matter's earlier steps by that matter."""
    return (
        later.refers
        and not later.cues
        and not earlier.is_response
        and earlier.rank < later.rank
        and gap(earlier, later) <= rules.dispute_reference_days
        and _compatible(earlier, later)
    )


def connected(a: Step, b: Step, rules: DisputeRules) -> bool:
    """Whether two steps are directly connected (stage 1 of the module docstring)."""
    if a.part != b.part or a.key == b.key:
        return False
    g = gap(a, b)
    if g <= rules.dispute_gap_days:
        return True
    if a.cues & b.cues and g <= rules.dispute_cue_window_days:
        return True
    return _refers_to(a, b, rules) or _refers_to(b, a, rules)


def _chain(items: list[Step], days: int, sets: UnionFind[str]) -> None:
    """Join steps whose date ranges come within `days` of each other (single linkage:
    sorted by start, each joins the run before it when it starts within `days` of the
    run's latest end)."""
    reach: date | None = None
    prev: Step | None = None
    for s in sorted(items, key=lambda s: (s.lo, s.hi, s.key)):
        if reach is not None and prev is not None and (s.lo - reach).days <= days:
            sets.union(prev.key, s.key)
            reach = max(reach, s.hi)
        else:
            reach = s.hi
        prev = s


def components(steps: Iterable[Step], rules: DisputeRules) -> list[list[Step]]:
    """The connected sets of steps (all of one state and platform group), each in order."""
    ordered = sorted(steps, key=Step.order)
    sets: UnionFind[str] = UnionFind()
    for s in ordered:
        sets.add(s.key)
    _chain(ordered, rules.dispute_gap_days, sets)
    by_cue: dict[str, list[Step]] = {}
    for s in ordered:
        for c in s.cues:
            by_cue.setdefault(c, []).append(s)
    for cue in sorted(by_cue):
        _chain(by_cue[cue], rules.dispute_cue_window_days, sets)
    days = [s.day.toordinal() for s in ordered]
    for i, r in enumerate(ordered):
        if not r.refers:
            continue
        # Only steps whose day is within reach of the reference can be its referent.
        first = bisect_left(days, r.lo.toordinal() - rules.dispute_reference_days - SPAN)
        for x in ordered[first:i]:
            if _refers_to(r, x, rules):
                sets.union(x.key, r.key)
    groups: dict[str, list[Step]] = {}
    for s in ordered:
        groups.setdefault(sets.find(s.key), []).append(s)
    return sorted(groups.values(), key=lambda g: g[0].order())


def _threads(comp: list[Step], rules: DisputeRules) -> dict[str, str]:
    """Thread (a root step key) of each step of a component (stage 2 of the docstring)."""
    cued = [s for s in comp if s.cues]
    sets: UnionFind[str] = UnionFind()
    by_cue: dict[str, list[Step]] = {}
    for s in cued:
        sets.add(s.key)
        for c in s.cues:
            by_cue.setdefault(c, []).append(s)
    for cue in sorted(by_cue):
        _chain(by_cue[cue], rules.dispute_cue_window_days, sets)
    by_family: dict[str, list[Step]] = {}
    for s in cued:
        for f in families(s.cues):
            by_family.setdefault(f, []).append(s)
    for f in sorted(by_family):  # matters of one family, close in time: one matter
        _chain(by_family[f], rules.dispute_gap_days, sets)
    thread = {s.key: sets.find(s.key) for s in cued}
    if len(set(thread.values())) <= 1:
        return {s.key: "" for s in comp}  # one matter, or none named: one dispute
    # Steps naming no matter, in order, each join the thread of the step they refer back
    # to, else of the nearest placed step (those naming a matter, and the earlier ones
    # placed so far): candidates are kept sorted by day, and the search for the nearest
    # stops once days alone put a candidate further than the best found.
    span = 2 * max((x.hi - x.lo).days for x in comp)
    placed = sorted(cued, key=lambda x: (x.day, x.order()))
    days = [x.day.toordinal() for x in placed]
    for s in comp:
        if s.cues:
            continue
        so, d0 = s.order(), s.day.toordinal()
        chosen: Step | None = None
        if s.refers:
            first = bisect_left(days, s.lo.toordinal() - rules.dispute_reference_days - span)
            upto = bisect_left(days, d0 + 1)
            earlier = [x for x in placed[first:upto] if _refers_to(s, x, rules)]
            chosen = max(earlier, key=Step.order, default=None)
        if chosen is None:
            best: tuple[int, bool, int, str] | None = None
            at = bisect_left(days, d0)
            for side in (range(at - 1, -1, -1), range(at, len(placed))):
                for j in side:
                    if best is not None and abs(days[j] - d0) - span > best[0]:
                        break  # further out on this side cannot do better
                    x = placed[j]
                    k = (gap(x, s), x.order() > so, -days[j], x.key)
                    if best is None or k < best:
                        best, chosen = k, x
        assert chosen is not None  # two threads at least: there are candidates
        thread[s.key] = thread[chosen.key]
        at = bisect_left(days, d0 + 1)
        placed.insert(at, s)
        days.insert(at, d0)
    return thread


# --- what a dispute says ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """How a step joined its dispute, for readers: the first step, a matter it shares
    with an earlier step, a reference back to one, or nearness in time (days since the
    step before)."""

    kind: str  # first, cue, reference, time
    cues: tuple[str, ...] = ()
    days: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "cues": list(self.cues), "days": self.days}


@dataclass(frozen=True, slots=True)
class Summary:
    outcome: str  # open, escalated, complied, refused
    first_day: date
    last_day: date
    harshest: str | None  # the type of the harshest state act (at or after the start)
    harshest_status: str | None
    start_day: date | None  # the state's first act: its first demand, or what opened it
    days_to_compliance: int | None
    days_to_harshest: int | None
    fines_eur: float
    fines_usd: float
    n_fines: int
    n_unconverted: int  # fines with no reference rate: left out of the totals
    matter: tuple[str, ...]  # every matter and law the steps name


def _level(s: Step) -> int:
    level = LEVEL.get(s.type, 0)
    return min(level, THREAT) if s.status != "done" else level


def summarise(steps: list[Step]) -> Summary:
    """A dispute's stage, durations and fine totals from its steps (in order)."""
    acts = [s for s in steps if not s.is_response]
    responses = [s for s in steps if s.is_response]
    last_response = responses[-1] if responses else None
    coercive = [s for s in acts if s.status == "done" and LEVEL.get(s.type, 0) >= COERCIVE]
    if last_response is not None and not any(
        s.order() > last_response.order() for s in coercive
    ):
        outcome = "complied" if last_response.type == "COMPLIANCE" else "refused"
    elif coercive:
        outcome = "escalated"
    else:
        outcome = "open"
    start = acts[0] if acts else None  # the first demand, or whatever act opened it
    harshest: Step | None = None
    days_to_harshest = days_to_compliance = None
    if start is not None:
        after = [s for s in acts if s.order() >= start.order()]
        top = max(_level(s) for s in after)
        harshest = next(s for s in after if _level(s) == top)
        days_to_harshest = (harshest.day - start.day).days
        complied = [s for s in responses if s.type == "COMPLIANCE" and s.day >= start.day]
        if complied:
            days_to_compliance = (complied[0].day - start.day).days
    fines = [s for s in acts if s.type == "FINE" and s.status == "done"]
    return Summary(
        outcome=outcome,
        first_day=steps[0].day,
        last_day=max(s.day for s in steps),
        harshest=harshest.type if harshest else None,
        harshest_status=harshest.status if harshest else None,
        start_day=start.day if start else None,
        days_to_compliance=days_to_compliance,
        days_to_harshest=days_to_harshest,
        fines_eur=round(sum(s.eur for s in fines if s.eur is not None), 2),
        fines_usd=round(sum(s.usd for s in fines if s.usd is not None), 2),
        n_fines=len(fines),
        n_unconverted=sum(1 for s in fines if s.eur is None),
        matter=tuple(sorted({c for s in steps for c in s.cues})),
    )


def _links(steps: list[Step], rules: DisputeRules) -> list[Link]:
    out: list[Link] = []
    named: set[str] = set()
    for i, s in enumerate(steps):
        if i == 0:
            out.append(Link("first"))
        elif shared := s.cues & named:
            out.append(Link("cue", tuple(sorted(shared))))
        elif s.refers and (back := _latest_referent(s, steps[:i], rules)) is not None:
            out.append(Link("reference", days=(s.day - back.day).days))
        else:
            out.append(Link("time", days=(s.day - steps[i - 1].day).days))
        named |= s.cues
    return out


def _latest_referent(s: Step, earlier: list[Step], rules: DisputeRules) -> Step | None:
    """The latest of `earlier` (in order) that `s` refers back to."""
    floor = s.lo.toordinal() - rules.dispute_reference_days - SPAN
    for x in reversed(earlier):
        if x.day.toordinal() < floor:
            return None
        if _refers_to(s, x, rules):
            return x
    return None


def stage(outcome: str, last_day: date, newest: date | None, rules: DisputeRules) -> str:
    """A dispute's stage as of the newest step of the record: `ended` once it has been
    quiet for `dispute_dormant_days`, else its outcome."""
    if newest is not None and (newest - last_day).days > rules.dispute_dormant_days:
        return "ended"
    return outcome


@dataclass(slots=True)
class Dispute:
    """One state against one platform over one matter."""

    key: str  # readable and order-independent: ru-twitter-2021-01-23
    state: str
    platform: str
    component: str  # the component it was split from: what the store recomputes together
    steps: list[Step]
    links: list[Link]
    summary: Summary


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def platform_slug(group: str) -> str:
    owner = owner_name(group)
    return _slug(owner) if owner else _slug(group)


def _base_key(state: str, group: str, first: Step) -> str:
    return f"{state.lower()}-{platform_slug(group)}-{first.date or first.day.isoformat()}"


def link_disputes(steps: Iterable[Step], rules: DisputeRules | None = None) -> list[Dispute]:
    """The disputes of `steps`: every step in exactly one, whatever the order given.

    Steps of different states or platform groups never share a dispute. The result over a
    union of whole components is that of the components alone (what lets the store link
    incrementally)."""
    rules = rules or DisputeRules()
    by_part: dict[tuple[str, str], list[Step]] = {}
    for s in steps:
        by_part.setdefault(s.part, []).append(s)
    out: list[Dispute] = []
    for part in sorted(by_part):
        for comp in components(by_part[part], rules):
            component = min(s.key for s in comp)
            thread = _threads(comp, rules)
            groups: dict[str, list[Step]] = {}
            for s in comp:
                groups.setdefault(thread[s.key], []).append(s)
            made = [
                Dispute(_base_key(*part, g[0]), part[0], part[1], component, g,
                        _links(g, rules), summarise(g))
                for g in sorted(groups.values(), key=lambda g: g[0].order())
            ]
            # Disputes starting on one date are always in one component (their first
            # steps are within any gap of each other), so names are made unique here.
            seen: dict[str, int] = {}
            for d in made:
                n = seen[d.key] = seen.get(d.key, 0) + 1
                if n > 1:
                    d.key = f"{d.key}-{n}"
            out.extend(made)
    return out
