"""Watchlists: saved case filters that a reader follows by feed or webhook.

A watchlist remembers the highest case number at its creation; cases numbered above it are
"new" to it. Its feed lists the latest matching cases under an unguessable key, so a feed
reader needs no token; its webhook gets each new matching case once (`webhooks`).
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, ProgrammingError

from clampdown.api.settings import ServeSettings
from clampdown.api.watch_schema import deliveries, watchlists
from clampdown.query.cases import max_case_id
from clampdown.query.filters import FILTER_FIELDS, CaseFilter, FilterError, parse_filter


def check_webhook(url: str | None) -> str | None:
    """An http(s) URL with a host, or FilterError naming `webhook`."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FilterError("webhook", f"{url!r} is not an http(s) URL")
    return url


def _without_credentials(url: str | None) -> str | None:
    """A webhook URL as shown back: any user name or password in it left out."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return parts._replace(netloc=netloc).geturl()


def check_filters(raw: dict[str, Any], settings: ServeSettings) -> CaseFilter:
    unknown = sorted(set(raw) - set(FILTER_FIELDS))
    if unknown:
        raise FilterError(f"filters.{unknown[0]}", "unknown filter; use "
                          + ", ".join(FILTER_FIELDS))
    f = parse_filter(raw, settings)
    if f.is_empty():
        raise FilterError("filters", "a watchlist needs at least one filter (target, type...)")
    return f


def create_watchlist(
    conn: Connection, name: str, f: CaseFilter, webhook: str | None
) -> dict[str, Any]:
    row = {
        "name": name,
        "filters": json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True),
        "webhook": webhook,
        "feed_key": secrets.token_urlsafe(24),
        "after_case_id": max_case_id(conn),
        "created_at": datetime.now(UTC).replace(tzinfo=None),
    }
    key = conn.execute(insert(watchlists).values(**row)).inserted_primary_key
    assert key is not None  # a single-row INSERT always has one
    new_id = key[0]
    return get_watchlist(conn, int(new_id)) or {}


def _shape(r: Any, counts: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "filters": json.loads(r.filters),
        "webhook": _without_credentials(r.webhook),
        "feed_key": r.feed_key,
        "after_case_id": r.after_case_id,
        "created_at": r.created_at.isoformat() + "Z",
        "deliveries": counts or {},
    }


def _counts(conn: Connection, watchlist_id: int) -> dict[str, int]:
    q = (
        select(deliveries.c.state, func.count())
        .where(deliveries.c.watchlist_id == watchlist_id)
        .group_by(deliveries.c.state)
    )
    return {state: n for state, n in conn.execute(q)}


def get_watchlist(conn: Connection, watchlist_id: int) -> dict[str, Any] | None:
    r = conn.execute(select(watchlists).where(watchlists.c.id == watchlist_id)).first()
    return None if r is None else _shape(r, _counts(conn, r.id))


def list_watchlists(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(watchlists).order_by(watchlists.c.id)).all()
    return [_shape(r, _counts(conn, r.id)) for r in rows]


def delete_watchlist(conn: Connection, watchlist_id: int) -> bool:
    conn.execute(delete(deliveries).where(deliveries.c.watchlist_id == watchlist_id))
    return conn.execute(delete(watchlists).where(watchlists.c.id == watchlist_id)).rowcount > 0


def watchlist_by_feed_key(conn: Connection, key: str) -> dict[str, Any] | None:
    """The watchlist a feed URL names; None when there is none (or no watch table yet)."""
    try:
        r = conn.execute(select(watchlists).where(watchlists.c.feed_key == key)).first()
    except (OperationalError, ProgrammingError):
        return None  # a store no watchlist was ever made for
    return None if r is None else _shape(r)
