"""Events made from an act's parties and fields: the actor when the sentence names none,
each target's event with its amount and dates, and the platforms of gapped clauses
("fined A $15m, B $17m"). The third layer of the sentence reader, shared by the acts of
authorities (`events.py`) and the responses of platforms (`responses.py`).
"""

from __future__ import annotations

import re

from clampdown.extract.context import Ref
from clampdown.extract.fields import FieldReader
from clampdown.extract.money import home_country, local_currency
from clampdown.extract.references import AUTHORITY, PERSON_KINDS, STATE_ROLES
from clampdown.extract.triggers import Hit
from clampdown.model import RELATIVE, RESPONSE_TYPES, DateMention, Entity, Event, Money

_PAIR_DISTANCE = 40
# Between a verb and a subject that follows it: a few words (articles, adjectives), no
# punctuation.
_SUBJECT_GAP = re.compile(r"\s*(?:[^\W\d_][\w-]*\s+){0,3}")


# Acts no platform does to a state, and a platform doing them on its own is no state
# pressure: platforms before one of them with a state right after its verb are the objects
# put first; a platform as the subject of a verb-final clause telling one is its own act.
FRONTED_ACTS = frozenset({"BLOCK", "THROTTLE", "FINE"})


class EventAssembler(FieldReader):
    """Makes events from what the sentence reader found: actor, targets, amounts, dates."""

    def subject_after_verb(self, hit: Hit) -> list[Ref]:
        """The subject right after a verb whose clause opens with something else
        (`subject_after_verb`: "Am Montag sperrte die Behörde X"), else nothing."""
        lo = self._clause(hit.start)[0]
        opening = self.ctx.text[lo : hit.start]
        comma = opening.rfind(",")
        if not any(
            self.pack.subject_after_verb.match(part)
            for part in (opening, opening[comma + 1 :] if comma >= 0 else "")
            if part.strip()
        ):
            return []
        return self.first_after_verb(hit)

    def first_after_verb(self, hit: Hit) -> list[Ref]:
        """The name (or the reference back) right after a verb, with only articles,
        adjectives and service nouns between, else nothing."""
        following: list[tuple[int, list[Ref]]] = [
            (r.start, [] if r.possessive else [r])
            for r in self.refs
            if hit.head_end <= r.start < self.sent.end
        ]
        for an in self.anaphors:
            if hit.head_end <= an.start < self.sent.end:
                found = self._resolve(an, "authority") or self._resolve(an, "platform")
                following.append((an.start, found[:1]))
        if not following:
            return []
        start, refs = min(following, key=lambda f: f[0])
        # Only articles and adjectives before it, and service nouns ("der Messenger X"): a
        # capitalised word there is the subject the names missed ("Brüssel verhängte").
        gap = self.pack.platform_cues.sub(" ", self.ctx.text[hit.head_end : start])
        if not _SUBJECT_GAP.fullmatch(gap) or gap != gap.lower():
            return []
        return refs

    def fronted_state(self, hit: Hit) -> Ref | None:
        """The state right after an active block, slowdown or fine's verb in a language
        that may put the object first (`fronts_objects`: "Große Netzwerke wie X und
        Facebook hat Russland bereits blockiert"), else None."""
        if not self.pack.fronts_objects or hit.trigger.voice != "active":
            return None
        if hit.trigger.type not in FRONTED_ACTS:
            return None
        after = self.first_after_verb(hit)
        if not after or after[0].entity.role not in STATE_ROLES:
            return None
        if self.pack.preposition_before.search(self.ctx.text, hit.head_end, after[0].start):
            return None  # "hat in Russland Kanäle gesperrt": a place, not a subject
        return after[0]

    def _state_clause_before(self, hit: Hit) -> bool:
        """Whether `hit` ends a verb-final clause that a block, slowdown or fine opened at
        its conjunction with a state as its subject (`verb_final_opening`: "..., als die
        Türkei Twitter sperrte"): the platform before the verb is that act's object."""
        for h in self.hits:
            if not (self.sent.start <= h.start < hit.start) or h.trigger.type not in FRONTED_ACTS:
                continue
            if not self.pack.verb_final_opening.fullmatch(self.ctx.text, h.start, h.head_end):
                continue
            if self.clause_stop(h.head_end, hit.start):
                continue
            first = self.first_after_verb(h)
            if first and first[0].entity.role in STATE_ROLES:
                return True
        return False

    def actor_fallback(self, actor: Entity | None, pos: int, exclude: set[str]) -> Entity | None:
        if actor is not None and actor.kind == "court":
            return self._judge_of(actor, pos) or actor
        if actor is None:
            actor = self.attribution()
        if actor is None:
            # An unnamed actor is the state that acted last (not whoever was named last),
            # else the authority named last; before any, the state the story is about.
            last = self.ctx.latest_actor
            if last is not None and last.role in STATE_ROLES and last.id not in exclude:
                return self.named_since(last, pos, exclude) or last
            ref = self.ctx.recent(pos, AUTHORITY, exclude=exclude)
            if ref is None:  # "замедление Twitter, которое Роскомнадзор инициировал"
                ref = next(
                    (
                        r
                        for r in self.refs
                        if r.start >= pos
                        and r.entity.role == "authority"
                        and r.entity.id not in exclude
                        and not self.in_phrase(r)  # "filed a suit in the X Court": where
                    ),
                    None,
                )
            if ref is not None:
                return ref.entity
            return self.ctx.story_state_besides(pos, self.sent.end) or self.ctx.main_authority()
        return actor

    def _judge_of(self, court: Entity, pos: int) -> Entity | None:
        """The judge named right after the court read as the actor, before the verb: the
        court only says whose judge acted ("Brezilya Yüksek Mahkemesi yargıcı Moraes ...
        emretti", "the Supreme Court, Alexandre de Moraes, ordered")."""
        refs = [r for r in self.refs if self.sent.start <= r.start and r.end <= pos]
        for i, ref in enumerate(refs[:-1]):
            if ref.entity.id != court.id:
                continue
            nxt = refs[i + 1]
            gap = self.ctx.text[ref.end : nxt.start]
            if (
                nxt.entity.role == "authority"
                and nxt.entity.kind in PERSON_KINDS
                and nxt.entity.country in (None, court.country)
                and len(gap.split()) <= 1
                and gap.count(",") <= 1
            ):
                return nxt.entity
        return None

    def named_since(
        self, last: Entity, pos: int, exclude: set[str] | frozenset[str]
    ) -> Entity | None:
        """A body or official of the state that acted last, named after that state was
        (or the state only stood in for an unnamed actor): "O ministro ..." read as the
        state, then "por parte do ministro X" names who acts. A vague actor (the state, a
        country's courts in general) gives way to it; a named body does not."""
        if last.role != "country" and not last.generic:
            return None
        since = -1
        for mention in self.ctx.mentions:
            if mention.end > pos:
                break
            if mention.entity.id == last.id and not self.pack.person_heads.match(
                self.ctx.text, mention.end
            ):  # "nicht gegen russische Nutzer": the state's people, not the state
                since = mention.end
        ref = self.ctx.recent(pos, AUTHORITY, exclude=exclude, skip_sources=True)
        if ref is None or ref.start < since or ref.entity.id == last.id:
            return None
        ent = ref.entity
        if ent.generic or (ent.country and last.country and ent.country != last.country):
            return None
        return ent

    def make_events(
        self, etype: str, actor: Entity | None, targets: list[Ref], hit: Hit, status: str
    ) -> list[Event]:
        targets = [t for t in targets if actor is None or t.entity.id != actor.id]
        amounts = self.amounts(hit) if etype == "FINE" else []
        if etype == "FINE" and not amounts and self.ctx.pending_amounts:
            amounts = self.ctx.pending_amounts
        if len(targets) > 1:
            amounts = _without_total(amounts, len(targets))
        if len(amounts) > len(targets):  # "fined A 15m, B – 17m": B's clause repeats the act
            targets = targets + self._gapped_targets(hit, targets)
        if not amounts:
            dates = self.date_list(hit)
            if len(dates) > 1:  # "blocked in December 2015, May 2016 and July 2016"
                return [
                    self.make_event(etype, actor, t.entity, status, hit, date=d)
                    for t in targets
                    for d in dates
                ]
            return [self.make_event(etype, actor, t.entity, status, hit) for t in targets]
        if len(targets) > 1 and len(amounts) == 1 and self._joint(amounts[0]):
            # "fined A and B a combined 390 million": no one target's sum
            return [self.make_event(etype, actor, t.entity, status, hit) for t in targets]
        pairs = self._pair(targets, amounts)
        events = []
        for target, money in pairs:
            ev = self.make_event(etype, actor, target.entity, status, hit, money=money)
            if len(amounts) > 1:
                near, basis = self.dated(money.start, status, money.end, own_part=True)
                if near or basis.kind == RELATIVE:  # one with no value yet, too
                    ev.date, ev.date_basis = near or ev.date, basis
            events.append(ev)
        return events

    def _joint(self, money: Money) -> bool:
        """An amount told as the sum of several targets' fines ("a combined", "a total of")."""
        before = self.ctx.text[max(self.sent.start, money.start - 40) : money.start]
        after = self.ctx.text[money.end : min(self.sent.end, money.end + 60)]
        return bool(
            self.pack.joint_total.search(before.lower())
            or self.pack.joint_total_after.match(after.lower())
        )

    def _pair(self, targets: list[Ref], amounts: list[Money]) -> list[tuple[Ref, Money]]:
        """Each amount to the target named beside it, else in the order both are told.

        "fined A 21m and B 5m" names each target before its amount, "21m for A and 5m for
        B" after it; the reading that gives each target exactly one amount wins. As many
        amounts as targets that no nearness pairs, told in turn ("A was fined 4m, B and C
        17m and 15m": an amount before the last target), go one to each in the order told,
        as with "respectively"; where all the targets come first ("A and B were fined 10m
        in May and 30m in June") every target gets each amount.
        """
        if len(targets) > 1 and len(amounts) == len(targets):
            if self.pack.respectively.search(self.ctx.text, self.sent.start, self.sent.end):
                return list(zip(targets, amounts, strict=True))
            ids = {t.entity.id: t for t in targets}
            refs = [r for r in self.refs if r.entity.id in ids]
            readings = []
            for after in (False, True):
                pairs: list[tuple[Ref, Money]] = []
                total = 0
                for money in amounts:
                    side = [
                        r for r in refs if (r.start >= money.end if after else r.end <= money.start)
                    ]
                    best = min(side, key=lambda r: _distance(r, money), default=None)
                    if best is None or _distance(best, money) > _PAIR_DISTANCE:
                        break
                    pairs.append((ids[best.entity.id], money))
                    total += _distance(best, money)
                if len(pairs) == len(amounts) and len({t.entity.id for t, _ in pairs}) == len(
                    pairs
                ):
                    readings.append((total, pairs))
            if readings:
                return min(readings, key=lambda r: r[0])[1]
            # "WhatsApp – 4 million, Twitter and Facebook – 17 and 15 million": no one
            # platform beside each sum, but each named before its own, in the same order,
            # and the sums told as one list where no platform stands between them (not
            # "fined 10 million in November and a further 30 million": both fines of each)
            named = sorted(targets, key=lambda t: t.start)
            told = sorted(amounts, key=lambda m: m.start)
            text, glue = self.ctx.text, self.pack.list_glue

            def joined(a: Money, b: Money) -> bool:
                return any(a.end <= t.start < b.start for t in named) or bool(
                    glue.match(text[a.end : b.start])
                )

            if all(t.end <= m.start for t, m in zip(named, told, strict=True)) and all(
                joined(a, b) for a, b in zip(told, told[1:], strict=False)
            ):
                return list(zip(named, told, strict=True))
        return [(t, m) for t in targets for m in amounts]

    def make_event(
        self,
        etype: str,
        actor: Entity | None,
        target: Entity | None,
        status: str,
        hit: Hit,
        money: Money | None = None,
        date: DateMention | None = None,
    ) -> Event:
        authority = target if etype in RESPONSE_TYPES else actor
        value: str | None
        if date is not None and date.value:  # one of a list of dates, each an act
            value, basis = date.value, self.basis_of(date)
        else:
            value, basis = self.dated(hit.start, status)
        country = (authority.country if authority else None) or self.ctx.main_country()
        ev = Event(
            type=etype,
            actor=actor.name if actor else None,
            target=target.name if target else None,
            country=country,
            evidence=self.sent.text,
            start=self.sent.start,
            end=self.sent.end,
            status=status,
            date=value,
            actor_id=actor.id if actor else None,
            target_id=target.id if target else None,
            actor_entity=actor,
            date_basis=basis,
        )
        low = self.ctx.low
        ev.possible = bool(
            self.pack.possibility.search(low, max(self.sent.start, hit.start - 40), hit.start)
            or self.pack.possibility.match(low[hit.start : hit.head_end] + " ")
        )
        ev.proposed = bool(
            self.pack.proposal.search(low, max(self.sent.start, hit.start - 60), hit.start)
        )
        if money is not None:
            ev.currency = local_currency(self.ctx.text, money, country, self.pack.code)
            if ev.country is None:  # no body, no country named: where its money is
                ev.country = home_country(ev.currency)
            if money.amount is not None:
                ev.amount = money.amount
            elif money.low is not None and money.high is not None:
                ev.amount_range = [money.low, money.high]
        return ev

    def _gapped(self, hit: Hit) -> list[tuple[Ref, bool]]:
        """Platforms of gapped clauses that repeat the act after it ("..., а Google — три
        штрафа", "fined A $15m, B $17m"), each with whether its own clause is negated
        ("Facebook оплатила штраф, Twitter — не оплатил")."""
        out = []
        for m in self.pack.gapping.finditer(self.ctx.text, hit.end, self.sent.end):
            comma = self.ctx.text.find(",", m.end(), self.sent.end)
            rest = self.ctx.text[m.end() : comma if comma >= 0 else self.sent.end]
            negated = bool(self.pack.response_negation.search(rest))
            out += [
                (ref, negated)
                for ref in self.refs
                if ref.entity.role == "platform" and m.start("name") <= ref.start < m.end("name")
            ]
        return out

    def _gapped_targets(self, hit: Hit, targets: list[Ref]) -> list[Ref]:
        """Platforms of gapped clauses after the act that are not its targets yet."""
        taken = {t.entity.id for t in targets}
        out = []
        for ref, _ in self._gapped(hit):
            if ref.entity.id not in taken:
                taken.add(ref.entity.id)
                out.append(ref)
        return out


def _without_total(amounts: list[Money], n_targets: int) -> list[Money]:
    """The amounts less one that adds up the others, where the rest give each target one
    ("up to 68 billion won, including 47.5 billion for A and 20.5 billion for B")."""
    if len(amounts) != n_targets + 1:
        return amounts
    for total in amounts:
        rest = [m for m in amounts if m is not total]
        if total.amount is None or any(m.amount is None for m in rest):
            continue
        if any(m.currency != total.currency for m in rest):
            continue
        parts = sum(m.amount for m in rest if m.amount is not None)
        if abs(parts - total.amount) <= 0.005 * total.amount:
            return rest
    return amounts


def _distance(ref: Ref, money: Money) -> int:
    return max(money.start - ref.end, ref.start - money.end, 0)
