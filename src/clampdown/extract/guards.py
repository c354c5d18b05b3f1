"""Whether a pattern may match in a stretch of text, told from the lower-cased text alone.

Every match of many of the packs' patterns holds one of a few words ("said", "according",
...: `clampdown.regexwords.required_words`, read off the pattern and lower-cased). Where
the lower-cased text (`casefold_same_length`, offsets unchanged) holds none of them in a
stretch, no search of that stretch can match, and the search is not run: what is found
never changes, whether the pattern ignores letter case or not.

A letter that ignores case matches what lower-cases to it, and also the few letters
Python's `re` folds to it besides ("ſ" for "s", "ı" for "i":
`clampdown.regexwords.extra_folds`); a stretch holding one of those is always searched,
and where they cannot be read every stretch is.
"""

from __future__ import annotations

import re

import ahocorasick

from clampdown.regexcache import ByPattern
from clampdown.regexwords import extra_folds, lowers_in_place, required_words

# Per pattern: an automaton of its words and the letters folded to theirs (one pass over
# the stretch finds any of them); None: always search.
_PLANS: ByPattern[ahocorasick.Automaton | None] = ByPattern()


def may_match(regex: re.Pattern[str], low: str, start: int, end: int) -> bool:
    """False only where no match of `regex` lies within `text[start:end]`, told from the
    lower-cased `low` of `text` (offsets unchanged): it holds none of the words each match
    holds. (A lookaround may read outside the stretch; the words are in the match itself.)"""
    try:
        plan = _PLANS[regex]
    except KeyError:
        plan = _PLANS[regex] = _plan(regex)
    return plan is None or next(plan.iter(low, start, end), None) is not None


def search(
    regex: re.Pattern[str], text: str, low: str, start: int, end: int
) -> re.Match[str] | None:
    """`regex.search(text, start, end)`, not run where `may_match` says no (`low`: the
    text lower-cased)."""
    return regex.search(text, start, end) if may_match(regex, low, start, end) else None


def _plan(regex: re.Pattern[str]) -> ahocorasick.Automaton | None:
    if regex.flags & re.VERBOSE:
        return None  # the words are read off the pattern as written, spaces and all
    try:
        words = required_words(regex.pattern)
    except Exception:  # noqa: BLE001 (a form the reading does not know: always search)
        return None
    if not words:
        return None
    folded = extra_folds("".join(words))
    if folded is None:
        return None  # the letters re folds cannot be read: always search
    if not all(lowers_in_place(w) for w in words):
        return None  # "İ" lower-cases to two letters; the lower-cased text holds one ("i")
    automaton = ahocorasick.Automaton()
    for word in sorted(words | folded):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton
