"""`clampdown events`, `cases` and `case` read the rows the API reads: every filter, sort,
direction and page of a store built from the test corpora gives the rows GET /api/events
and /api/cases give, in the same order, and `case` the case GET /api/cases/{id} gives.

(While the command line moved onto the query layer, a frozen copy of its old read path
stood here as the reference; the rows it gave were the same.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from click.testing import CliRunner
from fastapi.testclient import TestClient

from clampdown.api.app import create_app
from clampdown.api.settings import ServeSettings
from clampdown.cli import app
from clampdown.query.names import DEFAULT_LIMIT

HERE = Path(__file__).resolve().parent
INPUTS = (HERE / "data" / "corpus.jsonl", HERE / "data" / "disputes.jsonl",
          HERE.parent / "api" / "data" / "news.jsonl")

# Filters, as command-line options and as query parameters alike.
FILTERS: list[dict[str, Any]] = [
    {},
    {"type": "FINE"},
    {"type": "fine,block"},
    {"actor": "Roskomnadzor"},
    {"actor": "roskomnadzor"},
    {"target": "google"},
    {"target": "Telegram"},
    {"target": "face"},  # part of a name
    {"actor": "no such body"},
    {"country": "RU"},
    {"country": "tr"},
    {"since": "2021"},
    {"since": "2021-08", "until": "2021-09"},
    {"until": "2020"},
    {"since": "2021-03-10", "until": "2021-12-24"},
    {"status": "done"},
    {"status": "announced"},
    {"min_sources": 2},
    {"type": "FINE", "country": "RU", "since": "2021", "min_sources": 1},
]
PAGES = [{}, {"limit": 3}, {"limit": 3, "offset": 3}, {"limit": 5, "offset": 100}]
SORTS = ["date", "amount", "type", "sources", "id"]
COMMAND = typer.main.get_command(app)  # built once: building it is most of a run's time


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("cli-reads") / "store.db"
    result = CliRunner().invoke(COMMAND, ["ingest", *map(str, INPUTS), "--db", str(db),
                                          "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="module")
def api(store: str) -> Iterator[TestClient]:
    app_ = create_app(f"sqlite:///{store}", settings=ServeSettings(), deliver=False)
    with TestClient(app_) as c:
        yield c


def _options(f: dict[str, Any]) -> list[str]:
    out = []
    for key, value in f.items():
        out += [f"--{key.replace('_', '-')}", str(value)]
    return out


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(COMMAND, [*args, "--format", "json"])
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


def _api_ids(api: TestClient, command: str, params: dict[str, Any]) -> list[int]:
    """Every id the API lists, page after page, in its order."""
    ids: list[int] = []
    key = "event_id" if command == "events" else "id"
    query = {**params, "limit": 100}
    while True:
        r = api.get(f"/api/{command}", params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        ids += [row[key] for row in body["items"]]
        if not body.get("next_cursor"):
            return ids
        query["cursor"] = body["next_cursor"]


@pytest.mark.parametrize("command", ["events", "cases"])
def test_every_filter_gives_the_rows_the_api_gives(store: str, api: TestClient,
                                                    command: str) -> None:
    filters = [*FILTERS, *([{"conflicts": True}] if command == "cases" else [])]
    for f in filters:
        plain = {k: v for k, v in f.items() if k != "conflicts"}
        args = _options(plain) + (["--conflicts"] if f.get("conflicts") else [])
        got = [r["id"] for r in _cli(command, "--db", store, *args, "--limit", "10000")]
        assert got == _api_ids(api, command, f), (command, f)


@pytest.mark.parametrize("command", ["events", "cases"])
def test_every_sort_direction_and_page_gives_the_rows_the_api_gives(
    store: str, api: TestClient, command: str
) -> None:
    sorts = SORTS + (["mentions"] if command == "cases" else [])
    for sort in sorts:
        for asc in (False, True):
            every = _api_ids(api, command, {"sort": sort if asc else f"-{sort}"})
            assert len(every) > 10  # enough rows to order
            for page in PAGES:
                args = ["--sort", sort, *(["--asc"] if asc else []), *_options(page)]
                got = [r["id"] for r in _cli(command, "--db", store, *args)]
                offset = page.get("offset", 0)
                want = every[offset:offset + page.get("limit", DEFAULT_LIMIT)]
                assert got == want, (command, sort, asc, page)


def test_every_case_is_the_case_the_api_gives(store: str, api: TestClient) -> None:
    ids = _api_ids(api, "cases", {"sort": "id"})
    for case_id in ids:
        got = _cli("case", str(case_id), "--db", store)
        want = api.get(f"/api/cases/{case_id}").json()
        assert (got["id"], got["type"], got["date"]) == (want["id"], want["type"],
                                                        want["date"]), case_id
    missing = CliRunner().invoke(COMMAND, ["case", str(max(ids) + 1), "--db", store])
    assert missing.exit_code != 0 and "no case" in missing.output
