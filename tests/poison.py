"""Documents each with one bad field, as a hostile or careless input has them; the tests
of every path (extract, ingest, the API) read them."""

from __future__ import annotations

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
