"""Documents each with one bad field, as a hostile or careless input has them; the tests
of every path (extract, ingest, the API) read them."""

from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
GiB = 1024 * MiB

GOOD = "Roskomnadzor fined {} 3 million roubles on Friday."
POISON = [
    {"id": "good-1", "text": GOOD.format("Telegram"), "published": "2022-03-04"},
    {"id": "port", "text": GOOD.format("Google"), "url": "http://example.com:99999/a"},
    {"id": "port-text", "text": GOOD.format("VK"), "url": "http://example.com:abc/a"},
    {"id": "year-9999", "text": GOOD.format("Twitter"), "published": "9999-12-31"},
    {"id": "year-1", "text": GOOD.format("Facebook"), "published": "0001-01-01"},
    {"id": "surrogate", "text": GOOD.format("TikTok \ud800")},
    {"id": "long-lang", "text": GOOD.format("Odnoklassniki"), "lang": "english-long-code"},
    {"id": "month", "text": GOOD.format("YouTube"), "published": "2022-08"},
    {"id": "good-2", "text": GOOD.format("Yandex"), "published": "2022-03-04"},
]
# What each bad field is reported as (one line each).
NOTES = ('"url"', '"url"', '"published" 9999-12-31', '"published" 0001-01-01', "surrogates",
         '"lang"')


# -- a generated corpus of bad inputs, each between two good documents ---------------------

PLATFORMS = ("Telegram", "Google", "Twitter", "Facebook", "YouTube", "VK", "TikTok", "Yandex")


@dataclass
class BadCase:
    """One bad input: the files to read, in order (the bad one between two good ones), the
    ids of the good documents that must come through, and, for cases a request can carry,
    the documents to POST to /api/ingest (good ones around the bad)."""

    name: str
    inputs: list[Path]
    good: list[str]
    api_documents: list[dict[str, Any]] | None = None
    api_body: bytes | None = None  # a raw request body instead (it must be refused, not crash)


def good_doc(case: str, n: int) -> dict[str, Any]:
    platform = PLATFORMS[(sum(map(ord, case)) + n) % len(PLATFORMS)]
    return {"id": f"{case}-good-{n}", "published": "2022-03-04",
            "text": f"Roskomnadzor fined {platform} {n + 3} million roubles on Friday. ({case})"}


def _jsonl(path: Path, rows: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def _gzip_bomb(path: Path, unit: bytes, total: int) -> Path:
    """`total` bytes of `unit` repeated, as one gzip file of many identical members: a few
    kilobytes on disk, made in milliseconds."""
    member = gzip.compress(unit * (MiB // len(unit)), compresslevel=9)
    with path.open("wb") as f:
        for _ in range(total // MiB):
            f.write(member)
    return path


def _truncated_warc(path: Path) -> Path:
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(3):
        body = (f"<html><head><title>Story {i}</title></head><body><article><p>"
                f"Roskomnadzor fined Telegram {i + 1} million roubles on Friday, the regulator"
                " said in a statement published on its website.</p></article></body></html>")
        headers = [("Content-Type", "text/html; charset=utf-8")]
        from warcio.statusandheaders import StatusAndHeaders

        record = writer.create_warc_record(
            f"https://example.com/story/{i}", "response", payload=io.BytesIO(body.encode()),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))
        writer.write_record(record)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def bad_input_corpus(folder: Path) -> list[BadCase]:
    """Every kind of bad input the hostile test found, and the earlier ones, written to
    `folder`. Each case's good documents have their own texts, so no case's documents are
    another's duplicates."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[BadCase] = []

    def file_case(name: str, make: Any, *, api_body: bytes | None = None) -> None:
        before = _jsonl(folder / f"{name}-0.jsonl", [good_doc(name, 0)])
        bad = make(folder / f"{name}-bad")
        after = _jsonl(folder / f"{name}-1.jsonl", [good_doc(name, 1)])
        cases.append(BadCase(name, [before, bad, after], [f"{name}-good-0", f"{name}-good-1"],
                             api_body=api_body))

    def line_case(name: str, *bad_rows: Any) -> None:
        rows = [good_doc(name, 0), *bad_rows, good_doc(name, 1)]
        path = _jsonl(folder / f"{name}.jsonl", list(rows))
        api = [r for r in rows if isinstance(r, dict) and isinstance(r.get("text"), str)
               and isinstance(r.get("id"), str)]
        cases.append(BadCase(name, [path], [f"{name}-good-0", f"{name}-good-1"],
                             api_documents=api))

    def write(data: bytes, suffix: str = "") -> Any:
        def make(path: Path) -> Path:
            target = path.with_name(path.name + suffix)
            target.write_bytes(data)
            return target
        return make

    # Whole files.
    file_case("empty", write(b"", ".txt"), api_body=b"")
    file_case("binary", write(bytes(range(256)) * 64, ".txt"), api_body=bytes(range(256)) * 4)
    file_case("invalid-utf8", write(b"Roskomnadzor \xff\xfe\xc3\x28 fined \xed\xa0\x80 X.\n",
                                    ".txt"),
              api_body=b'{"documents": [{"id": "a", "text": "\xff\xfe\xc3\x28"}]}')
    file_case("nul-text", write(b"Roskomnadzor fined\x00 Telegram\x00\x00 on Friday.", ".txt"))
    file_case("truncated-gzip",
              lambda p: (p.with_suffix(".jsonl.gz").write_bytes(
                  gzip.compress(b"".join(json.dumps(good_doc("tg", i)).encode() + b"\n"
                                         for i in range(50)))[:400]),
                         p.with_suffix(".jsonl.gz"))[1],
              api_body=b'{"documents": [{"id": "a", "text": "cut off')
    file_case("truncated-warc", lambda p: _truncated_warc(p.with_suffix(".warc.gz")))
    # Bombs expand past the memory a run may use (512 MiB): only a bounded reader passes.
    file_case("bomb-blank-lines",
              lambda p: _gzip_bomb(p.with_suffix(".jsonl.gz"), b"\n", 640 * MiB))
    file_case("bomb-one-line", lambda p: _gzip_bomb(p.with_suffix(".jsonl.gz"), b"a", 640 * MiB))
    file_case("bomb-text", lambda p: _gzip_bomb(p.with_suffix(".txt.gz"), b"Telegram ", GiB))
    file_case("fifo", lambda p: (os.mkfifo(p.with_suffix(".txt")), p.with_suffix(".txt"))[1])
    file_case("unreadable", lambda p: (p.with_suffix(".txt").write_text("secret"),
                                       p.with_suffix(".txt").chmod(0),
                                       p.with_suffix(".txt"))[2])
    file_case("dangling-link", lambda p: (p.symlink_to(folder / "nowhere"), p)[1])
    file_case("link-loop", lambda p: (p.symlink_to(p), p)[1])
    file_case("socket", _unix_socket)
    file_case("deep-json", write(b'{"id": "x", "text": ' + b"[" * 200_000 + b"]" * 200_000
                                 + b"}\n", ".jsonl"),
              api_body=b'{"documents": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    file_case("long-line", lambda p: _jsonl(p.with_suffix(".jsonl"), [
        {"id": "long", "text": "a" * (17 * MiB)}]))

    # Bad fields and bad lines, between good lines.
    line_case("nul-fields", {"id": "nul\x00id", "text": "Roskomnadzor\x00 fined VK on Friday.",
                             "title": "\x00", "url": "http://example.com/\x00"})
    line_case("surrogates", {"id": "sur\ud800", "text": "Roskomnadzor fined Google \udfff.",
                             "title": "\ud800\udc00\ud800"})
    line_case("dates",
              {"id": "d1", "text": GOOD.format("Twitter") + " d1", "published": "9999-12-31"},
              {"id": "d2", "text": GOOD.format("Twitter") + " d2", "published": "0001-01-01"},
              {"id": "d3", "text": GOOD.format("Twitter") + " d3", "published": "2022-13-45"},
              {"id": "d4", "text": GOOD.format("Twitter") + " d4", "published": "99999-01-01"},
              {"id": "d5", "text": GOOD.format("Twitter") + " d5", "published": "2022-08"},
              {"id": "d6", "text": GOOD.format("Twitter") + " d6", "published": 20220304})
    line_case("urls",
              {"id": "u1", "text": GOOD.format("VK") + " u1", "url": "http://example.com:99999/a"},
              {"id": "u2", "text": GOOD.format("VK") + " u2", "url": "http://example.com:abc/a"},
              {"id": "u3", "text": GOOD.format("VK") + " u3", "url": "http://[::1"},
              {"id": "u4", "text": GOOD.format("VK") + " u4", "url": "javascript:alert(1)"},
              {"id": "u5", "text": GOOD.format("VK") + " u5", "url": "http://" + "a" * 100_000})
    line_case("long-fields",
              {"id": "x" * 100_000, "text": GOOD.format("TikTok") + " l1"},
              {"id": "l2", "text": GOOD.format("TikTok") + " l2", "lang": "e" * 10_000},
              {"id": "l3", "text": GOOD.format("TikTok") + " l3", "title": "T" * MiB},
              {"id": "l4", "text": "A long story without names in it. " * 30_000})
    line_case("bad-lines", "{not json", "[1, 2]", '"a string"', "null", '{"id": 5, "text": 7}',
              '{"id": "n", "text": "x", "published": 1e400}', '{"text": ""}')
    return cases


def _unix_socket(path: Path) -> Path:
    import socket

    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))  # left bound: the file stays a socket while the test runs
    _SOCKETS.append(s)
    return path


_SOCKETS: list[Any] = []
