"""Spark fixtures: one small local SparkSession per test module, skipped without Java.

Kept quick: two local cores, no UI, two shuffle partitions, and corpora of a few dozen
documents. `.ci/setup-java.sh` installs Java where it is missing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # spark_corpus, spark_helpers

SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
}


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("no java on PATH; run .ci/setup-java.sh (installs openjdk-17-jre-headless)")
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install '.[spark]')")
    from clampdown.spark.session import spark_session

    session = spark_session("local[2]", SPARK_CONF, app_name="clampdown-tests")
    yield session
    session.stop()
