"""Regenerate the binary test fixtures from the text ones beside them.

The compressed files, WARC archives, legacy-charset files and cut-short copies are made
from our own article (article/telegram-fine.*, charset/ru-utf8.txt), deterministically
(fixed record ids, dates and gzip timestamps), so a rerun changes no byte.

    python tests/data/make_fixtures.py
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "article"
CHARSET = HERE / "charset"
COMPRESSED = HERE / "compressed"
WARC = HERE / "warc"
BAD = HERE / "bad"
DATE = "2022-03-05T07:30:00Z"


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def ru_html(text: str, charset: str) -> str:
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p.strip()}</p>\n" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="{charset}">'
        f"<title>{title}</title>"
        '<meta property="article:published_time" content="2022-03-05T09:00:00+03:00">'
        f"</head>\n<body><nav>Главная | Новости | Технологии</nav>\n"
        f"<article><h1>{title}</h1>\n{body}</article>\n"
        "<footer>© 2022 Пример</footer></body></html>\n"
    )


def charset_files() -> None:
    ru = (CHARSET / "ru-utf8.txt").read_text(encoding="utf-8")
    write(CHARSET / "ru-cp1251.txt", ru.encode("cp1251"))
    write(CHARSET / "ru-cp1251.html", ru_html(ru, "windows-1251").encode("cp1251"))
    # No declaration at all: the bytes alone must tell.
    undeclared = ru_html(ru, "x").replace('<meta charset="x">', "")
    write(CHARSET / "ru-undeclared-cp1251.html", undeclared.encode("cp1251"))
    article = (ARTICLE / "telegram-fine.txt").read_text(encoding="utf-8")
    latin = article.replace("MOSCOW —", "MOSCOW (Café Pushkin) -").replace("—", "-")
    write(CHARSET / "en-latin1.txt", latin.encode("latin-1"))


def compressed_files() -> None:
    txt = (ARTICLE / "telegram-fine.txt").read_bytes()
    html = (ARTICLE / "telegram-fine.html").read_bytes()
    write(COMPRESSED / "telegram-fine.txt.gz", gz(txt))
    write(COMPRESSED / "telegram-fine.html.bz2", bz2.compress(html))
    write(COMPRESSED / "page-without-suffix.gz", gz(html))  # what it holds is sniffed
    lines = [
        {"id": "gz-1", "text": txt.decode(), "published": "2022-03-05", "lang": "en"},
        {"id": "gz-2", "text": "Nothing happened today.", "published": "2022-03-05"},
    ]
    write(COMPRESSED / "news.jsonl.gz", gz("".join(json.dumps(r) + "\n" for r in lines).encode()))


def response(
    writer: WARCWriter,
    number: int,
    url: str,
    body: bytes,
    content_type: str,
    status: str = "200 OK",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    http = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            "WARC-Date": DATE,
        },
    )
    writer.write_record(record)


def warcinfo(writer: WARCWriter, name: str) -> None:
    info = {
        "software": "clampdown test fixtures",
        "isPartOf": "CC-NEWS",
        "description": "News crawl in the layout of Common Crawl News",
        "format": "WARC File Format 1.0",
    }
    record = writer.create_warcinfo_record(name, info)
    record.rec_headers.replace_header("WARC-Date", DATE)
    record.rec_headers.replace_header(
        "WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000000>"
    )
    writer.write_record(record)


def warc_files() -> None:
    html = (ARTICLE / "telegram-fine.html").read_bytes()
    ru = (CHARSET / "ru-utf8.txt").read_text(encoding="utf-8")
    url = "https://wire.example.org/2022/03/05/telegram-fine"

    # Common Crawl News layout: WARC/1.0, one gzip member per record, warcinfo then
    # response records only.
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.0")
    warcinfo(writer, "telegram-fine.warc.gz")
    response(writer, 1, url, html, "text/html; charset=utf-8")
    response(
        writer,
        2,
        "https://novosti.example.ru/2022/03/05/telegram",
        ru_html(ru, "windows-1251").encode("cp1251"),
        "text/html; charset=windows-1251",
    )
    response(writer, 3, "https://wire.example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
    response(writer, 4, "https://wire.example.org/old", b"", "text/html", "301 Moved Permanently")
    write(WARC / "telegram-fine.warc.gz", out.getvalue())
    whole = out.getvalue()
    write(BAD / "truncated.warc.gz", whole[: len(whole) * 2 // 3])

    # An uncompressed WARC/1.1 with the other record types a crawl holds.
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    warcinfo(writer, "mixed.warc")
    request = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            "GET /2022/03/05/telegram-fine HTTP/1.1",
            [("Host", "wire.example.org")],
            is_http_request=True,
        ),
        warc_headers_dict={
            "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000010>",
            "WARC-Date": DATE,
        },
    )
    writer.write_record(request)
    response(writer, 11, url, gz(html), "text/html", extra=[("Content-Encoding", "gzip")])
    response(
        writer, 12, "https://wire.example.org/missing", b"<html>gone</html>", "text/html",
        "404 Not Found",
    )
    conversion = writer.create_warc_record(
        "https://novosti.example.ru/2022/03/05/telegram",
        "conversion",
        payload=io.BytesIO(ru.encode("utf-8")),
        warc_content_type="text/plain",
        warc_headers_dict={
            "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000013>",
            "WARC-Date": DATE,
        },
    )
    writer.write_record(conversion)
    write(WARC / "mixed.warc", out.getvalue())
    whole = out.getvalue()
    write(BAD / "truncated.warc", whole[: len(whole) - 300])


def bad_files() -> None:
    txt_gz = gz((ARTICLE / "telegram-fine.txt").read_bytes() * 20)
    write(BAD / "truncated.txt.gz", txt_gz[: len(txt_gz) // 2])
    write(BAD / "not-really.txt", bytes(range(256)) * 4)  # binary, whatever its name says


def main() -> None:
    charset_files()
    compressed_files()
    warc_files()
    bad_files()


if __name__ == "__main__":
    main()
