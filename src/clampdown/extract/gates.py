"""Precision gates: what SPEC.md requires of every event, checked once after reading.

The sentence reader proposes events generously; these gates hold each one to the
contract, whatever pattern proposed it, so that one rule guards against a whole class of
false events on ordinary news:

- parties: the key party (the target; a response's platform) is named in the evidence
  or referred to there ("the company", "it") and named earlier; a response's authority
  and an act's actor likewise, else they are left unnamed; a news outlet named only as
  who reports ("according to Reuters") is never the key party;
- who can be a target: a fine, block, slowdown, demand or warning falls on a platform,
  never on a person or a state; a block or slowdown never on an internet provider or
  telecom, which carries blocks out ("in its order to the operators X, Y and Z, the
  regulator said coverage should be suspended": the operators are told, not blocked);
- media: a platform named in the evidence only as where someone speaks ("announced on
  Telegram that ...", "a statement via Facebook") is no party of the act told there;
- hypotheticals: an act that may follow ("such platforms could face fines if ...") with
  no authority in the sentence announcing it explains a law rather than announcing an act;
  an act told as only possible ("X could fine Y") with no one saying so is weighed, not
  announced, and one proposed is announced only where a state body proposes it;
- answers owed: a compliance told as what the platform owes ("have the obligation to comply
  with the framework", "was to be connected to the system") is none yet;
- responses: a platform's compliance or refusal answers a demand, order, law or fine
  that the document reports against that platform; a provider or telecom blocking sites
  answers a body that ordered it, never a state named only as the place or the topic
  ("providers X and Y blocked news sites critical of Venezuela's government"); a product's
  answer where its owner gives the same answer is the owner's ("Google's Play Store" after
  "Google removed the app"); a platform said not to comply with a regulation ("X does not
  comply with the DSA") with no order named is a finding against it;
- blocks asked for: a platform named only as what someone is told to block ("were told to
  block X") bears no demand, and one someone is only urged to block ("pushed the PTA to ban
  X") no block;
- blocks speculated on or banned from: a block others only expect or guess at ("it was
  expected that X would be blocked", "may be reason enough to block it") is no act, and a
  platform named only as what someone is banned from ("were banned from Facebook") bans,
  it is not blocked;
- blocks weighed: a block told in its "-ing" form as what a clause weighs ("imposing a ban
  on X would hinder media freedom") is an opinion, not an act;
- private suits: a class action or a suit users or plaintiffs bring, and what they accuse
  a platform of in it, is no state's case;
- state bodies: an act a state body aims at another body of its own state ("the court
  summoned an officer of the interior ministry to justify the ban") is none;
- outages: a platform out of reach in a list of states is no act of each state;
- accusations: by an authority the evidence names, against a platform, or against a
  state for online or election interference; never between states about anything else.
"""

from __future__ import annotations

import re

from clampdown.extract.context import DocContext
from clampdown.extract.references import HEAD_ADDRESSED, STATE_ROLES
from clampdown.extract.sentences import is_prose
from clampdown.model import RESPONSE_TYPES, Entity, Event
from clampdown.resolve.kb import load_kb, platform_parents

# Acts that a platform's response can answer.
ANSWERED = frozenset({"DEMAND", "WARNING", "BLOCK", "FINE", "THROTTLE", "LEGAL_ACTION", "SUMMONS"})
# Acts whose target can only be a platform (service, outlet, tech company).
PLATFORM_ONLY = frozenset({"FINE", "BLOCK", "THROTTLE", "DEMAND", "WARNING"})
# Internet providers and telecoms: told to block a platform, they carry the block out.
CARRIERS = frozenset({"isp", "telecom"})


def apply_gates(events: list[Event], ctx: DocContext) -> list[Event]:
    """The events that meet the contract, with unnamed parties cleared."""
    kept = [ev for ev in events if _target_can_be(ev, ctx) and _key_party_named(ev, ctx)]
    kept = [ev for ev in kept if not _only_a_source(_key(ev), ctx)]
    kept = [ev for ev in kept if not _only_a_medium(ev, ctx)]
    kept = [ev for ev in kept if not _hypothetical(ev, ctx, kept) and not _only_possible(ev, ctx)]
    kept = [ev for ev in kept if not _proposed_by_no_authority(ev, ctx)]
    kept = [ev for ev in kept if not _weighed(ev, ctx)]
    kept = [ev for ev in kept if not _private_suit(ev, ctx)]
    kept = [ev for ev in kept if not _aimed_at_own_state(ev, ctx)]
    kept = [ev for ev in kept if not _carrier_told_to_block(ev, ctx, kept)]
    kept = [ev for ev in kept if not _spread_over_states(ev, ctx, kept)]
    kept = [ev for ev in kept if ev.type != "ACCUSATION" or _accusation_in_scope(ev, ctx)]
    kept = [ev for ev in kept if ev.type != "SUMMONS" or _summons_in_scope(ev, ctx)]
    kept = [ev for ev in kept if ev.type != "REFUSAL" or not _law_unmet(ev, ctx)]
    kept = [ev for ev in kept if ev.type != "COMPLIANCE" or not _owed(ev, ctx)]
    kept = [
        ev
        for ev in kept
        if ev.type != "DEMAND" or not _only_to_block(ev, ctx, ctx.pack.block_asked_before)
    ]
    kept = [
        ev
        for ev in kept
        if ev.type != "BLOCK" or not _only_to_block(ev, ctx, ctx.pack.block_urged_before)
    ]
    kept = [ev for ev in kept if ev.type != "BLOCK" or not _banned_from(ev, ctx)]
    kept = [ev for ev in kept if not _speculated(ev, ctx)]
    kept = [ev for ev in kept if ev.type != "DEMAND" or not _users_of(ev, ctx)]
    for ev in kept:
        _clear_unnamed_other_party(ev, ctx)
        _name_the_body(ev, ctx)
    acted_on = {
        ev.target_id for ev in kept if ev.type in ANSWERED and ev.target_id and not ev.candidate
    }
    return [
        ev
        for ev in kept
        if ev.type not in RESPONSE_TYPES
        or (
            _answers(ev, ctx, acted_on)
            and not _carrier_unordered(ev, ctx, kept)
            and not _owner_answers(ev, kept)
        )
    ]


def _entity(ctx: DocContext, entity_id: str | None) -> Entity | None:
    return ctx.by_id.get(entity_id) if entity_id else None


def _key(ev: Event) -> str | None:
    return ev.actor_id if ev.type in RESPONSE_TYPES else ev.target_id


def _other(ev: Event) -> str | None:
    return ev.target_id if ev.type in RESPONSE_TYPES else ev.actor_id


def _target_can_be(ev: Event, ctx: DocContext) -> bool:
    if ev.type not in PLATFORM_ONLY:
        return True
    target = _entity(ctx, ev.target_id)
    if target is not None and ev.type in ("BLOCK", "THROTTLE") and target.kind in CARRIERS:
        return False  # providers carry blocks out; the network they cut is not a platform
    return target is not None and target.role == "platform"


def _named_in(
    entity: Entity,
    ctx: DocContext,
    start: int,
    end: int,
    speakers: bool = False,
    heads: bool = False,
) -> bool:
    """Named in a stretch of text as a party: by its name, or a state by one of its bodies.

    A name followed by a verb of saying ("Twitter said ...") names the speaker, not a
    party; the party may still be referred to ("Twitter said it had been blocked").
    """
    for ref in ctx.mentions_from(start, end):
        if ref.end > end:
            continue
        if not speakers and (
            ctx.pack.speech_after.match(ctx.text, ref.end) or ctx.introduced_as_source(ref)
        ):
            continue  # "Twitter said ...", "..., informs The Insider": who tells, not a party
        if ref.entity.id == entity.id or _stands_for(ref.entity, entity, heads):
            return True
    return False


def _referred_in(entity: Entity, ctx: DocContext, start: int, end: int) -> bool:
    """Referred to in a stretch ("the regulator", "it") after being named before it."""
    role = "platform" if entity.role in ("platform", "person") else "authority"
    if not _named_in(entity, ctx, 0, end, speakers=True):
        return False
    return any(
        an.role == role
        and (not an.kinds or entity.kind in an.kinds)
        and entity.kind not in an.skip_kinds
        and any(an.stands_before(ctx.text, m.end()) for m in an.regex.finditer(ctx.low, start, end))
        for an in ctx.pack.anaphora
    )


def _stands_for(named: Entity, entity: Entity, heads: bool = False) -> bool:
    """A state named by one of its bodies; with `heads`, a platform by its head ("warned
    Musk"), for the acts told to a person only (`HEAD_ADDRESSED`): a head charged or
    arrested is a person acted on, not the platform."""
    if named.role == "person":
        return heads and load_kb().heads.get(named.id) == entity.id
    return (
        entity.role == "country" and named.role == "authority" and named.country == entity.country
    )


def _present(entity_id: str | None, ev: Event, ctx: DocContext) -> bool:
    entity = _entity(ctx, entity_id)
    if entity is None:
        return False
    heads = ev.type in HEAD_ADDRESSED
    return (
        _named_in(entity, ctx, ev.start, ev.end, heads=heads)
        or _referred_in(entity, ctx, ev.start, ev.end)
        or (ev.type in RESPONSE_TYPES and entity_id == ev.actor_id and _tells(entity, ev, ctx))
    )


def _tells(entity: Entity, ev: Event, ctx: DocContext) -> bool:
    """A platform named with a verb of saying after it, telling its own answer ("O X
    anunciou que descumpriria ..."): the speaker is the answering party."""
    return any(
        ref.entity.id == entity.id and ctx.pack.speech_after.match(ctx.text, ref.end)
        for ref in ctx.mentions_from(ev.start, ev.end)
    )


def _key_party_named(ev: Event, ctx: DocContext) -> bool:
    return _present(_key(ev), ev, ctx)


def _only_a_source(entity_id: str | None, ctx: DocContext) -> bool:
    """A news outlet the document names only as who reports ("according to Reuters",
    "TASS reported", "told CNN") is no party of the acts it reports, whatever "the
    company" or "they" seemed to point back to."""
    entity = _entity(ctx, entity_id)
    if entity is None or entity.kind != "news_outlet":
        return False
    refs = [ref for ref in ctx.mentions if ref.entity.id == entity.id]
    return bool(refs) and all(ctx.is_source(ref) for ref in refs)


def _only_a_medium(ev: Event, ctx: DocContext) -> bool:
    """'Mada Masr put out a statement via Facebook confirming that its website had been
    blocked': a platform the evidence names only as where someone speaks (`medium_before`)
    is the medium of the statement, not the party of the act it tells."""
    key = _entity(ctx, _key(ev))
    if key is None or key.role != "platform":
        return False
    refs = [
        ref
        for ref in ctx.mentions_from(ev.start, ev.end)
        if ref.entity.id == key.id and ref.end <= ev.end
    ]
    return bool(refs) and all(
        ctx.pack.medium_before.search(ctx.low, max(ev.start, ref.start - 80), ref.start)
        for ref in refs
    )


def _clear_unnamed_other_party(ev: Event, ctx: DocContext) -> None:
    """A party the text never names is not stated: leave it unnamed."""
    entity = _entity(ctx, _other(ev))
    if entity is None or _named_in(entity, ctx, 0, len(ctx.text), speakers=True):
        return
    if ev.type in RESPONSE_TYPES:
        ev.target = ev.target_id = None
    else:
        ev.actor = ev.actor_id = ev.actor_entity = None


def _name_the_body(ev: Event, ctx: DocContext) -> None:
    """A platform answers a body, not a state: where a response's authority came out as
    the state itself, the story's main regulator of that state is meant (a court or a
    ministry the story names may have nothing to do with the demand)."""
    state = _entity(ctx, ev.target_id) if ev.type in RESPONSE_TYPES else None
    if state is None or state.role != "country":
        return
    body = ctx.main_authority(state.country)
    if body is not None and body.kind in ("regulator", "agency"):
        ev.target, ev.target_id = body.name, body.id


def _hypothetical(ev: Event, ctx: DocContext, events: list[Event]) -> bool:
    """'Platforms such as X could face fines if they fail to ...', hedged and with no one
    in the sentence saying so: a law explained, not an act announced against X."""
    if ev.status != "announced" or ev.actor_named:
        return False
    conditional = ctx.pack.hypothetical.search(ctx.text, ev.start, ev.end)
    if not conditional and not ctx.pack.hedges.search(ctx.text, ev.start, ev.end):
        return False  # "Twitter faces a fine of up to 4 million roubles": announced
    if not conditional and ev.type in RESPONSE_TYPES and _hedges_only_list(ev, ctx):
        return False  # "YouTube ve TikTok gibi platformlar ... karar vermişti": they answer
    if not conditional and any(
        other.target_id == ev.target_id
        and other.type != ev.type
        and other.type in ANSWERED
        and not other.candidate
        for other in events
    ):
        return False  # "Telegram faces a fine" after the protocols drawn up against it
    if (
        ev.actor_id
        and not ctx.pack.hedges.search(ctx.text, ev.start, ev.end)
        and any(
            other.type == "DEMAND"
            and other.target_id == ev.target_id
            and other.actor_id == ev.actor_id
            and other.end <= ev.start
            and not other.candidate
            for other in events
        )
    ):
        return False  # "X ordered Y to ... If Y fails, it will face a fine": the order's sanction
    return not _authority_in_evidence(ev, ctx)  # "it warned that they could be fined if ..."


def _hedges_only_list(ev: Event, ctx: DocContext) -> bool:
    """Every hedge of the evidence follows a platform's name as the word that gives the
    names before it as members of a kind (`examples_after`: "X ve Y gibi platformlar"):
    the platforms are named as themselves, and the act is no law explained."""
    ends = [ref.end for ref in ctx.mentions_from(ev.start, ev.end) if ref.entity.role == "platform"]
    return all(
        any(ctx.pack.examples_after.fullmatch(ctx.text, end, m.end()) for end in ends)
        for m in ctx.pack.hedges.finditer(ctx.text, ev.start, ev.end)
    )


def _authority_in_evidence(ev: Event, ctx: DocContext) -> bool:
    """The event's actor is an authority (not a state, party or person) its evidence names."""
    actor = _entity(ctx, ev.actor_id)
    return actor is not None and actor.role == "authority" and _present(actor.id, ev, ctx)


def _owner_answers(ev: Event, events: list[Event]) -> bool:
    """'Apple and Google have removed the app ... Google's Play Store and Apple's App Store
    blocked further downloads of it': a product's answer where its owner gives the same
    answer in another sentence of the document is the owner's, told again (the knowledge
    base's `parents`)."""
    owner = platform_parents().get(ev.actor_id or "")
    return owner is not None and any(
        o.type == ev.type and o.actor_id == owner and o.start != ev.start and not o.candidate
        for o in events
    )  # both named in one sentence ("Facebook and Instagram removed it"), both answer


def _carrier_unordered(ev: Event, ctx: DocContext, events: list[Event]) -> bool:
    """A provider or telecom that blocks sites answers an order; where its answer is given
    to no body, only to the state or its government as a whole, and the document tells no
    act of that state at all (the state named only as the place, or as the topic of what is
    blocked: "blocked news sites critical of Venezuela's government"), the provider carries
    out a block of its own rather than answering an order the text never tells."""
    actor = _entity(ctx, ev.actor_id)
    if actor is None or actor.kind not in CARRIERS:
        return False
    state = _entity(ctx, ev.target_id)
    if state is None or not state.stands_for_state:
        return False  # a body named as the one answered ("the censor's office") is told
    return not any(
        o.type in ANSWERED
        and not o.candidate
        and (
            o.actor_id == state.id
            or (by := _entity(ctx, o.actor_id)) is not None
            and by.country == state.country
        )
        for o in events
    )


def _carrier_told_to_block(ev: Event, ctx: DocContext, events: list[Event]) -> bool:
    """A provider ordered to block a platform ("instructed PTCL to ban Telegram") carries
    out the block told in the same sentence: that block is the act, not a demand on it."""
    if ev.type != "DEMAND":
        return False
    target = _entity(ctx, ev.target_id)
    if target is None or target.kind not in CARRIERS:
        return False
    return any(
        o.type in ("BLOCK", "THROTTLE") and o.start == ev.start and o.target_id != ev.target_id
        for o in events
    )


# States named as where one platform stopped working, from which a sentence reads no act.
SPREAD_STATES = 3


def _spread_over_states(ev: Event, ctx: DocContext, events: list[Event]) -> bool:
    """'The app stopped opening in Russia, the Netherlands, Israel, Thailand and other
    countries': a platform out of reach in a list of states, each read as its place's
    actor, is an outage seen across countries, not one act per state; a block that states
    took together names them as its doers ("Saudi Arabia and the UAE blocked ...") or
    names a body, and lists fewer."""
    if ev.type not in ("BLOCK", "THROTTLE") or ev.actor_named:
        return False
    actor = _entity(ctx, ev.actor_id)
    if actor is None or actor.role != "country":
        return False
    states = {
        o.actor_id
        for o in events
        if o.start == ev.start
        and o.type == ev.type
        and o.target_id == ev.target_id
        and not o.actor_named
        and (a := _entity(ctx, o.actor_id)) is not None
        and a.role == "country"
    }
    return len(states) >= SPREAD_STATES


def _only_possible(ev: Event, ctx: DocContext) -> bool:
    """'The regulator could fine Google up to 6 billion', told by the report with no one in
    the sentence saying so: a possibility weighed, not a threat announced."""
    if not ev.possible:  # "now has the option to fine X" is weighed, whatever its tense
        return False
    return not ctx.pack.possibility_voiced.search(ctx.low, ev.start, ev.end)


def _private_suit(ev: Event, ctx: DocContext) -> bool:
    """'Users filed a class action against Meta', 'the plaintiffs accuse Roblox of
    misrepresentation in a complaint filed in the Superior Court': a suit people bring, and
    what they accuse the platform of in it, with no authority in the sentence bringing it,
    is no state's case (`private_suit`)."""
    if ev.type not in ("LEGAL_ACTION", "ACCUSATION") or not ctx.pack.private_suit.search(
        ctx.low, ev.start, ev.end
    ):
        return False
    actor = _entity(ctx, ev.actor_id)
    if ev.type == "ACCUSATION" or (actor is not None and actor.kind == "court"):
        return True  # the suit's parties accuse; the court it is filed in sues no one
    return not _authority_in_evidence(ev, ctx)  # a state is only where the court sits


def _weighed(ev: Event, ctx: DocContext) -> bool:
    """'The committee stated that imposing a total ban on TikTok would hinder media freedom':
    a block told in its "-ing" form as the subject a modal weighs (`act_weighed`) is an
    opinion on the act, whoever voices it, neither done nor announced."""
    if ev.type not in ("BLOCK", "THROTTLE"):
        return False  # "fined X, saying that blocking it would go too far": the fine stands
    return ctx.pack.act_weighed.search(ctx.low[ev.start : ev.end]) is not None


def _aimed_at_own_state(ev: Event, ctx: DocContext) -> bool:
    """'The High Court summoned an officer of the Interior Ministry to justify the ban': an
    act a state body aims at another body of its own state is no act against a platform
    (SPEC: "nor an action aimed at another state body")."""
    if ev.type in RESPONSE_TYPES:
        return False
    actor, target = _entity(ctx, ev.actor_id), _entity(ctx, ev.target_id)
    return (
        actor is not None
        and target is not None
        and actor.role in STATE_ROLES
        and target.role == "authority"
        and target.country is not None
        and target.country == actor.country
    )


def _proposed_by_no_authority(ev: Event, ctx: DocContext) -> bool:
    """'The party proposed to block TikTok': a proposal is an act announced only where a
    state body proposes it, not a party, a deputy's group or a state named as its home."""
    if not ev.proposed or ev.type in RESPONSE_TYPES:
        return False
    actor = _entity(ctx, ev.actor_id)
    return actor is None or actor.role != "authority"


def _accusation_in_scope(ev: Event, ctx: DocContext) -> bool:
    """An authority's accusation, stated where the accuser is named (as the speaker too:
    "X broke the law, the regulator said") or referred to."""
    actor, target = _entity(ctx, ev.actor_id), _entity(ctx, ev.target_id)
    if actor is None or actor.role not in STATE_ROLES:
        return False
    if not (
        _named_in(actor, ctx, ev.start, ev.end, speakers=True)
        or _referred_in(actor, ctx, ev.start, ev.end)
        or _accuser_just_before(actor, ev, ctx)
    ):
        return False
    if target is None or target.role == "platform":
        return target is not None
    if _said_to_interfere(actor, ev, ctx):
        return False  # "Russia allegedly interfered in ... Moldova": Russia is the accused
    if target.country and actor.country == target.country:
        return False  # "interference in Russia's affairs", said in Moscow: the victim
    if _interfered_in(target, ctx, ev.start, ev.end):
        return False  # "accused the embassy of interference in Russia's affairs": the victim
    return bool(ctx.pack.interference_cues.search(ctx.low, ev.start, ev.end))


def _said_to_interfere(actor: Entity, ev: Event, ctx: DocContext) -> bool:
    """Every name of the accuser in the evidence is the subject of the interference it
    tells (`interferer_after`): the state said to interfere is accused, not accusing."""
    refs = [
        ref
        for ref in ctx.mentions_from(ev.start, ev.end)
        if ref.entity.id == actor.id or _stands_for(ref.entity, actor)
    ]
    return bool(refs) and all(
        ctx.pack.interferer_after.match(ctx.low, ref.end, ev.end) for ref in refs
    )


def _accuser_just_before(actor: Entity, ev: Event, ctx: DocContext) -> bool:
    """'X decided to act. This is over the violations committed by Telegram and TikTok': an
    evidence that names no state body gives the reason for what the authority named last did,
    where that body is named in the prose right before it (its own paragraph before it, or
    the prose paragraph before, lines such as a photo credit in between left out)."""
    if any(ref.entity.role in STATE_ROLES for ref in ctx.mentions_from(ev.start, ev.end)):
        return False  # the evidence names its own state body, which is not this one
    if ctx.pack.speech_after.search(ctx.text, ev.start, ev.end):
        return False  # "... after a complainant said the app spread ...": someone else's claim
    last = ctx.recent(ev.start, STATE_ROLES)
    if last is None or last.entity.id != actor.id or actor.role != "authority":
        return False  # a body, not a state named in passing ("the American Music Awards")
    start = ctx.paragraph_of(ev.start)[0]
    if ctx.text[start : ev.start].strip():
        return last.start >= start  # named earlier in the evidence's own paragraph
    before = [p for p in ctx.paragraphs if p[1] <= start and is_prose(ctx.text[p[0] : p[1]])]
    return bool(before) and before[-1][0] <= last.start < before[-1][1]


def _summons_in_scope(ev: Event, ctx: DocContext) -> bool:
    """A state's diplomat summoned is in scope only over online or election interference
    ("summoned the US ambassador over meddling in the elections"), like an accusation."""
    target = _entity(ctx, ev.target_id)
    if target is None or target.role != "country":
        return True
    actor = _entity(ctx, ev.actor_id)
    if actor is not None and actor.country and actor.country == target.country:
        return False  # a state's own body is no diplomat of a foreign state
    if ctx.pack.interference_cues.search(ctx.low, ev.start, ev.end):
        return True
    # "France summons Russian ambassador over disinformation campaign" above "France has
    # summoned Russia's ambassador, ...": the headline the body's report replaced says what
    # the summons is over.
    return any(
        not is_prose(ctx.text[start:end])
        and _named_in(target, ctx, start, end)
        and ctx.pack.interference_cues.search(ctx.low, start, end)
        for start, end in ctx.paragraphs
        if end <= ev.start
    )


def _interfered_in(state: Entity, ctx: DocContext, start: int, end: int) -> bool:
    """The state is named in the stretch as where an interference took place."""
    return any(
        ref.entity.id == state.id
        and ctx.pack.interference_place.search(ctx.low, max(start, ref.start - 80), ref.start)
        for ref in ctx.mentions_from(start, end)
    )


def _law_unmet(ev: Event, ctx: DocContext) -> bool:
    """A platform said not to comply with a regulation or its requirements ("X does not
    comply with the DSA in key transparency areas"), with no order named in the sentence, is
    a regulator's finding against it, not the platform's answer to a demand."""
    return (
        ctx.pack.law_unmet.search(ctx.low, ev.start, ev.end) is not None
        and ctx.pack.orders_named.search(ctx.low, ev.start, ev.end) is None
    )


def _owed(ev: Event, ctx: DocContext) -> bool:
    """'The MCMC will ensure that YouTube has the obligation and responsibility to comply
    with the licensing framework', 'Google was to be connected to the system': a platform's
    answer told as what it owes (`response_owed`) is no compliance done."""
    return ctx.pack.response_owed.search(ctx.low, ev.start, ev.end) is not None


def _only_to_block(ev: Event, ctx: DocContext, before: re.Pattern[str]) -> bool:
    """Whether the evidence names the event's platform only as what is to be blocked.

    With `block_asked_before`, a demand that someone block it ("they were told to block Meta
    platforms", the owner's name standing for its platforms) is no demand on the platform;
    with `block_urged_before`, a block someone is only urged to impose ("pushed the PTA to
    ban TikTok") is no block."""
    named = ctx.mentions_from(ev.start, ev.end)
    refs = [ref for ref in named if ref.entity.id == ev.target_id] or [
        ref for ref in named if ref.entity.role == "platform"
    ]
    return bool(refs) and all(
        before.search(ctx.low, max(ev.start, ref.start - 160), ref.start) for ref in refs
    )


def _banned_from(ev: Event, ctx: DocContext) -> bool:
    """'The group and all its subsidiaries are now banned from Facebook for violating
    Facebook policies': a platform the evidence names as what someone is banned or removed
    from (`banned_from_before`) bans or hosts; it is not the blocked party."""
    return any(
        ref.entity.id == ev.target_id
        and ctx.pack.banned_from_before.search(ctx.low, max(ev.start, ref.start - 80), ref.start)
        for ref in ctx.mentions_from(ev.start, ev.end)
    )


def _speculated(ev: Event, ctx: DocContext) -> bool:
    """'It was also expected that Facebook would be blocked', 'experts have suggested that
    the authorities were trying to block Telegram', 'rulings which may be reason enough to
    block it': a block or slowdown others only expect or guess at (`speculated_before`,
    before the act's trigger in its sentence) is neither done nor announced."""
    if ev.type not in ("BLOCK", "THROTTLE"):
        return False
    first = ctx.pack.speculated_before.search(ctx.low, ev.start, ev.end)
    if first is None:
        return False
    named = [
        ref.start for ref in ctx.mentions_from(ev.start, ev.end) if ref.entity.id == ev.target_id
    ]
    return all(start >= first.end() for start in named)  # "X was blocked; it was expected ..."


def _users_of(ev: Event, ctx: DocContext) -> bool:
    """'YouTube users must disclose if their videos contain content generated by AI': a
    demand that names no authority, whose platform the evidence names only before the people
    who use it (`person_heads`), is a rule for those people, not a demand on the platform
    (a block so told stays: "Kenyan Telegram users have faced a blackout as the regulator
    ...")."""
    if ev.actor_id is not None:
        return False
    named = [ref for ref in ctx.mentions_from(ev.start, ev.end) if ref.entity.id == ev.target_id]
    return bool(named) and all(
        ctx.pack.person_heads.match(ctx.text, ref.end, ev.end) for ref in named
    )


def _answers(ev: Event, ctx: DocContext, acted_on: set[str]) -> bool:
    """A response answers an act against its platform, or a demand its sentence names."""
    if ev.actor_id in acted_on:
        return True
    return bool(ctx.pack.demand_cues.search(ctx.low, ev.start, ev.end))
