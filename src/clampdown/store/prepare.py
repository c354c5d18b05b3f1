"""Everything about one document that needs no database: the work ingest spreads over cores.

`prepare` runs extraction and the per-document parts of linking (identity keys, MinHash
signature, attribution cues, surface forms of the entities) in one pure function, so worker
processes can do it while the main process writes the previous batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from clampdown.extract.pipeline import extract
from clampdown.link.provenance import (
    Attribution,
    attribution,
    band_keys,
    content_key,
    signature,
    url_key,
)
from clampdown.model import Document, Event
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


def identity(doc: Document) -> Identity:
    """Cheap enough to run in the main process before deciding to extract at all."""
    url = url_key(doc.url)
    return Identity(
        key=content_key(doc.text),
        url_key=hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest() if url else None,
    )


def prepare(doc: Document, ident: Identity | None = None) -> Prepared:
    """Extract `doc` and compute its signature, cues and surface forms."""
    events = extract(doc).events
    sig = signature(doc.text)
    return Prepared(
        document=doc,
        identity=ident or identity(doc),
        events=events,
        signature=sig,
        bands=band_keys(sig),
        attribution=attribution(doc.text, doc.title, doc.url),
        surfaces=surface_forms(events),
    )


def reextract(doc: Document, published: date) -> list[Event]:
    """Events of an undated document, extracted again against an inferred publication date
    so that "on September 14" and "on Tuesday" resolve."""
    return extract(replace(doc, published=published)).events


def surface_forms(events: list[Event]) -> dict[str, list[str]]:
    """For each actor and target, the knowledge-base names that appear in the evidence, as
    written there ("Russia's communications regulator" for Roskomnadzor)."""
    kb = load_kb().entities
    out: dict[str, list[str]] = {}
    for ev in events:
        low = ev.evidence.lower()
        aligned = len(low) == len(ev.evidence)  # lower() keeps offsets for nearly all text
        for key, name in ((ev.actor_id, ev.actor), (ev.target_id, ev.target)):
            if not key:
                continue
            ent = kb.get(key)
            names = [ent.name, *ent.aliases] if ent else [name or ""]
            found: list[str] = []
            for n in sorted({n for n in names if n}, key=len, reverse=True):
                at = _find_word(low, n.lower())
                if at >= 0 and not any(n.lower() in f.lower() for f in found):
                    found.append(ev.evidence[at : at + len(n)] if aligned else n)
            if found:
                seen = out.setdefault(key, [])
                seen.extend(f for f in found if f not in seen)
    return out


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
