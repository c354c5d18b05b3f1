"""Real web pages to events: clampdown's whole path against trafilatura alone.

For each of the shared real pages, in one run, time
  - trafilatura: read the file and `trafilatura.extract` its text (its defaults), and
  - clampdown: `read_documents` on the file (sniffing, decoding, trafilatura once with
    metadata read from the same tree, clean-up, language id) and then `extract` on the
    document, i.e. everything from the file to its events.
The two alternate page by page (and swap order every page), so a busy machine slows both
alike. Start-up (loading the knowledge base, trafilatura's first call) is timed apart and
left out of the ratio. Target: clampdown at most 1.3x trafilatura.

    python bench/ingest.py [--pages PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import trafilatura

from clampdown.errors import InputError
from clampdown.extract.pipeline import extract, gazetteer
from clampdown.ingest import read_documents

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "web-pages" / "pages"
TARGET = 1.3


def trafilatura_alone(page: Path) -> int:
    text = trafilatura.extract(page.read_bytes())
    return len(text or "")


def clampdown_path(page: Path) -> tuple[float, float, int, int]:
    """(seconds reading, seconds extracting, events, errors) for one page."""
    reading = extracting = 0.0
    events = errors = 0
    items = read_documents([str(page)])
    while True:
        t0 = time.perf_counter()
        item = next(items, None)
        t1 = time.perf_counter()
        reading += t1 - t0
        if item is None:
            return reading, extracting, events, errors
        if isinstance(item, InputError):
            errors += 1
            continue
        events += len(extract(item).events)
        extracting += time.perf_counter() - t1


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args(argv)
    if not args.pages.is_dir():
        print(f"no pages at {args.pages}: the shared data is needed", file=sys.stderr)
        return 2
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    pages = sorted(args.pages.glob("*.html"))
    if args.limit:
        pages = pages[: args.limit]
    t0 = time.perf_counter()
    gazetteer()
    trafilatura_alone(pages[0])
    clampdown_path(pages[0])
    startup = time.perf_counter() - t0

    traf = reading = extracting = 0.0
    events = errors = 0
    for i, page in enumerate(pages):
        for turn in ((0, 1) if i % 2 else (1, 0)):
            if turn == 0:
                t = time.perf_counter()
                trafilatura_alone(page)
                traf += time.perf_counter() - t
            else:
                r, x, n, e = clampdown_path(page)
                reading, extracting, events, errors = (
                    reading + r,
                    extracting + x,
                    events + n,
                    errors + e,
                )
    ours = reading + extracting
    mb = sum(p.stat().st_size for p in pages) / 1024 / 1024
    print(f"pages: {len(pages)} ({mb:.1f} MB of HTML); start-up {startup:.2f} s (not counted)")
    print(f"trafilatura alone:  {traf:6.2f} s  ({len(pages) / traf:,.1f} pages/s)")
    print(
        f"clampdown:          {ours:6.2f} s  ({len(pages) / ours:,.1f} pages/s) = "
        f"reading {reading:.2f} s + extracting events {extracting:.2f} s"
    )
    print(f"events: {events}, input errors: {errors}")
    ratio = ours / traf
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"ratio clampdown / trafilatura: {ratio:.2f}x ({verdict} the {TARGET}x target)")
    print(f"ratio reading only / trafilatura: {reading / traf:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
