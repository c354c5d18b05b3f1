"""The seed article and a second report of the 14 September 2021 fines.

The seed (an aggregator's copy of an RT story) reports that a Moscow court fined Facebook
21 million rubles (245,000 euros) and Twitter 5 million rubles (58,200 euros);
`data/seed-second-report.jsonl` (written for this test) reports the same fines in other
words a day later.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from store_helpers import all_cases, case_detail, one

from clampdown.store.db import open_store
from clampdown.store.schema import documents, events

SECOND = Path(__file__).resolve().parent / "data" / "seed-second-report.jsonl"


def test_each_fine_is_one_case_with_both_sources(
    db_url: str, seed_path: Path, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, seed_path, SECOND)
    cases = all_cases(db_url)
    fines = [c for c in cases if c["type"] == "FINE"]
    assert len(fines) == 2
    facebook = one(fines, target="Facebook")
    twitter = one(fines, target="Twitter")
    for case, amount in ((facebook, 21_000_000), (twitter, 5_000_000)):
        assert (case["amount"], case["currency"], case["date"]) == (amount, "RUB", "2021-09-14")
        assert (case["documents"], case["sources"], case["conflicts"]) == (2, 2, [])
        assert case["conversion_flag"] is False
    # The seed names its outlet in its title ("– RT in english").
    assert facebook["origin_doc"] == "second-report-2021-09-14-fines"
    sources = {g["source"] for g in case_detail(db_url, facebook["id"])["sources_detail"]}
    assert "RT" in sources


def test_the_seed_euro_conversions_are_consistent(
    db_url: str, seed_path: Path, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, seed_path)
    fines = [c for c in all_cases(db_url) if c["type"] == "FINE"]
    stated = {}
    for case in fines:
        [check] = case_detail(db_url, case["id"])["conversion_checks"]
        stated[case["target"]] = check
        assert check["ok"] is True
        assert abs(check["deviation"]) < 0.01  # 245,000 vs 243,885 euros; 58,200 vs 58,068
        assert check["rate_date"] == "2021-09-14"
    assert (stated["Facebook"]["stated"], stated["Facebook"]["stated_currency"]) == (245_000, "EUR")
    assert stated["Twitter"]["stated"] == 58_200
    assert 243_000 < one(fines, target="Facebook")["amount_eur"] < 245_000


@pytest.mark.parametrize("seed_first", [True, False], ids=["seed-first", "report-first"])
def test_undated_seed_takes_its_year_from_the_cases(
    db_url: str, seed_path: Path, tmp_path: Path, run_ingest: Callable[..., Any],
    seed_first: bool,
) -> None:
    record = json.loads(seed_path.read_text(encoding="utf-8").splitlines()[0])
    record["published"] = None
    undated = tmp_path / "seed-undated.jsonl"
    undated.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for path in ([undated, SECOND] if seed_first else [SECOND, undated]):
        run_ingest(db_url, path)

    engine = open_store(db_url)
    with engine.connect() as conn:
        seed = conn.execute(select(documents).where(documents.c.ext_id == "seed")).one()
        dated = conn.execute(
            select(events.c.type, events.c.target, events.c.date, events.c.date_completed)
            .where(events.c.doc_id == seed.id)
        ).all()
    engine.dispose()
    assert seed.published is None
    assert (seed.published_inferred, seed.date_basis) == (date(2021, 9, 15), "cases")
    by_type = {(e.type, e.target): e for e in dated}
    for target in ("Facebook", "Twitter"):
        fine = by_type[("FINE", target)]
        assert (fine.date, fine.date_completed) == ("2021-09-14", True)
    assert by_type[("SUMMONS", "John Sullivan")].date == "2021-09-10"
    fines = [c for c in all_cases(db_url) if c["type"] == "FINE"]
    assert sorted((c["target"], c["sources"], c["date"]) for c in fines) == [
        ("Facebook", 2, "2021-09-14"), ("Twitter", 2, "2021-09-14")
    ]
