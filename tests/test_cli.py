"""The command line as a user runs it: a real subprocess, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GOOD = {
    "id": "ok",
    "text": "Roskomnadzor fined Telegram 3 million rubles on Friday.",
    "published": "2022-03-05",
}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clampdown", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def test_jsonl_output_is_one_line_per_document_in_order(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    docs = [
        GOOD,
        {"id": "empty-events", "text": "Nothing happened today at all."},
        {**GOOD, "id": "third"},
    ]
    src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    proc = run("extract", str(src), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in lines] == ["ok", "empty-events", "third"]
    ev = lines[0]["events"][0]
    assert (ev["type"], ev["target"], ev["amount"], ev["currency"]) == (
        "FINE",
        "Telegram",
        3000000,
        "RUB",
    )
    assert GOOD["text"][ev["start"] : ev["end"]] == ev["evidence"]
    assert lines[1]["events"] == []


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 au lait and more words here.".encode("latin-1"))
    mixed = tmp_path / "mixed.jsonl"
    with mixed.open("wb") as f:
        f.write(b'{"id": "m1", "text": "Fine."}\n')
        f.write(b'{"id": "m2", "text": \n')  # malformed JSON
        f.write(b'{"id": "m3", "text": "' + b"a" * (50 * 1024 * 1024) + b'"}\n')  # 50 MB line
        f.write((json.dumps({**GOOD, "id": "m4"}) + "\n").encode())
    proc = run(
        "extract", str(good), str(empty), str(binary), str(latin), str(mixed), "--format", "jsonl"
    )
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == ["ok", "latin", "m1", "m4"]  # Latin-1 text is decoded (issue 3)
    errors = [line for line in proc.stderr.splitlines() if line.endswith("; skipped")]
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.txt" in e and "binary" in e for e in errors)
    assert any("mixed.jsonl:2" in e and "JSON" in e for e in errors)
    assert any("mixed.jsonl:3" in e and "max_line_bytes" in e for e in errors)
    assert len(errors) == 4
    # Empty, binary and over-limit inputs are skipped; malformed JSON failed.
    assert "4 read, 3 skipped, 1 failed" in proc.stderr


def test_strict_makes_failures_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    assert run("extract", str(bad), "--format", "jsonl").returncode == 0
    assert run("extract", str(bad), "--format", "jsonl", "--strict").returncode == 1


def test_stdin_text_and_table_output() -> None:
    proc = run("extract", "-", "--published", "2022-03-05", stdin=GOOD["text"])
    assert proc.returncode == 0, proc.stderr
    assert "FINE" in proc.stdout and "Telegram" in proc.stdout


def test_bad_published_date_is_a_usage_error() -> None:
    proc = run("extract", "-", "--published", "yesterday", stdin="text")
    assert proc.returncode == 2
    assert "YYYY-MM-DD" in proc.stderr


COMMANDS = ["extract", "ingest", "events", "cases", "case", "export", "serve", "spark",
            "spark-load"]


def test_help_lists_the_commands_in_workflow_order_without_loading_them() -> None:
    proc = run("--help")
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.split("Commands:", 1)[1].splitlines()
    assert [r.split()[0] for r in rows if r.startswith("  ") and r.split()[0] in COMMANDS] == (
        COMMANDS
    )
    # Building the app must not load what the commands run: that is what made --help slow.
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, clampdown.cli; print(sorted(m for m in "
         "('sqlalchemy', 'fastapi', 'pyarrow', 'datasketch', 'clampdown.extract.pipeline', "
         "'clampdown.store.db', 'clampdown.api') if m in sys.modules))"],
        capture_output=True, text=True, timeout=60,
    )
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr


def test_every_command_help_has_an_example_and_no_type_noise() -> None:
    from typer.testing import CliRunner

    from clampdown.cli import app

    for command in COMMANDS:
        result = CliRunner().invoke(app, [command, "--help"], prog_name="clampdown")
        assert result.exit_code == 0, result.output
        text = result.stdout
        assert f"clampdown {command} " in text.split("Example:", 1)[1], command
        assert "<bool>" not in text and ".md describes" not in text, command
