"""Acts on a kind of platform completed by the list a next sentence gives (`extract/events.py`)."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from reading import targets_of

from clampdown.extract.pipeline import extract
from clampdown.model import Document, Event

targets = partial(targets_of, lang="ru")


def test_a_list_said_to_be_of_the_blocked_completes_the_act() -> None:
    found = targets(
        "Роскомнадзор заблокировал более 40 сайтов. Среди заблокированных — BBC, Meduza и"
        " «Северный вестник»."
    )
    assert found == {"BBC", "Meduza", "Северный вестник"}


def test_the_best_known_of_the_list_complete_the_act() -> None:
    found = targets(
        "Суд заблокировал свыше 400 сайтов. В числе наиболее известных — BBC, Meduza и Republic."
    )
    assert found == {"BBC", "Meduza", "Republic"}


def test_a_published_list_completes_the_act() -> None:
    found = targets(
        "Роскомнадзор заблокировал 40 сайтов. В список, опубликованный ведомством, вошли BBC,"
        " Meduza и Republic."
    )
    assert found == {"BBC", "Meduza", "Republic"}


def test_names_after_another_group_do_not_complete_the_act() -> None:
    # Near miss: the next sentence names who suffered an outage, not the list of the act.
    found = targets(
        "Роскомнадзор заблокировал 40 сайтов. Среди пострадавших от сбоя оказались BBC,"
        " Meduza и Republic."
    )
    assert found == set()


def _acts_en(text: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=date(2022, 3, 5), lang="en")
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


def test_an_app_removed_from_a_store_at_a_bodys_request_is_that_bodys_block() -> None:
    found = _acts_en(
        "Apple removed the dating app Lovebird from its App Store at the request of"
        " Roskomnadzor."
    )
    assert ("BLOCK", "Roskomnadzor", "Lovebird") in found


def test_an_app_removed_by_the_store_on_its_own_is_no_block() -> None:
    # Near miss: no body asked for it, the store moderates on its own.
    found = _acts_en("Apple removed the dating app Lovebird from its App Store after a review.")
    assert not any(t == "BLOCK" for t, _, _ in found)


def test_platforms_issued_a_notice_are_warned() -> None:
    found = _acts_en(
        "The news channels — NDTV and Asianet News — were issued a show cause notice by the"
        " information ministry on Monday."
    )
    assert {t for t, _, target in found if target == "NDTV"} == {"WARNING"}


def test_a_restriction_imposed_in_the_passive_blocks_what_it_names() -> None:
    found = _acts_en("Restrictions on WhatsApp and Viber were imposed by Roskomnadzor on Monday.")
    assert ("BLOCK", "Roskomnadzor", "WhatsApp") in found


def test_a_restriction_lifted_in_the_passive_is_no_block() -> None:
    # Near miss: lifted, not imposed.
    found = _acts_en("Restrictions on WhatsApp and Viber were lifted by Roskomnadzor on Monday.")
    assert not any(t == "BLOCK" for t, _, _ in found)


def test_a_kind_of_platform_blocked_in_the_passive_takes_the_next_sentences_list() -> None:
    found = _acts_en(
        "Roskomnadzor ordered Twitter to delete the posts. Three more news websites were made"
        " inaccessible by the regulator on Friday. The sites are those of Meduza and of"
        " Deutsche Welle."
    )
    assert {target for t, _, target in found if t == "BLOCK"} == {"Meduza", "Deutsche Welle"}


def test_a_kind_of_platform_in_the_passive_does_not_take_names_of_another_group() -> None:
    # Near miss: the names the next sentence gives were not blocked.
    found = _acts_en(
        "Roskomnadzor ordered Twitter to delete the posts. Three more news websites were made"
        " inaccessible by the regulator on Friday. Meduza said Deutsche Welle reported it."
    )
    assert not any(t == "BLOCK" for t, _, _ in found)


def _acts(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    doc = Document(id="t", text=text, published=date(2024, 5, 10), lang=lang)
    return {(e.type, e.actor, e.target) for e in extract(doc).events}


def test_an_unnamed_agent_is_the_body_its_paragraph_named_not_the_state() -> None:
    text = (
        "Роскомнадзор потребовал от зарубежных компаний предоставить документы. В отношении"
        " Google составлен административный протокол."
    )
    assert _acts(text, "ru") == {("LEGAL_ACTION", "Roskomnadzor", "Google")}


def test_an_unnamed_agent_with_no_body_in_its_paragraph_is_the_state() -> None:
    # Near miss: the body named in another paragraph does not act here.
    text = (
        "Роскомнадзор потребовал от зарубежных компаний предоставить документы.\n\nВ"
        " отношении Google составлен административный протокол."
    )
    assert _acts(text, "ru") == {("LEGAL_ACTION", "Russia", "Google")}


def test_platforms_before_a_verb_told_again_by_its_pronoun_object_are_acted_on() -> None:
    text = (
        "The digital ministry said it would sue Facebook and Google this week. \u201cWe have"
        " notified the companies and sent them warnings twice,\u201d the minister said."
    )
    warned = {t for kind, _, t in _acts(text, "en") if kind == "WARNING"}
    assert warned == {"Facebook", "Google"}


def test_a_platform_acting_on_another_is_still_no_state_act() -> None:
    # Near miss: the subject and the pronoun object are different platforms.
    text = (
        "Apple criticised Google this week. Facebook sent them warnings about the app, the"
        " report said."
    )
    assert "WARNING" not in {kind for kind, _, _ in _acts(text, "en")}


def test_a_pronoun_opening_a_passive_sentence_is_what_was_acted_on() -> None:
    text = (
        "The Vietnamese government will inspect TikTok in May. It was fined in the United"
        " Kingdom this week."
    )
    assert ("FINE", "United Kingdom", "TikTok") in _acts(text, "en")


def test_a_pronoun_opening_an_active_sentence_still_acts() -> None:
    # Near miss: in the active voice the pronoun is who acted.
    text = "Roskomnadzor warned Telegram on Monday. It fined the messenger 5 million roubles."
    assert ("FINE", "Roskomnadzor", "Telegram") in _acts(text, "en")


def test_a_body_in_a_phrase_right_before_a_participle_is_its_subject() -> None:
    text = (
        "Facebook and Twitter have already received fines, with Roskomnadzor significantly"
        " slowing operating speeds for Twitter."
    )
    assert ("THROTTLE", "Roskomnadzor", "Twitter") in _acts(text, "en")


def test_a_platform_in_a_phrase_before_a_participle_acts_on_its_own() -> None:
    # Near miss: a platform before the participle is no state acting.
    text = (
        "Roskomnadzor has fined Facebook, with Twitter significantly slowing the uploads of"
        " its users."
    )
    assert "THROTTLE" not in {kind for kind, _, _ in _acts(text, "en")}


def test_an_act_told_as_an_intention_is_announced() -> None:
    def status(text: str) -> list[tuple[str, str]]:
        doc = Document(id="t", text=text, lang="en")
        return [(e.type, e.status) for e in extract(doc).events]

    assert status("The regulator announced its intention to take legal action against Meta.") == [
        ("LEGAL_ACTION", "announced")
    ]
    assert status("The regulator took legal action against Meta.") == [("LEGAL_ACTION", "done")]


def _blocks(text: str) -> set[tuple[str, str | None]]:
    doc = Document(id="ordered", text=text, lang="ru")
    return {(e.target or "", e.actor) for e in extract(doc).events if e.type == "BLOCK"}


def test_a_platform_told_to_block_carries_out_the_orderers_block() -> None:
    # "приказал Apple запретить X": Apple stands between the order and the act; the body
    # that orders it blocks X, in the sentence or through the list the next one gives.
    assert _blocks("Роскомнадзор приказал Apple запретить приложения NordVPN и Proton VPN.") == {
        ("NordVPN", "Roskomnadzor"),
        ("ProtonVPN", "Roskomnadzor"),
    }
    assert _blocks(
        "Роскомнадзор приказал Apple запретить некоторые VPN-приложения. В их числе: NordVPN и"
        " Proton VPN."
    ) == {("NordVPN", "Roskomnadzor"), ("ProtonVPN", "Roskomnadzor")}
    # Near miss: a platform blocking on its own, with no order before it, is no state act.
    assert not _blocks("Apple заблокировала приложения NordVPN и Proton VPN.")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Мировой суд оштрафовал Twitch. Протокол на платформу был составлен в связи с"
            " отказом убрать фейки.",
            ("LEGAL_ACTION", "Twitch"),
        ),
        (
            "Роскомнадзор проверил Google. На компанию завели административное дело за"
            " неудаление запрещенного контента.",
            ("LEGAL_ACTION", "Google"),
        ),
    ],
)
def test_a_description_an_act_is_aimed_at_before_the_verb_is_the_platform_named_before(
    text: str, wanted: tuple[str, str]
) -> None:
    assert wanted in {(e.type, e.target) for e in _events_ru(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Мировой суд оштрафовал Twitch. Протокол на главного редактора был составлен в связи"
        " с отказом убрать фейки.",
        "Роскомнадзор проверил Google. На сотрудников завели административное дело за"
        " неудаление запрещенного контента.",
    ],
)
def test_people_an_act_is_aimed_at_are_not_the_platform(text: str) -> None:
    assert "LEGAL_ACTION" not in {e.type for e in _events_ru(text)}


def _events_ru(text: str) -> list[Event]:
    return extract(Document(id="t", text=text, lang="ru", published=date(2022, 3, 5))).events
