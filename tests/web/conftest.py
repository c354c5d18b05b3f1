"""Fixtures for the dashboard tests: the API tests' store, built once per session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from store_support import build_store  # noqa: E402

from clampdown.api.app import create_app  # noqa: E402


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory)


@pytest.fixture(scope="session")
def web(web_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{web_store}", deliver=False)) as c:
        yield c
