"""Turn triggers in a sentence into events with actor, targets, money, date and status.

The approach is deliberately transparent: a trigger (from the language pack) fixes the
event type and the voice; the voice says where the actor and the targets sit (subject
before the trigger, objects after it up to the end of the clause). Names come from the
gazetteer; pronouns and descriptions ("the regulator", "the company") are resolved to the
most recent fitting entity. Every event keeps its sentence as evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from clampdown.extract.language import Anaphor, LanguagePack, Trigger
from clampdown.model import RESPONSE_TYPES, DateMention, Entity, Event, Money, Span

AUTHORITY_ROLES = frozenset({"authority"})
_POSSESSIVE = re.compile(r"^['’]s?\b")


@dataclass(frozen=True, slots=True)
class Ref:
    """An entity referred to at a place: by its name, or by a resolved anaphor."""

    entity: Entity
    start: int
    end: int
    possessive: bool = False


@dataclass(slots=True)
class DocContext:
    """What extraction knows about the whole document while it reads one sentence."""

    text: str
    pack: LanguagePack
    mentions: list[Ref]
    money: list[Money]
    dates: list[DateMention]
    authority_counts: Counter[str] = field(default_factory=Counter)
    country_counts: Counter[str] = field(default_factory=Counter)
    countries: dict[str, Entity] = field(default_factory=dict)
    published: str | None = None
    by_id: dict[str, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ref in self.mentions:
            self.by_id[ref.entity.id] = ref.entity
            if ref.entity.role == "authority":
                self.authority_counts[ref.entity.id] += 1
            if ref.entity.country:
                self.country_counts[ref.entity.country] += ref.entity.role != "platform"

    def recent(
        self,
        before: int,
        roles: frozenset[str],
        kinds: frozenset[str],
        exclude: set[str] | frozenset[str] = frozenset(),
    ) -> Ref | None:
        """The last entity of a role (and kind) named before a position."""
        for ref in reversed(self.mentions):
            if ref.end > before or ref.entity.id in exclude:
                continue
            if ref.entity.role in roles and (not kinds or ref.entity.kind in kinds):
                return ref
        return None

    def recent_group(self, before: int) -> list[Ref]:
        """The platforms named in the last sentence-sized stretch that named any."""
        last = self.recent(before, frozenset({"platform"}), frozenset())
        if last is None:
            return []
        group = [
            r
            for r in self.mentions
            if r.entity.role == "platform" and last.start - 200 <= r.start <= last.start
            and not r.possessive
        ]
        return _unique(group) or [last]

    def main_authority(self, country: str | None = None) -> Entity | None:
        for ent_id, _ in self.authority_counts.most_common():
            ent = self.by_id[ent_id]
            if country is None or ent.country == country:
                return ent
        return None

    def main_country(self) -> str | None:
        common = self.country_counts.most_common(1)
        return common[0][0] if common else None


def _unique(refs: list[Ref]) -> list[Ref]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.entity.id not in seen:
            seen.add(r.entity.id)
            out.append(r)
    return out


@dataclass(frozen=True, slots=True)
class _Hit:
    trigger: Trigger
    start: int  # offsets in the document
    end: int
    head_end: int  # end of the trigger's first word: objects may sit inside a long trigger


def _triggers(pack: LanguagePack, sent: Span) -> list[_Hit]:
    hits: list[_Hit] = []
    for trig in pack.triggers:
        for m in trig.regex.finditer(sent.text):
            head = re.match(r"\S+", m.group())
            head_len = head.end() if head else len(m.group())
            hits.append(
                _Hit(trig, sent.start + m.start(), sent.start + m.end(),
                     sent.start + m.start() + head_len)
            )
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for h in hits:
        # Within one type, a longer trigger covering a shorter one wins.
        if any(k.trigger.type == h.trigger.type and k.start <= h.start < k.end for k in kept):
            continue
        kept.append(h)
    return kept


class SentenceReader:
    """Extracts the events of one sentence given the document context."""

    def __init__(self, ctx: DocContext, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.pack = ctx.pack
        self.refs = [r for r in ctx.mentions if sent.start <= r.start and r.end <= sent.end]
        self.anaphors = self._anaphors()

    # -- references -------------------------------------------------------------------

    def _anaphors(self) -> list[tuple[int, int, list[Anaphor]]]:
        found: dict[tuple[int, int], list[Anaphor]] = {}
        for an in self.pack.anaphora:
            for m in an.regex.finditer(self.sent.text):
                s, e = self.sent.start + m.start(), self.sent.start + m.end()
                if any(r.start < e and s < r.end for r in self.refs):
                    continue
                found.setdefault((s, e), []).append(an)
        spans = sorted(found, key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[tuple[int, int, list[Anaphor]]] = []
        for s, e in spans:
            if out and s < out[-1][1]:
                continue
            out.append((s, e, found[(s, e)]))
        return out

    def _resolve(self, start: int, anaphors: list[Anaphor], role: str) -> list[Ref]:
        for an in anaphors:
            if an.role != role:
                continue
            if an.plural and role == "platform":
                return self.ctx.recent_group(start)
            ref = self.ctx.recent(start, frozenset({role}), an.kinds)
            if ref is None and an.kinds:
                ref = self.ctx.recent(start, frozenset({role}), frozenset())
            if ref is not None:
                return [Ref(ref.entity, start, start)]
        return []

    def _is_possessive(self, ref: Ref) -> bool:
        after = self.ctx.text[ref.end : ref.end + 40]
        if not _POSSESSIVE.match(after):
            return False
        rest = after[2:].lstrip() if after.startswith(("'s", "’s")) else after[1:].lstrip()
        return not self.pack.agent_nouns.match(rest)

    def subject(self, before: int, expected: str) -> tuple[str, list[Ref]]:
        """The nearest name or anaphor before a position: (role, entities)."""
        best_end, best = -1, ("", [])
        for ref in self.refs:
            if ref.end > before or self._is_possessive(ref):
                continue
            if ref.end > best_end:
                best_end, best = ref.end, (ref.entity.role, [ref])
        for s, e, ans in self.anaphors:
            if e > before or e <= best_end:
                continue
            roles = {a.role for a in ans}
            role = expected if expected in roles else next(iter(roles))
            resolved = self._resolve(s, ans, role)
            if resolved:
                best_end, best = e, (role, resolved)
        role, refs = best
        if role == "platform" and refs and len(refs) == 1 and refs[0].end > refs[0].start:
            refs = self._list_backward(refs[0], frozenset({"platform"}))
        return role, refs

    def _list_backward(self, last: Ref, roles: frozenset[str]) -> list[Ref]:
        items = [last]
        for ref in reversed(self.refs):
            if ref.end > items[-1].start or ref.entity.role not in roles:
                continue
            gap = self.ctx.text[ref.end : items[-1].start]
            if not self.pack.list_glue.match(gap):
                break
            items.append(ref)
        return list(reversed(items))

    def objects(self, hit: _Hit, roles: frozenset[str]) -> list[Ref]:
        """Entities of the allowed roles in the clause after the trigger, as one list."""
        region_end = self.sent.end
        stop = self.pack.clause_stops.search(self.ctx.text, hit.end, self.sent.end)
        if stop:
            region_end = stop.start()
        items: list[Ref] = []
        candidates = [r for r in self.refs if hit.head_end <= r.start and r.end <= region_end]
        for s, e, ans in self.anaphors:
            if hit.head_end <= s and e <= region_end:
                for role in roles:
                    candidates.extend(Ref(r.entity, s, e) for r in self._resolve(s, ans, role))
        candidates.sort(key=lambda r: r.start)
        accept = roles | ({"authority"} if "country" in roles else set())
        for ref in candidates:
            if ref.entity.role not in accept:
                continue
            if self._is_possessive(ref) and any(
                c.start > ref.end and c.entity.role in roles for c in candidates
            ):
                continue
            if items:
                gap = self._without_money(items[-1].end, ref.start)
                if not self.pack.list_glue.match(gap):
                    break
            items.append(ref)
        return _unique(items)

    def _without_money(self, start: int, end: int) -> str:
        gap = self.ctx.text[start:end]
        for m in self.ctx.money:
            if start <= m.start and m.end <= end:
                gap = gap.replace(self.ctx.text[m.start : m.end], " ")
        return re.sub(r"\([^)]*\)", " ", gap)

    def by_agent(self, hit: _Hit) -> Ref | None:
        """The authority named after 'by' in a passive clause."""
        for ref in self.refs:
            if ref.start >= hit.end and ref.entity.role == "authority":
                between = self.ctx.text[hit.end : ref.start]
                if re.search(r"\bby\b", between) and len(between) < 60:
                    return ref
        return None

    # -- fields -----------------------------------------------------------------------

    def _window(self, start: int, end: int) -> str:
        return self.ctx.text[start:end] if end > start else ""

    def status(self, hit: _Hit, subject_end: int) -> str:
        window = self._window(max(subject_end, self.sent.start), hit.start)
        if self.pack.announced.search(window) or self.pack.announced.fullmatch(
            self.ctx.text[hit.start : hit.end].split()[0]
        ):
            return "announced"
        return "done"

    def negated(self, hit: _Hit, subject_end: int) -> bool:
        window = self._window(max(subject_end, self.sent.start), hit.start)
        return bool(self.pack.negation.search(window))

    def date_near(self, pos: int, status: str = "done") -> str | None:
        """The date expression of the sentence closest to a position.

        A done act cannot postdate the report, so later dates only date announced acts.
        """
        inside = [d for d in self.ctx.dates if self.sent.start <= d.start < self.sent.end]
        pub = self.ctx.published
        inside = [
            d for d in inside
            if d.value and (status != "done" or pub is None or d.value[: len(pub)] <= pub)
        ]
        if not inside:
            return None
        return min(inside, key=lambda d: min(abs(d.start - pos), abs(d.end - pos))).value

    def amounts(self) -> list[Money]:
        return [
            m
            for m in self.ctx.money
            if self.sent.start <= m.start < self.sent.end and not m.converted
        ]

    # -- events -----------------------------------------------------------------------

    def events(self) -> list[Event]:
        out: list[Event] = []
        for hit in _triggers(self.pack, self.sent):
            if hit.trigger.voice == "response":
                out.extend(self._response(hit))
            else:
                out.extend(self._authority_act(hit))
        return out

    def _authority_act(self, hit: _Hit) -> list[Event]:
        etype = hit.trigger.type
        roles = self.pack.roles_for(etype)
        role, subj = self.subject(hit.start, "authority")
        subject_end = max((r.end for r in subj), default=self.sent.start)
        if hit.trigger.voice == "passive":
            targets = [r for r in subj if r.entity.role in roles]
            agent = self.by_agent(hit)
            actor = agent.entity if agent else None
            if actor is None and subj and not targets and role == "authority":
                actor = subj[0].entity
        else:
            if role == "platform":
                return []  # a platform acting on its own is not state pressure
            targets = self.objects(hit, roles)
            if not targets:
                targets = [
                    r for r in self.refs
                    if subject_end <= r.start < hit.start and r.entity.role in roles
                ][:1]
            actor = subj[0].entity if subj and role in ("authority", "country") else None
        if not targets or self.negated(hit, subject_end):
            return []
        targets = [self._as_state(r, roles) for r in targets]
        exclude = {r.entity.id for r in targets}
        actor = self._actor_fallback(actor, hit.start, exclude)
        status = self.status(hit, subject_end)
        return self._make(etype, actor, targets, hit, status)

    def _response(self, hit: _Hit) -> list[Event]:
        etype = hit.trigger.type
        role, subj = self.subject(hit.start, "platform")
        if role != "platform" or not subj:
            return []
        subject_end = max(r.end for r in subj)
        if self.negated(hit, subject_end):
            if etype != "COMPLIANCE":
                return []
            etype = "REFUSAL"
        authority = next(
            (r.entity for r in self.refs if r.start >= hit.end and r.entity.role == "authority"),
            None,
        )
        if authority is None:
            ref = self.ctx.recent(hit.start, AUTHORITY_ROLES, frozenset())
            authority = ref.entity if ref else self.ctx.main_authority()
        events = []
        for ref in subj:
            events.append(
                self._event(etype, ref.entity, authority, "done", hit, country=None)
            )
        return events

    def _as_state(self, ref: Ref, roles: frozenset[str]) -> Ref:
        """An official stands for their state where only states can be targets."""
        if ref.entity.role == "authority" and "authority" not in roles and "country" in roles:
            state = self.ctx.countries.get(ref.entity.country or "")
            if state is not None:
                return Ref(state, ref.start, ref.end)
        return ref

    def _actor_fallback(
        self, actor: Entity | None, pos: int, exclude: set[str]
    ) -> Entity | None:
        if actor is None:
            actor = self.attribution()
        if actor is not None and actor.role == "country":
            return self.ctx.main_authority(actor.country) or actor
        if actor is None:
            ref = self.ctx.recent(pos, AUTHORITY_ROLES, frozenset(), exclude)
            return ref.entity if ref else self.ctx.main_authority()
        return actor

    def attribution(self) -> Entity | None:
        """The authority a sentence is attributed to (", the minister said.")."""
        m = self.pack.attribution.search(self.sent.text)
        if not m:
            return None
        start = self.sent.start + m.start()
        for ref in self.refs:
            if ref.start >= start and ref.entity.role == "authority":
                return ref.entity
        return None

    def _make(
        self, etype: str, actor: Entity | None, targets: list[Ref], hit: _Hit, status: str
    ) -> list[Event]:
        events: list[Event] = []
        amounts = self.amounts() if etype == "FINE" else []
        if etype == "FINE" and len(targets) == 1 and len(amounts) > 1:
            for money in amounts:
                ev = self._event(etype, actor, targets[0].entity, status, hit, money=money)
                ev.date = self.date_near(money.start, status) or ev.date
                events.append(ev)
            return events
        for i, target in enumerate(targets):
            if actor is not None and target.entity.id == actor.id:
                continue
            money = None
            if amounts:
                money = amounts[i] if len(amounts) == len(targets) else self._nearest(amounts, hit)
            events.append(self._event(etype, actor, target.entity, status, hit, money=money))
        return events

    @staticmethod
    def _nearest(amounts: list[Money], hit: _Hit) -> Money:
        return min(amounts, key=lambda m: abs(m.start - hit.end))

    def _event(
        self,
        etype: str,
        actor: Entity | None,
        target: Entity | None,
        status: str,
        hit: _Hit,
        money: Money | None = None,
        country: str | None = None,
    ) -> Event:
        authority = target if etype in RESPONSE_TYPES else actor
        country = country or (authority.country if authority else None) or self.ctx.main_country()
        ev = Event(
            type=etype,
            actor=actor.name if actor else None,
            target=target.name if target else None,
            country=country,
            evidence=self.sent.text,
            start=self.sent.start,
            end=self.sent.end,
            status=status,
            date=self.date_near(hit.start, status),
            actor_id=actor.id if actor else None,
            target_id=target.id if target else None,
        )
        if money is not None:
            ev.currency = money.currency
            if money.amount is not None:
                ev.amount = money.amount
            elif money.low is not None and money.high is not None:
                ev.amount_range = [money.low, money.high]
        return ev


def merge_duplicates(events: list[Event]) -> list[Event]:
    """One event per act: reports of the same act in one document become one."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if _same_act(k, ev)), None)
        if twin is None:
            kept.append(ev)
            continue
        for name in ("date", "amount", "amount_range", "currency", "actor", "actor_id"):
            if getattr(twin, name) is None and getattr(ev, name) is not None:
                setattr(twin, name, getattr(ev, name))
    return kept


def _same_act(a: Event, b: Event) -> bool:
    if (a.type, a.status) != (b.type, b.status):
        return False
    key, other = ("actor_id", "target_id") if a.type in RESPONSE_TYPES else ("target_id", "actor_id")
    if getattr(a, key) != getattr(b, key):
        return False
    x, y = getattr(a, other), getattr(b, other)
    if x and y and x != y:
        return False
    for name in ("date", "amount"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    return True
