"""`python -m clampdown` runs the command line."""

from clampdown.cli import app

app()
