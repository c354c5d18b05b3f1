"""Word forms of knowledge-base names for inflected languages.

Russian names change with grammatical case ("Роскомнадзор", "Роскомнадзора",
"Таганским районным судом"). Rather than analysing every token of every document, each
alias is expanded once, at load time, into its case forms; the gazetteer then matches
them in a single pass.
"""

from __future__ import annotations

from functools import cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@cache
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _inflect_word(word: str, case: str) -> str:
    if not _is_cyrillic(word) or not word.isalpha():
        return word
    parses = _morph().parse(word)
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
    """The alias in every grammatical case (only Cyrillic words change)."""
    if not _is_cyrillic(alias):
        return {alias}
    words = alias.split()
    forms = {alias}
    for case in CASES:
        # Abbreviations and quoted names keep their shape; other words agree in case.
        forms.add(" ".join(w if w.isupper() else _inflect_word(w, case) for w in words))
    return forms
