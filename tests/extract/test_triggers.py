"""Triggers are tried only where their first word can begin, with the result of scanning
the whole text with every pattern."""

from __future__ import annotations

import re

import pytest
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
    return sorted(
        (h.start, h.end, h.trigger.regex.pattern) for h in scan_triggers(language_pack(code), text)
    )


def test_the_examples_of_every_pack_give_the_same_hits_as_a_full_scan() -> None:
    for code in SUPPORTED:
        pack = language_pack(code)
        text = " ".join(s for t in pack.triggers for s in (*t.examples, *t.near_misses))
        assert _scanned(code, text) == _every_pattern_everywhere(code, text), code


def test_each_example_alone_gives_the_same_hits_as_a_full_scan() -> None:
    """A text holding the words of only some of the patterns that start with a stem, or
    from some place on: those alone are tried at its places, one by one, and a pattern only
    before the end of the last word it needs (`triggers._kept`, `triggers._until`)."""
    from clampdown.extract.triggers import _gates, _kept, _read_words, _trigger_index, _until

    for code in SUPPORTED:
        pack = language_pack(code)
        examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        for text in [*examples, *map(" ".join, zip(examples, examples[1:], strict=False))]:
            assert _scanned(code, text) == _every_pattern_everywhere(code, text), (code, text)
    pack = language_pack("de")
    index = _trigger_index(pack.triggers, pack.platform_cues)
    stem = max(index.by_stem, key=lambda st: len(index.by_stem[st]))
    gate = _gates(index, stem)[0][1]
    assert gate is not None
    first = next(i for i in index.by_stem[stem] if index.needs[i] and index.forward[i])
    needed = sorted(index.needs[first] or ())
    assert _until(index, first, {}) == 0  # the text holds none of its words
    assert _until(index, first, {needed[0]: 40}) == 40
    assert _until(index, first, {w: 40 + n for n, w in enumerate(needed)}) == 39 + len(needed)
    examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
    low = casefold_same_length(" ".join(examples))
    where, last, _ = _read_words(index, low)
    places = where[stem]
    kept = _kept(index, stem, last, gate, low, places, {})
    assert kept == [p for p in places if gate(low, p)]
    assert kept and len(kept) < len(places)


def test_a_stem_with_many_patterns_tries_each_only_near_the_words_it_needs() -> None:
    """At each place of a stem with many patterns, a pattern is tried only where a word it
    needs follows within the runs of whitespace it reads (`triggers._kept_near`): the same
    places kept as its whole gate keeps, in each pack's own sentences, joined and alone."""
    from clampdown.extract.triggers import (
        _NEAR_FROM,
        _gates,
        _kept,
        _read_words,
        _trigger_index,
    )

    tried = 0
    for code in SUPPORTED:
        pack = language_pack(code)
        index = _trigger_index(pack.triggers, pack.platform_cues)
        examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        for text in [" ".join(examples), *examples]:
            low = casefold_same_length(text)
            where, last, _ = _read_words(index, low)
            for stem, places in where.items():
                if len(index.by_stem[stem]) < _NEAR_FROM:
                    continue
                for cased, gate in _gates(index, stem):
                    if not cased and gate is not None:
                        tried += 1
                        kept = _kept(index, stem, last, gate, low, places, {})
                        assert kept == [p for p in places if gate(low, p)], (code, text)
    assert tried


def test_each_packs_anaphora_in_its_own_examples_are_those_of_the_full_pass() -> None:
    """Anaphora whose start cannot be read run where the stretch holds the words they need,
    found in the pass that finds the others' stems: in each language's own sentences."""
    from clampdown.extract.triggers import scan_anaphors

    for code in SUPPORTED:
        pack = language_pack(code)
        examples = [s for t in pack.triggers for s in (*t.examples, *t.near_misses)]
        low = casefold_same_length(" ".join(examples))
        start = 0
        for sentence in examples:
            for lo, hi in ((start, start + len(sentence)), (start + 1, start + len(sentence) - 1)):
                full = sorted(
                    (
                        (m.start(), m.end(), an)
                        for an in pack.anaphora
                        for m in an.regex.finditer(low, lo, hi)
                    ),
                    key=lambda f: (f[0], -(f[1] - f[0])),
                )
                assert scan_anaphors(pack, low, lo, hi) == full, (code, low[lo:hi])
            start += len(sentence) + 1
        assert scan_anaphors(pack, low, 0, len(low)), code  # each pack finds some


EXAMPLE_WORDS = {
    lang: [w for t in language_pack(lang).triggers for s in t.examples for w in s.split()]
    for lang in ("en", "de")  # German: many patterns share one auxiliary verb's stem
}


@pytest.mark.parametrize("lang", sorted(EXAMPLE_WORDS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_text_gives_the_same_hits_as_a_full_scan(lang: str, data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(EXAMPLE_WORDS[lang]), min_size=1, max_size=40))
    text = re.sub(r"\s+", " ", " ".join(words))
    assert _scanned(lang, text) == _every_pattern_everywhere(lang, text)


def test_the_service_nouns_are_found_where_their_own_scan_finds_them() -> None:
    """`scan_document` reads where the service nouns' stems begin words in the trigger
    pass; the names the text introduces are the same as with their own pass."""
    from clampdown.extract.names import introduced
    from clampdown.extract.quick import _stem_automaton, word_starts
    from clampdown.extract.triggers import scan_document

    text = (
        "The regulator blocked the messaging app Signalix and the news site Daily Wire. "
        "Applications from the network operator were fined; the channel Foo_Bar, the "
        "platform Zed and the website example.org were warned. An apparent outlet: none."
    )
    for code in SUPPORTED:
        pack = language_pack(code)
        low = casefold_same_length(text)
        hits, cues = scan_document(pack, text, low)
        assert hits == scan_triggers(pack, text, low), code
        automaton = _stem_automaton(pack.platform_cues)
        if automaton is None:
            assert cues is None, code
            continue
        assert cues == word_starts(automaton, low), code
        assert introduced(text, pack, low, cues) == introduced(text, pack, low), code


def test_an_anaphor_led_by_a_one_letter_word_runs_where_its_words_are() -> None:
    """An optional one-letter word first (an article) begins most words of a stretch: such
    an anaphor is tried where the stretch holds the words it needs, not at its stems, and
    finds what the full pass finds."""
    from dataclasses import replace

    from clampdown.extract.triggers import _anaphor_own_stems, scan_anaphors

    pack = language_pack("en")
    base = pack.anaphora[0]
    led = replace(base, regex=re.compile(r"\b(?:q\s+)?zyx\b"))
    plain = replace(base, regex=re.compile(r"\b(?:qu\s+)?zyx\b"))
    assert _anaphor_own_stems(led) == ()
    assert _anaphor_own_stems(plain) == ("qu", "zyx")
    low = "q zyx and qu zyx, quiet zyx; q q zyx"
    for an in (led, plain):
        own = replace(pack, anaphora=(an,))
        full = [(m.start(), m.end(), an) for m in an.regex.finditer(low)]
        assert scan_anaphors(own, low, 0, len(low)) == full
        assert len(full) == 4
