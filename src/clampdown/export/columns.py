"""The columns of an exported case or event, and their Arrow types for Parquet.

The API's nested shapes (`{"actor": {"id", "name"}}`) are flattened here once; CSV and
Parquet then agree on names and order, and Parquet keeps numbers and flags typed even when
a column happens to be empty.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

STR, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()

CASE_COLUMNS: dict[str, pa.DataType] = {
    "case_id": INT, "type": STR, "status": STR, "date": STR, "date_lo": STR, "date_hi": STR,
    "country": STR, "actor_id": INT, "actor": STR, "target_id": INT, "target": STR,
    "amount": FLOAT, "amount_low": FLOAT, "amount_high": FLOAT, "currency": STR,
    "amount_eur": FLOAT, "amount_usd": FLOAT, "n_sources": INT, "n_documents": INT,
    "n_mentions": INT, "has_conflict": BOOL, "conversion_flag": BOOL, "origin_doc_id": INT,
    "origin_source": STR, "evidence": STR,
}

EVENT_COLUMNS: dict[str, pa.DataType] = {
    "event_id": INT, "case_id": INT, "doc_id": INT, "doc_ext_id": STR, "doc_title": STR,
    "doc_url": STR, "published": STR, "type": STR, "status": STR, "actor_id": INT,
    "actor": STR, "target_id": INT, "target": STR, "country": STR, "date": STR,
    "amount": FLOAT, "amount_low": FLOAT, "amount_high": FLOAT, "currency": STR,
    "amount_eur": FLOAT, "amount_usd": FLOAT, "stated_amount": FLOAT, "stated_currency": STR,
    "stated_ok": BOOL, "evidence": STR, "start": INT, "end": INT,
}


DISPUTE_COLUMNS: dict[str, pa.DataType] = {
    "dispute_id": STR, "title": STR, "state": STR, "state_name": STR, "platform_id": INT,
    "platform": STR, "platform_key": STR, "first_date": STR, "last_date": STR,
    "duration_days": INT, "n_steps": INT, "stage": STR, "outcome": STR, "harshest": STR,
    "harshest_status": STR, "start_day": STR, "days_to_compliance": INT,
    "days_to_harshest": INT, "fines_eur": FLOAT, "fines_usd": FLOAT, "n_fines": INT,
    "n_unconverted": INT, "matter": STR,
}

STEP_COLUMNS: dict[str, pa.DataType] = {
    "dispute_id": STR, "seq": INT, "case_id": INT, "day": STR, "date": STR, "type": STR,
    "status": STR, "country": STR, "actor_id": INT, "actor": STR, "target_id": INT,
    "target": STR, "amount": FLOAT, "currency": STR, "amount_eur": FLOAT,
    "amount_usd": FLOAT, "n_sources": INT, "matter": STR, "link": STR, "link_days": INT,
    "evidence": STR, "event_id": INT, "doc_id": INT, "doc_ext_id": STR, "doc_url": STR,
}


def _ref(d: dict[str, Any] | None, part: str) -> Any:
    return d.get(part) if d else None


def _range(r: dict[str, Any]) -> tuple[Any, Any]:
    rng = r.get("amount_range") or [None, None]
    return rng[0], rng[1]


def flat_case(c: dict[str, Any]) -> dict[str, Any]:
    low, high = _range(c)
    return {
        "case_id": c["id"], "type": c["type"], "status": c["status"], "date": c["date"],
        "date_lo": c["date_lo"], "date_hi": c["date_hi"], "country": c["country"],
        "actor_id": _ref(c["actor"], "id"), "actor": _ref(c["actor"], "name"),
        "target_id": _ref(c["target"], "id"), "target": _ref(c["target"], "name"),
        "amount": c["amount"], "amount_low": low, "amount_high": high,
        "currency": c["currency"], "amount_eur": c["amount_eur"], "amount_usd": c["amount_usd"],
        "n_sources": c["n_sources"], "n_documents": c["n_documents"],
        "n_mentions": c["n_mentions"], "has_conflict": c["has_conflict"],
        "conversion_flag": c["conversion_flag"], "origin_doc_id": c["origin_doc_id"],
        "origin_source": c["origin_source"], "evidence": c.get("evidence"),
    }


def flat_event(e: dict[str, Any]) -> dict[str, Any]:
    low, high = _range(e)
    doc = e.get("document") or {}
    conv = e.get("conversion") or {}
    return {
        "event_id": e["event_id"], "case_id": e["case_id"], "doc_id": e["doc_id"],
        "doc_ext_id": doc.get("ext_id"), "doc_title": doc.get("title"),
        "doc_url": doc.get("url"), "published": doc.get("published"), "type": e["type"],
        "status": e["status"], "actor_id": _ref(e["actor"], "id"),
        "actor": _ref(e["actor"], "name"), "target_id": _ref(e["target"], "id"),
        "target": _ref(e["target"], "name"), "country": e["country"], "date": e["date"],
        "amount": e["amount"], "amount_low": low, "amount_high": high,
        "currency": e["currency"], "amount_eur": e["amount_eur"], "amount_usd": e["amount_usd"],
        "stated_amount": conv.get("stated_amount"), "stated_currency": conv.get("stated_currency"),
        "stated_ok": conv.get("ok"), "evidence": e["evidence"], "start": e["start"],
        "end": e["end"],
    }


def flat_dispute(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "dispute_id": d["id"], "title": d["title"], "state": d["state"],
        "state_name": d["state_name"], "platform_id": d["platform"]["id"],
        "platform": d["platform"]["name"], "platform_key": d["platform"]["key"],
        "first_date": d["first_date"], "last_date": d["last_date"],
        "duration_days": d["duration_days"], "n_steps": d["n_steps"], "stage": d["stage"],
        "outcome": d["outcome"], "harshest": d["harshest"],
        "harshest_status": d["harshest_status"], "start_day": d["start_day"],
        "days_to_compliance": d["days_to_compliance"],
        "days_to_harshest": d["days_to_harshest"], "fines_eur": d["fines_eur"],
        "fines_usd": d["fines_usd"], "n_fines": d["n_fines"],
        "n_unconverted": d["n_unconverted"],
        "matter": ";".join(m["id"] for m in d["matter"]),
    }


def flat_step(s: dict[str, Any]) -> dict[str, Any]:
    doc = s.get("document") or {}
    link = s.get("link") or {}
    return {
        "dispute_id": s["dispute_id"], "seq": s["seq"], "case_id": s["case_id"],
        "day": s["day"], "date": s["date"], "type": s["type"], "status": s["status"],
        "country": s["country"], "actor_id": _ref(s["actor"], "id"),
        "actor": _ref(s["actor"], "name"), "target_id": _ref(s["target"], "id"),
        "target": _ref(s["target"], "name"), "amount": s["amount"],
        "currency": s["currency"], "amount_eur": s["amount_eur"],
        "amount_usd": s["amount_usd"], "n_sources": s["n_sources"],
        "matter": ";".join(c["id"] for c in s["cues"]), "link": link.get("kind"),
        "link_days": link.get("days"), "evidence": s["evidence"], "event_id": s["event_id"],
        "doc_id": doc.get("id"), "doc_ext_id": doc.get("ext_id"), "doc_url": doc.get("url"),
    }
