"""`--reader fast` (FastWARC and Resiliparse): the same records, numbers, metadata and
errors as the accurate path, text close to trafilatura's, and no act lost (issue 15)."""

from __future__ import annotations

import gzip
import io
import json
import logging
import random
import sys
import zlib
from pathlib import Path

import brotli
import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clampdown.cli import app
from clampdown.errors import InputError
from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.ingest.fast import _decoded, page_from_markup_fast, trim_tail
from clampdown.ingest.html import PageError
from clampdown.model import Document
from clampdown.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"
WARCS = ["warc/telegram-fine.warc.gz", "warc/mixed.warc", "bad/truncated.warc",
         "bad/truncated.warc.gz"]
RELEVANT_NEWS = ("fundus__us__CNBC", "newspaper__nypost.com1")
Item = Document | InputError


def both(path: Path | str, **kw: object) -> tuple[list[Item], list[Item]]:
    return (
        list(read_documents([str(path)], reader="accurate", **kw)),  # type: ignore[arg-type]
        list(read_documents([str(path)], reader="fast", **kw)),  # type: ignore[arg-type]
    )


def facts(items: list[Item]) -> list[object]:
    """What both paths must agree on: every error, and each document but its text."""
    return [
        str(i) if isinstance(i, InputError)
        else (i.id, i.source, i.url, i.published, i.lang, i.title)
        for i in items
    ]


@pytest.mark.parametrize("name", WARCS)
def test_warcs_give_the_same_records_metadata_and_errors(name: str) -> None:
    accurate, fast = both(DATA / name)
    assert facts(fast) == facts(accurate)
    for a, f in zip(accurate, fast, strict=True):
        if isinstance(a, Document) and isinstance(f, Document):
            paragraphs = [line for line in a.text.split("\n") if len(line.split()) >= 8]
            assert paragraphs and all(p in f.text for p in paragraphs), f.text


def test_a_record_over_the_document_limit_is_skipped_alike() -> None:
    accurate, fast = both(DATA / "warc" / "telegram-fine.warc.gz",
                          settings=Settings(max_document_bytes=1500))
    assert facts(fast) == facts(accurate)
    assert isinstance(fast[0], InputError) and "over max_document_bytes" in fast[0].reason


def test_html_files_read_alike(tmp_path: Path) -> None:
    accurate, fast = both(DATA / "article" / "telegram-fine.html")
    assert facts(fast) == facts(accurate)
    hopeless = tmp_path / "hopeless.html"
    hopeless.write_text("<html><body><div><span></td><p", encoding="utf-8")
    accurate, fast = both(hopeless)
    assert facts(fast) == facts(accurate)


def test_events_of_the_fixtures_are_the_same() -> None:
    for name in ("warc/telegram-fine.warc.gz", "warc/mixed.warc", "article/telegram-fine.html"):
        accurate, fast = both(DATA / name)
        assert [acts(i) for i in fast] == [acts(i) for i in accurate]


def acts(item: Item) -> set[tuple[str, str | None, str | None]]:
    if isinstance(item, InputError):
        return set()
    return {(e.type, e.target, e.country) for e in extract(item).events}


def test_http_encodings_are_undone_as_warcio_undoes_them() -> None:
    class Headers(dict[str, str]):
        pass

    body = b"<html><body><p>" + b"Roskomnadzor fined Telegram. " * 50 + b"</p></body></html>"
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100])
                       for i in range(0, len(body), 100)) + b"0\r\n\r\n"
    assert _decoded(chunked, Headers({"Transfer-Encoding": "chunked"}), 10**6) == body
    assert _decoded(gzip.compress(body), Headers({"Content-Encoding": "gzip"}), 10**6) == body
    raw_deflate = zlib.compressobj(wbits=-15)
    deflated = raw_deflate.compress(body) + raw_deflate.flush()
    assert _decoded(deflated, Headers({"Content-Encoding": "deflate"}), 10**6) == body
    assert _decoded(brotli.compress(body), Headers({"Content-Encoding": "br"}), 10**6) == body
    # Said to be compressed but plain, or not chunked after all: taken as it is.
    assert _decoded(body, Headers({"Content-Encoding": "gzip"}), 10**6) == body
    assert _decoded(body, Headers({"Transfer-Encoding": "chunked"}), 10**6) == body
    # A bomb costs at most the limit plus one byte.
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(_decoded(bomb, Headers({"Content-Encoding": "gzip"}), 1000)) == 1001
    # One cut short gives what came before the cut, as warcio does.
    large = random.Random(1).randbytes(400_000).hex().encode()
    cut = _decoded(gzip.compress(large)[:300_000], Headers({"Content-Encoding": "gzip"}), 10**7)
    assert 0 < len(cut) < len(large) and large.startswith(cut)


def test_trailing_furniture_goes_and_the_article_stays() -> None:
    paragraph = "The regulator said on Friday that the messenger had ignored " * 2
    text = f"Headline\n{paragraph}\nMore from Thuringia\nContact:\nA last sentence."
    assert trim_tail(text) == f"Headline\n{paragraph}\nA last sentence."
    assert trim_tail("Short\nlines\nonly") == "Short\nlines\nonly"


def test_pages_without_text_and_fragments() -> None:
    with pytest.raises(PageError):
        page_from_markup_fast("<html><body><script>var x = 1;</script></body></html>")
    page = page_from_markup_fast("<p>Roskomnadzor fined Telegram on Friday.</p>")
    assert page.text == "Roskomnadzor fined Telegram on Friday."
    # Everything inside a <noscript> left open is still read.
    page = page_from_markup_fast(
        "<html lang='en'><head><title>A fine</title></head><body><noscript><div>"
        "<article><h1>A fine</h1><p>" + "Roskomnadzor fined Telegram on Friday. " * 5
        + "</p></article></body></html>"
    )
    assert "Roskomnadzor fined Telegram" in page.text and page.lang == "en"


def test_unknown_reader_is_refused() -> None:
    with pytest.raises(ValueError, match="reader 'quick'"):
        list(read_documents([str(DATA / "article")], reader="quick"))
    result = CliRunner().invoke(app, ["extract", str(DATA / "article"), "--reader", "quick"])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_commands_take_the_option(command: str, tmp_path: Path) -> None:
    warc = str(DATA / "warc" / "telegram-fine.warc.gz")
    args = [command, warc, "--reader", "fast"]
    if command == "ingest":
        args += ["--db", f"sqlite:///{tmp_path / 'x.db'}", "--jobs", "1"]
    else:
        args += ["--format", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    if command == "extract":
        lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert [r["events"][0]["target"] for r in lines] == ["Telegram", "Telegram"]


PREFIXES = [b"WARC/1.0\r\n", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
            b"<html><body><p>", b"<!doctype html><noscript><div>"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=400))
def test_reading_any_bytes_fast_never_raises(prefix: bytes, body: bytes) -> None:
    class Stdin:
        buffer = io.BufferedReader(io.BytesIO(prefix + body))  # type: ignore[arg-type]

    real, sys.stdin = sys.stdin, Stdin  # type: ignore[assignment]
    try:
        items = list(read_documents(["-"], reader="fast"))
    finally:
        sys.stdin = real
    assert items and all(isinstance(i, Document | InputError) for i in items)


@pytest.mark.slow  # 240 pages through trafilatura and Resiliparse
def test_real_pages_keep_and_drop_snippets_within_five_points_of_trafilatura(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_web_pages import rates

    root = shared / "data" / "web-pages"
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    items = list(read_documents([str(root / "pages")], reader="fast"))
    assert [i for i in items if isinstance(i, InputError)] == []
    fast = {f"{d.id}.html": d.text for d in items if isinstance(d, Document)}
    assert set(fast) == set(expected)
    theirs = {
        name: trafilatura.extract((root / "pages" / name).read_bytes()) or ""
        for name in expected
    }
    ok_w, n_w, ok_wo, n_wo = rates(fast, expected)
    t_w, _, t_wo, _ = rates(theirs, expected)
    with capsys.disabled():
        print(
            f"\nweb pages, fast reader: 'with' kept {ok_w}/{n_w} ({ok_w / n_w:.1%}), "
            f"trafilatura {t_w}/{n_w} ({t_w / n_w:.1%}); 'without' dropped "
            f"{ok_wo}/{n_wo} ({ok_wo / n_wo:.1%}), trafilatura {t_wo}/{n_wo} ({t_wo / n_wo:.1%})"
        )
    assert ok_w / n_w >= t_w / n_w - 0.05
    assert ok_wo / n_wo >= t_wo / n_wo - 0.05


@pytest.mark.slow  # every real page read both ways and extracted
@pytest.mark.parametrize("where", ["news-pages", "web-pages"])
def test_no_act_is_lost_on_real_pages(shared: Path, where: str) -> None:
    """Every act (document, type, target, country) the accurate path finds, the fast path
    finds too, and it finds acts on no page where the accurate path finds none."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    found: dict[str, dict[str, set[tuple[str, str | None, str | None]]]] = {}
    for reader in ("accurate", "fast"):
        items = list(read_documents([str(shared / "data" / where / "pages")], reader=reader))
        assert [i for i in items if isinstance(i, InputError)] == []
        found[reader] = {d.id: acts(d) for d in items if isinstance(d, Document)}
    accurate, fast = found["accurate"], found["fast"]
    assert set(fast) == set(accurate)
    lost = {doc: acts_ - fast[doc] for doc, acts_ in accurate.items() if acts_ - fast[doc]}
    assert lost == {}
    extra = {doc for doc, acts_ in fast.items() if acts_ and not accurate[doc]}
    assert extra == set()
    if where == "news-pages":
        cnbc = next(a for doc, a in fast.items() if doc.startswith(RELEVANT_NEWS[0]))
        assert ("BLOCK", "TikTok", "US") in cnbc
