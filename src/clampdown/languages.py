"""The language registry: a language clampdown reads is one folder of `lexicons/`.

`lexicons/<code>/` (an ISO 639-1 code) holds everything that differs between languages:

- `language.yaml`: its name, how lists of names are joined ("and", "or"), the words that
  open a phrase but never a name ("The"), how news names a court the knowledge base lacks,
  spelling variants, and the morphological analyser that inflects its names, if any;
- `pack.yaml`: triggers and the word lists of the sentence reader and the gates
  (`extract/language.py`);
- `money.yaml`: currency names, multipliers, number words and cue words (`extract/money.py`);
- `dates.yaml`: month and weekday names, cue words and relative phrases (`extract/dates.py`).

The folders found are the supported languages: they drive `--lang`, the candidates of
language detection, the packs the tests run and the list in `docs/languages.md`. No Python
module outside the folders names a word of any language. `lexicons/*.yaml` beside the
folders hold what no language owns (currency signs and codes, date settings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

LEXICONS: Traversable = files("clampdown") / "lexicons"
DEFAULT = "en"  # the language of a document too short to tell (a bare headline)
_CODE = re.compile(r"^[a-z]{2}$")
_KEYS = frozenset(
    {
        "name",
        "native_name",
        "conjunctions",
        "articles",
        "court_name",
        "spellings",
        "morphology",
        "common_words",
        "possessive",
        "number_reader",
    }
)
_ANALYSERS = frozenset({"pymorphy3", "suffixes"})
# Libraries that read numbers written in words ("twenty-five million", "двух миллионов").
NUMBER_READERS = frozenset({"text2num", "number-parser"})


class LanguageError(ValueError):
    """A language folder that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Morphology:
    """How a language's names change their form.

    `pymorphy3`: an analyser inflects every word written in `letters` into `cases`.
    `suffixes`: where no analyser exists, a name that `names` matches takes the endings
    listed for the last letter of its last word ("Rekabet Kurumu" -> "Rekabet Kurumunun").
    """

    analyser: str
    letters: str = ""  # a character class body: the alphabet the analyser reads ("а-яё")
    cases: tuple[str, ...] = ()  # the analyser's names of the grammatical cases to generate
    names: re.Pattern[str] | None = None
    endings: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str  # in English, for docs and help texts
    native_name: str
    # Words that join the names of a list ("Tinder, Grindr and Skout").
    conjunctions: tuple[str, ...]
    # Capitalised words that open a phrase and are never the first word of a name ("The").
    articles: tuple[str, ...]
    # How news names a court the knowledge base lacks ("the Leninsky District Court"): a
    # regular expression whose group 1 is the name; None where the language has none.
    court_name: re.Pattern[str] | None
    # Pairs of spellings that news writes either way ("ё" and "е").
    spellings: tuple[tuple[str, str], ...]
    morphology: Morphology | None
    # Ordinary words of the language that the knowledge base has as names, written as in
    # the text ("Tor", a goal, and "Signal" in German, where nouns are capitalised): in a
    # text of this language they name nothing.
    common_words: frozenset[str] = frozenset()
    # What marks a name as a possessor right after it (English "Google's"): a regular
    # expression matched where the name ends; None where the language has no such mark.
    possessive: re.Pattern[str] | None = None
    # The library that reads the language's numbers written in words (`NUMBER_READERS`);
    # None where none covers it (its money.yaml then lists the number words by hand).
    number_reader: str | None = None

    @property
    def folder(self) -> Traversable:
        return LEXICONS / self.code

    def read(self, name: str) -> dict[str, Any]:
        """A YAML file of this language's folder (`{}` when the folder has none)."""
        return read_yaml(self.folder / name, f"lexicons/{self.code}/{name}")


def read_yaml(path: Traversable, name: str) -> dict[str, Any]:
    """A YAML mapping, `{}` when the file is absent; a LanguageError names a bad one."""
    import yaml

    if not path.is_file():
        return {}
    try:
        # libyaml's parser where PyYAML has it: the same documents, ten times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise LanguageError(f"{name}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LanguageError(f"{name}: top level: expected a mapping of keys")
    return data


def word_list(name: str, key: str, value: Any) -> tuple[str, ...]:
    """A list of words of a language file; a LanguageError names a bad one."""
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        # YAML reads a bare `on` or `no` as a boolean: such a word must be quoted.
        raise LanguageError(f"{name}: {key}: expected a list of quoted words")
    return tuple(value)


def _language(code: str) -> Language:
    name = f"lexicons/{code}/language.yaml"
    data = read_yaml(LEXICONS / code / "language.yaml", name)
    unknown = set(data) - _KEYS
    if unknown:
        raise LanguageError(f"{name}: {sorted(unknown)[0]}: unknown key")
    for key in ("name", "native_name", "conjunctions"):
        if key not in data:
            raise LanguageError(f"{name}: {key}: missing")
    court_rx = _pattern(name, "court_name", data.get("court_name"))
    morph = data.get("morphology")
    morphology = None
    if morph:
        if morph.get("analyser") not in _ANALYSERS:
            raise LanguageError(
                f"{name}: morphology.analyser: one of {', '.join(sorted(_ANALYSERS))}"
            )
        try:
            names = re.compile(morph["names"]) if morph.get("names") else None
        except re.error as exc:
            why = f"bad regular expression: {exc}"
            raise LanguageError(f"{name}: morphology.names: {why}") from None
        morphology = Morphology(
            analyser=morph["analyser"],
            letters=str(morph.get("letters") or ""),
            cases=word_list(name, "morphology.cases", morph.get("cases") or []),
            names=names,
            endings=tuple(
                (str(end), word_list(name, f"morphology.endings.{end}", forms))
                for end, forms in (morph.get("endings") or {}).items()
            ),
        )
    spellings = tuple(
        (str(a), str(b)) for a, b in (data.get("spellings") or ())
    )
    return Language(
        code=code,
        name=str(data["name"]),
        native_name=str(data["native_name"]),
        conjunctions=word_list(name, "conjunctions", data["conjunctions"]),
        articles=word_list(name, "articles", data.get("articles") or []),
        court_name=court_rx,
        spellings=spellings,
        morphology=morphology,
        common_words=frozenset(word_list(name, "common_words", data.get("common_words") or [])),
        possessive=_pattern(name, "possessive", data.get("possessive")),
        number_reader=_number_reader(name, data.get("number_reader")),
    )


def _number_reader(name: str, value: Any) -> str | None:
    if value is not None and value not in NUMBER_READERS:
        raise LanguageError(f"{name}: number_reader: one of {', '.join(sorted(NUMBER_READERS))}")
    return None if value is None else str(value)


def _pattern(name: str, key: str, value: Any) -> re.Pattern[str] | None:
    try:
        return re.compile(value) if value else None
    except re.error as exc:
        raise LanguageError(f"{name}: {key}: bad regular expression: {exc}") from None


@cache
def supported() -> tuple[str, ...]:
    """The codes of the languages clampdown reads, in code order: the folders that hold a
    `language.yaml` (listed without reading them, so `--help` stays fast)."""
    return tuple(
        sorted(
            entry.name
            for entry in LEXICONS.iterdir()
            if entry.is_dir() and _CODE.match(entry.name) and (entry / "language.yaml").is_file()
        )
    )


@cache
def registry() -> dict[str, Language]:
    """Every language, by code, in code order."""
    return {code: _language(code) for code in supported()}


def language(code: str | None) -> Language | None:
    """The registered language `code`, or None."""
    return registry().get(code or "")


def languages(code: str | None) -> tuple[Language, ...]:
    """The language `code` as a one-tuple; every language when it is not one of them (text
    in an unknown language is read with all their words, as before the split)."""
    lang = language(code)
    return (lang,) if lang is not None else tuple(registry().values())
