"""Triggers are tried only where their first word can begin, with the result of scanning
the whole text with every pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clampdown.extract.language import SUPPORTED, casefold_same_length, language_pack
from clampdown.extract.triggers import scan_triggers


def _every_pattern_everywhere(code: str, text: str) -> list[tuple[int, int, str]]:
    pack = language_pack(code)
    low = casefold_same_length(text)
    return sorted(
        (m.start(), m.end(), t.regex.pattern)
        for t in pack.triggers
        for m in t.regex.finditer(text if t.cased else low)
    )


def _scanned(code: str, text: str) -> list[tuple[int, int, str]]:
    return sorted((h.start, h.end, h.trigger.regex.pattern) for h in scan_triggers(
        language_pack(code), text))


def test_the_examples_of_every_pack_give_the_same_hits_as_a_full_scan() -> None:
    for code in SUPPORTED:
        pack = language_pack(code)
        text = " ".join(s for t in pack.triggers for s in (*t.examples, *t.near_misses))
        assert _scanned(code, text) == _every_pattern_everywhere(code, text), code


WORDS = [w for t in language_pack("en").triggers for s in t.examples for w in s.split()]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_any_text_gives_the_same_hits_as_a_full_scan(words: list[str]) -> None:
    text = re.sub(r"\s+", " ", " ".join(words))
    assert _scanned("en", text) == _every_pattern_everywhere("en", text)
