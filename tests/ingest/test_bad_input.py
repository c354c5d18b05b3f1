"""Bad input of every kind in one batch: each gives one line naming it, the rest is read,
and the summary counts read / skipped / failed (issue 3)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clampdown.errors import InputError
from clampdown.ingest import read_documents, readers
from clampdown.model import Document

DATA = Path(__file__).resolve().parents[1] / "data"
GIB = 1024**3


@pytest.fixture
def batch(tmp_path: Path) -> tuple[list[Path], dict[str, str]]:
    """The inputs, and for each bad one the words its error line must hold."""
    good = tmp_path / "good.txt"
    shutil.copy(DATA / "article" / "telegram-fine.txt", good)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(GIB)  # sparse: no disk used, and it must never be read
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    shutil.copy(DATA / "charset" / "ru-cp1251.txt", folder / "ru-cp1251.txt")
    hopeless = tmp_path / "hopeless.html"
    hopeless.write_text("<html><body><div><span></td><p", encoding="utf-8")
    inputs = [
        good,
        DATA / "bad" / "truncated.txt.gz",
        DATA / "bad" / "truncated.warc.gz",
        DATA / "bad" / "truncated.warc",
        DATA / "bad" / "broken-markup.html",
        hopeless,
        DATA / "bad" / "invalid.rss",
        DATA / "charset" / "en-latin1.txt",
        DATA / "bad" / "not-really.txt",
        huge,
        loop,
        folder,
        DATA / "article" / "telegram-fine.html",
    ]
    expected_errors = {
        "truncated.txt.gz": "truncated gzip data",
        "truncated.warc.gz": "truncated",
        "truncated.warc": "truncated WARC: record 5",
        "hopeless.html": "no article text found",
        "invalid.rss": "feed is not well-formed XML at line 7",
        "not-really.txt": "binary file",
        "huge.txt": "file is 1 GiB over max_document_bytes (16 MiB)",
        "loop.txt": "symbolic link loop",
        "up": "directory loop",
    }
    return inputs, expected_errors


def test_bad_inputs_each_reported_and_the_rest_read(
    batch: tuple[list[Path], dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, expected_errors = batch
    opened: list[str] = []
    real_open = open

    def spy(path: object, mode: str = "r") -> object:
        opened.append(Path(str(path)).name)
        return real_open(path, mode)  # type: ignore[call-overload]  # noqa: SIM115

    monkeypatch.setattr(readers, "open", spy, raising=False)
    items = list(read_documents([str(p) for p in inputs]))
    errors = [i for i in items if isinstance(i, InputError)]
    documents = [i for i in items if isinstance(i, Document)]
    assert "huge.txt" not in opened  # rejected by its size alone
    assert len(errors) == len(expected_errors), errors
    for name, words in expected_errors.items():
        (err,) = [e for e in errors if Path(e.source).name == name]
        assert words in err.reason, err
        assert "\n" not in str(err)
    # Read: the good text, the WARC records before the damage (one per truncated file),
    # the broken but readable HTML, both legacy charsets, and the last good page.
    assert [Path(d.source or "").name.split("#")[0] for d in documents] == [
        "good.txt",
        "truncated.warc.gz",
        "truncated.warc",
        "broken-markup.html",
        "en-latin1.txt",
        "ru-cp1251.txt",
        "telegram-fine.html",
    ]
    broken = documents[3]
    assert "Roskomnadzor fined Telegram 3 million rubles" in broken.text
    assert "not text" not in broken.text  # the unclosed <script> is not article


def test_cli_summary_counts_read_skipped_failed(
    batch: tuple[list[Path], dict[str, str]],
) -> None:
    inputs, expected_errors = batch
    proc = subprocess.run(
        [sys.executable, "-m", "clampdown", "extract", *map(str, inputs), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 7
    assert all(json.loads(line)["id"] for line in proc.stdout.splitlines())
    lines = proc.stderr.splitlines()
    error_lines = [line for line in lines if line.endswith("; skipped")]
    assert len(error_lines) == len(expected_errors)
    for name in expected_errors:
        assert any(f"{name}:" in line for line in error_lines), name
    # skipped: hopeless page, binary file, 1 GB file; the rest are broken input
    assert lines[-1].startswith("clampdown: 7 read, 3 skipped, 6 failed, ")
    assert "\x1b[" not in proc.stderr  # no progress bar or colour in a pipe


def test_a_named_pipe_without_a_writer_does_not_block(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    proc = subprocess.run(
        [sys.executable, "-m", "clampdown", "extract", str(pipe), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0 and "pipe: empty file" in proc.stderr, proc.stderr


def test_a_named_pipe_inside_a_folder_is_reported(tmp_path: Path) -> None:
    import os

    from clampdown.errors import InputError
    from clampdown.ingest import read_documents

    (tmp_path / "a.txt").write_text("Roskomnadzor fined Telegram on Friday.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    items = list(read_documents([str(tmp_path)]))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert len(items) == 2 and errors == [
        f"{tmp_path / 'b.txt'}: not a regular file (a named pipe); skipped"
    ]
