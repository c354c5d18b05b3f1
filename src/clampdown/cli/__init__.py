"""The `clampdown` command line: one module per command group, all on one app.

Each module registers its commands when imported, and `clampdown --help` lists them in that
order, so the modules are imported in the order a user needs their commands. Each module is
light; a command loads what it runs when it runs.
"""

from importlib import import_module

from clampdown.cli.app import app

# extract; ingest, events, cases, case; disputes, dispute; export; serve; spark, spark-load;
# rates.
COMMAND_MODULES = ("extract", "store", "disputes", "export", "serve", "spark", "rates")
for _module in COMMAND_MODULES:
    import_module(f"clampdown.cli.{_module}")

__all__ = ["app"]
