"""The Spark job's disputes against the store's, on the dispute tests' corpus: the same
disputes, each with the same cases (by their order-independent keys), stage and durations,
whatever batches the job cuts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from spark_helpers import clampdown

from clampdown.spark.job import run_job
from clampdown.store.db import database_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from dispute_helpers import CORPUS, store_disputes  # noqa: E402

pytestmark = pytest.mark.spark  # a Spark session per module: left out of `make test`
FIELDS = ("state", "platform_key", "first_day", "last_day", "n_steps", "outcome", "harshest",
          "harshest_status", "days_to_compliance", "days_to_harshest", "n_fines")


def _spark_disputes(spark: Any, out: Path) -> dict[str, tuple[Any, ...]]:
    members: dict[str, set[str]] = {}
    for r in spark.read.parquet(str(out / "dispute_steps")).collect():
        members.setdefault(r["dispute"], set()).add(r["case_key"])
    found = {}
    for r in spark.read.parquet(str(out / "disputes")).collect():
        row = {k: r[k] for k in FIELDS}
        row["first_day"], row["last_day"] = str(row["first_day"]), str(row["last_day"])
        found[r["dispute"]] = (*row.values(), round(r["fines_eur"], 2), r["stage"],
                               frozenset(members[r["dispute"]]))
    return found


def _store(db: Path) -> dict[str, tuple[Any, ...]]:
    from clampdown.query.disputes import get_dispute
    from clampdown.store.db import open_store

    found = store_disputes(database_url(str(db)))
    engine = open_store(database_url(str(db)))
    out = {}
    with engine.connect() as conn:
        for key, d in found.items():
            stage = get_dispute(conn, key)["stage"]  # type: ignore[index]
            out[key] = (*(d[k] for k in FIELDS), d["fines_eur"], stage, d["cases"])
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, ...]]:
    db = tmp_path_factory.mktemp("store") / "store.db"
    proc = clampdown("ingest", str(CORPUS), "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    return _store(db)


@pytest.mark.parametrize("batch_size", [2000, 3])
def test_disputes_equal_the_stores(spark: Any, tmp_path: Path, batch_size: int,
                                   stored: dict[str, tuple[Any, ...]]) -> None:
    out = tmp_path / "out"
    report = run_job(spark, [str(CORPUS)], str(out), batch_size=batch_size)
    found = _spark_disputes(spark, out)
    assert len(found) == report.disputes == 10
    assert found == stored
