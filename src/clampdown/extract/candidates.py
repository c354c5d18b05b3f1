"""Second-chance candidates: an act whose trigger fired but whose parties the rules could
not place, proposed for every platform its sentence names, with the features a scorer
weighs to keep or drop it (`extract/scorer.py`).

The rules read a sentence's grammar narrowly and say nothing when a wording defeats them;
real reporting defeats them often ("CAC restricted new Didi's App downloads"). A candidate
is the plain reading: this sentence reports an act of the trigger's type against a platform
it names. Whether that reading is right is learnt from the development corpus.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from clampdown.extract.context import Ref
from clampdown.extract.triggers import Hit
from clampdown.model import EVENT_TYPES, Event

if TYPE_CHECKING:
    from clampdown.extract.events import SentenceReader

VOICES = ("active", "passive", "nominal", "object")


def candidate_events(reader: SentenceReader, hit: Hit, taken: set[str | None]) -> list[Event]:
    """One candidate per platform named in a trigger's sentence that the rules did not
    already make the act's target (`taken`)."""
    sent = reader.sent
    platforms = [
        r
        for r in reader.refs
        if r.entity.role == "platform"
        and r.entity.id not in taken
        and _may_be_target(reader, hit, r)
    ]
    if not platforms or reader.negated(hit, sent.start):
        return []
    authorities = [r for r in reader.refs if r.entity.role == "authority"]
    countries = [r for r in reader.refs if r.entity.role == "country"]
    role, subj = reader.subject(hit, "authority")
    actor = subj[0].entity if subj and role in ("authority", "country") else None
    named = actor is not None
    status = hit.trigger.status or reader.status(hit, hit.start)
    low = reader.ctx.low
    shared = {
        "bias": 1.0,
        f"type={hit.trigger.type}": 1.0,
        f"voice={hit.trigger.voice}": 1.0,
        "authority_named": float(bool(authorities)),
        "country_named": float(bool(countries)),
        "actor_is_subject": float(named),
        "announced": float(status == "announced"),
        "hypothetical": float(bool(reader.pack.hypothetical.search(low, sent.start, sent.end))),
        "in_lede": float(sent.start < reader.ctx.lede_end),
        "platforms": min(len({r.entity.id for r in platforms}), 6) / 6,
        "money": float(any(sent.start <= m.start < sent.end for m in reader.ctx.money)),
        "sentence_words": min(len(sent.text.split()), 80) / 80,
        "rules_found": float(bool(taken)),
    }
    out = []
    seen: set[str] = set()
    for ref in platforms:
        if ref.entity.id in seen:
            continue
        seen.add(ref.entity.id)
        who = actor or reader.actor_fallback(None, hit.start, {ref.entity.id})
        amounts = reader.amounts(hit) if hit.trigger.type == "FINE" else []
        money = amounts[0] if len(amounts) == 1 else None
        ev = reader.make_event(hit.trigger.type, who, ref.entity, status, hit, money=money)
        ev.candidate = True
        ev.actor_named = named
        ev.features = shared | _placement(reader, hit, ref)
        out.append(ev)
    return out


def _may_be_target(reader: SentenceReader, hit: Hit, ref: Ref) -> bool:
    """Not an owner named before what it owns ("ByteDance's Helo"), nor a platform whose
    people are meant ("the X channel's administrator")."""
    text, pack = reader.ctx.text, reader.pack
    if ref.possessive and not reader.possessive_ok(ref, pack.service_nouns):
        return False
    if ref.end <= hit.start if hit.trigger.voice != "passive" else ref.start >= hit.end:
        return False  # a passive act falls on what comes before it, an active one after
    if hit.start < ref.end and ref.start < hit.end:
        return False  # named inside the trigger ("asked Twitter to block"): told, not acted on
    return not (
        pack.person_heads.match(text, ref.end, reader.sent.end)
        or pack.person_before.search(text, max(reader.sent.start, ref.start - 40), ref.start)
    )


def _placement(reader: SentenceReader, hit: Hit, ref: Ref) -> dict[str, float]:
    """Where the platform sits relative to the trigger, and how it is named."""
    after = ref.start >= hit.end
    gap = ref.start - hit.end if after else hit.start - ref.end
    between = reader.ctx.text[min(hit.end, ref.end) : max(hit.start, ref.start)]
    return {
        "after_trigger": float(after),
        "distance": math.log1p(max(gap, 0)) / 6,
        "clause_stop_between": float(bool(reader.pack.clause_stops.search(between))),
        "speaker": float(bool(reader.pack.speech_after.match(reader.ctx.text, ref.end))),
        "after_preposition": float(reader.after_preposition(ref.start)),
    }


FEATURES = (
    "bias",
    *(f"type={t}" for t in EVENT_TYPES),
    *(f"voice={v}" for v in VOICES),
    "authority_named",
    "country_named",
    "actor_is_subject",
    "announced",
    "hypothetical",
    "in_lede",
    "platforms",
    "money",
    "sentence_words",
    "rules_found",
    "after_trigger",
    "distance",
    "clause_stop_between",
    "speaker",
    "after_preposition",
)
