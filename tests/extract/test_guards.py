"""A pattern is not searched in a stretch of text that holds none of the words each of its
matches holds; that skips no match."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from clampdown import regexwords
from clampdown.extract.guards import may_match, search
from clampdown.extract.language import SUPPORTED, casefold_same_length, language_pack
from clampdown.extract.sentences import split_sentences
from clampdown.ingest import read_documents
from clampdown.model import Document


def _low(text: str) -> str:
    return casefold_same_length(text)


def test_a_stretch_without_the_words_is_not_searched() -> None:
    attribution = language_pack("en").attribution
    plain = "The regulator blocked Telegram on Monday."
    cited = "The regulator blocked Telegram on Monday, the ministry said."
    assert not may_match(attribution, _low(plain), 0, len(plain))
    assert may_match(attribution, _low(cited), 0, len(cited))
    assert attribution.search(cited)
    # Only the stretch counts: the word after it does not.
    assert search(attribution, cited, _low(cited), 0, cited.index(", the")) is None
    assert not may_match(attribution, _low(cited), 0, cited.index(", the"))


def test_letter_case_is_read_as_the_pattern_reads_it() -> None:
    uncased = re.compile(r"\bSaid\b", re.IGNORECASE)
    for text in ("they SAID so", "they said so", "they Said so"):
        assert uncased.search(text) and may_match(uncased, _low(text), 0, len(text))
    # A cased pattern whose group ignores case.
    mixed = re.compile(r"(?i:said)\s+X")
    assert mixed.search("they SAID X") and may_match(mixed, _low("they SAID X"), 0, 11)
    assert not may_match(mixed, _low("they told X"), 0, 11)


def test_letters_folded_besides_lower_case_are_searched() -> None:
    # `re` matches "ſ" (long s) to "s" and "ı" (dotless i) to "i" when case is ignored,
    # though neither lower-cases to them.
    uncased = re.compile(r"said", re.IGNORECASE)
    for text in ("ſaid", "saıd"):
        assert uncased.search(text)
        assert may_match(uncased, _low(text), 0, len(text))


def test_every_stretch_is_searched_where_the_fold_table_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(regexwords, "_FOLDS", [None])
    uncased = re.compile(r"s(?:a)id", re.IGNORECASE)  # a pattern no other test plans
    assert uncased.search("ſaid") and may_match(uncased, _low("ſaid"), 0, 4)
    assert may_match(uncased, _low("told"), 0, 4)  # no skip at all


def test_a_pattern_without_required_words_is_always_searched() -> None:
    anything = re.compile(r"\w+\s*$")
    assert may_match(anything, "", 0, 0)


def test_no_match_is_skipped_on_the_seed_and_the_dev_set(shared: Path) -> None:
    """Every pattern of the packs, searched over every sentence: where the guard says no,
    the search finds nothing (and it says no somewhere, or it would spare nothing)."""
    paths = [shared / "data" / "seed-docs.jsonl", shared / "data" / "devset" / "docs.jsonl"]
    docs = [d for d in read_documents([str(p) for p in paths]) if isinstance(d, Document)]
    skipped = 0
    for doc in docs:
        lang = doc.lang if doc.lang in SUPPORTED else "en"
        pack = language_pack(lang)
        fields = [getattr(pack, f.name) for f in dataclasses.fields(pack)]
        patterns = [v for v in fields if isinstance(v, re.Pattern)]
        low = _low(doc.text)
        for sent in split_sentences(doc.text, pack.abbreviations):
            for regex in patterns:
                if not may_match(regex, low, sent.start, sent.end):
                    skipped += 1
                    assert regex.search(doc.text, sent.start, sent.end) is None, regex.pattern
    assert skipped > 1000


def test_a_dotted_capital_i_in_the_pattern_is_searched_for() -> None:
    # "İ" lower-cases to "i" and a combining dot; the lower-cased text keeps one letter.
    dotted = re.compile("İstanbul", re.IGNORECASE)
    for text in ("İstanbul", "istanbul", "ISTANBUL"):
        assert dotted.search(text)
        assert may_match(dotted, _low(text), 0, len(text))


def test_offsets_count_characters_beyond_the_basic_plane() -> None:
    attribution = language_pack("en").attribution
    text = "😀😀 The ministry blocked it, officials said."
    low = _low(text)
    assert may_match(attribution, low, 0, len(text))
    assert not may_match(attribution, low, 0, text.index(" said"))
