"""Shared test fixtures: paths to the shared evaluation data beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that need it are skipped with a reason without it."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def news_pages(shared: Path) -> list[Document]:
    """The real news pages of the shared data as `read_documents` reads them, read once per
    session: several tests extract from them, and reading the pages costs more than that."""
    from clampdown.ingest import read_documents

    pages = shared / "data" / "news-pages" / "pages"
    return [d for d in read_documents([str(pages)]) if isinstance(d, Document)]
