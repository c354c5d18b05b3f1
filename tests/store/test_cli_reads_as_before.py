"""`clampdown events`, `cases` and `case` print what they printed before they read through
the query layer the API uses: every filter, sort, direction and page of a store built from
the test corpora, compared with the old read path (`listing_before.py`)."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import listing_before as before
import pytest
import typer
from click.testing import CliRunner
from sqlalchemy import create_engine

from clampdown.cli import app
from clampdown.cli.tables import CASE_COLUMNS, EVENT_COLUMNS, show_case, write_rows

HERE = Path(__file__).resolve().parent
INPUTS = (HERE / "data" / "corpus.jsonl", HERE / "data" / "disputes.jsonl",
          HERE.parent / "api" / "data" / "news.jsonl")

# Filters as command-line options, and as the old read path took them.
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
COMMAND = typer.main.get_command(app)  # built once: building it is most of a run's time


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("cli-reads") / "store.db"
    result = CliRunner().invoke(COMMAND, ["ingest", *map(str, INPUTS), "--db", str(db),
                                          "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return str(db)


@contextlib.contextmanager
def _conn(db: str) -> Iterator[Any]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _options(f: dict[str, Any]) -> list[str]:
    out = []
    for key, value in f.items():
        out += [f"--{key.replace('_', '-')}", str(value)]
    return out


def _old_filters(f: dict[str, Any], conflicts: bool = False) -> before.Filters:
    types = tuple(t.strip().upper() for t in f.get("type", "").split(",") if t.strip())
    return before.Filters(
        types=types, actor=f.get("actor"), target=f.get("target"), country=f.get("country"),
        since=before.parse_date(f.get("since")), until=before.parse_until(f.get("until")),
        status=f.get("status"), min_sources=f.get("min_sources"), conflicts=conflicts,
    )


def _cli(*args: str) -> str:
    result = CliRunner().invoke(COMMAND, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def _printed(fn: Any, *args: Any) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


def _same_json(printed: str, rows: Any) -> bool:
    return bool(json.loads(printed) == json.loads(json.dumps(rows, ensure_ascii=False)))


@pytest.mark.parametrize("command", ["events", "cases"])
def test_every_filter_gives_the_rows_it_gave(store: str, command: str) -> None:
    old = before.list_events if command == "events" else before.list_cases
    filters = [*FILTERS, *([{"conflicts": True}] if command == "cases" else [])]
    with _conn(store) as conn:
        for f in filters:
            plain = {k: v for k, v in f.items() if k != "conflicts"}
            args = _options(plain) + (["--conflicts"] if f.get("conflicts") else [])
            want = old(conn, _old_filters(plain, bool(f.get("conflicts"))))
            got = _cli(command, "--db", store, *args, "--format", "json")
            assert _same_json(got, want), (command, f)


@pytest.mark.parametrize("command", ["events", "cases"])
def test_every_sort_direction_and_page_gives_the_rows_it_gave(store: str, command: str) -> None:
    old = before.list_events if command == "events" else before.list_cases
    sorts = (["date", "amount", "type", "sources", "id"]
             + (["mentions"] if command == "cases" else []))
    with _conn(store) as conn:
        assert len(old(conn, before.Filters(), limit=1000)) > 10  # enough rows to order
        for sort in sorts:
            for asc in (False, True):
                for page in PAGES:
                    want = old(conn, before.Filters(), sort=sort, desc=not asc, **page)
                    args = ["--sort", sort, *(["--asc"] if asc else []), *_options(page)]
                    got = _cli(command, "--db", store, *args, "--format", "json")
                    assert _same_json(got, want), (command, sort, asc, page)


def test_every_format_prints_what_it_printed(store: str) -> None:
    with _conn(store) as conn:
        events = before.list_events(conn, before.Filters())
        cases = before.list_cases(conn, before.Filters())
    for fmt in ("table", "csv", "jsonl", "json"):
        got = _cli("events", "--db", store, "--format", fmt)
        assert got == _printed(write_rows, events, fmt, "Events", EVENT_COLUMNS), fmt
        got = _cli("cases", "--db", store, "--format", fmt)
        assert got == _printed(write_rows, cases, fmt, "Cases", CASE_COLUMNS), fmt


def test_every_case_shows_what_it_showed(store: str) -> None:
    with _conn(store) as conn:
        ids = [c["id"] for c in before.list_cases(conn, before.Filters(), limit=10_000)]
        assert len(ids) > 10
        for n, case_id in enumerate(ids):
            want = before.get_case(conn, case_id)
            got = _cli("case", str(case_id), "--db", store, "--format", "json")
            assert _same_json(got, want), case_id
            if n % 4 == 0 or want["conflicts"] or want["conversion_checks"]:
                assert _cli("case", str(case_id), "--db", store) == _printed(show_case, want)
    missing = CliRunner().invoke(COMMAND, ["case", str(max(ids) + 1), "--db", store])
    assert missing.exit_code != 0 and "no case" in missing.output
