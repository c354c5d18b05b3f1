"""The Typer application every command module registers itself on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    help="Evidence-grounded records of state pressure on online platforms.",
    no_args_is_help=True,
    add_completion=False,
)
# Messages go to standard error; standard output carries only data.
err = Console(stderr=True, highlight=False)


@app.callback()
def main() -> None:
    """clampdown: news reporting in, events with their evidence out."""
