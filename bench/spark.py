"""Spark scaling: documents/second of `clampdown spark` at local[1] and local[2] against the
single-process `clampdown extract`, on one corpus, in one run.

The corpus repeats the shared dev set (ids made unique) until it holds at least --docs
documents, in one JSON Lines file: 45 short, event-dense texts, so nearly every document is
an exact copy of another. `--input varied` repeats instead the dev set, the real-reporting
corpus's development part (`eval/corpus/docs-dev.jsonl`, five languages) and the text of the
shared news pages (longer, and almost all without an event), 682 texts in all. Each
measurement runs in its own process (a Spark master is fixed for the life of a JVM); the
Spark figures time the job itself, from listing the input to the last table written, not the
JVM's start, which a cluster pays once. The CLI figure includes its knowledge-base load, as
a user pays it. On a shared machine wall-clock rates follow the load, so each measurement
also prints the 1-minute load average at its start and the CPU seconds its processes used
(the CLI; the Spark run's driver, JVM and Python workers together, session start included):
documents per CPU second compare the two ways with less noise. Each master is also timed
without case linking (`run_job(link_cases=False)`): reading, extraction and writing alone,
to show which part of the job scales with cores.

    python bench/spark.py [--docs 20000] [--dev PATH] [--input dev|varied] [--keep DIR]
                          [--masters local[1]] [--whole-only]

`--masters` and `--whole-only` give one figure in a few minutes (local[1] / CLI is the one
to repeat on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "devset" / "docs.jsonl"
CORPUS_DEV = Path(__file__).resolve().parents[1] / "eval" / "corpus" / "docs-dev.jsonl"
NEWS_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-pages" / "pages"
TARGET = 1.7  # local[2] over local[1]
PER_CORE = 0.85  # local[1] over the single-process `clampdown extract`


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def varied(dev: Path) -> list[dict[str, object]]:
    """The dev set, the corpus's development part and the news pages' text, as records."""
    from clampdown.ingest import read_documents
    from clampdown.model import Document

    base = _jsonl(dev) + _jsonl(CORPUS_DEV)
    for d in read_documents([str(NEWS_PAGES)]):
        if isinstance(d, Document):
            base.append({"id": d.id, "text": d.text, "lang": d.lang, "url": d.url,
                         "title": d.title,
                         "published": d.published.isoformat() if d.published else None})
    return base


def write_corpus(dev: Path, n: int, out: Path, input_: str = "dev") -> int:
    base = _jsonl(dev) if input_ == "dev" else varied(dev)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        rep = 0
        while written < n:
            for rec in base:
                f.write(json.dumps({**rec, "id": f"{rec['id']}-{rep}"}, ensure_ascii=False))
                f.write("\n")
                written += 1
            rep += 1
    return written


def _children_cpu() -> float:
    """CPU seconds (user and system) of every finished child process so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_cli(corpus: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `clampdown extract` on `corpus`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run(
            [sys.executable, "-m", "clampdown", "extract", str(corpus), "--format", "jsonl"],
            stdout=sink, stderr=subprocess.DEVNULL, check=True,
        )
    return time.perf_counter() - start, _children_cpu() - cpu


def time_spark(master: str, corpus: Path, out: Path, link: bool) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", master, str(corpus), str(out), str(int(link))],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"spark run at {master} failed:\n{proc.stderr[-3000:]}")
    timing: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return timing


def _tree_cpu() -> float:
    """CPU seconds of this process's descendants that are still running (the JVM and the
    Python workers, which this process never waits for) and of those they waited for."""
    parent: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        ticks[int(entry)] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - mine
        mine |= frontier
    return sum(ticks[p] for p in mine) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def worker(master: str, corpus: str, out: str, link: str) -> None:
    """One job in this process; prints its timing as a JSON line."""
    from clampdown.spark.job import run_job
    from clampdown.spark.session import spark_session

    started = time.perf_counter()
    spark = spark_session(master, {"spark.ui.enabled": "false",
                                   "spark.sql.shuffle.partitions": "4"})
    ready = time.perf_counter()
    report = run_job(spark, [corpus], out, link_cases=link == "1")
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu = own.ru_utime + own.ru_stime + _tree_cpu()  # before the JVM and its workers stop
    spark.stop()
    print(json.dumps({"job_s": report.seconds, "session_s": ready - started,
                      "documents": report.documents, "cases": report.cases, "cpu_s": cpu}))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--worker"]:
        worker(*argv[1:5])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--input", choices=("dev", "varied"), default="dev",
                    help="the texts repeated: the dev set, or varied real texts besides it")
    ap.add_argument("--keep", type=Path, help="write the corpus and tables here, and keep them")
    ap.add_argument("--masters", default="local[1],local[2]",
                    help="comma-separated masters to time (default: local[1],local[2])")
    ap.add_argument("--whole-only", action="store_true",
                    help="time the whole job only, not also without case linking")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus.jsonl"
        n = write_corpus(args.dev, args.docs, corpus, args.input)
        mb = corpus.stat().st_size / 1024 / 1024
        print(f"corpus ({args.input}): {n:,} documents, {mb:.1f} MB, {os.cpu_count()} cores "
              "on this machine")
        print(f"load {os.getloadavg()[0]:.2f} (1-minute average) at the start")
        load = _load()
        cli, cli_cpu = time_cli(corpus)
        print(f"clampdown extract (one process): {cli:7.1f} s = {n / cli:6.0f} docs/s "
              f"({load} at its start; {cli_cpu:.1f} CPU s = {n / cli_cpu:.0f} docs per CPU s)")
        masters = [m.strip() for m in args.masters.split(",") if m.strip()]
        for link in (True,) if args.whole_only else (True, False):
            rates = {}
            what = "whole job" if link else "without case linking"
            for master in masters:
                load = _load()
                r = time_spark(master, corpus, work / f"out-{master[6]}-{int(link)}", link)
                rates[master] = n / r["job_s"]
                print(
                    f"clampdown spark --master {master}, {what}: {r['job_s']:7.1f} s = "
                    f"{rates[master]:6.0f} docs/s (JVM start {r['session_s']:.1f} s more; "
                    f"{r['cases']:,} cases; {load} at its start; {r['cpu_s']:.1f} CPU s = "
                    f"{n / r['cpu_s']:.0f} docs per CPU s)"
                )
            if "local[1]" in rates and "local[2]" in rates:
                ratio = rates["local[2]"] / rates["local[1]"]
                verdict = "meets" if ratio >= TARGET else "below"
                print(f"scaling local[2] / local[1], {what}: {ratio:.2f}x ({verdict} the "
                      f"{TARGET}x target); local[2] / CLI: {rates['local[2]'] / (n / cli):.2f}x")
            if "local[1]" in rates:
                print(f"local[1] / clampdown extract, {what}: "
                      f"{rates['local[1]'] / (n / cli):.2f} (target {PER_CORE})")


if __name__ == "__main__":
    main(sys.argv[1:])
