"""Files kept between runs: found by their inputs, written whole, never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown import cachefile
from clampdown.cachefile import cache_dir, key, load, save


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAMPDOWN_CACHE", raising=False)
    return tmp_path


def test_the_folder_follows_the_environment() -> None:
    assert cache_dir({"CLAMPDOWN_CACHE_DIR": "/x/y"}) == Path("/x/y")
    assert cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/clampdown")
    for off in ("0", "off", "false", "no"):
        assert cache_dir({"CLAMPDOWN_CACHE": off, "CLAMPDOWN_CACHE_DIR": "/x"}) is None


def test_the_key_changes_with_any_input() -> None:
    base = key([("a", b"1"), ("b", b"2")], ("pyyaml",))
    assert base == key([("a", b"1"), ("b", b"2")], ("pyyaml",))
    assert base != key([("a", b"1"), ("b", b"3")], ("pyyaml",))
    assert base != key([("a", b"12"), ("b", b"")], ("pyyaml",))  # lengths separate inputs
    assert base != key([("a", b"1"), ("c", b"2")], ("pyyaml",))
    assert base != key([("a", b"1"), ("b", b"2")], ("pyyaml", "numpy"))


def test_what_is_saved_is_loaded_by_its_key_only(folder: Path) -> None:
    save("thing", "k1", {"x": (1, 2)})
    assert load("thing", "k1") == {"x": (1, 2)}
    assert load("thing", "k2") is None
    assert load("other", "k1") is None
    assert [p.name for p in folder.iterdir()] == ["thing-k1.pickle"]  # no temporary left


def test_a_damaged_file_reads_as_none(folder: Path) -> None:
    (folder / "thing-k1.pickle").write_bytes(b"\x80\x05not a pickle")
    assert load("thing", "k1") is None
    (folder / "thing-k2.pickle").write_bytes(b"")
    assert load("thing", "k2") is None


def test_switched_off_nothing_is_written_or_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save("thing", "k1", 1)
    monkeypatch.setenv("CLAMPDOWN_CACHE", "0")
    assert load("thing", "k1") is None
    save("thing", "k2", 2)
    assert not (folder / "thing-k2.pickle").exists()


def test_an_unwritable_folder_costs_only_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(blocker / "cache"))  # a folder under a file
    save("thing", "k1", 1)
    assert load("thing", "k1") is None


def test_older_files_are_pruned_but_a_few_kept(folder: Path) -> None:
    for i in range(6):
        (folder / f"thing-old{i}.pickle").write_bytes(b"")
    (folder / "other-old.pickle").write_bytes(b"")
    save("thing", "new", 1)
    names = {p.name for p in folder.iterdir()}
    assert {"thing-new.pickle", "other-old.pickle"} <= names
    assert len(names) == 2 + cachefile.KEEP_OTHERS


def test_the_language_identifier_from_the_cache_answers_as_the_shipped_model(
    folder: Path,
) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from clampdown import langid

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    text = "Роскомнадзор оштрафовал Google за отказ удалить запрещённый контент"
    langid._identifier.cache_clear()
    try:
        langid._identifier()  # built and saved
        assert [p.name.split("-")[0] for p in folder.iterdir()] == ["langid"]
        langid._identifier.cache_clear()
        assert langid._identifier().rank(text) == shipped.rank(text)
    finally:
        langid._identifier.cache_clear()
