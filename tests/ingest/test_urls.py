"""http(s) URLs against a real HTTP server on 127.0.0.1: redirects, errors, timeouts and
bodies over the limit, each one error naming the URL while the rest are read."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clampdown.errors import InputError
from clampdown.ingest import read_documents
from clampdown.ingest.urls import USER_AGENT
from clampdown.model import Document
from clampdown.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = (DATA / "article" / "telegram-fine.html").read_bytes()
FEED = (DATA / "article" / "telegram-fine.rss").read_bytes()
RU_HTML = (DATA / "charset" / "ru-undeclared-cp1251.html").read_bytes()
LIMIT = 64 * 1024
SETTINGS = Settings(url_timeout_s=0.5, max_redirects=3, max_url_bytes=LIMIT)
seen_agents: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def send(
        self, status: int, body: bytes, content_type: str = "text/html", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802  (the name http.server calls)
        seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self.send(200, ARTICLE, "text/html; charset=utf-8")
        elif path == "/feed":
            self.send(200, FEED, "application/rss+xml")
        elif path == "/cp1251":
            self.send(200, RU_HTML, "text/html; charset=windows-1251")
        elif path == "/redirect":
            self.send(302, b"", Location="/article")
        elif path == "/loop":
            self.send(302, b"", Location="/loop")
        elif path == "/to-file":
            self.send(302, b"", Location="file:///etc/passwd")
        elif path == "/missing":
            self.send(404, b"<h1>not here</h1>")
        elif path == "/slow":
            time.sleep(1.5)
            self.send(200, ARTICLE)
        elif path == "/big":
            self.send(200, b"x" * (LIMIT * 2), "text/plain")
        elif path == "/bomb":
            body = gzip.compress(b"<p>" + b"a" * (LIMIT * 4) + b"</p>")
            self.send(200, body, "text/html", Content_Encoding="gzip")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(30):  # 3 s in all, a byte each 0.1 s: each read is quick
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up, as it should
        else:
            self.send(500, b"")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def read(*urls: str) -> list[Document | InputError]:
    return list(read_documents(list(urls), settings=SETTINGS))


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def test_page_feed_and_charset_from_header(server: str) -> None:
    page, entry1, entry2, ru = read(f"{server}/article", f"{server}/feed", f"{server}/cp1251")
    assert isinstance(page, Document) and page.id == f"{server}/article"
    assert page.published == date(2022, 3, 5) and page.source == f"{server}/article"
    assert "Roskomnadzor fined Telegram 3 million rubles" in page.text
    assert isinstance(entry1, Document) and entry1.id == "wire-2022-03-05-telegram-fine"
    assert isinstance(entry2, Document)
    assert isinstance(ru, Document) and "Роскомнадзор в пятницу оштрафовал" in ru.text
    assert seen_agents and all(agent == USER_AGENT for agent in seen_agents)
    assert USER_AGENT.startswith("clampdown/")


def test_redirect_followed(server: str) -> None:
    (doc,) = read(f"{server}/redirect")
    assert isinstance(doc, Document) and doc.id == f"{server}/redirect"
    assert "Roskomnadzor fined Telegram" in doc.text


@pytest.mark.parametrize(
    "path,reason",
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop", "more than max_redirects (3) redirects"),
        ("/to-file", "only http and https URLs are read, not file:"),
        ("/big", "body is 128 KiB over max_url_bytes (64 KiB)"),
        ("/bomb", "body is over max_url_bytes (64 KiB)"),  # counted after decompression
    ],
)
def test_url_errors(server: str, path: str, reason: str) -> None:
    err = only_error(read(f"{server}{path}"))
    assert err.source == f"{server}{path}"
    assert err.reason == reason


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_timeout_is_one_deadline_per_url(server: str, path: str) -> None:
    started = time.monotonic()
    err = only_error(read(f"{server}{path}"))
    assert "url_timeout_s (0.5 s)" in err.reason
    assert time.monotonic() - started < 1.4


def test_other_schemes_are_refused_without_a_request() -> None:
    err = only_error(read("ftp://127.0.0.1/news.txt"))
    assert err.reason == "only http and https URLs are read, not ftp:"


def test_a_failing_url_does_not_stop_the_batch(server: str) -> None:
    items = read(f"{server}/missing", f"{server}/article", "http://127.0.0.1:9/closed")
    assert [type(i).__name__ for i in items] == ["InputError", "Document", "InputError"]
    assert items[2].reason.startswith("cannot fetch (ConnectError")  # type: ignore[union-attr]
