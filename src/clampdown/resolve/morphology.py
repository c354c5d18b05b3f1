"""Word forms of knowledge-base names for inflected languages.

Russian names change with grammatical case ("Роскомнадзор", "Роскомнадзора",
"Таганским районным судом"). Rather than analysing every token of every document, each
alias is expanded once, at load time, into its case forms; the gazetteer then matches
them in a single pass. Which languages have an analyser, the alphabet it reads and the
cases it generates are said by each language's `language.yaml` (`morphology:`); a
language without an analyser may list the endings its names take instead (Turkish).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from clampdown.languages import Morphology, registry


@cache
def _analysers() -> tuple[tuple[re.Pattern[str], Morphology], ...]:
    """Each language's analyser, with a pattern for a letter of its alphabet."""
    return tuple(
        (re.compile(f"[{lang.morphology.letters}]", re.IGNORECASE), lang.morphology)
        for lang in registry().values()
        if lang.morphology is not None and lang.morphology.analyser == "pymorphy3"
    )


@cache
def _suffix_rules() -> tuple[Morphology, ...]:
    return tuple(
        lang.morphology
        for lang in registry().values()
        if lang.morphology is not None and lang.morphology.analyser == "suffixes"
    )


def _with_endings(alias: str, morph: Morphology) -> set[str]:
    """The alias with each ending its last letter takes ("Kurumu" -> "Kurumuna")."""
    if morph.names is None or not morph.names.search(alias):
        return set()
    for end, forms in morph.endings:
        if alias.endswith(end):
            return {alias + form for form in forms}
    return set()


@cache
def _analyser(name: str) -> Any:
    if name == "pymorphy3":
        import pymorphy3

        return pymorphy3.MorphAnalyzer()
    raise ValueError(f"unknown morphological analyser {name!r}")


def _nominative(word: str, morph: Morphology) -> Any:
    """The word's reading as written in a name's nominative form, if it has one."""
    parses = _analyser(morph.analyser).parse(word)
    return next((p for p in parses if "nomn" in p.tag), None)


def _inflect_word(word: str, case: str, morph: Morphology, letter: re.Pattern[str]) -> str:
    if not letter.search(word) or not word.isalpha():
        return word
    parse = _nominative(word, morph)
    if parse is None:
        return word
    form = parse.inflect({case})
    if form is None:
        return word
    out = form.word
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    if word.isupper():
        out = out.upper()
    return str(out)


def alias_forms(alias: str) -> set[str]:
    """The alias in every grammatical case of the language whose letters it is written in
    (only that language's words change)."""
    forms = {alias}
    for morph in _suffix_rules():
        forms |= _with_endings(alias, morph)
    for letter, morph in _analysers():
        if not letter.search(alias):
            continue
        words = alias.split()
        head = _head(words, morph, letter)
        for case in morph.cases:
            # Abbreviations and quoted names keep their shape; the words up to the head
            # noun agree in case, and what depends on it keeps its own ("мировой судья
            # Таганского района" -> "мирового судьи Таганского района").
            forms.add(
                " ".join(
                    w if w.isupper() or i > head else _inflect_word(w, case, morph, letter)
                    for i, w in enumerate(words)
                )
            )
    return forms


def _head(words: list[str], morph: Morphology, letter: re.Pattern[str]) -> int:
    """Index of a name's first noun in the nominative (its head), else of its last word."""
    for i, w in enumerate(words):
        if letter.search(w) and w.isalpha() and not w.isupper():
            parse = _nominative(w, morph)
            if parse is not None and parse.tag.POS == "NOUN":
                return i
    return len(words) - 1
