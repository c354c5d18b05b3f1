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

    python bench/extract.py [--min-mb 5] [--min-mb-each 1] [--dev PATH]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

from clampdown.extract.pipeline import extract, gazetteer
from clampdown.model import Document

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "devset" / "docs.jsonl"
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
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
