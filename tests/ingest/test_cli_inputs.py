"""`clampdown extract` on the new inputs: a progress bar on a terminal, quiet in pipes,
limits from the environment, and include/exclude globs."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from clampdown.cli import app
from clampdown.cli.extract import Counts, progress_bar

DATA = Path(__file__).resolve().parents[1] / "data"


def run(*args: str, **env: str) -> Result:
    """In process: the subprocess tests elsewhere cover start-up; these cover options."""
    return CliRunner().invoke(app, list(args), env=env)


def test_progress_bar_counts_documents_rate_and_errors() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    counts = Counts(read=7, skipped=1, failed=2)
    with progress_bar(console, counts) as advance:
        advance()
    shown = out.getvalue()
    assert "7 documents" in shown and "documents/s" in shown and "3 errors" in shown


def test_progress_bar_is_silent_off_a_terminal() -> None:
    out = io.StringIO()
    with progress_bar(Console(file=out, force_terminal=False), Counts()) as advance:
        advance()
    assert out.getvalue() == ""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_cli_shows_progress_on_a_terminal_and_data_stays_on_stdout() -> None:
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "clampdown", "extract", str(DATA / "article"), "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "120"},
    )
    os.close(slave)
    terminal = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            terminal += chunk
        elif proc.poll() is not None:
            break
    stdout = proc.communicate(timeout=120)[0].decode()
    os.close(master)
    assert proc.returncode == 0
    assert b"documents/s" in terminal and b"errors" in terminal
    assert b"clampdown: 5 read, 0 skipped, 0 failed" in terminal
    assert len(stdout.splitlines()) == 5 and "documents/s" not in stdout


def test_limits_come_from_the_environment(tmp_path: Path) -> None:
    proc = run(
        "extract",
        str(DATA / "article" / "telegram-fine.html"),
        "-f",
        "jsonl",
        CLAMPDOWN_MAX_DOCUMENT_BYTES="1000",
    )
    assert proc.exit_code == 0
    assert "over max_document_bytes (1000 bytes)" in proc.stderr
    assert "0 read, 1 skipped, 0 failed" in proc.stderr
    bad = run("extract", "-", CLAMPDOWN_MAX_FILES="many")
    assert bad.exit_code == 2 and "CLAMPDOWN_MAX_FILES" in bad.stderr


def test_include_exclude_and_mixed_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "Roskomnadzor fined Telegram 3 million rubles on Friday.", encoding="utf-8"
    )
    (tmp_path / "skip.md").write_text("Roskomnadzor fined Google.", encoding="utf-8")
    proc = run(
        "extract",
        str(tmp_path),
        str(DATA / "article" / "telegram-fine.atom"),
        "--include",
        "*.md",
        "--exclude",
        "skip*",
        "--published",
        "2022-03-05",
        "-f",
        "jsonl",
    )
    assert proc.exit_code == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == ["a", "tag:wire.example.org,2022:telegram-fine"]
    assert proc.stderr.strip().endswith("2 read, 0 skipped, 0 failed, 3 events")
