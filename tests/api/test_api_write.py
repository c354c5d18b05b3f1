"""Token-guarded writes (ingest, watchlists) and watchlist feeds."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_support import DATA, TOKEN, ingest_cli

from clampdown.api.app import create_app
from clampdown.api.settings import ServeSettings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ATOM = "{http://www.w3.org/2005/Atom}"


# The later document warns Telegram (and threatens a block): its warning is one new case.
WARNINGS = {"target": "Telegram", "type": "WARNING"}


@pytest.fixture
def writer(fresh_db: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, deliver=False,
                     settings=ServeSettings(max_request_bytes=200_000))
    with TestClient(app) as c:
        yield c


@pytest.fixture
def readonly(store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, token=None, deliver=False)) as c:
        yield c


def _later_docs() -> list[dict]:
    return [json.loads(line) for line in (DATA / "later.jsonl").read_text().splitlines()]


WRITES = [
    ("post", "/api/ingest", {"documents": [{"id": "x", "text": "Nothing happened."}]}),
    ("post", "/api/watchlists", {"name": "tg", "filters": {"target": "Telegram"}}),
    ("get", "/api/watchlists", None),
    ("get", "/api/watchlists/1", None),
    ("delete", "/api/watchlists/1", None),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_without_a_token_are_401(writer: TestClient, method: str, path: str,
                                        body: dict | None) -> None:
    r = writer.request(method, path, json=body)
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in r.json()["error"]["message"]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_writes_with_a_wrong_token_are_403(writer: TestClient, method: str, path: str,
                                           body: dict | None) -> None:
    for header in ("Bearer wrong-token", "Basic " + TOKEN, "Bearer"):
        r = writer.request(method, path, json=body, headers={"Authorization": header})
        assert r.status_code in (401, 403), (header, r.text)
    r = writer.request(method, path, json=body, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and "not this server's token" in r.json()["error"]["message"]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_server_without_a_token_is_read_only(readonly: TestClient, method: str, path: str,
                                               body: dict | None) -> None:
    r = readonly.request(method, path, json=body, headers=AUTH)
    assert r.status_code == 403
    assert "read-only" in r.json()["error"]["message"]


def test_ingest_through_the_api_stores_and_links(writer: TestClient) -> None:
    before = writer.get("/api/cases", params=WARNINGS).json()["total"]
    r = writer.post("/api/ingest", json={"documents": _later_docs()}, headers=AUTH)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["stored"] == 1 and result["events"] >= 1 and result["failed"] == 0
    after = writer.get("/api/cases", params=WARNINGS).json()
    assert after["total"] == before + 1
    assert any("opposition groups" in (c["evidence"] or "") for c in after["items"])
    again = writer.post("/api/ingest", json={"documents": _later_docs()}, headers=AUTH).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


@pytest.mark.slow  # a second process ingests: in `make test-all`
def test_answers_follow_an_ingest_by_another_process(writer: TestClient,
                                                     fresh_db: Path) -> None:
    """The response cache must never serve a page from before a commit."""
    before = writer.get("/api/cases", params=WARNINGS).json()["total"]
    assert writer.get("/api/cases", params=WARNINGS).json()["total"] == before
    ingest_cli(fresh_db, DATA / "later.jsonl")
    assert writer.get("/api/cases", params=WARNINGS).json()["total"] == before + 1
    # meanwhile the case index is rebuilt for the new version, and then answers the same
    state = writer.app.state.clampdown  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        built = state.index.index
        if built is not None and built.version == state.cache.version.current():
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the case index was not rebuilt after the ingest")
    fresh = writer.get("/api/cases", params={**WARNINGS, "sort": "-id"}).json()
    assert fresh["total"] == before + 1 and fresh["total_is_exact"]
    assert "opposition groups" in fresh["items"][0]["evidence"]


def test_ingest_rejects_bad_bodies(writer: TestClient) -> None:
    r = writer.post("/api/ingest", json={"documents": []}, headers=AUTH)
    assert r.status_code == 422 and "documents" in r.json()["error"]["message"]
    r = writer.post("/api/ingest", json={"documents": [{"id": "a"}]}, headers=AUTH)
    assert r.status_code == 422 and "text" in r.json()["error"]["message"]
    r = writer.post("/api/ingest", json={"documents": ["not an object"]}, headers=AUTH)
    assert r.status_code == 422
    r = writer.post("/api/ingest", content=b"{not json", headers={**AUTH,
                    "Content-Type": "application/json"})
    assert r.status_code == 422
    # A date that does not parse is a bad field: dropped and noted, the document stored.
    doc = {"id": "d", "text": "A court fined Telegram.", "published": "March 2021"}
    r = writer.post("/api/ingest", json={"documents": [doc]}, headers=AUTH)
    assert r.status_code == 200 and r.json()["stored"] == 1
    assert any("YYYY-MM-DD" in e and "documents[d]" in e for e in r.json()["errors"])


def test_request_bodies_over_the_limit_are_413(writer: TestClient) -> None:
    big = {"documents": [{"id": "big", "text": "word " * 60_000}]}
    r = writer.post("/api/ingest", json=big, headers=AUTH)
    assert r.status_code == 413 and "max_request_bytes" in r.json()["error"]["message"]


def test_watchlist_lifecycle(writer: TestClient) -> None:
    body = {"name": "Telegram in Russia", "filters": {"target": "Telegram", "country": "RU"},
            "webhook": "http://127.0.0.1:9/hook"}
    r = writer.post("/api/watchlists", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    w = r.json()
    assert w["filters"] == {"target": "Telegram", "country": ["RU"]}
    assert w["feed_url"].startswith("http://testserver/feeds/") and w["after_case_id"] > 0
    assert writer.get("/api/watchlists", headers=AUTH).json()[0]["id"] == w["id"]
    assert writer.get(f"/api/watchlists/{w['id']}", headers=AUTH).json()["name"] == body["name"]
    assert writer.delete(f"/api/watchlists/{w['id']}", headers=AUTH).status_code == 204
    assert writer.get(f"/api/watchlists/{w['id']}", headers=AUTH).status_code == 404
    assert writer.delete(f"/api/watchlists/{w['id']}", headers=AUTH).status_code == 404
    assert writer.get(w["feed_url"]).status_code == 404


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "x", "filters": {}}, "at least one filter"),
        ({"name": "x", "filters": {"platform": "Telegram"}}, "unknown filter"),
        ({"name": "x", "filters": {"type": "PARKING"}}, "not an event type"),
        ({"name": "x", "filters": {"target": "T"}, "webhook": "ftp://example.org/"},
         "http(s) URL"),
        ({"name": "", "filters": {"target": "T"}}, "name"),
        ({"filters": {"target": "T"}}, "name"),
    ],
)
def test_bad_watchlists_are_422(writer: TestClient, body: dict, words: str) -> None:
    r = writer.post("/api/watchlists", json=body, headers=AUTH)
    assert r.status_code == 422, r.text
    assert words in r.json()["error"]["message"]


def test_feed_lists_matching_cases_as_escaped_atom(writer: TestClient) -> None:
    w = writer.post("/api/watchlists", headers=AUTH,
                    json={"name": "Twitter <b>bold</b>", "filters": {"target": "Twitter"}}).json()
    r = writer.get(w["feed_url"])
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/atom+xml")
    assert b"<script>" not in r.content and b"&lt;script&gt;" in r.content
    assert b"<b>" not in r.content
    feed = ET.fromstring(r.content)
    assert feed.find(f"{ATOM}title").text == "clampdown: Twitter <b>bold</b>"
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all("Twitter" in e.find(f"{ATOM}title").text for e in entries)
    summaries = [e.find(f"{ATOM}summary").text for e in entries]
    assert any("<script>alert('xss')</script>" in s for s in summaries)
    assert writer.get("/feeds/AAAAAAAAAAAAAAAA.atom").status_code == 404
    assert writer.get("/feeds/bad key!.atom").status_code in (404, 422)


def test_feeds_of_a_store_without_watchlists_are_404(readonly: TestClient) -> None:
    r = readonly.get("/feeds/AAAAAAAAAAAAAAAAAAAAAAAA.atom")
    assert r.status_code == 404 and r.json()["error"]["message"]


def test_the_server_brings_an_older_store_up_to_date(fresh_db: Path) -> None:
    """As every reading `clampdown` command does, so a store from an older release serves."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from clampdown.store.db import alembic_config, current_revision, head_revision, make_engine

    url = f"sqlite:///{fresh_db}"
    if ScriptDirectory.from_config(alembic_config()).get_base() == head_revision():
        pytest.skip("the store has a single schema version")
    engine = make_engine(url, write=True)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    with engine.connect() as conn:
        assert current_revision(conn) != head_revision()
    engine.dispose()
    with TestClient(create_app(url, deliver=False)) as c:
        assert c.get("/api/cases").json()["total"] > 0


def test_ingest_through_the_api_stores_documents_with_bad_fields(writer: TestClient) -> None:
    from poison import POISON

    # Every bad field is dropped and noted, a lone surrogate too (replaced); a month alone
    # ("2022-08") is read as SPEC says, as in JSON Lines.
    docs = list(POISON)
    assert any(d.get("published") == "2022-08" for d in docs)
    raw = json.dumps({"documents": docs}).encode()  # the surrogate travels as "\ud800"
    r = writer.post("/api/ingest", content=raw,
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["read"], body["failed"], body["stored"]) == (len(docs), 0, len(docs))
    assert any('"url"' in e for e in body["errors"]) and any('"lang"' in e for e in body["errors"])
    assert any("surrogates" in e for e in body["errors"])


def test_a_document_breaking_the_schema_costs_only_itself_or_its_field(
    writer: TestClient,
) -> None:
    good = {"id": "kept", "text": "Roskomnadzor fined Telegram 3 million roubles on Friday."}
    bad = [
        {"id": "", "text": "no id"},
        {"id": "no-text", "text": 5},
        {"id": "x" * 600, "text": "too long an id"},
        {"id": "long-url", "text": "Roskomnadzor fined VK.", "url": "http://a.org/" + "x" * 5000},
        {"id": "odd-title", "text": "Roskomnadzor fined Yandex.", "title": ["not", "text"]},
    ]
    r = writer.post("/api/ingest", json={"documents": [good, *bad]}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["read"], body["failed"], body["stored"]) == (3, 3, 3)
    assert any('"url" over 4000' in e for e in body["errors"])
    assert any('"title" is not a string' in e for e in body["errors"])


def test_a_chunked_body_over_the_limit_is_a_413(fresh_db: Path) -> None:
    settings = ServeSettings(max_request_bytes=1000)
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=settings)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the size shows only as it comes
        yield b'{"documents": [{"id": "x", "text": "'
        for _ in range(100):
            yield b"a" * 100
        yield b'"}]}'

    with TestClient(app) as client:
        r = client.post(
            "/api/ingest", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
        )
    assert r.status_code == 413 and r.json()["error"]["status"] == 413


def test_feed_links_use_the_configured_address_not_the_host_header(fresh_db: Path) -> None:
    settings = ServeSettings(public_url="https://news.example.org/clampdown/")
    app = create_app(f"sqlite:///{fresh_db}", token=TOKEN, settings=settings, deliver=False)
    with TestClient(app) as client:
        r = client.post(
            "/api/watchlists",
            headers={**AUTH, "Host": "evil.example"},
            json={"name": "t", "filters": {"target": "Telegram"}},
        )
        assert r.status_code == 201, r.text
        feed_url = r.json()["feed_url"]
        assert feed_url.startswith("https://news.example.org/clampdown/feeds/")
        feed = client.get(feed_url.split("/clampdown")[1], headers={"Host": "evil.example"}).text
        assert "evil.example" not in feed and "news.example.org/clampdown" in feed
