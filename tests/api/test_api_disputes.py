"""Disputes through the server: the API and its errors, exports, the dashboard's pages, a
watchlist that follows a dispute, and the command line, on a store the real `clampdown
ingest` filled with the dispute tests' corpus (`tests/store/data/disputes.jsonl`)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from store_support import TOKEN, copy_store, ingest_cli

from clampdown.api.app import create_app
from clampdown.api.schemas import DisputeDetail, DisputePage, EntityDetail, ErrorResponse
from clampdown.api.settings import ServeSettings
from clampdown.api.webhooks import Dispatcher

CORPUS = Path(__file__).resolve().parents[1] / "store" / "data" / "disputes.jsonl"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TR_TWITTER = "tr-twitter-2020-11-04"
NIGERIA = "ng-twitter-2021-06-04"


@pytest.fixture(scope="module")
def dispute_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("disputes") / "store.db"
    ingest_cli(db, CORPUS)
    return db


@pytest.fixture(scope="module")
def api(dispute_db: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{dispute_db}", settings=ServeSettings(), deliver=False)
    with TestClient(app) as c:
        yield c


def _error(r: object, status: int, field: str | None = None) -> dict:
    assert r.status_code == status, r.text  # type: ignore[attr-defined]
    body = r.json()  # type: ignore[attr-defined]
    ErrorResponse.model_validate(body)
    if field is not None:
        assert body["error"]["field"] == field
    return body


def test_the_list_and_one_dispute_match_their_models(api: TestClient) -> None:
    page = api.get("/api/disputes").json()
    DisputePage.model_validate(page)
    assert page["total"] == 7 and page["sort"] == "-last"
    lasts = [d["last_day"] for d in page["items"]]
    assert lasts == sorted(lasts, reverse=True)
    one = api.get(f"/api/disputes/{TR_TWITTER}").json()
    DisputeDetail.model_validate(one)
    assert one["title"] == "Turkey v. Twitter"
    assert (one["outcome"], one["stage"], one["days_to_compliance"]) == ("complied", "ended", 135)
    assert [s["seq"] for s in one["steps"]] == list(range(1, one["n_steps"] + 1))
    assert one["steps"][-1]["type"] == "COMPLIANCE"
    assert all(s["evidence"] in _document_text(api, s["document"]["id"]) for s in one["steps"])


def _document_text(api: TestClient, doc_id: int) -> str:
    text: str = api.get(f"/api/documents/{doc_id}").json()["text"]
    return text


@pytest.mark.parametrize(("params", "field"), [
    ({"stage": "won"}, "stage"), ({"country": "Turkey"}, "country"), ({"type": "BAN"}, "type"),
    ({"min_steps": "two"}, "min_steps"), ({"min_steps": "0"}, "min_steps"),
    ({"since": "last year"}, "since"), ({"since": "2022", "until": "2021"}, "until"),
    ({"sort": "-loudest"}, "sort"), ({"cursor": "not-a-cursor"}, "cursor"),
    ({"limit": "0"}, "limit"), ({"limit": "100000"}, "limit"), ({"target": "X"}, "target"),
])
def test_bad_parameters_are_422_json_errors(api: TestClient, params: dict, field: str) -> None:
    _error(api.get("/api/disputes", params=params), 422, field)


def test_unknown_and_malformed_ids(api: TestClient) -> None:
    _error(api.get("/api/disputes/ru-nothing-2021"), 404)
    _error(api.get("/api/disputes/NOT%20AN%20ID"), 422, "dispute_id")
    _error(api.get("/api/disputes/" + "a" * 301), 422, "dispute_id")
    _error(api.get(f"/api/disputes/{TR_TWITTER}", params={"x": "1"}), 422, "x")
    _error(api.get("/api/cases", params={"dispute": "Not one"}), 422, "dispute")


def test_filters_and_cursor_pages(api: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        return sorted(d["id"] for d in api.get("/api/disputes", params=params).json()["items"])

    assert ids(platform="Periscope") == [NIGERIA, TR_TWITTER]  # a platform finds its group
    assert ids(platform="YouTube") == ["ru-google-2021-08-20", "tr-google-2020-11-04"]
    assert ids(country="NG,RU", stage="ended") == [NIGERIA, "ru-apple-2021-08-20",
                                                   "ru-google-2021-08-20"]
    assert ids(matter="a local office or legal representative") == [
        NIGERIA, "tr-google-2020-11-04", "tr-meta-2020-11-04", "tr-tiktok-2020-11-04",
        TR_TWITTER]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", "sort": "fines"} | ({"cursor": cursor} if cursor else {})
        body = api.get("/api/disputes", params=params).json()
        seen += [d["id"] for d in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 7


def test_the_cases_events_and_stats_of_a_dispute(api: TestClient) -> None:
    d = api.get(f"/api/disputes/{NIGERIA}").json()
    cases = api.get("/api/cases", params={"dispute": NIGERIA}).json()
    assert cases["total"] == d["n_steps"] == 4
    assert {c["id"] for c in cases["items"]} == {s["case_id"] for s in d["steps"]}
    events = api.get("/api/events", params={"dispute": NIGERIA}).json()
    assert {e["case_id"] for e in events["items"]} == {s["case_id"] for s in d["steps"]}
    stats = api.get("/api/stats", params={"dispute": NIGERIA}).json()
    assert stats["totals"]["cases"] == 4


def test_exports_of_disputes_and_of_their_steps(api: TestClient) -> None:
    r = api.get("/api/export/disputes", params={"format": "csv", "country": "TR"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(row["dispute_id"] for row in rows) == [
        "tr-google-2020-11-04", "tr-meta-2020-11-04", "tr-tiktok-2020-11-04", TR_TWITTER]
    meta = next(row for row in rows if row["dispute_id"] == "tr-meta-2020-11-04")
    assert (meta["platform"], meta["n_fines"], meta["days_to_compliance"]) == ("Meta", "4", "75")
    r = api.get("/api/export/dispute-steps", params={"format": "jsonl", "country": "NG"})
    steps = [json.loads(line) for line in r.text.splitlines()]
    assert [s["seq"] for s in steps] == [1, 2, 3, 4]
    assert {s["dispute_id"] for s in steps} == {NIGERIA} and all(s["evidence"] for s in steps)
    r = api.get("/api/export/disputes", params={"format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 7 and "days_to_harshest" in table.column_names
    _error(api.get("/api/export/disputes", params={"format": "xlsx"}), 422, "format")
    _error(api.get("/api/export/disputes", params={"coding": "plover"}), 422, "coding")


def test_openapi_documents_the_dispute_routes(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for p in ("/api/disputes", "/api/disputes/{dispute_id}", "/api/export/disputes",
              "/api/export/dispute-steps"):
        assert p in spec["paths"], p
    params = {p["name"] for p in spec["paths"]["/api/disputes"]["get"]["parameters"]}
    assert {"country", "platform", "authority", "stage", "matter", "min_steps", "cursor"} <= params
    params = {p["name"] for p in spec["paths"]["/api/cases"]["get"]["parameters"]}
    assert "dispute" in params


def test_platform_authority_and_state_pages_list_their_disputes(api: TestClient) -> None:
    def entity(name: str) -> int:
        items = api.get("/api/entities", params={"q": name, "limit": 100}).json()["items"]
        return next(e["id"] for e in items if e["name"] == name)

    instagram = api.get(f"/api/entities/{entity('Instagram')}").json()
    EntityDetail.model_validate(instagram)
    assert [d["id"] for d in instagram["disputes"]["items"]] == ["tr-meta-2020-11-04"]
    html = api.get(f"/entities/{entity('Roskomnadzor')}").text
    assert '<a href="/disputes/ru-google-2021-08-20">Russia v. Google</a>' in html
    assert '<a href="/disputes/ru-apple-2021-08-20">Russia v. Apple</a>' in html
    html = api.get(f"/entities/{entity('Nigeria')}").text
    assert f'href="/disputes/{NIGERIA}"' in html


def test_the_dispute_page_draws_its_timeline_and_links_each_step_to_its_evidence(
    api: TestClient,
) -> None:
    r = api.get(f"/disputes/{TR_TWITTER}")
    assert r.status_code == 200
    html = r.text
    assert "<script" not in html
    marks = re.findall(r'<a href="#step-(\d+)" class="step-mark"', html)
    d = api.get(f"/api/disputes/{TR_TWITTER}").json()
    assert [int(m) for m in marks] == list(range(1, d["n_steps"] + 1))
    for s in d["steps"]:
        assert f'<li id="step-{s["seq"]}" class="step">' in html
        link = f'/documents/{s["document"]["id"]}#event-{s["event_id"]}'
        assert link in html
        page = api.get(link.split("#")[0]).text
        assert f'id="event-{s["event_id"]}"' in page  # the anchor the step links to
    assert html.index('id="step-1"') < html.index('id="step-2"')


def test_dispute_pages_errors_and_the_list(api: TestClient) -> None:
    assert api.get("/disputes/ru-nothing-2021").status_code == 404
    r = api.get("/disputes", params={"stage": "won"})
    assert r.status_code == 422 and "is not a stage" in r.text
    r = api.get("/disputes", params={"platform": "Twitter"})
    assert r.status_code == 200 and f'href="/disputes/{TR_TWITTER}"' in r.text
    assert 'href="/disputes"' in api.get("/").text  # in the navigation


class _Receiver(BaseHTTPRequestHandler):
    posts: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        _Receiver.posts.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_watchlist_follows_a_dispute(dispute_db: Path, tmp_path: Path) -> None:
    """Saved with the dispute's id, it gets the dispute's next step by webhook and feed,
    and nothing of another dispute."""
    db = copy_store(dispute_db, tmp_path / "store.db")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    settings = ServeSettings(webhook_allow_hosts="127.0.0.1")
    app = create_app(f"sqlite:///{db}", token=TOKEN, settings=settings, deliver=False)
    try:
        with TestClient(app) as client:
            r = client.post("/api/watchlists", headers=AUTH, json={
                "name": "Nigeria and Twitter", "filters": {"dispute": NIGERIA}, "webhook": hook})
            assert r.status_code == 201, r.text
            w = r.json()
            news = [
                {"id": "ng-08", "published": "2021-07-16", "lang": "en",
                 "text": "ABUJA — Information minister Lai Mohammed demanded on Thursday that "
                         "Twitter open a local office in Nigeria before the suspension ends."},
                {"id": "tr-14", "published": "2021-07-16", "lang": "en",
                 "text": "ANKARA — Turkey fined TikTok 10 million lira on Thursday for failing "
                         "to appoint a local representative."},
            ]
            assert client.post("/api/ingest", headers=AUTH,
                               json={"documents": news}).json()["stored"] == 2
            d = client.get(f"/api/disputes/{NIGERIA}").json()
            new_step = next(s for s in d["steps"] if s["date"] == "2021-07-15")
            dispatcher = Dispatcher(app.state.clampdown.writer(), settings)
            report = dispatcher.run_once()
            assert (report.queued, report.delivered) == (1, 1)
            assert [p["case"]["id"] for p in _Receiver.posts] == [new_step["case_id"]]
            feed = client.get(w["feed_url"].split("testserver")[-1]).text
            assert f"/cases/{new_step['case_id']}</id>" in feed
            assert "TikTok" not in feed
    finally:
        server.shutdown()
        server.server_close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clampdown", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_command_line(dispute_db: Path) -> None:
    db = str(dispute_db)
    out = _cli("disputes", "--db", db, "--country", "RU", "--min-steps", "1", "-f", "json")
    assert out.returncode == 0, out.stderr
    assert sorted(d["id"] for d in json.loads(out.stdout)) == [
        "ru-apple-2021-08-20", "ru-google-2021-07-29", "ru-google-2021-08-20",
        "ru-google-2021-12-24"]
    out = _cli("dispute", "ru-google-2021-08-20", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "Russia v. Google" in out.stdout and "28 days" in out.stdout
    assert out.stdout.index(" 1. 2021-08-20") < out.stdout.index(" 6. 2021-09-17")
    assert "Navalny" in out.stdout  # the evidence of the steps
    out = _cli("dispute", "ru-nothing-2021", "--db", db)
    assert out.returncode == 1 and "no dispute ru-nothing-2021" in out.stderr
    out = _cli("disputes", "--db", db, "--stage", "won")
    assert out.returncode == 2 and "is not a stage" in out.stderr
    out = _cli("export", "dispute-steps", "--db", db, "--country", "NG", "-f", "csv")
    assert out.returncode == 0, out.stderr
    assert len(list(csv.DictReader(io.StringIO(out.stdout)))) == 4
