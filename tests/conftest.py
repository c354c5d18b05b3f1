"""Shared test fixtures: paths to the shared evaluation data beside the repository, and
its real pages as clampdown reads them."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import pytest

from clampdown import cachefile
from clampdown.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SRC = ROOT / "src" / "clampdown"
# What reading a page depends on: with any of these changed, the pages are read again (of
# the lexicons, the page furniture and which languages there are).
READING = ("ingest", "langid.py", "languages.py", "model.py", "settings.py", "errors.py")
T = TypeVar("T")


def read_once(name: str, folder: Path, read: Callable[[], T]) -> T:
    """`read()` of the pages in `folder`, kept in the cache folder (`clampdown/cachefile.py`)
    under a hash of the pages, the reading code and every installed library's version, so
    a suite run after the first does not parse 400 pages again unless one of them changed
    (reading them is most of what the tests of real pages cost)."""
    pages = [(p.relative_to(folder).as_posix(), p.read_bytes())
             for p in sorted(folder.rglob("*")) if p.is_file()]
    code = [
        p for top in READING
        for p in ([SRC / top] if (SRC / top).is_file() else sorted((SRC / top).rglob("*")))
        if p.is_file() and "__pycache__" not in p.parts
    ]
    code += sorted((SRC / "lexicons").rglob("page.yaml"))
    languages = sorted(p.parent.name for p in (SRC / "lexicons").glob("*/language.yaml"))
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest = cachefile.key(
        [*pages, *((p.relative_to(SRC).as_posix(), p.read_bytes()) for p in code),
         ("languages", " ".join(languages).encode()),
         ("libraries", "\n".join(versions).encode())],
        (),
    )
    found = cachefile.load(f"test-{name}", digest)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = read()
    cachefile.save(f"test-{name}", digest, value)
    return value


def _documents(folder: Path) -> list[Document]:
    from clampdown.ingest import read_documents

    return [d for d in read_documents([str(folder)]) if isinstance(d, Document)]


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that need it are skipped with a reason without it."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def news_pages(shared: Path) -> list[Document]:
    """The real news pages of the shared data as `read_documents` reads them (`read_once`)."""
    pages = shared / "data" / "news-pages" / "pages"
    return read_once("news-pages", pages, lambda: _documents(pages))


@pytest.fixture(scope="session")
def web_pages(shared: Path) -> list[Document]:
    """The real pages of the open web in the shared data, as `read_documents` reads them."""
    pages = shared / "data" / "web-pages" / "pages"
    return read_once("web-pages", pages, lambda: _documents(pages))


@pytest.fixture(scope="session")
def news_page_texts(shared: Path) -> list[tuple[str, str, str | None]]:
    """(file name, article text, declared language) of each real news page, as
    `ingest.html.read_page` reads it (`read_once`)."""
    from clampdown.ingest.html import read_page

    pages = shared / "data" / "news-pages" / "pages"

    def read() -> list[tuple[str, str, str | None]]:
        out = []
        for path in sorted(pages.glob("*.html*")):
            data = path.read_bytes()
            page = read_page(gzip.decompress(data) if path.suffix == ".gz" else data)
            out.append((path.name, page.text, page.lang))
        return out

    return read_once("news-page-texts", pages, read)
