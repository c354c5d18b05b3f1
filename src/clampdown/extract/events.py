"""Turn triggers in a sentence into events with actor, targets, money, date and status.

The approach is deliberately transparent: a trigger (from the language pack) fixes the
event type and the voice; the voice says where the actor and the targets sit:

- active: the actor is the subject before the trigger, targets follow it in its clause;
- passive: the targets are the subject ("Twitter was fined"), the actor follows "by";
- nominal: a noun names the act ("ordered the suspension", "its investigation into X");
  the possessor is the actor, and without a named object the story's platform is meant;
- response: a platform is the subject (COMPLIANCE, REFUSAL), read in `responses.py`.

The reader is layered, each layer a class in its own module: references (who a sentence
is about), fields (status, negation, dates, amounts), assembly (the events made from
them), responses, and this module's acts of authorities and the lists they await.

Names come from the gazetteer; pronouns and descriptions ("the regulator", "the
company") resolve to the most recent fitting entity. Every event keeps its sentence as
evidence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clampdown.extract.assembly import FRONTED_ACTS
from clampdown.extract.candidates import sentence_candidates
from clampdown.extract.context import PLATFORM, AwaitedList, Ref, unique_refs
from clampdown.extract.language import NEVER, LanguagePack
from clampdown.extract.references import AUTHORITY, PERSON_KINDS, STATE_ROLES
from clampdown.extract.responses import ResponseReader
from clampdown.extract.sentences import clause_at
from clampdown.extract.triggers import Hit
from clampdown.model import RESPONSE_TYPES, Entity, Event, Span

_AGENT_TAIL = 8  # characters before a name where its "by" stands

_SENTENCE_END = re.compile(r"[.!?]\s+")


# Telecom operators and ISPs carry blocks out: named after an act on a kind of platform
# ("reaches out to the companies Orange, Umniah and Zain to implement blocks") they are
# no items of what was blocked.
CARRIER_KINDS = frozenset({"isp", "telecom"})


def kind_is_subject(pack: LanguagePack, text: str, sent: Span, pos: int) -> bool:
    """Whether a passive act's whole subject is a kind of platform ("Three news websites
    were made inaccessible ..."), so that the next sentence may list them (also asked by
    the prefilter, which must keep every page the reader may find an event in)."""
    lo = clause_at(text, sent, pos, pack.clause_joins)[0]
    subject = " " + text[lo:pos]
    kind = pack.generic_objects.match(subject)
    return kind is not None and not subject[kind.end() :].strip()


class SentenceReader(ResponseReader):
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
                    answers = self.response(hit)
                    if hit.start in self.dropped:  # "Descumpriu a ordem": X named before
                        self._evidence_from(answers, self.dropped[hit.start])
                    out.extend(answers)
            else:
                found = self._authority_act(hit)
                if hit.start in self.dropped:  # "Foi multado em ...": X named before
                    self._evidence_from(found, self.dropped[hit.start])
                out.extend(found)
                actor = next((e.actor_entity for e in found if e.actor_entity), None)
                self.ctx.latest_actor = actor or self.ctx.latest_actor
        self.ctx.topic = None if out else self._opening_state()
        if awaited is not None:
            listed = self._listed(awaited, out)
            out.extend(listed)
            self._keep_awaited(awaited, listed or out)
        if self.ctx.candidates and self.hits:
            return out + sentence_candidates(self, out)
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
        opens = self.pack.list_opener.pattern != NEVER or self.pack.list_later.pattern != NEVER
        if self.ctx.awaited is not None or out or kept or not opens:
            return
        if any(r.entity.role == "platform" and not self.ctx.is_source(r) for r in self.refs):
            return  # a platform named there, not an outlet reporting ("informs The Insider")
        self.ctx.awaited, self.ctx.awaited_kept = awaited, True

    def _objects_again(self, hit: Hit, subj: list[Ref], roles: frozenset[str]) -> list[Ref]:
        """The objects of a verb when they are the very platforms read as its subject,
        the verb's object a pronoun standing for them: no one acts on themselves."""
        objects = self.objects(hit, roles)
        if not objects:
            return []
        pronoun = any(an.pronoun and an.start == objects[0].start for an in self.anaphors)
        same = {r.entity.id for r in objects} == {r.entity.id for r in subj}
        return objects if pronoun and same else []

    def _expected_subject(self, hit: Hit) -> str:
        """The role a pronoun subject that could be either is read in: a pronoun opening
        the sentence right before a passive verb is what was acted on ("It was fined in
        the UK this week"); any other, whoever acted."""
        if hit.trigger.voice != "passive":
            return "authority"
        for an in self.anaphors:
            if not an.pronoun or self.ctx.text[self.sent.start : an.start].strip():
                continue
            if len(self.ctx.text[an.end : hit.start].split()) <= 2:
                return "platform"
        return "authority"

    def _paragraph_body(self, pos: int) -> Entity | None:
        """The authority last named before a position in its paragraph, not as a source."""
        ref = self.ctx.recent(pos, AUTHORITY, skip_sources=True)
        if ref is None or ref.start < self.ctx.paragraph_of(self.sent.start)[0]:
            return None
        return ref.entity

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
        if self._participle(hit) and self.pack.reason_gerund.search(before):
            return []  # "accused Facebook of blocking supporters": Facebook's own act
        if self._hearsay(hit.start) or self.search_cut(
            self.pack.denial_before, self.sent.start, hit.start
        ):
            return []
        stated = True  # the sentence itself says who acted (not the story's last actor)
        co_actors: list[Entity] = []
        source_end = 0
        role, subj = self.subject(hit, self._expected_subject(hit))
        subject_end = max((r.end for r in subj), default=self.sent.start)
        inverted = self.subject_after_verb(hit) if voice in ("active", "nominal") else None
        if (
            voice == "active"
            and etype in FRONTED_ACTS
            and not inverted
            and self.pack.verb_final_opening.fullmatch(self.ctx.text, hit.start, hit.head_end)
        ):
            # "als die Türkei Twitter sperrte"; "als Telegram die Kanäle sperrte" is the
            # platform's own act (an accusation's or demand's clause tells the platform's deed)
            inverted = self.first_after_verb(hit)
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
                targets = [  # "заблокирован сайт «МБХ медиа»"
                    r for r in self.objects(hit, roles) if not self._agent_of(r, hit)
                ]
            if not targets and not subj:
                # a pronoun before an indefinite-personal verb is its object ("их заблокируют")
                targets = self._aimed_before(
                    hit, roles, pronoun=bool(self.pack.impersonal_plural.search(head))
                )
            agent = self.by_agent(hit)
            actor = agent.entity if agent else self._speaker(hit.start)
            if actor is None and etype == "ACCUSATION" and (source := self._source_after()):
                actor, source_end = source
            if actor is None and subj and (after or not targets) and role == "authority":
                actor = subj[0].entity
            cited = actor is not None or self.attribution() is not None
            places = [] if cited else self._places_after(hit)
            if places:  # "were blocked in Saudi Arabia and the UAE": each state acted
                actor, co_actors = places[0], places[1:]
                stated = False  # a place, not someone saying so
            elif not cited:
                # Unnamed agent: whoever acted last in the story, else the body its paragraph
                # named last ("Roskomnadzor demanded ... A protocol was drawn up"), else the
                # state itself.
                actor = self.ctx.latest_actor or self._paragraph_body(hit.start)
                actor = actor or self.ctx.story_state()
                stated = False
        elif voice == "nominal":
            agent = self.by_agent(hit)  # "the fine levied against Meta by the FCCPC"
            actor = self.possessor(hit) or self._agent_inside(hit)
            if actor is None and agent is not None:
                actor = agent.entity
            if actor is None and role in ("authority", "country") and subj:
                actor = subj[0].entity
            if actor is not None and role in ("authority", "country"):
                # "BTK ve RTÜK, X'e erişimi engelledi": the actor read is one of a list of
                # subjects; each of the others acted too, as with an active verb.
                ids = [r.entity.id for r in subj]
                if actor.id in ids:
                    co_actors = [
                        r.entity
                        for r in subj
                        if r.entity.id != actor.id and r.entity.role in STATE_ROLES
                    ]
            targets = self._targets_before(hit, roles) or self.objects(hit, roles)
        elif role == "platform" and (same := self._objects_again(hit, subj, roles)):
            # "notified the companies and sent them warnings": the platforms before the verb
            # are its objects again, told by a pronoun; whoever acted is not named here.
            targets = same
        elif role == "platform":
            # A platform acting on its own is not state pressure, unless the verb has no
            # subject of its own: "Google оштрафовали за ..." ("Google was fined for ...").
            head = self.ctx.text[hit.start : hit.head_end]
            if etype == "BLOCK" and (body := self._orderer(hit, subj)) is not None:
                # "приказала Apple запретить VPN-приложения": the platform between an order
                # and the act is told to carry it out; the body that orders it blocks
                own = {r.entity.id for r in subj}
                targets = [r for r in self.objects(hit, roles) if r.entity.id not in own]
                status = self.status(hit, subject_end)
                if not targets and self._names_a_kind(hit, roles):
                    self._await_list(etype, body, hit, status)  # "... В их числе: X, Y"
                if not targets or self.negated(hit, subject_end):
                    return []
                return self.make_events(etype, body, targets, hit, status)
            if etype == "BLOCK" and (body := self._decision_author(hit)) is not None:
                # "Apple removed the app X from its store at the request of the CAC": the
                # platform carries out the body's block of what it removed
                own = {r.entity.id for r in subj}
                targets = [r for r in self.objects(hit, roles) if r.entity.id not in own]
                if not targets or self.negated(hit, subject_end):
                    return []
                status = self.status(hit, subject_end)
                return self.make_events(etype, body, targets, hit, status)
            state = self.fronted_state(hit)
            fronted = [r for r in subj if r.entity.role in roles] if state else []
            if (
                state is not None
                and fronted
                and not self.objects(replace(hit, head_end=state.end), roles)
            ):
                # "Große Netzwerke wie X und Facebook hat Russland blockiert": the objects
                # come first, and the state right after the verb acts
                targets, actor, subject_end = fronted, state.entity, hit.start
            else:
                impersonal = self.pack.impersonal_plural.search(head)
                aimed = self._aimed_before(hit, roles) if impersonal else []
                if aimed and not self.objects(hit, roles):
                    # "На компанию Meta (владелец Facebook и Instagram) завели дело": the platform
                    # a phrase names as aimed at is the object; the names after it describe it.
                    targets = aimed
                elif not impersonal or len(subj) != 1 or self.objects(hit, roles):
                    return []
                else:
                    targets = [r for r in subj if r.entity.role in roles]
                stated = False
        else:
            if "person" not in roles and self.pack.person_object.match(self.ctx.text, hit.end):
                return []  # "the United States, which accuses him of publishing ..."
            targets = self.objects(hit, roles)
            if (
                not targets
                and not subj
                and self.pack.impersonal_plural.search(self.ctx.text[hit.start : hit.head_end])
            ):
                # "На компанию Meta завели дело", "иначе их заблокируют"
                targets = self._aimed_before(hit, roles, pronoun=True)
            if inverted and subj is inverted and targets and targets[0].start == subj[0].start:
                # "Am Montag warf die Behörde X ... vor": a subject after its verb is not the
                # first of the verb's objects (where the objects may be states too).
                targets = self.objects(replace(hit, head_end=subj[0].end), roles)
            actor = subj[0].entity if subj and role in ("authority", "country") else None
            if actor is not None:  # "Saudi Arabia and the UAE blocked ...": each acted
                co_actors = [r.entity for r in subj[1:] if r.entity.id != actor.id]
        if hit.trigger.implicit_target and not targets:
            # "the FSB demanded the keys", "ordered the suspension": with no named object
            # the act is aimed at the platform the passage is about.
            story = self.ctx.recent(hit.start, PLATFORM, skip_sources=True)
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
        if etype == "SUMMONS" and "country" in roles:
            # a summoned diplomat stands for the state only where no company or person is
            # named ("вызовы по статье КоАП России направлены представителям X": X is)
            named = [r for r in targets if r.entity.role != "country"]
            targets = named or self.objects(hit, roles - {"country"}) or targets
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
        events = self.make_events(etype, actor, targets, hit, status)
        for other in co_actors:
            events += self.make_events(etype, other, targets, hit, status)
        for ev in events:
            ev.actor_named = stated
            if source_end > ev.end:  # the evidence runs on to the sentence naming the source
                ev.end = source_end
                ev.evidence = self.ctx.text[ev.start : ev.end]
        if targets[0].start < self.sent.start and self.pack.back_reference.match(self.sent.text):
            self._evidence_from(events, targets[0].start)
        return events

    def _places_after(self, hit: Hit) -> list[Entity]:
        """The states a passive act with no agent names as its place, right after it
        (`place_after`: "was blocked in Kazakhstan", "were banned in Saudi Arabia and the
        UAE"), one or a list of them."""
        hi = self._clause(hit.start)[1]
        states: list[Ref] = []
        for ref in self.refs:
            if ref.start < hit.end or ref.start >= hi:
                continue
            if not states:
                gap = self.ctx.text[hit.end : ref.start]
                if ref.entity.role != "country" or not self.pack.place_after.match(gap):
                    return []
            elif ref.entity.role != "country" or not self.pack.list_glue.match(
                self.ctx.text[states[-1].end : ref.start]
            ):
                break
            states.append(ref)
        places = [r.entity for r in unique_refs(states)]
        last = self.ctx.latest_actor
        if last is not None and len(places) == 1 and last.country == places[0].country:
            return [last]  # "Telegram was blocked in Russia" after Roskomnadzor acted
        return places

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

    def _agent_of(self, ref: Ref, hit: Hit) -> bool:
        """Whether a name inside a passive trigger is its agent, told right before the
        participle that ends it ("Das Profil wurde später von Facebook gesperrt": Facebook
        blocked the profile, it is not blocked)."""
        start = max(hit.head_end, ref.start - _AGENT_TAIL)
        marks = list(self.pack.agent_marker.finditer(self.ctx.text, start, ref.start))
        if not marks or self.ctx.text[marks[-1].end() : ref.start].strip():
            return False
        if len(self.ctx.text[ref.end : hit.end].split()) > 1:
            return False
        # "wurde die Website von Telegram gesperrt": a page of the platform, not its agent
        words = self.ctx.text[hit.head_end : marks[-1].start()].split()
        return not (words and self.pack.platform_cues.fullmatch(words[-1]))

    def _names_a_kind(self, hit: Hit, roles: frozenset[str]) -> bool:
        """Whether an act told as such (not a gerund, not a law's relative clause) is aimed
        at a kind of platform rather than at names."""
        if "platform" not in roles:
            return False
        if hit.trigger.voice == "passive":
            return kind_is_subject(self.pack, self.ctx.text, self.sent, hit.start)
        if any(lo <= hit.start < hi for lo, hi in self.relatives):
            return False
        if self._participle(hit):
            return False
        return self.pack.generic_objects.match(self.ctx.text, hit.end) is not None

    def _await_list(self, etype: str, actor: Entity | None, hit: Hit, status: str) -> None:
        """Keep an act on a kind of platform for the next sentence to name them."""
        actor = self.actor_fallback(actor, hit.start, set())

        def make(refs: list[Ref]) -> list[Event]:
            if etype in ("BLOCK", "THROTTLE"):  # the operators that carry a block out
                refs = [r for r in refs if r.entity.kind not in CARRIER_KINDS]
            return self.make_events(etype, actor, refs, hit, status) if refs else []

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
        later = self.ctx.awaited_kept and self.pack.list_opener.pattern == NEVER
        if later and not self.pack.list_later.search(self.ctx.text, self.sent.start, self.sent.end):
            return []  # a sentence later than the next: only a list it says was cut off
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
        if before:
            return self._list_backward(before[-1], roles)
        for an in reversed(self.anaphors):  # "Şirkete ... ceza verildi": the company meant
            if lo <= an.start and an.end <= hit.start and not an.pronoun and "platform" in roles:
                found = self._resolve(an, "platform")
                if found:
                    return found
        return []

    def _aimed_before(self, hit: Hit, roles: frozenset[str], pronoun: bool = False) -> list[Ref]:
        """What an act with no subject of its own is aimed at where a phrase before the verb
        in its clause names it (`aimed_before`: "На компанию Meta завели дело", "В отношении
        Google возбуждено административное дело"): that name and the list it opens; else,
        with `pronoun` (an indefinite-personal verb), a pronoun right before the verb ("иначе
        их заблокируют"; before a passive one it is the subject, read elsewhere)."""
        lo = self._clause(hit.start)[0]
        before = [
            r
            for r in self.refs
            if lo <= r.start and r.end <= hit.start and r.entity.role in roles and not r.possessive
        ]
        for i, ref in enumerate(before):
            stretch = self.ctx.text[max(lo, ref.start - 40) : ref.start]
            word = self.ctx.text[ref.start : ref.end].split(maxsplit=1)[0]
            if word[:1].islower():  # a name read with its noun ("компанию Meta")
                stretch += word + " "
            if self.pack.aimed_before.search(stretch):
                items = [ref]
                for nxt in before[i + 1 :]:
                    if not self._is_glue(items[-1].end, nxt.start):
                        break
                    items.append(nxt)
                return items
        for an in self.anaphors:
            # "Протокол на платформу был составлен": the phrase names the platform by a
            # description, which means the one named before
            if an.pronoun or "platform" not in roles or not lo <= an.start < an.end <= hit.start:
                continue
            stretch = self.ctx.text[max(lo, an.start - 40) : an.end] + " "
            if self.pack.aimed_before.search(stretch) and (found := self._resolve(an, "platform")):
                return found
        for an in self.anaphors:
            # "иначе их самих заблокируют": a pronoun right before the verb is its object
            gap = self.ctx.text[an.end : hit.start].split()
            if pronoun and an.pronoun and lo <= an.start and an.end <= hit.start and len(gap) <= 1:
                return self._resolve(an, "platform") if "platform" in roles else []
        return []

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

    def _source_after(self) -> tuple[Entity, int] | None:
        """The state body the next sentence names as the source of this one, where that
        sentence opens by saying so (`source_after`: "Об этом сообщили в Роскомнадзоре."),
        with the end of that sentence."""
        text = self.ctx.text
        opening = self.pack.source_after.match(text, self.sent.end)
        if opening is None:
            return None
        stop = _SENTENCE_END.search(text, opening.end())
        end = stop.start() + 1 if stop else len(text)
        for ref in self.ctx.mentions:
            if opening.end() <= ref.start < end and ref.entity.role in STATE_ROLES:
                return ref.entity, end
        return None

    def _speaker(self, pos: int) -> Entity | None:
        """A state body that says what follows ("Roskomnadzor said Twitter had broken ...")."""
        for ref in self.refs:
            if ref.start >= pos:
                break
            if ref.entity.role in STATE_ROLES and self._speaks(ref.start, ref.end):
                return ref.entity
        for an in self.anaphors:  # "the minister said that Twitter had ...": who was named
            if an.start >= pos:
                break
            if not an.pronoun and self._speaks(an.start, an.end):
                found = self._resolve(an, "authority")
                if found:
                    return found[0].entity
        return None

    def _speaks(self, start: int, end: int) -> bool:
        """Whether the words at [start, end) are said to speak what follows: a verb of saying
        after them (`speech_after`) or a speaker's cue before them (`speaker_before`)."""
        return bool(
            self.pack.speech_after.match(self.ctx.text, end)
            or self.search_cut(self.pack.speaker_before, self.sent.start, start)
        )

    def _hearsay(self, end: int) -> bool:
        """An act someone other than a state body claims ("X alleged that ..." before `end`)."""
        claim = self.search_cut(self.pack.hearsay_before, self.sent.start, end)
        if claim is None:
            return False
        end = self.sent.start + claim.start()
        return not any(
            r.entity.role in STATE_ROLES and r.start < end for r in self.refs
        ) and not any(an.start < end for an in self.anaphors)

    def _orderer(self, hit: Hit, subj: list[Ref]) -> Entity | None:
        """The body whose demand right before the platform read as an act's subject tells
        it to act ("ordered Apple to remove ...", "приказала Apple запретить ..."): only the
        platform's name stands between the demand and the act."""
        if not subj or self.ctx.text[subj[-1].end : hit.start].strip():
            return None
        for order in self.hits:
            if order.trigger.type != "DEMAND" or order.end > subj[0].start:
                continue
            if self.ctx.text[order.end : subj[0].start].strip():
                continue
            role, bodies = self.subject(order, "authority")
            if role in STATE_ROLES and bodies:
                return bodies[0].entity
        return None

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
