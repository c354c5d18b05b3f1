"""Extraction speed and memory: documents/second per language and peak RSS, one process.

The corpus repeats the shared dev set (English and Russian) until it holds at least 5 MB of
text (ids made unique), and the bench's own Turkish, Portuguese and German articles
(`bench/corpus/<code>.txt`, written for the bench: state acts on platforms, amounts,
dates, and ordinary news with no act) until each language holds at least 1 MB. Those
articles are shorter than the dev set's documents, so consecutive ones are joined, as
paragraphs, into documents of at least the dev set's mean size. Every document goes
through the same `extract` the CLI uses; each language is timed on its own, then all, by
the wall clock and by the process's CPU time (what one core of its own would do where the
machine is shared).

Then ordinary news: the English and Russian pages of the shared news-pages set (most of
them report no act), read as the CLI reads them and extracted a few times over, per CPU
second (and once with the prefilter off: every sentence read), next to one `\\w+`
tokenising pass over the same texts (what extraction costs in such passes), and the
language identification a page that names no language of its own costs.

    python bench/extract.py [--min-mb 5] [--min-mb-each 1] [--dev PATH] [--news PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from datetime import date
from pathlib import Path

from clampdown.extract.pipeline import extract, gazetteer
from clampdown.model import Document

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "devset" / "docs.jsonl"
DEFAULT_NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-pages" / "pages"
NEWS_ROUNDS = 5  # the news pages are few: each is extracted this many times
WRITTEN = Path(__file__).resolve().parent / "corpus"  # <code>.txt: articles split by "==="
WRITTEN_PUBLISHED = date(2024, 9, 2)


def load(path: Path) -> list[Document]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            pub = rec.get("published")
            docs.append(
                Document(
                    id=rec["id"],
                    text=rec["text"],
                    lang=rec.get("lang"),
                    published=date.fromisoformat(pub) if pub else None,
                )
            )
    return docs


def written(code: str, doc_bytes: int) -> list[Document]:
    """The bench's articles in one language, joined in turn into documents of at least
    `doc_bytes` (the title of each article its first line)."""
    text = (WRITTEN / f"{code}.txt").read_text(encoding="utf-8")
    articles = [a.strip() for a in text.split("\n===\n") if a.strip()]
    docs = []
    for i in range(len(articles)):
        parts: list[str] = []
        while sum(len(p.encode("utf-8")) for p in parts) < doc_bytes:
            parts.append(articles[(i + len(parts)) % len(articles)])
        docs.append(
            Document(
                id=f"{code}-{i}", text="\n".join(parts), lang=code, published=WRITTEN_PUBLISHED
            )
        )
    return docs


def corpus(docs: list[Document], min_bytes: int) -> list[Document]:
    out: list[Document] = []
    size, rep = 0, 0
    while size < min_bytes:
        for d in docs:
            out.append(
                Document(id=f"{d.id}-{rep}", text=d.text, lang=d.lang, published=d.published)
            )
            size += len(d.text.encode("utf-8"))
        rep += 1
    return out


def timed(docs: list[Document]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and events found."""
    start, cpu = time.perf_counter(), time.process_time()
    events = sum(len(extract(d).events) for d in docs)
    return time.perf_counter() - start, time.process_time() - cpu, events


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=5.0)
    ap.add_argument("--min-mb-each", type=float, default=1.0)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    args = ap.parse_args(argv)
    base = load(args.dev)
    t0 = time.perf_counter()
    gazetteer()  # the knowledge base is loaded once per process, not per document
    startup = time.perf_counter() - t0
    docs = corpus(base, int(args.min_mb * 1024 * 1024))
    mean = sum(len(d.text.encode("utf-8")) for d in base) // max(1, len(base))
    for code in sorted(p.stem for p in WRITTEN.glob("*.txt")):
        docs += corpus(written(code, mean), int(args.min_mb_each * 1024 * 1024))
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024 / 1024
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB; knowledge base load {startup:.2f} s")
    langs = sorted({d.lang or "" for d in docs}, key=lambda c: (c not in ("en", "ru"), c))
    for lang in (*langs, None):
        part = [d for d in docs if lang is None or d.lang == lang]
        secs, cpu, events = timed(part)
        label = lang or "all"
        kb = sum(len(d.text.encode("utf-8")) for d in part) / len(part) / 1024
        # On a shared machine the wall clock counts other processes' turns too; CPU time
        # says what one core of its own would do.
        print(
            f"{label:>4}: {len(part)} docs of {kb:.1f} KB in {secs:.2f} s = "
            f"{len(part) / secs:,.0f} docs/s ({len(part) / cpu:,.0f} per CPU second), "
            f"{events} events"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")  # of extraction alone: reading pages costs more
    if args.news.exists():
        news(args.news)


def news(path: Path) -> None:
    """Ordinary news pages per CPU second, and as tokenising passes over their texts."""
    from clampdown.ingest import read_documents
    from clampdown.langid import detect_language

    docs = [
        d
        for d in read_documents([str(path)])
        if isinstance(d, Document) and d.lang in ("en", "ru")
    ]
    if not docs:
        return
    cpu = time.process_time()
    events = sum(len(extract(d).events) for _ in range(NEWS_ROUNDS) for d in docs)
    rate = len(docs) * NEWS_ROUNDS / (time.process_time() - cpu)
    cpu = time.process_time()
    for d in docs:  # every sentence read: what the prefilter saves
        extract(d, prefilter=False)
    unfiltered = len(docs) / (time.process_time() - cpu)
    cpu = time.process_time()
    for _ in range(NEWS_ROUNDS * 4):
        for d in docs:
            _WORDS.findall(d.text)
    tokenising = len(docs) * NEWS_ROUNDS * 4 / (time.process_time() - cpu)
    # Reading a page names its language where the page does not: the same texts, as the
    # accurate reader samples them and as the fast reader's first look does.
    identified = []
    for quick in (False, True):
        cpu = time.process_time()
        for _ in range(NEWS_ROUNDS):
            for d in docs:
                detect_language(d.text, quick=quick)
        identified.append(len(docs) * NEWS_ROUNDS / (time.process_time() - cpu))
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / len(docs) / 1024
    print(
        f"news: {len(docs)} English and Russian pages of {kb:.1f} KB, {events // NEWS_ROUNDS} "
        f"events: {rate:,.0f} docs per CPU second ({unfiltered:,.0f} without the prefilter); a "
        f"tokenising pass {tokenising:,.0f} docs per CPU second, so extraction costs "
        f"{tokenising / rate:.1f} such passes; language identification {identified[0]:,.0f} "
        f"docs per CPU second ({identified[1]:,.0f} with the fast reader's first look)"
    )


_WORDS = re.compile(r"\w+")


if __name__ == "__main__":
    main(sys.argv[1:])
