"""Starting a SparkSession with the settings clampdown's jobs rely on.

Local runs must use this interpreter for their Python workers (the one clampdown is
installed in), not whatever `python3` is first on PATH; clusters bring their own
environment and are left alone. Shuffles here move a few rows per document, so the
default of 200 shuffle partitions only adds scheduling cost on small inputs.

A local job's JVM moves rows and plans some fifty small queries while Python does the
work, so its own CPU goes mostly to compiling itself: the optimising JIT compiler (C2)
and G1's concurrent threads took about half of the JVM's CPU seconds (28 and 10 of 68 on
20,025 documents), in a local run whose cores the Python workers need. Local sessions
start the JVM with the quick compiler only and the serial collector, which halved the
JVM's CPU seconds on that input and cost its task thread about a tenth more.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

APP_NAME = "clampdown"
DEFAULT_MASTER = "local[*]"
# Local workers are reused for the whole run so the knowledge base loads once per worker.
LOCAL_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"  # replaced by the caller's own
LOCAL_CONF: dict[str, str] = {
    "spark.driver.extraJavaOptions": LOCAL_JVM,
    "spark.python.worker.reuse": "true",
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.showConsoleProgress": "false",
}


def is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def spark_session(
    master: str | None = DEFAULT_MASTER,
    conf: Mapping[str, str] | None = None,
    app_name: str = APP_NAME,
) -> SparkSession:
    """A session on `master` (None: whatever spark-submit configured) with `conf` applied.

    Local masters get this interpreter for their workers and a few small-data defaults;
    `conf` overrides any of them.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    settings: dict[str, str] = {}
    if master:
        builder = builder.master(master)
        if is_local(master):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
            settings.update(LOCAL_CONF)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session


def parse_conf(pairs: list[str]) -> dict[str, str]:
    """`["k=v", ...]` from the command line as a dict; raises ValueError naming a bad pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"{pair!r} is not KEY=VALUE (e.g. spark.executor.memory=4g)")
        out[key.strip()] = value
    return out
