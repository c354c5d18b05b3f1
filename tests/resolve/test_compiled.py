"""The compiled knowledge base kept on disk: found again, never stale, rebuilt when damaged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clampdown import cachefile
from clampdown.model import Entity
from clampdown.resolve import compiled as compiled_module
from clampdown.resolve import kb as kb_module
from clampdown.resolve.compiled import Compiled, compiled, inputs, source_key
from clampdown.resolve.gazetteer import Gazetteer
from clampdown.resolve.kb import KnowledgeBase

TEXT = "Roskomnadzor fined Google; Роскомнадзора и Google в Таганском районном суде."
RKN = Entity("ru.rkn", "Roskomnadzor", "regulator", "authority", "RU", ("RKN",))


def _clear() -> None:
    compiled_module.cached_file.cache_clear()
    compiled_module.compiled.cache_clear()
    kb_module.load_kb.cache_clear()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder, with the process's caches forgotten before and after."""
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAMPDOWN_CACHE", raising=False)
    _clear()
    yield tmp_path
    _clear()


def _small() -> Compiled:
    kb = KnowledgeBase(entities={RKN.id: RKN}, adjectives={})
    return Compiled(kb=kb, gazetteer=Gazetteer.build([RKN]))


def test_the_key_covers_the_knowledge_base_and_every_lexicon() -> None:
    hashed = {rel for rel, _ in inputs()}
    src = Path(compiled_module.__file__).resolve().parents[1]
    on_disk = {p.relative_to(src).as_posix() for top in ("kb", "lexicons")
               for p in (src / top).rglob("*.yaml")}
    assert on_disk and on_disk <= hashed
    assert {"resolve/gazetteer.py", "resolve/morphology.py", "languages.py"} <= hashed
    assert len(source_key()) == 32


def test_a_saved_gazetteer_finds_what_the_built_one_finds(folder: Path) -> None:
    built = compiled()  # nothing on disk: built and saved
    assert [p.name for p in folder.iterdir()] == [f"kb-{source_key()}.pickle"]
    _clear()
    loaded = compiled()
    assert loaded is not built
    assert loaded.gazetteer.find(TEXT) == built.gazetteer.find(TEXT)
    assert loaded.kb == built.kb
    assert kb_module.load_kb() is loaded.kb  # one set of entities per process


def test_a_damaged_file_is_rebuilt(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / f"kb-{source_key()}.pickle").write_bytes(b"\x80\x05not a pickle")
    monkeypatch.setattr(compiled_module, "load_kb", lambda: _small().kb)
    assert compiled().kb.entities == {RKN.id: RKN}
    _clear()
    assert compiled().gazetteer.find("RKN said")[0].entity == RKN


def test_a_file_of_other_inputs_is_never_read(folder: Path) -> None:
    cachefile.save("kb", "0123", _small())
    assert compiled_module.cached_file() is None
    cachefile.save("kb", source_key(), "not a compiled knowledge base")
    assert compiled_module.cached_file() is None


def test_switched_off_nothing_is_written(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAMPDOWN_CACHE", "0")
    monkeypatch.setattr(compiled_module, "load_kb", lambda: _small().kb)
    assert compiled().kb.entities == {RKN.id: RKN}
    assert list(folder.iterdir()) == []


def test_platform_owners_come_with_the_compiled_knowledge_base(folder: Path) -> None:
    """Each platform's owner is kept in the compiled file, the same as the platform file
    says, so that no later process reads that file again for it."""
    expected = {
        str(rec["id"]): str(rec["parent"])
        for rec in kb_module._read(kb_module.KB_FILES["platform"])
        if rec.get("parent")
    }
    assert expected["threads"] == "facebook"
    assert compiled().kb.parents == expected
    _clear()
    found = compiled_module.cached_file()
    assert found is not None and found.kb.parents == expected
    kb_module.platform_parents.cache_clear()
    assert kb_module.platform_parents() == expected
    kb_module.platform_parents.cache_clear()
