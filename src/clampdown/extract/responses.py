"""A platform's answer to a state: COMPLIANCE or REFUSAL, with the authority it answered.

The platform is the subject; negating a compliance verb makes a refusal; refusing "its
demand" also states the demand. The gates here keep out what only looks like an answer:
a reply to the press, an owed or conditional act, a platform's own rules or its removal
of an official's post, a refusal told only as the cause of a penalty, a disputed finding.
"""

from __future__ import annotations

import re

from clampdown.extract.assembly import EventAssembler
from clampdown.extract.context import Ref
from clampdown.extract.guards import search
from clampdown.extract.references import AUTHORITY, PERSON_KINDS, STATE_ROLES
from clampdown.extract.triggers import Hit
from clampdown.model import DateBasis, Entity, Event

# A word of two letters or more: between a name and the noun after it, none may stand
# but a possessive mark ("de Moraes' demands", "the minister's order").
_WORDS = re.compile(r"[^\W\d_]{2,}")


class ResponseReader(EventAssembler):
    """Reads the responses of platforms in a sentence (the `response` voices of a pack)."""

    def response(self, hit: Hit) -> list[Event]:
        etype = hit.trigger.type
        before = self.ctx.text[self.sent.start : hit.start]
        sent, pack = self.sent, self.pack
        if self.holds(pack.non_answer, sent.start, sent.end):
            for m in pack.non_answer.finditer(self.ctx.text, sent.start, sent.end):
                if m.start() < hit.end and hit.start < m.end():
                    return []  # "declined to comment" answers the press, not an authority
        progressive = self._participle(hit)
        passive = (
            self.holds(pack.passive_before, sent.start, hit.start)
            and bool(pack.passive_before.search(before))
            and not progressive
        )
        if self.holds(pack.obligation_before, sent.start, hit.start) and (
            pack.obligation_before.search(before)
        ):
            return []  # "must pay the fine", "was ordered to remove": owed, not done
        if search(pack.condition_before, self.ctx.text, self.ctx.low, sent.start, hit.head_end):
            return []  # "suspended until it complies": a condition, not a response
        if passive:
            # "was blocked" is done to a platform; "were removed by X" is X's own act
            agent = self.by_agent(hit, "platform") or self._host_of_subject(hit)
            role, subj = ("platform", [agent]) if agent else ("", [])
        elif hit.trigger.voice == "response_after":
            # A noun naming the refusal, the platform right after it ("отказ Telegram ...").
            following = [
                r
                for r in self.refs
                if r.entity.role == "platform"
                and hit.end <= r.start <= hit.end + 25
                and not r.possessive
            ]
            role, subj = ("platform", following[:1]) if following else ("", [])
        else:
            role, subj = self.subject(hit, "platform")
            inverted = self.subject_after_verb(hit)
            if inverted and inverted[0].entity.role == "platform":
                role, subj = "platform", inverted  # "Am Montag löschte Telegram die Kanäle"
            elif role == "platform" and any(
                h.start == hit.start and self.fronted_state(h) is not None for h in self.hits
            ):
                return []  # "X und Facebook hat Russland blockiert": the objects put first
            elif role == "platform" and self._state_clause_before(hit):
                return []  # "als die Türkei Twitter sperrte": the state's act, Twitter its object
        if (
            role == "person"
            and subj
            and all(r.entity.kind not in PERSON_KINDS for r in subj)
            and len(self.ctx.text[max(r.end for r in subj) : hit.start].split()) <= 2
            and not any(
                r.entity.role == "platform" and not r.possessive
                for r in self.refs
                if self.sent.start <= r.start < hit.start
            )
        ):
            # "X's founder Y has agreed": a platform's head, the subject right before the
            # verb, answers for it ("summoned Y to ... under penalty of" does not)
            role = "platform"
        reason = self.pack.reason_before.search(before)
        cause = self.pack.refusal_cause.search(before) if etype == "REFUSAL" else None
        if cause and (
            self.pack.hypothetical.search(before)  # "if it blocks X for failing to comply"
            or any(h.trigger.type == "FINE" for h in self.hits)  # the fine's offence only
            # "paid the fine of 500,000 roubles issued for refusing to ...": a sum stated
            # before the cause makes the refusal that penalty's offence
            or any(self.sent.start <= m.start < hit.start for m in self.ctx.money)
        ):
            cause = None
        if cause and not passive:
            # "slowed Twitter for failing to delete", "due to X's failure to comply": the
            # platform punished for it, not the clause's subject, is who refused
            party = self._refusing_party(hit, cause.start())
            role, subj = ("platform", [party]) if party else (role, subj)
        if role != "platform" or not subj:
            return []
        if self.pack.person_before.search(self.ctx.text, max(r.end for r in subj), hit.start):
            return []  # "X ..., warning that those who fail to comply": people answer, not X
        subject_end = max(r.end for r in subj) if hit.trigger.voice == "response" else hit.start
        source = self._demand_source(hit)
        first = self._asking_ref(hit) if source is not None else None
        also = self._listed_after(first, source, hit) if first and source else []
        named = source or self._named_addressee(hit)
        authority, since = (named, False) if named else self._addressee(hit)
        events: list[Event] = []
        after = self.ctx.text[hit.head_end : min(self.sent.end, hit.end + 50)]
        implied = self.pack.implied_demand.match(after)
        if reason or (etype == "REFUSAL" and self._law_unmet()):
            # "fined for ignoring the requirement": the demand is implied only; "did not meet
            # the requirements of the law": the law's, no body's demand
            implied = None
        if implied or source:  # "ignored its demand to", "after a request from X"
            demander = source
            if implied and demander is None:
                noun = hit.head_end + implied.start("noun")
                demander = self.possessor(Hit(hit.trigger, noun, noun, noun)) or authority
            events += [self.make_event("DEMAND", demander, r.entity, "done", hit) for r in subj]
            events += [
                self.make_event("DEMAND", d, r.entity, "done", hit) for d in also for r in subj
            ]
        window = self._clause_window(subject_end, hit)
        lookback = self.ctx.text[max(self.sent.start, hit.start - 30) : hit.start]
        if (reason and not cause) or self.pack.hypothetical.search(window + " " + lookback):
            return events  # "fined for not removing", "asked why it had not": no acts told
        if etype == "REFUSAL" and self.pack.disputes.match(self.ctx.text[hit.end : hit.end + 80]):
            return events  # "rejected the Commission's assessment": disputed, not refused
        # A refusal worded with its own negation ("did not engage with the requests") is
        # not undone by a negation before it: that one denies an earlier verb ("did not
        # respond and did not engage").
        own_negation = etype == "REFUSAL" and bool(
            self.pack.response_negation.search(self.ctx.text, hit.start, hit.end)
        )
        if not own_negation and self.negated(hit, subject_end, response=True):
            if etype != "COMPLIANCE":
                return events
            sent = self.sent
            if self.pack.negated_needs_demand.match(
                self.ctx.text, hit.start
            ) and not self.pack.negated_demand.search(self.ctx.text, sent.start, sent.end):
                return events  # "sites that X hasn't blocked", "no longer blocked": no demand
            etype = "REFUSAL"
        elif etype == "COMPLIANCE" and (
            self.pack.own_rules.search(self.sent.text) or self._removes_officials_content(hit)
        ):
            return events
        gapped = [(r.entity, etype if not neg else "REFUSAL") for r, neg in self._gapped(hit)]
        actors = [(r.entity, etype) for r in subj] + gapped
        # "said it will comply": a response the platform states for later
        status = hit.trigger.status or "done"
        answers = [
            self.make_event(t, a, addressee, status, hit)
            for addressee in [authority, *also]
            for a, t in actors
        ]
        for ev in answers:
            ev.target_named = named is not None or since
            if cause:  # a refusal told as an act's cause came before it, on no stated day
                ev.date, ev.date_basis, ev.as_cause = None, DateBasis("none"), True
        return answers + events

    def _law_unmet(self) -> bool:
        """The sentence says a platform does not meet a law or its requirements
        (`law_unmet`) and names no order (`orders_named`): a finding, which
        `gates.apply_gates` keeps from being a refusal."""
        sent, low = self.sent, self.ctx.low
        return (
            self.pack.law_unmet.search(low, sent.start, sent.end) is not None
            and self.pack.orders_named.search(low, sent.start, sent.end) is None
        )

    def _host_of_subject(self, hit: Hit) -> Ref | None:
        """The platform that hosts the content a passive answer's subject names ("The Twitter
        account of X was withheld in India"), where no authority is its agent: the last
        such platform in the clause before the verb. Not where a state is named between
        ("The Twitter account of the government of Pakistan was withheld"): the content's
        owner would be read as the authority answered."""
        if self.by_agent(hit) is not None:
            return None  # "were blocked by the regulator": the state's act, not an answer
        text = self.ctx.text
        for ref in reversed(self.refs):
            if not self.sent.start <= ref.start < hit.start:
                continue
            if ref.entity.role in STATE_ROLES:
                return None
            if ref.entity.role != "platform":
                continue
            if self.clause_stop(ref.end, hit.start):
                return None
            if self.pack.hosted_content_after.match(text, ref.end):
                return ref
        return None

    def _refusing_party(self, hit: Hit, cause_start: int) -> Ref | None:
        """The platform a refusal given as a cause is told of: the possessor of the noun
        ("X's failure"), else the last platform named before the cause in the sentence."""
        before = [
            r
            for r in self.refs
            if self.sent.start <= r.start
            and r.end <= hit.start
            and r.entity.role == "platform"
            and (not r.possessive or r.end >= cause_start)
        ]
        return before[-1] if before else None

    def _removes_officials_content(self, hit: Hit) -> bool:
        """A platform deleting a state official's post, or what a state body runs ("a network
        linked to the ministry"), moderates the state, not obeys it (an official named as the
        source of an order is obeyed: "following an order from X")."""
        end = min(self.sent.end, hit.end + 60)

        def ordering(pos: int) -> bool:
            before = self.ctx.text[max(hit.end, pos - 40) : pos]
            return bool(self.pack.demand_source.search(before))

        def issues_order(r: Ref) -> bool:
            # "complied with de Moraes' demands": the official's own order, named right
            # after the name and its possessive mark, is obeyed
            told = self.pack.orders_named.search(self.ctx.text, r.end, min(end, r.end + 25))
            return told is not None and not _WORDS.search(self.ctx.text, r.end, told.start())

        def runs(r: Ref) -> bool:  # "a network linked to the ministry", "the Duma's channel"
            if r.entity.role != "authority":
                return False
            owns = self.pack.content_of.search(self.ctx.text, max(hit.end, r.start - 30), r.start)
            return self.pack.names_owner(self.ctx.text, r.start) or owns is not None

        if any(
            hit.end <= r.start < end
            and (r.entity.kind in PERSON_KINDS or runs(r))
            and not ordering(r.start)
            and not (r.entity.kind in PERSON_KINDS and issues_order(r))
            for r in self.refs
        ):
            return True  # an official's post, or a network "linked to the ministry"
        return any(
            hit.end <= an.start < end
            and not an.pronoun
            and not ordering(an.start)
            and any(
                p.role == "authority" and p.kinds <= PERSON_KINDS and p.kinds for p in an.patterns
            )
            for an in self.anaphors
        )

    def _demand_source(self, hit: Hit) -> Entity | None:
        """An authority named as the source of a request in or after the trigger, or
        referred to there ("по требованию ведомства": the agency named before); or one the
        sentence names so before the response ("At the request of X, Apple removed",
        "X'in talebi üzerine kaldırdı")."""
        for ref in self.refs:
            if ref.entity.role != "authority" or ref.start >= hit.start:
                continue
            if self._requests(ref.start, ref.end, hit.start):
                return ref.entity
        after = self._asking_ref(hit)
        asker = self._asker(after.entity) if after is not None else None
        if asker is not None:
            return asker
        for an in self.anaphors:
            if an.pronoun:
                continue
            if an.start < hit.start:
                if not self._requests(an.start, an.end, hit.start):
                    continue
            else:
                before = self.ctx.text[max(hit.start, an.start - 40) : an.start]
                if not self.pack.demand_source.search(before):
                    continue
            found = self._resolve(an, "authority")
            if found:
                return found[0].entity
        return None

    def _asking_ref(self, hit: Hit) -> Ref | None:
        """The authority or state named after the response as the source of a request
        ("at the request of Roskomnadzor", "at the request of Vietnam")."""
        for ref in self.refs:
            if ref.entity.role not in ("authority", "country") or ref.start < hit.start:
                continue
            before = self.ctx.text[max(hit.start, ref.start - 40) : ref.start]
            if self.pack.demand_source.search(before):
                return ref
        return None

    def _asker(self, ent: Entity) -> Entity | None:
        """A state named as asking, where the story names none of its bodies ("at the
        request of Vietnam, Austria and Kuwait"); one whose body the story names only stands
        in for that body ("after weeks of pressure from Moscow"), which the response is
        linked to later (`consolidate.link_responses`)."""
        if ent.role != "country":
            return ent
        if any(
            m.entity.role == "authority" and m.entity.country == ent.country
            for m in self.ctx.mentions
        ):
            return None
        return ent

    def _listed_after(self, first: Ref, source: Entity, hit: Hit) -> list[Entity]:
        """The states or bodies listed right after the source of a request named after the
        response ("at the request of Vietnam, Austria and Kuwait"): each asked too. A body of
        an official's state right after the official is where the official sits, no second
        asker ("an order of Minister X, of the Supreme Court")."""
        listed: list[Entity] = []
        last = first
        for ref in self.refs:
            if ref.start < last.end or ref.start > self.sent.end:
                continue
            if ref.entity.role not in ("authority", "country") or ref.possessive:
                break
            if not self._is_glue(last.end, ref.start):
                break
            if (
                last.entity.kind in PERSON_KINDS
                and last.entity.role == "authority"
                and ref.entity.role == "authority"
                and ref.entity.kind not in PERSON_KINDS
                and ref.entity.country == last.entity.country
            ):
                break  # "an order of Minister X, of the Supreme Court": the official's court
            asker = self._asker(ref.entity)
            if asker is not None and asker != source and asker not in listed:
                listed.append(asker)
            last = ref
        return listed

    def _requests(self, start: int, end: int, limit: int) -> bool:
        """Whether the name at [start, end), before a response at `limit` in its clause, is
        told as the source of a request (`demand_source` before it, `demand_source_after`
        after it)."""
        before = self.ctx.text[max(self.sent.start, start - 80) : start]
        after = self.ctx.text[end:limit]
        return bool(
            self.pack.demand_source.search(before) or self.pack.demand_source_after.match(after)
        )

    def _named_addressee(self, hit: Hit) -> Entity | None:
        """An authority named right after the response, or the one the sentence cites."""
        for ref in self.refs:
            if ref.entity.role == "authority" and hit.end <= ref.start < hit.end + 40:
                between = self.ctx.text[hit.end : ref.start]
                if not (
                    self.pack.clause_stops.search(between) or self.pack.clause_joins.search(between)
                ):
                    return ref.entity
        source = self.attribution()
        if source is None and self.ctx.source is not None:
            # "According to X, ...": the next sentences of the paragraph report X's data too.
            para, source_para = self.ctx.paragraph_of(self.sent.start), self.ctx.source[1]
            source = self.ctx.source[0] if para == source_para else None
        return source

    def _addressee(self, hit: Hit) -> tuple[Entity | None, bool]:
        """The authority a platform answered: anaphora after it, else whoever acted last;
        a vague one (the state standing in for an unnamed actor, "the courts") gives way to
        the official or body of that state named since. An official so found is as good as
        named (true in the second place); a body is still checked against the acts on the
        platform (`consolidate.link_responses`)."""
        last = self.ctx.latest_actor
        since = self.named_since(last, hit.start, frozenset()) if last is not None else None
        for an in self.anaphors:
            if hit.end <= an.start < hit.end + 40:
                found = self._resolve(an, "authority")
                if found:
                    # "the orders" are whoever acted last, and give way as it does; "the
                    # Centre", "the authorities" name the state itself
                    ent = found[0].entity
                    states = any(p.state for p in an.patterns if p.role == "authority")
                    if since is not None and ent == last and not states:
                        return since, since.kind in PERSON_KINDS
                    return ent, False
        if since is not None:
            return since, since.kind in PERSON_KINDS
        if last is not None and last.role == "authority":
            return last, False
        ref = self.ctx.recent(hit.start, AUTHORITY, skip_kinds=PERSON_KINDS)
        return (ref.entity if ref else self.ctx.story_state() or self.ctx.main_authority()), False
