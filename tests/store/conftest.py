"""Store fixtures: a fresh SQLite file and a fresh PostgreSQL schema for each test.

PostgreSQL comes from CLAMPDOWN_TEST_PG_URL (CI starts a server and sets it); without it,
a throwaway server is started from the local PostgreSQL binaries (initdb + pg_ctl, as the
`postgres` user when running as root). Tests on PostgreSQL are skipped, saying why, only
when neither works.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from clampdown.ingest import read_documents
from clampdown.store.db import database_url, open_store
from clampdown.store.ingest import IngestReport, ingest

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "data" / "seed-docs.jsonl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _start_local_server() -> tuple[str | None, str, Path | None]:
    """(url, why-not, data folder) for a throwaway server on a free loopback port."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return None, "no PostgreSQL server binaries (initdb, pg_ctl) on this machine", None
    tmp = Path(tempfile.mkdtemp(prefix="clampdown-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        runuser = shutil.which("runuser")
        if not runuser:
            return None, "running as root and no runuser to start PostgreSQL as another user", tmp
        prefix = [runuser, "-u", "postgres", "--"]
        try:
            shutil.chown(tmp, "postgres")
        except (LookupError, OSError) as e:
            return None, f"running as root and cannot hand a folder to user postgres ({e})", tmp
    data = tmp / "data"
    port = _free_port()
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "clampdown", "-A", "trust", "--no-sync"],
            check=True, capture_output=True, timeout=120,
        )
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(tmp / "log"), "-w", "-t", "60",
             "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
            check=True, capture_output=True, timeout=120,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        detail = getattr(e, "stderr", b"") or b""
        return None, f"could not start a local PostgreSQL: {e} {detail.decode()[-300:]}", tmp
    return f"postgresql://clampdown@127.0.0.1:{port}/postgres", "", data


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL server URL for the whole test session."""
    url = os.environ.get("CLAMPDOWN_TEST_PG_URL")
    if url:
        yield url
        return
    url, why, data = _start_local_server()
    if url is None:
        if data is not None:
            shutil.rmtree(data.parent, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: {why} (set CLAMPDOWN_TEST_PG_URL to use one)")
    try:
        yield url
    finally:
        assert data is not None
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(
            [*prefix, _pg_bin("pg_ctl") or "pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True, timeout=60,
        )
        shutil.rmtree(data.parent, ignore_errors=True)


def _reset_pg(url: str) -> None:
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store, on each backend in turn."""
    if request.param == "sqlite":
        return database_url(str(tmp_path / "store.db"))
    url = request.getfixturevalue("pg_url")
    _reset_pg(url)
    return database_url(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return database_url(str(tmp_path / "store.db"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"shared seed document not found at {SEED}")
    return SEED


@pytest.fixture
def run_ingest() -> Callable[..., IngestReport]:
    """Ingest files into a store in this process, as `clampdown ingest` does."""

    def run(
        url: str,
        *paths: Path | str,
        batch_size: int = 500,
        jobs: int = 1,
        key: str | None = None,
        published: date | None = None,
    ) -> IngestReport:
        engine = open_store(url, write=True)
        try:
            items = read_documents([str(p) for p in paths], published=published)
            return ingest(engine, items, batch_size=batch_size, jobs=jobs, key=key)
        finally:
            engine.dispose()

    return run

