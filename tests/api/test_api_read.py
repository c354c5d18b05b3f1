"""The read endpoints against a store filled by `clampdown ingest`: every endpoint, every
filter, pagination edges, bad parameters (422 with a message) and unknown ids (404)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from clampdown.api.app import create_app
from clampdown.api.schemas import (
    CaseDetail,
    CasePage,
    DocumentDetail,
    EntityDetail,
    EntityPage,
    ErrorResponse,
    EventPage,
    Stats,
)
from clampdown.api.settings import ServeSettings
from clampdown.link.disputes import OUTCOMES
from clampdown.model import EVENT_TYPES
from clampdown.query.cases import CASE_SORT_COLUMNS
from clampdown.query.db import open_reader
from clampdown.query.disputes import DISPUTE_SORT_COLUMNS
from clampdown.query.events import EVENT_SORT_COLUMNS
from clampdown.query.names import CASE_SORTS, DISPUTE_SORTS, EVENT_SORTS, STAGE_NAMES


def _all_cases(client: TestClient, **params: object) -> list[dict]:
    r = client.get("/api/cases", params={"limit": 200, **params})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _error(r, status: int) -> str:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]


# -- cases --------------------------------------------------------------------------------


def test_cases_lists_every_case_newest_first_with_evidence(client: TestClient) -> None:
    body = client.get("/api/cases").json()
    assert body["total"] == len(body["items"]) >= 6
    assert body["sort"] == "-date" and body["next_cursor"] is None
    dated = [c["date_lo"] for c in body["items"] if c["date_lo"]]
    assert dated == sorted(dated, reverse=True)
    # undated cases come after every dated one
    flags = [c["date_lo"] is None for c in body["items"]]
    assert flags == sorted(flags)
    assert all(c["evidence"] for c in body["items"])
    assert {c["type"] for c in body["items"]} <= set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "FINE"}, lambda c: c["type"] == "FINE"),
        ({"type": "fine,block"}, lambda c: c["type"] in ("FINE", "BLOCK")),
        ({"type": ["FINE", "BLOCK"]}, lambda c: c["type"] in ("FINE", "BLOCK")),
        ({"target": "Telegram"}, lambda c: c["target"]["name"] == "Telegram"),
        ({"target": "telegram"}, lambda c: c["target"]["name"] == "Telegram"),
        ({"actor": "Roskomnadzor"}, lambda c: c["actor"]["name"] == "Roskomnadzor"),
        ({"entity": "Telegram"}, lambda c: "Telegram" in (c["actor"]["name"],
                                                           c["target"]["name"])),
        ({"country": "RU"}, lambda c: c["country"] == "RU"),
        ({"country": "ru,tr"}, lambda c: c["country"] in ("RU", "TR")),
        ({"status": "done"}, lambda c: c["status"] == "done"),
        ({"since": "2022"}, lambda c: c["date_hi"] >= "2022-01-01"),
        ({"until": "2021-03"}, lambda c: c["date_lo"] <= "2021-03-31"),
        ({"since": "2021-03-10", "until": "2021-03-10"},
         lambda c: c["date_lo"] <= "2021-03-10" <= c["date_hi"]),
        ({"min_sources": "2"}, lambda c: c["n_sources"] >= 2),
        ({"conflicts": "true"}, lambda c: c["has_conflict"]),
        ({"conflicts": "false"}, lambda c: not c["has_conflict"]),
        ({"q": "earthquake"}, lambda c: "Twitter" in (c["actor"]["name"], c["target"]["name"])),
    ],
)
def test_case_filters(client: TestClient, params: dict, check) -> None:  # type: ignore[no-untyped-def]
    everything = _all_cases(client)
    got = _all_cases(client, **params)
    assert got, f"{params} matched nothing"
    assert all(check(c) for c in got), params
    assert len(got) < len(everything) or params.get("status") == "done"
    total = client.get("/api/cases", params=params).json()["total"]
    assert total == len(got)


def test_filters_by_entity_id_match_filters_by_name(client: TestClient, ids: dict) -> None:
    by_id = _all_cases(client, target=str(ids["telegram"]))
    by_name = _all_cases(client, target="Telegram")
    assert [c["id"] for c in by_id] == [c["id"] for c in by_name]


def test_filters_that_match_nothing_give_an_empty_page(client: TestClient) -> None:
    for params in ({"target": "No Such Platform Anywhere"}, {"country": "ZZ"},
                   {"since": "2030"}, {"q": "zebra crossing"}):
        body = client.get("/api/cases", params=params).json()
        assert body == {"items": [], "next_cursor": None, "total": 0, "total_is_exact": True,
                        "sort": "-date", "limit": 50}, params


@pytest.mark.parametrize("sort", ["-date", "date", "-sources", "sources", "-amount", "amount",
                                  "-mentions", "type", "-id", "id"])
def test_cursor_pages_walk_every_case_once(client: TestClient, sort: str) -> None:
    everything = [c["id"] for c in _all_cases(client, sort=sort)]
    seen: list[int] = []
    cursor = None
    for _ in range(50):
        params = {"limit": 2, "sort": sort}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/cases", params=params).json()
        assert len(body["items"]) <= 2
        seen += [c["id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything
    assert len(set(seen)) == len(seen)


def test_page_size_edges(client: TestClient) -> None:
    total = client.get("/api/cases").json()["total"]
    exact = client.get("/api/cases", params={"limit": total}).json()
    assert len(exact["items"]) == total and exact["next_cursor"] is None
    one_short = client.get("/api/cases", params={"limit": total - 1}).json()
    assert len(one_short["items"]) == total - 1 and one_short["next_cursor"]
    last = client.get("/api/cases", params={"limit": total - 1,
                                            "cursor": one_short["next_cursor"]}).json()
    assert len(last["items"]) == 1 and last["next_cursor"] is None
    assert client.get("/api/cases", params={"limit": 200}).status_code == 200


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "max_page_size"),
        ({"limit": "ten"}, "limit"),
        ({"type": "PARKING_TICKET"}, "not an event type"),
        ({"country": "Russia"}, "two-letter"),
        ({"status": "maybe"}, "done or announced"),
        ({"since": "2021-13"}, "not a calendar date"),
        ({"since": "yesterday"}, "YYYY"),
        ({"since": "2022", "until": "2021"}, "before since"),
        ({"min_sources": "two"}, "whole number"),
        ({"min_sources": "0"}, "out of range"),
        ({"conflicts": "perhaps"}, "true or false"),
        ({"q": "x" * 201}, "max_query_chars"),
        ({"target": "a\x01b"}, "control characters"),
        ({"sort": "popularity"}, "not a sort order"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"tpye": "FINE"}, "unknown parameter"),
        ({"type": ",".join(["FINE"] * 21)}, "max_query_values"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, params: dict,
                                               words: str) -> None:
    message = _error(client.get("/api/cases", params=params), 422)
    assert words in message


def test_a_cursor_only_serves_the_sort_it_was_made_for(client: TestClient) -> None:
    cursor = client.get("/api/cases", params={"limit": 1}).json()["next_cursor"]
    message = _error(client.get("/api/cases", params={"cursor": cursor, "sort": "id"}), 422)
    assert "keep the sort" in message


def test_case_detail_has_conflicts_conversions_and_every_report(client: TestClient,
                                                                ids: dict) -> None:
    case = client.get(f"/api/cases/{ids['tg_fine']}").json()
    assert case["type"] == "FINE" and case["currency"] == "RUB" and case["amount"] == 5_000_000
    assert case["n_sources"] == 2 and case["n_documents"] == 3
    assert [c["field"] for c in case["conflicts"]] == ["amount"]
    amounts = [v["value"]["amount"] for v in case["conflicts"][0]["values"]]
    assert amounts == [5_000_000, 6_000_000]
    said = [{d["ext_id"] for d in v["documents"]} for v in case["conflicts"][0]["values"]]
    assert said == [{"t-tg-fine-wire", "t-tg-fine-copy"}, {"t-tg-fine-other"}]
    assert all(d["id"] for v in case["conflicts"][0]["values"] for d in v["documents"])
    assert case["conversions"] and all(ch["ok"] for ch in case["conversions"])
    assert {ch["stated_currency"] for ch in case["conversions"]} == {"EUR"}
    docs = {r["document"]["ext_id"]: r for r in case["reports"]}
    assert set(docs) == {"t-tg-fine-wire", "t-tg-fine-copy", "t-tg-fine-other"}
    assert docs["t-tg-fine-wire"]["document"]["is_origin"]
    assert docs["t-tg-fine-copy"]["document"]["republished"]
    assert not docs["t-tg-fine-other"]["document"]["republished"]
    for r in case["reports"]:
        p = r["paragraph"]
        assert p["evidence"] == r["evidence"]
        assert "fined Telegram" in p["evidence"] or "pay 6 million" in p["evidence"]


@pytest.mark.parametrize("path", ["/api/cases/99999", "/api/entities/99999",
                                  "/api/documents/99999"])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    assert "no " in _error(client.get(path), 404)


@pytest.mark.parametrize("path", ["/api/cases/0", "/api/cases/abc", "/api/documents/-1",
                                  "/api/entities/1.5"])
def test_malformed_ids_are_422(client: TestClient, path: str) -> None:
    _error(client.get(path), 422)


def test_unknown_api_paths_are_json_404(client: TestClient) -> None:
    assert "no such page" in _error(client.get("/api/nothing"), 404)
    assert _error(client.post("/api/cases"), 405)


# -- events -------------------------------------------------------------------------------


def test_events_filters_and_offsets(client: TestClient, ids: dict) -> None:
    body = client.get("/api/events", params={"type": "FINE", "target": "Telegram"}).json()
    assert body["total"] == 3  # the wire story, its copy and the other outlet
    assert {e["case_id"] for e in body["items"]} == {ids["tg_fine"]}
    for e in body["items"]:
        doc = client.get(f"/api/documents/{e['doc_id']}").json()
        assert doc["text"][e["start"]:e["end"]] == e["evidence"]
    by_case = client.get("/api/events", params={"case": ids["tg_fine"]}).json()
    assert by_case["total"] == 3
    by_doc = client.get("/api/events", params={"doc": ids["script_doc"]}).json()
    assert {e["doc_id"] for e in by_doc["items"]} == {ids["script_doc"]}
    assert client.get("/api/events", params={"min_sources": 2}).json()["total"] >= 3
    assert client.get("/api/events", params={"q": "earthquake"}).json()["total"] >= 1


def test_events_pages_walk_every_event_once(client: TestClient) -> None:
    everything = [e["event_id"] for e in
                  client.get("/api/events", params={"limit": 200}).json()["items"]]
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == everything


def test_events_reject_bad_parameters(client: TestClient) -> None:
    assert "unknown parameter" in _error(client.get("/api/events", params={"page": 2}), 422)
    _error(client.get("/api/events", params={"doc": "x"}), 422)
    _error(client.get("/api/events", params={"sort": "mentions"}), 422)  # cases only


def test_the_sort_keys_are_those_of_query_names() -> None:
    assert set(EVENT_SORT_COLUMNS) == set(EVENT_SORTS)
    assert set(CASE_SORT_COLUMNS) == set(CASE_SORTS)
    assert set(DISPUTE_SORT_COLUMNS) == set(DISPUTE_SORTS)


def test_the_stages_are_the_outcomes_and_ended() -> None:
    assert (*OUTCOMES, "ended") == STAGE_NAMES


def test_events_sort_by_their_cases_sources_and_page_on(client: TestClient) -> None:
    """The sort keys are the command line's (`query/names.py`): `sources` too."""
    n_sources = {c["id"]: c["n_sources"]
                 for c in client.get("/api/cases", params={"limit": 200}).json()["items"]}
    whole = client.get("/api/events", params={"sort": "-sources", "limit": 200}).json()
    counts = [n_sources[e["case_id"]] for e in whole["items"]]
    assert len(set(counts)) > 1 and counts == sorted(counts, reverse=True)
    paged, cursor = [], None
    while True:
        params = {"sort": "-sources", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        paged += [e["event_id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert paged == [e["event_id"] for e in whole["items"]]


# -- entities, documents, stats -----------------------------------------------------------


def test_entities_list_filters_and_sorts(client: TestClient) -> None:
    body = client.get("/api/entities").json()
    counts = [e["n_cases"] for e in body["items"]]
    assert counts == sorted(counts, reverse=True) and body["total"] == len(body["items"])
    platforms = client.get("/api/entities", params={"role": "platform"}).json()["items"]
    assert platforms and all(e["role"] == "platform" for e in platforms)
    names = [e["name"] for e in client.get("/api/entities", params={"sort": "name"}).json()
             ["items"]]
    assert names == sorted(names)
    assert [e["name"] for e in client.get("/api/entities", params={"q": "telegr"}).json()
            ["items"]] == ["Telegram"]
    paged = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert [e["id"] for e in paged["items"]] == [e["id"] for e in body["items"][2:4]]
    assert "not a role" in _error(client.get("/api/entities", params={"role": "villain"}), 422)
    _error(client.get("/api/entities", params={"sort": "size"}), 422)
    _error(client.get("/api/entities", params={"offset": -1}), 422)


def test_entity_detail_has_totals_timeline_and_cases(client: TestClient, ids: dict) -> None:
    tg = client.get(f"/api/entities/{ids['telegram']}").json()
    assert tg["name"] == "Telegram" and tg["role"] == "platform"
    assert tg["totals"]["by_type"]["FINE"]["as_target"] == 1
    assert tg["totals"]["by_type"]["REFUSAL"]["as_actor"] == 1
    fines = tg["totals"]["fines"]["as_target"]
    assert fines["cases"] == 1 and 50_000 < fines["eur"] < 60_000 and fines["usd"] > 0
    assert {m["month"] for m in tg["timeline"]} == {"2021-03"}
    assert tg["cases"]["total"] == tg["totals"]["cases"]


def test_document_detail(client: TestClient, ids: dict) -> None:
    doc = client.get(f"/api/documents/{ids['script_doc']}").json()
    assert "<script>alert('xss')</script>" in doc["text"]  # stored as written; escaped on pages
    assert doc["events"] and all(doc["text"][e["start"]:e["end"]] == e["evidence"]
                                 for e in doc["events"])
    wire = client.get("/api/events", params={"q": "fined Telegram 5 million"}).json()["items"]
    copies = {client.get(f"/api/documents/{e['doc_id']}").json()["ext_id"]: e["doc_id"]
              for e in wire}
    copy = client.get(f"/api/documents/{copies['t-tg-fine-copy']}").json()
    assert copy["republished"] and not copy["is_origin"]
    assert [c["id"] for c in copy["copies"]] == [copies["t-tg-fine-wire"]]


def test_stats(client: TestClient, ids: dict) -> None:
    s = client.get("/api/stats").json()
    total = client.get("/api/cases").json()["total"]
    assert s["totals"]["cases"] == total == sum(s["by_type"].values())
    assert sum(r["cases"] for r in s["by_month"]) + s["totals"]["undated_cases"] == total
    assert sum(c["cases"] for c in s["by_country"]) == total
    by_target = {f["name"]: f for f in s["fines"]["by_target"]}
    assert by_target["Facebook"]["eur"] == 1_200_000_000 and by_target["Facebook"]["usd"] > 1e9
    assert 50_000 < by_target["Telegram"]["eur"] < 60_000
    by_actor = {f["name"] for f in s["fines"]["by_actor"]}
    assert "Data Protection Commission" in by_actor
    assert s["top_targets"][0]["name"] in ("Telegram", "Twitter")
    ru = client.get("/api/stats", params={"country": "RU"}).json()
    assert set(c["country"] for c in ru["by_country"]) == {"RU"}
    assert "Facebook" not in {f["name"] for f in ru["fines"]["by_target"]}
    _error(client.get("/api/stats", params={"limit": 5}), 422)


def test_answers_match_the_models_of_the_openapi_document(client: TestClient,
                                                          ids: dict) -> None:
    checks = {
        "/api/cases": CasePage, "/api/cases?limit=1&sort=-amount": CasePage,
        f"/api/cases/{ids['tg_fine']}": CaseDetail, "/api/events": EventPage,
        "/api/entities": EntityPage, f"/api/entities/{ids['telegram']}": EntityDetail,
        f"/api/documents/{ids['script_doc']}": DocumentDetail, "/api/stats": Stats,
        "/api/cases/99999": ErrorResponse, "/api/cases?type=X": ErrorResponse,
    }
    for path, model in checks.items():
        model.model_validate(client.get(path).json(), strict=False)


def test_totals_are_capped_and_say_so(store_url: str) -> None:
    """Without the case index, counting is SQL's and stops at max_count_rows."""
    settings = ServeSettings(max_count_rows=2, case_index_max_rows=0)
    app = create_app(store_url, deliver=False, settings=settings)
    with TestClient(app) as c:
        body = c.get("/api/cases", params={"limit": 1}).json()
        assert body["total"] == 2 and body["total_is_exact"] is False
        body = c.get("/api/cases", params={"type": "FINE", "target": "Facebook"}).json()
        assert body["total"] == 1 and body["total_is_exact"] is True
        assert c.get("/api/events").json()["total_is_exact"] is False


def test_the_case_index_counts_exactly(store_url: str) -> None:
    app = create_app(store_url, deliver=False, settings=ServeSettings(max_count_rows=2))
    with TestClient(app) as c:
        body = c.get("/api/cases", params={"limit": 1}).json()
        assert body["total"] > 2 and body["total_is_exact"] is True


def test_openapi_document_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/events", "/api/cases", "/api/cases/{case_id}", "/api/entities",
              "/api/entities/{entity_id}", "/api/documents/{doc_id}", "/api/stats",
              "/api/export/{kind}", "/api/ingest", "/api/watchlists",
              "/api/watchlists/{watchlist_id}", "/feeds/{key}.atom"):
        assert p in paths, p
    params = {p["name"] for p in spec["paths"]["/api/cases"]["get"]["parameters"]}
    assert {"type", "target", "country", "since", "until", "limit", "cursor", "sort"} <= params
    assert not any(p.startswith("/cases") for p in paths)  # pages are not API


def test_responses_carry_security_headers(client: TestClient) -> None:
    r = client.get("/api/cases")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_the_server_cannot_write_through_its_reader(store_url: str) -> None:
    engine = open_reader(store_url, 5.0)
    try:
        with engine.connect() as conn, pytest.raises(OperationalError):
            conn.execute(text("CREATE TABLE intruder (x INTEGER)"))
    finally:
        engine.dispose()


def test_a_query_past_its_deadline_is_stopped(store_url: str) -> None:
    engine = open_reader(store_url, 0.05)
    slow = text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                "LIMIT 200000000) SELECT count(*) FROM c")
    try:
        with engine.connect() as conn, pytest.raises(OperationalError, match="interrupted"):
            conn.execute(slow)
    finally:
        engine.dispose()


def test_repeated_requests_are_answered_from_the_cache(client: TestClient) -> None:
    cache = client.app.state.clampdown.cache  # type: ignore[attr-defined]
    first = client.get("/api/cases", params={"target": "Telegram", "limit": 3})
    hits = cache.hits
    again = client.get("/api/cases?limit=3&target=Telegram")  # same query, other order
    assert cache.hits == hits + 1
    assert again.content == first.content
    assert again.headers["content-type"] == "application/json"
    assert "default-src 'none'" in again.headers["content-security-policy"]
    other = client.get("/api/cases", params={"target": "Telegram", "limit": 2})
    assert len(other.json()["items"]) == 2
    assert client.get("/api/cases", params={"limit": 3, "target": "Telegram",
                                            "tpye": "x"}).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?actor=9223372036854775808",
        "/api/stats?actor=9223372036854775808",
        "/api/cases?entity=99999999999999999999999",
        "/cases?target=9223372036854775808",
        "/api/events?target=%C2%B2",  # a digit that is not ASCII
    ],
)
def test_an_entity_id_beyond_the_store_matches_nothing(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    if path.startswith("/api/events") or path.startswith("/api/cases"):
        assert r.json()["items"] == []


def _forged(payload: object) -> str:
    import base64
    import json as json_module

    raw = json_module.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("sort", ["-date", "date", "-sources", "-amount", "amount"])
@pytest.mark.parametrize(
    "value",
    [
        "2021-01-01", 10**30, -(10**30), 1e308, "x" * 5000, {"d": "2021-13-45"}, [1, 2],
        {"d": 5}, True, 3.5, None,
    ],
)
def test_forged_cursors_are_client_errors_never_server_errors(
    client: TestClient, sort: str, value: object
) -> None:
    for row_id in (1, 10**30, -5):
        token = _forged([sort, value, row_id])
        for path in ("/api/cases", "/api/events"):
            r = client.get(path, params={"sort": sort, "cursor": token})
            assert r.status_code < 500, (path, sort, value, row_id, r.text)
    import base64

    deep = f'["{sort}",' + "[" * 5000 + "]" * 5000 + ",1]"  # too deep to parse
    nested = base64.urlsafe_b64encode(deep.encode()).decode().rstrip("=")
    assert client.get("/api/cases", params={"sort": sort, "cursor": nested}).status_code == 422
