"""`clampdown ingest / events / cases / case` as a user runs them (in process, for speed;
test_crash runs the real executable)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clampdown.cli import app

CORPUS = Path(__file__).resolve().parent / "data" / "corpus.jsonl"


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", db, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "10 stored" in result.stderr
    return db


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_again_reports_everything_already_stored(store: str) -> None:
    code, _, err = run("ingest", str(CORPUS), "--db", store, "--jobs", "1")
    assert code == 0
    assert "0 stored" in err and "resumed after input 10" in err


def test_database_from_the_environment(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAMPDOWN_DB", store)
    code, out, _ = run("cases", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 6


def test_events_filters_and_formats(store: str) -> None:
    code, out, _ = run("events", "--db", store, "--type", "fine", "--target", "google",
                       "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 7 and {r["type"] for r in rows} == {"FINE"}
    assert [r["date"] for r in rows][:1] == ["2021-12-24"]  # newest first
    code, out, _ = run("events", "--db", store, "--type", "FINE", "--since", "2021-08",
                       "--until", "2021-09", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [(r["target"], r["date"]) for r in table] == [
        ("WhatsApp", "2021-09-03"), ("WhatsApp", "2021-09-03")
    ]
    code, out, _ = run("events", "--db", store, "--actor", "Roskomnadzor", "--format", "json")
    assert {r["type"] for r in json.loads(out)} == {"THROTTLE"}
    code, out, _ = run("events", "--db", store, "--min-sources", "4", "--format", "jsonl")
    assert {json.loads(line)["case"] for line in out.splitlines()} and all(
        json.loads(line)["sources"] >= 4 for line in out.splitlines()
    )
    code, out, _ = run("events", "--db", store, "--country", "TR", "--sort", "amount", "--asc",
                       "--limit", "1", "--format", "jsonl")
    assert len(out.splitlines()) == 1
    code, out, _ = run("events", "--db", store, "--actor", "nobody at all", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_cases_filters_sorting_and_table(store: str) -> None:
    code, out, _ = run("cases", "--db", store, "--min-sources", "2", "--sort", "sources",
                       "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["sources"] for r in rows] == [4, 2, 2, 2]
    code, out, _ = run("cases", "--db", store, "--conflicts", "--format", "json")
    assert sorted(c["type"] for c in json.loads(out)) == ["FINE", "REFUSAL", "THROTTLE"]
    code, out, _ = run("cases", "--db", store, "--status", "done", "--country", "ru")
    assert code == 0 and "Tagansky" in out and "5 rows" in out
    code, out, _ = run("cases", "--db", store, "--type", "FINE", "--sort", "amount",
                       "--format", "csv")
    amounts = [r["amount_eur"] for r in csv.DictReader(io.StringIO(out))]
    assert [float(a) for a in amounts] == sorted((float(a) for a in amounts), reverse=True)


def test_one_case_shows_fields_conflicts_check_and_sources(store: str) -> None:
    code, out, _ = run("cases", "--db", store, "--type", "FINE", "--target", "Google",
                       "--since", "2021-07-01", "--until", "2021-07-31", "--format", "json")
    [july] = json.loads(out)
    code, out, _ = run("case", str(july["id"]), "--db", store)
    assert code == 0
    for text in ("Tagansky District Court", "3,000,000 RUB", "4 independent",
                 "Sources disagree", "8,000,000", "Reuters", "[copy]", "[original]",
                 "MOSCOW, July 29 (Reuters)"):
        assert text in out, text
    code, out, _ = run("cases", "--db", store, "--target", "WhatsApp", "--format", "json")
    [whatsapp] = json.loads(out)
    code, out, _ = run("case", str(whatsapp["id"]), "--db", store)
    assert "stated as 330,000 USD" in out and "OFF" in out
    code, out, _ = run("case", str(whatsapp["id"]), "--db", store, "--format", "json")
    assert json.loads(out)["conversion_checks"][0]["ok"] is False


def test_errors_name_the_problem_and_exit_non_zero(store: str, tmp_path: Path) -> None:
    code, _, err = run("case", "9999", "--db", store)
    assert code == 1 and "no case 9999" in err
    code, _, err = run("events", "--db", str(tmp_path / "missing.db"))
    assert code == 1 and "no store there" in err
    assert not (tmp_path / "missing.db").exists()
    code, _, _ = run("events", "--db", store, "--since", "yesterday")
    assert code == 2
    code, _, _ = run("cases", "--db", store, "--sort", "colour")
    assert code == 2
    code, _, err = run("ingest", str(CORPUS), "--db", "postgresql://nobody@127.0.0.1:1/x")
    assert code == 1 and "cannot open the store" in err
