"""A small generated corpus that exercises linking: one act reported by several outlets,
wire copies and exact repeats, an undated copy, acts either side of a month's end, and the
same platform fined twice. Written by these tests; the stories are invented."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FOOTER = "\n\nSource link"

# (id, published, text): JSON Lines documents.
STORIES: list[tuple[str, str | None, str]] = [
    (
        "wire-telegram",
        "2022-03-05",
        "MOSCOW (Reuters) - Russia's communications regulator Roskomnadzor fined Telegram "
        "3 million roubles on Friday for failing to remove banned channels.\n\nThe regulator "
        "said the messenger had ignored repeated requests to delete the material. Telegram "
        "did not respond to a request for comment.",
    ),
    (
        "daily-telegram",
        "2022-03-06",
        "Telegram has been ordered to pay a fine of 3 million rubles. Roskomnadzor fined "
        "Telegram on March 4, saying the service kept channels it had been told to take "
        "down.\n\nIt is the third penalty for the messenger this year.",
    ),
    (
        "daily-google",
        "2022-01-31",
        "A Moscow court fined Google 2 million rubles on January 30 for failing to delete "
        "prohibited content, the court said.\n\nGoogle said it would study the ruling.",
    ),
    (
        "weekly-google",
        "2022-02-03",
        "Russia's Tagansky District Court fined Google 2 million rubles on February 1 over "
        "content the authorities consider illegal.\n\nThe company has paid earlier fines.",
    ),
    (
        "daily-twitter",
        "2021-03-11",
        "Roskomnadzor slowed down Twitter on March 10, saying the platform had failed to "
        "remove thousands of posts.\n\nThe regulator threatened to block Twitter entirely.",
    ),
    (
        "later-telegram",
        "2022-09-16",
        "Roskomnadzor fined Telegram 11 million rubles on September 15 for refusing to "
        "localise the data of Russian users.\n\nTelegram refused to comment.",
    ),
    (
        "nothing",
        "2022-03-07",
        "The weather in Moscow was mild this week, and the city's parks were full.",
    ),
]


def jsonl_records() -> list[dict[str, Any]]:
    """The JSON Lines corpus: the stories, a wire copy with a footer, an exact repeat under
    another id, and an undated copy of the wire story under its own headline."""
    recs = [{"id": i, "published": p, "lang": "en", "text": t} for i, p, t in STORIES]
    wire = recs[0]
    recs.insert(2, {**wire, "id": "aggregator-telegram", "text": wire["text"] + FOOTER})
    recs.append({**recs[1], "id": "repeat-daily-telegram"})
    recs.append({**wire, "id": "undated-telegram", "published": None,
                 "text": "Telegram fined in Moscow\n\n" + wire["text"]})
    return recs


def write_jsonl(path: Path, records: list[dict[str, Any]] | None = None) -> Path:
    records = jsonl_records() if records is None else records
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


# (url, capture day, headline, paragraphs): pages of the WARC.
PAGES: list[tuple[str, date, str, list[str]]] = [
    (
        "https://news.example.org/2022/03/telegram-fine",
        date(2022, 3, 5),
        "Regulator fines Telegram",
        [
            "Roskomnadzor fined Telegram 3 million roubles on Friday for failing to remove "
            "banned channels, the regulator said in a statement on its website.",
            "The messenger has been fined several times for the same reason. Its press "
            "service did not answer questions about the penalty.",
        ],
    ),
    (
        "https://news.example.org/2022/02/google-fine",
        date(2022, 2, 2),
        "Google fined again in Moscow",
        [
            "The Tagansky District Court fined Google 2 million rubles on Tuesday for not "
            "deleting content that Russian authorities consider illegal.",
            "Google has been fined repeatedly in Russia over the past year, and has paid "
            "some of the fines.",
        ],
    ),
    (
        "https://news.example.org/2022/09/whatsapp",
        date(2022, 9, 20),
        "WhatsApp warned",
        [
            "Roskomnadzor warned WhatsApp on Monday that it could be blocked if it did not "
            "store the data of Russian users in Russia.",
            "WhatsApp did not comment on the warning.",
        ],
    ),
]


def page_html(headline: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang=\"en\"><head><title>{headline}</title></head><body>"
        f"<nav><a href=\"/\">Home</a></nav><article><h1>{headline}</h1>{body}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()


def write_warc(path: Path, *, gzip: bool = True, extra: list[bytes] | None = None) -> Path:
    """A WARC of the pages (each with its request record, as crawlers write them); `extra`
    raw bytes are appended after the second page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for n, (url, day, headline, paragraphs) in enumerate(PAGES):
        stamp = f"{day.isoformat()}T08:00:00Z"
        req = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(url, "request", http_headers=req,
                                      warc_headers_dict={"WARC-Date": stamp})
        )
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(page_html(headline, paragraphs)),
                http_headers=http, warc_headers_dict={"WARC-Date": stamp},
            )
        )
        if n == 1 and extra:
            for raw in extra:
                buf.write(raw)
    path.write_bytes(buf.getvalue())
    return path
