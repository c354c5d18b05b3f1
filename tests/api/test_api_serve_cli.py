"""`clampdown serve` as a user runs it: prints its URL, serves, fails clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from store_support import start_server
from typer.testing import CliRunner

from clampdown.cli import app as cli


@pytest.mark.slow  # three processes start, each loading the application (about 8 s)
def test_serve_with_two_workers_prints_its_url_and_answers(store_db: Path) -> None:
    proc, url = start_server("--db", str(store_db), "--port", "0", "--workers", "2")
    try:
        for _ in range(4):  # both workers, most likely
            r = httpx.get(url + "api/cases", params={"target": "Telegram"}, timeout=30)
            assert r.status_code == 200 and r.json()["total"] >= 2
        assert httpx.get(url, timeout=30).text.startswith("<!doctype html>")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_without_a_store_fails_with_a_message(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1
    assert "no store there" in r.output and "clampdown ingest" in r.output
    assert not (tmp_path / "none.db").exists()


def test_serve_warns_about_a_short_token(store_db: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CLAMPDOWN_TOKEN": "x"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "clampdown", "serve", "--db", str(store_db), "--port", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stderr is not None
    try:
        lines = [proc.stderr.readline() for _ in range(2)]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert any("CLAMPDOWN_TOKEN is 1 characters" in line for line in lines), lines
