"""Webhooks of watchlists, with a receiver on loopback: a newly ingested matching case is
delivered exactly once, and a receiver that fails twice gets it on the third try."""

from __future__ import annotations

import json
import socket
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
from clampdown.api.webhooks import (
    Dispatcher,
    Target,
    http_post,
    pinned_request,
    refused_address,
    resolve_target,
)

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


def _listener(host: str, port: int, seen: list[str]) -> ThreadingHTTPServer:
    """A server on `host` that records the Host header of each POST it answers."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            seen.append(self.headers["Host"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_the_post_connects_to_the_address_that_was_checked_not_a_second_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name answers one address to the check and another to any later
    lookup. Two receivers listen on the two addresses; only the checked one may be posted to,
    with the webhook's own name in the Host header."""
    checked_seen: list[str] = []
    other_seen: list[str] = []
    checked = _listener("127.0.0.1", 0, checked_seen)
    port = checked.server_address[1]
    try:
        other = _listener("127.0.0.2", port, other_seen)
    except OSError:
        checked.shutdown()
        checked.server_close()
        pytest.skip("127.0.0.2 cannot be bound here")
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"])

    def rebinding(host: object, *args: object, **kwargs: object) -> list:
        if host == "hook.rebind.test":
            return real(next(answers, "127.0.0.2"), *args, **kwargs)  # type: ignore[arg-type]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        url = f"http://hook.rebind.test:{port}/hook"
        target = resolve_target(url, frozenset({"hook.rebind.test"}))
        assert target.refused is None and target.address == "127.0.0.1"
        assert socket.getaddrinfo("hook.rebind.test", port)[0][4][0] == "127.0.0.2"  # rebound
        status = http_post(target, b"{}", {"Content-Type": "application/json"}, 5.0)
        assert status == 204
        assert checked_seen == [f"hook.rebind.test:{port}"]
        assert other_seen == []
    finally:
        for server in (checked, other):
            server.shutdown()
            server.server_close()


def test_a_name_that_resolves_inside_the_network_is_refused_whatever_it_answered_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every address the name gives is checked, so one public answer cannot hide a
    private one in the same reply."""

    def mixed(host: object, port: object, *args: object, **kwargs: object) -> list:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 80)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    target = resolve_target("http://hook.mixed.test/x")
    assert target.address is None and target.refused and "10.0.0.7" in target.refused


def test_a_pinned_https_request_names_the_host_for_sni_and_never_sends_credentials() -> None:
    url, host, ext = pinned_request(
        Target("https://user:secret@hooks.example.org:8443/in?x=1", address="2001:db8::5")
    )
    assert url == "https://[2001:db8::5]:8443/in?x=1"
    assert host == {"Host": "hooks.example.org:8443"}
    assert ext == {"sni_hostname": "hooks.example.org"}
    plain, host, ext = pinned_request(Target("http://hooks.example.org/in", address="192.0.2.1"))
    assert plain == "http://192.0.2.1/in" and host == {"Host": "hooks.example.org"} and ext == {}
