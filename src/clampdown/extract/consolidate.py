"""Document-level consolidation of the events read sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from datetime import date

from clampdown.extract.context import Ref
from clampdown.extract.guards import may_match
from clampdown.extract.language import casefold_same_length
from clampdown.extract.money import local_currency
from clampdown.extract.sentences import is_prose
from clampdown.model import RESPONSE_TYPES, Entity, Event, Money, Span
from clampdown.resolve.kb import load_kb

# The acts a platform's compliance or refusal answers, most direct first.
AUTHORITY_EVENT_PREFERENCE = ("DEMAND", "WARNING", "BLOCK", "FINE", "THROTTLE")


def link_responses(events: list[Event], by_id: dict[str, Entity]) -> None:
    """A platform's response answers the authority that acted against it in the story."""
    for ev in events:
        if ev.type not in RESPONSE_TYPES or ev.actor_id is None or ev.target_named:
            continue
        acts = [
            a
            for a in events
            if a.type in AUTHORITY_EVENT_PREFERENCE
            and not a.candidate
            and a.target_id == ev.actor_id
            and a.actor_id
            and a.actor_id in by_id
        ]
        if not acts:
            continue
        # Platforms answer regulators' demands; courts mostly punish the refusal.
        best = min(
            acts,
            key=lambda a: (
                by_id[a.actor_id].kind == "court",  # type: ignore[index]
                AUTHORITY_EVENT_PREFERENCE.index(a.type),
                abs(a.start - ev.start),
            ),
        )
        authority = by_id[best.actor_id]  # type: ignore[index]
        ev.target, ev.target_id = authority.name, authority.id
        ev.country = authority.country or ev.country


def merge_duplicates(events: list[Event], another: re.Pattern[str] | None = None) -> list[Event]:
    """One event per act: reports of the same act in one document become one.

    A headline restates its story in fewer words ("Sri Lanka blocks Facebook" over "The
    regulator will block Facebook for three days"): where the body reports an act of the
    same type on the same party, the headline's reading adds nothing and is dropped.

    Two reports are one act unless something tells them apart (`_same_act`): a date, a sum,
    the body, the status, or, for a later sentence, words that tell its act as another one
    (`another`: "fined X an additional", "in addition, the ministry demanded").
    """
    headlines = [_headline(ev) for ev in events]
    told = {_key(ev) for ev, headline in zip(events, headlines, strict=True) if not headline}
    kept: list[Event] = []
    for ev, headline in zip(events, headlines, strict=True):
        if headline and _key(ev) in told:
            continue
        twin = next((k for k in kept if _same_act(k, ev) and not _told_apart(k, ev, another)), None)
        if twin is None:
            kept.append(ev)
            continue
        twin.candidate = twin.candidate and ev.candidate  # a rule's reading stands
        if ev.status == "done":  # a block told as to come and as decided: decided
            twin.status = "done"
        if twin.date is None and ev.date is not None:
            twin.date_basis = ev.date_basis
        elif twin.type == "BLOCK" and ev.date and twin.date and ev.date < twin.date:
            # a block decided and put in place days apart (`_same_act`): dated by the first
            twin.date, twin.date_basis = ev.date, ev.date_basis
        for name in ("date", "amount", "amount_range", "currency", "actor", "actor_id"):
            if getattr(twin, name) is None and getattr(ev, name) is not None:
                setattr(twin, name, getattr(ev, name))
        if ev.actor_entity and (
            _generality(ev.actor_entity) < _generality(twin.actor_entity)
            or (twin.actor_entity and not twin.actor_entity.known and ev.actor_entity.known)
        ):
            # "India blocked X" and "the IT ministry announced the ban": name the body;
            # "Russian Court Fines X" and "a Moscow court fined X": the body the KB knows.
            twin.actor, twin.actor_id = ev.actor, ev.actor_id
            twin.actor_entity = ev.actor_entity
    return kept


def _headline(ev: Event) -> bool:
    return not is_prose(ev.evidence)


def _key(ev: Event) -> tuple[str, str | None]:
    return ev.type, ev.actor_id if ev.type in RESPONSE_TYPES else ev.target_id


def _is_state(ent: Entity | None) -> bool:
    return ent is not None and ent.role == "country"


def _generality(ent: Entity | None) -> int:
    """How broadly a name tells who acted: a body, the state's government, the state."""
    if ent is None:
        return 3
    return 2 if _is_state(ent) else 1 if ent.stands_for_state else 0


def _same_actor(a: Event, b: Event) -> bool:
    """The same body, a state and one of its bodies, two names of one kind of body of one
    state ("Russian Court Fines Telegram" over "A Moscow court fined Telegram"), or, for a
    block or a slowdown, an official and the body they act for ("the Supreme Court ordered
    the app shut down" and "Judge X ordered the app blocked": a platform is blocked once,
    and the judge's order is the court's; a court and its judge make many demands)."""
    if not a.actor_id or not b.actor_id or a.actor_id == b.actor_id:
        return True
    if a.type in ("BLOCK", "THROTTLE"):
        bodies = load_kb().affiliations
        if bodies.get(a.actor_id, a.actor_id) == bodies.get(b.actor_id, b.actor_id):
            return True
    ea, eb = a.actor_entity, b.actor_entity
    if ea is None or eb is None or ea.country != eb.country:
        return False
    if not ea.known or not eb.known:
        return ea.kind == eb.kind
    return ea.stands_for_state or eb.stands_for_state  # the state, whose body acted


def _same_act(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    if a.status != b.status and (a.type != "BLOCK" or a.date != b.date):
        # a block decided, then told as to come the same day ("has decided to ban X ... the
        # app would be banned immediately"), is one act; other types keep plan and act apart
        return False
    # a platform answers many times (paying, then naming a representative); "blocked for
    # failing to" only retells a refusal
    retold = a.as_cause or b.as_cause
    if a.type in RESPONSE_TYPES and a.start != b.start and a.date != b.date and not retold:
        return False
    if a.type in RESPONSE_TYPES:
        if a.actor_id != b.actor_id or (a.target_id and b.target_id and a.target_id != b.target_id):
            return False
    elif a.target_id != b.target_id or not _same_actor(a, b):
        return False
    if a.type == "BLOCK" and _days_apart(a.date, b.date) <= BLOCK_PUT_IN_PLACE_DAYS:
        return a.amount is None or b.amount is None or a.amount == b.amount
    for name in ("date", "amount"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return False
    return not _dated_apart(a, b)


def _dated_apart(a: Event, b: Event) -> bool:
    """Two reports in different sentences that no day could be read for (an undated
    document), each dated by its own expression, and the two expressions differ ("on
    Monday" and "in March last year"): two acts, the later told as background, as two
    dates that differ would tell them."""
    if a.start == b.start or a.date is not None or b.date is not None:
        return False
    if a.type in RESPONSE_TYPES:
        return False  # an answer retold with the hearing's day is still the one answer
    ba, bb = a.date_basis, b.date_basis
    if ba is None or bb is None:
        return False
    ta = _date_expression(ba.text)
    tb = _date_expression(bb.text)
    return bool(ta and tb) and ta != tb


def _date_expression(text: str | None) -> str:
    """A date expression's words, letter case and spacing aside."""
    return " ".join(casefold_same_length(text).split()) if text else ""


# Days within which a block decided and the block put in place are one act ("has decided to
# shut down TikTok" on a Monday, "the app has been blocked" the next Monday; "has banned RT,
# effective Thursday" and "Wednesday's decision"): two blocks of one platform by one body
# told with dates this close are the decision and its effect, unless told as another.
BLOCK_PUT_IN_PLACE_DAYS = 10


def _days_apart(x: str | None, y: str | None) -> int:
    """Days between two full dates; a large number where either is not one."""
    try:
        return abs((date.fromisoformat(x or "") - date.fromisoformat(y or "")).days)
    except ValueError:
        return 1 << 30


def _told_apart(first: Event, later: Event, another: re.Pattern[str] | None) -> bool:
    """Two reports of one type on one party that are two acts all the same: the later
    sentence tells its act as a further one."""
    if another is None or first.start == later.start:
        return False
    return bool(another.search(casefold_same_length(later.evidence)))


def date_from_report(events: list[Event], published: str | None, repeated: re.Pattern[str]) -> None:
    """An act the report dates nowhere is news as of the report: it takes the publication
    date, after duplicates are merged (a dated twin gives its own). An act repeated over
    time ("has issued multiple warnings") has no one day and stays undated: its basis says
    so, as the publication date may come later (see `DateBasis`)."""
    for ev in events:
        low = casefold_same_length(ev.evidence)
        if may_match(repeated, low, 0, len(low)) and repeated.search(ev.evidence):
            if ev.date_basis is not None:
                ev.date_basis = replace(ev.date_basis, repeated=True)
        elif ev.date is None and published is not None:
            ev.date = published


def _free(money: Money, used: Collection[float] = ()) -> bool:
    """A sum in the document's own currency that no event has taken yet."""
    return (
        money.amount is not None
        and bool(money.currency)
        and not money.converted
        and money.amount not in used
    )


def told_next(ev: Event) -> bool:
    """A fine without its amount: the one event `amounts_told_next` looks past."""
    return ev.type == "FINE" and ev.amount is None and ev.amount_range is None


def amounts_told_next(
    events: list[Event], sentences: list[Span], money: list[Money], text: str, lang: str
) -> None:
    """A fine told without its amount takes the one the next sentence of its paragraph
    states, when no other event has it ("... got a new fine. Its refusal cost it 4 million
    roubles."): reporters often give the sum after the news."""
    used = {ev.amount for ev in events if ev.amount is not None}
    after = {s.end: i + 1 for i, s in enumerate(sentences[:-1])}
    for ev in events:
        if not told_next(ev):
            continue
        nxt = sentences[after[ev.end]] if ev.end in after else None
        if nxt is None or "\n" in text[ev.end : nxt.start]:
            continue  # the last sentence of its paragraph
        told = next((m for m in money if nxt.start <= m.start < nxt.end and _free(m, used)), None)
        if told is not None and told.amount is not None:
            ev.amount = told.amount
            ev.currency = local_currency(text, told, ev.country, lang)
            used.add(told.amount)


def amounts_told_later(
    events: list[Event],
    sentences: list[Span],
    money: list[Money],
    text: str,
    lang: str,
    size: re.Pattern[str],
    mentions: list[Ref],
) -> None:
    """A sentence that only states a fine's size (`size` right before the amount: "Размер
    штрафа – 7 миллионов рублей", "в виде штрафа в размере ...") gives its sum to a fine
    told before it without one, when no event of that sentence has an amount and no other
    event has that sum: to the fine whose target the text names last before the sum, else
    the latest (`mentions`: the document's references, names and resolved anaphors, in
    order). Each fine takes one sum; reporters give the news first, then each platform's
    sum in its own paragraph."""
    used = {ev.amount for ev in events if ev.amount is not None}
    for m in money:
        if m.amount is None or not _free(m, used):  # "is None" narrows the type only
            continue
        sent = next((s for s in sentences if s.start <= m.start < s.end), None)
        if sent is None or not size.search(text, sent.start, m.start):
            continue
        if any(e.start <= m.start < e.end and e.amount is not None for e in events):
            continue
        waiting = [e for e in events if told_next(e) and e.end <= sent.start]
        if not waiting:
            continue
        last = {r.entity.id: r.start for r in mentions if r.start < m.start}
        named = [
            (last.get(e.target_id, -1) if e.target_id else -1, e.end, i)
            for i, e in enumerate(waiting)
        ]
        ev = waiting[max(named)[2]]
        ev.amount = m.amount
        ev.currency = local_currency(text, m, ev.country, lang)
        used.add(m.amount)


def amount_per_item(
    events: list[Event],
    sentences: list[Span],
    money: list[Money],
    text: str,
    before: re.Pattern[str],
    after: re.Pattern[str],
    mentions: list[Ref],
) -> None:
    """A fine whose sum the text also tells as several equal fines ("оштрафовал Telegram в
    общей сложности на 5 миллионов рублей ... назначил два штрафа по 2,5 миллиона"; "fined
    X 10 million euros ... two penalties of 5 million euros each") takes the one fine's sum:
    a sum marked as each one's (`before`, `after`: "по", "each") that goes into the fine's
    whole number of times (two to ten), told in a sentence that names no other fined
    platform, and no other platform's fine's sum. Each fine is an act; the total only counts
    them."""
    owners: dict[float, set[str | None]] = {}  # a sum's fines: whom they were imposed on
    for ev in events:
        if ev.amount is not None:
            owners.setdefault(ev.amount, set()).add(ev.target_id)
    fined = {ev.target_id for ev in events if ev.type == "FINE" and ev.target_id}
    for ev in events:
        total = ev.amount
        if ev.type != "FINE" or total is None or total <= 0:
            continue
        others = fined - {ev.target_id}
        found: set[float] = set()
        for m in money:
            part = m.amount
            if part is None or m.converted or part <= 0 or part >= total:
                continue
            if ev.currency and m.currency and m.currency != ev.currency:
                continue
            if owners.get(part, {ev.target_id}) != {ev.target_id}:
                continue  # another platform's fine
            times = total / part
            if not 2 <= round(times) <= 10 or abs(times - round(times)) > 0.005 * times:
                continue
            sent = next((s for s in sentences if s.start <= m.start < s.end), None)
            if sent is None:
                continue
            if not (before.search(text, sent.start, m.start) or after.match(text, m.end, sent.end)):
                continue
            if any(sent.start <= r.start < sent.end and r.entity.id in others for r in mentions):
                continue
            found.add(part)
        if len(found) == 1:
            ev.amount = found.pop()


def amount_told_before(events: list[Event], money: list[Money], text: str, lang: str) -> None:
    """A fine told without its sum after the text has stated one sum only ("Twitter paid a
    fine of 3,000 roubles ... The court imposed this fine in April"; "an appeal against
    seven fines of 19.5 million roubles ... Apple was fined for breaking the law"): the fine
    is the one the text is about, of that sum. Where the text states several sums before
    it, which one is its own is not told, and it stays without one; so does a fine only
    threatened or expected, and one of another platform than the fine that has the sum
    ("fined Google 3 million roubles. It also fined Twitter."): another fine."""
    owners: dict[float, set[str | None]] = {}  # a sum's fines: whom they were imposed on
    for ev in events:
        if ev.amount is not None:
            owners.setdefault(ev.amount, set()).add(ev.target)
    for ev in events:
        if ev.type != "FINE" or ev.status != "done" or ev.amount is not None:
            continue  # a fine only threatened ("could face fines") is not the one of the sum
        if ev.amount_range is not None:
            continue
        told = [m for m in money if m.end <= ev.start and _free(m)]
        if not told or len({m.amount for m in told}) != 1:
            continue
        if owners.get(told[0].amount or 0.0, {ev.target}) == {ev.target}:
            ev.amount = told[0].amount
            ev.currency = local_currency(text, told[0], ev.country, lang)


def range_told_later(events: list[Event], money: list[Money]) -> None:
    """A planned fine told without its sum takes the range of fines the text states after it
    ("will fine six platforms ... The violators face fines from 800,000 to 4 million
    rubles"): what the law sets for the offence, when the text states one range only."""
    ranges = [m for m in money if m.low is not None and m.high is not None and m.currency]
    ranges = [m for m in ranges if not m.converted]
    if len({(m.low, m.high, m.currency) for m in ranges}) != 1:
        return
    told = ranges[0]
    for ev in events:
        if (
            ev.type == "FINE"
            and ev.status == "announced"
            and ev.amount is None
            and ev.amount_range is None
            and ev.currency is None
            and told.start >= ev.end
            and told.low is not None
            and told.high is not None
        ):
            ev.amount_range = [told.low, told.high]
            ev.currency = told.currency
