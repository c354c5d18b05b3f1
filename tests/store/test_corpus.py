"""The multi-document corpus: one act reported by several outlets becomes one case.

`data/corpus.jsonl` (written for these tests) holds:
- a Moscow court's 3 million rouble fine of Google on 29 July 2021, reported by a Reuters
  wire story, an aggregator's copy of it ("Source link"), a relay of TASS in other words,
  an undated copy of that relay, an outlet that got the amount wrong (8 million), and a
  December story that recalls it in a background sentence;
- Google's 7.2 billion rouble fine of 24 December 2021 (a different act, same target);
- a Turkish fine of WhatsApp reported twice, once with a wrong dollar conversion;
- Russia slowing Twitter on 10 March 2021, two outlets naming different authorities.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from store_helpers import all_cases, case_detail, one, read_jsonl, write_jsonl

from clampdown.link.money import convert
from clampdown.store.db import open_store
from clampdown.store.schema import documents, events, stories

CORPUS = Path(__file__).resolve().parent / "data" / "corpus.jsonl"


def test_corpus_yields_the_expected_cases(db_url: str, run_ingest: Callable[..., Any]) -> None:
    report = run_ingest(db_url, CORPUS)
    assert (report.stored, report.failed, report.completed) == (10, 0, 1)
    cases = all_cases(db_url)
    summary = sorted((c["type"], c["target"], c["date"]) for c in cases)
    assert summary == [
        ("DEMAND", "Twitter", "2021-03-10"),
        ("FINE", "Google", "2021-07-29"),
        ("FINE", "Google", "2021-12-24"),
        ("FINE", "WhatsApp", "2021-09-03"),
        ("REFUSAL", "Roskomnadzor", "2021-03-10"),
        ("THROTTLE", "Twitter", "2021-03-10"),
    ]

    july = one(cases, type="FINE", date="2021-07-29")
    # Six reports; the aggregator copy repeats Reuters and the undated copy repeats the
    # TASS relay, so four independent sources.
    assert (july["mentions"], july["documents"], july["sources"]) == (6, 6, 4)
    assert july["actor"] == "Tagansky District Court"  # not the vaguer "Moscow court"
    assert (july["amount"], july["currency"]) == (3_000_000, "RUB")
    assert (july["origin"], july["origin_doc"]) == ("Reuters", "reuters-google-july")
    expected_eur = convert(3_000_000, "RUB", "EUR", date(2021, 7, 29))
    assert expected_eur is not None
    assert abs(july["amount_eur"] - expected_eur[0]) < 0.01
    [conflict] = july["conflicts"]
    assert conflict["field"] == "amount"
    shown, wrong = conflict["values"]
    assert shown["value"]["amount"] == 3_000_000 and len(shown["sources"]) == 3
    assert wrong["value"]["amount"] == 8_000_000
    assert wrong["documents"] == ["techwatch-google-july"]

    december = one(cases, type="FINE", date="2021-12-24")
    assert (december["amount"], december["sources"], december["conflicts"]) == (
        7_200_000_000, 1, []
    )

    whatsapp = one(cases, type="FINE", target="WhatsApp")
    assert (whatsapp["sources"], whatsapp["origin"]) == (2, "Anadolu Agency")
    assert whatsapp["conversion_flag"] is True
    [check] = case_detail(db_url, whatsapp["id"])["conversion_checks"]
    assert (check["doc"], check["stated"], check["stated_currency"]) == (
        "bytepost-whatsapp", 330_000, "USD"
    )
    assert check["ok"] is False and check["deviation"] > 0.05

    throttle = one(cases, type="THROTTLE")
    assert throttle["actor"] == "Roskomnadzor"  # the earlier report, on a one-to-one tie
    [actors] = throttle["conflicts"]
    assert actors["field"] == "actor"
    assert [v["value"]["name"] for v in actors["values"]] == [
        "Roskomnadzor", "Ministry of Digital Development"
    ]
    refusal = one(cases, type="REFUSAL")
    assert [c["field"] for c in refusal["conflicts"]] == ["target"]


def test_copies_origins_and_the_undated_copy(db_url: str, run_ingest: Callable[..., Any]) -> None:
    run_ingest(db_url, CORPUS)
    engine = open_store(db_url)
    with engine.connect() as conn:
        docs = {r.ext_id: r for r in conn.execute(select(documents))}
        origin_of = {r.id: r.origin_doc_id for r in conn.execute(select(stories))}
        undated_events = conn.execute(
            select(events.c.date, events.c.date_completed).where(
                events.c.doc_id == docs["undated-copy-google-july"].id
            )
        ).all()
    engine.dispose()
    reuters, digest = docs["reuters-google-july"], docs["digest-copy-google-july"]
    relay, undated = docs["tass-relay-google-july"], docs["undated-copy-google-july"]
    assert reuters.story_id == digest.story_id
    assert origin_of[reuters.story_id] == reuters.id
    assert digest.republished and not reuters.republished
    assert relay.story_id == undated.story_id
    assert origin_of[relay.story_id] == relay.id  # the dated copy, not the undated one
    assert relay.attributed == "TASS" and reuters.attributed == "Reuters"
    assert len({d.story_id for d in docs.values()}) == 8
    # The undated copy takes its date from its dated copy, and its event's date follows.
    assert undated.published is None
    assert (undated.published_inferred, undated.date_basis) == (date(2021, 7, 30), "copies")
    assert [(e.date, e.date_completed) for e in undated_events] == [("2021-07-29", True)]

    july = one(all_cases(db_url), type="FINE", date="2021-07-29")
    detail = case_detail(db_url, july["id"])
    roles = {
        d["doc"]: (g["source"], d["role"])
        for g in detail["sources_detail"]
        for d in g["documents"]
    }
    assert roles["reuters-google-july"] == ("Reuters", "original")
    assert roles["digest-copy-google-july"] == ("Reuters", "copy")
    assert roles["tass-relay-google-july"] == ("TASS", "original")
    assert roles["undated-copy-google-july"] == ("TASS", "copy")
    assert detail["sources_detail"][0]["source"] == "Reuters"  # earliest first
    for group in detail["sources_detail"]:
        for d in group["documents"]:
            assert d["event"]["evidence"]


def _shape(cases: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            c["type"], c["actor"], c["target"], c["date"], c["amount"], c["sources"],
            c["documents"], c["origin_doc"],
            tuple((x["field"], len(x["values"])) for x in c["conflicts"]),
        )
        for c in cases
    )


def test_cases_do_not_depend_on_arrival_order(
    sqlite_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    """Reversed input, one document per batch: the same cases, origins and conflicts."""
    run_ingest(sqlite_url, CORPUS)
    forward = _shape(all_cases(sqlite_url))
    reversed_file = write_jsonl(tmp_path / "reversed.jsonl", read_jsonl(CORPUS)[::-1])
    other = sqlite_url.replace("store.db", "reversed.db")
    run_ingest(other, reversed_file, batch_size=1)
    assert _shape(all_cases(other)) == forward
