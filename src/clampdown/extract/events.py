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
from bisect import bisect_left
from datetime import date, timedelta

from clampdown.extract.context import PLATFORM, DocContext, Ref, unique_refs
from clampdown.extract.language import Anaphor
from clampdown.extract.triggers import AnaphorMatch, Hit, find_triggers, scan_anaphors
from clampdown.model import RESPONSE_TYPES, DateMention, Entity, Event, Money, Span

AUTHORITY = frozenset({"authority"})
_STATE_ROLES = frozenset({"authority", "country"})
_DASHES = {"-", "–", "—"}
PRONOUN_REACH = 1200  # characters: a pronoun's antecedent is in this or the last sentences
PERSON_KINDS = frozenset({"official", "head_of_state"})
_PAIR_DISTANCE = 40


class SentenceReader:
    """Extracts the events of one sentence given the document context."""

    def __init__(self, ctx: DocContext, sent: Span) -> None:
        self.ctx = ctx
        self.sent = sent
        self.pack = ctx.pack
        lo = bisect_left(ctx.mention_starts, sent.start)
        hi = bisect_left(ctx.mention_starts, sent.end)
        self.refs = [r for r in ctx.mentions[lo:hi] if r.end <= sent.end]
        self.hits = find_triggers(self.pack, sent, ctx.trigger_hits)
        # Anaphora matter only where a trigger is: other sentences skip the scan.
        self.anaphors = self._find_anaphors() if self.hits else []
        # A closing attribution (", the minister said.") and the relative clauses.
        self.cited = self.pack.attribution.search(self.sent.text) if self.hits else None
        self.relatives = [
            (m.start(), m.end())
            for m in self.pack.relative_clause.finditer(ctx.text, sent.start, sent.end)
        ]

    # -- references -------------------------------------------------------------------

    def _find_anaphors(self) -> list[AnaphorMatch]:
        found: dict[tuple[int, int], list[Anaphor]] = {}
        for s, e, an in scan_anaphors(self.pack, self.ctx.low, self.sent.start, self.sent.end):
            if any(r.start < e and s < r.end for r in self.refs):
                continue
            if any(
                0 <= r.start - e <= 2 and not self.ctx.text[e : r.start].strip('"« ')
                for r in self.refs
            ):
                continue  # "the company Yandex": the name itself is the referent
                continue
            found.setdefault((s, e), []).append(an)
        out: list[AnaphorMatch] = []
        for s, e in sorted(found, key=lambda se: (se[0], -(se[1] - se[0]))):
            if out and s < out[-1].end:
                continue
            out.append(AnaphorMatch(s, e, tuple(found[(s, e)])))
        return out

    def _resolve(self, an: AnaphorMatch, role: str, exclude: set[str] | None = None) -> list[Ref]:
        for pat in an.patterns:
            if pat.role != role:
                continue
            if pat.plural and role == "platform":
                group = self.ctx.recent_group(an.start)
                if pat.pronoun:  # "they" points back a sentence or two, not a page
                    group = [r for r in group if an.start - r.end <= PRONOUN_REACH]
                return [Ref(r.entity, an.start, an.end) for r in group]
            latest = self.ctx.latest_actor
            if pat.state and role == "authority":
                named = next(
                    (
                        r
                        for r in self.refs
                        if r.entity.role == "country" and 0 <= r.start - an.end <= 4
                    ),
                    None,
                )
                state = named.entity if named else self.ctx.story_state()  # "authorities in Iran"
                if state is not None:
                    return [Ref(state, an.start, an.end)]
            if pat.latest_actor:
                if latest is not None and latest.role == role:
                    return [Ref(latest, an.start, an.end)]
                continue
            ref = self._sentence_subject(an, pat) if pat.pronoun else None
            topic = self.ctx.topic
            if ref is None and pat.pronoun and role == "authority" and topic is not None:
                ref = Ref(topic, an.start, an.end)  # "Russia has stepped up ... It began ..."
            if (
                ref is None
                and pat.pronoun
                and latest is not None
                and latest.role == role
                and (not pat.kinds or latest.kind in pat.kinds)
                and latest.kind not in pat.skip_kinds
            ):
                ref = Ref(latest, an.start, an.end)
            ref = ref or self.ctx.recent(
                an.start, frozenset({role}), pat.kinds, exclude or set(), pat.skip_kinds
            )
            if ref is not None and pat.pronoun and an.start - ref.end > PRONOUN_REACH:
                ref = None
            if ref is not None:
                return [Ref(ref.entity, an.start, an.end)]
            if role == "authority" and not pat.pronoun:
                state = self.ctx.story_state()  # "the authorities" with no body named yet
                if state is not None:
                    return [Ref(state, an.start, an.end)]
        return []

    def _sentence_subject(self, an: AnaphorMatch, pat: Anaphor) -> Ref | None:
        """A pronoun in a subordinate clause refers to its sentence's subject."""
        for ref in self.refs:
            if ref.start >= an.start:
                break
            ent = ref.entity
            if ent.role != pat.role or ref.possessive or self._after_preposition(ref.start):
                continue
            if (pat.kinds and ent.kind not in pat.kinds) or ent.kind in pat.skip_kinds:
                continue
            return ref
        return None

    def _after_preposition(self, pos: int, titles: bool = True) -> bool:
        """A name inside a prepositional phrase ("in Pakistan") is not a subject."""
        before = self.ctx.text[max(self.sent.start, pos - 40) : pos]
        m = self.pack.preposition_before.search(before)
        return bool(m) and (titles or not m.group("titles"))

    def _possessive_ok(self, ref: Ref, nouns: re.Pattern[str]) -> bool:
        """A possessive name ("Twitter's") counts only before certain nouns."""
        after = self.ctx.text[ref.end : ref.end + 40]
        rest = re.sub(r"^['’]s?\s*", "", after)
        return bool(nouns.match(rest))

    def _subject_candidates(
        self, before: int, skip_platforms: bool, prepositions: bool = True
    ) -> list[tuple[int, str, list[Ref]]]:
        out: list[tuple[int, str, list[Ref]]] = []
        asides = [
            (self.sent.start + m.start(), self.sent.start + m.end())
            for m in self.pack.relative_clause.finditer(self.sent.text)
            if self.sent.start + m.end() <= before
        ]
        for ref in self.refs:
            if ref.end > before or (prepositions and self._after_preposition(ref.start)):
                continue
            if any(s <= ref.start < e for s, e in asides):
                continue  # "TikTok, which counts India as its market, said ..."
            if (
                ref.possessive
                and ref.entity.role == "authority"
                and self._possessive_ok(ref, self.pack.government_nouns)
            ):
                gov = self.ctx.governments.get(ref.entity.country or "")
                ref = Ref(gov, ref.start, ref.end) if gov else ref
            elif ref.possessive and not self._possessive_ok(ref, self.pack.agent_nouns):
                continue
            if skip_platforms and ref.entity.role == "platform":
                continue
            out.append((ref.end, ref.entity.role, [ref]))
        for an in self.anaphors:
            if an.end > before or self._after_preposition(an.start, titles=False):
                continue
            if an.pronoun and self.pack.object_pronoun.match(self.ctx.text[an.start : an.end]):
                continue  # "их", "them": an object, whatever it refers to
            if an.pronoun:
                # A pronoun after the sentence's subject is that subject, whatever its role
                # ("The Kremlin said it would not block ...").
                subj = self._pronoun_subject(an)
                if subj is not None:
                    if not (skip_platforms and subj.entity.role == "platform"):
                        out.append((an.end, subj.entity.role, [subj]))
                    continue
            for role in ("authority", "platform"):
                if skip_platforms and role == "platform":
                    continue
                resolved = self._resolve(an, role)
                if resolved:
                    out.append((an.end, role, resolved))
        return sorted(out, key=lambda c: c[0])

    def _pronoun_subject(self, an: AnaphorMatch) -> Ref | None:
        """The sentence's subject when it is a name before the pronoun."""
        first = next(
            (r for r in self.refs if not r.possessive and not self._after_preposition(r.start)),
            None,
        )
        first_pronoun = next((a for a in self.anaphors if a.pronoun), None)
        if first is None or first.start >= an.start:
            return None
        if first_pronoun is not None and first_pronoun.start < first.start:
            return None  # "In July it blocked X, and ... it blocked Y": the same "it"
        for pat in an.patterns:
            if pat.plural or first.entity.role != pat.role:
                continue
            if (pat.kinds and first.entity.kind not in pat.kinds) or (
                first.entity.kind in pat.skip_kinds
            ):
                continue
            return Ref(first.entity, an.start, an.end)
        return None

    def subject(self, hit: Hit, expected: str) -> tuple[str, list[Ref]]:
        """The nearest name or anaphor before the trigger: (role, entities)."""
        before_text = self.ctx.text[self.sent.start : hit.start]
        head = self.ctx.text[hit.start : hit.head_end]
        if self.pack.participle.search(head) and re.search(r",\s*$", before_text):
            # A participial adjunct (", warning that ...") shares the main clause's subject.
            wanted = ("platform",) if expected == "platform" else ("authority", "country")
            for cand in self._subject_candidates(hit.start, skip_platforms=False):
                if cand[1] in wanted:
                    return cand[1], cand[2]
        if self.pack.coordination.search(before_text):
            # "fined Telegram and ordered it ...": the subject is the first verb's subject.
            for cand in self._subject_candidates(hit.start, skip_platforms=False):
                if cand[1] in ("authority", "country"):
                    return cand[1], cand[2]
        skip = bool(self.pack.by_gerund.search(before_text))
        # A passive participle's subject may sit in a phrase: "handed to X, summoned ...".
        cands = self._subject_candidates(
            hit.start, skip_platforms=skip, prepositions=hit.trigger.voice != "passive"
        )
        end = cands[-1][0] if cands else self.sent.start
        if self.pack.unnamed_authority.search(self.ctx.text, end, hit.start):
            return "authority", []  # "a court fined ...": an authority, named by the story
        if not cands:
            return "", []
        same_place = [c for c in cands if c[0] == end]
        role, refs = next(((r, x) for _, r, x in same_place if r == expected), same_place[0][1:])
        if role == "platform" and len(refs) == 1 and refs[0].end > refs[0].start:
            refs = self._list_backward(refs[0], PLATFORM)
        return role, refs

    def _list_backward(self, last: Ref, roles: frozenset[str]) -> list[Ref]:
        items = [last]
        for ref in reversed(self.refs):
            if ref.end > items[-1].start or ref.entity.role not in roles or ref.possessive:
                continue  # "ByteDance's Helo": the owner is not an item of the list
            if not self._is_glue(ref.end, items[-1].start):
                break
            items.append(ref)
        return list(reversed(items))

    def _is_glue(self, start: int, end: int) -> bool:
        """Only list punctuation, conjunctions, descriptors and money between two names."""
        gap = self.ctx.text[start:end]
        for m in self.ctx.money:
            if start <= m.start and m.end <= end:
                gap = gap.replace(self.ctx.text[m.start : m.end], " ")
        gap = re.sub(r"\([^)]*\)", " ", gap)
        gap = self.pack.list_descriptor.sub(" ", gap)
        return bool(self.pack.list_glue.match(gap))

    def objects(self, hit: Hit, roles: frozenset[str]) -> list[Ref]:
        """Entities of the allowed roles in the clause after the trigger, as one list."""
        region_end = self.sent.end
        pos = hit.end
        while stop := self.pack.clause_stops.search(self.ctx.text, pos, self.sent.end):
            region_end = stop.start()
            # A dash may open the list itself ("its products — Facebook and Instagram").
            if stop.group().strip() not in _DASHES or self._has_target(hit, region_end, roles):
                break
            pos, region_end = stop.end(), self.sent.end
        if self.cited and self.sent.start + self.cited.start() >= hit.end:
            # ", the Interfax news agency reported": the outlet reports, it is not acted on.
            region_end = min(region_end, self.sent.start + self.cited.start())
        accept = roles | ({"authority"} if "country" in roles else set())
        cands = [
            r
            for r in self.refs
            if hit.head_end <= r.start and r.end <= region_end and r.entity.role in accept
        ]
        for an in self.anaphors:
            if not (hit.head_end <= an.start and an.end <= region_end):
                continue
            if an.pronoun and self.ctx.text[hit.head_end : an.start].strip():
                continue  # "fined it" yes; a pronoun further on belongs to another clause
            for role in roles & {"platform", "authority"}:
                cands.extend(self._resolve(an, role))
        if any(
            r.entity.role in roles
            for r in self.refs
            if hit.head_end <= r.start and r.end <= region_end
        ):
            # Names in the clause outrank a pronoun ("banned its products: Facebook, ...").
            pronouns = {(a.start, a.end) for a in self.anaphors if a.pronoun}
            cands = [c for c in cands if (c.start, c.end) not in pronouns]
        cands.sort(key=lambda r: r.start)
        cands = [  # "fined WhatsApp owner Meta": the owner is fined
            r for i, r in enumerate(cands)
            if i + 1 == len(cands)
            or not self.pack.owner_apposition.match(self.ctx.text[r.end : cands[i + 1].start])
        ]
        items: list[Ref] = []
        for ref in cands:
            if ref.possessive and not self._possessive_ok(ref, self.pack.service_nouns):
                continue
            if hit.trigger.type != "SUMMONS" and self.pack.person_heads.match(
                self.ctx.text, ref.end, region_end
            ) or self.pack.person_before.search(self.ctx.text, max(hit.head_end, ref.start - 40), ref.start):
                continue  # "charged the X channel's administrator": a person, not the platform
            if items and not self._is_glue(items[-1].end, ref.start):
                break
            items.append(ref)
        return unique_refs(items)

    def _has_target(self, hit: Hit, end: int, roles: frozenset[str]) -> bool:
        return any(
            hit.head_end <= r.start and r.end <= end and r.entity.role in roles for r in self.refs
        )

    def by_agent(self, hit: Hit) -> Ref | None:
        """The authority named after 'by' in a passive clause."""
        for ref in self.refs:
            if ref.start >= hit.end and ref.entity.role == "authority":
                between = self.ctx.text[hit.end : ref.start]
                if self.pack.agent_marker.search(between) and len(between) < 60:
                    return ref
        return None

    def possessor(self, hit: Hit) -> Entity | None:
        """The authority whose act a noun names ("its investigation", "the FSB's demand")."""
        before = self.ctx.text[max(self.sent.start, hit.start - 40) : hit.start]
        if not self.pack.possessive_determiner.search(before):
            return None
        ref = next(
            (r for r in reversed(self.refs) if r.end <= hit.start and hit.start - r.end < 40), None
        )
        if ref is not None and ref.possessive and ref.entity.role == "authority":
            return ref.entity
        found = self.ctx.recent(hit.start, AUTHORITY, skip_kinds=PERSON_KINDS)
        return found.entity if found else None

    # -- fields -----------------------------------------------------------------------

    def _window(self, start: int, end: int) -> str:
        """The text between two places, its dates blanked: "in May" is no hedge."""
        start = max(start, self.sent.start)
        if end <= start:
            return ""
        text = self.ctx.text[start:end]
        for d in self.ctx.dates:
            if start <= d.start and d.end <= end:
                a, b = d.start - start, d.end - start
                text = text[:a] + " " * (b - a) + text[b:]
        return text

    def _clause_window(self, subject_end: int, hit: Hit) -> str:
        """Text between the subject and the trigger, within the trigger's clause."""
        start = max(subject_end, self.sent.start)
        head = self.ctx.text[hit.start : hit.head_end]
        if self.pack.participle.search(head) and re.search(
            r",\s*$", self.ctx.text[start : hit.start]
        ):
            return ""  # ", rejecting the demand": the participle starts its own clause
        for cut in (self.pack.clause_stops, self.pack.clause_joins):
            for m in cut.finditer(self.ctx.text, start, hit.start):
                start = max(start, m.end())
        return self._window(start, hit.start)

    def status(self, hit: Hit, subject_end: int) -> str:
        window = self._clause_window(subject_end, hit)
        head = self.ctx.text[hit.start : hit.head_end]  # "ограничит": a future verb itself
        if hit.trigger.status == "announced" or any(
            self.pack.announced.search(t) for t in (window, head)
        ):
            return "announced"
        return "done"

    def negated(self, hit: Hit, subject_end: int, response: bool = False) -> bool:
        cues = self.pack.response_negation if response else self.pack.negation
        return bool(cues.search(self._clause_window(subject_end, hit)))

    def date_near(self, pos: int, status: str = "done", end: int | None = None) -> str | None:
        """The date of the sentence closest to a position, else one from its paragraph.

        A done act cannot postdate the report, so later dates only date announced acts.
        """

        def usable(ds: list[DateMention]) -> list[DateMention]:
            pub = self.ctx.published
            return [
                d
                for d in ds
                if status != "done" or pub is None or (d.value or "")[: len(pub)] <= pub
            ]

        end = pos if end is None else end
        inside = [
            d
            for d in usable(self.ctx.date_values(self.sent.start, self.sent.end))
            if not any(lo <= d.start < hi and not lo <= pos < hi for lo, hi in self.relatives)
        ]
        lo, hi = self._clause(pos)
        own = [d for d in inside if lo <= d.start < hi]
        if own:
            best = min(own, key=lambda d: max(d.start - end, pos - d.end, 0))
            if status == "announced":
                starts = [d for d in own if d.start >= pos and self._takes_effect(d)]
                return self._ahead(starts[0] if starts else best)
            return best.value
        later = self.relative_later()
        if later:
            return later
        para_start, _ = self.ctx.paragraph_of(self.sent.start)
        earlier = usable(self.ctx.date_values(para_start, self.sent.start))
        if earlier:
            return earlier[-1].value
        if inside:
            return min(inside, key=lambda d: max(d.start - end, pos - d.end, 0)).value
        if self.sent.start < self.ctx.lede_end:
            return self.ctx.news_date
        if status == "announced":
            return self.ctx.published  # a threat or plan stands as of the report
        return None

    def _takes_effect(self, d: DateMention) -> bool:
        """Whether a cue ends right before the date or opens its mention ("from March 14")."""
        text, cue = self.ctx.text, self.pack.takes_effect
        first_word = d.start + d.text.find(" ") + 1 if " " in d.text else d.start
        return bool(cue.search(text, max(0, d.start - 20), d.start)) or bool(
            cue.search(text, d.start, first_word)
        )

    def _clause(self, pos: int) -> tuple[int, int]:
        """The coordinated clause of the sentence that holds a position."""
        lo, hi = self.sent.start, self.sent.end
        for m in self.pack.clause_joins.finditer(self.ctx.text, self.sent.start, self.sent.end):
            if m.end() <= pos:
                lo = m.end()
            elif m.start() >= pos:
                hi = m.start()
                break
        return lo, hi

    def _ahead(self, d: DateMention) -> str | None:
        """A planned act's bare month or day ("in April") lies ahead of the report."""
        pub = self.ctx.published
        if not d.value or not pub or self.pack.relative_date_words.search(d.text):
            return d.value
        if not self.pack.future.search(self.sent.text):
            return d.value  # "threatened in December": a past threat keeps its past date
        if d.value[: len(pub)] < pub[: len(d.value)]:
            return f"{int(d.value[:4]) + 1}{d.value[4:]}"
        return d.value

    def relative_later(self) -> str | None:
        """ "three days later", "the next day": counted from the last full date before."""
        m = self.pack.relative_later.search(self.sent.text)
        same = self.pack.same_day.search(self.sent.text)
        if same:
            days = 0
        elif m:
            n = (m.group("n") or "").lower()
            days = int(n) if n.isdigit() else self.pack.number_words.get(n, 1 if not n else 0)
            if not days:
                return None
            if (m.group("unit") or "").lower().startswith(self.pack.week_unit):
                days *= 7
        else:
            return None
        prior = [
            d for d in self.ctx.date_values(0, self.sent.start) if d.value and len(d.value) == 10
        ]
        if not prior:
            return None
        base = date.fromisoformat(prior[-1].value)  # type: ignore[arg-type]
        return (base + timedelta(days=days)).isoformat()

    def amounts(self, hit: Hit | None = None) -> list[Money]:
        """The sentence's amounts; with several fines, those in this trigger's stretch."""
        start, end = self.sent.start, self.sent.end
        if hit is not None:
            fines = [h for h in self.hits if h.trigger.type == "FINE"]
            later = [h.start for h in fines if h.start > hit.start]
            earlier = [h.start for h in fines if h.start < hit.start]
            if earlier:
                start = hit.start
            if later:
                end = min(later)
        return [m for m in self.ctx.money if start <= m.start < end and not m.converted]

    # -- events -----------------------------------------------------------------------

    def events(self) -> list[Event]:
        cited = self.attribution() if self.hits else None
        if cited is not None:
            self.ctx.source = (cited, self.ctx.paragraph_of(self.sent.start))
        out: list[Event] = []
        for hit in self.hits:
            if hit.trigger.voice in ("response", "response_after"):
                # "ordered WhatsApp blocked": the block is the court's; "refused to comply":
                # the compliance word is part of the refusal.
                inside = any(
                    (o.trigger.voice != "response" and o.start < hit.start < o.end)
                    or (o.trigger.type == "REFUSAL" != hit.trigger.type and o.start <= hit.start < o.end)
                    for o in self.hits
                )
                if not inside:
                    out.extend(self._response(hit))
            else:
                found = self._authority_act(hit)
                out.extend(found)
                actor = next((e.actor_entity for e in found if e.actor_entity), None)
                self.ctx.latest_actor = actor or self.ctx.latest_actor
        self.ctx.topic = None if out else self._opening_state()
        return out

    def _opening_state(self) -> Entity | None:
        """The state or authority a sentence opens with, as its subject."""
        first = next(
            (r for r in self.refs if not r.possessive and not self._after_preposition(r.start)),
            None,
        )
        if first is None or first.entity.role not in _STATE_ROLES:
            return None
        return first.entity if not self.ctx.text[self.sent.start : first.start].strip() else None

    def _authority_act(self, hit: Hit) -> list[Event]:
        etype, voice = hit.trigger.type, hit.trigger.voice
        roles = self.pack.roles_for(etype)
        stated = True  # the sentence itself says who acted (not the story's last actor)
        role, subj = self.subject(hit, "authority")
        subject_end = max((r.end for r in subj), default=self.sent.start)
        actor: Entity | None = None
        if voice == "passive":
            targets = [r for r in subj if r.entity.role in roles]
            if not targets and role == "country":
                # "Доступ к Instagram в России ограничен": the country says where, not what.
                lo = self._clause(hit.start)[0]
                earlier = [
                    c for c in self._subject_candidates(hit.start, False, prepositions=False)
                    if c[1] in roles and c[1] != "country" and c[0] > lo
                ]
                targets = earlier[-1][2] if earlier else []
            agent = self.by_agent(hit)
            actor = agent.entity if agent else None
            if actor is None and subj and not targets and role == "authority":
                actor = subj[0].entity
            if actor is None and self.attribution() is None:
                # Unnamed agent: whoever acted last in the story, else the state itself.
                actor = self.ctx.latest_actor or self.ctx.story_state()
                stated = False
        elif voice == "nominal":
            actor = self.possessor(hit)
            if actor is None and role in ("authority", "country") and subj:
                actor = subj[0].entity
            targets = self.objects(hit, roles)
        else:
            if role == "platform":
                return []  # a platform acting on its own is not state pressure
            targets = self.objects(hit, roles)
            actor = subj[0].entity if subj and role in ("authority", "country") else None
        if hit.trigger.implicit_target and not targets:
            # "the FSB demanded the keys", "ordered the suspension": with no named object
            # the act is aimed at the platform the passage is about.
            story = self.ctx.recent(hit.start, PLATFORM)
            near = story and story.start >= self.ctx.paragraph_of(self.sent.start)[0] - 400
            named = voice == "nominal" or (subj and role in ("authority", "country"))
            if near and named:
                targets = [story]  # "I must submit to the demands of ..." names no authority
        if etype == "FINE" and not targets and self.amounts(hit):
            self.ctx.pending_amounts = self.amounts(hit)  # "fined six networks N each. A, B ..."
        if not targets or self.negated(hit, subject_end):
            return []
        targets = [self._as_state(r, roles) for r in targets]
        stated = stated and actor is not None
        actor = self._actor_fallback(actor, hit.start, {r.entity.id for r in targets})
        if etype == "BLOCK" and self.pack.deal_nouns.search(self.ctx.text, hit.end, targets[0].start):
            etype = "LEGAL_ACTION"  # "blocked the merger of X": a move against a deal, not a block
        events = self._make(etype, actor, targets, hit, self.status(hit, subject_end))
        for ev in events:
            ev.actor_named = stated
        return events

    def _response(self, hit: Hit) -> list[Event]:
        etype = hit.trigger.type
        before = self.ctx.text[self.sent.start : hit.start]
        for m in self.pack.non_answer.finditer(self.ctx.text, self.sent.start, self.sent.end):
            if m.start() < hit.end and hit.start < m.end():
                return []  # "declined to comment" answers the press, not an authority
        progressive = self.pack.participle.search(self.ctx.text[hit.start : hit.head_end])
        if self.pack.passive_before.search(before) and not progressive:
            return []  # "was blocked" is done to a platform; "was complying" is its own act
        if self.pack.obligation_before.search(before):
            return []  # "must pay the fine", "was ordered to remove": owed, not done
        if hit.trigger.voice == "response_after":
            # A noun naming the refusal, the platform right after it ("отказ Telegram ...").
            after = [r for r in self.refs if r.entity.role == "platform"
                     and hit.end <= r.start <= hit.end + 25 and not r.possessive]
            role, subj = ("platform", after[:1]) if after else ("", [])
        else:
            role, subj = self.subject(hit, "platform")
        if role != "platform" or not subj:
            return []
        subject_end = max(r.end for r in subj) if hit.trigger.voice == "response" else hit.start
        source = self._demand_source(hit)
        named = source or self._named_addressee(hit)
        authority = named or self._addressee(hit)
        events: list[Event] = []
        after = self.ctx.text[hit.head_end : min(self.sent.end, hit.end + 50)]
        implied = self.pack.implied_demand.match(after)
        reason = self.pack.reason_before.search(before)
        if reason and not reason.group().lower().startswith("after"):
            implied = None  # "fined for ignoring the requirement": the demand is implied only
        if implied or source:  # "ignored its demand to", "after a request from X"
            demander = source
            if implied and demander is None:
                noun = hit.head_end + implied.start("noun")
                demander = self.possessor(Hit(hit.trigger, noun, noun, noun)) or authority
            events += [self._event("DEMAND", demander, r.entity, "done", hit) for r in subj]
        window = self._clause_window(subject_end, hit)
        lookback = self.ctx.text[max(self.sent.start, hit.start - 30) : hit.start]
        if reason or self.pack.hypothetical.search(window + " " + lookback):
            return events  # "for failing to", "asked why it had not": not reported as acts
        if self.negated(hit, subject_end, response=True):
            if etype != "COMPLIANCE":
                return events
            etype = "REFUSAL"
        elif etype == "COMPLIANCE" and (
            self.pack.own_rules.search(self.sent.text) or self._removes_officials_content(hit)
        ):
            return events
        actors = [r.entity for r in subj] + self._gapped(hit)
        answers = [self._event(etype, a, authority, "done", hit) for a in actors]
        for ev in answers:
            ev.target_named = named is not None
        return answers + events

    def _gapped(self, hit: Hit) -> list[Entity]:
        """Platforms of a gapped clause that repeats the act ("..., а Google — три штрафа")."""
        out = []
        for m in self.pack.gapping.finditer(self.ctx.text, hit.end, self.sent.end):
            for ref in self.refs:
                if ref.entity.role == "platform" and m.start("name") <= ref.start < m.end("name"):
                    out.append(ref.entity)
        return out

    def _removes_officials_content(self, hit: Hit) -> bool:
        """A platform deleting a state official's post moderates the state, not obeys it."""
        end = min(self.sent.end, hit.end + 60)
        if any(hit.end <= r.start < end and r.entity.kind in PERSON_KINDS for r in self.refs):
            return True
        return any(
            hit.end <= an.start < end
            and not an.pronoun
            and any(
                p.role == "authority" and p.kinds <= PERSON_KINDS and p.kinds for p in an.patterns
            )
            for an in self.anaphors
        )

    def _demand_source(self, hit: Hit) -> Entity | None:
        """An authority named as the source of a request in or after the trigger."""
        for ref in self.refs:
            if ref.entity.role != "authority" or ref.start < hit.start:
                continue
            before = self.ctx.text[max(hit.start, ref.start - 40) : ref.start]
            if self.pack.demand_source.search(before):
                return ref.entity
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

    def _actor_fallback(self, actor: Entity | None, pos: int, exclude: set[str]) -> Entity | None:
        if actor is None:
            actor = self.attribution()
        if actor is None:
            # An unnamed actor is the state that acted last (not whoever was named last),
            # else the authority named last; before any, the state the story is about.
            last = self.ctx.latest_actor
            if last is not None and last.role in _STATE_ROLES and last.id not in exclude:
                return last
            ref = self.ctx.recent(pos, AUTHORITY, exclude=exclude)
            return ref.entity if ref else self.ctx.story_state() or self.ctx.main_authority()
        return actor

    def attribution(self) -> Entity | None:
        """The authority a sentence is attributed to (", the minister said.")."""
        m = self.cited
        if not m:
            return None
        start = self.sent.start + m.start()
        end = self.sent.start + m.end() + 60  # an opening cue names its source after it
        named = next(
            (
                r.entity
                for r in self.refs
                if start <= r.start < end and r.entity.role == "authority"
            ),
            None,
        )
        if named is not None:
            return named
        for an in self.anaphors:  # "according to the agency", "по данным ведомства"
            if start <= an.start < end and not an.pronoun:
                found = self._resolve(an, "authority")
                if found:
                    return found[0].entity
        return None

    def _make(
        self, etype: str, actor: Entity | None, targets: list[Ref], hit: Hit, status: str
    ) -> list[Event]:
        targets = [t for t in targets if actor is None or t.entity.id != actor.id]
        amounts = self.amounts(hit) if etype == "FINE" else []
        if etype == "FINE" and not amounts and self.ctx.pending_amounts:
            amounts = self.ctx.pending_amounts
        if not amounts:
            dates = self.date_list(hit)
            if len(dates) > 1:  # "blocked in December 2015, May 2016 and July 2016"
                return [
                    self._event(etype, actor, t.entity, status, hit, date=d.value)
                    for t in targets
                    for d in dates
                ]
            return [self._event(etype, actor, t.entity, status, hit) for t in targets]
        pairs = self._pair(targets, amounts)
        events = []
        for target, money in pairs:
            ev = self._event(etype, actor, target.entity, status, hit, money=money)
            if len(amounts) > 1:
                ev.date = self.date_near(money.start, status, money.end) or ev.date
            events.append(ev)
        return events

    def _pair(self, targets: list[Ref], amounts: list[Money]) -> list[tuple[Ref, Money]]:
        """Each amount to the target named beside it, else every target gets each amount.

        "fined A 21m and B 5m" names each target before its amount, "21m for A and 5m for
        B" after it; the reading that gives each target exactly one amount wins.
        """
        if len(targets) > 1 and len(amounts) == len(targets):
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

    def date_list(self, hit: Hit) -> list[DateMention]:
        """Dates after a trigger given as one list: each is an act of its own."""
        dates = [d for d in self.ctx.date_values(hit.end, self.sent.end)]
        out: list[DateMention] = []
        for d in dates:
            if out and not self.pack.list_glue.match(self.ctx.text[out[-1].end : d.start]):
                break
            out.append(d)
        return out if len(out) > 1 else []

    def _event(
        self,
        etype: str,
        actor: Entity | None,
        target: Entity | None,
        status: str,
        hit: Hit,
        money: Money | None = None,
        date: str | None = None,
    ) -> Event:
        authority = target if etype in RESPONSE_TYPES else actor
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
            date=date or self.date_near(hit.start, status),
            actor_id=actor.id if actor else None,
            target_id=target.id if target else None,
            actor_entity=actor,
        )
        if money is not None:
            ev.currency = money.currency
            if money.amount is not None:
                ev.amount = money.amount
            elif money.low is not None and money.high is not None:
                ev.amount_range = [money.low, money.high]
        return ev


def _distance(ref: Ref, money: Money) -> int:
    return max(money.start - ref.end, ref.start - money.end, 0)
