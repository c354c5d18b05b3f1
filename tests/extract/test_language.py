"""The language pack loader: anaphora read with what follows them as written."""

from __future__ import annotations

import re

from clampdown.extract.language import NEVER, Anaphor, language_pack


def _anaphor(not_before: str | None) -> Anaphor:
    return Anaphor(
        role="platform",
        regex=re.compile(r"\bplatform\b"),
        kinds=frozenset(),
        plural=False,
        not_before=re.compile(not_before) if not_before else None,
    )


def test_not_before_is_read_in_the_text_as_written() -> None:
    an = _anaphor(r"\s+[A-Z]")
    text = "the platform Zorblat and the platform was fined"
    low = text.lower()
    ends = [m.end() for m in an.regex.finditer(low)]
    assert [an.stands_before(text, e) for e in ends] == [False, True]


def test_without_not_before_every_match_stands() -> None:
    an = _anaphor(None)
    assert an.stands_before("the platform Zorblat", len("the platform"))


def test_only_a_pack_that_says_so_drops_subjects() -> None:
    assert language_pack("pt").drops_subjects
    assert not language_pack("en").drops_subjects
    assert not language_pack("tr").drops_subjects
    assert language_pack("en").subjectless_before.pattern == NEVER  # matches nothing
