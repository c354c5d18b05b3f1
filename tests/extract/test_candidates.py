"""The broad candidate generator: a candidate per platform and act-word type in a sentence
the rules read, never one the rules state, never outside what the prefilter lets through,
and never a change to the rules' own events."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from clampdown.extract.candidates import FEATURES, LEXICAL, act_words, lexical
from clampdown.extract.context import Ref
from clampdown.extract.language import SUPPORTED, Trigger
from clampdown.extract.pipeline import extract
from clampdown.extract.triggers import Hit
from clampdown.ingest import read_documents
from clampdown.model import EVENT_TYPES, Document, Entity
from clampdown.output import spec_dict

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"


def _doc(text: str, lang: str = "en") -> Document:
    return Document(id="t", text=text, published=date(2021, 7, 10), lang=lang)


@pytest.mark.parametrize("lang", sorted(SUPPORTED))
def test_every_pack_has_act_words_of_known_types(lang: str) -> None:
    words = act_words(lang)
    assert words, lang
    assert set(words) <= set(EVENT_TYPES)
    assert {"FINE", "BLOCK", "DEMAND"} <= set(words)


def test_act_words_match_word_starts_only() -> None:
    fine = act_words("en")["FINE"]
    assert fine.search("the regulator fined it")
    assert not fine.search("a refined reading")


def test_a_platform_beside_an_act_word_is_a_candidate_the_rules_do_not_state() -> None:
    # The trigger ("fined") gives Telegram's fine; "ordered ... removed" is left unread
    # by the rules for Google, and the act-word of a demand proposes it.
    text = (
        "Roskomnadzor fined Telegram 3 million roubles on Friday, and Google was ordered"
        " to have the channels removed."
    )
    events = extract(_doc(text), candidates="all").events
    rules = [(e.type, e.target) for e in events if not e.candidate]
    cands = [e for e in events if e.candidate]
    assert ("FINE", "Telegram") in rules
    assert cands
    assert not {(e.type, e.target) for e in cands} & set(rules)
    for ev in cands:
        assert {f for f in ev.features if not f.startswith(LEXICAL)} <= set(FEATURES)
        assert any(f.startswith(LEXICAL) for f in ev.features)
        assert ev.features["bias"] == 1.0
        assert ev.features["rules_in_document"] == 1.0


def test_no_candidate_in_a_sentence_without_a_trigger() -> None:
    # The second sentence has an act-word ("slowdown") and a platform but no trigger:
    # the prefilter never reads such a sentence, so no candidate comes from it.
    text = (
        "Roskomnadzor fined Telegram 3 million roubles on Friday. "
        "Observers expect talk of a slowdown about YouTube."
    )
    assert act_words("en")["THROTTLE"].search(text.lower())
    events = extract(_doc(text), candidates="all").events
    assert events
    assert all(e.start < text.index("Observers") for e in events)


def test_candidates_leave_the_rules_events_unchanged() -> None:
    docs = [d for d in read_documents([str(CORPUS / "docs-dev.jsonl")]) if isinstance(d, Document)]
    assert docs
    seen = 0
    for doc in docs:
        rules = spec_dict(extract(doc, candidates="none"))
        every = extract(doc, candidates="all")
        seen += sum(e.candidate for e in every.events)
        every.events = [e for e in every.events if not e.candidate]
        assert spec_dict(every) == rules, doc.id
    assert seen > 100  # the generator is broad: it proposes many readings


def test_candidates_are_the_same_with_and_without_the_prefilter() -> None:
    docs = [d for d in read_documents([str(CORPUS / "docs-dev.jsonl")]) if isinstance(d, Document)]
    for doc in docs:
        a = extract(doc, candidates="all")
        b = extract(doc, candidates="all", prefilter=False)
        assert spec_dict(a) == spec_dict(b), doc.id
        assert [e.features for e in a.events] == [e.features for e in b.events], doc.id


def test_candidates_are_deterministic() -> None:
    text = (
        "The CAC restricted new Didi App downloads. Roskomnadzor fined Telegram 3 million"
        " roubles, and Google was ordered to have the channels removed."
    )
    runs = [extract(_doc(text), candidates="all").events for _ in range(2)]
    assert [(e.type, e.target, e.features) for e in runs[0]] == [
        (e.type, e.target, e.features) for e in runs[1]
    ]


def test_story_features_tell_the_platform_the_story_is_about() -> None:
    # Telegram is named first and most often; Google once, before its act-word.
    text = (
        "Roskomnadzor fined Telegram 3 million roubles on Friday, and Google was ordered"
        " to have the channels removed. Telegram said it would pay."
    )
    events = extract(_doc(text), candidates="all").events
    google = [e for e in events if e.candidate and e.target == "Google"]
    assert google
    for ev in google:
        assert ev.features["party_first"] == 0.0
        assert ev.features["party_main"] == 0.0
        assert ev.features["party_share"] == pytest.approx(1 / 3)
        assert ev.features["authority_in_document"] == 1.0
        assert ev.features["plain_object"] == 0.0
        assert ev.features["type_in_document"] == float(ev.type == "FINE")


def test_a_platform_right_after_its_act_word_is_its_plain_object() -> None:
    text = (
        "Roskomnadzor fined Telegram 3 million roubles, and a complaint against YouTube followed."
    )
    events = extract(_doc(text), candidates="all").events
    cands = {(e.type, e.target): e.features["plain_object"] for e in events if e.candidate}
    assert cands[("LEGAL_ACTION", "YouTube")] == 1.0
    assert cands[("FINE", "YouTube")] == 0.0  # far from "fined", past the sum


def _place(low: str, word: str) -> tuple[int, int]:
    return low.index(word), low.index(word) + len(word)


def test_lexical_features_name_the_words_around_act_and_platform() -> None:
    low = "on friday, the court ordered google's 12 channels removed."
    start, end = _place(low, "ordered")
    hit = Hit(_trigger(), start, end, end)
    g_start, g_end = _place(low, "google")
    ref = Ref(Entity(id="google", name="Google", kind="search", role="platform"), g_start, g_end)
    got = lexical(low, "en", "DEMAND", hit, ref, 0, len(low))
    assert got == {
        "lex:act:en:DEMAND:ordere": 1.0,  # the act-word's first six letters, with its type
        "lex:pre1:en:ordere": 1.0,  # the words before and after the platform
        "lex:pre2:en:court": 1.0,
        "lex:post1:en:s": 1.0,
        "lex:post2:en:0": 1.0,  # a number is 0
    }
    # The platform before the act: the words between and the marks there, the sentence's
    # start where fewer than two words come before it.
    got = lexical(low, "en", "DEMAND", hit, Ref(ref.entity, 0, 2), 0, len(low))
    assert {"lex:mid:en:friday", "lex:mid:en:the", "lex:mid:en:court", "lex:mark:,"} <= set(got)
    assert got["lex:pre1:en:^"] == got["lex:pre2:en:^"] == 1.0


def test_lexical_features_read_the_few_words_next_to_each_end_of_a_long_gap() -> None:
    words = [f"w{chr(ord('a') + i)}" for i in range(20)]
    low = "fined " + " ".join(words) + " vk"
    hit = Hit(_trigger(), 0, 5, 5)
    vk = Entity(id="vk", name="VK", kind="social_network", role="platform")
    ref = Ref(vk, len(low) - 2, len(low))
    mids = {f for f in lexical(low, "en", "FINE", hit, ref, 0, len(low)) if ":mid:" in f}
    assert mids == {f"lex:mid:en:{words[i]}" for i in (0, 1, 2, 3, 16, 17, 18, 19)}


def _trigger() -> Trigger:
    return Trigger(type="DEMAND", voice="active", regex=re.compile("x"))
