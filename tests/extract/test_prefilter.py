"""The prefilter skips documents that cannot hold an event, and changes no output."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.model import Document
from clampdown.output import spec_dict

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"


def _same_with_and_without(path: Path) -> int:
    docs = [d for d in read_documents([str(path)]) if isinstance(d, Document)]
    assert docs
    for doc in docs:
        assert spec_dict(extract(doc)) == spec_dict(extract(doc, prefilter=False)), doc.id
    return len(docs)


def test_skipping_loses_nothing_on_sentences_with_and_without_acts() -> None:
    for text in (
        "The weather was fine and the market opened higher.",  # a stem, no act
        "The regulator blocked it on Monday.",  # a trigger, no name
        "Roskomnadzor blocked Telegram on Monday.",
    ):
        doc = Document(id="t", text=text, lang="en")
        assert extract(doc).events == extract(doc, prefilter=False).events
    assert extract(Document(id="n", text="Roskomnadzor blocked Telegram.", lang="en")).events


def test_no_output_changes_on_the_seed_and_the_dev_set(shared: Path) -> None:
    _same_with_and_without(shared / "data" / "seed-docs.jsonl")
    _same_with_and_without(shared / "data" / "devset" / "docs.jsonl")


@pytest.mark.slow
@pytest.mark.parametrize(
    "where",
    ["corpus-dev", "corpus-measure", "data/web-pages/pages", "data/news-pages/pages"],
)
def test_no_output_changes_on_real_pages_and_the_corpus(shared: Path, where: str) -> None:
    path = CORPUS / f"docs-{where[7:]}.jsonl" if where.startswith("corpus") else shared / where
    assert _same_with_and_without(path) > 100
