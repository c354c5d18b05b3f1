"""The same article gives the same events whatever it arrives in (issue 3).

Our own article (tests/data/article) as .txt, .html, RSS and Atom entries, WARC records
and compressed files; and the seed article with its boilerplate, wrapped as a web page,
scored by the shared scorer against the seed gold.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from clampdown.errors import InputError
from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.model import Document

DATA = Path(__file__).resolve().parents[1] / "data"
PUBLISHED = date(2022, 3, 5)
FIELDS = ("type", "actor", "target", "country", "amount", "currency", "date", "status")


def first_document(path: Path) -> Document:
    item = next(iter(read_documents([str(path)], published=PUBLISHED)))
    assert isinstance(item, Document), item
    return item


def events(doc: Document) -> list[tuple[object, ...]]:
    found = extract(doc).events
    for ev in found:
        assert doc.text[ev.start : ev.end] == ev.evidence
    return [(*(getattr(ev, f) for f in FIELDS), ev.evidence) for ev in found]


@pytest.mark.parametrize(
    "path",
    [
        "article/telegram-fine.html",
        "article/telegram-fine.rss",
        "article/telegram-fine.atom",
        "warc/telegram-fine.warc.gz",
        "warc/mixed.warc",
        "compressed/telegram-fine.txt.gz",
        "compressed/telegram-fine.html.bz2",
    ],
)
def test_same_events_as_the_text_file(path: str) -> None:
    expected = events(first_document(DATA / "article" / "telegram-fine.txt"))
    assert [e[0] for e in expected] == ["FINE", "FINE"]  # "ordered Google to pay" is the fine
    fine = expected[0]
    assert fine[:8] == (
        "FINE", "Roskomnadzor", "Telegram", "RU", 3_000_000, "RUB", "2022-03-04", "done"
    )
    doc = first_document(DATA / path)
    assert doc.published == PUBLISHED and doc.lang == "en"
    assert events(doc) == expected


def test_same_russian_events_from_utf8_and_windows_1251() -> None:
    expected = events(first_document(DATA / "charset" / "ru-utf8.txt"))
    assert expected[0][:3] == ("FINE", "Roskomnadzor", "Telegram")
    for name in ("ru-cp1251.txt", "ru-cp1251.html", "ru-undeclared-cp1251.html"):
        assert events(first_document(DATA / "charset" / name)) == expected, name


def test_scraped_copy_gives_the_same_events() -> None:
    expected = events(first_document(DATA / "article" / "telegram-fine.txt"))
    assert events(first_document(DATA / "cleanup" / "scraped.txt")) == expected


def seed_page(article: str, published: str) -> str:
    """The seed as a blog that republished it: the scraped boilerplate lines become a skip
    link, the headline, paragraphs, and the "Source link" at the end of the post."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    assert lines[0] == "Skip to content" and lines[-1] == "Source link"
    title, body = lines[1], lines[2:-1]
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="article:published_time" content="{published}T09:00:00+00:00"></head>
<body><a class="skip-link" href="#content">Skip to content</a>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/tech">Tech</a></nav>
<main id="content"><article><h1>{html.escape(title)}</h1>
{paragraphs}
<p><a href="https://www.rt.com/">Source link</a></p>
</article></main>
<footer><p>Copyright 2021. All rights reserved.</p></footer></body></html>
"""


def test_seed_article_as_html_gives_exactly_the_seed_gold(shared: Path, tmp_path: Path) -> None:
    seed = json.loads((shared / "data" / "seed-docs.jsonl").read_text(encoding="utf-8"))
    assert seed["id"] == "seed"
    page = tmp_path / f"{seed['id']}.html"
    article = (shared / "data" / "seed-article.txt").read_text(encoding="utf-8")
    page.write_text(seed_page(article, seed["published"]), encoding="utf-8")
    system = tmp_path / "system.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "clampdown", "extract", str(page), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    system.write_text(proc.stdout, encoding="utf-8")
    (doc,) = [d for d in read_documents([str(page)]) if not isinstance(d, InputError)]
    assert (doc.id, doc.published, doc.lang) == ("seed", date(2021, 9, 16), "en")
    assert "Skip to content" not in doc.text and "Source link" not in doc.text
    score = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(shared / "data" / "seed-gold.jsonl"),
            str(system),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(score.stdout)
    assert (result["fp"], result["fn"]) == (0, 0), result
    assert result["tp"] == 8 and result["f1"] == 1.0
    assert all(acc == 1.0 for acc in result["field_accuracy"].values()), result
