"""Extraction speed and memory: documents/second and peak RSS, single process.

The corpus repeats the shared dev set until it holds at least 5 MB of text (ids made
unique), then every document goes through the same `extract` the CLI uses. English and
Russian documents are timed separately as well as together.

    python bench/extract.py [--min-mb 5] [--dev PATH]
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


def timed(docs: list[Document]) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(extract(d).events) for d in docs)
    return time.perf_counter() - start, events


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=5.0)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = ap.parse_args(argv)
    base = load(args.dev)
    t0 = time.perf_counter()
    gazetteer()  # the knowledge base is loaded once per process, not per document
    startup = time.perf_counter() - t0
    docs = corpus(base, int(args.min_mb * 1024 * 1024))
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024 / 1024
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB; knowledge base load {startup:.2f} s")
    for lang in ("en", "ru", None):
        part = [d for d in docs if lang is None or d.lang == lang]
        secs, events = timed(part)
        label = lang or "all"
        print(
            f"{label:>4}: {len(part)} docs in {secs:.2f} s = {len(part) / secs:,.0f} docs/s, "
            f"{events} events"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
