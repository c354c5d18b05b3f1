"""Local sessions: the JVM starts with the settings that keep its own CPU down."""

from __future__ import annotations

from typing import Any

import pytest

from clampdown.spark.session import LOCAL_JVM

pytestmark = pytest.mark.spark  # a Spark session per module: left out of `make test`


def test_local_jvm_runs_with_the_quick_compiler_and_serial_collector(spark: Any) -> None:
    jvm = spark.sparkContext._jvm
    args = list(jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
    assert set(LOCAL_JVM.split()) <= set(args)
    assert LOCAL_JVM in spark.sparkContext.getConf().get("spark.driver.extraJavaOptions")
