"""Posting new matching cases to watchlists' webhooks: each once, retried with back-off.

Two steps, each its own short transaction. `queue_new` records a delivery row for every
case that is new to a watchlist and matches it; the row's key (watchlist, case) makes a
case queued once, whatever later ingests do to it. `deliver_due` claims due rows (so two
dispatchers never post the same one), POSTs them, and marks them delivered on a 2xx answer,
or schedules the next try after `webhook_backoff_s`, doubling each time up to
`webhook_max_backoff_s`, until `webhook_max_attempts`. A receiver can drop the rare repeat
after a crash between its answer and our commit by the `X-Clampdown-Delivery` header.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from sqlalchemy import Engine, and_, insert, select, update
from sqlalchemy.engine import Connection

from clampdown.api.settings import ServeSettings
from clampdown.api.watch_schema import deliveries, watchlists
from clampdown.query.cases import cases_after, get_case
from clampdown.query.filters import parse_filter

log = logging.getLogger("clampdown.webhooks")
QUEUE_BATCH = 500  # cases queued per watchlist per pass
DELIVER_BATCH = 100  # deliveries tried per pass


@dataclass(frozen=True, slots=True)
class Target:
    """Where a webhook goes: its URL, and the address that was checked, which the POST
    connects to so that a name answering differently the second time (DNS rebinding) cannot
    steer the connection inside the server's network. `refused` says why it may not go."""

    url: str
    address: str | None = None
    refused: str | None = None


def resolve_target(url: str, allowed: frozenset[str] = frozenset()) -> Target:
    """Resolve `url`'s host once and check every address it gives: refused when one is
    inside the server's own network (loopback, private, link-local, multicast, reserved),
    unless the host is allowed by name. Checked at each delivery."""
    parts = urlsplit(url)
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        return Target(url, refused="not an http(s) URL with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError) as e:
        return Target(url, refused=f"cannot resolve {host!r} ({e})")
    if not infos:
        return Target(url, refused=f"cannot resolve {host!r} (no address)")
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if host not in allowed:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                return Target(url, refused=f"{host!r} resolves to {address}, an address "
                              "inside the server's network")
    return Target(url, address=str(addresses[0]))


def refused_address(url: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """Why a webhook may not be posted to `url` (None when it may)."""
    return resolve_target(url, allowed).refused


def pinned_request(target: Target) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The URL to connect to (the checked address in place of the name), the Host header to
    send, and for https the name to present (SNI) and verify the certificate against."""
    parts = urlsplit(target.url)
    host = parts.hostname or ""
    if target.address is None:
        return target.url, {}, {}
    ip = ipaddress.ip_address(target.address)
    netloc = f"[{ip}]" if ip.version == 6 else str(ip)
    if parts.port is not None:
        netloc += f":{parts.port}"
    url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    host_header = parts.netloc.rpartition("@")[2]  # never the credentials
    extensions: dict[str, Any] = {}
    if parts.scheme == "https":
        extensions["sni_hostname"] = host
    return url, {"Host": host_header}, extensions


Post = Callable[[Target, bytes, dict[str, str], float], int]


def http_post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` to the target's checked address; the status code (0 when the receiver
    could not be reached). Redirects are not followed: each would need its own check."""
    url, host, extensions = pinned_request(target)
    parts = urlsplit(target.url)
    auth = (httpx.BasicAuth(unquote(parts.username), unquote(parts.password or ""))
            if parts.username else None)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            request = client.build_request("POST", url, content=body,
                                           headers={**headers, **host}, extensions=extensions)
            return client.send(request, auth=auth).status_code
    except httpx.HTTPError as e:
        log.info("webhook %s unreachable: %s", _shown(target.url), e)
        return 0


def _shown(url: str) -> str:
    """`url` without its credentials, for logs."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


@dataclass
class PassReport:
    queued: int = 0
    delivered: int = 0
    retried: int = 0
    failed: int = 0


class Dispatcher:
    """Queues and posts deliveries for every watchlist with a webhook."""

    def __init__(
        self,
        engine: Engine,
        settings: ServeSettings,
        *,
        post: Post = http_post,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.post = post
        self.clock = clock
        raw = settings.webhook_allow_hosts  # settings are frozen: parse once, not per delivery
        self.allowed_hosts = frozenset(h.strip().lower() for h in raw.split(",") if h.strip())

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failed try."""
        s = self.settings
        return float(min(s.webhook_backoff_s * 2 ** max(0, attempts - 1), s.webhook_max_backoff_s))

    def run_once(self) -> PassReport:
        report = PassReport()
        report.queued = self.queue_new()
        self.deliver_due(report)
        return report

    def queue_new(self) -> int:
        """Queue every new matching case not queued yet; how many were queued."""
        now = self.clock()
        queued = 0
        with self.engine.begin() as conn:
            lists = conn.execute(
                select(watchlists).where(watchlists.c.webhook.is_not(None))
            ).all()
            for w in lists:
                f = parse_filter(json.loads(w.filters), self.settings)
                done = set(
                    conn.scalars(
                        select(deliveries.c.case_id).where(
                            deliveries.c.watchlist_id == w.id,
                            deliveries.c.case_id > w.after_case_id,
                        )
                    )
                )
                fresh = [
                    c["id"] for c in cases_after(conn, f, w.after_case_id, QUEUE_BATCH + len(done))
                    if c["id"] not in done
                ][:QUEUE_BATCH]
                if fresh:
                    conn.execute(
                        insert(deliveries),
                        [
                            {"watchlist_id": w.id, "case_id": cid, "state": "pending",
                             "attempts": 0, "next_at": now}
                            for cid in fresh
                        ],
                    )
                    queued += len(fresh)
        return queued

    def _claim(self, conn: Connection, wid: int, cid: int, next_at: float, now: float) -> bool:
        """Take a due delivery for this pass: push its next try past the POST's timeout."""
        hold = now + self.settings.webhook_timeout_s + 60
        res = conn.execute(
            update(deliveries)
            .where(
                and_(deliveries.c.watchlist_id == wid, deliveries.c.case_id == cid,
                     deliveries.c.state == "pending", deliveries.c.next_at == next_at)
            )
            .values(next_at=hold)
        )
        return res.rowcount == 1

    def deliver_due(self, report: PassReport | None = None) -> PassReport:
        report = report or PassReport()
        now = self.clock()
        with self.engine.begin() as conn:
            due = conn.execute(
                select(deliveries.c.watchlist_id, deliveries.c.case_id, deliveries.c.next_at,
                       deliveries.c.attempts, watchlists.c.webhook, watchlists.c.name)
                .select_from(deliveries.join(watchlists,
                                             watchlists.c.id == deliveries.c.watchlist_id))
                .where(deliveries.c.state == "pending", deliveries.c.next_at <= now)
                .order_by(deliveries.c.next_at, deliveries.c.case_id)
                .limit(DELIVER_BATCH)
            ).all()
            claimed = [d for d in due if self._claim(conn, d.watchlist_id, d.case_id,
                                                     d.next_at, now)]
        for d in claimed:
            self._deliver_one(d, report)
        return report

    def _deliver_one(self, d: Any, report: PassReport) -> None:
        with self.engine.connect() as conn:
            case = get_case(conn, d.case_id)
        attempts = d.attempts + 1
        status, error = 0, None
        target = resolve_target(d.webhook, self.allowed_hosts)
        refused = target.refused
        if case is None:
            state, error = "failed", "the case no longer exists"
        elif refused:
            state, error = "failed", f"not posted: {refused} (see webhook_allow_hosts)"
        else:
            body = _payload(d.watchlist_id, d.name, case)
            headers = {
                "Content-Type": "application/json",
                "User-Agent": "clampdown-webhook/1",
                "X-Clampdown-Delivery": f"{d.watchlist_id}-{d.case_id}",
                "X-Clampdown-Attempt": str(attempts),
            }
            status = self.post(target, body, headers, self.settings.webhook_timeout_s)
            if 200 <= status < 300:
                state = "delivered"
            elif attempts >= self.settings.webhook_max_attempts:
                last = f"HTTP {status}" if status else "no answer"
                state, error = "failed", f"gave up after {attempts} tries (last: {last})"
            else:
                state, error = "pending", f"HTTP {status}" if status else "no answer"
        values: dict[str, Any] = {"state": state, "attempts": attempts, "last_error": error}
        if state == "delivered":
            values["delivered_at"] = datetime.now(UTC).replace(tzinfo=None)
            report.delivered += 1
        elif state == "pending":
            values["next_at"] = self.clock() + self.backoff(attempts)
            report.retried += 1
        else:
            report.failed += 1
        with self.engine.begin() as conn:
            conn.execute(
                update(deliveries)
                .where(deliveries.c.watchlist_id == d.watchlist_id,
                       deliveries.c.case_id == d.case_id)
                .values(**values)
            )

    def next_due_in(self) -> float | None:
        """Seconds until the earliest pending retry, None when nothing is pending."""
        with self.engine.connect() as conn:
            first = conn.scalar(
                select(deliveries.c.next_at)
                .where(deliveries.c.state == "pending")
                .order_by(deliveries.c.next_at)
                .limit(1)
            )
        return None if first is None else max(0.0, first - self.clock())

    def run_forever(self, stop: threading.Event) -> None:
        """Poll every `watch_poll_s`, sooner when a retry falls due, until `stop` is set."""
        while not stop.is_set():
            try:
                self.run_once()
                wait = self.settings.watch_poll_s
                due = self.next_due_in()
                if due is not None:
                    wait = min(wait, max(due, 0.05))
            except Exception:  # keep serving; the next pass tries again
                log.exception("webhook pass failed")
                wait = self.settings.watch_poll_s
            stop.wait(wait)


def _payload(watchlist_id: int, name: str, case: dict[str, Any]) -> bytes:
    body = {
        "watchlist": {"id": watchlist_id, "name": name},
        "case": {k: v for k, v in case.items() if k != "reports"},
        "reports": [
            {k: r[k] for k in ("event_id", "evidence", "document")} for r in case["reports"]
        ],
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
