"""Language packs are checked data: every trigger proves itself on its own examples, and a
pack with a typo fails to load with one line that names the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from clampdown.extract.language import (
    SUPPORTED,
    PackError,
    Trigger,
    language_pack,
    leading_stems,
    load_pack,
)

TRIGGERS = [
    pytest.param(trig, id=f"{code}-{i:03d}-{trig.type}")
    for code in SUPPORTED
    for i, trig in enumerate(language_pack(code).triggers)
]


@pytest.mark.parametrize("trig", TRIGGERS)
def test_trigger_matches_its_examples_and_not_its_near_misses(trig: Trigger) -> None:
    assert trig.examples, f"{trig.regex.pattern!r} has no example"
    assert trig.near_misses, f"{trig.regex.pattern!r} has no near miss"
    for sentence in trig.examples:
        assert trig.matches(sentence), (trig.regex.pattern, sentence)
    for sentence in trig.near_misses:
        assert not trig.matches(sentence), (trig.regex.pattern, sentence)


def _source(code: str) -> str:
    import clampdown

    return (Path(clampdown.__file__).parent / "lexicons" / code / "pack.yaml").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("announced_cues:", "announced_cue:"), "unknown key"),
        (("type: FINE\n", "type: FINES\n"), "unknown event type 'FINES'"),
        (("voice: passive\n", "voice: pasive\n"), "unknown voice 'pasive'"),
        (("voice: passive\n", "voice: passive\n    cased: yes please\n"), "cased must be"),
        (("voice: passive\n", "voice: passive\n    exampels: []\n"), "unknown key 'exampels'"),
        (("negation_cues: '", "negation_cues: '(("), "bad regular expression"),
        (("\nlist_glue:", "\nhedges: 'x'\nlist_glue:"), "given twice"),
        (("voice: passive\n", "voice: passive\n    status: planned\n"), "status must be"),
    ],
)
def test_a_broken_pack_fails_with_one_line_naming_file_and_entry(
    edit: tuple[str, str], message: str
) -> None:
    source = _source("en")
    assert edit[0] in source
    with pytest.raises(PackError) as err:
        load_pack("en", "lexicons/en/pack.yaml", source.replace(edit[0], edit[1], 1))
    text = str(err.value)
    assert text.startswith("lexicons/en/pack.yaml: ") and message in text and "\n" not in text


def test_packs_as_shipped_load() -> None:
    for code in SUPPORTED:
        assert load_pack(code, f"{code}.yaml", _source(code)).triggers


def test_the_yaml_readers_read_every_pack_alike_and_refuse_a_key_given_twice() -> None:
    """Packs are read with libyaml where PyYAML has it: the same data as its Python reader,
    and the same refusal of a key given twice."""
    import yaml

    from clampdown.extract.language import _LOADER, _UniqueKeyLoader

    for code in SUPPORTED:
        source = _source(code)
        assert yaml.load(source, Loader=_LOADER) == yaml.load(source, Loader=_UniqueKeyLoader)
    twice = "a: 1\nb:\n  c: 2\n  c: 3\n"
    for loader in (_LOADER, _UniqueKeyLoader):
        with pytest.raises(yaml.constructor.ConstructorError, match="given twice"):
            yaml.load(twice, Loader=loader)  # noqa: S506 (a safe loader)


def test_a_case_sensitive_trigger_says_so() -> None:
    """'Russian regulators fine Google': 'fine' before a name is the verb, and only the
    capital letter tells it from 'a fine'; the flag makes the engine see the case."""
    cased = [t for t in language_pack("en").triggers if t.cased]
    assert cased
    assert any(t.matches("Russian regulators fine Google 3 million roubles.") for t in cased)
    assert not any(t.matches("the fine google imposed") for t in cased)


def test_a_trigger_runs_whenever_its_first_word_can_occur() -> None:
    """The stem that lets a pattern skip documents must be a prefix of every word the
    pattern's first word can be: "fines?" needs "fine", not "fines"."""
    assert leading_stems(r"\b(?:fines?|penalt(?:y|ies))\s+to") == ("fine", "penalties", "penalty")
    assert leading_stems(r"\bblocks?\b") == ("block",)
    for code in SUPPORTED:
        for trig in language_pack(code).triggers:
            for sentence in trig.examples:
                words = {w[: len(s)] for w in sentence.lower().split() for s in trig.stems}
                assert not trig.stems or words & set(trig.stems), (trig.regex.pattern, sentence)
