"""One rule for a text cell in any CSV clampdown writes (exports and `--format csv`).

Kept apart from the writers so the command line's CSV does not load Arrow to use it.
"""

from __future__ import annotations

from typing import Any

# A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text that starts like a formula, quoted so a spreadsheet shows it as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
