"""`clampdown spark` and `clampdown spark-load`: the pipeline on a Spark cluster, and its
tables into the store. Spark is imported only when a job runs, so the rest of the command
line starts as fast without it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clampdown.cli.app import (
    DbOption,
    LangOption,
    PublishedOption,
    Reader,
    ReaderOption,
    StrictOption,
    app,
    fail,
    published_date,
    say,
)
from clampdown.store import DEFAULT_BATCH


@app.command("spark")
def spark_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT", help="WARC, JSON Lines, text or Parquet files or "
                       "folders; local paths or Hadoop URLs (s3a://, hdfs://)"),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FOLDER", help="Folder (or URL) for the tables")
    ],
    master: Annotated[
        str | None,
        typer.Option(metavar="URL", help="Spark master: local[*], local[N], spark://HOST:7077, "
                     "k8s://..., yarn; omit under spark-submit"),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(metavar="N", min=1, help="Extraction tasks [default: 4 per core]")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(metavar="N", min=1,
                         help="Batch size of the `clampdown ingest` whose cases to match")
    ] = DEFAULT_BATCH,
    published: PublishedOption = None,
    lang: LangOption = None,
    conf: Annotated[
        list[str] | None,
        typer.Option("--conf", "-c", metavar="KEY=VALUE", help="Spark setting (repeatable)"),
    ] = None,
    cases: Annotated[bool, typer.Option(help="Link events into cases (and stories)")] = True,
    strict: StrictOption = False,
    reader: ReaderOption = Reader.accurate,
) -> None:
    """Extract and link on Apache Spark into Parquet tables.

    Tables of documents, events and cases, for `clampdown spark-load`.

    The same extraction as `clampdown extract` and the same cases as `clampdown ingest`,
    spread over a cluster. docs/spark.md says how to run it on Kubernetes or YARN.

    \b
    Example:
      clampdown spark crawl/*.warc.gz news.jsonl --output out/ --master local[4]
    """
    from clampdown.errors import ClampdownError
    from clampdown.spark.session import DEFAULT_MASTER, parse_conf, spark_session

    try:
        settings = parse_conf(conf or [])
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--conf") from None
    pub = published_date(published)
    try:
        from clampdown.spark.job import run_job
    except ImportError as e:
        raise fail(f"Spark is not installed ({e}); install it with "
                   "`pip install 'clampdown[spark]'`") from None
    spark = spark_session(master or (None if _submitted() else DEFAULT_MASTER), settings)
    try:
        report = run_job(
            spark, inputs, output, partitions=partitions, lang=lang.value if lang else None,
            published=pub, batch_size=batch_size, link_cases=cases, on_error=say,
            reader=reader.value,
        )
    except ClampdownError as e:
        raise fail(e) from None
    finally:
        spark.stop()
    say(report.line() + f"; tables in {output}")
    if report.failed:
        say(f"what was not read, and why: {output.rstrip('/')}/errors")
    if strict and report.failed:
        raise typer.Exit(1)


def _submitted() -> bool:
    """Whether spark-submit started this process: its JVM hands Python a gateway port, and
    the master comes from spark-submit's own options."""
    import os

    return "PYSPARK_GATEWAY_PORT" in os.environ


@app.command("spark-load")
def spark_load_cmd(
    tables: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="The --output folder of `clampdown spark`")
    ],
    db: DbOption = None,
    batch_size: Annotated[
        int, typer.Option(metavar="N", min=1,
                         help="Documents per transaction (as the job's --batch-size)")
    ] = DEFAULT_BATCH,
) -> None:
    """Load a Spark job's tables into the store.

    Nothing is extracted again.

    Loading twice adds nothing twice: stored documents are recognised by their text.

    \b
    Example:
      clampdown spark-load out/ --db postgresql://user@localhost/clampdown
    """
    load_tables(tables, db, batch_size)


def load_tables(tables: Path, db: str | None, batch_size: int = DEFAULT_BATCH) -> None:
    """Store a job's tables (`spark-load`, and `ingest` given a job's output folder)."""
    from clampdown.errors import ClampdownError, StoreError
    from clampdown.spark.load import load_output
    from clampdown.store.db import database_url, open_store

    try:
        engine = open_store(database_url(db), write=True)
    except StoreError as e:
        raise fail(e) from None
    try:
        report = load_output(engine, tables, batch_size=batch_size)
    except ClampdownError as e:
        raise fail(e) from None
    finally:
        engine.dispose()
    say(
        f"{report.documents:,} documents, {report.stored:,} stored, "
        f"{report.documents - report.stored:,} already stored or repeated, "
        f"{report.events:,} events, in {report.batches:,} batches"
    )
