"""One bad field never costs a document, let alone the rest of the batch: it is reported on
one line and dropped, and the document is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from poison import NOTES, POISON

from clampdown.ingest import read_documents
from clampdown.ingest.fields import checked
from clampdown.model import Document


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "poison.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in POISON), encoding="utf-8")
    return path


def test_every_document_is_read_and_each_bad_field_noted(tmp_path: Path) -> None:
    items = list(read_documents([str(_write(tmp_path))]))
    docs = [i for i in items if isinstance(i, Document)]
    notes = [str(i) for i in items if not isinstance(i, Document)]
    assert [d.id for d in docs] == [r["id"] for r in POISON]
    assert len(notes) == len(NOTES)
    for note, expected in zip(notes, NOTES, strict=True):
        assert expected in note and "poison.jsonl:" in note and "\n" not in note
    by_id = {d.id: d for d in docs}
    assert by_id["port"].url is None and by_id["year-9999"].published is None
    assert "\ud800" not in by_id["surrogate"].text
    assert len(by_id["surrogate"].text) == len(POISON[5]["text"])  # offsets unchanged
    assert by_id["long-lang"].lang in (None, "en")  # the stated code is dropped
    # a month alone is no day, but it is kept as the period of publication
    assert by_id["month"].published is None and by_id["month"].published_period == "2022-08"
    assert by_id["year-9999"].published_period is None


def test_extract_writes_every_document_and_exits_cleanly(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "clampdown", "extract", str(_write(tmp_path)), "--format", "jsonl"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in POISON]
    assert all(r["events"] for r in out)
    assert "Traceback" not in proc.stderr
    assert f"{len(POISON)} read, 0 skipped, 0 failed" in proc.stderr


def test_a_good_document_passes_unchanged() -> None:
    doc = Document(id="x", text="Fine.", lang="en", url="https://example.com/a")
    assert checked(doc) == (doc, [])


def test_a_publication_month_out_of_range_is_dropped_and_noted() -> None:
    doc, notes = checked(Document(id="m", text="x", published_period="9999-12"))
    assert doc.published_period is None and notes == ['"published" 9999-12 dropped: out of range']
    doc, notes = checked(Document(id="m", text="x", published_period="2022-08"))
    assert doc.published_period == "2022-08" and notes == []
