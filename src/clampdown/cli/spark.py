"""`clampdown spark` and `clampdown spark-load`: the pipeline on a Spark cluster, and its
tables into the store. Spark is imported only when a job runs, so the rest of the command
line starts as fast without it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clampdown.cli.app import app, err
from clampdown.errors import ClampdownError, StoreError
from clampdown.store.ingest import DEFAULT_BATCH


class Lang(StrEnum):
    en = "en"
    ru = "ru"


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form",
                                 param_hint="--published") from None


def _say(msg: str) -> None:
    err.print(f"clampdown: {msg}", markup=False, soft_wrap=True)


@app.command("spark")
def spark_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(help="WARC, JSON Lines, text or Parquet files or folders; local paths "
                       "or Hadoop URLs (s3a://, hdfs://)"),
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder (or URL) for the tables")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master: local[*], local[N], spark://HOST:7077, k8s://..., yarn; "
                     "omit under spark-submit"),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Extraction tasks [default: 4 per core]")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Batch size of the `clampdown ingest` whose cases to match")
    ] = DEFAULT_BATCH,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated documents")
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of documents that do not say")] = None,
    conf: Annotated[
        list[str] | None, typer.Option("--conf", "-c", help="Spark setting KEY=VALUE (repeatable)")
    ] = None,
    cases: Annotated[bool, typer.Option(help="Link events into cases (and stories)")] = True,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input could not be read")] = False,
) -> None:
    """Extract and link on Apache Spark; write Parquet tables of documents, events and cases.

    The same extraction as `clampdown extract` and the same cases as `clampdown ingest`,
    spread over a cluster. See docs/spark.md for running on Kubernetes or YARN.

    Example: clampdown spark crawl/*.warc.gz news.jsonl --output out/ --master local[4]
    """
    from clampdown.spark.session import DEFAULT_MASTER, parse_conf, spark_session

    try:
        settings = parse_conf(conf or [])
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--conf") from None
    pub = _published(published)
    try:
        from clampdown.spark.job import run_job
    except ImportError as e:
        _say(f"Spark is not installed ({e}); install it with `pip install 'clampdown[spark]'`")
        raise typer.Exit(1) from None
    spark = spark_session(master or (None if _submitted() else DEFAULT_MASTER), settings)
    try:
        report = run_job(
            spark, inputs, output, partitions=partitions, lang=lang.value if lang else None,
            published=pub, batch_size=batch_size, link_cases=cases, on_error=_say,
        )
    except ClampdownError as e:
        _say(str(e))
        raise typer.Exit(1) from None
    finally:
        spark.stop()
    _say(report.line() + f"; tables in {output}")
    if report.failed:
        _say(f"what was not read, and why: {output.rstrip('/')}/errors")
    if strict and report.failed:
        raise typer.Exit(1)


def _submitted() -> bool:
    """Whether spark-submit started this process: its JVM hands Python a gateway port, and
    the master comes from spark-submit's own options."""
    import os

    return "PYSPARK_GATEWAY_PORT" in os.environ


@app.command("spark-load")
def spark_load_cmd(
    tables: Annotated[Path, typer.Argument(help="The --output folder of `clampdown spark`")],
    db: Annotated[
        str | None,
        typer.Option("--db", help="Store: a SQLite file or a postgresql:// URL [default: "
                     "$CLAMPDOWN_DB, else ./clampdown.db]", show_default=False),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per transaction (as the job's --batch-size)")
    ] = DEFAULT_BATCH,
) -> None:
    """Load a Spark job's tables into the store for the dashboard; nothing is extracted again.

    Loading twice adds nothing twice: stored documents are recognised by their text.

    Example: clampdown spark-load out/ --db postgresql://user@localhost/clampdown
    """
    load_tables(tables, db, batch_size)


def load_tables(tables: Path, db: str | None, batch_size: int = DEFAULT_BATCH) -> None:
    """Store a job's tables (`spark-load`, and `ingest` given a job's output folder)."""
    from clampdown.spark.load import load_output
    from clampdown.store.db import database_url, open_store

    try:
        engine = open_store(database_url(db), write=True)
    except StoreError as e:
        _say(str(e))
        raise typer.Exit(1) from None
    try:
        report = load_output(engine, tables, batch_size=batch_size)
    except ClampdownError as e:
        _say(str(e))
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    _say(
        f"{report.documents:,} documents, {report.stored:,} stored, "
        f"{report.documents - report.stored:,} already stored or repeated, "
        f"{report.events:,} events, in {report.batches:,} batches"
    )
