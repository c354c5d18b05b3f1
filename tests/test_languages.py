"""The language registry: one folder per language drives the packs, `--lang`, language
detection's candidates and the list in docs/languages.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown.extract.language import SUPPORTED, language_pack
from clampdown.langid import OTHER, candidates
from clampdown.languages import LanguageError, registry, supported

DOCS = Path(__file__).resolve().parents[1] / "docs" / "languages.md"


def test_every_folder_is_a_supported_language() -> None:
    assert supported() == SUPPORTED == tuple(registry())
    assert {"en", "ru"} <= set(supported())


@pytest.mark.parametrize("code", supported())
def test_every_language_loads_its_pack_money_and_dates(code: str) -> None:
    lang = registry()[code]
    assert lang.name and lang.native_name and lang.conjunctions
    assert language_pack(code).code == code
    for name in ("pack.yaml", "money.yaml", "dates.yaml"):
        assert lang.read(name), f"lexicons/{code}/{name} is missing or empty"


def test_cli_lang_choices_and_detection_candidates_come_from_the_registry() -> None:
    from clampdown.cli.app import Lang

    assert [x.value for x in Lang] == list(supported())
    assert candidates() == (*supported(), OTHER)


def test_docs_list_every_language() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code, lang in registry().items():
        assert f"| `{code}` | {lang.name} |" in text, code


def test_a_word_yaml_reads_as_a_boolean_is_refused(tmp_path: Path) -> None:
    from clampdown.languages import word_list

    with pytest.raises(LanguageError, match="quoted"):
        word_list("lexicons/xx/language.yaml", "conjunctions", ["ve", True])


def test_sentences_break_before_capitals_of_any_alphabet() -> None:
    from clampdown.extract.sentences import split_sentences

    text = "BTK erişimi engelledi. Şirket itiraz etti. Über die Sperre entschied ein Gericht."
    assert [s.text for s in split_sentences(text)] == [
        "BTK erişimi engelledi.", "Şirket itiraz etti.", "Über die Sperre entschied ein Gericht."
    ]


def test_dotted_capital_i_lower_cases_in_place() -> None:
    from clampdown.extract.language import casefold_same_length

    assert casefold_same_length("İstanbul İL") == "istanbul il"


def test_a_list_of_names_is_joined_by_the_languages_own_conjunctions() -> None:
    from clampdown.extract.language import language_pack
    from clampdown.extract.names import unknown_names

    text = "Die Behörde sperrte die Plattformen Zabbo, Quillet und Morvane."
    found = [m.surface for m in unknown_names(text, language_pack("de"), [])]
    assert found == ["Zabbo", "Quillet", "Morvane"]
