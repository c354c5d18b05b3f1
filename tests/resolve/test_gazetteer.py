"""The gazetteer finds whole-word, case-aware, longest mentions of knowledge-base names."""

from __future__ import annotations

from clampdown.model import Entity
from clampdown.resolve.gazetteer import Gazetteer
from clampdown.resolve.morphology import alias_forms

RKN = Entity(
    "ru.rkn",
    "Roskomnadzor",
    "regulator",
    "authority",
    "RU",
    ("RKN", "Russia's communications regulator", "Роскомнадзор"),
)
X = Entity("twitter", "Twitter", "social_network", "platform", "US", ("X", "X Corp"))
SIGNAL = Entity("signal", "Signal", "messenger", "platform", "US", ())
COURT = Entity(
    "ru.tagansky",
    "Tagansky District Court",
    "court",
    "authority",
    "RU",
    ("Таганский районный суд",),
)


def _gaz() -> Gazetteer:
    return Gazetteer.build([RKN, X, SIGNAL, COURT], forms=alias_forms)


def test_names_aliases_and_descriptions() -> None:
    text = "Russia's communications regulator said X Corp and Signal were warned by RKN."
    names = [(m.surface, m.entity.name) for m in _gaz().find(text)]
    assert names == [
        ("Russia's communications regulator", "Roskomnadzor"),
        ("X Corp", "Twitter"),
        ("Signal", "Signal"),
        ("RKN", "Roskomnadzor"),
    ]


def test_case_and_word_boundaries() -> None:
    text = "A weak signal from Xbox and the x-axis; Twitter's reply."
    names = [m.surface for m in _gaz().find(text)]
    assert names == ["Twitter"]


def test_sentence_initial_description_matches() -> None:
    found = _gaz().find("Russia's communications regulator acted.")
    assert found and found[0].entity.id == "ru.rkn"


def test_russian_inflected_forms() -> None:
    text = (
        "Штраф назначил Таганский районный суд по иску Роскомнадзора, "
        "решение Таганского районного суда."
    )
    ids = [m.entity.id for m in _gaz().find(text)]
    assert ids == ["ru.tagansky", "ru.rkn", "ru.tagansky"]


def test_camel_cased_brands_also_match_in_lower_case_and_acronyms_do_not() -> None:
    whatsapp = Entity("whatsapp", "WhatsApp", "messenger", "platform", "US", ())
    gaz = Gazetteer.build([RKN, SIGNAL, whatsapp], forms=alias_forms)
    text = "Whatsapp and whatsapp were blocked; rkn sent a signal."
    assert [m.surface for m in gaz.find(text)] == ["Whatsapp", "whatsapp"]


def test_only_the_head_of_a_russian_name_changes_case() -> None:
    forms = alias_forms("мировой судья Таганского района")
    assert "мирового судьи Таганского района" in forms
    assert "мировому судье Таганского района" in forms
    assert not any("Таганскому" in f for f in forms)
    court = Entity("ru.mag", "Moscow Magistrates' Court", "court", "authority", "RU",
                   ("мировой судья Таганского района",))
    gaz = Gazetteer.build([court], forms=alias_forms)
    found = gaz.find("Штраф выписали решением мирового судьи Таганского района.")
    assert [m.entity.id for m in found] == ["ru.mag"]


def test_a_case_sensitive_name_is_matched_only_as_written() -> None:
    outlet = Entity("now", "Present Tense", "news_outlet", "platform", "US", ("Нынешнее время",),
                    cased=True)
    gaz = Gazetteer.build([outlet], forms=alias_forms)
    text = "В нынешнее время сайт «Нынешнего времени» недоступен."
    assert [m.surface for m in gaz.find(text)] == ["Нынешнего времени"]


def test_the_keys_that_order_the_automaton_find_no_name() -> None:
    # The space and the line break start keys that only order the automaton's characters
    # (`Gazetteer.build`): a text holding such a key still yields its names alone.
    text = "RKN \x00 warned\n\x00 Signal \x00"
    gaz = _gaz()
    assert [m.surface for m in gaz.find(text)] == ["RKN", "Signal"]
    assert [(s, e) for s, e, _ in gaz.places(text)] == [(0, 3), (15, 21)]
