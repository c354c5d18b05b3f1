"""docs/serving.md documents every server setting with its real default and help."""

from __future__ import annotations

from pathlib import Path

from clampdown.api.settings import ServeSettings, serve_settings_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "serving.md"


def test_every_server_setting_is_documented_as_in_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, default, help_text in serve_settings_table():
        assert f"| `{name}` | {default} | {help_text} |" in text, name


def test_settings_come_from_the_environment() -> None:
    s = ServeSettings.from_env({"CLAMPDOWN_MAX_PAGE_SIZE": "25",
                                "CLAMPDOWN_RESPONSE_CACHE_ENTRIES": "0"})
    assert s.max_page_size == 25 and s.response_cache_entries == 0
