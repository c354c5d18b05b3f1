"""Disputes in the store, on the corpus written for these tests (`data/disputes.jsonl`).

29 short reports, in English and Russian, from five invented outlets, of disputes that
happened: Turkey's social media law of 2020-2021 against Twitter, Meta (Facebook and
Instagram), Google (YouTube) and TikTok, each fined twice and three of them complying; Turkey
slowing Twitter after the 2023 earthquake (another dispute); Nigeria's suspension of
Twitter in 2021-2022; and Russia in 2021 against Google (a data localisation fine, the
Navalny app, a turnover fine for banned content: three disputes) and Apple (the app). The
expected disputes are written by hand in `data/disputes-expected.json`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from dispute_helpers import CORPUS, case_labels, expected, matched, pairwise, signature
from dispute_helpers import store_disputes as read_disputes
from sqlalchemy import select
from store_helpers import read_jsonl, write_jsonl

from clampdown.link.disputes import DisputeRules
from clampdown.query.cases import list_cases
from clampdown.query.disputes import get_dispute, list_disputes, parse_dispute_filter, resolve_key
from clampdown.query.filters import parse_filter
from clampdown.query.paging import PageRequest
from clampdown.store.db import alembic_config, open_store
from clampdown.store.disputes import linked_under, relink_all
from clampdown.store.schema import dispute_rules

Run = Callable[..., Any]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested once (SQLite) for the tests that read it or change a copy."""
    from clampdown.ingest import read_documents
    from clampdown.store.ingest import ingest

    db = tmp_path_factory.mktemp("disputes") / "corpus.db"
    engine = open_store("sqlite:///" + str(db), write=True)
    try:
        ingest(engine, read_documents([str(CORPUS)]))
    finally:
        engine.dispose()
    return db


@pytest.fixture
def corpus_url(corpus_store: Path, tmp_path: Path) -> str:
    """A copy of the ingested corpus of this test's own."""
    import sqlite3

    copy = tmp_path / "store.db"
    with sqlite3.connect(corpus_store) as a, sqlite3.connect(copy) as b:
        a.backup(b)
    return "sqlite:///" + str(copy)


def _labels(url: str) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """(predicted dispute, expected dispute, every expected label) per case key."""
    found = read_disputes(url)
    predicted = {c: key for key, d in found.items() for c in d["cases"]}
    raw = case_labels(url, expected()["documents"])
    gold = {c: next(iter(labels)) for c, labels in raw.items() if len(labels) == 1}
    return predicted, gold, raw


def test_corpus_gives_the_hand_written_disputes(db_url: str, run_ingest: Run) -> None:
    report = run_ingest(db_url, CORPUS)
    assert (report.stored, report.failed) == (29, 0)
    predicted, gold, raw = _labels(db_url)
    # Every case is covered by the expectations, and its reports agree on its dispute.
    assert all(labels != {"?"} for labels in raw.values()), raw
    assert all(len(labels) == 1 for labels in raw.values()), raw
    assert len(gold) >= 40
    precision, recall = pairwise(predicted, gold)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert set(gold.values()) == set(expected()["disputes"])

    found = read_disputes(db_url)
    best = matched(found, gold)
    assert len(set(best.values())) == len(best)  # no two expected disputes in one
    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            for label, want in expected()["disputes"].items():
                d = get_dispute(conn, best[label])
                assert d is not None
                got = {
                    "state": d["state"], "platform": d["platform"]["key"],
                    "first": d["first_day"], "last": d["last_day"], "outcome": d["outcome"],
                    "stage": d["stage"], "harshest": d["harshest"],
                    "days_to_compliance": d["days_to_compliance"],
                    "days_to_harshest": d["days_to_harshest"], "n_fines": d["n_fines"],
                }
                assert got == want, label
                assert d["as_of"] == expected()["as_of"]
                # The fine total is the sum of its fines imposed, in euros.
                fines = [s["amount_eur"] for s in d["steps"]
                         if s["type"] == "FINE" and s["status"] == "done"]
                assert d["fines_eur"] == pytest.approx(sum(f or 0 for f in fines), abs=0.02)
                # Steps in time order, numbered from one, each with its evidence.
                days = [s["day"] for s in d["steps"]]
                assert days == sorted(days)
                assert [s["seq"] for s in d["steps"]] == list(range(1, len(d["steps"]) + 1))
                assert all(s["evidence"] and s["document"] for s in d["steps"])
    finally:
        engine.dispose()


def test_meta_is_one_side_and_matters_keep_disputes_apart(corpus_url: str) -> None:
    """Facebook and Instagram are Meta's, in one dispute; Russia's three disputes with Google
    in 2021 stay three (data localisation, the Navalny app, banned content), though the
    first two are three weeks apart."""
    engine = open_store(corpus_url)
    try:
        with engine.connect() as conn:
            [meta] = list_disputes(conn, parse_dispute_filter({"platform": "Instagram"}),
                                   PageRequest(10)).items
            assert meta["id"] == "tr-meta-2020-11-04"
            assert meta["platform"]["name"] == "Meta"
            named = {s["target"]["name"] for s in get_dispute(conn, meta["id"])["steps"]
                     if s["type"] == "FINE"}
            assert named == {"Facebook", "Instagram"}
            google = list_disputes(conn, parse_dispute_filter({"country": "RU",
                                                               "platform": "Google",
                                                               "min_steps": "1"}),
                                   PageRequest(10, "first")).items
            assert [(d["id"], [m["id"] for m in d["matter"]]) for d in google] == [
                ("ru-google-2021-07-29", ["data_localisation"]),
                ("ru-google-2021-08-20", ["navalny"]),
                ("ru-google-2021-12-24", ["banned_content"]),
            ]
            navalny = get_dispute(conn, "ru-google-2021-08-20")
            assert navalny is not None
            assert [s["type"] for s in navalny["steps"]] == [
                "DEMAND", "WARNING", "FINE", "SUMMONS", "DEMAND", "COMPLIANCE"
            ]
            assert [s["link"]["kind"] for s in navalny["steps"]][:2] == ["first", "cue"]
            # Stages as a reader filters them: ended counts back from the newest step.
            ended = list_disputes(conn, parse_dispute_filter({"stage": "ended"}), PageRequest(50))
            live = list_disputes(conn, parse_dispute_filter({"stage": "escalated",
                                                             "min_steps": "1"}), PageRequest(50))
            assert "tr-twitter-2023-02-08" in [d["id"] for d in live.items]
            assert all(d["stage"] == "ended" for d in ended.items) and ended.total == 7
    finally:
        engine.dispose()


def test_three_orders_of_ingest_give_the_same_disputes(
    corpus_url: str, tmp_path: Path, run_ingest: Run
) -> None:
    """Forward in one batch, reversed one report a batch, shuffled four a batch: the same
    disputes, each the same cases, keys and summary; and linking the store from scratch
    gives them too (the incremental upkeep loses nothing)."""
    records = read_jsonl(CORPUS)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    runs = [(records[::-1], 1), (shuffled, 4)]
    results = [signature(read_disputes(corpus_url))]  # forward, in one batch
    for i, (recs, batch) in enumerate(runs, start=1):
        path = write_jsonl(tmp_path / f"order{i}.jsonl", recs)
        url = "sqlite:///" + str(tmp_path / f"order{i}.db")
        run_ingest(url, path, batch_size=batch)
        results.append(signature(read_disputes(url)))
    assert results[0] == results[1] == results[2]
    assert len(results[0]) == 10

    url = "sqlite:///" + str(tmp_path / "order1.db")
    engine = open_store(url, write=True)
    with engine.begin() as conn:
        relink_all(conn, DisputeRules())
    engine.dispose()
    assert signature(read_disputes(url)) == results[0]


def test_a_step_found_later_renames_the_dispute_and_the_old_id_still_finds_it(
    sqlite_url: str, tmp_path: Path, run_ingest: Run
) -> None:
    """Nigeria's dispute first seen from the minister's demand of June 9; the reports of
    the suspension on June 4 come later, and the dispute now starts there. Its old id
    redirects, and a watchlist's saved filter on it still finds its cases."""
    records = read_jsonl(CORPUS)
    late = {"ng-01", "ng-02", "ng-03"}
    run_ingest(sqlite_url, write_jsonl(tmp_path / "first.jsonl",
                                       [r for r in records if r["id"] not in late]))
    before = read_disputes(sqlite_url)
    assert "ng-twitter-2021-06-09" in before
    run_ingest(sqlite_url, write_jsonl(tmp_path / "later.jsonl",
                                       [r for r in records if r["id"] in late]))
    after = read_disputes(sqlite_url)
    assert "ng-twitter-2021-06-09" not in after
    assert after["ng-twitter-2021-06-04"]["cases"] > before["ng-twitter-2021-06-09"]["cases"]
    engine = open_store(sqlite_url)
    try:
        with engine.connect() as conn:
            assert resolve_key(conn, "ng-twitter-2021-06-09") == "ng-twitter-2021-06-04"
            f = parse_filter({"dispute": "ng-twitter-2021-06-09"})
            page = list_cases(conn, f, PageRequest(50))
            assert page.total == after["ng-twitter-2021-06-04"]["n_steps"] == 4
    finally:
        engine.dispose()


def test_other_rules_relink_when_opened_for_writing_only(
    corpus_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = read_disputes(corpus_url)
    monkeypatch.setenv("CLAMPDOWN_DISPUTE_GAP_DAYS", "3")
    monkeypatch.setenv("CLAMPDOWN_DISPUTE_CUE_WINDOW_DAYS", "3")
    monkeypatch.setenv("CLAMPDOWN_DISPUTE_REFERENCE_DAYS", "3")
    assert read_disputes(corpus_url) == before  # a reader keeps what is stored
    open_store(corpus_url, write=True).dispose()
    after = read_disputes(corpus_url)
    assert len(after) > len(before)  # steps weeks apart no longer join
    engine = open_store(corpus_url)
    with engine.connect() as conn:
        assert linked_under(conn) == DisputeRules.from_env().fingerprint()
    engine.dispose()


def test_a_store_written_before_disputes_is_linked_when_opened(
    corpus_url: str
) -> None:
    before = read_disputes(corpus_url)
    engine = open_store(corpus_url, write=True)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")  # as an older clampdown left it
    engine.dispose()
    after = read_disputes(corpus_url)  # opening upgrades the schema and links the cases
    assert signature(after) == signature(before)
    engine = open_store(corpus_url)
    with engine.connect() as conn:
        assert conn.scalar(select(dispute_rules.c.rules)) is not None
    engine.dispose()


def test_the_dispute_filter_is_one_parser(corpus_url: str) -> None:
    from clampdown.query.filters import FilterError

    for raw, field in (({"stage": "over"}, "stage"), ({"country": "Russia"}, "country"),
                       ({"type": "SANCTION"}, "type"), ({"min_steps": "0"}, "min_steps"),
                       ({"since": "2022", "until": "2021"}, "until")):
        with pytest.raises(FilterError) as e:
            parse_dispute_filter(raw)
        assert e.value.field == field
    engine = open_store(corpus_url)
    try:
        with engine.connect() as conn:
            def ids(**raw: str) -> list[str]:
                page = list_disputes(conn, parse_dispute_filter(raw), PageRequest(50, "id"))
                return sorted(d["id"] for d in page.items)

            assert ids(authority="Lai Mohammed") == ["ng-twitter-2021-06-04"]
            assert ids(matter="navalny") == ["ru-apple-2021-08-20", "ru-google-2021-08-20"]
            assert ids(type="BLOCK") == ["ng-twitter-2021-06-04"]
            assert ids(since="2021-09", until="2021-12") == [  # active then, begun or not
                "ng-twitter-2021-06-04", "ru-apple-2021-08-20", "ru-google-2021-08-20"]
            assert ids(platform="nothing-of-the-kind") == []
            assert len(ids(min_steps="1")) == 10
            paged = list_disputes(conn, parse_dispute_filter({}), PageRequest(3, "steps"))
            rest = list_disputes(conn, parse_dispute_filter({}),
                                 PageRequest(50, "steps", paged.next_cursor))
            both = [d["id"] for d in paged.items + rest.items]
            assert len(both) == len(set(both)) == paged.total == 7
    finally:
        engine.dispose()


def test_steps_join_for_the_reason_they_give(corpus_url: str) -> None:
    engine = open_store(corpus_url)
    try:
        with engine.connect() as conn:
            d = get_dispute(conn, "tr-twitter-2020-11-04")
    finally:
        engine.dispose()
    assert d is not None
    kinds = {s["type"] + ":" + s["link"]["kind"] for s in d["steps"]}
    assert "COMPLIANCE:cue" in kinds  # a local representative, named months later
    assert json.dumps(d)  # every value is JSON


def test_a_changed_or_deleted_case_leaves_what_a_relink_gives(
    corpus_url: str, tmp_path: Path
) -> None:
    """The paths a batch rarely takes: a case that moves to another platform (its step
    leaves one dispute for another part), and a case that is deleted (its dispute loses a
    step and splits). The disputes then are those of linking the store from scratch."""
    from sqlalchemy import delete as sql_delete
    from sqlalchemy import update as sql_update

    from clampdown.store.batch import EntityCache
    from clampdown.store.disputes import _row, _select_rows, update_disputes
    from clampdown.store.schema import cases, dispute_cases, entities, events

    engine = open_store(corpus_url, write=True)
    with engine.begin() as conn:
        ng = conn.execute(
            select(dispute_cases.c.case_id).where(dispute_cases.c.part == "NG twitter")
            .order_by(dispute_cases.c.day)
        ).scalars().all()
        assert len(ng) == 4
        moved, deleted = ng[1], ng[0]  # the June 9 demand goes to TikTok; the block goes
        noted = {r.case_id: _row(r) for r in conn.execute(
            _select_rows().where(dispute_cases.c.case_id.in_([moved, deleted])))}
        tiktok = conn.scalar(select(entities.c.id).where(entities.c.key == "tiktok"))
        conn.execute(sql_update(cases).where(cases.c.id == moved)
                     .values(target_id=tiktok, subject_id=tiktok))
        conn.execute(sql_delete(events).where(events.c.case_id == deleted))
        conn.execute(sql_delete(cases).where(cases.c.id == deleted))
        update_disputes(conn, [moved, deleted], noted, DisputeRules(), EntityCache())
    engine.dispose()
    kept = signature(read_disputes(corpus_url))
    assert any(d[0] == "NG" and d[1] == "tiktok" for d in kept.values())
    engine = open_store(corpus_url, write=True)
    with engine.begin() as conn:
        relink_all(conn, DisputeRules())
    engine.dispose()
    assert signature(read_disputes(corpus_url)) == kept


def _stored_links(url: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every step's row (its key, decision and dispute) and every dispute's tally."""
    from clampdown.store.schema import dispute_cases, disputes

    engine = open_store(url)
    dc = dispute_cases.c
    try:
        with engine.connect() as conn:
            steps = sorted(tuple(r) for r in conn.execute(
                select(dc.case_key, dc.part, dc.targets, dc.inherited, dc.link, disputes.c.key)
                .join(disputes, disputes.c.id == dc.dispute_id)))
            tallies = []
            for key, tally in conn.execute(select(disputes.c.key, disputes.c.tally)):
                t = json.loads(tally)
                t["fines_eur"], t["fines_usd"] = round(t["fines_eur"], 2), round(t["fines_usd"], 2)
                tallies.append((key, json.dumps(t, sort_keys=True)))
    finally:
        engine.dispose()
    return steps, sorted(tallies)


@pytest.mark.parametrize("seed", [1, 3, 5])
def test_a_backfill_in_one_batch_leaves_what_a_relink_gives(
    db_url: str, tmp_path: Path, run_ingest: Run, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Ten reports held out and ingested late in one batch: new steps between stored ones,
    and cases whose key a late report changes (renamed where they stand, or decided again
    when another step of their day ranks between the two keys). Every step's decision,
    every dispute and its tally are then those of linking the store from scratch."""
    from clampdown.store import disputes as store_disputes

    renamed: list[int] = []
    rename = store_disputes._rename

    def counted(*args: Any) -> set[int]:
        out = rename(*args)
        renamed.append(len(out))
        return out

    monkeypatch.setattr(store_disputes, "_rename", counted)
    records = read_jsonl(CORPUS)
    late = set(random.Random(seed).sample(range(len(records)), 10))
    run_ingest(db_url, write_jsonl(tmp_path / "first.jsonl",
                                   [r for i, r in enumerate(records) if i not in late]))
    run_ingest(db_url, write_jsonl(tmp_path / "late.jsonl",
                                   [r for i, r in enumerate(records) if i in late]))
    assert renamed[-1] > 0  # the late reports renamed steps where they stand
    kept, links = signature(read_disputes(db_url)), _stored_links(db_url)
    engine = open_store(db_url, write=True)
    with engine.begin() as conn:
        relink_all(conn, DisputeRules())
    engine.dispose()
    assert signature(read_disputes(db_url)) == kept
    assert _stored_links(db_url) == links
    assert len(kept) == 10


def test_a_case_that_only_gains_reports_is_the_step_its_events_give(
    db_url: str, tmp_path: Path, run_ingest: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch does not read again the events of a case it opened, nor of one with a step
    that only gained reports: its key and cues come from the reports stored and the step
    stored before. Each such step is the one all the case's events give, read afresh."""
    from clampdown.store import disputes as store_disputes
    from clampdown.store.batch import EntityCache

    seen: list[dict[int, Any]] = []
    load = store_disputes.load_steps

    def kept(conn: Any, ids: Any, cache: Any, known: Any = None) -> dict[int, Any]:
        out = load(conn, ids, cache, known)
        if known:
            seen.append({c: out.get(c) for c in known})
        return out

    monkeypatch.setattr(store_disputes, "load_steps", kept)
    records = read_jsonl(CORPUS)
    late = set(random.Random(3).sample(range(len(records)), 12))
    run_ingest(db_url, write_jsonl(tmp_path / "first.jsonl",
                                   [r for i, r in enumerate(records) if i not in late]))
    seen.clear()
    grown: list[set[int]] = []
    wrap = store_disputes._known

    def known_of(st: Any, noted: Any) -> Any:
        out = wrap(st, noted)
        grown.append({c for c, k in out.items() if k.before is not None})
        return out

    monkeypatch.setattr(store_disputes, "_known", known_of)
    run_ingest(db_url, write_jsonl(tmp_path / "late.jsonl",
                                   [r for i, r in enumerate(records) if i in late]),
               batch_size=100)
    assert len(seen) == 1 and grown[0]  # stored steps gained reports
    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            afresh = load(conn, sorted(seen[0]), EntityCache())
    finally:
        engine.dispose()
    assert {c: s for c, s in seen[0].items() if s is not None} == afresh
