"""Documents: one stored article, its events, and the other copies of its story."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from clampdown.query.cases import event_fields
from clampdown.query.common import actor_e, iso, loads, target_e
from clampdown.store.schema import documents, events, stories


def get_document(conn: Connection, doc_id: int) -> dict[str, Any] | None:
    """A document with its text, events (with offsets) and story copies, or None."""
    d = conn.execute(
        select(
            documents.c.id, documents.c.ext_id, documents.c.title, documents.c.url,
            documents.c.lang, documents.c.published, documents.c.published_inferred,
            documents.c.date_basis, documents.c.text, documents.c.origin, documents.c.outlet,
            documents.c.attributed, documents.c.republished, documents.c.cues,
            documents.c.story_id, documents.c.ingested_at,
            stories.c.origin_doc_id.label("story_origin"), stories.c.source.label("story_source"),
        )
        .select_from(documents.join(stories, stories.c.id == documents.c.story_id))
        .where(documents.c.id == doc_id)
    ).first()
    if d is None:
        return None
    evs = conn.execute(
        select(events, actor_e.c.name.label("actor_name"), target_e.c.name.label("target_name"))
        .select_from(
            events.outerjoin(actor_e, actor_e.c.id == events.c.actor_id).outerjoin(
                target_e, target_e.c.id == events.c.target_id
            )
        )
        .where(events.c.doc_id == doc_id)
        .order_by(events.c.seq)
    ).all()
    copies = conn.execute(
        select(
            documents.c.id, documents.c.title, documents.c.url, documents.c.outlet,
            documents.c.published, documents.c.republished,
        )
        .where(documents.c.story_id == d.story_id, documents.c.id != doc_id)
        .order_by(documents.c.published, documents.c.id)
        .limit(200)
    ).all()
    return {
        "id": d.id,
        "ext_id": d.ext_id,
        "title": d.title,
        "url": d.url,
        "lang": d.lang,
        "published": iso(d.published),
        "published_inferred": iso(d.published_inferred),
        "date_basis": d.date_basis,
        "origin": d.origin,
        "outlet": d.outlet,
        "attributed": d.attributed,
        "republished": bool(d.republished) or d.story_origin != d.id,
        "is_origin": d.story_origin == d.id,
        "cues": loads(d.cues, []),
        "story": {"id": d.story_id, "origin_doc_id": d.story_origin, "source": d.story_source},
        "ingested_at": iso(d.ingested_at),
        "text": d.text,
        "events": [event_fields(e) for e in evs],
        "copies": [
            {
                "id": c.id,
                "title": c.title,
                "url": c.url,
                "outlet": c.outlet,
                "published": iso(c.published),
                "is_origin": c.id == d.story_origin,
            }
            for c in copies
        ],
    }
