"""Compiled patterns kept between runs: equal to `re.compile`'s, from the cache or not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clampdown import regexcache, regexwords
from clampdown.extract.language import SUPPORTED, language_pack


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and a process that has compiled nothing yet."""
    monkeypatch.setenv("CLAMPDOWN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAMPDOWN_CACHE", raising=False)
    _forget(monkeypatch)
    yield tmp_path
    regexcache.save()  # into the test's folder, not the user's


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_stored", None)
    monkeypatch.setattr(regexcache, "_used", {})
    monkeypatch.setattr(regexcache, "_compiled", {})
    monkeypatch.setattr(regexcache, "_trees", None)
    monkeypatch.setattr(regexcache, "_trees_used", {})
    for readings in regexcache._READINGS:
        monkeypatch.setattr(readings, "found", None)
        monkeypatch.setattr(readings, "used", {})
    monkeypatch.setattr(regexcache, "_state", {"added": False, "on": regexcache._READY})


def _pack_patterns() -> list[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for code in sorted(SUPPORTED):
        pack = language_pack(code)
        regexes = [t.regex for t in pack.triggers]
        regexes += [a.regex for a in pack.anaphora]
        regexes += [a.not_before for a in pack.anaphora if a.not_before is not None]
        regexes += [v for v in vars_of(pack) if isinstance(v, re.Pattern)]
        found |= {(r.pattern, r.flags) for r in regexes}
    return sorted(found)


def vars_of(obj: object) -> list[object]:
    return [getattr(obj, name) for name in getattr(obj, "__slots__", ())] or list(
        vars(obj).values()
    )


def test_every_pack_pattern_compiles_as_re_does_before_and_after_the_cache(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns = _pack_patterns()
    assert len(patterns) > 500
    first = [regexcache.compile(p, f) for p, f in patterns]
    assert first == [re.compile(p, f) for p, f in patterns]
    regexcache.save()
    assert list(fresh.glob(f"{regexcache.NAME}-*.pickle"))
    # a later process: every program is read from the folder, none parsed again
    _forget(monkeypatch)

    def no_parse(*_: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(regexcache, "_entry", no_parse)
    again = [regexcache.compile(p, f) for p, f in patterns]
    assert again == first
    assert [r.groupindex for r in again] == [r.groupindex for r in first]
    assert regexcache.compile(patterns[0][0], patterns[0][1]) is again[0]  # once per process


def test_groups_flags_and_matches_are_those_of_re(fresh: Path) -> None:
    pattern = r"(?P<num>\d+)\s+(?:roubles?|рубл\w*)|(?i:FINE)(d)?"
    made = regexcache.compile(pattern, re.IGNORECASE)
    assert made == re.compile(pattern, re.IGNORECASE)
    assert made.groups == 2 and made.groupindex == {"num": 1}
    assert made.flags == re.compile(pattern, re.IGNORECASE).flags
    match = made.search("a 500 РУБЛЕЙ fine")
    assert match is not None and match.group("num") == "500"
    assert made.search("Fined")


def test_a_bad_pattern_fails_as_re_does_and_is_not_kept(fresh: Path) -> None:
    with pytest.raises(re.error):
        regexcache.compile(r"(unclosed")
    assert (r"(unclosed", 0) not in regexcache._compiled


def test_with_the_cache_off_it_is_re_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAMPDOWN_CACHE", "0")
    _forget(monkeypatch)
    assert regexcache.compile(r"\bab+c") == re.compile(r"\bab+c")
    regexcache.save()
    assert not list(tmp_path.iterdir())


def test_parse_trees_from_the_cache_are_re_s_own(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re._constants as constants  # type: ignore[import-not-found]
    import re._parser as parser  # type: ignore[import-not-found]

    patterns = _pack_patterns()
    first = [regexcache.parsed(p, f) for p, f in patterns]
    regexcache.save()
    _forget(monkeypatch)
    parse = parser.parse
    monkeypatch.setattr(parser, "parse", None)  # every tree read from the folder
    again = [regexcache.parsed(p, f) for p, f in patterns]
    monkeypatch.setattr(parser, "parse", parse)
    for (p, f), one, two in zip(patterns, first, again, strict=True):
        assert repr(two.data) == repr(one.data) == repr(parser.parse(p, f).data)
        assert two.state.flags == one.state.flags and two.state.groupdict == one.state.groupdict
    tree = regexcache.parsed(r"\bab", 0)
    assert tree.data[0][0] is constants.AT and tree.data[0][1] is constants.AT_BOUNDARY


def _readings_of(patterns: list[tuple[str, int]]) -> list[object]:
    return [
        (
            regexwords.leading_stems(p),
            regexwords.leading_strings(p, f),
            [
                regexwords.required_strings(p, f, lower=lo, assertions=a)
                for lo in (False, True)
                for a in (False, True)
            ],
        )
        for p, f in patterns
    ]


def test_readings_from_the_cache_are_those_the_code_reads(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns = _pack_patterns()
    first = _readings_of(patterns)
    regexcache.save()
    assert list(fresh.glob("regex-readings-*.pickle"))
    _forget(monkeypatch)
    parse = regexwords._parse
    monkeypatch.setattr(regexwords, "_parse", None)  # every reading from the folder
    again = _readings_of(patterns)
    monkeypatch.setattr(regexwords, "_parse", parse)
    assert again == first
    # a change to the code that reads them names another file: nothing stale is read
    monkeypatch.setattr(regexcache, "_READINGS", list(regexcache._READINGS))
    other = regexcache.Readings("regex-readings", b"other code")
    assert other.get(("stems", r"\bab"), lambda: ("x",)) == ("x",)
    monkeypatch.setitem(regexcache._state, "on", False)  # read afresh, nothing kept
    assert _readings_of(patterns) == first


def _quick_readings_of(patterns: list[tuple[str, int]]) -> list[object]:
    from clampdown.extract import quick

    out: list[object] = []
    for p, f in patterns:
        rx = re.compile(p, f)
        out.append(
            (
                quick.digit_led(rx),
                quick.hyphen_led(rx),
                quick.run_class(rx),
                quick._near_plan(rx),
                quick.read_runs.__wrapped__(rx),  # past the per-process cache
                quick.possessive_pattern(p),
            )
        )
    return out


def test_quick_readings_from_the_cache_are_those_the_code_reads(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns = _pack_patterns()
    first = _quick_readings_of(patterns)
    regexcache.save()
    assert list(fresh.glob("quick-readings-*.pickle"))
    _forget(monkeypatch)
    from clampdown.extract import quick

    parsed = quick._parsed
    monkeypatch.setattr(quick, "_parsed", None)  # every reading from the folder
    again = _quick_readings_of(patterns)
    monkeypatch.setattr(quick, "_parsed", parsed)
    assert again == first
    monkeypatch.setitem(regexcache._state, "on", False)  # read afresh, nothing kept
    assert _quick_readings_of(patterns) == first


def test_by_pattern_keeps_a_value_per_pattern_object() -> None:
    first = re.compile(r"\bkept\s+by\s+(?:its|the)\s+object\b")
    other = re.compile(r"\bkept\s+by\s+(?:its|the)\s+object\b", re.IGNORECASE)
    kept: regexcache.ByPattern[int] = regexcache.ByPattern()
    assert first not in kept and kept.get(first) is None
    kept[first] = 1
    kept[other] = 2
    assert first in kept and kept[first] == 1 and kept.get(other) == 2
    kept[first] = 3
    assert kept[first] == 3 and kept[other] == 2
    with pytest.raises(KeyError):
        kept[re.compile(r"\bnever\s+kept\b")]
