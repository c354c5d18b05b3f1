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


def _inflect_word(word: str, case: str, morph: Morphology, letter: re.Pattern[str]) -> str:
    if not letter.search(word) or not word.isalpha():
        return word
    parses = _analyser(morph.analyser).parse(word)
    if not parses:
        return word
    form = parses[0].inflect({case})
    if form is None:
        return word
    out = form.word
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    if word.isupper():
        out = out.upper()
    return out


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
        for case in morph.cases:
            # Abbreviations and quoted names keep their shape; other words agree in case.
            forms.add(
                " ".join(
                    w if w.isupper() else _inflect_word(w, case, morph, letter) for w in words
                )
            )
    return forms
