"""What patterns must contain or begin with, read off their parse trees."""

from __future__ import annotations

import re

import pytest

from clampdown.regexwords import leading_stems, required_words


@pytest.mark.parametrize(
    ("pattern", "stems"),
    [
        (r"\bblocks?\b", ("block",)),
        (r"\b(?:a|b)?c", ("ac", "bc", "c")),  # an optional first group: with and without it
        (r"\b(?:о)?штрафова(?:л|ли)\b", ("оштрафовал", "штрафовал")),
        (r"(?<![Tt]he\s)\bfine\b(?=\s+[A-Z])", ("fine",)),  # lookarounds take no text
        (r"(?:a|b)c", ()),  # no word boundary first: a match may start inside a word
        (r"\d+\s+fines", ()),  # a digit first
        (r"\b[Ff]ine", ("fine",)),  # a class of letters: each of them
        (r"\b\w+ine", ()),  # a class of any letter
        (r"\b(?:" + "|".join(f"w{i}x" for i in range(100)) + ")", ()),  # too many
    ],
)
def test_leading_stems(pattern: str, stems: tuple[str, ...]) -> None:
    assert leading_stems(pattern) == stems


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:fines?|penalt(?:y|ies))\s+to",
        r"\b(?:o)?shtraf(?:ovali|uet)\b",
        r"\bslow(?:s|ed)?(?:\s+down)?\b",
    ],
)
def test_every_match_begins_a_word_with_a_stem(pattern: str) -> None:
    stems = leading_stems(pattern)
    assert stems
    text = (
        "they fine it; fines to pay; penalty to x; penalties to y; oshtrafovali, shtrafuet;"
        " slowed down"
    )
    for m in re.finditer(pattern, text):
        assert any(m.group().lower().startswith(s) for s in stems), (m.group(), stems)


def test_required_words() -> None:
    assert required_words(r"over\s+(?:calls|posts)\s+to\s+protest") == frozenset({"protest"})
    assert required_words(r"\d+") is None
