"""Atom feeds of watchlists: the latest matching cases, readable by any feed reader.

ElementTree writes the XML, so every piece of article text in a title or summary is escaped
as XML text; nothing is ever pasted into markup. Entry ids are stable per store and case,
so a reader shows a case once even when later reports change its summary.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from clampdown.query.cases import list_cases
from clampdown.query.filters import parse_filter
from clampdown.query.paging import PageRequest
from clampdown.store.schema import documents, events

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(value: datetime | None) -> str:
    value = value or datetime(1970, 1, 1)
    return value.replace(tzinfo=UTC, microsecond=0).isoformat().replace("+00:00", "Z")


def case_title(c: dict[str, Any]) -> str:
    actor = (c.get("actor") or {}).get("name") or "unknown actor"
    target = (c.get("target") or {}).get("name") or "unknown target"
    words = f"{c['type'].replace('_', ' ').title()}: {actor} → {target}"
    if c.get("country"):
        words += f" ({c['country']})"
    if c.get("date"):
        words += f", {c['date']}"
    return words


def feed_xml(
    conn: Connection, watchlist: dict[str, Any], base_url: str, limit: int
) -> bytes:
    """The Atom document of `watchlist`: its newest matching cases, newest first."""
    f = parse_filter(watchlist["filters"])
    page = list_cases(conn, f, PageRequest(limit, "-id"), with_total=False)
    ids = [c["id"] for c in page.items]
    stamps: dict[int, datetime] = {}
    if ids:
        stamps = dict(
            conn.execute(
                select(events.c.case_id, func.max(documents.c.ingested_at))
                .select_from(events.join(documents, documents.c.id == events.c.doc_id))
                .where(events.c.case_id.in_(ids))
                .group_by(events.c.case_id)
            ).all()
        )
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"clampdown: {watchlist['name']}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}/feeds/{watchlist['feed_key']}.atom"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self",
                  href=f"{base}/feeds/{watchlist['feed_key']}.atom")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=f"{base}/cases?{_query(watchlist['filters'])}")
    newest = max(stamps.values(), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "clampdown"
    for c in page.items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/cases/{c['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = xml_text(case_title(c))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=f"{base}/cases/{c['id']}")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(stamps.get(c["id"]))
        summary = ET.SubElement(entry, f"{{{ATOM}}}summary", type="text")
        summary.text = xml_text(c.get("evidence") or "")
        ET.SubElement(entry, f"{{{ATOM}}}category", term=c["type"])
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data


# Characters XML 1.0 does not allow in text; stored reporting may hold them (scraped text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text an Atom reader can parse: the characters XML forbids left out."""
    return _NOT_XML.sub("", text)


def _query(filters: dict[str, Any]) -> str:
    return urlencode(parse_filter(filters).to_query())
