#!/usr/bin/env bash
# Installs Debian's Java 17 runtime for the Spark tests (tests/spark), once.
# PySpark starts a JVM; it never downloads one of its own.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-java: java missing and not root; the Spark tests will skip" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq openjdk-17-jre-headless >/dev/null
echo "setup-java: installed $(java -version 2>&1 | head -1)"
