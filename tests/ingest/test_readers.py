"""Readers turn every input shape into Documents, and every bad input into an InputError."""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from clampdown.errors import NOTED, ClampdownError, InputError
from clampdown.ingest import read_documents, readers
from clampdown.model import Document
from clampdown.settings import Settings, settings_table


def read(*paths: str | Path, **kw: object) -> list[Document | InputError]:
    return list(read_documents([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def jsonl(path: Path, *records: object) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def summary(items: list[Document | InputError]) -> list[str]:
    """Each item as "doc:<id>" or "err:<source>", to check order in one assertion."""
    return [f"doc:{i.id}" if isinstance(i, Document) else f"err:{i.source}" for i in items]


# --- errors and settings ------------------------------------------------------------


def test_input_error_message_names_source_and_reason() -> None:
    e = InputError("news.jsonl:17", "malformed JSON (Expecting ',' delimiter at column 40)")
    assert isinstance(e, ClampdownError)
    assert e.source == "news.jsonl:17"
    assert str(e) == "news.jsonl:17: malformed JSON (Expecting ',' delimiter at column 40); skipped"


def test_settings_defaults_and_table() -> None:
    s = Settings()
    assert s.max_document_bytes == 16 * 1024 * 1024
    assert s.max_line_bytes == 16 * 1024 * 1024
    assert s.max_files == 100_000
    assert s.max_decompressed_bytes == 8 * 1024**3  # a Common Crawl News WARC fits
    assert s.url_timeout_s == 20.0
    assert s.max_redirects == 5
    assert s.max_url_bytes == 16 * 1024 * 1024
    assert s.max_extract_seconds == 120.0
    table = settings_table()
    assert [name for name, _, _ in table] == [
        "max_document_bytes",
        "max_line_bytes",
        "max_files",
        "max_decompressed_bytes",
        "url_timeout_s",
        "max_redirects",
        "max_url_bytes",
        "max_extract_seconds",
    ]
    assert all(help_.strip() and "\n" not in help_ for _, _, help_ in table)


def test_settings_from_env_overrides() -> None:
    s = Settings.from_env({"CLAMPDOWN_MAX_FILES": "7", "CLAMPDOWN_URL_TIMEOUT_S": "2.5"})
    assert s.max_files == 7 and s.url_timeout_s == 2.5
    assert s.max_line_bytes == Settings().max_line_bytes


@pytest.mark.parametrize(
    "var,value",
    [
        ("CLAMPDOWN_MAX_FILES", "many"),
        ("CLAMPDOWN_MAX_FILES", "1.5"),
        ("CLAMPDOWN_MAX_LINE_BYTES", "-1"),
        ("CLAMPDOWN_URL_TIMEOUT_S", "0"),
        ("CLAMPDOWN_URL_TIMEOUT_S", "nan"),
    ],
)
def test_settings_from_env_rejects_bad_values(var: str, value: str) -> None:
    with pytest.raises(ClampdownError, match=var):
        Settings.from_env({var: value})


# --- JSON Lines -----------------------------------------------------------------------


def test_jsonl_fields_and_defaults(tmp_path: Path) -> None:
    f = jsonl(
        tmp_path / "news.jsonl",
        {
            "id": "a",
            "text": "Line one\r\nline two",
            "published": "2021-09-16",
            "lang": "ru",
            "url": "https://example.org/a",
            "title": "A",
        },
        {"id": "b", "text": "B", "published": None, "lang": None},
        {"id": 3, "text": "C", "published": "2021-09-17T10:00:00Z"},
    )
    a, b, c = read(f, lang="en", published=date(2020, 1, 1))
    assert a == Document(
        id="a",
        text="Line one\r\nline two",  # JSON text is left as given
        published=date(2021, 9, 16),
        lang="ru",
        url="https://example.org/a",
        title="A",
        source=f"{f}:1",
    )
    assert (b.published, b.lang, b.source) == (date(2020, 1, 1), "en", f"{f}:2")
    assert (c.id, c.published) == ("3", date(2021, 9, 17))


def test_ndjson_suffix_and_sniffing(tmp_path: Path) -> None:
    nd = jsonl(tmp_path / "x.ndjson", {"id": "n", "text": "t"})
    sniffed = jsonl(tmp_path / "export.data", "   ", {"id": "s", "text": "t"})
    assert summary(read(nd, sniffed)) == ["doc:n", "doc:s"]


def test_jsonl_bom_and_blank_lines(tmp_path: Path) -> None:
    f = tmp_path / "bom.jsonl"
    f.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "x"}\n\n  \n{"id": "b", "text": "y"}')
    items = read(f)
    assert summary(items) == ["doc:a", "doc:b"]
    assert items[1].source == f"{f}:4"


@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"id": "x" "text": "t"}', "malformed JSON (Expecting ',' delimiter at column 12)"),
        ("[1, 2]", "JSON line is an array, not an object"),
        ('"just a string"', "JSON line is a string, not an object"),
        ('{"text": "t"}', 'missing "id"'),
        ('{"id": "", "text": "t"}', '"id" must be a non-empty string'),
        ('{"id": ["x"], "text": "t"}', '"id" must be a non-empty string, not an array'),
        ('{"id": "x"}', 'missing "text"'),
        ('{"id": "x", "text": 5}', '"text" must be a string, not a number'),
        ("[" * 100_000 + "]" * 100_000, "malformed JSON"),
    ],
)
def test_bad_line_is_reported_and_next_lines_still_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    f = jsonl(
        tmp_path / "news.jsonl", {"id": "before", "text": "a"}, line, {"id": "after", "text": "b"}
    )
    items = read(f)
    assert summary(items) == ["doc:before", f"err:{f}:2", "doc:after"]
    assert reason in items[1].reason
    assert str(items[1]).startswith(f"{f}:2: ")


@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"id": "x", "text": "t", "published": "16/09/2021"}', 'bad "published" date'),
        ('{"id": "x", "text": "t", "published": 2021}', 'bad "published" date'),
        ('{"id": "x", "text": "t", "lang": 1}', '"lang" must be a string or null'),
        ('{"id": "x", "text": "t", "title": ["a"]}', '"title" must be a string or null'),
    ],
)
def test_a_bad_field_is_noted_and_dropped_and_the_document_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    f = jsonl(tmp_path / "news.jsonl", line)
    items = read(f)
    docs = [i for i in items if isinstance(i, Document)]
    notes = [i for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["x"] and docs[0].published is None
    assert len(notes) == 1 and reason in notes[0].reason and notes[0].outcome == NOTED
    assert str(notes[0]).startswith(f"{f}:1: ")


def test_invalid_utf8_line(tmp_path: Path) -> None:
    f = tmp_path / "news.jsonl"
    f.write_bytes(
        b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "ok"}\n'
    )
    items = read(f)
    assert summary(items) == ["doc:a", f"err:{f}:2", "doc:c"]
    assert items[1].reason == "not valid UTF-8 at byte 21 of the line"


def test_document_over_max_document_bytes_in_jsonl(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "news.jsonl", {"id": "big", "text": "я" * 600}, {"id": "ok", "text": "x"})
    items = read(f, settings=Settings(max_document_bytes=1000))
    assert summary(items) == [f"err:{f}:1", "doc:ok"]
    assert "over max_document_bytes (1000 bytes)" in items[0].reason


def test_line_over_limit_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    f = jsonl(
        tmp_path / "news.jsonl",
        {"id": "a", "text": "x"},
        {"id": "long", "text": "y" * 5000},
        {"id": "b", "text": "z"},
    )
    items = read(f, settings=Settings(max_line_bytes=100))
    assert summary(items) == ["doc:a", f"err:{f}:2", "doc:b"]
    assert "over max_line_bytes (100 bytes)" in items[1].reason


def test_line_exactly_at_limit_is_read(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": "x" * 50})
    f = jsonl(tmp_path / "news.jsonl", line, line)
    assert summary(read(f, settings=Settings(max_line_bytes=len(line)))) == ["doc:a", "doc:a"]
    assert summary(read(f, settings=Settings(max_line_bytes=len(line) - 1)))[0].startswith("err:")


def test_50_mb_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    """A 50 MB line must be detected without holding it in memory."""
    f = tmp_path / "huge.jsonl"
    chunk = b"y" * (1024 * 1024)
    with f.open("wb") as out:
        out.write(b'{"id": "a", "text": "x"}\n{"id": "huge", "text": "')
        for _ in range(50):
            out.write(chunk)
        out.write(b'"}\n{"id": "b", "text": "z"}\n')
    tracemalloc.start()
    try:
        items = read(f, settings=Settings(max_line_bytes=64 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary(items) == ["doc:a", f"err:{f}:2", "doc:b"]
    assert "50 MiB, over max_line_bytes (64 KiB)" in items[1].reason
    assert peak < 8 * 1024 * 1024, peak


def test_50_mb_line_over_default_limit(tmp_path: Path) -> None:
    f = tmp_path / "huge.jsonl"
    with f.open("wb") as out:
        out.write(b'{"id": "huge", "text": "')
        for _ in range(50):
            out.write(b"y" * (1024 * 1024))
        out.write(b'"}\n{"id": "b", "text": "z"}\n')
    items = read(f)
    assert summary(items) == [f"err:{f}:1", "doc:b"]
    assert "over max_line_bytes (16 MiB)" in items[0].reason


# --- plain text -------------------------------------------------------------------------


def test_txt_file(tmp_path: Path) -> None:
    f = tmp_path / "seed-article.txt"
    f.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody\rend\n")
    (doc,) = read(f, lang="en", published=date(2021, 9, 16))
    assert doc == Document(
        id="seed-article",
        text="Title\n\nBody\nend\n",
        published=date(2021, 9, 16),
        lang="en",
        source=str(f),
    )


def test_unknown_suffix_without_brace_is_text(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text("Roskomnadzor fined Google.", encoding="utf-8")
    (doc,) = read(f)
    assert (doc.id, doc.text) == ("notes", "Roskomnadzor fined Google.")


def test_txt_over_max_document_bytes(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("x" * 5000, encoding="utf-8")
    err = only_error(read(f, settings=Settings(max_document_bytes=1000)))
    assert err.reason == "file is 4.883 KiB over max_document_bytes (1000 bytes)"


def test_non_utf8_txt_is_decoded(tmp_path: Path) -> None:
    """Issue 3: Latin-1 text is decoded, no longer rejected as "not valid UTF-8"."""
    f = tmp_path / "latin1.txt"
    f.write_bytes("caf\u00e9 ok".encode("latin-1"))
    (doc,) = read(f)
    assert doc.text == "caf\u00e9 ok"


# --- failures shared by every file kind ----------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.other"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"")
    err = only_error(read(f))
    assert (err.source, err.reason) == (str(f), "empty file")


@pytest.mark.parametrize("name", ["blank.txt", "blank.jsonl"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"\n  \r\n\t\n")
    assert only_error(read(f)).reason.startswith("empty file")


@pytest.mark.parametrize("name", ["image.txt", "data.jsonl", "blob"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"{\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert only_error(read(f)).reason == "binary file, not text"


def test_utf16_file_says_what_to_do(tmp_path: Path) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes("hello".encode("utf-16"))
    assert "convert it to UTF-8" in only_error(read(f)).reason


def test_nonexistent_path_then_next_path(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "good.jsonl", {"id": "g", "text": "t"})
    items = read(tmp_path / "missing.jsonl", good)
    assert summary(items) == [f"err:{tmp_path / 'missing.jsonl'}", "doc:g"]
    assert items[0].reason == "no such file or folder"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads unreadable files"
)
def test_permission_denied_real(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("x", encoding="utf-8")
    f.chmod(0)
    try:
        assert only_error(read(f)).reason == "permission denied"
    finally:
        f.chmod(0o600)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    public = tmp_path / "public.txt"
    public.write_text("y", encoding="utf-8")

    def fake_open(path: object, mode: str = "r") -> io.BufferedReader:
        if Path(str(path)).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, mode)  # type: ignore[call-overload, no-any-return]  # noqa: SIM115

    monkeypatch.setattr(readers, "open", fake_open, raising=False)
    items = read(secret, public)
    assert summary(items) == [f"err:{secret}", "doc:public"]
    assert items[0].reason == "permission denied"


def test_paths_read_in_order_given(tmp_path: Path) -> None:
    a = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": "t"}, {"id": "a2", "text": "t"})
    t = tmp_path / "t.txt"
    t.write_text("text", encoding="utf-8")
    z = jsonl(tmp_path / "z.jsonl", {"id": "z1", "text": "t"})
    assert summary(read(z, t, a)) == ["doc:z1", "doc:t", "doc:a1", "doc:a2"]


def test_a_lone_path_string_is_one_path(tmp_path: Path) -> None:
    f = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": "t"})
    assert summary(list(read_documents(str(f)))) == ["doc:a"]


# --- folders ----------------------------------------------------------------------------


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("A", encoding="utf-8")
    (root / "b" / "a.txt").write_text("BA", encoding="utf-8")  # same stem, different id
    jsonl(root / "b" / "c.jsonl", {"id": "c1", "text": "t"})
    (root / "c.txt").write_text("C", encoding="utf-8")
    (root / ".hidden.txt").write_text("H", encoding="utf-8")
    (root / ".git" / "x.txt").write_text("G", encoding="utf-8")
    (root / "picture.png").write_bytes(b"\x89PNG\x00")
    items = read(root, lang="ru")
    assert summary(items) == ["doc:a", "doc:b/a", "doc:c1", "doc:c"]
    assert items[1].text == "BA" and items[1].lang == "ru"
    assert items[1].source == str(root / "b" / "a.txt")


def test_folder_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "x.txt").write_text("X", encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    items = read(root)
    assert summary(items) == [f"err:{root / 'sub' / 'loop'}", "doc:sub/x"]
    assert "directory loop" in items[0].reason


def test_folder_same_folder_by_two_links_read_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    (root / "real" / "x.txt").write_text("X", encoding="utf-8")
    (root / "zlink").symlink_to(root / "real", target_is_directory=True)
    items = read(root)
    assert summary(items) == ["doc:real/x", f"err:{root / 'zlink'}"]


def test_folder_broken_symlink_and_self_loop(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "z.txt").write_text("Z", encoding="utf-8")
    items = read(root)
    assert summary(items) == [f"err:{root / 'broken.txt'}", f"err:{root / 'self.txt'}", "doc:z"]
    assert items[0].reason == "broken symbolic link"


def test_folder_bad_file_does_not_stop_the_walk(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes(b"")
    (root / "b.jsonl").write_text('{"id": "b1", "text": "t"}\nnot json\n', encoding="utf-8")
    (root / "c.txt").write_text("C", encoding="utf-8")
    assert summary(read(root)) == [
        f"err:{root / 'a.txt'}",
        "doc:b1",
        f"err:{root / 'b.jsonl'}:2",
        "doc:c",
    ]


def test_max_files_stops_reading(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    for name in "abcd":
        (root / f"{name}.txt").write_text(name, encoding="utf-8")
    items = read(root, root, settings=Settings(max_files=2))
    assert summary(items) == ["doc:a", "doc:b", f"err:{root / 'c.txt'}"]
    assert "max_files (2)" in items[2].reason


# --- standard input ---------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", _Stdin(b'\n{"id": "a", "text": "x"}\nbad\n{"id": "b", "text": "y"}\n')
    )
    items = read("-")
    assert summary(items) == ["doc:a", "err:<stdin>:3", "doc:b"]
    assert items[0].source == "<stdin>:2"


def test_stdin_jsonl_longer_than_sniffed_head(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": str(i), "text": "x" * 100}) for i in range(500)]
    monkeypatch.setattr(sys, "stdin", _Stdin(("\n".join(lines) + "\n").encode()))
    assert summary(read("-")) == [f"doc:{i}" for i in range(500)]


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin("Роскомнадзор\r\nоштрафовал".encode()))
    (doc,) = read("-", lang="ru")
    assert (doc.id, doc.text, doc.lang) == ("stdin", "Роскомнадзор\nоштрафовал", "ru")


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    assert only_error(read("-")).source == "<stdin>"


def test_stdin_over_max_document_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 5000))
    err = only_error(read("-", settings=Settings(max_document_bytes=1000)))
    assert "over max_document_bytes" in err.reason


def test_runs_of_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    from clampdown.errors import InputError
    from clampdown.ingest import read_documents

    path = tmp_path / "blank.jsonl"
    good = '{"id": "a", "text": "Fine."}\n'
    path.write_text(good + "\n" * 300_000 + "  \r\n\t\n" + "{oops\n" + good, encoding="utf-8")
    items = list(read_documents([str(path)]))
    assert [str(i).split(": ")[0] for i in items if isinstance(i, InputError)] == [
        f"{path}:300004"
    ]
    assert sum(1 for i in items if not isinstance(i, InputError)) == 2
