"""The real server under hostile or heavy use: `clampdown serve` in a child process, spoken to
over real sockets. A huge ingest leaves it answering and SIGTERM still stops it; a client
that sends its request slowly is cut off; an export that fails after its first bytes is
never a complete-looking 200."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from store_support import TOKEN, copy_store, ingest_cli, start_server

from clampdown.api.app import create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DENSE = ("Roskomnadzor fined Telegram 3 million roubles on Friday and threatened to block"
         " Google in Russia. ")
GOOD = {"id": "good", "text": "Roskomnadzor fined Yandex 2 million roubles on Friday.",
        "published": "2022-03-04"}


class Server:
    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url
        host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        self.address = (host, int(port))
        self.stderr: list[str] = []
        assert proc.stderr is not None
        threading.Thread(target=self._drain, args=(proc.stderr,), daemon=True).start()

    def _drain(self, stream: Any) -> None:
        for line in stream:
            self.stderr.append(line)


@pytest.fixture
def serve() -> Iterator[Any]:
    """Starts `clampdown serve --port 0` with extra environment; stops it at the end."""
    started: list[Server] = []

    def start(db: Path, **env: str) -> Server:
        server = Server(*start_server("--db", str(db), "--port", "0", CLAMPDOWN_TOKEN=TOKEN, **env))
        started.append(server)
        return server

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(timeout=30)


@pytest.mark.slow  # a real server and deliberate waits: in `make test-all`
def test_a_huge_ingest_leaves_the_server_answering_and_sigterm_stops_it(
    fresh_db: Path, serve: Any
) -> None:
    # About a minute of extraction: far more than the test waits for.
    server = serve(fresh_db, CLAMPDOWN_MAX_EXTRACT_SECONDS="600")
    huge = {"id": "huge", "text": DENSE * (4_000_000 // len(DENSE))}
    answer: dict[str, Any] = {}

    def post() -> None:
        try:
            answer["response"] = httpx.post(server.url + "api/ingest", headers=AUTH,
                                            json={"documents": [GOOD, huge]}, timeout=300)
        except httpx.HTTPError as e:
            answer["error"] = e

    sender = threading.Thread(target=post, daemon=True)
    sender.start()
    time.sleep(3)  # the body is in and extraction has begun
    for _ in range(3):
        t = time.monotonic()
        r = httpx.get(server.url + "api/cases", params={"target": "Telegram"}, timeout=30)
        assert r.status_code == 200 and r.json()["items"]
        assert time.monotonic() - t < 2.5, "a read waited for the ingest"
    assert sender.is_alive(), "the ingest was over before the reads: nothing was tested"
    helpers = _descendants(server.proc.pid)
    t = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("the server was still running 20 s after SIGTERM")
    assert time.monotonic() - t < 8, "the server took too long to stop"
    sender.join(timeout=30)
    # The request in flight is told the server stopped, not left hanging.
    assert "response" in answer, answer
    r = answer["response"]
    assert r.status_code == 503 and "stopping" in r.json()["error"]["message"]
    assert "Traceback" not in "".join(server.stderr)
    # Extraction ran in worker processes, and none outlives the server.
    assert helpers, "extraction did not run in a worker process"
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in helpers if _alive(p)]


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        frontier += kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow  # a real server and deliberate waits: in `make test-all`
def test_a_document_over_the_time_budget_is_skipped_and_the_rest_stored(
    fresh_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAMPDOWN_MAX_EXTRACT_SECONDS", "1")
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, deliver=False)
    huge = {"id": "huge", "text": DENSE * (2_000_000 // len(DENSE))}
    with TestClient(app) as client:
        r = client.post("/api/ingest", headers=AUTH, json={"documents": [GOOD, huge]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["read"], body["failed"], body["stored"]) == (2, 1, 1)
    assert any("huge" in e and "max_extract_seconds (1 s)" in e for e in body["errors"])


def _trickle(address: tuple[str, int], data: bytes, every_s: float, give_up_s: float
             ) -> tuple[bytes, float, int]:
    """Sends `data` a few bytes at a time; (what the server answered, seconds until it
    closed the connection, bytes sent by then)."""
    started = time.monotonic()
    sent = 0
    with socket.create_connection(address, timeout=give_up_s) as sock:
        try:
            while sent < len(data) and time.monotonic() - started < give_up_s:
                sock.sendall(data[sent:sent + 4])
                sent += 4
                time.sleep(every_s)
        except OSError:
            pass  # cut off while sending
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    return answer, time.monotonic() - started, sent


@pytest.mark.slow  # a real server and deliberate waits: in `make test-all`
def test_a_client_sending_its_headers_slowly_is_cut_off(fresh_db: Path, serve: Any) -> None:
    server = serve(fresh_db, CLAMPDOWN_HEADER_TIMEOUT_S="1", CLAMPDOWN_BODY_TIMEOUT_S="1")
    request = (b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n"
               + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"a" * 20) for i in range(20)) + b"\r\n")
    answer, took, sent = _trickle(server.address, request, 0.1, 30)
    assert sent < len(request), "the whole request went through"
    assert took < 10
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"header_timeout_s" in answer and b'"status": 408' in answer

    # A silent connection is closed as well.
    answer, took, _ = _trickle(server.address, b"", 0, 30)
    assert answer.startswith(b"HTTP/1.1 408 ") and took < 10

    # A prompt client is not: the deadline runs from each request's first byte, not from the
    # connection, and a kept-alive connection may wait between requests.
    with httpx.Client(timeout=30) as client:
        assert client.get(server.url + "api/stats").status_code == 200
        time.sleep(1.5)
        assert client.get(server.url + "api/cases").status_code == 200


def test_a_client_sending_its_body_slowly_is_cut_off(fresh_db: Path, serve: Any) -> None:
    server = serve(fresh_db, CLAMPDOWN_HEADER_TIMEOUT_S="1", CLAMPDOWN_BODY_TIMEOUT_S="1")
    body = b'{"documents": [{"id": "a", "text": "' + b"a" * 400 + b'"}]}'
    head = (b"POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    with socket.create_connection(server.address, timeout=30) as sock:
        sock.sendall(head)  # the headers at once: only the body is slow
        started = time.monotonic()
        sent = 0
        try:
            while sent < len(body) and time.monotonic() - started < 30:
                sock.sendall(body[sent:sent + 4])
                sent += 4
                time.sleep(0.1)
        except OSError:
            pass
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError:
            pass
    assert sent < len(body) and time.monotonic() - started < 10
    assert answer.startswith(b"HTTP/1.1 408 ") and b"body_timeout_s" in answer
    # Nothing of the cut-off request was stored, and the server goes on.
    r = httpx.get(server.url + "api/documents/1", timeout=30)
    assert r.status_code in (200, 404)
    assert "Traceback" not in "".join(server.stderr)


@pytest.fixture(scope="module")
def export_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 150 events, one a day, each from its own document."""
    folder = tmp_path_factory.mktemp("export-store")
    news = folder / "news.jsonl"
    day = date(2021, 1, 1)
    with news.open("w", encoding="utf-8") as f:
        for i in range(150):
            published = (day + timedelta(days=i)).isoformat()
            f.write(json.dumps({
                "id": f"doc-{i}", "published": published,
                "text": f"Roskomnadzor fined Telegram {i + 1} million roubles on {published}.",
            }) + "\n")
    ingest_cli(folder / "store.db", news)
    return folder / "store.db"


def _damage(store: Path, tmp_path: Path, newest: bool) -> Path:
    """A copy of `store` where one event's end date cannot be read back (a damaged row):
    the newest event, which an export sends first, or the oldest, which it sends last."""
    db = copy_store(store, tmp_path / "damaged.db")
    order = "DESC" if newest else "ASC"
    with sqlite3.connect(db) as conn:
        (n,) = conn.execute("SELECT count(*) FROM events WHERE date_lo IS NOT NULL").fetchone()
        assert n > 120
        conn.execute(f"UPDATE events SET date_hi = '2022-13-45' WHERE id = (SELECT id FROM"
                     f" events WHERE date_lo IS NOT NULL ORDER BY date_lo {order} LIMIT 1)")
    return db


@pytest.mark.slow  # a real server and deliberate waits: in `make test-all`
def test_an_export_that_fails_at_once_is_a_json_error(
    export_store: Path, tmp_path: Path, serve: Any
) -> None:
    server = serve(_damage(export_store, tmp_path, newest=True))
    for fmt in ("csv", "jsonl"):
        r = httpx.get(server.url + "api/export/events", params={"format": fmt}, timeout=60)
        assert r.status_code == 500, r.text[:200]
        assert r.headers["content-type"] == "application/json"
        assert r.json()["error"]["status"] == 500
    assert httpx.get(server.url + "api/stats", timeout=30).status_code == 200


@pytest.mark.slow  # a real server and deliberate waits: in `make test-all`
def test_an_export_that_fails_midway_is_never_a_complete_200(
    export_store: Path, tmp_path: Path, serve: Any
) -> None:
    server = serve(_damage(export_store, tmp_path, newest=False))
    for fmt in ("csv", "jsonl"):
        received = b""
        with pytest.raises(httpx.RemoteProtocolError), httpx.stream(
            "GET", server.url + "api/export/events", params={"format": fmt}, timeout=60
        ) as r:
            assert r.status_code == 200  # the first rows were sound
            for chunk in r.iter_raw():
                received += chunk
        assert received.count(b"\n") >= 100  # some rows came, then the transfer broke off
    # An export that does not read the damaged row ends cleanly.
    whole = httpx.get(server.url + "api/export/cases", params={"format": "jsonl"}, timeout=60)
    assert whole.status_code == 200
    assert [json.loads(line)["target"] for line in whole.text.splitlines()]
