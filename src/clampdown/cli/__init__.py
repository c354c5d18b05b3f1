"""The `clampdown` command line: one module per command group, all on one app."""

from clampdown.cli import extract as _extract  # noqa: F401  (registers `extract`)
from clampdown.cli.app import app

__all__ = ["app"]
