"""An undated document whose date the store learns later is re-dated without extracting
it again: its events' dates come from how the extractor dated each, stored with them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import clampdown.extract.pipeline as pipeline
import clampdown.store.prepare as prepare
from clampdown.model import DateBasis, Document, ExtractionResult
from clampdown.store.db import open_store
from clampdown.store.schema import documents, events

CORPUS = Path(__file__).resolve().parent / "data" / "corpus.jsonl"
UNDATED = "undated-copy-google-july"


def test_the_undated_copy_is_dated_without_extracting_it_again(
    sqlite_url: str, run_ingest: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    real = pipeline.extract

    def extract_once(doc: Document, *args: Any, **kw: Any) -> ExtractionResult:
        if doc.id == UNDATED and doc.published is not None:
            raise AssertionError("the undated copy was extracted again")
        return real(doc, *args, **kw)

    monkeypatch.setattr(pipeline, "extract", extract_once)
    monkeypatch.setattr(prepare, "extract", extract_once)
    # The undated copy first, its dated copy in a later batch: it is re-dated then.
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    first, rest = tmp_path / "undated.jsonl", tmp_path / "rest.jsonl"
    first.write_text("".join(ln for ln in lines if UNDATED in ln), encoding="utf-8")
    rest.write_text("".join(ln for ln in lines if UNDATED not in ln), encoding="utf-8")
    run_ingest(sqlite_url, first)
    report = run_ingest(sqlite_url, rest)
    assert report.completed == 1

    engine = open_store(sqlite_url)
    with engine.connect() as conn:
        doc = conn.execute(select(documents).where(documents.c.ext_id == UNDATED)).one()
        rows = conn.execute(
            select(events.c.date, events.c.date_completed, events.c.date_basis)
            .where(events.c.doc_id == doc.id)
        ).all()
    engine.dispose()
    assert (doc.published_inferred, doc.date_basis) == (date(2021, 7, 30), "copies")
    assert [(r.date, r.date_completed) for r in rows] == [("2021-07-29", True)]
    # A lede the text dates nowhere takes the story's news date ("on Thursday").
    assert [DateBasis.decode(r.date_basis) for r in rows] == [DateBasis("news")]


def test_a_basis_is_stored_as_text_and_read_back() -> None:
    basis = DateBasis("relative", 120, "on Thursday", days=3, ahead=True, repeated=True)
    assert DateBasis.decode(basis.encode()) == basis
    assert DateBasis("none").encode() == '{"kind":"none"}'
    assert DateBasis.decode(None) is None
