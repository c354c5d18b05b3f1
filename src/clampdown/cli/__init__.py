"""The `clampdown` command line: one module per command group, all on one app."""

from clampdown.cli import extract as _extract  # noqa: F401  (registers `extract`)
from clampdown.cli import serve as _serve  # noqa: F401  (registers `serve` and `export`)
from clampdown.cli import spark as _spark  # noqa: F401  (registers `spark`, `spark-load`)
from clampdown.cli import store as _store  # noqa: F401  (registers ingest, events, cases, case)
from clampdown.cli.app import app

__all__ = ["app"]
