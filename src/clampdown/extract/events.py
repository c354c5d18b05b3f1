"""Turn triggers in a sentence into events with actor, targets, money, date and status.

The approach is deliberately transparent: a trigger (from the language pack) fixes the
event type and the voice; the voice says where the actor and the targets sit:

- active: the actor is the subject before the trigger, targets follow it in its clause;
- passive: the targets are the subject ("Twitter was fined"), the actor follows "by";
- nominal: a noun names the act ("ordered the suspension", "its investigation into X");
  the possessor is the actor, and without a named object the story's platform is meant;
- response: a platform is the subject (COMPLIANCE, REFUSAL); negating a compliance verb
  makes a refusal, and refusing "its demand" also states the demand.

Names come from the gazetteer; pronouns and descriptions ("the regulator", "the
company") resolve to the most recent fitting entity. Every event keeps its sentence as
evidence.
"""

from __future__ import annotations

import re

from clampdown.extract.candidates import candidate_events
from clampdown.extract.context import PLATFORM, AwaitedList, Ref, unique_refs
from clampdown.extract.fields import FieldReader
from clampdown.extract.language import NEVER
from clampdown.extract.money import local_currency
from clampdown.extract.references import AUTHORITY, PERSON_KINDS, STATE_ROLES
from clampdown.extract.triggers import Hit
from clampdown.model import (
    RELATIVE,
    RESPONSE_TYPES,
    DateBasis,
    DateMention,
    Entity,
    Event,
    Money,
)

_PAIR_DISTANCE = 40
# Between a verb and a subject that follows it: a few words (articles, adjectives), no
# punctuation.
_SENTENCE_END = re.compile(r"[.!?]\s+")
_SUBJECT_GAP = re.compile(r"\s*(?:[^\W\d_][\w-]*\s+){0,3}")


# Telecom operators and ISPs carry blocks out: named after an act on a kind of platform
# ("reaches out to the companies Orange, Umniah and Zain to implement blocks") they are
# no items of what was blocked.
CARRIER_KINDS = frozenset({"isp", "telecom"})


class SentenceReader(FieldReader):
    """Extracts the events of one sentence: each trigger's act with its parties and fields."""

    def events(self) -> list[Event]:
        cited = self.attribution() if self.hits else None
        if cited is not None:
            self.ctx.source = (cited, self.ctx.paragraph_of(self.sent.start))
        awaited, self.ctx.awaited = self.ctx.awaited, None
        out: list[Event] = []
        for hit in self.hits:
            if hit.trigger.voice in ("response", "response_after"):
                # "ordered WhatsApp blocked": the block is the court's; "refused to comply":
                # the compliance word is part of the refusal.
                inside = any(
                    (o.trigger.voice != "response" and o.start < hit.start < o.end)
                    or (
                        o.trigger.type == "REFUSAL" != hit.trigger.type
                        and o.start <= hit.start < o.end
                    )
                    for o in self.hits
                )
                if not inside:
                    out.extend(self._response(hit))
            else:
                found = self._authority_act(hit)
                out.extend(found)
                if self.ctx.candidates:
                    out.extend(candidate_events(self, hit, {e.target_id for e in found}))
                actor = next((e.actor_entity for e in found if e.actor_entity), None)
                self.ctx.latest_actor = actor or self.ctx.latest_actor
        self.ctx.topic = None if out else self._opening_state()
        if awaited is not None:
            listed = self._listed(awaited, out)
            out.extend(listed)
            self._keep_awaited(awaited, listed or out)
        return out

    def _opens_list(self, named: list[Ref]) -> bool:
        """Whether the sentence says it names the platforms an act awaits: it opens so
        ("Речь идет о X, Y"), or its names follow a word that introduces examples
        ("(включая сайты X и Y)")."""
        if self.pack.list_opener.match(self.ctx.text, self.sent.start):
            return True
        intro = self.pack.list_intro.search(self.ctx.text, self.sent.start, self.sent.end)
        return intro is not None and all(r.start >= intro.end() for r in named)

    def _keep_awaited(self, awaited: AwaitedList, out: list[Event]) -> None:
        """Keep an act waiting for its list over one sentence that names no platform, where
        the pack says what opens such a list (so only a list said to be it completes it)."""
        kept, self.ctx.awaited_kept = self.ctx.awaited_kept, False
        if self.ctx.awaited is not None or out or kept or self.pack.list_opener.pattern == NEVER:
            return
        if any(r.entity.role == "platform" for r in self.refs):
            return
        self.ctx.awaited, self.ctx.awaited_kept = awaited, True

    def _opening_state(self) -> Entity | None:
        """The state or authority a sentence opens with, as its subject."""
        first = next(
            (r for r in self.refs if not r.possessive and not self.after_preposition(r.start)),
            None,
        )
        if first is None or first.entity.role not in STATE_ROLES:
            return None
        return first.entity if not self.ctx.text[self.sent.start : first.start].strip() else None

    def _authority_act(self, hit: Hit) -> list[Event]:
        etype, voice = hit.trigger.type, hit.trigger.voice
        roles = self.pack.roles_for(etype)
        before = self.ctx.text[self.sent.start : hit.start]
        if self.pack.participle.search(
            self.ctx.text[hit.start : hit.head_end]
        ) and self.pack.reason_gerund.search(before):
            return []  # "accused Facebook of blocking supporters": Facebook's own act
        if self._hearsay(before) or self.pack.denial_before.search(before):
            return []
        stated = True  # the sentence itself says who acted (not the story's last actor)
        co_actors: list[Entity] = []
        role, subj = self.subject(hit, "authority")
        subject_end = max((r.end for r in subj), default=self.sent.start)
        inverted = self._subject_after_verb(hit) if voice in ("active", "nominal") else None
        if inverted and (voice == "active" or inverted[0].entity.role in STATE_ROLES):
            role, subj, subject_end = inverted[0].entity.role, inverted, hit.start
        actor: Entity | None = None
        if voice == "passive":
            targets = [
                r
                for r in subj
                if r.entity.role in roles
                # "Anyone who uses a VPN to reach X faces a fine": the users, not X
                and not self.pack.person_before.search(self.ctx.text, self.sent.start, r.start)
            ]
            if not targets and role == "country":
                # "Доступ к Instagram в России ограничен": the country says where, not what.
                lo = self._clause(hit.start)[0]
                earlier = [
                    c
                    for c in self._subject_candidates(hit.start, False, prepositions=False)
                    if c[1] in roles and c[1] != "country" and c[0] > lo
                ]
                targets = earlier[-1][2] if earlier else []
            head = self.ctx.text[hit.start : hit.head_end]
            after = not targets and self.pack.subject_after_passive.match(head)
            if after:
                targets = self.objects(hit, roles)  # "заблокирован сайт «МБХ медиа»"
            agent = self.by_agent(hit)
            actor = agent.entity if agent else self._speaker(hit.start)
            if actor is None and subj and (after or not targets) and role == "authority":
                actor = subj[0].entity
            if actor is None and self.attribution() is None:
                # Unnamed agent: whoever acted last in the story, else the state itself.
                actor = self.ctx.latest_actor or self.ctx.story_state()
                stated = False
        elif voice == "nominal":
            agent = self.by_agent(hit)  # "the fine levied against Meta by the FCCPC"
            actor = self.possessor(hit) or self._agent_inside(hit)
            if actor is None and agent is not None:
                actor = agent.entity
            if actor is None and role in ("authority", "country") and subj:
                actor = subj[0].entity
            targets = self._targets_before(hit, roles) or self.objects(hit, roles)
        elif role == "platform":
            # A platform acting on its own is not state pressure, unless the verb has no
            # subject of its own: "Google оштрафовали за ..." ("Google was fined for ...").
            head = self.ctx.text[hit.start : hit.head_end]
            if not self.pack.impersonal_plural.search(head) or len(subj) != 1:
                return []
            if self.objects(hit, roles):
                return []
            targets = [r for r in subj if r.entity.role in roles]
            stated = False
        else:
            if "person" not in roles and self.pack.person_object.match(self.ctx.text, hit.end):
                return []  # "the United States, which accuses him of publishing ..."
            targets = self.objects(hit, roles)
            actor = subj[0].entity if subj and role in ("authority", "country") else None
            if actor is not None:  # "Saudi Arabia and the UAE blocked ...": each acted
                co_actors = [r.entity for r in subj[1:] if r.entity.id != actor.id]
        if hit.trigger.implicit_target and not targets:
            # "the FSB demanded the keys", "ordered the suspension": with no named object
            # the act is aimed at the platform the passage is about.
            story = self.ctx.recent(hit.start, PLATFORM)
            near = story and story.start >= self.ctx.paragraph_of(self.sent.start)[0] - 400
            named = voice == "nominal" or (subj and role in ("authority", "country"))
            if story is not None and near and named:
                targets = [story]  # "I must submit to the demands of ..." names no authority
        if etype == "FINE" and not targets and self.amounts(hit):
            self.ctx.pending_amounts = self.amounts(hit)  # "fined six networks N each. A, B ..."
        if not targets or self.negated(hit, subject_end):
            if not targets and self._names_a_kind(hit, roles):
                self._await_list(etype, actor, hit, self.status(hit, subject_end))
            return []
        targets = [self._as_state(r, roles) for r in targets]
        if actor is None and voice != "passive":
            actor = self._decision_author(hit)
        stated = stated and actor is not None
        actor = self.actor_fallback(actor, hit.start, {r.entity.id for r in targets})
        actor = self._body_of_state(actor, hit)
        between = (hit.end, targets[0].start)
        if etype in ("BLOCK", "THROTTLE") and self.pack.other_objects.search(
            self.ctx.text, *between
        ):
            return []  # "will suspend advertising on Facebook": the ads, not the platform
        if etype == "BLOCK" and self.pack.deal_nouns.search(self.ctx.text, *between):
            etype = "LEGAL_ACTION"  # "blocked the merger of X": a move against a deal, not a block
        status = self.status(hit, subject_end)
        events = self._make(etype, actor, targets, hit, status)
        for other in co_actors:
            events += self._make(etype, other, targets, hit, status)
        for ev in events:
            ev.actor_named = stated
        if targets[0].start < self.sent.start and self.pack.back_reference.match(self.sent.text):
            self._evidence_from(events, targets[0].start)
        return events

    def _evidence_from(self, events: list[Event], pos: int) -> None:
        """An act on the platform the sentence before named, in a sentence that opens by
        referring back to it (`back_reference`: "X ignored the order. For that the office
        imposed a fine."): the evidence starts with that sentence, within the paragraph."""
        para = self.ctx.paragraph_of(self.sent.start)[0]
        if pos < para:
            return
        ends = [m.end() for m in _SENTENCE_END.finditer(self.ctx.text, para, pos)]
        start = ends[-1] if ends else para
        for ev in events:
            ev.start = start
            ev.evidence = self.ctx.text[start : ev.end]

    def _names_a_kind(self, hit: Hit, roles: frozenset[str]) -> bool:
        """Whether an act told as such (not a gerund, not a law's relative clause) is aimed
        at a kind of platform rather than at names."""
        if hit.trigger.voice == "passive" or "platform" not in roles:
            return False
        if any(lo <= hit.start < hi for lo, hi in self.relatives):
            return False
        if self.pack.participle.search(self.ctx.text[hit.start : hit.head_end]):
            return False
        return self.pack.generic_objects.match(self.ctx.text, hit.end) is not None

    def _await_list(self, etype: str, actor: Entity | None, hit: Hit, status: str) -> None:
        """Keep an act on a kind of platform for the next sentence to name them."""
        actor = self.actor_fallback(actor, hit.start, set())

        def make(refs: list[Ref]) -> list[Event]:
            if etype in ("BLOCK", "THROTTLE"):  # the operators that carry a block out
                refs = [r for r in refs if r.entity.kind not in CARRIER_KINDS]
            return self._make(etype, actor, refs, hit, status) if refs else []

        self.ctx.awaited = make

    def _listed(self, awaited: AwaitedList, own: list[Event]) -> list[Event]:
        """The events of the act the last sentence left waiting, if this one lists two or
        more platforms. A sentence reporting an authority's act of its own names that act's
        targets instead (the platforms' answers may name them: "X, Y and Z did not comply")."""
        named = unique_refs(
            [
                r
                for r in self.refs
                if r.entity.role == "platform"
                and not r.possessive
                # "The Insider earlier reported that ...": the outlet speaks, it is no item
                and not self.pack.speech_after.match(self.ctx.text, r.end)
            ]
        )
        if len(named) < 2 or any(e.type not in RESPONSE_TYPES for e in own):
            return []
        if self.pack.list_opener.pattern != NEVER and not self._opens_list(named):
            return []
        events = awaited(named)
        for ev in events:  # the evidence runs from the act to the list that names them
            ev.end = self.sent.end
            ev.evidence = self.ctx.text[ev.start : ev.end]
        return events

    def _targets_before(self, hit: Hit, roles: frozenset[str]) -> list[Ref]:
        """Where the verb comes last (`targets_before`), what it acts on is named before it,
        as a list: "Facebook, Twitter ve TikTok gibi sağlayıcılara ... ceza verilmiştir"."""
        if not self.pack.targets_before.search(self.ctx.text[hit.start : hit.end]):
            return []
        lo = self._clause(hit.start)[0]
        before = [
            r
            for r in self.refs
            if lo <= r.start and r.end <= hit.start and r.entity.role in roles and not r.possessive
        ]
        return self._list_backward(before[-1], roles) if before else []

    def _subject_after_verb(self, hit: Hit) -> list[Ref]:
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

    def _agent_inside(self, hit: Hit) -> Entity | None:
        """A body named inside a participle trigger, as its agent ("протоколы, составленные
        Роскомнадзором в отношении ...")."""
        return next(
            (
                r.entity
                for r in self.refs
                if hit.head_end <= r.start
                and r.end <= hit.end
                and r.entity.role == "authority"
                and self.pack.participle_agent.match(self.ctx.text, hit.start)
            ),
            None,
        )

    def _speaker(self, pos: int) -> Entity | None:
        """A state body that says what follows ("Roskomnadzor said Twitter had broken ...")."""
        for ref in self.refs:
            if ref.start >= pos:
                break
            if ref.entity.role in STATE_ROLES and (
                self.pack.speech_after.match(self.ctx.text, ref.end)
                or self.pack.speaker_before.search(self.ctx.text[self.sent.start : ref.start])
            ):
                return ref.entity
        return None

    def _hearsay(self, before: str) -> bool:
        """An act someone other than a state body claims ("X alleged that ...")."""
        claim = self.pack.hearsay_before.search(before)
        if claim is None:
            return False
        end = self.sent.start + claim.start()
        return not any(
            r.entity.role in STATE_ROLES and r.start < end for r in self.refs
        ) and not any(an.start < end for an in self.anaphors)

    def _response(self, hit: Hit) -> list[Event]:
        etype = hit.trigger.type
        before = self.ctx.text[self.sent.start : hit.start]
        for m in self.pack.non_answer.finditer(self.ctx.text, self.sent.start, self.sent.end):
            if m.start() < hit.end and hit.start < m.end():
                return []  # "declined to comment" answers the press, not an authority
        progressive = self.pack.participle.search(self.ctx.text[hit.start : hit.head_end])
        passive = bool(self.pack.passive_before.search(before)) and not progressive
        if self.pack.obligation_before.search(before):
            return []  # "must pay the fine", "was ordered to remove": owed, not done
        if self.pack.condition_before.search(self.ctx.text, self.sent.start, hit.head_end):
            return []  # "suspended until it complies": a condition, not a response
        if passive:
            # "was blocked" is done to a platform; "were removed by X" is X's own act
            agent = self.by_agent(hit, "platform")
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
            inverted = self._subject_after_verb(hit)
            if inverted and inverted[0].entity.role == "platform":
                role, subj = "platform", inverted  # "Am Montag löschte Telegram die Kanäle"
        reason = self.pack.reason_before.search(before)
        cause = self.pack.refusal_cause.search(before) if etype == "REFUSAL" else None
        if cause and (
            self.pack.hypothetical.search(before)  # "if it blocks X for failing to comply"
            or any(h.trigger.type == "FINE" for h in self.hits)  # the fine's offence only
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
        named = source or self._named_addressee(hit)
        authority = named or self._addressee(hit)
        events: list[Event] = []
        after = self.ctx.text[hit.head_end : min(self.sent.end, hit.end + 50)]
        implied = self.pack.implied_demand.match(after)
        if reason:
            implied = None  # "fined for ignoring the requirement": the demand is implied only
        if implied or source:  # "ignored its demand to", "after a request from X"
            demander = source
            if implied and demander is None:
                noun = hit.head_end + implied.start("noun")
                demander = self.possessor(Hit(hit.trigger, noun, noun, noun)) or authority
            events += [self.make_event("DEMAND", demander, r.entity, "done", hit) for r in subj]
        window = self._clause_window(subject_end, hit)
        lookback = self.ctx.text[max(self.sent.start, hit.start - 30) : hit.start]
        if (reason and not cause) or self.pack.hypothetical.search(window + " " + lookback):
            return events  # "fined for not removing", "asked why it had not": no acts told
        if etype == "REFUSAL" and self.pack.disputes.match(self.ctx.text[hit.end : hit.end + 80]):
            return events  # "rejected the Commission's assessment": disputed, not refused
        if self.negated(hit, subject_end, response=True):
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
        answers = [self.make_event(t, a, authority, status, hit) for a, t in actors]
        for ev in answers:
            ev.target_named = named is not None
            if cause:  # a refusal told as an act's cause came before it, on no stated day
                ev.date, ev.date_basis, ev.as_cause = None, DateBasis("none"), True
        return answers + events

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

    def _removes_officials_content(self, hit: Hit) -> bool:
        """A platform deleting a state official's post, or what a state body runs ("a network
        linked to the ministry"), moderates the state, not obeys it (an official named as the
        source of an order is obeyed: "following an order from X")."""
        end = min(self.sent.end, hit.end + 60)

        def ordering(pos: int) -> bool:
            before = self.ctx.text[max(hit.end, pos - 40) : pos]
            return bool(self.pack.demand_source.search(before))

        def runs(r: Ref) -> bool:  # "a network linked to the ministry"
            return r.entity.role == "authority" and self.pack.names_owner(self.ctx.text, r.start)

        if any(
            hit.end <= r.start < end
            and (r.entity.kind in PERSON_KINDS or runs(r))
            and not ordering(r.start)
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

    def _decision_author(self, hit: Hit) -> Entity | None:
        """The body whose decision the act follows, named after it ("блокировка мессенджера
        по решению Таганского суда", "blocked on the orders of the ministry")."""
        for ref in self.refs:
            if ref.start < hit.end or ref.entity.role != "authority":
                continue
            if self.pack.decision_agent.search(
                self.ctx.text, max(hit.end, ref.start - 40), ref.start
            ):
                return ref.entity
        return None

    def _demand_source(self, hit: Hit) -> Entity | None:
        """An authority named as the source of a request in or after the trigger, or
        referred to there ("по требованию ведомства": the agency named before)."""
        for ref in self.refs:
            if ref.entity.role != "authority" or ref.start < hit.start:
                continue
            before = self.ctx.text[max(hit.start, ref.start - 40) : ref.start]
            if self.pack.demand_source.search(before):
                return ref.entity
        for an in self.anaphors:
            if an.start < hit.start or an.pronoun:
                continue
            before = self.ctx.text[max(hit.start, an.start - 40) : an.start]
            if self.pack.demand_source.search(before):
                found = self._resolve(an, "authority")
                if found:
                    return found[0].entity
        return None

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

    def _addressee(self, hit: Hit) -> Entity | None:
        """The authority a platform answered: anaphora after it, else whoever acted last."""
        for an in self.anaphors:
            if hit.end <= an.start < hit.end + 40:
                found = self._resolve(an, "authority")
                if found:
                    return found[0].entity
        if self.ctx.latest_actor is not None and self.ctx.latest_actor.role == "authority":
            return self.ctx.latest_actor
        ref = self.ctx.recent(hit.start, AUTHORITY, skip_kinds=PERSON_KINDS)
        return ref.entity if ref else self.ctx.story_state() or self.ctx.main_authority()

    def _as_state(self, ref: Ref, roles: frozenset[str]) -> Ref:
        """An official stands for their state where only states can be targets."""
        if ref.entity.role == "authority" and "authority" not in roles and "country" in roles:
            state = self.ctx.countries.get(ref.entity.country or "")
            if state is not None:
                return Ref(state, ref.start, ref.end)
        return ref

    def _body_of_state(self, actor: Entity | None, hit: Hit) -> Entity | None:
        """A state read as the actor where its clause names one of its bodies before the
        verb is that body ("Germany's Bundeskartellamt ... and ordered", "Таганский суд
        Москвы оштрафовал": the capital only says where the court sits)."""
        if actor is None or actor.role != "country":
            return actor
        lo = self._clause(hit.start)[0]
        bodies = [
            r.entity
            for r in self.refs
            if lo <= r.start
            and r.end <= hit.start
            and r.entity.role == "authority"
            and r.entity.kind not in PERSON_KINDS  # a president or a judge is no body
            and r.entity.country == actor.country
        ]
        return bodies[0] if bodies else actor

    def actor_fallback(self, actor: Entity | None, pos: int, exclude: set[str]) -> Entity | None:
        if actor is None:
            actor = self.attribution()
        if actor is None:
            # An unnamed actor is the state that acted last (not whoever was named last),
            # else the authority named last; before any, the state the story is about.
            last = self.ctx.latest_actor
            if last is not None and last.role in STATE_ROLES and last.id not in exclude:
                return last
            ref = self.ctx.recent(pos, AUTHORITY, exclude=exclude)
            if ref is None:  # "замедление Twitter, которое Роскомнадзор инициировал"
                ref = next(
                    (
                        r
                        for r in self.refs
                        if r.start >= pos
                        and r.entity.role == "authority"
                        and r.entity.id not in exclude
                    ),
                    None,
                )
            return ref.entity if ref else self.ctx.story_state() or self.ctx.main_authority()
        return actor

    def _make(
        self, etype: str, actor: Entity | None, targets: list[Ref], hit: Hit, status: str
    ) -> list[Event]:
        targets = [t for t in targets if actor is None or t.entity.id != actor.id]
        amounts = self.amounts(hit) if etype == "FINE" else []
        if etype == "FINE" and not amounts and self.ctx.pending_amounts:
            amounts = self.ctx.pending_amounts
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
        pairs = self._pair(targets, amounts)
        events = []
        for target, money in pairs:
            ev = self.make_event(etype, actor, target.entity, status, hit, money=money)
            if len(amounts) > 1:
                near, basis = self.dated(money.start, status, money.end)
                if near or basis.kind == RELATIVE:  # one with no value yet, too
                    ev.date, ev.date_basis = near or ev.date, basis
            events.append(ev)
        return events

    def _pair(self, targets: list[Ref], amounts: list[Money]) -> list[tuple[Ref, Money]]:
        """Each amount to the target named beside it, else every target gets each amount.

        "fined A 21m and B 5m" names each target before its amount, "21m for A and 5m for
        B" after it; the reading that gives each target exactly one amount wins.
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
            if money.amount is not None:
                ev.amount = money.amount
            elif money.low is not None and money.high is not None:
                ev.amount_range = [money.low, money.high]
        return ev


def _distance(ref: Ref, money: Money) -> int:
    return max(money.start - ref.end, ref.start - money.end, 0)
