"""Crash test, the way SQLite and PostgreSQL do them: kill -9 mid-ingest, run the same
command again, and check that every document is there once and no event is lost or doubled.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from clampdown.ingest import read_documents
from clampdown.store.db import database_url, open_store
from clampdown.store.ingest import ingest
from clampdown.store.schema import documents, events

ROOT = Path(__file__).resolve().parents[2]
N_DOCS = 240
BATCH = 20
pytestmark = pytest.mark.slow  # real processes killed mid-ingest: left out of `make test`


def _synthetic(n: int) -> list[dict[str, object]]:
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "store.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up while being built
    spec.loader.exec_module(mod)
    return list(mod.synthetic_corpus(n, seed=11))


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "clampdown", *args]


def _stored(url: str) -> int:
    """Documents committed so far, read without disturbing the writer."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        if not Path(path).exists():
            return 0
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
            try:
                return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
            finally:
                con.close()
        except sqlite3.OperationalError:
            return 0  # not created yet
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(documents)) or 0)
    except Exception:  # noqa: BLE001 - schema not there yet
        return 0
    finally:
        engine.dispose()


def _snapshot(url: str) -> tuple[list[str], list[str]]:
    engine = open_store(url)
    with engine.connect() as conn:
        keys = sorted(conn.scalars(select(documents.c.key)))
        ev = sorted(conn.scalars(select(events.c.key)))
    engine.dispose()
    return keys, ev


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """The input, and the document and event keys an uninterrupted run stores."""
    folder = tmp_path_factory.mktemp("crash")
    src = folder / "big.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _synthetic(N_DOCS)), encoding="utf-8")
    reference = database_url(str(folder / "reference.db"))
    engine = open_store(reference, write=True)
    ingest(engine, read_documents([str(src)]), batch_size=BATCH)
    engine.dispose()
    want_docs, want_events = _snapshot(reference)
    assert len(want_docs) == N_DOCS and len(want_events) > N_DOCS
    return src, want_docs, want_events


def test_kill_dash_nine_then_rerun(
    db_url: str, corpus: tuple[Path, list[str], list[str]]
) -> None:
    src, want_docs, want_events = corpus

    cmd = _cli("ingest", str(src), "--db", db_url, "--batch-size", str(BATCH), "--jobs", "1")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    try:
        while _stored(db_url) < 3 * BATCH:  # a few batches committed, many to go
            if proc.poll() is not None:
                pytest.fail(f"ingest ended before it could be killed: {proc.stderr.read()!r}")
            if time.monotonic() > deadline:
                pytest.fail("ingest committed nothing within two minutes")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = _stored(db_url)
    assert 3 * BATCH <= partial < N_DOCS, partial
    assert partial % BATCH == 0  # whole batches only

    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "resumed after input" in done.stderr
    got_docs, got_events = _snapshot(db_url)
    assert got_docs == want_docs  # every document exactly once
    assert got_events == want_events  # no event lost or doubled
    if db_url.startswith("sqlite"):
        con = sqlite3.connect(db_url.split("///", 1)[1])
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.close()


def test_ctrl_c_rolls_back_the_batch_in_flight_and_resumes(
    sqlite_url: str, corpus: tuple[Path, list[str], list[str]]
) -> None:
    src, want_docs, want_events = corpus
    cmd = _cli("ingest", str(src), "--db", sqlite_url, "--batch-size", str(BATCH), "--jobs", "2")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _stored(sqlite_url) < 2 * BATCH:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "ingest committed nothing within two minutes"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Run the same command again" in err
    assert _stored(sqlite_url) % BATCH == 0
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _snapshot(sqlite_url) == (want_docs, want_events)
