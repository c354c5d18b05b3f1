"""A crawl on one core: WARC to events, warcio + trafilatura against FastWARC + Resiliparse.

Builds a WARC in the layout of Common Crawl News (WARC/1.0, one gzip member per record, a
warcinfo record then one response record per page, with digests) from the real pages of
../shared/data/news-pages and ../shared/data/web-pages, repeated until the file holds at
least --min-mb MB (compressed, as the crawl ships it), in a temporary folder that is
removed afterwards. Then, in one run:

  - reading: `read_documents(reader=...)` over the whole file, both readers, in this
    process (one core): pages/s of wall time and of CPU time (the latter is what a core
    does, whatever else runs on a shared machine); with --repeat N, N passes of each,
    alternating, of which each reader's fastest counts;
  - extraction: `extract` on the documents the fast path read (up to --extract-docs of
    them), with and without the prefilter, alternating blocks so a busy machine slows both
    alike: docs/s;
  - WARC to events: reading plus extraction, per page, for each reader;
  - the command itself: `clampdown extract WARC --reader fast --format jsonl` in a child
    process, its wall time and peak memory (RSS).

    python bench/crawl.py [--min-mb 200] [--extract-docs 3000] [--keep DIR]
                          [--cli fast,accurate] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from base64 import b32encode
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from clampdown.errors import InputError
from clampdown.extract.pipeline import extract, gazetteer
from clampdown.ingest import read_documents
from clampdown.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
START = datetime(2026, 11, 30, 0, 0, 0)
TARGET_READING = 5.0  # fast over accurate, WARC to events


def pages(shared: Path) -> list[tuple[str, bytes]]:
    """(URL, HTML bytes) of every shared real page: web pages under their own URL, news
    pages under one made from their file name (their own is not recorded)."""
    web = shared / "web-pages"
    expected = json.loads((web / "expected.json").read_text(encoding="utf-8"))
    found = [
        (_url(expected[p.name]["url"], p.name), p.read_bytes())
        for p in sorted((web / "pages").glob("*.html"))
    ]
    for p in sorted((shared / "news-pages" / "pages").glob("*.html*")):
        data = p.read_bytes()
        if p.suffix == ".gz":
            data = gzip.decompress(data)
        stem = p.name.split(".html")[0]
        found.append((f"https://news.example.org/{stem}", data))
    return found


def _url(url: str, name: str) -> str:
    """A page's URL as a crawler records it (a few annotated ones are no http(s) URLs, which
    readers rightly take for records of something else)."""
    if not url.startswith(("http://", "https://")):
        return f"https://web.example.org/{name}"
    return url.replace(" ", "%20")


def _digest(data: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode()


def _member(header: list[tuple[str, str]], block: bytes) -> bytes:
    """One WARC record as its own gzip member."""
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in header)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    return z.compress(head.encode() + block + b"\r\n\r\n") + z.flush()


def records(corpus: list[tuple[str, bytes]], rng: random.Random) -> Iterator[bytes]:
    """The warcinfo record, then a response record per page, round after round, for ever."""
    info = (
        b"software: clampdown bench/crawl.py\r\nformat: WARC File Format 1.0\r\n"
        b"description: the shared real pages, repeated, in the layout of Common Crawl News\r\n"
    )
    yield _member(
        [("WARC-Type", "warcinfo"), ("WARC-Date", START.isoformat() + "Z"),
         ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>"),
         ("Content-Type", "application/warc-fields")],
        info,
    )
    n = 0
    round_ = 0
    while True:
        for url, html in corpus:
            n += 1
            when = (START + timedelta(seconds=n)).isoformat() + "Z"
            http = (
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                f"Content-Length: {len(html)}\r\nDate: {when}\r\n\r\n"
            ).encode()
            block = http + html
            yield _member(
                [("WARC-Type", "response"), ("WARC-Date", when),
                 ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}>"),
                 ("WARC-Target-URI", url if round_ == 0 else f"{url}?round={round_}"),
                 ("WARC-IP-Address", "192.0.2.1"),
                 ("WARC-Payload-Digest", _digest(html)),
                 ("WARC-Block-Digest", _digest(block)),
                 ("Content-Type", "application/http; msgtype=response")],
                block,
            )
        round_ += 1


def build_warc(path: Path, corpus: list[tuple[str, bytes]], min_bytes: int) -> tuple[int, int]:
    """Write records until the file holds `min_bytes`; (responses, uncompressed bytes)."""
    written = raw = responses = 0
    with path.open("wb") as f:
        for i, member in enumerate(records(corpus, random.Random(15))):
            f.write(member)
            written += len(member)
            raw += len(zlib.decompress(member, 31))
            responses += i > 0
            if written >= min_bytes and i > 0 and (i % len(corpus) == 0):
                break
    return responses, raw


def kept_or_built(
    warc: Path, corpus: list[tuple[str, bytes]], min_mb: float
) -> tuple[int, int, bool]:
    """(responses, uncompressed bytes, whether it was built now) of the WARC at `warc`: one
    an earlier run built there from the same pages and size (`--keep`, noted beside it)
    is read again as it is, so runs of two versions of the code read the same file."""
    note = warc.with_name(warc.name + ".json")
    digest = hashlib.sha1(b"".join(u.encode() + h for u, h in corpus)).hexdigest()
    if warc.is_file() and note.is_file():
        made = json.loads(note.read_text(encoding="utf-8"))
        if made.get("min_mb") == min_mb and made.get("pages_sha1") == digest:
            return int(made["responses"]), int(made["raw"]), False
    n, raw = build_warc(warc, corpus, int(min_mb * 1024 * 1024))
    note.write_text(json.dumps({"min_mb": min_mb, "pages_sha1": digest, "responses": n,
                                "raw": raw}), encoding="utf-8")
    return n, raw, True


def read_all(path: Path, reader: str) -> tuple[list[Document], int, float, float]:
    """(documents, errors, wall seconds, CPU seconds) of reading the WARC once."""
    docs: list[Document] = []
    errors = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for item in read_documents([str(path)], reader=reader):
        if isinstance(item, InputError):
            errors += 1
        else:
            docs.append(item)
    return docs, errors, time.perf_counter() - wall, time.process_time() - cpu


def time_extraction(docs: list[Document], block: int = 100) -> dict[bool, tuple[float, int]]:
    """CPU seconds and events of `extract` on `docs`, with and without the prefilter, in
    alternating blocks."""
    spent = {True: 0.0, False: 0.0}
    events = {True: 0, False: 0}
    for start in range(0, len(docs), block):
        part = docs[start : start + block]
        order = (True, False) if (start // block) % 2 == 0 else (False, True)
        for prefilter in order:
            t = time.process_time()
            events[prefilter] += sum(len(extract(d, prefilter=prefilter).events) for d in part)
            spent[prefilter] += time.process_time() - t
    return {k: (spent[k], events[k]) for k in spent}


# The command runs under a small launcher that forks it and reports what that child alone
# cost: a child started straight from this process (which holds thousands of documents by
# then) begins with this process's pages counted in its peak memory (`ru_maxrss`).
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.execv(sys.executable, [sys.executable, "-m", "clampdown", *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(json.dumps([usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
"""


def run_cli(path: Path, reader: str) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of `clampdown extract` on the WARC."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, "extract", str(path), "--reader", reader,
         "--format", "jsonl"],
        capture_output=True, text=True, check=True,
    )
    peak_kib, status = json.loads(done.stdout)
    return time.perf_counter() - start, peak_kib / 1024, int(status)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-mb", type=float, default=200.0,
                    help="size of the WARC (gzipped, as Common Crawl News ships it)")
    ap.add_argument("--extract-docs", type=int, default=3000,
                    help="documents timed with and without the prefilter")
    ap.add_argument("--cli", default="fast", help="readers to run `clampdown extract` with")
    ap.add_argument("--repeat", type=int, default=1,
                    help="read the WARC this many times with each reader, alternating, and "
                         "count each reader's fastest pass (a busy machine only slows a pass)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--keep", type=Path,
                    help="build the WARC here and keep it (a later run reads it again)")
    args = ap.parse_args(argv)
    if not (args.shared / "news-pages").is_dir() or not (args.shared / "web-pages").is_dir():
        print(f"no pages under {args.shared}: the shared data is needed", file=sys.stderr)
        return 2
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    load = os.getloadavg()[0]
    print(f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load {load:.2f} "
          "(1-minute average) at the start")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        warc = work / f"CC-NEWS-{START:%Y%m%d%H%M%S}-00000.warc.gz"
        corpus = pages(args.shared)
        t = time.perf_counter()
        n, raw, built = kept_or_built(warc, corpus, args.min_mb)
        size = warc.stat().st_size
        how = f"built in {time.perf_counter() - t:.0f} s" if built else "kept from an earlier run"
        print(f"WARC: {n:,} pages ({len(corpus)} distinct, repeated), {size / 2**20:.0f} MB "
              f"gzipped, {raw / 2**20:.0f} MB of records; {how}")
        gazetteer()  # loaded once per process, as every run pays it once
        first = str(args.shared / "web-pages" / "pages" / "001a353cffb6.html")
        for reader in ("accurate", "fast"):  # each reader's libraries load on a first page
            list(read_documents([first], reader=reader))

        rates: dict[str, float] = {}
        fast_docs: list[Document] = []
        for _ in range(args.repeat):  # alternating passes; the fastest of each reader counts
            for reader in ("accurate", "fast"):
                docs, errors, wall, cpu = read_all(warc, reader)
                rates[reader] = max(rates.get(reader, 0.0), n / cpu)
                print(f"reading, {reader:8}: {len(docs):,} documents, {errors} errors; "
                      f"{wall:6.1f} s wall = {n / wall:6.1f} pages/s; {cpu:6.1f} s CPU = "
                      f"{n / cpu:6.1f} pages/s per core")
                if reader == "fast":
                    fast_docs = docs
        if args.repeat > 1:
            print(f"reading, the fastest of {args.repeat} passes: accurate "
                  f"{rates['accurate']:.1f}, fast {rates['fast']:.1f} pages/s per core")
        print(f"reading, fast / accurate (per core): {rates['fast'] / rates['accurate']:.1f}x")

        sample = fast_docs[: args.extract_docs]
        timed = time_extraction(sample)
        for prefilter in (True, False):
            secs, events = timed[prefilter]
            print(f"extraction, {'with' if prefilter else 'without'} the prefilter: "
                  f"{len(sample):,} documents in {secs:.1f} s CPU = {len(sample) / secs:6.1f} "
                  f"docs/s per core ({events} events)")
        per_doc = timed[True][0] / len(sample)
        ends = {r: 1 / (1 / rates[r] + per_doc) for r in rates}
        for reader, rate in ends.items():
            print(f"WARC to events, {reader:8} (prefilter on): {rate:6.1f} pages/s per core")
        ratio = ends["fast"] / ends["accurate"]
        verdict = "meets" if ratio >= TARGET_READING else "below"
        print(f"WARC to events, fast / accurate: {ratio:.1f}x ({verdict} the "
              f"{TARGET_READING:.0f}x target)")

        for reader in [r.strip() for r in args.cli.split(",") if r.strip()]:
            wall, rss, status = run_cli(warc, reader)
            print(f"clampdown extract --reader {reader}: {wall:.1f} s = {n / wall:.1f} pages/s, "
                  f"peak RSS {rss:.0f} MB, exit status {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
