"""Exports from the API and the command line: CSV, JSON Lines, Parquet, PLOVER coding."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from clampdown.cli import app as cli
from clampdown.export.columns import CASE_COLUMNS, EVENT_COLUMNS
from clampdown.export.plover import PLOVER_COLUMNS, plover_map
from clampdown.export.writers import MEDIA_TYPES
from clampdown.model import EVENT_TYPES
from clampdown.query.names import CODINGS, EXPORT_FORMATS, RECORD_KINDS


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("kind", ["cases", "events"])
def test_the_three_formats_hold_the_same_table(client: TestClient, kind: str) -> None:
    params = {"target": "Telegram"}
    listing = client.get(f"/api/{kind}", params={**params, "limit": 200}).json()
    r = client.get(f"/api/export/{kind}", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = _csv(r.text)
    cols = CASE_COLUMNS if kind == "cases" else EVENT_COLUMNS
    assert list(rows[0]) == list(cols) and len(rows) == listing["total"]
    lines = client.get(f"/api/export/{kind}", params={**params, "format": "jsonl"}).text
    records = [json.loads(x) for x in lines.splitlines()]
    assert len(records) == len(rows)
    data = client.get(f"/api/export/{kind}", params={**params, "format": "parquet"}).content
    table = pq.read_table(io.BytesIO(data))
    assert table.column_names == list(cols) and table.num_rows == len(rows)
    key = "case_id" if kind == "cases" else "event_id"
    assert [str(x) for x in table.column(key).to_pylist()] == [r[key] for r in rows]
    assert [x[key] for x in records] == table.column(key).to_pylist()


def test_parquet_keeps_types(client: TestClient) -> None:
    data = client.get("/api/export/cases", params={"format": "parquet"}).content
    table = pq.read_table(io.BytesIO(data))
    schema = {f.name: str(f.type) for f in table.schema}
    assert schema["amount_eur"] == "double" and schema["n_sources"] == "int64"
    assert schema["has_conflict"] == "bool"
    fb = [r for r in table.to_pylist() if r["target"] == "Facebook"]
    assert fb[0]["amount_eur"] == 1.2e9


def test_plover_coding(client: TestClient) -> None:
    rows = _csv(client.get("/api/export/cases", params={"coding": "plover"}).text)
    assert list(rows[0]) == list(PLOVER_COLUMNS)
    by_type = {r["clampdown_type"]: r for r in rows}
    fine = by_type["FINE"]
    assert (fine["event_type"], fine["event_mode"]) == ("COERCE", "restrict")
    assert by_type["REFUSAL"]["event_type"] == "REJECT"
    assert by_type["BLOCK"]["recipient_sector"] == "Business"
    tg = next(r for r in rows if r["clampdown_type"] == "FINE" and
              r["recipient_name"] == "Telegram")
    assert tg["actor_sector"] == "Judicial" and tg["country"] == "RU"
    assert tg["event_id"] == f"clampdown-case-{tg['clampdown_case_id']}"
    events = client.get("/api/export/events", params={"coding": "plover", "format": "jsonl"})
    first = json.loads(events.text.splitlines()[0])
    assert first["event_id"] == f"clampdown-event-{first['clampdown_event_id']}"


def test_plover_mapping_covers_every_type_and_threats() -> None:
    m = plover_map()
    for t in EVENT_TYPES:
        assert m.coding(t, "done").event
    assert m.coding("FINE", "announced").event == "THREATEN"
    assert m.coding("DEMAND", "announced").event == "DEMAND"


@pytest.mark.parametrize(("params", "status"), [
    ({"format": "xlsx"}, 422), ({"coding": "cameo"}, 422), ({"type": "NOPE"}, 422),
    ({"limit": 5}, 422),
])
def test_bad_export_parameters(client: TestClient, params: dict, status: int) -> None:
    r = client.get("/api/export/cases", params=params)
    assert r.status_code == status and r.json()["error"]["message"]
    assert client.get("/api/export/stories").status_code == 422


def test_the_export_route_offers_the_names_of_query_names(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()["paths"]["/api/export/{kind}"]["get"]
    offered = {p["name"]: p["schema"].get("enum") for p in spec["parameters"]}
    assert offered["kind"] == list(RECORD_KINDS)
    assert offered["format"] == list(EXPORT_FORMATS) == list(MEDIA_TYPES)
    assert offered["coding"] == list(CODINGS)


def test_cli_export(store_db: Path, tmp_path: Path, client: TestClient) -> None:
    runner = CliRunner()
    out = tmp_path / "tg.parquet"
    r = runner.invoke(cli, ["export", "cases", "--db", str(store_db), "--target", "Telegram",
                            "--format", "parquet", "-o", str(out)])
    assert r.exit_code == 0, r.output
    total = client.get("/api/cases", params={"target": "Telegram"}).json()["total"]
    assert pq.read_table(out).num_rows == total
    r = runner.invoke(cli, ["export", "events", "--db", str(store_db), "--type", "FINE",
                            "--format", "csv", "--coding", "plover"])
    assert r.exit_code == 0, r.output
    rows = _csv(r.stdout)
    assert rows and all(x["event_type"] == "COERCE" for x in rows)
    r = runner.invoke(cli, ["export", "cases", "--db", str(store_db), "--since", "2021-13"])
    assert r.exit_code == 2 and "calendar date" in r.output
    r = runner.invoke(cli, ["export", "cases", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "no store there" in r.output


def test_csv_cells_that_start_like_formulas_are_quoted() -> None:
    import csv as csv_module
    import io

    from clampdown.export.writers import csv_chunks

    rows = [{"evidence": "=HYPERLINK(\"http://x\")", "actor": "+cmd", "target": "@x", "n": -3}]
    text = "".join(csv_chunks(rows, ["evidence", "actor", "target", "n"]))
    [row] = list(csv_module.DictReader(io.StringIO(text)))
    assert row["evidence"].startswith("'=") and row["actor"] == "'+cmd" and row["target"] == "'@x"
    assert row["n"] == "-3"  # numbers stay numbers


def test_atom_text_leaves_out_characters_xml_forbids() -> None:
    import xml.etree.ElementTree as ET

    from clampdown.api.feeds import xml_text

    element = ET.Element("summary")
    element.text = xml_text("Roskomnadzor\u0001 fined\u000b Telegram\ufffe.")
    assert ET.fromstring(ET.tostring(element)).text == "Roskomnadzor fined Telegram."
