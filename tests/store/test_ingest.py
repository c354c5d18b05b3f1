"""Ingest semantics: idempotent, one transaction per batch, resumable by its marker."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from store_helpers import counts, write_jsonl

from clampdown.ingest import read_documents
from clampdown.store import linking as linking_module
from clampdown.store.db import open_store
from clampdown.store.ingest import ingest, run_key
from clampdown.store.schema import documents, entities, entity_names, events, ingest_runs

CORPUS = Path(__file__).resolve().parent / "data" / "corpus.jsonl"

FINE = "Roskomnadzor fined Telegram 3 million rubles on Friday, March 4, 2022."


def test_ingesting_again_changes_nothing(db_url: str, run_ingest: Callable[..., Any]) -> None:
    """Regression guard for idempotence: re-ingesting stores no document, event or case."""
    first = run_ingest(db_url, CORPUS)
    engine = open_store(db_url)
    before = counts(engine)
    again = run_ingest(db_url, CORPUS)
    assert (again.stored, again.events, again.duplicates) == (0, 0, first.stored)
    assert counts(engine) == before
    engine.dispose()


def test_same_text_or_same_url_is_the_same_document(
    db_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    base = {"id": "a", "text": FINE, "published": "2022-03-05",
            "url": "https://www.example.com/news/fine?utm_source=feed"}
    variants = [
        base,
        # The same text in other spacing and case, and a new id: the same document.
        {**base, "id": "b", "url": None, "text": "  " + FINE.upper().replace(" ", "\u00a0 ")},
        # The same URL (scheme, "www." and tracking tags aside) with edited text.
        {**base, "id": "c", "text": FINE + " Telegram said it would appeal.",
         "url": "http://example.com/news/fine/"},
        # A different article.
        {**base, "id": "d", "url": None, "text": FINE.replace("Telegram", "Twitch")},
    ]
    report = run_ingest(db_url, write_jsonl(tmp_path / "v.jsonl", variants))
    assert (report.read, report.stored, report.duplicates) == (4, 2, 2)
    engine = open_store(db_url)
    assert counts(engine)["documents"] == 2
    engine.dispose()


def test_entities_are_stored_once_with_the_forms_seen(
    db_url: str, seed_path: Path, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, seed_path)
    engine = open_store(db_url)
    with engine.connect() as conn:
        keys = list(conn.scalars(select(entities.c.key)))
        rkn = conn.execute(
            select(entities.c.id, entities.c.name).where(entities.c.key == "ru.roskomnadzor")
        ).one()
        forms = set(
            conn.scalars(select(entity_names.c.surface).where(entity_names.c.entity_id == rkn.id))
        )
    engine.dispose()
    assert len(keys) == len(set(keys))
    assert rkn.name == "Roskomnadzor"
    assert {"Roskomnadzor", "Federal Service for the Supervision of Communications and "
            "Information Technology"} <= forms


def test_a_failing_batch_leaves_nothing_behind(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents, events and the progress marker commit together or not at all."""
    docs = [{"id": f"d{i}", "text": FINE.replace("3 million", f"{i + 1} million"),
             "published": "2022-03-05"} for i in range(6)]
    src = write_jsonl(tmp_path / "six.jsonl", docs)
    key = run_key([str(src)])
    calls = {"n": 0}
    real = linking_module.reconcile_cases

    def failing(st: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second batch dies after writing its documents and events
            raise RuntimeError("disk on fire")
        real(st)

    monkeypatch.setattr(linking_module, "reconcile_cases", failing)
    engine = open_store(db_url, write=True)
    with pytest.raises(RuntimeError):
        ingest(engine, read_documents([str(src)]), batch_size=3, key=key)
    assert counts(engine)["documents"] == 3
    with engine.connect() as conn:
        assert conn.scalar(select(ingest_runs.c.position).where(ingest_runs.c.key == key)) == 3
    monkeypatch.setattr(linking_module, "reconcile_cases", real)
    report = ingest(engine, read_documents([str(src)]), batch_size=3, key=key)
    assert (report.resumed_from, report.stored) == (3, 3)
    assert counts(engine)["documents"] == 6
    assert counts(engine)["events"] == 6
    engine.dispose()


def test_the_marker_skips_what_a_finished_run_did(
    sqlite_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    key = run_key([str(CORPUS)])
    first = run_ingest(sqlite_url, CORPUS, key=key, batch_size=4)
    assert first.stored == 10
    again = run_ingest(sqlite_url, CORPUS, key=key, batch_size=4)
    assert (again.resumed_from, again.read, again.stored) == (10, 0, 0)
    # A changed file is another input: only the hashes say what is already there.
    changed = tmp_path / "corpus.jsonl"
    changed.write_text(CORPUS.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_key([str(changed)]) != key
    third = run_ingest(sqlite_url, changed, key=run_key([str(changed)]))
    assert (third.resumed_from, third.read, third.duplicates, third.stored) == (0, 10, 10, 0)


def test_parallel_extraction_stores_the_same(
    sqlite_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    """Worker processes change the speed, never the result."""
    one_proc = run_ingest(sqlite_url, CORPUS, batch_size=4)
    other = sqlite_url.replace("store.db", "jobs.db")
    two_procs = run_ingest(other, CORPUS, batch_size=4, jobs=2)
    assert (one_proc.stored, one_proc.events) == (two_procs.stored, two_procs.events)
    a, b = open_store(sqlite_url), open_store(other)
    assert counts(a) == counts(b)
    a.dispose()
    b.dispose()


def test_text_no_database_stores_is_made_storable(
    db_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    """Regression: a JSON line with "\\u0000" or a lone surrogate once aborted a whole
    ingest (PostgreSQL refuses NUL, UTF-8 refuses surrogates)."""
    text = "Roskomnadzor fined Telegram 3 million rubles\u0000 on March 4, 2022 \ud800."
    src = tmp_path / "odd.jsonl"
    src.write_text(json.dumps({"id": "odd", "text": text, "published": "2022-03-05"}) + "\n",
                   encoding="utf-8")
    report = run_ingest(db_url, src)
    assert (report.stored, report.failed) == (1, 0)
    engine = open_store(db_url)
    with engine.connect() as conn:
        stored = conn.scalar(select(documents.c.text))
        evidence = conn.scalar(select(events.c.evidence))
    engine.dispose()
    assert len(stored) == len(text) and "\ufffd" in stored
    assert evidence and "\x00" not in evidence


def test_every_path_to_the_store_prepares_the_storable_text() -> None:
    """Spark and the API call `prepare` without ingest's loop around it: the document it
    returns, and its identity, must be those of the storable text."""
    from clampdown.model import Document
    from clampdown.store.prepare import identity, prepare

    raw = Document(id="odd", text="Roskomnadzor fined Telegram\u0000 3 million rubles \ud800.")
    clean = Document(id="odd", text=raw.text.replace("\u0000", "\ufffd").replace("\ud800",
                                                                                "\ufffd"))
    prepared = prepare(raw)
    assert prepared.document.text == clean.text
    assert prepared.identity == identity(raw) == identity(clean)
