"""Everything about one document that needs no database: the work ingest spreads over cores.

`prepare` runs extraction and the per-document parts of linking (identity keys, MinHash
signature, attribution cues, surface forms of the entities) in one pure function, so worker
processes can do it while the main process writes the previous batch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from clampdown.extract.pipeline import extract
from clampdown.link.money import (
    Conversion,
    StatedCheck,
    action_day,
    check_stated,
    date_bounds,
    to_reference,
)
from clampdown.link.provenance import (
    Attribution,
    attribution,
    band_keys,
    content_key,
    key_and_signature,
    signature,
    url_key,
)
from clampdown.model import Document, Entity, Event
from clampdown.resolve.kb import load_kb


@dataclass(frozen=True, slots=True)
class Identity:
    """How a document is recognised when it comes again: text hash and URL hash."""

    key: str
    url_key: str | None


@dataclass(slots=True)
class Prepared:
    """A document with its events and what linking needs of it."""

    document: Document
    identity: Identity
    events: list[Event]
    signature: bytes
    bands: list[int]
    attribution: Attribution
    surfaces: dict[str, list[str]]  # entity key -> forms seen in the evidence
    rows: list[dict[str, Any]]  # per event, its stored columns but ids (`event_rows`)


STATED_REACH = 400  # characters after the evidence searched for the article's conversion


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(doc: Document) -> Document:
    """`doc` with what no database stores as text (NUL, lone surrogates from JSON escapes)
    replaced by U+FFFD, one character for one, so every offset still holds."""
    fields: dict[str, Any] = {
        name: _UNSTORABLE.sub("\ufffd", value)
        for name in ("id", "text", "title", "url", "lang")
        if isinstance(value := getattr(doc, name), str) and _UNSTORABLE.search(value)
    }
    return replace(doc, **fields) if fields else doc


def identity(doc: Document) -> Identity:
    """Cheap enough to run in the main process before deciding to extract at all."""
    doc = storable(doc)
    return _identity(doc, content_key(doc.text))


def _identity(doc: Document, key: str) -> Identity:
    url = url_key(doc.url)
    return Identity(
        key=key,
        url_key=hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest() if url else None,
    )


def prepare(doc: Document, ident: Identity | None = None, *, rows: bool = True) -> Prepared:
    """Extract `doc` and compute its signature, cues, surface forms and event rows.

    `rows` False leaves the event rows empty: the Spark job stores the events themselves
    and makes the rows again only where it needs them (`spark.records.prepared_of`).
    """
    doc = storable(doc)  # every path to the store (ingest, Spark, the API) passes here
    events = extract(doc).events
    if ident is None:  # the text is normalised once for its key and its signature
        key, sig = key_and_signature(doc.text)
        ident = _identity(doc, key)
    else:
        sig = signature(doc.text)
    return Prepared(
        document=doc,
        identity=ident,
        events=events,
        signature=sig,
        bands=band_keys(sig),
        attribution=attribution(doc.text, doc.title, doc.url),
        surfaces=surface_forms(events),
        rows=event_rows(ident.key, doc, events, doc.published) if rows else [],
    )


def event_rows(
    doc_key: str, doc: Document, events: list[Event], published: date | None
) -> list[dict[str, Any]]:
    """What the store keeps of each event, but for the ids only the store can give (its
    document, case, actor and target): keys, date bounds, money converted and checked."""
    seen: set[str] = set()
    out = []
    for seq, ev in enumerate(events):
        conv, check = money_of(doc, ev, published)
        lo, hi = date_bounds(ev.date) if ev.date else (None, None)
        out.append(
            {
                "key": event_key(doc_key, ev, seen),
                "seq": seq,
                "type": ev.type,
                "actor": (ev.actor or None) and ev.actor[:300],
                "target": (ev.target or None) and ev.target[:300],
                "country": ev.country,
                "status": ev.status,
                "date": ev.date,
                "date_lo": lo,
                "date_hi": hi,
                "date_basis": ev.date_basis.encode() if ev.date_basis else None,
                "amount": ev.amount,
                "amount_low": ev.amount_range[0] if ev.amount_range else None,
                "amount_high": ev.amount_range[1] if ev.amount_range else None,
                "currency": ev.currency,
                "amount_eur": conv.eur,
                "amount_usd": conv.usd,
                "rate_date": conv.rate_date,
                "stated_amount": check.amount if check else None,
                "stated_currency": check.currency if check else None,
                "stated_expected": check.expected if check else None,
                "stated_deviation": check.deviation if check else None,
                "stated_ok": check.ok if check else None,
                "evidence": ev.evidence,
                "span_start": ev.start,
                "span_end": ev.end,
            }
        )
    return out


def event_key(doc_key: str, ev: Event, seen: set[str]) -> str:
    """Deterministic: the same document extracted again gives the same keys, so a retried
    batch can never store an event twice."""
    base = "|".join(
        str(x) for x in (doc_key, ev.type, ev.start, ev.end, ev.actor_id, ev.target_id)
    )
    key = _digest(base)
    n = 1
    while key in seen:
        n += 1
        key = _digest(f"{base}#{n}")
    seen.add(key)
    return key


def money_of(
    doc: Document, ev: Event, published: date | None
) -> tuple[Conversion, StatedCheck | None]:
    """The event's amount in EUR and USD, and the article's own conversion checked.

    The amount may sit in the sentence after the evidence ("... were fined. The two giants
    were fined 21 million rubles (245,000 euros)"), so the check reads on a little.
    """
    if ev.amount is None:
        return Conversion(None, None, None), None
    day = action_day(ev.date, published)
    window = doc.text[ev.start : ev.end + STATED_REACH]
    return (
        to_reference(ev.amount, ev.currency, day),
        check_stated(window, doc.lang, ev.amount, ev.currency, day),
    )


def _digest(text: str) -> str:
    """128 bits of SHA-256, in hex: collisions are out of reach, and the unique index on
    event keys stays half the size of one on full digests."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def surface_forms(events: list[Event]) -> dict[str, list[str]]:
    """For each actor and target, the knowledge-base names that appear in the evidence, as
    written there ("Russia's communications regulator" for Roskomnadzor)."""
    kb = load_kb().entities
    out: dict[str, list[str]] = {}
    # A party searched for again in the same evidence (several events of one sentence)
    # finds the same forms, all already kept: each is searched for once.
    done: set[tuple[str, str | None, str]] = set()
    for ev in events:
        low = ev.evidence.lower()
        aligned = len(low) == len(ev.evidence)  # lower() keeps offsets for nearly all text
        for key, name in ((ev.actor_id, ev.actor), (ev.target_id, ev.target)):
            if not key:
                continue
            ent = kb.get(key)
            seen_as = (key, None if ent else name, ev.evidence)
            if seen_as in done:
                continue
            done.add(seen_as)
            names = _entity_names(key, ent) if ent else _longest_first([name or ""])
            found: list[str] = []
            found_low: list[str] = []
            for n, n_low in names:
                at = _find_word(low, n_low)
                if at >= 0 and not any(n_low in f for f in found_low):
                    found.append(ev.evidence[at : at + len(n)] if aligned else n)
                    found_low.append(found[-1].lower())
            if found:
                seen = out.setdefault(key, [])
                seen.extend(f for f in found if f not in seen)
    return out


# Entity key -> (the entity, its names longest first with their lower case): sorting and
# lowering every alias again for each event cost more than searching the evidence.
_NAMES: dict[str, tuple[Entity, list[tuple[str, str]]]] = {}


def _entity_names(key: str, ent: Entity) -> list[tuple[str, str]]:
    hit = _NAMES.get(key)
    if hit is not None and hit[0] is ent:  # a reloaded knowledge base gives new entities
        return hit[1]
    names = _longest_first([ent.name, *ent.aliases])
    _NAMES[key] = (ent, names)
    return names


def _longest_first(names: list[str]) -> list[tuple[str, str]]:
    return [(n, n.lower()) for n in sorted({n for n in names if n}, key=len, reverse=True)]


def _find_word(text: str, word: str) -> int:
    """Index of `word` in `text` as a whole word ("X" must not match inside "Xiaomi")."""
    start = 0
    while (at := text.find(word, start)) >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(word)] if at + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        start = at + 1
    return -1
