"""The rows of the Parquet tables, and the model objects they come from and go back to.

A document row carries everything the store's `Prepared` holds (text, identity, events,
MinHash signature, band keys, attribution cues, surface forms), so loading the tables into
the store, or linking inside Spark, never extracts a document again. Plain dicts of plain
values, so this module needs neither Spark nor pyarrow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from clampdown.errors import InputError
from clampdown.link.provenance import Attribution
from clampdown.model import DateBasis, Document, Event
from clampdown.store.prepare import Identity, Prepared, event_rows

UNDATED = "undated"  # the month partition of rows with no date


def month(day: date | str | None) -> str:
    """The `month` partition value: YYYY-MM, or "undated" (a year alone says too little)."""
    if day is None:
        return UNDATED
    text = day.isoformat() if isinstance(day, date) else day
    return text[:7] if len(text) >= 7 else UNDATED


def event_row(ev: Event, seq: int) -> dict[str, Any]:
    low, high = ev.amount_range if ev.amount_range else (None, None)
    return {
        "seq": seq,
        "type": ev.type,
        "actor": ev.actor,
        "target": ev.target,
        "actor_id": ev.actor_id,
        "target_id": ev.target_id,
        "country": ev.country,
        "status": ev.status,
        "date": ev.date,
        "amount": _float(ev.amount),
        "amount_low": _float(low),
        "amount_high": _float(high),
        "currency": ev.currency,
        "evidence": ev.evidence,
        "start": ev.start,
        "end": ev.end,
        "date_basis": ev.date_basis.encode() if ev.date_basis else None,
    }


def event_of(row: Mapping[str, Any]) -> Event:
    low, high = row.get("amount_low"), row.get("amount_high")
    return Event(
        type=row["type"],
        actor=row.get("actor"),
        target=row.get("target"),
        country=row.get("country"),
        evidence=row["evidence"],
        start=int(row["start"]),
        end=int(row["end"]),
        status=row.get("status") or "done",
        date=row.get("date"),
        amount=row.get("amount"),
        amount_range=[low, high] if low is not None and high is not None else None,
        currency=row.get("currency"),
        actor_id=row.get("actor_id"),
        target_id=row.get("target_id"),
        date_basis=DateBasis.decode(row.get("date_basis")),  # absent from older tables
    )


def document_row(p: Prepared, file: int, record: int) -> dict[str, Any]:
    """One document with its events nested, and its position in the input."""
    d, a = p.document, p.attribution
    return {
        "file": file,
        "record": record,
        "id": d.id,
        "text": d.text,
        "published": d.published,
        "lang": d.lang,
        "url": d.url,
        "title": d.title,
        "source": d.source,
        "key": p.identity.key,
        "url_key": p.identity.url_key,
        "signature": p.signature,
        "bands": list(p.bands),
        "outlet": a.outlet,
        "wire": a.wire,
        "cited": list(a.cited),
        "republished": a.republished,
        "cues": list(a.cues),
        "surfaces": [{"key": k, "names": list(v)} for k, v in sorted(p.surfaces.items())],
        "events": [event_row(ev, i) for i, ev in enumerate(p.events)],
        "month": month(d.published),
    }


def prepared_of(row: Mapping[str, Any], events: Sequence[Mapping[str, Any]] | None = None) -> (
    Prepared
):
    """The `Prepared` a document row was made from; `events` when they are stored apart."""
    published = row.get("published")
    doc = Document(
        id=row["id"],
        text=row["text"],
        published=published if isinstance(published, date) or published is None
        else date.fromisoformat(str(published)),
        lang=row.get("lang"),
        url=row.get("url"),
        title=row.get("title"),
        source=row.get("source"),
    )
    evs = row.get("events") if events is None else events
    extracted = [event_of(e) for e in sorted(evs or [], key=lambda e: e["seq"])]
    return Prepared(
        document=doc,
        identity=Identity(key=row["key"], url_key=row.get("url_key")),
        events=extracted,
        signature=bytes(row["signature"]),
        bands=[int(b) for b in row.get("bands") or []],
        attribution=Attribution(
            outlet=row.get("outlet"),
            wire=row.get("wire"),
            cited=tuple(row.get("cited") or ()),
            republished=bool(row.get("republished")),
            cues=tuple(row.get("cues") or ()),
        ),
        surfaces={s["key"]: list(s["names"]) for s in row.get("surfaces") or []},
        # Cheap to redo (rate look-ups and a look past the evidence), so not stored.
        rows=event_rows(row["key"], doc, extracted, doc.published),
    )


def error_row(e: InputError, file: int, record: int) -> dict[str, Any]:
    return {"file": file, "record": record, "source": e.source, "reason": e.reason,
            "outcome": e.outcome}


def _float(x: float | None) -> float | None:
    return None if x is None else float(x)
