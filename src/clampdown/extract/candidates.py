"""Second-chance candidates: the plain reading of a sentence the rules left unread, with the
features a scorer weighs to keep or drop it (`extract/scorer.py`).

The rules read a sentence's grammar narrowly and say nothing when a wording defeats them;
real reporting defeats them often ("CAC restricted new Didi's App downloads"). A candidate
is the broad reading: a sentence that holds an act-word of a type (the pack's
`candidates.yaml`, stems kept as data, or a trigger of that type) and names a platform
reports that act on that platform (for a platform's answer, by it). One candidate per
(sentence, platform, type) that no rule event of the sentence already states; whether the
reading is right is learnt from the development data (`eval/train_scorer.py`).

Beside those general features, a candidate carries lexical ones (`lexical`): the words
around its act-word and its platform, each a feature named by its language and place
(`lex:mid:en:ordere`), computed from the text alone; which of them carry weight is learnt,
so no word of any language is named here.

Only sentences holding a trigger are read this way, in a document the prefilter lets
through (`prefilter.may_hold_event`): candidates never reach text the prefilter skips, so
outputs are the same with and without it. Reading a candidate leaves the document's
reading state (`DocContext`) as it found it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

import yaml

from clampdown.extract.context import PLATFORM, Ref
from clampdown.extract.language import NEVER, Trigger
from clampdown.extract.triggers import Hit
from clampdown.languages import LEXICONS
from clampdown.model import EVENT_TYPES, RESPONSE_TYPES, Entity, Event

if TYPE_CHECKING:
    from clampdown.extract.events import SentenceReader

VOICES = ("active", "passive", "nominal", "object", "response", "response_after", "word")
_QUOTES = re.compile(r"[\"«»“”„]")
_NO_MATCH = re.compile(NEVER)  # an act-word's place: no pattern of the pack found it
LEXICAL = "lex:"  # the head of every lexical feature's name
STEM = 6  # a word's first letters stand for it (a crude stem)
_WORD = re.compile(r"[^\W\d_]+|\d+")
_MARK = re.compile(r"[^\w\s]")
_SIDE = 4  # words read between act-word and platform: this many next to each of them


@cache
def act_words(lang: str) -> dict[str, re.Pattern[str]]:
    """The pack's act-words by event type, each type's stems as one pattern over the
    lower-cased text (a word starting with a stem); empty where the pack has none."""
    path = LEXICONS / lang / "candidates.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - set(EVENT_TYPES)
    if unknown:
        raise ValueError(f"{path}: unknown event types {sorted(unknown)}")
    out: dict[str, re.Pattern[str]] = {}
    for etype in EVENT_TYPES:
        stems = sorted({str(s).lower() for s in data.get(etype) or []}, key=len, reverse=True)
        if stems:
            out[etype] = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + r")\w*")
    return out


def sentence_candidates(reader: SentenceReader, rules: list[Event]) -> list[Event]:
    """One candidate per platform the sentence names (or refers to) and per type whose
    act-word or trigger it holds, where no rule event of the sentence states that type on
    that platform (`rules`)."""
    sent, low = reader.sent, reader.ctx.low
    platforms = _platforms(reader)
    if not platforms:
        return []
    stated = {(e.type, _key(e)) for e in rules}
    authorities = [r for r in reader.refs if r.entity.role == "authority"]
    countries = [r for r in reader.refs if r.entity.role == "country"]
    shared = {
        "bias": 1.0,
        "authority_named": float(bool(authorities)),
        "country_named": float(bool(countries)),
        "authority_before": float(reader.ctx.latest_actor is not None),
        "hypothetical": float(bool(reader.pack.hypothetical.search(low, sent.start, sent.end))),
        "question": float(sent.text.rstrip().endswith("?")),
        "quote": float(bool(_QUOTES.search(sent.text))),
        "in_lede": float(sent.start < reader.ctx.lede_end),
        "platforms": min(len(platforms), 6) / 6,
        "money": float(any(sent.start <= m.start < sent.end for m in reader.ctx.money)),
        "sentence_words": min(len(sent.text.split()), 80) / 80,
        "rules_in_sentence": float(bool(rules)),
        "triggers": min(len(reader.hits), 4) / 4,
    }
    words = act_words(reader.pack.code)
    by_type: dict[str, tuple[list[Hit], bool]] = {}
    for etype in EVENT_TYPES:
        places = [h for h in reader.hits if h.trigger.type == etype]
        from_trigger = bool(places)
        pattern = words.get(etype)
        if pattern is not None:
            places += [
                _word_hit(etype, m.start(), m.end())
                for m in pattern.finditer(low, sent.start, sent.end)
                if not any(h.start <= m.start() < h.end for h in places)
            ]
        if places:
            by_type[etype] = (places, from_trigger)
    out: list[Event] = []
    story = _story_platforms(reader)
    for ref in platforms:
        # How near each type's nearest act-word is: the nearest is most likely its act.
        near = {t: min(_gap(h, ref) for h in places) for t, (places, _) in by_type.items()}
        ranks = sorted(set(near.values()))
        for etype, (places, from_trigger) in by_type.items():
            if (etype, ref.entity.id) in stated or _inside(ref, places):
                continue
            hit = min(places, key=lambda h: _gap(h, ref))
            ev = _candidate(reader, etype, hit, ref, authorities)
            if ev is None:
                continue
            ev.features = (
                shared
                | _placement(reader, hit, ref)
                | _beside_rules(reader, etype, ref, rules)
                | _in_story(story, ref, hit, reader)
                | lexical(reader.ctx.low, reader.pack.code, etype, hit, ref, sent.start, sent.end)
                | {
                    f"type={etype}": 1.0,
                    f"voice={_voice(hit)}": 1.0,
                    "from_trigger": float(from_trigger),
                    f"from_trigger:{etype}": float(from_trigger),
                    "act_words": min(len(places), 4) / 4,
                    "types_proposed": min(len(by_type), 6) / 6,
                    "nearest_type": float(near[etype] == ranks[0]),
                    "type_rank": min(ranks.index(near[etype]), 4) / 4,
                    "negated": float(reader.negated(hit, sent.start, etype in RESPONSE_TYPES)),
                    "announced": float(ev.status == "announced"),
                    "possible": float(ev.possible or ev.proposed),
                    "actor_in_sentence": float(ev.actor_named),
                    "dated": float(ev.date is not None),
                    "rules_read_party": float(_read_by_rules(reader, hit, ref)),
                }
            )
            out.append(ev)
    return out


def lexical(
    low: str, lang: str, etype: str, hit: Hit, ref: Ref, start: int, end: int
) -> dict[str, float]:
    """The words that tell whose act it is, as features named by language and place: the
    act-word's own (`act`, with the type), those between act-word and platform (`mid`; the
    few next to each where many lie between), the two before and after the platform within
    the sentence (`pre1`, `pre2`, `post1`, `post2`; `^` and `$` for the sentence's edges),
    and each punctuation mark between (`mark`). A word stands for its first `STEM` letters,
    a number for `0`; `low` is the lower-cased text, `start` and `end` the sentence's."""
    head = _words(low[hit.start : max(hit.head_end, hit.start + 1)])[:1] or ["?"]
    lo, hi = min(hit.end, ref.end), max(hit.start, ref.start)
    mid = _words(low[lo:hi]) if lo < hi else []
    if len(mid) > 2 * _SIDE:
        mid = mid[:_SIDE] + mid[-_SIDE:]
    before = ["^", "^", *_words(low[start : ref.start])][-2:]
    after = [*_words(low[ref.end : end]), "$", "$"][:2]
    out = {f"{LEXICAL}act:{lang}:{etype}:{head[0]}": 1.0}
    out |= {f"{LEXICAL}mid:{lang}:{w}": 1.0 for w in mid}
    out |= {f"{LEXICAL}pre{i}:{lang}:{w}": 1.0 for i, w in enumerate(reversed(before), 1)}
    out |= {f"{LEXICAL}post{i}:{lang}:{w}": 1.0 for i, w in enumerate(after, 1)}
    out |= {f"{LEXICAL}mark:{m}": 1.0 for m in sorted(set(_MARK.findall(low[lo:hi])))}
    return out


def _words(text: str) -> list[str]:
    return [w[:STEM] if not w.isdigit() else "0" for w in _WORD.findall(text)]


def _story_platforms(reader: SentenceReader) -> tuple[list[str], float]:
    """The document's platform mentions in order (entity ids), and whether it names any
    authority: a story is mostly about the platform it names first and most often."""
    ids = [r.entity.id for r in reader.ctx.mentions if r.entity.role == "platform"]
    authority = any(r.entity.role == "authority" for r in reader.ctx.mentions)
    return ids, float(authority)


def _in_story(
    story: tuple[list[str], float], ref: Ref, hit: Hit, reader: SentenceReader
) -> dict[str, float]:
    """How the candidate's platform stands in the whole story, and whether it follows the
    act-word as its plain object (a few words on, no clause break nor comma between)."""
    ids, authority = story
    counts = Counter(ids)
    own, most = counts[ref.entity.id], max(counts.values(), default=0)
    between = reader.ctx.text[hit.end : ref.start] if ref.start >= hit.end else None
    plain_object = (
        between is not None
        and len(between.split()) <= 3
        and "," not in between
        and not reader.pack.clause_stops.search(between)
    )
    return {
        "party_first": float(bool(ids) and ids[0] == ref.entity.id),
        "party_main": float(own > 0 and own == most),
        "party_share": own / len(ids) if ids else 0.0,
        "authority_in_document": authority,
        "plain_object": float(plain_object),
    }


def _platforms(reader: SentenceReader) -> list[Ref]:
    """The platforms a sentence names or refers to, one reference each: names that are
    not an owner's before what it owns ("ByteDance's Helo") nor a platform whose people are
    meant ("the X channel's administrator")."""
    text, pack, sent = reader.ctx.text, reader.pack, reader.sent
    refs = [r for r in reader.refs if r.entity.role == "platform"]
    refs += reader.resolved("platform")
    out: list[Ref] = []
    seen: set[str] = set()
    for ref in sorted(refs, key=lambda r: r.start):
        if ref.entity.id in seen or reader.ctx.is_source(ref):
            continue
        if ref.possessive and not reader.possessive_ok(ref, pack.service_nouns):
            continue
        if pack.person_heads.match(text, ref.end, sent.end) or pack.person_before.search(
            text, max(sent.start, ref.start - 40), ref.start
        ):
            continue
        seen.add(ref.entity.id)
        out.append(ref)
    return out


def _candidate(
    reader: SentenceReader, etype: str, hit: Hit, ref: Ref, authorities: list[Ref]
) -> Event | None:
    """The event of the broad reading: the authority the sentence names nearest before the
    act (else after it), else the one the story's references give; for a platform's answer
    the platform acts and that authority is answered."""
    exclude = {ref.entity.id}
    named = [a for a in authorities if a.entity.id not in exclude]
    before = [a for a in named if a.end <= hit.start]
    authority: Entity | None = (before[-1] if before else named[0]).entity if named else None
    status = hit.trigger.status or reader.status(hit, reader.sent.start)
    if etype in RESPONSE_TYPES:
        answered = authority or reader.actor_fallback(None, hit.start, exclude)
        ev = reader.make_event(etype, ref.entity, answered, status, hit)
    else:
        actor = authority or reader.actor_fallback(None, hit.start, exclude)
        if actor is not None and actor.id == ref.entity.id:
            return None
        amounts = reader.amounts(hit) if etype == "FINE" else []
        money = min(amounts, key=lambda m: abs(m.start - hit.start)) if amounts else None
        ev = reader.make_event(etype, actor, ref.entity, status, hit, money=money)
    ev.candidate = True
    ev.actor_named = authority is not None
    ev.target_named = True
    return ev


def _placement(reader: SentenceReader, hit: Hit, ref: Ref) -> dict[str, float]:
    """Where the platform sits relative to the act, and how it is named."""
    text, pack = reader.ctx.text, reader.pack
    after = ref.start >= hit.end
    gap = _gap(hit, ref)
    between = text[min(hit.end, ref.end) : max(hit.start, ref.start)]
    passive = pack.passive_before.search(text, max(reader.sent.start, hit.start - 40), hit.start)
    return {
        "after_act": float(after),
        "distance": math.log1p(gap) / 6,
        "words_between": min(len(between.split()), 20) / 20,
        "clause_stop_between": float(bool(pack.clause_stops.search(between))),
        "comma_between": float("," in between),
        "speaker": float(bool(pack.speech_after.match(text, ref.end))),
        "after_preposition": float(reader.after_preposition(ref.start)),
        "possessive": float(ref.possessive),
        "anaphor": float(not any(r is ref for r in reader.refs)),
        "passive_before": float(passive is not None),
        "sentence_start": float(not text[reader.sent.start : min(ref.start, hit.start)].strip()),
    }


def _beside_rules(
    reader: SentenceReader, etype: str, ref: Ref, rules: list[Event]
) -> dict[str, float]:
    """What the sentence's rule events say of the candidate: one of its type on another
    party, that party listed with this one ("fined A, B and C": the rules read A alone),
    or one of another type on this party (the act-word then mostly belongs to that act)."""
    same = {_key(e) for e in rules if e.type == etype}
    on_party = any(ref.entity.id in (_key(e), e.target_id, e.actor_id) for e in rules)
    text, glue = reader.ctx.text, reader.pack.list_glue
    listed = any(
        other.entity.id in same
        and glue.match(text[min(ref.end, other.end) : max(ref.start, other.start)])
        for other in reader.refs
        if other.entity.id != ref.entity.id
    )
    return {
        "rule_same_type": float(bool(same)),
        "listed_with_rule": float(listed),
        "rule_on_party": float(on_party),
    }


def _read_by_rules(reader: SentenceReader, hit: Hit, ref: Ref) -> bool:
    """Whether the rules' own reading of the act's place gives this platform as its party:
    the subject before a passive or an answer, else the objects after the act."""
    if hit.trigger.voice in ("passive", "response"):
        refs = reader.subject(hit, "platform")[1]
    else:
        refs = reader.objects(hit, PLATFORM)
    return any(r.entity.id == ref.entity.id for r in refs)


def _gap(hit: Hit, ref: Ref) -> int:
    return max(0, ref.start - hit.end if ref.start >= hit.end else hit.start - ref.end)


def _inside(ref: Ref, places: list[Hit]) -> bool:
    """A name inside the act's own words ("asked Twitter to block"): no place to read it."""
    return all(h.start < ref.end and ref.start < h.end for h in places)


def _voice(hit: Hit) -> str:
    return hit.trigger.voice if hit.trigger.regex is not _NO_MATCH else "word"


def _key(ev: Event) -> str | None:
    return ev.actor_id if ev.type in RESPONSE_TYPES else ev.target_id


@cache
def _word_trigger(etype: str) -> Trigger:
    return Trigger(type=etype, voice="active", regex=_NO_MATCH)


def _word_hit(etype: str, start: int, end: int) -> Hit:
    return Hit(_word_trigger(etype), start, end, end)


FEATURES = (
    "bias",
    *(f"type={t}" for t in EVENT_TYPES),
    *(f"voice={v}" for v in VOICES),
    "from_trigger",
    *(f"from_trigger:{t}" for t in EVENT_TYPES),
    "authority_named",
    "country_named",
    "authority_before",
    "actor_in_sentence",
    "hypothetical",
    "question",
    "quote",
    "negated",
    "announced",
    "possible",
    "in_lede",
    "platforms",
    "money",
    "dated",
    "sentence_words",
    "rules_in_sentence",
    "rule_same_type",
    "listed_with_rule",
    "rule_on_party",
    "rules_read_party",
    "rules_in_document",
    "rules_on_party",
    "triggers",
    "act_words",
    "types_proposed",
    "nearest_type",
    "type_rank",
    "after_act",
    "distance",
    "words_between",
    "clause_stop_between",
    "comma_between",
    "speaker",
    "after_preposition",
    "possessive",
    "anaphor",
    "passive_before",
    "sentence_start",
    "party_first",
    "party_main",
    "party_share",
    "authority_in_document",
    "plain_object",
    "type_in_document",
)
"""Every general feature a candidate may carry (the lexical ones, named from the text, are
the others: their names start with `LEXICAL`); the document-level ones (`rules_in_document`,
`rules_on_party`, `type_in_document`) are set once the rules have read the whole document
(`with_document`)."""


def with_document(candidates: list[Event], rules: list[Event]) -> None:
    """Set the features only the whole document's rule events tell: whether the rules found
    any event, one of the candidate's type, and one on its key party."""
    parties = {_key(e) for e in rules} | {e.target_id for e in rules}
    types = {e.type for e in rules}
    for ev in candidates:
        ev.features["rules_in_document"] = float(bool(rules))
        ev.features["rules_on_party"] = float(_key(ev) in parties)
        ev.features["type_in_document"] = float(ev.type in types)
