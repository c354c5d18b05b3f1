"""Shared test fixtures: paths to the shared evaluation data beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that need it are skipped with a reason without it."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    return SHARED
