"""Fixtures for the API tests: a real store, filled once per session by `clampdown ingest`.

The store is built by running the command line on the short articles in `data/`, exactly as
a user would, so the API is tested on rows the real pipeline wrote. Tests that write get a
copy of it (`fresh_db`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_support import TOKEN, build_store, copy_store

from clampdown.api.app import create_app
from clampdown.api.settings import ServeSettings


@pytest.fixture(scope="session")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory)


@pytest.fixture(scope="session")
def store_url(store_db: Path) -> str:
    return f"sqlite:///{store_db}"


@pytest.fixture
def fresh_db(store_db: Path, tmp_path: Path) -> Path:
    return copy_store(store_db, tmp_path / "store.db")


@pytest.fixture(scope="session")
def client(store_url: str) -> Iterator[TestClient]:
    """A read-only client of the session store (the server has a token, but these tests
    only read)."""
    app = create_app(store_url, token=TOKEN, settings=ServeSettings(), deliver=False)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def ids(client: TestClient) -> dict[str, int]:
    """Ids of the records the tests talk about, found through the API itself."""
    def entity(name: str) -> int:
        items = client.get("/api/entities", params={"q": name, "limit": 200}).json()["items"]
        return next(e["id"] for e in items if e["name"] == name)

    cases = client.get("/api/cases", params={"limit": 200}).json()["items"]
    fine = next(c for c in cases if c["type"] == "FINE" and c["target"]["name"] == "Telegram")
    block = next(c for c in cases if c["type"] == "BLOCK" and c["target"]["name"] == "Twitter")
    return {
        "telegram": entity("Telegram"),
        "twitter": entity("Twitter"),
        "facebook": entity("Facebook"),
        "roskomnadzor": entity("Roskomnadzor"),
        "tg_fine": fine["id"],
        "tw_block": block["id"],
        "script_doc": block["origin_doc_id"],
    }
