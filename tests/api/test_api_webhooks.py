"""Webhooks of watchlists, with a receiver on loopback: a newly ingested matching case is
delivered exactly once, and a receiver that fails twice gets it on the third try."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from store_support import DATA, TOKEN

from clampdown.api.app import create_app
from clampdown.api.settings import ServeSettings
from clampdown.api.watch_schema import deliveries
from clampdown.api.webhooks import Dispatcher, refused_address

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LOCAL = "127.0.0.1"  # the test receivers listen on loopback, which webhooks refuse by default


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records POSTs and fails the first `failures`."""

    failures: int = 0
    posts: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)
    url: str = ""
    calls: int = 0


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            rec.calls += 1
            if rec.calls <= rec.failures:
                self.send_response(500)
                self.end_headers()
                return
            rec.posts.append(json.loads(body))
            rec.headers.append(dict(self.headers))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    rec.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()


def _later() -> list[dict]:
    return [json.loads(x) for x in (DATA / "later.jsonl").read_text().splitlines()]


def _watch(client: TestClient, url: str, filters: dict) -> dict:
    r = client.post(
        "/api/watchlists", headers=AUTH, json={"name": "watch", "filters": filters, "webhook": url}
    )
    assert r.status_code == 201, r.text
    return r.json()


def _wait(cond, timeout: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def test_a_new_matching_case_is_delivered_exactly_once(fresh_db: Path, receiver: Receiver) -> None:
    settings = ServeSettings(watch_poll_s=0.1, webhook_backoff_s=0.1, webhook_allow_hosts=LOCAL)
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=settings, deliver=True)
    with TestClient(app) as client:
        w = _watch(client, receiver.url, {"target": "Telegram", "country": "RU", "type": "WARNING"})
        other = _watch(client, receiver.url + "?other", {"target": "TikTok"})
        time.sleep(0.5)  # several dispatcher passes: old cases are not new
        assert receiver.posts == []
        r = client.post("/api/ingest", headers=AUTH, json={"documents": _later()})
        assert r.json()["stored"] == 1
        assert _wait(lambda: len(receiver.posts) >= 1)
        time.sleep(0.5)  # more passes must not post it again
        client.post("/api/ingest", headers=AUTH, json={"documents": _later()})  # a duplicate
        time.sleep(0.5)
        assert len(receiver.posts) == 1
        post = receiver.posts[0]
        assert post["watchlist"]["id"] == w["id"]
        case = post["case"]
        assert case["target"]["name"] == "Telegram" and case["country"] == "RU"
        assert case["id"] > w["after_case_id"]
        assert "opposition groups" in post["reports"][0]["evidence"]
        assert receiver.headers[0]["X-Clampdown-Delivery"] == f"{w['id']}-{case['id']}"
        state = client.get(f"/api/watchlists/{w['id']}", headers=AUTH).json()
        assert state["deliveries"] == {"delivered": 1}
        assert client.get(f"/api/watchlists/{other['id']}", headers=AUTH).json()["deliveries"] == {}


def test_a_receiver_that_fails_twice_gets_it_on_the_third_try(
    fresh_db: Path, receiver: Receiver
) -> None:
    receiver.failures = 2
    settings = ServeSettings(
        webhook_backoff_s=30.0, webhook_max_attempts=5, webhook_allow_hosts=LOCAL
    )
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=settings, deliver=False)
    with TestClient(app) as client:
        w = _watch(client, receiver.url, {"target": "Telegram", "type": "WARNING"})
        client.post("/api/ingest", headers=AUTH, json={"documents": _later()})
        engine = app.state.clampdown.writer()
        now = [1_000_000.0]
        d = Dispatcher(engine, settings, clock=lambda: now[0])

        def row():  # type: ignore[no-untyped-def]
            with engine.connect() as conn:
                return conn.execute(select(deliveries)).one()

        first = d.run_once()
        assert (first.queued, first.delivered, first.retried) == (1, 0, 1)
        assert row().attempts == 1 and row().next_at == now[0] + 30.0  # back-off 30 s
        assert d.run_once().retried == 0  # not due yet: no try
        assert receiver.calls == 1
        now[0] += 30.0
        assert d.run_once().retried == 1
        assert row().attempts == 2 and row().next_at == now[0] + 60.0  # doubled
        now[0] += 59.0
        assert d.run_once().delivered == 0 and receiver.calls == 2
        now[0] += 1.0
        third = d.run_once()
        assert third.delivered == 1 and receiver.calls == 3
        assert row().state == "delivered" and row().attempts == 3
        now[0] += 10_000
        assert d.run_once().delivered == 0 and receiver.calls == 3
        assert len(receiver.posts) == 1
        assert receiver.posts[0]["watchlist"]["id"] == w["id"]
        assert receiver.headers[0]["X-Clampdown-Attempt"] == "3"


def test_a_receiver_that_never_answers_is_given_up(fresh_db: Path) -> None:
    settings = ServeSettings(
        webhook_backoff_s=1.0,
        webhook_max_attempts=3,
        webhook_allow_hosts=LOCAL,
        webhook_timeout_s=2.0,
    )
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=settings, deliver=False)
    with TestClient(app) as client:
        # port 9 (discard) on loopback: nothing listens there, so the POST is refused
        _watch(client, "http://127.0.0.1:9/hook", {"target": "Telegram", "type": "WARNING"})
        client.post("/api/ingest", headers=AUTH, json={"documents": _later()})
        now = [0.0]
        d = Dispatcher(app.state.clampdown.writer(), settings, clock=lambda: now[0])
        reports = []
        for _ in range(4):
            reports.append(d.run_once())
            now[0] += 100
        assert sum(r.failed for r in reports) == 1
        assert sum(r.retried for r in reports) == 2
        with app.state.clampdown.writer().connect() as conn:
            last = conn.execute(select(deliveries)).one()
        assert last.state == "failed" and "gave up after 3 tries" in last.last_error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/api/ingest",
        "http://0.0.0.0/x",
        "http://2130706433/x",  # 127.0.0.1 as one number
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://192.168.1.5/x",
    ],
)
def test_webhooks_never_reach_inside_the_servers_network(url: str) -> None:
    assert refused_address(url) is not None
    assert refused_address(url, frozenset({"127.0.0.1", "localhost"})) is None or "127" not in url


def test_a_refused_webhook_fails_without_a_post_and_credentials_are_never_shown(
    fresh_db: Path, receiver: Receiver
) -> None:
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=ServeSettings(), deliver=False)
    with TestClient(app) as client:
        secret = receiver.url.replace("http://", "http://user:secret@")
        w = _watch(client, secret, {"target": "Telegram", "type": "WARNING"})
        client.post("/api/ingest", headers=AUTH, json={"documents": _later()})
        Dispatcher(app.state.clampdown.writer(), ServeSettings()).run_once()
        listed = client.get("/api/watchlists", headers=AUTH).text
        assert "secret" not in listed and "user:" not in listed
        assert receiver.posts == []
        with app.state.clampdown.writer().connect() as conn:
            errors = conn.execute(
                select(deliveries.c.state, deliveries.c.last_error).where(
                    deliveries.c.watchlist_id == w["id"]
                )
            ).all()
        assert errors and all(s == "failed" and "inside the server" in e for s, e in errors)
