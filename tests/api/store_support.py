"""Building the test store: short articles ingested by the real `clampdown ingest`.

Shared by the API and the dashboard tests (tests/web puts this folder on its path), so the
session builds one store, once.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
TOKEN = "test-token-0123456789"


def start_server(*args: str, **env: str) -> tuple[subprocess.Popen[str], str]:
    """`clampdown serve ARGS` in a child process (extra environment in `env`, no token
    unless given there), and its URL as it prints it; the caller stops the process."""
    full = {**os.environ, "PYTHONUNBUFFERED": "1"}
    full.pop("CLAMPDOWN_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "clampdown", "serve", *args],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env={**full, **env},
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if m := re.search(r"at (http://127\.0\.0\.1:\d+/)", line):
            return proc, m.group(1)
        if not line:
            break
    proc.kill()
    raise AssertionError(f"the server printed no URL (exit code {proc.wait()})")


@contextmanager
def served(db: Path) -> Iterator[str]:
    """`clampdown serve --db DB --port 0` while the block runs; its URL without the slash."""
    proc, url = start_server("--db", str(db), "--port", "0")
    try:
        yield url.rstrip("/")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ingest_cli(db: Path, *inputs: Path) -> str:
    """Run `clampdown ingest INPUTS --db DB` in a child process; its summary line."""
    done = subprocess.run(
        [sys.executable, "-m", "clampdown", "ingest", *map(str, inputs), "--db", str(db),
         "--jobs", "1"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def build_store(factory: pytest.TempPathFactory) -> Path:
    """The session's store (built on first use): `data/news.jsonl` ingested by the CLI."""
    db = factory.getbasetemp() / "clampdown-api-store" / "store.db"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        partial = db.with_name("building.db")
        ingest_cli(partial, DATA / "news.jsonl")
        copy_store(partial, db)  # only a complete store gets the name
    return db


def copy_store(src: Path, dst: Path) -> Path:
    """A consistent copy (SQLite's backup API, so a WAL store copies whole)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst
