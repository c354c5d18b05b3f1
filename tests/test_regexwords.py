"""What patterns must contain or begin with, read off their parse trees."""

from __future__ import annotations

import re

import pytest

from clampdown import regexwords
from clampdown.regexwords import (
    best,
    extra_folds,
    leading_stems,
    leading_strings,
    lowers_in_place,
    required_strings,
    required_words,
)


@pytest.mark.parametrize(
    ("pattern", "stems"),
    [
        (r"\bblocks?\b", ("block",)),
        (r"\b(?:a|b)?c", ("ac", "bc", "c")),  # an optional first group: with and without it
        (r"\b(?:о)?штрафова(?:л|ли)\b", ("оштрафовал", "штрафовал")),
        # an optional word first: its start ends where it is taken, not where it is skipped
        (r"\b(?:ab\s+)?(?:cd\s+)?ef\s+x", ("ab", "cd", "ef")),
        (r"\b(?:ab|cd\s+ef)gh", ("abgh", "cd")),  # each alternative read as far as it goes
        (r"\b(?:\w+\s+)?ef", ()),  # a word of any letters may come first
        (r"\b(?:\d+\s+)?ef", ()),  # a digit may come first
        (r"(?<![Tt]he\s)\bfine\b(?=\s+[A-Z])", ("fine",)),  # lookarounds take no text
        (r"(?:a|b)c", ()),  # no word boundary first: a match may start inside a word
        (r"\d+\s+fines", ()),  # a digit first
        (r"\b[Ff]ine", ("fine",)),  # a class of letters: each of them
        (r"\b\w+ine", ()),  # a class of any letter
        (
            r"\b(?:"
            + "|".join(f"w{chr(97 + i // 26)}{chr(97 + i % 26)}x" for i in range(100))
            + ")",
            (),
        ),  # too many
        # a word's stem ends at its first non-letter: what follows it adds no spelling
        (r"\b(?:w0x|w1x)", ("w",)),
        (
            r"\b(?:"
            + "|".join(f"w{chr(97 + i // 20)}{chr(97 + i % 20)}" for i in range(40))
            + r")\b(?:,?\s+x|\s+[:-])?",
            tuple(sorted(f"w{chr(97 + i // 20)}{chr(97 + i % 20)}" for i in range(40))),
        ),
        (r"\b(?:geo-?blocked|ceo\W?s)", ("ceo", "geo")),  # the stem before an optional "-"
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
        r"\b(?:penalty\s+)?(?:to\s+)?pay\b",
    ],
)
def test_every_match_begins_a_word_with_a_stem(pattern: str) -> None:
    stems = leading_stems(pattern)
    assert stems
    text = (
        "they fine it; fines to pay; penalty to x; penalties to y; oshtrafovali, shtrafuet;"
        " slowed down; to pay, penalty to pay"
    )
    for m in re.finditer(pattern, text):
        assert any(m.group().lower().startswith(s) for s in stems), (m.group(), stems)


def test_required_words() -> None:
    assert required_words(r"over\s+(?:calls|posts)\s+to\s+protest") == frozenset({"protest"})
    assert required_words(r"\d+") is None
    # lower-cased, and read inside a group with flags of its own
    assert required_words(r"(?i:Fine)d\s+X") == frozenset({"fine"})


def test_required_strings_as_written() -> None:
    # "\d" holds no word, so the first choice gives no set.
    assert required_strings(r"(?:\d|\bmillion)\s+(?:euros?|dollars?)\s+(?:fine|penalty)\b") == [
        frozenset({"euro", "dollar"}),
        frozenset({"fine", "penalty"}),
    ]
    assert required_strings(r"(?<=,)\s*summoned\b") == [frozenset({"summoned"})]
    assert required_strings(r"(?:fines?)?\s*x") == [frozenset({"x"})]  # optional: nothing
    assert required_strings(r"(?i:fine)d") == [frozenset({"d"})]  # case ignored inside
    assert required_strings(r"fined", re.IGNORECASE) == []
    assert required_strings(r"(?i)fined") == []
    assert required_strings(r"(?:ab)+c") == [frozenset({"ab"}), frozenset({"c"})]
    assert required_strings(r"Fine\s+X") == [frozenset({"Fine"}), frozenset({"X"})]
    assert required_strings(r"a b", re.VERBOSE) == [frozenset({"ab"})]  # as the flags read it
    # of a choice, each alternative's most selective set; none where one has no such set
    assert required_strings(r"(?:warn(?:ed|s)|alert)x") == [
        frozenset({"warn", "alert"}),
        frozenset({"x"}),
    ]
    assert required_strings(r"(?:foi|é)\s+multad") == [frozenset({"multad"})]


def test_required_strings_lower_cased() -> None:
    assert required_strings(r"(?i:Fine)D\s+X", lower=True) == [
        frozenset({"fine"}),
        frozenset({"d"}),
        frozenset({"x"}),
    ]
    assert required_strings(r"Fined", re.IGNORECASE, lower=True) == [frozenset({"fined"})]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:\d|\bmillion)\s+(?:euros?|dollars?)\s+(?:fine|penalty)\b",
        r"(?:ab)+c",
        r"(?:warn(?:ed|s)|alert)x",
        r"(?:foi|é)\s+multad",
        r"Fine\s+X",
    ],
)
def test_every_match_holds_one_of_each_set(pattern: str) -> None:
    text = "3 euros fine, a million dollars penalty; ababc; warnedx alertx; é multad; Fine X"
    matches = list(re.finditer(pattern, text))
    assert matches
    for m in matches:
        for choice in required_strings(pattern):
            assert any(w in m.group() for w in choice), (m.group(), choice)


def test_required_strings_with_assertions() -> None:
    # The match need not hold a lookaround's strings; the text it matches in does.
    def read(pattern: str) -> list[frozenset[str]]:
        return required_strings(pattern, assertions=True)

    assert read(r"\bhas\b(?=(?:\s+\S+){1,8}?\s+(?:fined|banned)\b)") == [
        frozenset({"has"}),
        frozenset({"fined", "banned"}),
    ]
    assert read(r"(?<=,)\s*summoned\b") == [frozenset({","}), frozenset({"summoned"})]
    assert read(r"x(?!\s+fined)") == [frozenset({"x"})]  # a lookaround that must fail
    assert read(r"x(?=(?:\s+fined)?)") == [frozenset({"x"})]  # an optional part
    assert read(r"(?i)x(?=fined)") == []
    assert required_strings(r"(?i:X)(?=Fined)", lower=True, assertions=True) == [
        frozenset({"x"}),
        frozenset({"fined"}),
    ]
    # Without `assertions` (what the match itself holds, for stretches) none is read.
    assert required_strings(r"x(?=\s+fined)") == [frozenset({"x"})]


@pytest.mark.parametrize("text", ["it has been fined", "it has been", "fined, it has"])
def test_a_text_holds_what_its_matches_lookarounds_hold(text: str) -> None:
    pattern = r"\bhas\b(?=(?:\s+\S+){1,3}?\s+fined\b)"
    held = all(any(w in text for w in c) for c in required_strings(pattern, assertions=True))
    assert held or not re.search(pattern, text)
    assert held != (text == "it has been")


def test_best() -> None:
    sets = [
        frozenset({"a"}),
        frozenset({"abc", "de"}),
        frozenset({"fgh", "ijk"}),
        frozenset({"lm"}),
    ]
    assert best(sets) == frozenset({"fgh", "ijk"})  # its shortest word the longest
    assert best([frozenset({"ab", "cd"}), frozenset({"ef"})]) == frozenset({"ef"})  # fewer
    assert best([frozenset({"ab"}), frozenset({"cd"})]) == frozenset({"ab"})  # then the first
    assert best([frozenset({"a", "bcd"})]) is None
    assert best(sets, shortest=4) is None


def test_lowers_in_place() -> None:
    assert lowers_in_place("İ".join("ab")) is False  # its lower case adds a dot
    assert lowers_in_place("İstanbul".lower()) is False  # told alike once lower-cased
    assert lowers_in_place("Istanbul") and lowers_in_place("ΣΑΣ") and lowers_in_place("")


@pytest.mark.parametrize(
    ("pattern", "flags", "strings"),
    [
        # "^", lookbehind and a choice between them take no text
        (r"(?:^|(?<=\.\s))(?:ab|c[de])x|,\s*y", 0, (",", "abx", "cdx", "cex")),
        (r"\bab?c", 0, ("abc", "ac")),  # an optional part: with and without it
        (r"(?:ab)+c", 0, ("ab",)),  # a repeat: its first time, then the start ends
        (r"(?:ab|abc)d", 0, ("abcd", "abd")),
        (r"fines?|fine", 0, ("fine",)),  # "fines" begins "fine": the shorter is enough
        (r"[Tt]he", 0, ("The", "the")),  # letter case kept
        (r"(?:ab|\w)c", 0, None),  # may begin with a class
        (r"(?i:ab)c", 0, None),  # flags of its own
        (r"x*ab", 0, None),  # may begin with "a"
        (r"a (?# b)c", re.VERBOSE, ("ac",)),  # read as the flags read it
        (r"(?:" + "|".join(f"w{i}x" for i in range(100)) + ")", 0, None),  # too many
    ],
)
def test_leading_strings(pattern: str, flags: int, strings: tuple[str, ...] | None) -> None:
    assert leading_strings(pattern, flags) == strings
    if strings is not None:
        text = "abx cdx, y abc ac ababc abd abcd fine fines The the ac"
        for m in re.finditer(pattern, text, flags):
            assert m.group().startswith(strings), (m.group(), strings)


def test_extra_folds() -> None:
    # re matches these ignoring case, though lower-casing them gives other letters
    assert "\N{LATIN SMALL LETTER LONG S}" in (extra_folds("s") or ())
    assert "\N{LATIN SMALL LETTER DOTLESS I}" in (extra_folds("I") or ())
    assert extra_folds("") == frozenset()
    for letter, others in ((c, extra_folds(c) or ()) for c in "siσkμ"):
        for other in others:
            assert re.fullmatch(letter, other, re.IGNORECASE) and other.lower() != letter


def test_extra_folds_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexwords, "_FOLDS", [None])
    assert extra_folds("s") is None
