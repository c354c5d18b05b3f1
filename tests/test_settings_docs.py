"""The settings page documents every limit with its real default and help."""

from __future__ import annotations

from pathlib import Path

from clampdown.settings import settings_table

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented_as_in_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, default, help_text in settings_table():
        assert f"| `{name}` | {default} | {help_text} |" in text, name
