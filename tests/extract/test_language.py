"""The language pack loader: anaphora read with what follows them as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clampdown.extract import language
from clampdown.extract.language import (
    LEXICONS,
    NEVER,
    SUPPORTED,
    Anaphor,
    PackError,
    language_pack,
    load_pack,
)


def _anaphor(not_before: str | None) -> Anaphor:
    return Anaphor(
        role="platform",
        regex=re.compile(r"\bplatform\b"),
        kinds=frozenset(),
        plural=False,
        not_before=re.compile(not_before) if not_before else None,
    )


def test_not_before_is_read_in_the_text_as_written() -> None:
    an = _anaphor(r"\s+[A-Z]")
    text = "the platform Zorblat and the platform was fined"
    low = text.lower()
    ends = [m.end() for m in an.regex.finditer(low)]
    assert [an.stands_before(text, e) for e in ends] == [False, True]


def test_without_not_before_every_match_stands() -> None:
    an = _anaphor(None)
    assert an.stands_before("the platform Zorblat", len("the platform"))


def test_only_a_pack_that_says_so_drops_subjects() -> None:
    assert language_pack("pt").drops_subjects
    assert not language_pack("en").drops_subjects
    assert not language_pack("tr").drops_subjects
    assert language_pack("en").subjectless_before.pattern == NEVER  # matches nothing


def test_a_pack_kept_in_the_cache_folder_is_the_pack_its_file_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAMPDOWN_CACHE", raising=False)
    try:
        for code in sorted(SUPPORTED):
            name = f"lexicons/{code}/pack.yaml"
            read = load_pack(code, name, (LEXICONS / code / "pack.yaml").read_text("utf-8"))
            language_pack.cache_clear()
            first = language_pack(code)  # read from its file, then kept
            assert list(tmp_path.glob(f"pack-{code}-*.pickle"))
            language_pack.cache_clear()
            with monkeypatch.context() as patched:

                def unread(*_: object) -> object:
                    raise AssertionError("read from the file again")

                patched.setattr(language, "read_pack", unread)
                again = language_pack(code)  # from the folder
            assert again == first == read
    finally:
        language_pack.cache_clear()


def test_a_pack_that_fails_its_check_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(language, "LEXICONS", tmp_path)
    (tmp_path / "en").mkdir()
    source = (LEXICONS / "en" / "pack.yaml").read_text("utf-8")
    (tmp_path / "en" / "pack.yaml").write_text(source.replace("triggers:", "trigers:", 1))
    language_pack.cache_clear()
    try:
        with pytest.raises(PackError):
            language_pack("en")
        assert not list(tmp_path.glob("pack-*"))
    finally:
        language_pack.cache_clear()
