"""Each input format read from the fixtures in tests/data: HTML, feeds, WARC, compressed,
legacy character sets, and what sniffing makes of misnamed files."""

from __future__ import annotations

import gzip
import io
import sys
from datetime import date
from pathlib import Path

import pytest

from clampdown.errors import InputError
from clampdown.ingest import read_documents
from clampdown.ingest.charset import decode
from clampdown.ingest.html import page_from_markup, parse_date, read_page
from clampdown.ingest.sniff import (
    BINARY,
    BZ2,
    FEED,
    GZIP,
    HTML,
    JSONL,
    TEXT,
    UTF16,
    WARC,
    XML,
    sniff,
    strip_suffixes,
)
from clampdown.model import Document
from clampdown.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = DATA / "article"
LEDE = "MOSCOW — Roskomnadzor fined Telegram 3 million rubles on Friday"
RU_LEDE = "МОСКВА — Роскомнадзор в пятницу оштрафовал мессенджер Telegram"


def read(*paths: str | Path, **kw: object) -> list[Document | InputError]:
    return list(read_documents([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def docs(items: list[Document | InputError]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return items  # type: ignore[return-value]


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head,name,kind",
    [
        (b'{"id": 1}', "x.data", JSONL),
        (b"Plain words.", "x.jsonl", JSONL),  # the suffix settles what bytes leave open
        (b"Plain words.", "x.txt", TEXT),
        (b"Plain words.", "", TEXT),
        (b"<!DOCTYPE html><html><body>", "page.txt", HTML),  # content beats the suffix
        (b"\xef\xbb\xbf  <html lang=en>", "", HTML),
        (b"<div><p>fragment</p></div>", "", HTML),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed.txt", FEED),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "", FEED),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "", HTML),
        (b'<?xml version="1.0"?><urlset>', "sitemap.xml", XML),
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "crawl.bin", WARC),
        (b"\x1f\x8b\x08\x00", "news.jsonl", GZIP),
        (b"BZh91AY&SY", "", BZ2),
        (b"%PDF-1.7\n", "paper.txt", BINARY),
        (b"abc\x00def", "", BINARY),
        (b"\xff\xfeh\x00i\x00", "", UTF16),
    ],
)
def test_sniff(head: bytes, name: str, kind: str) -> None:
    assert sniff(head, name) == kind


def test_sniff_uses_content_type_for_untagged_text() -> None:
    assert sniff(b"Some text without tags", "", "text/html; charset=utf-8") == HTML


@pytest.mark.parametrize(
    "name,stem",
    [("a.txt", "a"), ("b/c.warc.gz", "b/c"), ("d.html.bz2", "d"), ("e.gz", "e"), ("f", "f")],
)
def test_strip_suffixes(name: str, stem: str) -> None:
    assert strip_suffixes(name) == stem


# --- HTML ---------------------------------------------------------------------------------


def test_html_page_text_and_metadata() -> None:
    page = read_page((ARTICLE / "telegram-fine.html").read_bytes())
    assert page.title == "Russian regulator fines Telegram over banned channels"
    assert page.published == date(2022, 3, 5)
    assert page.site_name == "The Example Wire"
    assert page.author == "Anna Example"
    assert page.url == "https://wire.example.org/2022/03/05/telegram-fine"
    assert page.lang == "en"
    assert page.text.startswith("Russian regulator fines Telegram over banned channels\n" + LEDE)
    for furniture in ("Skip to content", "cookies", "Related stories", "7 billion", "©"):
        assert furniture not in page.text


def test_html_document_fields() -> None:
    (doc,) = docs(read(ARTICLE / "telegram-fine.html", published=date(2000, 1, 1)))
    assert doc.id == "telegram-fine"
    assert doc.published == date(2022, 3, 5)  # the page's own date beats the default
    assert (doc.lang, doc.title) == ("en", "Russian regulator fines Telegram over banned channels")
    assert doc.url == "https://wire.example.org/2022/03/05/telegram-fine"


def test_html_metadata_from_json_ld_and_relative_canonical() -> None:
    html = (
        '<html><head><title>T</title><link rel="canonical" href="/story/1">'
        '<meta property="article:modified_time" content="2021-09-20">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-09-16T08:00:00Z", "author": {"@type": "Person", '
        '"name": "Ivan Example"}}</script></head><body><article><p>'
        + "Roskomnadzor warned Google on Thursday about banned content. " * 5
        + "</p></article></body></html>"
    )
    page = page_from_markup(html, url="https://news.example.org/x?utm=1")
    assert page.published == date(2021, 9, 16)  # published beats modified
    assert page.author == "Ivan Example"
    assert page.url == "https://news.example.org/story/1"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2022-03-05T10:00:00+03:00", date(2022, 3, 5)),
        ("2022-3-5", date(2022, 3, 5)),
        ("Sat, 05 Mar 2022 10:00:00 +0300", date(2022, 3, 5)),
        ("1970-01-01", None),  # a template's zero date
        ("yesterday", None),
        ("2022-02-30", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_html_fragment() -> None:
    assert page_from_markup("<p>Roskomnadzor fined Telegram.</p>").text == (
        "Roskomnadzor fined Telegram."
    )


def test_html_without_any_text_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>x</title></head><body><img src=a.png></body></html>")
    (err,) = read(f)
    assert isinstance(err, InputError) and err.skipped
    assert err.reason == "no article text found in the page"


# --- feeds --------------------------------------------------------------------------------


def test_rss_entries_full_text_and_summary() -> None:
    full, summary = docs(read(ARTICLE / "telegram-fine.rss"))
    assert full.id == "wire-2022-03-05-telegram-fine"
    assert full.source == f"{ARTICLE / 'telegram-fine.rss'}#1"
    assert full.published == date(2022, 3, 5)  # as the publisher wrote it, not UTC
    assert (full.lang, full.url) == ("en", "https://wire.example.org/2022/03/05/telegram-fine")
    assert LEDE in full.text and "Telegram did not respond" in full.text  # content:encoded
    assert summary.id == "https://wire.example.org/2022/03/04/vpn-warning"
    assert summary.text == (
        "Regulator warns VPN providers\n"
        "Roskomnadzor warned four VPN providers on Friday that their services could be blocked."
    )
    assert summary.published == date(2022, 3, 4)


def test_atom_entry() -> None:
    (entry,) = docs(read(ARTICLE / "telegram-fine.atom"))
    assert entry.id == "tag:wire.example.org,2022:telegram-fine"
    assert entry.published == date(2022, 3, 5)
    assert LEDE in entry.text


def test_feed_entry_without_text_is_skipped(tmp_path: Path) -> None:
    f = tmp_path / "thin.rss"
    f.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Only a title</title></item>"
        "<item><title>Story</title><description>Roskomnadzor fined Google.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    err, doc = read(f)
    assert isinstance(err, InputError) and err.reason == "entry 1: entry has no text or summary"
    assert isinstance(doc, Document) and doc.text == "Story\nRoskomnadzor fined Google."


# --- WARC ---------------------------------------------------------------------------------


def test_common_crawl_news_style_warc_gz() -> None:
    """WARC/1.0, a gzip member per record, warcinfo then responses (as CC-NEWS files)."""
    en, ru = docs(read(DATA / "warc" / "telegram-fine.warc.gz"))
    assert en.id == "urn:uuid:00000000-0000-4000-8000-000000000001"
    assert en.url == "https://wire.example.org/2022/03/05/telegram-fine"
    assert en.published == date(2022, 3, 5)
    assert LEDE in en.text
    assert ru.lang == "ru" and RU_LEDE in ru.text  # Windows-1251 named by the HTTP header
    assert ru.url == "https://novosti.example.ru/2022/03/05/telegram"
    # The PNG and the 301 response are not documents, and not errors either.


def test_warc_with_other_record_types() -> None:
    """Requests, 404s and warcinfo pass silently; a gzip Content-Encoding is undone; a WET
    text conversion is read as text."""
    page, conversion = docs(read(DATA / "warc" / "mixed.warc"))
    assert LEDE in page.text and page.published == date(2022, 3, 5)
    assert page.source == f"{DATA / 'warc' / 'mixed.warc'}#3"
    assert RU_LEDE in conversion.text and conversion.lang == "ru"
    assert conversion.published == date(2022, 3, 5)  # the record's WARC-Date


def test_warc_record_over_document_limit_is_skipped_and_the_rest_read() -> None:
    warc = DATA / "warc" / "telegram-fine.warc.gz"
    err, ru = read(warc, settings=Settings(max_document_bytes=1500))
    assert isinstance(err, InputError) and err.skipped
    assert err.reason == "record 2 is 2.204 KiB, over max_document_bytes (1.465 KiB)"
    assert str(err).endswith("telegram-fine.warc.gz: " + err.reason + "; skipped")
    assert isinstance(ru, Document)


# --- compressed ---------------------------------------------------------------------------


def test_compressed_files() -> None:
    txt, html, sniffed, jsonl1, jsonl2 = docs(
        read(
            DATA / "compressed" / "telegram-fine.txt.gz",
            DATA / "compressed" / "telegram-fine.html.bz2",
            DATA / "compressed" / "page-without-suffix.gz",
            DATA / "compressed" / "news.jsonl.gz",
        )
    )
    assert txt.id == html.id == "telegram-fine"
    assert txt.text == (ARTICLE / "telegram-fine.txt").read_text(encoding="utf-8")
    assert LEDE in html.text and html.published == date(2022, 3, 5)
    assert sniffed.id == "page-without-suffix" and LEDE in sniffed.text
    assert (jsonl1.id, jsonl2.id) == ("gz-1", "gz-2")
    assert jsonl2.source == f"{DATA / 'compressed' / 'news.jsonl.gz'}:2"


def test_decompressed_size_limit_applies_after_decompression(tmp_path: Path) -> None:
    f = tmp_path / "bomb.jsonl.gz"
    line = b'{"id": "x", "text": "' + b"a" * 1000 + b'"}\n'
    f.write_bytes(gzip.compress(line * 2000))  # 2 MB that compresses to a few KB
    assert f.stat().st_size < 20_000
    items = read(f, settings=Settings(max_decompressed_bytes=100_000))
    err = items[-1]
    assert isinstance(err, InputError) and err.skipped
    assert "decompresses to more than max_decompressed_bytes (97.66 KiB)" in err.reason
    assert 0 < len(items) - 1 < 100  # the documents before the limit were read


def test_compressed_twice_is_not_unpacked(tmp_path: Path) -> None:
    f = tmp_path / "twice.gz"
    f.write_bytes(gzip.compress(gzip.compress(b"text")))
    (err,) = read(f)
    assert isinstance(err, InputError) and "compressed data inside compressed data" in err.reason


# --- character sets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["ru-cp1251.txt", "ru-cp1251.html", "ru-undeclared-cp1251.html"]
)
def test_windows_1251(name: str) -> None:
    (doc,) = docs(read(DATA / "charset" / name))
    assert RU_LEDE in doc.text and doc.lang == "ru"


def test_latin1_text() -> None:
    (doc,) = docs(read(DATA / "charset" / "en-latin1.txt"))
    assert "MOSCOW (Café Pushkin) - Roskomnadzor fined Telegram" in doc.text


def test_declared_charset_wins_over_guessing() -> None:
    data = "Москва".encode("cp1251")
    assert decode(data) == "Москва"
    assert decode(data, "windows-1252") == "Ìîñêâà"  # trusted, as browsers trust it
    assert decode("Москва".encode("koi8-r")) == "Москва"


def test_stdin_gzip_html(monkeypatch: pytest.MonkeyPatch) -> None:
    html = (ARTICLE / "telegram-fine.html").read_bytes()

    class Stdin:
        buffer = io.BufferedReader(io.BytesIO(gzip.compress(html)))  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "stdin", Stdin)
    (doc,) = docs(read("-"))
    assert doc.id == "stdin" and LEDE in doc.text and doc.source == "<stdin>"


# --- folders: include and exclude -----------------------------------------------------------


def test_folder_reads_every_known_kind(tmp_path: Path) -> None:
    for name in ("telegram-fine.html", "telegram-fine.rss", "telegram-fine.txt"):
        (tmp_path / name).write_bytes((ARTICLE / name).read_bytes())
    (tmp_path / "sub").mkdir()
    warc = (DATA / "warc" / "telegram-fine.warc.gz").read_bytes()
    (tmp_path / "sub" / "c.warc.gz").write_bytes(warc)
    (tmp_path / "notes.md").write_text("not read by default")
    items = docs(read(tmp_path))
    assert [d.source for d in items] == [
        f"{tmp_path / 'sub' / 'c.warc.gz'}#2",
        f"{tmp_path / 'sub' / 'c.warc.gz'}#3",
        str(tmp_path / "telegram-fine.html"),
        f"{tmp_path / 'telegram-fine.rss'}#1",
        f"{tmp_path / 'telegram-fine.rss'}#2",
        str(tmp_path / "telegram-fine.txt"),
    ]


def test_folder_include_and_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "keep" / "a.md").write_text("Roskomnadzor fined Google.")
    (tmp_path / "keep" / "b.txt").write_text("Roskomnadzor fined Apple.")
    (tmp_path / "drafts" / "c.md").write_text("Draft.")
    (tmp_path / "keep" / "d.MD").write_text("Upper-case suffix.")
    ids = [d.id for d in docs(read(tmp_path, include=["*.md"], exclude=["drafts"]))]
    assert ids == ["keep/a", "keep/d"]
    ids = [d.id for d in docs(read(tmp_path, exclude=["keep/b.txt"]))]
    assert ids == []
